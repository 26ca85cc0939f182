// textbench: run YAML pipelines of plugins over text corpora.
#include <iostream>

#include "commands.hpp"
#include "textbench/version.hpp"
#include "textbench_host/runner.hpp"

int main(int argc, char** argv) {
  CLI::App app{"textbench: run YAML pipelines of text-analysis plugins over documents"};
  app.set_version_flag("--version", std::string("textbench ") + TEXTBENCH_VERSION + " (SDK " + textbench::kSdkVersion +
                                        ", plugin ABI " + std::to_string(textbench::kAbiVersion) + ")");
  app.require_subcommand(1);
  // Subcommands (created below) inherit this: `textbench run -q ...` works like `textbench -q run ...`.
  app.fallthrough();
  textbench::cli::GlobalOptions options;
  app.add_option("--plugin-path", options.plugin_paths,
                 "Folder(s) to search for plugins first (repeatable; also TEXTBENCH_PLUGIN_PATH)")
      ->type_name("DIR");
  app.add_flag_function(
      "-v,--verbose", [&](std::int64_t count) { options.verbosity += static_cast<int>(count); },
      "More log output on stderr");
  app.add_flag_function(
      "-q,--quiet", [&](std::int64_t count) { options.verbosity -= static_cast<int>(count); }, "Only errors on stderr");
  int exit_code = textbench::host::kExitOk;
  textbench::cli::add_run_command(app, options, exit_code);
  textbench::cli::add_validate_command(app, options, exit_code);
  textbench::cli::add_plugins_command(app, options, exit_code);
  textbench::cli::add_describe_command(app, options, exit_code);
  textbench::cli::add_test_command(app, options, exit_code);
  textbench::cli::add_schema_command(app, options, exit_code);
  textbench::cli::add_new_plugin_command(app, options, exit_code);
  textbench::cli::add_check_plugin_command(app, options, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : textbench::host::kExitBadConfig;
  }
  return exit_code;
}
