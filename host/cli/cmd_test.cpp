#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "textbench_host/config_tests.hpp"
#include "textbench_host/runner.hpp"

namespace textbench::cli {

namespace {

namespace fs = std::filesystem;

bool is_tests_file(const fs::path& file) {
  const std::string stem = file.stem().string();
  return stem.size() > 6 && stem.ends_with(".tests");
}

bool is_yaml(const fs::path& file) {
  return file.extension() == ".yaml" || file.extension() == ".yml";
}

// A config in a folder is tested when it has tests; other YAML files there (fragments that are
// only included, configs without tests) are left alone. A file that does not parse is kept, so
// that its error is reported rather than hidden.
bool has_tests(const fs::path& config) {
  if (fs::exists(host::sibling_tests_file(config))) return true;
  try {
    const YAML::Node root = YAML::LoadFile(config.string());
    return root.IsMap() && root["tests"];
  } catch (const YAML::Exception&) {
    return true;
  }
}

struct Tally {
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t bad_configs = 0;
};

void indent(std::ostream& out, const std::string& block, const std::string& prefix) {
  std::size_t start = 0;
  while (start < block.size()) {
    const auto end = block.find('\n', start);
    out << prefix << block.substr(start, end - start) << "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

void test_config(const std::string& config, const std::string& filter, const GlobalOptions& options,
                 const std::shared_ptr<spdlog::logger>& logger, Tally& tally) {
  auto loaded = load_pipeline(config, options, logger);
  if (!loaded) {
    ++tally.bad_configs;
    return;
  }
  if (loaded->tests.empty()) {
    std::cout << config << ": FAIL: no tests; add a 'tests:' section or " << host::sibling_tests_file(config).string()
              << " (docs/configs.md)\n";
    ++tally.failed;
    return;
  }
  std::unique_ptr<host::Pipeline> pipeline;
  try {
    pipeline = std::make_unique<host::Pipeline>(loaded->plan);
  } catch (const std::runtime_error& e) {
    std::cerr << config << ": error: " << e.what() << "\n";
    ++tally.bad_configs;
    return;
  }
  std::size_t selected = 0;
  for (const host::ConfigTest& test : loaded->tests) {
    if (!filter.empty() && test.name.find(filter) == std::string::npos) continue;
    if (selected++ == 0) std::cout << config << "\n";
    const host::TestResult result = host::run_config_test(test, *pipeline, loaded->config.on_error);
    if (result.passed) {
      ++tally.passed;
      if (options.verbosity >= 0) std::cout << "  ok    " << result.name << "\n";
      continue;
    }
    ++tally.failed;
    std::cout << "  FAIL  " << result.name << " (" << result.where.str() << ", input " << test.input_origin << ")\n";
    for (const std::string& failure : result.failures) indent(std::cout, failure, "      ");
  }
}

}  // namespace

void add_test_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto* command = app.add_subcommand(
      "test", "Run the tests of configs (their 'tests:' section and <config>.tests.yaml) through the real pipeline");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto filter = std::make_shared<std::string>();
  command->add_option("configs", *paths, "Config files, or folders whose configs with tests are all run")->required();
  command->add_option("-k,--filter", *filter, "Run only the tests whose name contains this text");
  command->callback([=, &options, &exit_code] {
    auto logger = make_logger(options);
    std::vector<std::string> configs;
    for (const std::string& path : *paths) {
      if (!fs::is_directory(path)) {
        configs.push_back(path);
        continue;
      }
      std::vector<std::string> found;
      for (const auto& entry : fs::directory_iterator(path)) {
        if (entry.is_regular_file() && is_yaml(entry.path()) && !is_tests_file(entry.path()) &&
            has_tests(entry.path())) {
          found.push_back(entry.path().string());
        }
      }
      if (found.empty()) logger->warn("{}: no configs with tests in this folder", path);
      std::sort(found.begin(), found.end());
      configs.insert(configs.end(), found.begin(), found.end());
    }
    Tally tally;
    for (const std::string& config : configs) test_config(config, *filter, options, logger, tally);
    if (tally.bad_configs > 0) {
      std::cout << tally.bad_configs << (tally.bad_configs == 1 ? " config" : " configs")
                << " could not be loaded (errors on stderr)\n";
    }
    if (tally.passed + tally.failed == 0 && tally.bad_configs == 0) {
      std::cout << "no tests ran" << (filter->empty() ? "" : " (none matched -k '" + *filter + "')") << "\n";
    }
    std::cout << tally.passed << " passed, " << tally.failed << " failed\n";
    if (tally.bad_configs > 0) {
      exit_code = host::kExitBadConfig;
    } else if (tally.failed > 0 || tally.passed == 0) {
      exit_code = host::kExitSomeFailed;
    } else {
      exit_code = host::kExitOk;
    }
  });
}

}  // namespace textbench::cli
