// `textbench run` as a user runs it: the real binary in a child process, real files, real signals.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "temp_dir.hpp"

extern char** environ;

namespace fs = std::filesystem;
using nlohmann::json;
using test::TempDir;

namespace {

const std::string kCli = std::string(TEXTBENCH_BUILD_DIR) + "/bin/textbench";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Starts `textbench ARGS...` with stdout and stderr going to files; returns the child's pid.
pid_t spawn(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
  std::vector<std::string> all = {kCli, "--plugin-path", TEXTBENCH_TEST_PLUGIN_DIR};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : all) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int error = posix_spawn(&pid, kCli.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(error == 0);
  return pid;
}

// The exit code, or 128 + the signal that ended the child (as a shell reports it).
int wait_for(pid_t pid) {
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

Result textbench(const TempDir& dir, const std::vector<std::string>& args) {
  const int code = wait_for(spawn(args, dir / "stdout", dir / "stderr"));
  return {code, read_file(dir / "stdout"), read_file(dir / "stderr")};
}

// Waits (up to a minute) until `ready` holds; false if it never did.
template <typename Predicate>
bool wait_until(Predicate ready) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

const std::vector<std::string> kSpeakers = {"Modi", "Gandhi", "Sitharaman", "Kejriwal", "Banerjee"};

// A deterministic corpus whose documents vary in size (so batches finish out of order) and
// carry quotes and amounts for the regex steps. `quotes` counts the quotes per speaker.
std::string make_corpus(std::size_t documents, std::map<std::string, int>* quotes = nullptr) {
  std::string out;
  for (std::size_t i = 0; i < documents; ++i) {
    std::string text = "Story " + std::to_string(i) + ".\n";
    const std::size_t sentences = 1 + (i * 7919) % 23;
    for (std::size_t s = 0; s < sentences; ++s) {
      const std::string& speaker = kSpeakers[(i + s * s) % 7 % kSpeakers.size()];
      if (quotes != nullptr) ++(*quotes)[speaker];
      text += speaker + " said the plan costs Rs " + std::to_string((i * 31 + s) % 977) + " crore in " +
              std::to_string(1990 + (i + s) % 30) + ", \"a fair price\"\tfor all. ";
    }
    out += json({{"id", "d" + std::to_string(i)}, {"text", text}, {"desk", i % 2 == 0 ? "news" : "business"}}).dump() +
           "\n";
  }
  return out;
}

const char* kConfig = R"(name: run-test
steps:
  - plugin: regex_annotator
    name: quotes
    params: {type: quote, pattern: '(?P<speaker>[A-Z][a-z]+) said'}
  - plugin: regex_annotator
    name: money
    params: {type: money, pattern: 'Rs (?P<amount>[0-9]+) (?P<unit>crore|lakh)'}
)";

std::vector<std::string> query(const fs::path& database, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  const int prepared = sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
  INFO(sqlite3_errmsg(db));
  REQUIRE(prepared == SQLITE_OK);
  std::vector<std::string> rows;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    std::string row;
    for (int column = 0; column < sqlite3_column_count(statement); ++column) {
      if (column > 0) row += "|";
      const auto* text = sqlite3_column_text(statement, column);
      row += text == nullptr ? "NULL" : reinterpret_cast<const char*>(text);
    }
    rows.push_back(row);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

}  // namespace

TEST_CASE("output is in input order, byte for byte the same with -j 1 and -j 4", "[run]") {
  TempDir dir;
  const auto config = dir.write("p.yaml", kConfig);
  const auto input = dir.write("in.jsonl", make_corpus(3000));
  const auto one =
      textbench(dir, {"run", config.string(), input.string(), "-j", "1", "-o", (dir / "one.jsonl").string()});
  REQUIRE(one.exit_code == 0);
  const auto four =
      textbench(dir, {"run", config.string(), input.string(), "-j", "4", "-o", (dir / "four.jsonl").string()});
  REQUIRE(four.exit_code == 0);
  const std::string expected = read_file(dir / "one.jsonl");
  CHECK(read_file(dir / "four.jsonl") == expected);
  const auto lines = lines_of(expected);
  REQUIRE(lines.size() == 3000);
  for (std::size_t i = 0; i < lines.size(); i += 499) CHECK(json::parse(lines[i])["id"] == "d" + std::to_string(i));
  CHECK_THAT(four.err, Catch::Contains("3000 documents"));
  CHECK_THAT(four.err, Catch::Contains("step quotes (regex_annotator)"));
}

TEST_CASE("every sink at once: JSONL, SQLite, TSV tables, a text folder; --stats", "[run]") {
  TempDir dir;
  std::map<std::string, int> quotes;
  const auto config = dir.write("p.yaml", kConfig);
  const auto input = dir.write("in.jsonl", make_corpus(500, &quotes));
  const auto result =
      textbench(dir, {"run", config.string(), input.string(), "-o", (dir / "out.jsonl").string(), "--sqlite",
                      (dir / "out.db").string(), "--tables", (dir / "tables").string(), "--text-dir",
                      (dir / "clean").string(), "--stats", (dir / "stats.json").string()});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  int total_quotes = 0;
  std::string top_speaker;
  for (const auto& [speaker, count] : quotes) {
    total_quotes += count;
    if (top_speaker.empty() || count > quotes[top_speaker]) top_speaker = speaker;
  }

  SECTION("SQLite answers 'who is quoted most' with one query") {
    const auto top = query(dir / "out.db",
                           "SELECT a.value, count(*) AS n FROM attributes a JOIN annotations q ON q.id = a.annotation "
                           "WHERE q.type = 'quote' AND a.name = 'speaker' GROUP BY a.value ORDER BY n DESC LIMIT 1");
    REQUIRE(top.size() == 1);
    CHECK(top[0] == top_speaker + "|" + std::to_string(quotes[top_speaker]));
    CHECK(query(dir / "out.db", "SELECT count(*) FROM documents") == std::vector<std::string>{"500"});
    CHECK(query(dir / "out.db", "SELECT json_extract(meta, '$.desk') FROM documents WHERE id = 'd1'") ==
          std::vector<std::string>{"business"});
    CHECK(query(dir / "out.db", "SELECT documents, finished IS NOT NULL FROM runs") ==
          std::vector<std::string>{"500|1"});
    CHECK(query(dir / "out.db", "SELECT count(*) FROM sqlite_master WHERE type = 'index'") ==
          std::vector<std::string>{"5"});
  }
  SECTION("one TSV table per annotation type, attributes as columns, tabs escaped") {
    const auto rows = lines_of(read_file(dir / "tables" / "quote.tsv"));
    REQUIRE(rows.size() == static_cast<std::size_t>(total_quotes) + 1);
    CHECK(rows[0] == "document\tbegin\tend\tsource_begin\tsource_end\ttext\tspeaker\tmore_attrs");
    CHECK(rows[1].starts_with("d0\t9\t18\t9\t18\tModi said\tModi\t"));
    const auto money = lines_of(read_file(dir / "tables" / "money.tsv"));
    CHECK(money[0] == "document\tbegin\tend\tsource_begin\tsource_end\ttext\tamount\tunit\tmore_attrs");
    CHECK(money.size() == rows.size());
  }
  SECTION("a text folder holds each document's text under its id") {
    const auto first = json::parse(lines_of(read_file(dir / "out.jsonl"))[0]);
    CHECK(read_file(dir / "clean" / "d0.txt") == first["text"].get<std::string>());
    CHECK(fs::exists(dir / "clean" / "d499.txt"));
  }
  SECTION("--stats has the closing figures as JSON") {
    const auto stats = json::parse(read_file(dir / "stats.json"));
    CHECK(stats["documents"] == 500);
    CHECK(stats["failed"] == 0);
    CHECK(stats["steps"].size() == 2);
    CHECK(stats["steps"][0]["label"] == "quotes");
  }
}

TEST_CASE("the config's output section: CSV tables and one text file, relative to the current folder", "[run]") {
  TempDir dir;
  const auto config = dir.write("p.yaml", std::string(kConfig) + "output:\n  jsonl: " + (dir / "out.jsonl").string() +
                                              "\n  tables: {dir: " + (dir / "csv").string() +
                                              ", format: csv}\n  text: {file: " + (dir / "all.txt").string() + "}\n");
  const auto input = dir.write("in.jsonl", make_corpus(20));
  const auto result = textbench(dir, {"run", config.string(), input.string()});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.empty());
  CHECK(lines_of(read_file(dir / "out.jsonl")).size() == 20);
  const auto rows = lines_of(read_file(dir / "csv" / "quote.csv"));
  CHECK(rows[0] == "document,begin,end,source_begin,source_end,text,speaker,more_attrs");
  CHECK_THAT(read_file(dir / "all.txt"), Catch::StartsWith("Story 0.\n") && Catch::Contains("\nStory 19.\n"));

  const auto bad = dir.write("bad.yaml", std::string(kConfig) + "output:\n  tables: {dir: t, format: xls}\n");
  const auto rejected = textbench(dir, {"run", bad.string(), input.string()});
  CHECK(rejected.exit_code == 2);
  CHECK_THAT(rejected.err, Catch::Contains("bad.yaml:10:") && Catch::Contains("allowed: tsv, csv"));
}

TEST_CASE("a failing plugin: the errors file names the document, plugin and message", "[run]") {
  TempDir dir;
  const auto config = dir.write("p.yaml", "name: flaky\nsteps:\n  - plugin: flaky\n");
  const auto input = dir.write("in.jsonl", json({{"id", "a"}, {"text", "fine"}}).dump() + "\n" +
                                               json({{"id", "b"}, {"text", "explode"}}).dump() + "\n" +
                                               json({{"id", "c"}, {"text", "fine too"}}).dump() + "\n");
  const auto result = textbench(dir, {"run", config.string(), input.string(), "-o", (dir / "out.jsonl").string()});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("document 'b'") && Catch::Contains("trigger word"));
  const auto output = lines_of(read_file(dir / "out.jsonl"));
  CHECK(output.size() == 2);
  const auto errors = lines_of(read_file(dir / "out.errors.jsonl"));  // the default name
  REQUIRE(errors.size() == 1);
  const auto error = json::parse(errors[0]);
  CHECK(error["kind"] == "failed");
  CHECK(error["document"] == "b");
  CHECK(error["plugin"] == "flaky");
  CHECK(error["where"] == input.string() + ":2");
  CHECK_THAT(error["message"].get<std::string>(), Catch::Contains("trigger word 'explode'"));

  const auto chosen = textbench(dir, {"run", config.string(), input.string(), "-o", (dir / "out.jsonl").string(),
                                      "--errors", (dir / "problems.jsonl").string()});
  CHECK(chosen.exit_code == 1);
  CHECK(lines_of(read_file(dir / "problems.jsonl")).size() == 1);
}

TEST_CASE("a malformed input line is reported with file and line and skipped", "[run]") {
  TempDir dir;
  const auto config = dir.write("p.yaml", kConfig);
  const auto input =
      dir.write("in.jsonl", json({{"id", "a"}, {"text", "Modi said so"}}).dump() + "\n{\"id\": \"b\", \"text\": \n" +
                                json({{"id", "c"}, {"text", "ok"}}).dump() + "\n");
  const auto result = textbench(dir, {"run", config.string(), input.string(), "-o", (dir / "out.jsonl").string()});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains(input.string() + ":2: skipped: not"));
  const auto output = lines_of(read_file(dir / "out.jsonl"));
  REQUIRE(output.size() == 2);
  CHECK(json::parse(output[1])["id"] == "c");
  const auto error = json::parse(lines_of(read_file(dir / "out.errors.jsonl")).at(0));
  CHECK(error["kind"] == "unreadable");
  CHECK(error["where"] == input.string() + ":2");
}

TEST_CASE("invalid UTF-8: replaced by default, rejected when the config says so", "[run]") {
  TempDir dir;
  const auto input =
      dir.write("in.jsonl", "{\"id\": \"bad\", \"text\": \"caf\xff\"}\n{\"id\": \"good\", \"text\": \"ok\"}\n");
  const auto replace = textbench(dir, {"run", dir.write("p.yaml", kConfig).string(), input.string()});
  CHECK(replace.exit_code == 0);
  CHECK_THAT(replace.out, Catch::Contains("caf\xEF\xBF\xBD"));
  CHECK_THAT(replace.err, Catch::Contains("invalid UTF-8 replaced"));

  const auto config = dir.write("reject.yaml", std::string(kConfig) + "input: {utf8: reject}\n");
  const auto reject = textbench(dir, {"run", config.string(), input.string(), "-o", (dir / "out.jsonl").string()});
  CHECK(reject.exit_code == 1);
  CHECK_THAT(reject.err, Catch::Contains(input.string() + ":1: skipped: invalid UTF-8"));
  CHECK(lines_of(read_file(dir / "out.jsonl")).size() == 1);
}

TEST_CASE("folders (recursive, include/exclude globs), .txt ids and .jsonl.gz input", "[run]") {
  TempDir dir;
  dir.write("corpus/b/two.txt", "Second.");
  dir.write("corpus/a/one.txt", "First.");
  dir.write("corpus/skip/three.txt", "Left out.");
  dir.write("corpus/notes.md", "Not a document.");
  const std::string gz_lines = json({{"id", "z1"}, {"text", "Zipped one."}}).dump() + "\n" +
                               json({{"id", "z2"}, {"text", "Zipped two."}}).dump() + "\n";
  gzFile gz = gzopen((dir / "corpus" / "c.jsonl.gz").c_str(), "wb");
  REQUIRE(gz != nullptr);
  gzwrite(gz, gz_lines.data(), static_cast<unsigned>(gz_lines.size()));
  gzclose(gz);
  const auto config = dir.write("p.yaml", kConfig);
  auto ids = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"run", config.string(), (dir / "corpus").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto result = textbench(dir, args);
    INFO(result.err);
    CHECK(result.exit_code == 0);
    std::vector<std::string> found;
    for (const auto& line : lines_of(result.out)) found.push_back(json::parse(line)["id"]);
    return found;
  };
  CHECK(ids({"--exclude", "skip/*"}) == std::vector<std::string>{"a/one.txt", "b/two.txt", "z1", "z2"});
  CHECK(ids({"--include", "*.txt", "--exclude", "three.txt"}) == std::vector<std::string>{"a/one.txt", "b/two.txt"});
  CHECK(ids({"--include", "*.md"}) == std::vector<std::string>{"notes.md"});
}

TEST_CASE("Ctrl-C finishes the documents in flight, flushes, exits 130; --resume completes the run", "[run][signal]") {
  TempDir dir;
  const auto config = dir.write("p.yaml", kConfig);
  const auto input = dir.write("in.jsonl", make_corpus(40000));
  REQUIRE(textbench(dir, {"run", config.string(), input.string(), "-o", (dir / "clean.jsonl").string()}).exit_code ==
          0);
  const std::string clean = read_file(dir / "clean.jsonl");

  const auto output = dir / "out.jsonl";
  const std::vector<std::string> args = {"run", config.string(),      input.string(), "-o", output.string(), "-j",
                                         "2",   "--checkpoint-every", "0.05"};
  const pid_t pid = spawn(args, dir / "stdout", dir / "stderr");
  REQUIRE(wait_until([&] { return fs::exists(output) && fs::file_size(output) > 0; }));
  kill(pid, SIGINT);
  REQUIRE(wait_for(pid) == 130);
  const std::string interrupted = read_file(output);
  INFO("the run finished before the signal arrived; the test needs a larger corpus");
  REQUIRE(interrupted.size() < clean.size());
  REQUIRE_FALSE(interrupted.empty());
  CHECK(interrupted.back() == '\n');  // whole lines only
  CHECK(clean.compare(0, interrupted.size(), interrupted) == 0);
  CHECK_THAT(read_file(dir / "stderr"), Catch::Contains("interrupted") && Catch::Contains("--resume"));

  std::vector<std::string> resume = args;
  resume.emplace_back("--resume");
  const auto resumed = textbench(dir, resume);
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK(read_file(output) == clean);
  CHECK_FALSE(fs::exists(output.string() + ".checkpoint"));  // a finished run leaves none
}

TEST_CASE("kill -9, then --resume: JSONL, tables and database identical to a clean run", "[run][signal]") {
  TempDir dir;
  const auto config = dir.write("p.yaml", kConfig);
  const auto input = dir.write("in.jsonl", make_corpus(40000));
  auto args_for = [&](const std::string& name) {
    return std::vector<std::string>{"run",
                                    config.string(),
                                    input.string(),
                                    "-j",
                                    "2",
                                    "--checkpoint-every",
                                    "0.05",
                                    "-o",
                                    (dir / name / "out.jsonl").string(),
                                    "--tables",
                                    (dir / name / "tables").string(),
                                    "--sqlite",
                                    (dir / name / "out.db").string()};
  };
  REQUIRE(textbench(dir, args_for("clean")).exit_code == 0);

  const pid_t pid = spawn(args_for("killed"), dir / "stdout", dir / "stderr");
  REQUIRE(wait_until([&] { return fs::exists(dir / "killed" / "out.jsonl.checkpoint"); }));
  kill(pid, SIGKILL);
  REQUIRE(wait_for(pid) == 128 + SIGKILL);
  INFO("the run finished before the kill; the test needs a larger corpus");
  REQUIRE(fs::file_size(dir / "killed" / "out.jsonl") < fs::file_size(dir / "clean" / "out.jsonl"));

  auto resume = args_for("killed");
  resume.emplace_back("--resume");
  const auto resumed = textbench(dir, resume);
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.err, Catch::Contains("resumed after"));
  CHECK(read_file(dir / "killed" / "out.jsonl") == read_file(dir / "clean" / "out.jsonl"));
  for (const char* table : {"quote.tsv", "money.tsv"}) {
    CHECK(read_file(dir / "killed" / "tables" / table) == read_file(dir / "clean" / "tables" / table));
  }
  for (const char* sql :
       {"SELECT ordinal, id, text, meta, errors FROM documents ORDER BY ordinal",
        "SELECT * FROM annotations ORDER BY id", "SELECT * FROM attributes ORDER BY annotation, name"}) {
    CHECK(query(dir / "killed" / "out.db", sql) == query(dir / "clean" / "out.db", sql));
  }
  CHECK(query(dir / "killed" / "out.db", "SELECT count(*), max(documents) FROM runs") ==
        std::vector<std::string>{"2|40000"});
}

TEST_CASE("resume refuses a checkpoint from another command, and standard output", "[run]") {
  TempDir dir;
  const auto config = dir.write("p.yaml", kConfig);
  const auto input = dir.write("in.jsonl", make_corpus(10));
  dir.write("out.jsonl.checkpoint", "textbench-checkpoint\t1\ndocuments\t5\nfingerprint\tsomething else\n");
  const auto other =
      textbench(dir, {"run", config.string(), input.string(), "-o", (dir / "out.jsonl").string(), "--resume"});
  CHECK(other.exit_code == 2);
  CHECK_THAT(other.err, Catch::Contains("another pipeline, inputs or outputs"));
  const auto to_stdout = textbench(dir, {"run", config.string(), input.string(), "--resume"});
  CHECK(to_stdout.exit_code == 2);
  CHECK_THAT(to_stdout.err, Catch::Contains("standard output cannot be resumed"));
}
