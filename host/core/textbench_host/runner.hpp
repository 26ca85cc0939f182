// Runs a planned pipeline over a corpus with N workers (the calling thread is one of them). Each
// worker loops: read a batch of raw records (64 or 1 MB; one worker reads at a time), parse and
// process it with its own Pipeline, render its JSONL, then write whatever batches are next in
// input order (one worker writes at a time). There is no reader or writer thread, so -j1 is a
// single thread and -jN keeps N cores busy.
//
// Reading may run at most a fixed number of batches ahead of writing, so memory stays flat
// whatever the corpus size. Batches are written in their sequence order, so the output is the
// same for any number of workers. Writing also applies the error policy, writes the errors file,
// draws the progress line and takes checkpoints (see sinks.hpp). docs/running.md has the details.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "textbench_host/config.hpp"
#include "textbench_host/input.hpp"
#include "textbench_host/pipeline.hpp"
#include "textbench_host/sinks.hpp"

namespace textbench::host {

// Exit codes of `textbench run` (also in docs/cli.md and docs/running.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitSomeFailed = 1,     // the run finished, but some documents failed or some input was unreadable
  kExitBadConfig = 2,      // bad config or command line: nothing was processed
  kExitStopped = 3,        // the run stopped early: --fail-fast, on_error: fail, or max_errors reached
  kExitIoError = 4,        // an input or output could not be opened or written
  kExitInterrupted = 130,  // Ctrl-C (SIGINT) or SIGTERM: documents in flight were finished and flushed
};

struct RunOptions {
  std::vector<std::string> inputs;
  InputOptions input;
  OutputSpec outputs;  // nothing set: JSONL on standard output
  ErrorPolicy on_error = ErrorPolicy::Skip;
  std::optional<double> max_errors;  // count (>= 1) or rate (< 1)
  unsigned threads = 0;              // workers; 0 = one per core
  bool resume = false;               // continue from the checkpoint of a killed or interrupted run
  bool progress = false;             // live line on stderr (the CLI turns it on for a terminal)
  RunDescription description;        // recorded by the SQLite sink and in the checkpoint's fingerprint
  std::size_t batch_documents = 64;
  std::size_t batch_bytes = 1u << 20;
  double checkpoint_seconds = 1.0;  // how often sinks are synced and a checkpoint is written
};

struct StepTime {
  std::string label;
  std::string plugin;
  double seconds = 0;  // summed over all workers
};

struct RunSummary {
  std::uint64_t documents = 0;   // input documents dealt with in this run (after any resumed prefix)
  std::uint64_t written = 0;     // documents handed to the sinks
  std::uint64_t failed = 0;      // documents with a failing step
  std::uint64_t unreadable = 0;  // input records that could not be read
  std::uint64_t repaired_utf8 = 0;
  std::uint64_t bytes = 0;         // text bytes of those documents
  std::uint64_t input_bytes = 0;   // input consumed (compressed bytes for .gz), skipped prefix excluded
  std::uint64_t resumed_from = 0;  // input records skipped because a checkpoint covered them
  unsigned threads = 0;
  double seconds = 0;
  bool stopped_early = false;
  bool interrupted = false;
  std::vector<StepTime> steps;
  std::string checkpoint_path;  // "" when no output is a file
  std::string errors_path;      // "" when no errors file is written
};

// Runs the pipeline; reports every failure on the logger; returns the exit code.
int run_pipeline(const PipelinePlan& plan, const RunOptions& options, spdlog::logger& log, RunSummary& summary);

// SIGINT and SIGTERM make a running run_pipeline stop reading, finish the documents in flight,
// flush every sink and return kExitInterrupted. A second signal ends the process at once.
void install_interrupt_handlers();

// Where the checkpoint and the default errors file of these outputs go ("" when none is a file).
std::string checkpoint_path_for(const OutputSpec& outputs);
std::string default_errors_path_for(const OutputSpec& outputs);

}  // namespace textbench::host
