// Pipeline configs: YAML in, a checked PipelineConfig out, every problem with file:line:column.
//
// Format (docs/configs.md has the long form):
//   name: news                      # required
//   extends: base.yaml              # optional: start from another config; keys set here replace its keys
//   plugin_path: [../my-plugins]    # optional: folders searched for plugins, relative to this file
//   on_error: skip                  # skip (default) | continue | fail
//   max_errors: 100                 # stop after this many failed documents (or a rate: 0.05 = 5%)
//   steps:
//     - plugin: regex_annotator     # a plugin name, never a path
//       name: years                 # optional label for logs and errors
//       params: {type: year, pattern: '\b(19|20)\d\d\b'}
//     - include: common-steps.yaml  # splices the steps of another config here
// Scalars may use ${VAR} and ${VAR:-default} from the environment.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "textbench_host/suggest.hpp"

namespace textbench::host {

// 1-based position in a config file; line 0 means "the file as a whole".
struct Location {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  [[nodiscard]] std::string str() const;
};

Location location_of(const YAML::Node& node, const std::string& file);

struct ConfigError {
  Location where;
  std::string message;
};

// Collects every problem in a config instead of stopping at the first.
class ConfigErrors {
 public:
  void add(Location where, std::string message) { errors_.push_back({std::move(where), std::move(message)}); }
  [[nodiscard]] bool empty() const noexcept { return errors_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return errors_.size(); }
  [[nodiscard]] const std::vector<ConfigError>& list() const noexcept { return errors_; }
  // One line per error: "file:line:column: error: message".
  [[nodiscard]] std::string format() const;

 private:
  std::vector<ConfigError> errors_;
};

enum class ErrorPolicy { Skip, Continue, Fail };

struct StepConfig {
  std::string plugin;
  std::string label;  // `name:` if given, else the plugin name
  Location where;     // the `plugin:` value
  YAML::Node params;  // a mapping or null; scalars are substituted when read (see scalar_text)
  std::string file;   // the config file the step came from (for parameter locations)
};

struct PipelineConfig {
  std::filesystem::path file;
  std::string name;
  std::vector<StepConfig> steps;
  std::vector<std::filesystem::path> plugin_path;
  ErrorPolicy on_error = ErrorPolicy::Skip;
  // Absolute count (>= 1) or rate (0 < x < 1) of failed documents after which the run stops.
  std::optional<double> max_errors;
  Location max_errors_where;
  YAML::Node input;  // the `input:` section (utf8, include, exclude), read by `run`
  std::string input_file;
  YAML::Node output;  // the `output:` section, read by the runner's sinks
  std::string output_file;
  YAML::Node tests;  // the `tests:` section, read by `textbench test`
  std::string tests_file;
};

// Reads and checks the config's own structure. Plugin names and parameters are checked later,
// against the plugins themselves (see pipeline.hpp). Problems go to `errors`.
PipelineConfig load_config(const std::filesystem::path& file, ConfigErrors& errors);

// A scalar's text with ${VAR} / ${VAR:-default} replaced; an unset variable without a default is
// an error at the scalar's location (and yields nullopt).
std::optional<std::string> scalar_text(const YAML::Node& node, const std::string& file, ConfigErrors& errors);

// The keys a config may have at its top level (the schema describes each of them).
const std::vector<std::string>& config_top_level_keys();

}  // namespace textbench::host
