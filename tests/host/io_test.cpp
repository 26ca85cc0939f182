#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>

#include "host_fixture.hpp"
#include "textbench_host/input.hpp"
#include "textbench_host/output.hpp"

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
  }
}

TEST_CASE("JSON strings are escaped so any text round-trips", "[output]") {
  const std::string text = "quote \" backslash \\ newline \n tab \t bell \x07 “curly” नमस्ते";
  std::string out;
  append_json_string(out, text);
  CHECK(nlohmann::json::parse(out).get<std::string>() == text);
}
