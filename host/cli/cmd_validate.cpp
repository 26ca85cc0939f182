#include <spdlog/spdlog.h>

#include <iostream>

#include "commands.hpp"
#include "textbench_host/runner.hpp"

namespace textbench::cli {

void add_validate_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto* command = app.add_subcommand(
      "validate", "Check a config exactly as `run` would (plugins, ABI, parameters, patterns) without running it");
  auto config = std::make_shared<std::string>();
  command->add_option("config", *config, "Pipeline config (YAML)")->required();
  command->callback([=, &options, &exit_code] {
    auto loaded = load_pipeline(*config, options, make_logger(options));
    if (!loaded) {
      exit_code = host::kExitBadConfig;
      return;
    }
    std::cout << *config << ": ok: pipeline '" << loaded->plan.name << "' with " << loaded->plan.steps.size()
              << (loaded->plan.steps.size() == 1 ? " step" : " steps") << "\n";
    for (const auto& step : loaded->plan.steps) {
      std::cout << "  " << step.label << " (" << step.plugin->descriptor->name << " "
                << step.plugin->descriptor->version << ", " << step.plugin->path.string() << ")\n";
    }
    if (!loaded->tests.empty()) {
      std::cout << "  " << loaded->tests.size() << (loaded->tests.size() == 1 ? " test" : " tests")
                << " (run them with `textbench test " << *config << "`)\n";
    }
    exit_code = host::kExitOk;
  });
}

}  // namespace textbench::cli
