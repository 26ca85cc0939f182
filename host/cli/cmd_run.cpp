#include <spdlog/spdlog.h>

#include <cstdio>

#include "commands.hpp"
#include "textbench_host/runner.hpp"

namespace textbench::cli {

void add_run_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto* command = app.add_subcommand("run", "Run a pipeline over documents and write the results");
  auto config = std::make_shared<std::string>();
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto run = std::make_shared<host::RunOptions>();
  auto format = std::make_shared<std::string>("jsonl");
  auto fail_fast = std::make_shared<bool>(false);
  auto utf8 = std::make_shared<std::string>();
  command->add_option("config", *config, "Pipeline config (YAML)")->required();
  command->add_option("inputs", *inputs,
                      "Inputs: .jsonl files ({\"id\", \"text\"} per line), .txt files, folders, or - for stdin")
      ->required();
  command->add_option("-o,--output", run->output_path, "Write results here instead of standard output");
  command->add_option("--format", *format, "jsonl (text and annotations) or text (final text only)")
      ->check(CLI::IsMember({"jsonl", "text"}));
  command->add_flag("--fail-fast", *fail_fast, "Stop at the first failed document (exit code 3)");
  command->add_option("--utf8", *utf8, "Invalid UTF-8 in input: replace (with U+FFFD, default) or reject")
      ->check(CLI::IsMember({"replace", "reject"}));
  command->callback([=, &options, &exit_code] {
    auto logger = make_logger(options);
    auto loaded = load_pipeline(*config, options, logger);
    if (!loaded) {
      exit_code = host::kExitBadConfig;
      return;
    }
    run->inputs = *inputs;
    run->format = *format == "text" ? host::OutputFormat::Text : host::OutputFormat::Jsonl;
    run->on_error = *fail_fast ? host::ErrorPolicy::Fail : loaded->config.on_error;
    run->max_errors = loaded->config.max_errors;
    if (*utf8 == "reject") run->utf8 = host::Utf8Policy::Reject;
    host::RunSummary summary;
    exit_code = host::run_pipeline(loaded->plan, *run, *logger, summary);
    logger->info("{} documents, {:.1f} MB in {:.2f} s; {} written, {} failed, {} unreadable", summary.documents,
                 static_cast<double>(summary.bytes) / 1e6, summary.seconds, summary.written, summary.failed,
                 summary.unreadable);
  });
}

}  // namespace textbench::cli
