// From a checked config to running steps.
//
// plan_pipeline() does everything `run` needs before the first document — finds and loads each
// plugin, converts and checks its parameters against the plugin's own table, and creates one
// instance to let the plugin reject what the table cannot express — so `validate` (which calls
// exactly this) accepts nothing that `run` would reject.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "textbench/document.hpp"
#include "textbench/params.hpp"
#include "textbench_host/config.hpp"
#include "textbench_host/registry.hpp"

namespace spdlog {
class logger;
namespace sinks {
class sink;
}
}  // namespace spdlog

namespace textbench::host {

struct PlannedStep {
  std::string label;
  std::shared_ptr<const LoadedPlugin> plugin;
  Params params;
  std::shared_ptr<spdlog::logger> logger;
};

struct PipelinePlan {
  std::string name;
  std::vector<PlannedStep> steps;
};

// Problems go to `errors` with the location of the plugin name or parameter at fault.
PipelinePlan plan_pipeline(const PipelineConfig& config, PluginRegistry& registry, ConfigErrors& errors,
                           const std::shared_ptr<spdlog::logger>& host_logger);

// Converts one YAML parameter value to the type the table declares.
std::optional<ParamValue> convert_param(const ParamSpec& spec, const YAML::Node& node, const std::string& file,
                                        ConfigErrors& errors);

struct StepFailure {
  std::size_t step = 0;
  std::string label;
  std::string plugin;
  std::string message;
};

// One set of plugin instances; used by one thread at a time (the runner makes one per worker).
class Pipeline {
 public:
  explicit Pipeline(const PipelinePlan& plan);  // throws std::runtime_error if a plugin refuses
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Runs the steps in order. With stop_at_failure, returns at the first failure; otherwise runs
  // the remaining steps too and returns the first failure.
  std::vector<StepFailure> process(Document& document, bool stop_at_failure = true);
  [[nodiscard]] std::size_t size() const noexcept { return instances_.size(); }
  // Nanoseconds spent in each step so far (for per-plugin timing).
  [[nodiscard]] const std::vector<std::uint64_t>& step_nanoseconds() const noexcept { return nanoseconds_; }

 private:
  struct Instance {
    const PlannedStep* step;
    void* handle;
  };
  std::vector<Instance> instances_;
  std::vector<std::uint64_t> nanoseconds_;
};

}  // namespace textbench::host
