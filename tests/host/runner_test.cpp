// The run loop: output format and offsets, error policies, unreadable input.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "host_fixture.hpp"
#include "textbench_host/runner.hpp"

using namespace textbench::host;
using nlohmann::json;

namespace {

struct RunResult {
  int exit_code;
  std::vector<json> documents;
  RunSummary summary;
};

RunResult run(const std::string& yaml, const std::string& input, RunOptions options = {}) {
  test::TempDir dir;
  ConfigErrors errors;
  const auto config = load_config(dir.write("p.yaml", yaml), errors);
  auto registry = test::make_registry();
  const auto plan = plan_pipeline(config, registry, errors, test::quiet_logger());
  REQUIRE(errors.format() == "");
  options.inputs = {dir.write("in.jsonl", input).string()};
  options.outputs.jsonl = (dir.path() / "out.jsonl").string();
  options.threads = 2;
  if (options.on_error == ErrorPolicy::Skip) options.on_error = config.on_error;
  options.max_errors = config.max_errors;
  RunResult result;
  auto logger = test::quiet_logger();
  result.exit_code = run_pipeline(plan, options, *logger, result.summary);
  std::ifstream out(options.outputs.jsonl);
  for (std::string line; std::getline(out, line);) result.documents.push_back(json::parse(line));
  return result;
}

std::string slice(const std::string& text, const json& begin, const json& end) {
  return text.substr(begin.get<std::size_t>(), end.get<std::size_t>() - begin.get<std::size_t>());
}

const char* kTwoSteps = R"(name: two
steps:
  - plugin: regex_annotator
    params: {type: year, pattern: '\b(19|20)\d\d\b'}
  - plugin: regex_annotator
    name: amounts
    params: {type: money, pattern: 'Rs (?P<amount>[0-9,]+) (?P<unit>crore|lakh)'}
)";

}  // namespace

TEST_CASE("two regex steps write JSONL with correct offsets, in input order", "[runner]") {
  const std::string first = "In 2019 the plan cost Rs 3,500 crore; in 1998 it was “Rs 90 lakh”.";
  const std::string input = json({{"id", "d1"}, {"text", first}, {"desk", "business"}}).dump() + "\n" +
                            json({{"id", "d2"}, {"text", "No figures here."}}).dump() + "\n";
  const auto result = run(kTwoSteps, input);
  CHECK(result.exit_code == kExitOk);
  REQUIRE(result.documents.size() == 2);
  const json& doc = result.documents[0];
  CHECK(doc["id"] == "d1");
  CHECK(doc["text"] == first);
  CHECK(doc["meta"]["desk"] == "business");
  const auto& annotations = doc["annotations"];
  REQUIRE(annotations.size() == 4);
  std::vector<std::string> seen;
  for (const auto& a : annotations) {
    CHECK(slice(first, a["begin"], a["end"]) == a["text"].get<std::string>());
    CHECK(slice(first, a["source_begin"], a["source_end"]) == a["text"].get<std::string>());
    seen.push_back(a["type"].get<std::string>() + ":" + a["text"].get<std::string>());
  }
  CHECK(seen == std::vector<std::string>{"year:2019", "year:1998", "money:Rs 3,500 crore", "money:Rs 90 lakh"});
  CHECK(annotations[3]["attrs"]["amount"] == "90");
  CHECK(annotations[3]["attrs"]["unit"] == "lakh");
  CHECK(result.documents[1]["id"] == "d2");
  CHECK(result.documents[1]["annotations"].empty());
}

namespace {
const char* kFlaky =
    "name: flaky\nsteps:\n  - plugin: flaky\n  - plugin: regex_annotator\n    params: {type: w, pattern: ok}\n";
std::string flaky_input() {
  return json({{"id", "a"}, {"text", "ok"}}).dump() + "\n" + json({{"id", "b"}, {"text", "explode ok"}}).dump() + "\n" +
         json({{"id", "c"}, {"text", "ok again"}}).dump() + "\n";
}
}  // namespace

TEST_CASE("a plugin that throws: reported, the run goes on, exit code says so", "[runner]") {
  const auto result = run(kFlaky, flaky_input());
  CHECK(result.exit_code == kExitSomeFailed);
  CHECK(result.summary.failed == 1);
  REQUIRE(result.documents.size() == 2);  // skip (the default) leaves the failed one out
  CHECK(result.documents[0]["id"] == "a");
  CHECK(result.documents[1]["id"] == "c");
}

TEST_CASE("on_error: continue keeps the document with its errors; fail stops", "[runner]") {
  const auto kept = run(std::string(kFlaky) + "on_error: continue\n", flaky_input());
  CHECK(kept.exit_code == kExitSomeFailed);
  REQUIRE(kept.documents.size() == 3);
  CHECK(kept.documents[1]["errors"][0]["plugin"] == "flaky");
  CHECK_THAT(kept.documents[1]["errors"][0]["message"].get<std::string>(), Catch::Contains("trigger word"));
  CHECK(kept.documents[1]["annotations"].size() == 1);  // the later step still ran

  const auto stopped = run(std::string(kFlaky) + "on_error: fail\n", flaky_input());
  CHECK(stopped.exit_code == kExitStopped);
  CHECK(stopped.documents.size() == 1);

  RunOptions fail_fast;
  fail_fast.on_error = ErrorPolicy::Fail;
  CHECK(run(kFlaky, flaky_input(), fail_fast).exit_code == kExitStopped);
}

TEST_CASE("max_errors stops the run after that many failures", "[runner]") {
  std::string input;
  for (int i = 0; i < 10; ++i) input += json({{"id", std::to_string(i)}, {"text", "explode"}}).dump() + "\n";
  const auto result = run(std::string(kFlaky) + "max_errors: 3\n", input);
  CHECK(result.exit_code == kExitStopped);
  CHECK(result.summary.failed == 3);
  CHECK(result.summary.documents == 3);
}

TEST_CASE("malformed JSONL lines are reported and skipped, never silently", "[runner]") {
  const std::string input = json({{"id", "a"}, {"text", "2019"}}).dump() + "\n{\"id\": \"b\", \"text\": \n" +
                            "[1, 2]\n{\"id\": \"c\"}\n\n" + json({{"id", "d"}, {"text", "1999"}}).dump() + "\n";
  const auto result = run(kTwoSteps, input);
  CHECK(result.exit_code == kExitSomeFailed);
  CHECK(result.summary.unreadable == 3);
  REQUIRE(result.documents.size() == 2);
  CHECK(result.documents[1]["id"] == "d");
}
