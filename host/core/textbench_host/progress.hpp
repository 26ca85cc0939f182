// What `run` tells a person while and after it works: the live progress line, the closing
// summary, and the same figures as JSON for --stats.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "textbench_host/runner.hpp"

namespace textbench::host {

// One line on stderr, redrawn in place at most four times a second:
//   12345 docs  150.2 MB  2100 docs/s  25.6 MB/s  40%  ETA 0:41
// The ETA appears only when the input size is known (files, not standard input).
class ProgressLine {
 public:
  ProgressLine(bool enabled, std::uint64_t total_bytes);
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void update(std::uint64_t documents, std::uint64_t input_bytes);
  // Erases the line (before a log message, and at the end) so that other output starts clean.
  void clear();

 private:
  bool enabled_;
  bool shown_ = false;
  std::uint64_t total_bytes_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// The closing summary, a few lines of plain text.
std::vector<std::string> summary_lines(const RunSummary& summary);

// The same figures as one JSON object (for --stats FILE).
std::string stats_json(const RunSummary& summary);

}  // namespace textbench::host
