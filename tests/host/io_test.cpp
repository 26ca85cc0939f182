#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <random>

#include "host_fixture.hpp"
#include "textbench_host/input.hpp"
#include "textbench_host/output.hpp"
#include "textbench_host/sinks.hpp"

using namespace textbench::host;

TEST_CASE("folders are read recursively in sorted order; ids are relative paths", "[input]") {
  test::TempDir dir;
  dir.write("corpus/b.txt", "second");
  dir.write("corpus/a/one.txt", "first");
  dir.write("corpus/notes.md", "ignored");
  dir.write("corpus/c.jsonl", "{\"id\": 7, \"text\": \"third\"}\n");
  InputReader reader({(dir.path() / "corpus").string()}, Utf8Policy::Replace);
  std::vector<InputProblem> problems;
  InputDocument document;
  std::vector<std::string> seen;
  while (reader.next(document, problems)) seen.push_back(document.id + "=" + document.text);
  CHECK(problems.empty());
  CHECK(seen == std::vector<std::string>{"a/one.txt=first", "b.txt=second", "7=third"});
}

TEST_CASE("invalid UTF-8 is replaced or rejected by policy", "[input]") {
  test::TempDir dir;
  const auto file = dir.write("bad.txt", std::string("caf\xC3 ok \xFF\xFE end"));
  {
    InputReader reader({file.string()}, Utf8Policy::Replace);
    std::vector<InputProblem> problems;
    InputDocument document;
    REQUIRE(reader.next(document, problems));
    CHECK(document.repaired_utf8);
    CHECK(document.text == "caf\xEF\xBF\xBD ok \xEF\xBF\xBD\xEF\xBF\xBD end");
    CHECK(is_valid_utf8(document.text));
  }
  {
    InputReader reader({file.string()}, Utf8Policy::Reject);
    std::vector<InputProblem> problems;
    InputDocument document;
    CHECK_FALSE(reader.next(document, problems));
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].message, Catch::Contains("invalid UTF-8"));
  }
}

TEST_CASE("JSONL records with blank lines, CRLF, no final newline and lines longer than the read buffer", "[input]") {
  test::TempDir dir;
  // Long enough that one line spans several reads and the read buffer must grow.
  const std::string long_text(3u << 20, 'x');
  const std::string content = "{\"id\": \"a\", \"text\": \"one\"}\r\n\n   \t\n{\"id\": \"b\", \"text\": \"" +
                              long_text +
                              "\"}\n\r\n{\"text\": \"no id\"}\nnot json\n{\"id\": \"last\", \"text\": \"end\"}";
  const auto file = dir.write("c.jsonl", content);
  InputReader reader({file.string()}, Utf8Policy::Replace);
  std::vector<InputProblem> problems;
  InputDocument document;
  std::vector<std::string> seen;
  while (reader.next(document, problems)) seen.push_back(document.id + "=" + std::to_string(document.text.size()));
  CHECK(seen ==
        std::vector<std::string>{"a=3", "b=" + std::to_string(long_text.size()), file.string() + ":6=5", "last=3"});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where == file.string() + ":7");
  CHECK(reader.bytes_read() == content.size());
}

TEST_CASE("batches hold whole records in order, and skip passes over records without parsing them", "[input]") {
  test::TempDir dir;
  std::string content;
  for (int i = 0; i < 1000; ++i) content += "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"t\"}\n";
  content += "broken\n";
  const auto file = dir.write("many.jsonl", content);
  {
    InputReader reader({file.string()}, Utf8Policy::Replace);
    RecordParser parser;
    RawBatch batch;
    std::size_t records = 0;
    std::size_t batches = 0;
    while (reader.read_batch(batch, 64, 1u << 20)) {
      ++batches;
      CHECK(batch.records.size() <= 64);
      for (const RawRecord& record : batch.records) {
        InputDocument document;
        InputProblem problem;
        if (records < 1000) {
          REQUIRE(reader.parse(batch, record, parser, document, problem));
          CHECK(document.id == "d" + std::to_string(records));
        } else {
          CHECK_FALSE(reader.parse(batch, record, parser, document, problem));
          CHECK(problem.where == file.string() + ":1001");
        }
        ++records;
      }
    }
    CHECK(records == 1001);
    CHECK(batches == 16);
  }
  {
    InputReader reader({file.string()}, Utf8Policy::Replace);
    CHECK(reader.skip(998) == 998);
    std::vector<InputProblem> problems;
    InputDocument document;
    REQUIRE(reader.next(document, problems));
    CHECK(document.id == "d998");
    CHECK(reader.skip(5) == 2);  // d999 and the broken line: the end of the input
  }
}

TEST_CASE("a missing input is an error that names it", "[input]") {
  CHECK_THROWS_WITH(InputReader({"/nonexistent/corpus.jsonl"}, Utf8Policy::Replace),
                    Catch::Contains("/nonexistent/corpus.jsonl"));
}

TEST_CASE("random texts round-trip through the JSON escaper, across 16-byte blocks", "[output]") {
  // Pieces that need escaping, plain ASCII and multi-byte UTF-8, at every alignment.
  const std::vector<std::string> pieces = {"a",    "bc", "\"", "\\", "\n", "\t",  "\x01",
                                           "\x1f", " ",  "é",  "“",  "नम", "\x7f"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), length(0, 60);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (std::size_t n = length(rng); n > 0; --n) text += pieces[pick(rng)];
    std::string out;
    append_json_string(out, text);
    INFO("text of " << text.size() << " bytes");
    REQUIRE(nlohmann::json::parse(out).get<std::string>() == text);
    // Attribute values (and annotation texts) take the other writer, into reserved room.
    std::string value;
    append_json_value(value, textbench::Value(text));
    REQUIRE(nlohmann::json::parse(value).get<std::string>() == text);
    // A JSONL line: the document's text, an annotation's span and an attribute, each a writer of
    // its own (chunked text, short strings, tails that overlap).
    textbench::Document document("doc", text);
    auto char_start = [&](std::size_t at) {  // spans start and end between UTF-8 characters
      while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
      return at;
    };
    const std::size_t begin = char_start(text.size() / 3);
    const std::size_t end = std::max(begin, char_start(text.size() - text.size() / 4));
    document.annotate("span", begin, end).attrs.set(text, std::string_view(text));
    ByteBuffer line;
    append_document_jsonl(line, document, {});
    REQUIRE(line.view().back() == '\n');
    const auto json = nlohmann::json::parse(line.view());
    REQUIRE(json["text"].get<std::string>() == text);
    REQUIRE(json["annotations"][0]["text"].get<std::string>() == text.substr(begin, end - begin));
    REQUIRE(json["annotations"][0]["attrs"][text].get<std::string>() == text);
  }
}

TEST_CASE("a long document's text is escaped across the writer's chunks", "[output]") {
  std::string text;
  std::mt19937 rng(3);
  for (int i = 0; i < 100000; ++i) text += (rng() % 97 == 0) ? "\"\n" : "abÃ©";
  textbench::Document document("long", text);
  ByteBuffer line;
  append_document_jsonl(line, document, {});
  CHECK(nlohmann::json::parse(line.view())["text"].get<std::string>() == text);
}

TEST_CASE("ByteBuffer keeps its contents across growth, room and commit", "[output]") {
  ByteBuffer buffer;
  std::string expected;
  std::mt19937 rng(11);
  std::uniform_int_distribution<std::size_t> length(0, 5000);
  for (int round = 0; round < 300; ++round) {
    const std::size_t n = length(rng);
    const char byte = static_cast<char>('a' + round % 26);
    if (round % 2 == 0) {
      buffer.append(std::string(n, byte));
    } else {  // reserve more than is used, as annotation rendering does
      char* p = buffer.room(2 * n + 1);
      std::fill(p, p + n, byte);
      buffer.commit(p + n);
    }
    expected.append(n, byte);
    REQUIRE(buffer.size() == expected.size());
  }
  CHECK(buffer.view() == expected);
  const std::size_t capacity = buffer.capacity();
  buffer.clear();
  CHECK(buffer.view().empty());
  CHECK(buffer.capacity() == capacity);  // reused, not given back
  buffer.release_above(capacity);
  CHECK(buffer.capacity() == capacity);
  buffer.release_above(capacity - 1);
  CHECK(buffer.capacity() == 0);
  buffer.push_back('x');
  CHECK(buffer.view() == "x");
}

TEST_CASE("JSON strings are escaped so any text round-trips", "[output]") {
  const std::string text = "quote \" backslash \\ newline \n tab \t bell \x07 “curly” नमस्ते";
  std::string out;
  append_json_string(out, text);
  CHECK(nlohmann::json::parse(out).get<std::string>() == text);
}

TEST_CASE("an output file keeps no disk blocks past its end once closed, and resumes cut back", "[output]") {
  test::TempDir dir;
  const auto path = (dir / "out.jsonl").string();
  const std::string line(1000, 'x');
  {
    OutputFile file(path);
    for (int i = 0; i < 12000; ++i) file.write(line);  // 12 MB: large enough to reserve ahead
    file.sync();
    CHECK(file.size() == 12000 * line.size());
  }
  auto blocks_beyond_size = [&] {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return static_cast<std::int64_t>(info.st_blocks) * 512 - static_cast<std::int64_t>(info.st_size);
  };
  CHECK(std::filesystem::file_size(path) == 12000 * line.size());
  CHECK(blocks_beyond_size() < 64 * 1024);  // what was reserved ahead (64 MB) was given back
  {
    OutputFile file(path, std::uint64_t{10000 * line.size()});  // --resume from a checkpoint
    file.write(line);
  }
  CHECK(std::filesystem::file_size(path) == 10001 * line.size());
  CHECK(blocks_beyond_size() < 64 * 1024);

  // A small file (an errors file, a table) reserves nothing ahead, even while it is open.
  OutputFile small(path);
  for (int i = 0; i < 100; ++i) small.write(line);
  small.sync();
  CHECK(blocks_beyond_size() < 64 * 1024);
}
