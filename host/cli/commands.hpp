// The textbench command line: one add_*_command per subcommand (each in its own file), sharing
// the global options and the set-up below.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "textbench_host/config.hpp"
#include "textbench_host/config_tests.hpp"
#include "textbench_host/pipeline.hpp"
#include "textbench_host/registry.hpp"

namespace spdlog {
class logger;
}

namespace textbench::cli {

struct GlobalOptions {
  std::vector<std::string> plugin_paths;  // --plugin-path, in the order given
  int verbosity = 0;                      // -v: +1, -q: -1
};

// The logger on stderr, at the level -v/-q ask for. Plugins get clones named after their step.
std::shared_ptr<spdlog::logger> make_logger(const GlobalOptions& options);

// Search path: --plugin-path, TEXTBENCH_PLUGIN_PATH, the config's plugin_path, the installed folder.
std::vector<std::filesystem::path> plugin_search_path(const GlobalOptions& options,
                                                      const host::PipelineConfig* config = nullptr);

// Loads a config and plans its pipeline, collecting every error. Returns nullopt (after printing
// each error to stderr) when anything is wrong.
struct LoadedPipeline {
  host::PipelineConfig config;
  std::unique_ptr<host::PluginRegistry> registry;
  host::PipelinePlan plan;
  std::vector<host::ConfigTest> tests;  // the config's tests, checked like the rest of it
};
std::optional<LoadedPipeline> load_pipeline(const std::string& config_path, const GlobalOptions& options,
                                            const std::shared_ptr<spdlog::logger>& logger);

// Each returns nothing; the chosen subcommand sets `exit_code` when it runs.
void add_run_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_validate_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_plugins_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_describe_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_test_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_schema_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_new_plugin_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_check_plugin_command(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace textbench::cli
