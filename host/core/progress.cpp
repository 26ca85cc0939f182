#include "textbench_host/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "textbench_host/output.hpp"

namespace textbench::host {

namespace {

std::string clock_text(double seconds) {
  const auto total = static_cast<std::uint64_t>(seconds + 0.5);
  if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

void write_stderr(const std::string& text) {
  // Straight to the descriptor: the line must not wait in a buffer, nor mix into another one.
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t wrote = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
    if (wrote <= 0) return;
    done += static_cast<std::size_t>(wrote);
  }
}

}  // namespace

ProgressLine::ProgressLine(bool enabled, std::uint64_t total_bytes)
    : enabled_(enabled), total_bytes_(total_bytes), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void ProgressLine::update(std::uint64_t documents, std::uint64_t input_bytes) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double megabytes = static_cast<double>(input_bytes) / 1e6;
  std::string line = fmt::format("\r{} docs  {:.1f} MB  {:.0f} docs/s  {:.1f} MB/s", documents, megabytes,
                                 static_cast<double>(documents) / seconds, megabytes / seconds);
  if (total_bytes_ > 0 && input_bytes > 0 && input_bytes <= total_bytes_) {
    const double remaining =
        seconds * static_cast<double>(total_bytes_ - input_bytes) / static_cast<double>(input_bytes);
    line +=
        fmt::format("  {:.0f}%  ETA {}", 100.0 * static_cast<double>(input_bytes) / static_cast<double>(total_bytes_),
                    clock_text(remaining));
  }
  line += "\033[K";  // erase what a longer previous line left
  write_stderr(line);
  shown_ = true;
}

void ProgressLine::clear() {
  if (!shown_) return;
  write_stderr("\r\033[K");
  shown_ = false;
}

std::vector<std::string> summary_lines(const RunSummary& summary) {
  std::vector<std::string> lines;
  const double megabytes = static_cast<double>(summary.bytes) / 1e6;
  lines.push_back(fmt::format(
      "{} documents, {:.1f} MB of text in {:.2f} s ({:.1f} MB/s, {} threads); {} written, {} "
      "failed, {} unreadable",
      summary.documents, megabytes, summary.seconds, summary.seconds > 0 ? megabytes / summary.seconds : 0.0,
      summary.threads, summary.written, summary.failed, summary.unreadable));
  if (summary.resumed_from > 0) {
    lines.push_back(fmt::format("resumed after {} input records already dealt with", summary.resumed_from));
  }
  for (const StepTime& step : summary.steps) {
    lines.push_back(fmt::format("  step {} ({}): {:.2f} s", step.label, step.plugin, step.seconds));
  }
  if (summary.failed + summary.unreadable > 0 && !summary.errors_path.empty()) {
    lines.push_back("errors are listed in " + summary.errors_path);
  }
  return lines;
}

std::string stats_json(const RunSummary& summary) {
  std::string out = "{";
  auto number = [&](const char* key, auto value) { out += fmt::format("\"{}\":{},", key, value); };
  number("documents", summary.documents);
  number("written", summary.written);
  number("failed", summary.failed);
  number("unreadable", summary.unreadable);
  number("repaired_utf8", summary.repaired_utf8);
  number("bytes", summary.bytes);
  number("input_bytes", summary.input_bytes);
  number("resumed_from", summary.resumed_from);
  number("threads", summary.threads);
  number("seconds", summary.seconds);
  out += fmt::format("\"stopped_early\":{},\"interrupted\":{},", summary.stopped_early, summary.interrupted);
  out += "\"steps\":[";
  for (std::size_t i = 0; i < summary.steps.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += "{\"label\":";
    append_json_string(out, summary.steps[i].label);
    out += ",\"plugin\":";
    append_json_string(out, summary.steps[i].plugin);
    out += fmt::format(",\"seconds\":{}}}", summary.steps[i].seconds);
  }
  out += "]}\n";
  return out;
}

}  // namespace textbench::host
