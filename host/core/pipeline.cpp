#include "textbench_host/pipeline.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <stdexcept>

namespace textbench::host {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string type_hint(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::StringList:
      return "a list, e.g. [a, b]";
    case ParamType::StringMap:
      return "a mapping, e.g. {name: value}";
    case ParamType::Integer:
      return "a whole number";
    case ParamType::Float:
      return "a number";
    case ParamType::Boolean:
      return "true or false";
    case ParamType::String:
      return "a single value";
  }
  return "";
}

}  // namespace

std::optional<ParamValue> convert_param(const ParamSpec& spec, const YAML::Node& node, const std::string& file,
                                        ConfigErrors& errors) {
  const Location where = location_of(node, file);
  const std::string what = "parameter '" + std::string(spec.name) + "'";
  auto wrong_shape = [&] {
    errors.add(where, what + " must be " + type_hint(spec) + " (" + std::string(to_string(spec.type)) + ")");
    return std::nullopt;
  };
  switch (spec.type) {
    case ParamType::StringList: {
      if (!node.IsSequence()) return wrong_shape();
      StringList list;
      for (const auto& item : node) {
        if (!item.IsScalar()) return wrong_shape();
        auto text = scalar_text(item, file, errors);
        if (!text) return std::nullopt;
        list.push_back(std::move(*text));
      }
      return list;
    }
    case ParamType::StringMap: {
      if (!node.IsMap()) return wrong_shape();
      StringMap map;
      for (const auto& item : node) {
        if (!item.second.IsScalar()) {
          errors.add(location_of(item.second, file),
                     what + ": the value of '" + item.first.Scalar() + "' must be a single value");
          return std::nullopt;
        }
        auto text = scalar_text(item.second, file, errors);
        if (!text) return std::nullopt;
        map.emplace_back(item.first.Scalar(), std::move(*text));
      }
      return map;
    }
    default:
      break;
  }
  if (!node.IsScalar()) return wrong_shape();
  auto text = scalar_text(node, file, errors);
  if (!text) return std::nullopt;
  switch (spec.type) {
    case ParamType::String:
      return *text;
    case ParamType::Boolean:
      if (*text == "true" || *text == "True" || *text == "yes") return true;
      if (*text == "false" || *text == "False" || *text == "no") return false;
      errors.add(where, what + " must be true or false, got '" + *text + "'");
      return std::nullopt;
    case ParamType::Integer: {
      std::int64_t value = 0;
      const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
      if (error != std::errc() || end != text->data() + text->size()) {
        errors.add(where, what + " must be a whole number, got '" + *text + "'");
        return std::nullopt;
      }
      return value;
    }
    case ParamType::Float: {
      char* end = nullptr;
      const double value = std::strtod(text->c_str(), &end);
      if (text->empty() || *end != '\0') {
        errors.add(where, what + " must be a number, got '" + *text + "'");
        return std::nullopt;
      }
      return value;
    }
    default:
      return std::nullopt;
  }
}

PipelinePlan plan_pipeline(const PipelineConfig& config, PluginRegistry& registry, ConfigErrors& errors,
                           const std::shared_ptr<spdlog::logger>& host_logger) {
  PipelinePlan plan;
  plan.name = config.name;
  for (const StepConfig& step : config.steps) {
    if (step.plugin.empty()) continue;  // already reported by load_config
    if (!registry.contains(step.plugin)) {
      const auto near = registry.nearest(step.plugin);
      std::string message = "unknown plugin '" + step.plugin + "'";
      if (!near.empty()) {
        // Appended piece by piece: `"literal" + string` trips a GCC 12 -Wrestrict false positive here.
        message += " (did you mean '";
        message += near.front();
        message += "'?)";
      }
      const auto known = registry.names();
      if (known.empty()) {
        message += "; no plugins were found on the search path";
      } else {
        message += "; known plugins: ";
        message += join(known);
      }
      std::vector<std::string> folders;
      for (const auto& dir : registry.search_path()) folders.push_back(dir.string());
      message += " (searched ";
      message += folders.empty() ? std::string("nothing") : join(folders);
      message += "; add a folder with --plugin-path, TEXTBENCH_PLUGIN_PATH or plugin_path)";
      errors.add(step.where, message);
      continue;
    }
    std::shared_ptr<const LoadedPlugin> plugin;
    try {
      plugin = registry.load(step.plugin);
    } catch (const PluginLoadError& e) {
      errors.add(step.where, e.what());
      continue;
    }
    const PluginDescriptor& descriptor = *plugin->descriptor;
    const std::span<const ParamSpec> table(descriptor.params, descriptor.param_count);

    // Convert each given value by its declared type; remember where each came from.
    Params params;
    std::vector<std::pair<std::string, Location>> where;
    bool converted = true;
    std::vector<std::string> unconverted;  // already reported: no "missing" error for these
    if (step.params) {
      for (const auto& item : step.params) {
        const std::string key = item.first.Scalar();
        where.emplace_back(key, location_of(item.first, step.file));
        const auto spec = std::find_if(table.begin(), table.end(), [&](const ParamSpec& s) { return key == s.name; });
        if (spec == table.end()) {
          std::vector<std::string> names;
          for (const ParamSpec& s : table) names.emplace_back(s.name);
          errors.add(location_of(item.first, step.file),
                     "unknown parameter '" + key + "' for plugin '" + step.plugin + "'" + did_you_mean(key, names) +
                         "; allowed: " + (names.empty() ? std::string("none") : join(names)) +
                         " (see `textbench describe " + step.plugin + "`)");
          converted = false;
          continue;
        }
        if (auto value = convert_param(*spec, item.second, step.file, errors)) {
          params.set(key, std::move(*value));
        } else {
          converted = false;
          unconverted.push_back(key);
        }
      }
    }
    auto location_for = [&](const std::string& param) {
      for (const auto& [name, at] : where) {
        if (name == param) return at;
      }
      return step.where;  // e.g. a missing required parameter: point at the step
    };
    const auto issues = check_params(table, params);
    for (const ParamIssue& issue : issues) {
      if (std::find(unconverted.begin(), unconverted.end(), issue.param) != unconverted.end()) continue;
      errors.add(location_for(issue.param), issue.message + " (plugin '" + step.plugin + "')");
    }
    if (!converted || !issues.empty()) continue;

    PlannedStep planned;
    planned.label = step.label;
    planned.plugin = plugin;
    planned.params = std::move(params);
    planned.logger = host_logger->clone(step.label);

    // Create one instance now: what the plugin refuses is a config error, found before any document.
    const CreateContext context(planned.params, planned.logger);
    std::string error;
    void* instance = descriptor.create(context, error);
    if (instance == nullptr) {
      if (context.issues().empty()) {
        errors.add(step.where, "plugin '" + step.plugin + "' refused its configuration: " + error);
      }
      for (const ParamIssue& issue : context.issues()) errors.add(location_for(issue.param), issue.message);
      continue;
    }
    descriptor.destroy(instance);
    plan.steps.push_back(std::move(planned));
  }
  return plan;
}

Pipeline::Pipeline(const PipelinePlan& plan) {
  for (const PlannedStep& step : plan.steps) {
    const CreateContext context(step.params, step.logger);
    std::string error;
    void* handle = step.plugin->descriptor->create(context, error);
    if (handle == nullptr) {
      for (const Instance& made : instances_) made.step->plugin->descriptor->destroy(made.handle);
      throw std::runtime_error("plugin '" + step.label + "' could not be created: " + error);
    }
    instances_.push_back({&step, handle});
  }
  nanoseconds_.assign(instances_.size(), 0);
}

Pipeline::~Pipeline() {
  for (const Instance& instance : instances_) instance.step->plugin->descriptor->destroy(instance.handle);
}

std::vector<StepFailure> Pipeline::process(Document& document, bool stop_at_failure) {
  std::vector<StepFailure> failures;
  std::string error;
  for (std::size_t i = 0; i < instances_.size(); ++i) {
    const Instance& instance = instances_[i];
    const auto start = std::chrono::steady_clock::now();
    const bool ok = instance.step->plugin->descriptor->process(instance.handle, document, error);
    nanoseconds_[i] += static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count());
    if (!ok) {
      failures.push_back({i, instance.step->label, instance.step->plugin->descriptor->name, error});
      error.clear();
      if (stop_at_failure) break;
    }
  }
  return failures;
}

}  // namespace textbench::host
