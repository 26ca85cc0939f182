// Shared set-up for host tests: temporary config files and a registry over the built plugins.
#pragma once

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include "textbench_host/config.hpp"
#include "textbench_host/pipeline.hpp"
#include "textbench_host/registry.hpp"

namespace test {

// A fresh folder under the system temp dir, removed when the object goes.
class TempDir {
 public:
  TempDir() {
    std::random_device seed;
    path_ = std::filesystem::temp_directory_path() / ("textbench-test-" + std::to_string(seed()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    const auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

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
