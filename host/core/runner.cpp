#include "textbench_host/runner.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "textbench_host/output.hpp"

namespace textbench::host {

namespace {

// Buffered writer to stdout or a file; flushes in large blocks.
class OutputStream {
 public:
  explicit OutputStream(const std::string& path) {
    if (path != "-") {
      file_.open(path, std::ios::binary | std::ios::trunc);
      if (!file_) throw std::runtime_error("cannot open output " + path + " for writing");
    }
  }
  std::ostream& stream() { return file_.is_open() ? static_cast<std::ostream&>(file_) : std::cout; }
  void write(std::string& buffer, bool force = false) {
    if (buffer.size() < (1u << 20) && !force) return;
    stream().write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    buffer.clear();
    if (!stream()) throw std::runtime_error("cannot write output");
  }

 private:
  std::ofstream file_;
};

bool over_limit(const RunOptions& options, const RunSummary& summary) {
  if (!options.max_errors) return false;
  const double limit = *options.max_errors;
  const auto errors = static_cast<double>(summary.failed + summary.unreadable);
  if (limit >= 1) return errors >= limit;
  // A rate needs a few documents before it means anything.
  return summary.documents >= 20 && errors / static_cast<double>(summary.documents + summary.unreadable) > limit;
}

}  // namespace

int run_pipeline(const PipelinePlan& plan, const RunOptions& options, spdlog::logger& log, RunSummary& summary) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<InputReader> reader;
  std::unique_ptr<OutputStream> output;
  try {
    reader = std::make_unique<InputReader>(options.inputs, options.utf8);
    output = std::make_unique<OutputStream>(options.output_path);
  } catch (const std::exception& e) {
    log.error("{}", e.what());
    return kExitIoError;
  }
  Pipeline pipeline(plan);
  std::string buffer;
  std::vector<InputProblem> problems;
  InputDocument input;
  const bool keep_going = options.on_error != ErrorPolicy::Fail;
  try {
    while (true) {
      problems.clear();
      const bool more = reader->next(input, problems);
      for (const InputProblem& problem : problems) {
        ++summary.unreadable;
        log.error("{}: skipped: {}", problem.where, problem.message);
      }
      if (!problems.empty() && (!keep_going || over_limit(options, summary))) {
        summary.stopped_early = true;
        break;
      }
      if (!more) break;
      ++summary.documents;
      summary.bytes += input.text.size();
      if (input.repaired_utf8) {
        ++summary.repaired_utf8;
        log.warn("document '{}' ({}): invalid UTF-8 replaced with U+FFFD", input.id, input.origin);
      }
      Document document(std::move(input.id), std::move(input.text));
      document.metadata() = std::move(input.metadata);
      const auto failures = pipeline.process(document, options.on_error != ErrorPolicy::Continue);
      for (const StepFailure& failure : failures) {
        log.error("document '{}' ({}): step '{}' (plugin {}) failed: {}", document.id(), input.origin, failure.label,
                  failure.plugin, failure.message);
      }
      if (!failures.empty()) {
        ++summary.failed;
        if (!keep_going || over_limit(options, summary)) {
          summary.stopped_early = true;
          break;
        }
        if (options.on_error == ErrorPolicy::Skip) continue;  // reported above, left out of the output
      }
      if (options.format == OutputFormat::Jsonl) {
        append_document_jsonl(buffer, document, failures);
      } else {
        buffer.append(document.text());
        if (!document.text().ends_with('\n')) buffer.push_back('\n');
      }
      ++summary.written;
      output->write(buffer);
    }
    output->write(buffer, true);
    output->stream().flush();
  } catch (const std::exception& e) {
    log.error("{}", e.what());
    return kExitIoError;
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    summary.step_seconds.emplace_back(plan.steps[i].label, static_cast<double>(pipeline.step_nanoseconds()[i]) * 1e-9);
  }
  if (summary.stopped_early) {
    log.error("run stopped after {} failed documents ({} unreadable records)", summary.failed, summary.unreadable);
    return kExitStopped;
  }
  return summary.failed + summary.unreadable > 0 ? kExitSomeFailed : kExitOk;
}

}  // namespace textbench::host
