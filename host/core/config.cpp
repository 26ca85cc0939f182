#include "textbench_host/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <tuple>

namespace textbench::host {

namespace fs = std::filesystem;

std::string Location::str() const {
  if (line == 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

Location location_of(const YAML::Node& node, const std::string& file) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {file, 0, 0};
  // yaml-cpp counts from 0; editors and users count from 1.
  return {file, static_cast<std::size_t>(mark.line) + 1, static_cast<std::size_t>(mark.column) + 1};
}

std::string ConfigErrors::format() const {
  // In file order, as an editor would list them.
  std::vector<const ConfigError*> sorted;
  for (const ConfigError& error : errors_) sorted.push_back(&error);
  std::stable_sort(sorted.begin(), sorted.end(), [](const ConfigError* a, const ConfigError* b) {
    return std::tie(a->where.file, a->where.line, a->where.column) <
           std::tie(b->where.file, b->where.line, b->where.column);
  });
  std::string text;
  for (const ConfigError* error : sorted) text += error->where.str() + ": error: " + error->message + "\n";
  return text;
}

std::optional<std::string> scalar_text(const YAML::Node& node, const std::string& file, ConfigErrors& errors) {
  const std::string& raw = node.Scalar();
  if (raw.find("${") == std::string::npos) return raw;
  std::string out;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    const auto open = raw.find("${", pos);
    if (open == std::string::npos) {
      out.append(raw, pos);
      break;
    }
    out.append(raw, pos, open - pos);
    const auto close = raw.find('}', open);
    if (close == std::string::npos) {
      errors.add(location_of(node, file), "unterminated '${' in '" + raw + "'; write ${NAME} or ${NAME:-default}");
      return std::nullopt;
    }
    const std::string inner = raw.substr(open + 2, close - open - 2);
    const auto dash = inner.find(":-");
    const std::string variable = inner.substr(0, dash);
    const char* value = variable.empty() ? nullptr : std::getenv(variable.c_str());
    if (value != nullptr) {
      out += value;
    } else if (dash != std::string::npos) {
      out += inner.substr(dash + 2);
    } else {
      errors.add(location_of(node, file), "environment variable '" + variable +
                                              "' is not set; set it, or give a default with ${" + variable +
                                              ":-default}");
      return std::nullopt;
    }
    pos = close + 1;
  }
  return out;
}

namespace {

const std::vector<std::string> kTopLevelKeys = {"name",       "description", "extends", "plugin_path", "on_error",
                                                "max_errors", "steps",       "output",  "tests",       "input"};
const std::vector<std::string> kStepKeys = {"plugin", "name", "params", "include"};

class Loader {
 public:
  explicit Loader(ConfigErrors& errors) : errors_(errors) {}

  void load(const fs::path& file, PipelineConfig& config, const Location& included_from) {
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(file, error);
    if (std::find(stack_.begin(), stack_.end(), canonical) != stack_.end()) {
      errors_.add(included_from, "config " + file.string() + " includes itself (through extends/include)");
      return;
    }
    const YAML::Node root = parse(file, included_from);
    if (!root) return;
    stack_.push_back(canonical);
    read_root(root, file, config);
    stack_.pop_back();
  }

 private:
  YAML::Node parse(const fs::path& file, const Location& included_from) {
    try {
      YAML::Node root = YAML::LoadFile(file.string());
      if (!root.IsMap()) {
        errors_.add(location_of(root, file.string()),
                    "a config is a mapping with at least 'name' and 'steps'; this file has " +
                        std::string(root.IsNull() ? "nothing" : "something else") + " at the top");
        return {};
      }
      return root;
    } catch (const YAML::BadFile&) {
      errors_.add(included_from.file.empty() ? Location{file.string()} : included_from,
                  "cannot open config file " + file.string());
    } catch (const YAML::ParserException& e) {
      errors_.add(
          {file.string(), static_cast<std::size_t>(e.mark.line) + 1, static_cast<std::size_t>(e.mark.column) + 1},
          "YAML syntax: " + e.msg);
    }
    return {};
  }

  std::optional<std::string> text(const YAML::Node& node, const std::string& file, const std::string& what) {
    if (!node.IsScalar()) {
      errors_.add(location_of(node, file), what + " must be a single value");
      return std::nullopt;
    }
    return scalar_text(node, file, errors_);
  }

  void read_root(const YAML::Node& root, const fs::path& file, PipelineConfig& config) {
    const std::string name = file.string();
    for (const auto& item : root) {
      const std::string key = item.first.Scalar();
      if (std::find(kTopLevelKeys.begin(), kTopLevelKeys.end(), key) == kTopLevelKeys.end()) {
        errors_.add(location_of(item.first, name), "unknown key '" + key + "'" + did_you_mean(key, kTopLevelKeys) +
                                                       "; allowed keys: name, description, extends, plugin_path, "
                                                       "on_error, max_errors, steps, input, output, tests");
      }
    }
    // extends first, so that everything this file sets replaces what the base set.
    if (const YAML::Node base = root["extends"]) {
      if (auto path = text(base, name, "extends")) load(file.parent_path() / *path, config, location_of(base, name));
    }
    if (const YAML::Node node = root["name"]) {
      if (auto value = text(node, name, "name")) config.name = *value;
    }
    if (const YAML::Node node = root["plugin_path"]) read_plugin_path(node, file, config);
    if (const YAML::Node node = root["on_error"]) read_on_error(node, name, config);
    if (const YAML::Node node = root["max_errors"]) read_max_errors(node, name, config);
    if (const YAML::Node node = root["output"]) {
      config.output = node;
      config.output_file = name;
    }
    if (const YAML::Node node = root["input"]) {
      config.input = node;
      config.input_file = name;
    }
    if (const YAML::Node node = root["tests"]) {
      config.tests = node;
      config.tests_file = name;
    }
    if (const YAML::Node node = root["steps"]) {
      config.steps.clear();
      read_steps(node, file, config.steps);
    }
  }

  void read_plugin_path(const YAML::Node& node, const fs::path& file, PipelineConfig& config) {
    const std::string name = file.string();
    auto add = [&](const YAML::Node& entry) {
      if (auto value = text(entry, name, "a plugin_path entry")) {
        const fs::path path(*value);
        config.plugin_path.push_back(path.is_absolute() ? path : file.parent_path() / path);
      }
    };
    if (node.IsSequence()) {
      for (const auto& entry : node) add(entry);
    } else {
      add(node);
    }
  }

  void read_on_error(const YAML::Node& node, const std::string& name, PipelineConfig& config) {
    const auto value = text(node, name, "on_error");
    if (!value) return;
    if (*value == "skip") {
      config.on_error = ErrorPolicy::Skip;
    } else if (*value == "continue") {
      config.on_error = ErrorPolicy::Continue;
    } else if (*value == "fail") {
      config.on_error = ErrorPolicy::Fail;
    } else {
      errors_.add(location_of(node, name), "on_error is '" + *value +
                                               "'; allowed: skip (leave the document out and report it), continue "
                                               "(run the remaining steps and keep it), fail (stop the run)");
    }
  }

  void read_max_errors(const YAML::Node& node, const std::string& name, PipelineConfig& config) {
    const auto value = text(node, name, "max_errors");
    if (!value) return;
    char* end = nullptr;
    const double number = std::strtod(value->c_str(), &end);
    const bool whole = number >= 1 && number == static_cast<double>(static_cast<std::int64_t>(number));
    if (value->empty() || *end != '\0' || !(whole || (number > 0 && number < 1))) {
      errors_.add(location_of(node, name), "max_errors is '" + *value +
                                               "'; write a whole number of documents (e.g. 100) or a rate "
                                               "between 0 and 1 (e.g. 0.05 for 5%)");
      return;
    }
    config.max_errors = number;
    config.max_errors_where = location_of(node, name);
  }

  void read_steps(const YAML::Node& node, const fs::path& file, std::vector<StepConfig>& steps) {
    const std::string name = file.string();
    if (!node.IsSequence()) {
      errors_.add(location_of(node, name), "steps must be a list, each item '- plugin: <name>'");
      return;
    }
    for (const auto& item : node) {
      if (!item.IsMap()) {
        errors_.add(location_of(item, name), "a step is a mapping like '- plugin: <name>'; got a single value");
        continue;
      }
      for (const auto& entry : item) {
        const std::string key = entry.first.Scalar();
        if (std::find(kStepKeys.begin(), kStepKeys.end(), key) == kStepKeys.end()) {
          std::string hint = did_you_mean(key, kStepKeys);
          if (hint.empty()) hint = "; is it a parameter? Parameters go under 'params:'";
          errors_.add(location_of(entry.first, name),
                      "unknown step key '" + key + "'" + hint + "; allowed keys: plugin, name, params, include");
        }
      }
      if (const YAML::Node include = item["include"]) {
        if (item["plugin"])
          errors_.add(location_of(include, name), "a step has either 'plugin' or 'include', not both");
        if (auto path = text(include, name, "include")) include_steps(file.parent_path() / *path, include, name, steps);
        continue;
      }
      const YAML::Node plugin = item["plugin"];
      if (!plugin) {
        errors_.add(location_of(item, name),
                    "step has no 'plugin'; write '- plugin: <name>' (see `textbench plugins`)");
        continue;
      }
      StepConfig step;
      step.where = location_of(plugin, name);
      step.file = name;
      if (auto value = text(plugin, name, "plugin")) step.plugin = *value;
      if (step.plugin.find('/') != std::string::npos || step.plugin.ends_with(".so")) {
        errors_.add(step.where, "plugin '" + step.plugin +
                                    "' looks like a file; name plugins by identifier and add their folder to "
                                    "plugin_path or --plugin-path");
      }
      step.label = step.plugin;
      if (const YAML::Node label = item["name"]) {
        if (auto value = text(label, name, "name")) step.label = *value;
      }
      if (const YAML::Node params = item["params"]) {
        if (params.IsMap()) {
          step.params = params;
        } else if (!params.IsNull()) {
          errors_.add(location_of(params, name), "params must be a mapping of parameter names to values");
        }
      }
      steps.push_back(std::move(step));
    }
  }

  void include_steps(const fs::path& path, const YAML::Node& at, const std::string& from,
                     std::vector<StepConfig>& steps) {
    const Location where = location_of(at, from);
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(path, error);
    if (std::find(stack_.begin(), stack_.end(), canonical) != stack_.end()) {
      errors_.add(where, "config " + path.string() + " includes itself (through extends/include)");
      return;
    }
    const YAML::Node root = parse(path, where);
    if (!root.IsMap()) return;  // parse() reported why (it returns a null node on failure)
    const YAML::Node included = root["steps"];
    if (!included) {
      errors_.add(where, "included config " + path.string() + " has no 'steps'");
      return;
    }
    stack_.push_back(canonical);
    read_steps(included, path, steps);
    stack_.pop_back();
  }

  ConfigErrors& errors_;
  std::vector<fs::path> stack_;
};

}  // namespace

const std::vector<std::string>& config_top_level_keys() {
  return kTopLevelKeys;
}

PipelineConfig load_config(const fs::path& file, ConfigErrors& errors) {
  PipelineConfig config;
  config.file = file;
  const std::size_t before = errors.size();
  Loader(errors).load(file, config, Location{});
  if (errors.size() == before) {
    if (config.name.empty()) errors.add({file.string(), 0, 0}, "config has no 'name'; add 'name: <pipeline name>'");
    if (config.steps.empty()) {
      errors.add({file.string(), 0, 0}, "config has no steps; add 'steps:' with at least one '- plugin: <name>'");
    }
  }
  return config;
}

}  // namespace textbench::host
