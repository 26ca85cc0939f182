#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "textbench_host/runner.hpp"
#include "textbench_host/schema.hpp"

namespace textbench::cli {

void add_schema_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto* command = app.add_subcommand(
      "schema", "Write a JSON Schema of the config format, from the plugins on the search path (for YAML editors)");
  auto output = std::make_shared<std::string>("-");
  auto tests_file = std::make_shared<bool>(false);
  command->add_option("-o,--output", *output, "Write the schema here instead of standard output");
  command->add_flag("--tests-file", *tests_file, "Schema of a sibling tests file (<config>.tests.yaml) instead");
  command->callback([=, &options, &exit_code] {
    auto logger = make_logger(options);
    host::PluginRegistry registry(plugin_search_path(options));
    for (const std::string& problem : registry.scan_problems()) logger->warn("{}", problem);
    exit_code = host::kExitOk;
    // The loaded plugins stay alive until the schema is written: descriptors live in their libraries.
    std::vector<std::shared_ptr<const host::LoadedPlugin>> loaded;
    std::vector<const PluginDescriptor*> descriptors;
    for (const std::string& name : registry.names()) {
      try {
        loaded.push_back(registry.load(name));
        descriptors.push_back(loaded.back()->descriptor);
      } catch (const host::PluginLoadError& e) {
        logger->warn("plugin '{}' left out of the schema: {}", name, e.what());
        exit_code = host::kExitSomeFailed;
      }
    }
    if (descriptors.empty()) logger->warn("no plugins found: the schema accepts no plugin names");
    const std::string schema =
        host::config_schema(descriptors, *tests_file ? host::SchemaRoot::TestsFile : host::SchemaRoot::Config);
    if (*output == "-") {
      std::cout << schema;
      return;
    }
    std::ofstream file(*output, std::ios::binary);
    if (!(file << schema) || !file.flush()) {
      logger->error("cannot write {}", *output);
      exit_code = host::kExitIoError;
    }
  });
}

}  // namespace textbench::cli
