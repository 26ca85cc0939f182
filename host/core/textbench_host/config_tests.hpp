// Pipeline tests that live with a config: the `tests:` section of the config itself, and a sibling
// file `<config stem>.tests.yaml` holding `tests:` at its top level. `textbench test` runs them
// through the same plan and Pipeline that `run` uses; docs/configs.md describes the format.
//
//   tests:
//     - name: strips also-read lines
//       input: "First para.\n\nAlso read: Other story\n\nSecond para."   # or input_file: x.txt
//       expect:
//         text: "First para.\n\nSecond para."          # the exact final text
//         text_contains: ["Second para."]
//         text_excludes: ["Also read"]
//         annotations:                                 # each must match at least one annotation
//           - {type: boilerplate, text: "Also read: Other story", attrs: {rule: also_read}}
//         absent:                                      # none may match any annotation
//           - {type: numeral, text: "Second"}
//         count: {boilerplate: 1}                      # exact number of annotations of a type
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "textbench/document.hpp"
#include "textbench_host/config.hpp"
#include "textbench_host/pipeline.hpp"

namespace textbench::host {

// What an annotation must look like. Only the fields given are compared; `text` is the covered
// text in the final document, begin/end are UTF-8 byte offsets into the final text and
// source_begin/source_end into the input.
struct AnnotationPattern {
  Location where;
  std::string type;
  std::optional<std::string> text;
  std::optional<std::size_t> begin;
  std::optional<std::size_t> end;
  std::optional<std::size_t> source_begin;
  std::optional<std::size_t> source_end;
  // Expected attribute values as YAML scalars (a null node expects a null attribute).
  std::vector<std::pair<std::string, YAML::Node>> attrs;
};

struct TextExpectation {
  Location where;
  std::string text;
};

struct CountExpectation {
  Location where;
  std::string type;
  std::size_t count = 0;
};

struct ConfigTest {
  std::string name;
  Location where;            // the test's `name:`
  std::string input;         // the document text
  std::string input_origin;  // "inline" or the input file's path
  std::optional<TextExpectation> text;
  std::vector<TextExpectation> text_contains;
  std::vector<TextExpectation> text_excludes;
  std::vector<AnnotationPattern> present;
  std::vector<AnnotationPattern> absent;
  std::vector<CountExpectation> counts;
};

// `news.yaml` -> `news.tests.yaml` (same folder, same extension).
std::filesystem::path sibling_tests_file(const std::filesystem::path& config_file);

// Reads and checks the config's `tests:` section and its sibling tests file, if either exists.
// Every problem (unknown key, missing input, unreadable input_file, wrong shape) goes to `errors`
// with its location.
std::vector<ConfigTest> load_config_tests(const PipelineConfig& config, ConfigErrors& errors);

struct TestResult {
  std::string name;
  Location where;
  bool passed = false;
  // One readable block per failed expectation, each ending in a newline.
  std::vector<std::string> failures;
};

// Runs one test through `pipeline` (the steps stop at the first failing step unless `policy` is
// Continue, as in `run`) and compares the result with the expectations.
TestResult run_config_test(const ConfigTest& test, Pipeline& pipeline, ErrorPolicy policy);

// Whether an annotation of `document` matches the pattern (exposed for the tests).
bool matches(const AnnotationPattern& pattern, const Document& document, const Annotation& annotation);

}  // namespace textbench::host
