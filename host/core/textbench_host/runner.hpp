// Runs a planned pipeline over inputs and writes the results, applying the error policy.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "textbench_host/config.hpp"
#include "textbench_host/input.hpp"
#include "textbench_host/pipeline.hpp"

namespace textbench::host {

enum class OutputFormat { Jsonl, Text };

// Exit codes of `textbench run` (also in docs/cli.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitSomeFailed = 1,   // the run finished, but some documents failed or some input was unreadable
  kExitBadConfig = 2,    // bad config or command line: nothing was processed
  kExitStopped = 3,      // the run stopped early: --fail-fast, on_error: fail, or max_errors reached
  kExitIoError = 4,      // an input or output could not be opened or written
  kExitInterrupted = 130,
};

struct RunOptions {
  std::vector<std::string> inputs;
  std::string output_path = "-";  // "-" is standard output
  OutputFormat format = OutputFormat::Jsonl;
  ErrorPolicy on_error = ErrorPolicy::Skip;
  std::optional<double> max_errors;  // count (>= 1) or rate (< 1)
  Utf8Policy utf8 = Utf8Policy::Replace;
};

struct RunSummary {
  std::uint64_t documents = 0;  // read
  std::uint64_t written = 0;
  std::uint64_t failed = 0;  // documents with a failing step
  std::uint64_t unreadable = 0;  // input records that could not be read
  std::uint64_t repaired_utf8 = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;
  bool stopped_early = false;
  std::vector<std::pair<std::string, double>> step_seconds;  // per step label
};

// Runs the pipeline; reports every failure on the logger; returns the exit code.
int run_pipeline(const PipelinePlan& plan, const RunOptions& options, spdlog::logger& log, RunSummary& summary);

}  // namespace textbench::host
