// `tests:` in configs: how they are read and checked (with locations), how they run through the
// real loader and pipeline, and what a failure report says.
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include "temp_dir.hpp"
#include "textbench_host/config.hpp"
#include "textbench_host/config_tests.hpp"
#include "textbench_host/pipeline.hpp"
#include "textbench_host/registry.hpp"
#include "textbench_host/schema.hpp"

namespace fs = std::filesystem;
using test::TempDir;
using namespace textbench::host;

namespace {

const std::string kYearsConfig = R"(name: years
steps:
  - plugin: regex_annotator
    params: {type: year, pattern: '\b(19|20)\d\d\b'}
)";

// A config loaded, planned and with its tests read, as `textbench test` does it.
struct Loaded {
  ConfigErrors errors;
  PipelineConfig config;
  std::unique_ptr<PluginRegistry> registry;
  PipelinePlan plan;
  std::vector<ConfigTest> tests;

  explicit Loaded(const fs::path& file) {
    config = load_config(file, errors);
    registry = std::make_unique<PluginRegistry>(std::vector<fs::path>{TEXTBENCH_PLUGIN_DIR});
    auto logger = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
    plan = plan_pipeline(config, *registry, errors, logger);
    tests = load_config_tests(config, errors);
  }

  std::vector<TestResult> run() {
    Pipeline pipeline(plan);
    std::vector<TestResult> results;
    for (const ConfigTest& test : tests) results.push_back(run_config_test(test, pipeline, config.on_error));
    return results;
  }
};

std::string all_failures(const TestResult& result) {
  std::string text;
  for (const auto& failure : result.failures) text += failure;
  return text;
}

}  // namespace

TEST_CASE("tests in the config and in a sibling file are both read", "[config_tests]") {
  TempDir dir;
  const auto config = dir.write("news.yaml", kYearsConfig + R"(tests:
  - name: inline
    input: "In 1999."
    expect: {count: {year: 1}}
)");
  dir.write("news.tests.yaml", R"(tests:
  - name: from the sibling file
    input_file: doc.txt
    expect: {annotations: [{type: year, text: "2004"}]}
)");
  dir.write("doc.txt", "Since 2004.");
  Loaded loaded(config);
  REQUIRE(loaded.errors.format().empty());
  REQUIRE(loaded.tests.size() == 2);
  CHECK(loaded.tests[0].name == "inline");
  CHECK(loaded.tests[1].input == "Since 2004.");
  CHECK(loaded.tests[1].where.str() == (dir.write("x", "").parent_path() / "news.tests.yaml").string() + ":2:11");
  for (const TestResult& result : loaded.run()) CHECK(result.passed);
}

TEST_CASE("sibling_tests_file keeps the folder and the extension", "[config_tests]") {
  CHECK(sibling_tests_file("configs/news.yaml") == fs::path("configs/news.tests.yaml"));
  CHECK(sibling_tests_file("a/b.yml") == fs::path("a/b.tests.yml"));
}

TEST_CASE("every problem in a tests section is reported with its location", "[config_tests]") {
  TempDir dir;
  const auto config = dir.write("c.yaml", kYearsConfig + R"(tests:
  - name: one
    input: "x"
    inptu_file: a.txt
    expect: {count: {year: 1}, annotatons: []}
  - name: two
    expect: {annotations: [{text: "1999", begin: minus}]}
  - name: one
    input: "y"
    input_file: missing.txt
    expect: {count: {year: -1}}
  - input: "z"
    expect: {}
)");
  Loaded loaded(config);
  const std::string errors = loaded.errors.format();
  const std::string file = config.string();
  CHECK_THAT(errors,
             Catch::Contains(file + ":8:5: error: unknown key 'inptu_file' in a test; did you mean 'input_file'?"));
  CHECK_THAT(errors,
             Catch::Contains(file + ":9:32: error: unknown key 'annotatons' in expect; did you mean 'annotations'?"));
  CHECK_THAT(errors, Catch::Contains(file + ":10:11: error: test 'two' has no input"));
  CHECK_THAT(errors, Catch::Contains(file + ":11:28: error: an annotation in annotations needs a 'type'"));
  CHECK_THAT(errors, Catch::Contains(file + ":11:50: error: begin must be a whole number >= 0"));
  CHECK_THAT(errors, Catch::Contains(file + ":12:11: error: duplicate test name 'one' (first at " + file + ":6:11)"));
  CHECK_THAT(errors, Catch::Contains(file + ":14:17: error: a test has either 'input'"));
  CHECK_THAT(errors, Catch::Contains(file + ":15:28: error: count of 'year' must be a whole number >= 0"));
  CHECK_THAT(errors, Catch::Contains(file + ":16:5: error: test has no 'name'"));
  CHECK_THAT(errors, Catch::Contains(file + ":17:13: error: expect must be a mapping with at least one of"));
}

TEST_CASE("a tests file has only 'tests' at its top level", "[config_tests]") {
  TempDir dir;
  const auto config = dir.write("c.yaml", kYearsConfig);
  dir.write("c.tests.yaml", "tests: []\nname: oops\n");
  Loaded loaded(config);
  CHECK_THAT(loaded.errors.format(), Catch::Contains("c.tests.yaml:2:1: error: unknown key 'name' in a tests file"));
}

TEST_CASE("a passing test passes and each kind of expectation can fail", "[config_tests]") {
  TempDir dir;
  const auto config = dir.write("c.yaml", kYearsConfig + R"(tests:
  - name: all good
    input: "From 1999 to 2004."
    expect:
      text: "From 1999 to 2004."
      text_contains: "1999 to"
      text_excludes: [1850]
      annotations: [{type: year, text: "2004", begin: 13, end: 17, source_begin: 13, source_end: 17}]
      absent: [{type: year, text: "1850"}]
      count: {year: 2, money: 0}
  - name: missing annotation
    input: "Built in 1850, rebuilt in 1999."
    expect:
      annotations: [{type: year, text: "1850"}]
  - name: wrong attribute
    input: "In 2004."
    expect:
      annotations: [{type: year, text: "2004", attrs: {century: "21"}}]
  - name: unwanted annotation and count
    input: "In 1999 and 2004."
    expect:
      absent: [{type: year, text: "1999"}]
      count: {year: 1}
  - name: final text
    input: "line one\nline two"
    expect:
      text: "line one\nline 2"
      text_contains: [three]
)");
  Loaded loaded(config);
  REQUIRE(loaded.errors.format().empty());
  const auto results = loaded.run();
  REQUIRE(results.size() == 5);
  CHECK(results[0].passed);
  CHECK(all_failures(results[0]).empty());

  const std::string missing = all_failures(results[1]);
  CHECK_FALSE(results[1].passed);
  CHECK_THAT(missing, Catch::Contains(":18:21: expected annotation not found:\n    year \"1850\"\n"));
  CHECK_THAT(missing, Catch::Contains("closest year annotations (1 of 1):\n    year [26,30) \"1999\"\n"
                                      "      differs: text is \"1999\"\n"));
  CHECK_THAT(missing, Catch::Contains("text around the expected position:\n    Built in [[1850]], rebuilt in 1999."));

  const std::string attribute = all_failures(results[2]);
  CHECK_THAT(attribute, Catch::Contains("year \"2004\" attrs {century: \"21\"}"));
  CHECK_THAT(attribute, Catch::Contains("differs: attribute 'century' is missing"));

  const std::string unwanted = all_failures(results[3]);
  CHECK_THAT(unwanted, Catch::Contains("annotation that must be absent was found (1x)"));
  CHECK_THAT(unwanted, Catch::Contains("found year [3,7) \"1999\"\n    In [[1999]] and 2004."));
  CHECK_THAT(unwanted, Catch::Contains(
                           "expected 1 year annotation(s), got 2\n    year [3,7) \"1999\"\n    year [12,16) \"2004\""));
  CHECK(results[3].failures.size() == 2);

  const std::string text = all_failures(results[4]);
  CHECK_THAT(text,
             Catch::Contains("final text differs at byte 14 (line 2, byte 6 of the line); expected 15 bytes, got 17"));
  CHECK_THAT(text, Catch::Contains("expected: line one\\nline [[]]2\n"));
  CHECK_THAT(text, Catch::Contains("actual:   line one\\nline [[]]two\n"));
  CHECK_THAT(text, Catch::Contains("final text does not contain \"three\""));
}

TEST_CASE("attribute values compare by the attribute's type", "[config_tests]") {
  textbench::Document document("d", "abc");
  auto& annotation = document.annotate("t", 0, 3);
  annotation.attrs.set("count", 3);
  annotation.attrs.set("ratio", textbench::Value(0.5));
  annotation.attrs.set("flag", textbench::Value(true));
  annotation.attrs.set("speaker", textbench::Value());
  annotation.attrs.set("label", "007");
  AnnotationPattern pattern;
  pattern.type = "t";
  auto with = [&](const std::string& key, const std::string& yaml) {
    AnnotationPattern p = pattern;
    p.attrs.emplace_back(key, YAML::Load(yaml));
    return matches(p, document, annotation);
  };
  CHECK(with("count", "3"));
  CHECK_FALSE(with("count", "03x"));
  CHECK(with("ratio", "0.50"));
  CHECK(with("flag", "true"));
  CHECK_FALSE(with("flag", "false"));
  CHECK(with("speaker", "null"));
  CHECK_FALSE(with("label", "7"));
  CHECK(with("label", "'007'"));
}

TEST_CASE("a failing step fails the test with the step's message", "[config_tests]") {
  TempDir dir;
  const auto config = dir.write("c.yaml", R"(name: flaky
plugin_path: [)" + std::string(TEXTBENCH_TEST_PLUGIN_DIR) +
                                              R"(]
steps:
  - plugin: flaky
tests:
  - name: fails
    input: "explode here"
    expect: {count: {nothing: 0}}
)");
  Loaded loaded(config);
  loaded.registry = std::make_unique<PluginRegistry>(loaded.config.plugin_path);
  loaded.errors = ConfigErrors();
  loaded.plan = plan_pipeline(loaded.config, *loaded.registry, loaded.errors,
                              std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::null_sink_mt>()));
  REQUIRE(loaded.errors.format().empty());
  const auto results = loaded.run();
  REQUIRE(results.size() == 1);
  CHECK_FALSE(results[0].passed);
  CHECK_THAT(all_failures(results[0]), Catch::StartsWith("step 1 'flaky' (plugin flaky) failed on the input: "));
}

TEST_CASE("the schema is built from the plugins' parameter tables", "[schema]") {
  PluginRegistry registry({TEXTBENCH_PLUGIN_DIR});
  const auto plugin = registry.load("regex_annotator");
  const auto schema = nlohmann::json::parse(config_schema({plugin->descriptor}));
  CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
  CHECK(schema["additionalProperties"] == false);
  // Every key the loader accepts is in the schema, and nothing else.
  std::vector<std::string> keys;
  for (const auto& item : schema["properties"].items()) keys.push_back(item.key());
  std::vector<std::string> allowed = config_top_level_keys();
  std::sort(keys.begin(), keys.end());
  std::sort(allowed.begin(), allowed.end());
  CHECK(keys == allowed);

  const auto& params = schema["definitions"]["params_regex_annotator"];
  CHECK(params["additionalProperties"] == false);
  CHECK(params["required"] == nlohmann::json::array({"type"}));
  CHECK(params["properties"]["group"]["default"] == 0);
  CHECK(params["properties"]["group"]["anyOf"][0] ==
        nlohmann::json({{"type", "integer"}, {"minimum", 0}, {"maximum", 99}}));
  CHECK(params["properties"]["case_insensitive"]["anyOf"][0]["type"] == "boolean");
  CHECK(params["properties"]["patterns"]["type"] == "array");
  CHECK_THAT(params["properties"]["pattern"]["description"].get<std::string>(), Catch::StartsWith("RE2 pattern"));
  const auto& names = schema["definitions"]["step"]["properties"]["plugin"]["oneOf"];
  REQUIRE(names.size() == 1);
  CHECK(names[0]["const"] == "regex_annotator");

  const auto tests_file = nlohmann::json::parse(config_schema({plugin->descriptor}, SchemaRoot::TestsFile));
  CHECK(tests_file["required"] == nlohmann::json::array({"tests"}));
  CHECK(tests_file["definitions"]["test"]["additionalProperties"] == false);
}
