// Shared set-up for host tests: temporary config files and a registry over the built plugins.
#pragma once

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include "temp_dir.hpp"
#include "textbench_host/config.hpp"
#include "textbench_host/pipeline.hpp"
#include "textbench_host/registry.hpp"

namespace test {

inline std::shared_ptr<spdlog::logger> quiet_logger() {
  return std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
}

inline textbench::host::PluginRegistry make_registry() {
  return textbench::host::PluginRegistry({TEXTBENCH_PLUGIN_DIR, TEXTBENCH_TEST_PLUGIN_DIR});
}

// Loads and plans a config; returns the formatted errors (empty when it is fine).
inline std::string check_config(const std::filesystem::path& file) {
  textbench::host::ConfigErrors errors;
  auto config = textbench::host::load_config(file, errors);
  auto registry = make_registry();
  textbench::host::plan_pipeline(config, registry, errors, quiet_logger());
  return errors.format();
}

}  // namespace test
