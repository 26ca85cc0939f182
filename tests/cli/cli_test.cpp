// Runs the built textbench binary as a user would and checks what it prints and returns.
#include <sys/wait.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

using Catch::Contains;
using nlohmann::json;

namespace {

struct Result {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

const std::string kTextbench = std::string(TEXTBENCH_BUILD_DIR) + "/bin/textbench";
const std::string kSource = TEXTBENCH_SOURCE_DIR;

// Runs textbench with the given arguments (shell words) in the source folder.
Result textbench(const std::string& arguments, const std::string& stdin_text = "") {
  static int counter = 0;
  const std::string base = "/tmp/textbench-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  std::ofstream(base + ".in") << stdin_text;
  const std::string command = "cd " + kSource + " && " + kTextbench + " " + arguments + " < " + base + ".in > " + base +
                              ".out 2> " + base + ".err";
  const int status = std::system(command.c_str());
  Result result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::stringstream out, err;
  out << std::ifstream(base + ".out").rdbuf();
  err << std::ifstream(base + ".err").rdbuf();
  result.out = out.str();
  result.err = err.str();
  std::remove((base + ".in").c_str());
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  return result;
}

std::vector<json> parse_jsonl(const std::string& text) {
  std::vector<json> documents;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) documents.push_back(json::parse(line));
  return documents;
}

std::string bytes(const std::string& text, const json& begin, const json& end) {
  return text.substr(begin.get<std::size_t>(), end.get<std::size_t>() - begin.get<std::size_t>());
}

}  // namespace

TEST_CASE("the version and help flags work", "[cli]") {
  const auto version = textbench("--version");
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.out, Contains("textbench") && Contains("plugin ABI"));
  const auto help = textbench("run --help");
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Contains("--fail-fast"));
}

TEST_CASE("plugins and describe show the shipped plugins", "[cli]") {
  const auto listed = textbench("plugins");
  CHECK(listed.exit_code == 0);
  CHECK_THAT(listed.out, Contains("regex_annotator") && Contains("Marks every match"));
  const auto described = textbench("describe regex_annotator");
  CHECK(described.exit_code == 0);
  CHECK_THAT(described.out, Contains("pattern (string") && Contains("Annotation type to write"));
  const auto unknown = textbench("describe regex_anotator");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Contains("did you mean 'regex_annotator'?"));
}

TEST_CASE("two regex steps over the sample corpus: JSONL with offsets that match the text", "[cli]") {
  const auto result = textbench("run configs/regex-demo.yaml samples/news.jsonl");
  REQUIRE(result.exit_code == 0);
  const auto documents = parse_jsonl(result.out);
  REQUIRE(documents.size() == 5);
  CHECK(documents[0]["id"] == "sample-flood-relief");
  std::vector<std::string> money;
  for (const auto& document : documents) {
    const std::string text = document["text"];
    for (const auto& annotation : document["annotations"]) {
      CHECK(bytes(text, annotation["begin"], annotation["end"]) == annotation["text"].get<std::string>());
      CHECK(bytes(text, annotation["source_begin"], annotation["source_end"]) == annotation["text"].get<std::string>());
      if (annotation["type"] == "money") money.push_back(annotation["text"]);
    }
  }
  CHECK(money == std::vector<std::string>{"Rs 1,200 crore"});
}

TEST_CASE("a bad config exits 2 with a located error and processes nothing", "[cli]") {
  std::ofstream("/tmp/textbench-cli-bad.yaml")
      << "name: bad\nsteps:\n  - plugin: regex_annotator\n    params: {type: x}\n";
  const auto result = textbench("run /tmp/textbench-cli-bad.yaml samples/news.jsonl");
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK_THAT(result.err, Contains("/tmp/textbench-cli-bad.yaml:3:13: error: give a 'pattern'"));
  CHECK(textbench("validate /tmp/textbench-cli-bad.yaml").exit_code == 2);
  CHECK(textbench("validate configs/regex-demo.yaml").exit_code == 0);
}

TEST_CASE("standard input, text format, and a missing input", "[cli]") {
  const auto piped = textbench("run configs/regex-demo.yaml - --format text -q", "Founded in 2016.\n");
  CHECK(piped.exit_code == 0);
  CHECK(piped.out == "Founded in 2016.\n");
  CHECK(piped.err.empty());  // -q after the subcommand works too
  const auto jsonl = textbench("run configs/regex-demo.yaml -", "{\"id\": \"x\", \"text\": \"In 1999.\"}\nbroken\n");
  CHECK(jsonl.exit_code == 1);
  CHECK(parse_jsonl(jsonl.out).size() == 1);
  CHECK_THAT(jsonl.err, Contains("-:2: skipped"));
  const auto missing = textbench("run configs/regex-demo.yaml /nonexistent.jsonl");
  CHECK(missing.exit_code == 4);
  CHECK_THAT(missing.err, Contains("/nonexistent.jsonl"));
}

#ifdef TEXTBENCH_HAVE_DEFAULT_PIPELINE
TEST_CASE("the default pipeline strips, counts and quotes; quotes map back to the source", "[cli][default]") {
  const auto result = textbench("run configs/news.yaml samples/news.jsonl");
  REQUIRE(result.exit_code == 0);
  const auto documents = parse_jsonl(result.out);
  REQUIRE(documents.size() == 5);

  std::ifstream sample(kSource + "/samples/news.jsonl");
  std::map<std::string, std::string> sources;
  for (std::string line; std::getline(sample, line);) {
    const json record = json::parse(line);
    sources[record["id"]] = record["text"];
  }

  const json& flood = documents[0];
  const std::string text = flood["text"];
  const std::string& source = sources.at(flood["id"]);
  CHECK(text.find("Also read") == std::string::npos);
  CHECK(text.find("ALSO READ") == std::string::npos);
  CHECK(text.size() < source.size());

  std::map<std::string, std::size_t> first_index;  // steps append in order: stripper, numerals, quotes
  std::size_t index = 0;
  bool found_quote = false;
  for (const auto& annotation : flood["annotations"]) {
    const std::string type = annotation["type"];
    first_index.emplace(type, index++);
    if (type == "boilerplate") {
      CHECK_THAT(bytes(source, annotation["source_begin"], annotation["source_end"]),
                 Contains("lso read") || Contains("LSO READ"));
      continue;
    }
    // Every other annotation covers the same words in the final text and in the original.
    CHECK(bytes(text, annotation["begin"], annotation["end"]) == annotation["text"].get<std::string>());
    CHECK(bytes(source, annotation["source_begin"], annotation["source_end"]) == annotation["text"].get<std::string>());
    if (type == "quote" && annotation["text"].get<std::string>().starts_with("We are working round the clock")) {
      found_quote = true;
      CHECK(annotation["attrs"]["speaker"] == "Anita Rao");
      // The quote sits below a removed line: its offsets differ between text and source.
      CHECK(annotation["source_begin"].get<std::size_t>() > annotation["begin"].get<std::size_t>());
    }
    if (type == "numeral" && annotation["text"] == "2.5 lakh") CHECK(annotation["attrs"]["value"] == "250000");
  }
  CHECK(found_quote);
  CHECK(first_index.at("boilerplate") < first_index.at("numeral"));
  CHECK(first_index.at("numeral") < first_index.at("quote"));
}
#endif
