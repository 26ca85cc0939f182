// Every kind of config mistake gives one error, at file:line:column, saying what would be right.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "host_fixture.hpp"

using Catch::Contains;

namespace {
std::string errors_for(const std::string& yaml) {
  test::TempDir dir;
  return test::check_config(dir.write("pipeline.yaml", yaml));
}
std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}
}  // namespace

TEST_CASE("a valid config has no errors", "[config]") {
  CHECK(errors_for("name: ok\nsteps:\n  - plugin: regex_annotator\n    params: {type: year, pattern: '\\d{4}'}\n") ==
        "");
}

TEST_CASE("YAML syntax errors point at the line and column", "[config]") {
  const auto errors = errors_for("name: x\nsteps:\n  - plugin: regex_annotator\n    params: {type: a, pattern: b\n");
  CHECK(lines(errors) == 1);
  CHECK_THAT(errors, Contains("pipeline.yaml:5:1: error: YAML syntax: end of map flow not found"));
}

TEST_CASE("an unknown plugin names the nearest known one", "[config]") {
  const auto errors = errors_for("name: x\nsteps:\n  - plugin: regex_anotator\n");
  CHECK(lines(errors) == 1);
  CHECK_THAT(errors,
             Contains("pipeline.yaml:3:13: error: unknown plugin 'regex_anotator' (did you mean 'regex_annotator'?)"));
  CHECK_THAT(errors, Contains("--plugin-path"));
}

TEST_CASE("an unknown parameter lists the allowed ones", "[config]") {
  const auto errors = errors_for(
      "name: x\nsteps:\n  - plugin: regex_annotator\n    params:\n      type: year\n"
      "      pattern: a\n      patern: b\n");
  CHECK(lines(errors) == 1);
  CHECK_THAT(errors, Contains("pipeline.yaml:7:7: error: unknown parameter 'patern' for plugin 'regex_annotator'; "
                              "did you mean 'pattern'?; allowed: type, pattern, patterns, case_insensitive, group"));
}

TEST_CASE("a wrongly typed parameter says which type is needed", "[config]") {
  const auto errors = errors_for(
      "name: x\nsteps:\n  - plugin: regex_annotator\n    params:\n      type: year\n"
      "      pattern: a\n      group: two\n");
  CHECK(lines(errors) == 1);
  CHECK_THAT(errors, Contains("pipeline.yaml:7:14: error: parameter 'group' must be a whole number, got 'two'"));
  const auto list_errors =
      errors_for("name: x\nsteps:\n  - plugin: regex_annotator\n    params: {type: y, patterns: a}\n");
  CHECK_THAT(list_errors, Contains("pipeline.yaml:4:33: error: parameter 'patterns' must be a list"));
}

TEST_CASE("a value out of range shows the range", "[config]") {
  const auto errors =
      errors_for("name: x\nsteps:\n  - plugin: regex_annotator\n    params: {type: y, pattern: a, group: 500}\n");
  CHECK(lines(errors) == 1);
  CHECK_THAT(errors, Contains("pipeline.yaml:4:35: error: parameter 'group' is 500, outside the range [0, 99]"));
}

TEST_CASE("a missing required parameter points at its step", "[config]") {
  const auto errors = errors_for("name: x\nsteps:\n  - plugin: regex_annotator\n    params: {pattern: a}\n");
  CHECK(lines(errors) == 1);
  CHECK_THAT(errors, Contains("pipeline.yaml:3:13: error: missing required parameter 'type'"));
}

TEST_CASE("an invalid regex is a config error at the pattern", "[config]") {
  const auto errors = errors_for(
      "name: x\nsteps:\n  - plugin: regex_annotator\n    params:\n      type: y\n"
      "      pattern: '(unclosed'\n");
  CHECK(lines(errors) == 1);
  CHECK_THAT(errors, Contains("pipeline.yaml:6:7: error: invalid pattern '(unclosed': missing )"));
}

TEST_CASE("structure mistakes: unknown keys, parameters outside params, no steps", "[config]") {
  CHECK_THAT(errors_for("name: x\nstep:\n  - plugin: regex_annotator\n"),
             Contains("pipeline.yaml:2:1: error: unknown key 'step'; did you mean 'steps'?"));
  CHECK_THAT(
      errors_for("name: x\nsteps:\n  - plugin: regex_annotator\n    type: y\n"),
      Contains("pipeline.yaml:4:5: error: unknown step key 'type'; is it a parameter? Parameters go under 'params:'"));
  CHECK_THAT(errors_for("name: x\n"), Contains("config has no steps"));
  CHECK_THAT(
      errors_for("name: x\non_error: ignore\nsteps:\n  - plugin: regex_annotator\n    params: {type: y, pattern: a}\n"),
      Contains("pipeline.yaml:2:11: error: on_error is 'ignore'; allowed: skip"));
  CHECK_THAT(errors_for("name: x\nsteps:\n  - plugin: ../lib/libregex_annotator.so\n"),
             Contains("looks like a file; name plugins by identifier"));
}

TEST_CASE("all errors of a file are reported in one pass", "[config]") {
  const auto errors = errors_for(
      "name: x\nsteps:\n  - plugin: nope\n  - plugin: regex_annotator\n    params: {type: y, pattern: a, group: -1}\n"
      "  - plugin: regex_annotator\n    params: {pattern: a}\n");
  CHECK(lines(errors) == 3);
}

TEST_CASE("environment variables are substituted, with defaults", "[config]") {
  test::TempDir dir;
  ::setenv("TEXTBENCH_TEST_TYPE", "from_env", 1);
  ::unsetenv("TEXTBENCH_TEST_UNSET");
  const auto file = dir.write("p.yaml",
                              "name: x\nsteps:\n  - plugin: regex_annotator\n    params:\n"
                              "      type: ${TEXTBENCH_TEST_TYPE}\n      pattern: '${TEXTBENCH_TEST_UNSET:-\\d+}'\n");
  textbench::host::ConfigErrors errors;
  auto config = textbench::host::load_config(file, errors);
  auto registry = test::make_registry();
  const auto plan = textbench::host::plan_pipeline(config, registry, errors, test::quiet_logger());
  REQUIRE(errors.empty());
  CHECK(plan.steps.at(0).params.get_string("type") == "from_env");
  CHECK(plan.steps.at(0).params.get_string("pattern") == "\\d+");
  const auto missing = dir.write(
      "q.yaml",
      "name: x\nsteps:\n  - plugin: regex_annotator\n    params: {type: '${TEXTBENCH_TEST_UNSET}', pattern: a}\n");
  CHECK_THAT(test::check_config(missing),
             Contains("q.yaml:4:20: error: environment variable 'TEXTBENCH_TEST_UNSET' is not set"));
}

TEST_CASE("extends and include compose configs; cycles are errors", "[config]") {
  test::TempDir dir;
  dir.write("base.yaml",
            "name: base\non_error: continue\nsteps:\n  - plugin: regex_annotator\n    params: {type: year, pattern: "
            "'\\d{4}'}\n");
  dir.write("more.yaml",
            "name: more\nsteps:\n  - plugin: regex_annotator\n    params: {type: word, pattern: '\\w+'}\n");
  const auto child = dir.write(
      "child.yaml", "extends: base.yaml\nname: child\nsteps:\n  - include: base.yaml\n  - include: more.yaml\n");
  textbench::host::ConfigErrors errors;
  const auto config = textbench::host::load_config(child, errors);
  REQUIRE(errors.empty());
  CHECK(config.name == "child");
  CHECK(config.on_error == textbench::host::ErrorPolicy::Continue);
  REQUIRE(config.steps.size() == 2);
  CHECK(config.steps[1].where.file.ends_with("more.yaml"));

  const auto loop = dir.write("loop.yaml", "name: loop\nsteps:\n  - include: loop.yaml\n");
  CHECK_THAT(test::check_config(loop), Contains("loop.yaml:3:14: error: config") && Contains("includes itself"));
  const auto broken = dir.write(
      "broken.yaml",
      "name: b\nsteps:\n  - include: more.yaml\n  - plugin: regex_annotator\n    params: {type: x, pattern: '('}\n");
  CHECK_THAT(test::check_config(broken), Contains("broken.yaml:5:"));
}
