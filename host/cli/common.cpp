#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#include "commands.hpp"

namespace textbench::cli {

std::shared_ptr<spdlog::logger> make_logger(const GlobalOptions& options) {
  auto logger = std::make_shared<spdlog::logger>("textbench", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  logger->set_pattern("%n: %^%l%$: %v");
  logger->set_level(options.verbosity > 0   ? spdlog::level::debug
                    : options.verbosity < 0 ? spdlog::level::err
                                            : spdlog::level::info);
  return logger;
}

std::vector<std::filesystem::path> plugin_search_path(const GlobalOptions& options,
                                                      const host::PipelineConfig* config) {
  std::vector<std::filesystem::path> path;
  for (const std::string& given : options.plugin_paths) {
    for (auto& dir : host::split_path_list(given)) path.push_back(std::move(dir));
  }
  if (const char* env = std::getenv("TEXTBENCH_PLUGIN_PATH")) {
    for (auto& dir : host::split_path_list(env)) path.push_back(std::move(dir));
  }
  if (config != nullptr) path.insert(path.end(), config->plugin_path.begin(), config->plugin_path.end());
  if (auto installed = host::installed_plugin_dir(); !installed.empty()) path.push_back(installed);
  return path;
}

std::optional<LoadedPipeline> load_pipeline(const std::string& config_path, const GlobalOptions& options,
                                            const std::shared_ptr<spdlog::logger>& logger) {
  LoadedPipeline loaded;
  host::ConfigErrors errors;
  loaded.config = host::load_config(config_path, errors);
  loaded.registry = std::make_unique<host::PluginRegistry>(plugin_search_path(options, &loaded.config));
  for (const std::string& problem : loaded.registry->scan_problems()) logger->debug("{}", problem);
  // Plan even when the structure had errors, so that one pass reports every problem in the file.
  loaded.plan = host::plan_pipeline(loaded.config, *loaded.registry, errors, logger);
  // Tests are part of the config: run and validate reject a broken test as they reject a broken step.
  loaded.tests = host::load_config_tests(loaded.config, errors);
  if (!errors.empty()) {
    std::cerr << errors.format();
    std::cerr << errors.size() << (errors.size() == 1 ? " error" : " errors") << " in " << config_path << "\n";
    return std::nullopt;
  }
  return loaded;
}

}  // namespace textbench::cli
