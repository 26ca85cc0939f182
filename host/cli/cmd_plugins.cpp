#include <spdlog/spdlog.h>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <span>

#include "commands.hpp"
#include "textbench_host/runner.hpp"

namespace textbench::cli {

namespace {

std::string default_text(const ParamSpec& spec) {
  if (spec.required) return "(required)";
  if (spec.type == ParamType::StringList) return "[]";
  if (spec.type == ParamType::StringMap) return "{}";
  return spec.default_value != nullptr ? std::string(spec.default_value) : std::string("(none)");
}

void describe(const host::LoadedPlugin& plugin) {
  const PluginDescriptor& d = *plugin.descriptor;
  std::cout << d.name << " " << d.version << "\n  " << d.description << "\n  library: " << plugin.path.string()
            << "\n  SDK ABI " << d.abi_version << ", built with " << d.build_stamp << "\n";
  if (d.flags & kThreadSafe) std::cout << "  thread-safe: one instance may serve several threads\n";
  if (d.flags & kEditsText) std::cout << "  edits the text (later steps see the edited text; offsets map back)\n";
  std::cout << "\nParameters:\n";
  if (d.param_count == 0) std::cout << "  (none)\n";
  for (const ParamSpec& spec : std::span(d.params, d.param_count)) {
    std::cout << "  " << spec.name << " (" << to_string(spec.type) << ", default " << default_text(spec) << ")";
    if (spec.choices != nullptr) std::cout << " one of: " << spec.choices;
    if (!std::isinf(spec.min) || !std::isinf(spec.max)) std::cout << " range: [" << spec.min << ", " << spec.max << "]";
    std::cout << "\n      " << (spec.doc ? spec.doc : "") << "\n";
  }
  std::cout << "\nAnnotations written:\n";
  if (d.attribute_count == 0) std::cout << "  (not declared)\n";
  for (const AttributeSpec& attribute : std::span(d.attributes, d.attribute_count)) {
    std::cout << "  " << attribute.annotation_type << "." << attribute.name << " (" << attribute.type << ")\n      "
              << attribute.doc << "\n";
  }
}

}  // namespace

void add_plugins_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto* command = app.add_subcommand("plugins", "List the plugins found on the search path");
  command->callback([&options, &exit_code] {
    auto logger = make_logger(options);
    host::PluginRegistry registry(plugin_search_path(options));
    for (const std::string& problem : registry.scan_problems()) logger->warn("{}", problem);
    exit_code = host::kExitOk;
    if (registry.names().empty()) {
      logger->error("no plugins found; searched:");
      for (const auto& dir : registry.search_path()) logger->error("  {}", dir.string());
      exit_code = host::kExitSomeFailed;
      return;
    }
    for (const std::string& name : registry.names()) {
      try {
        const auto plugin = registry.load(name);
        std::cout << std::left << std::setw(24) << name << " " << std::setw(8) << plugin->descriptor->version << " "
                  << plugin->descriptor->description << "\n";
      } catch (const host::PluginLoadError& e) {
        std::cout << std::left << std::setw(24) << name << " (cannot load: " << e.what() << ")\n";
        exit_code = host::kExitSomeFailed;
      }
    }
  });
}

void add_describe_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto* command = app.add_subcommand("describe", "Show a plugin's parameters and the annotations it writes");
  auto name = std::make_shared<std::string>();
  command->add_option("plugin", *name, "Plugin name (see `textbench plugins`)")->required();
  command->callback([=, &options, &exit_code] {
    auto logger = make_logger(options);
    host::PluginRegistry registry(plugin_search_path(options));
    if (!registry.contains(*name)) {
      logger->error("unknown plugin '{}'{}; run `textbench plugins` to list them", *name,
                    host::did_you_mean(*name, registry.names()));
      exit_code = host::kExitBadConfig;
      return;
    }
    try {
      describe(*registry.load(*name));
      exit_code = host::kExitOk;
    } catch (const host::PluginLoadError& e) {
      logger->error("{}", e.what());
      exit_code = host::kExitSomeFailed;
    }
  });
}

}  // namespace textbench::cli
