#include "textbench_host/runner.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "textbench_host/output.hpp"
#include "textbench_host/progress.hpp"

namespace textbench::host {

namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void handle_interrupt(int) {
  g_interrupted.store(true, std::memory_order_relaxed);
}

bool interrupted() {
  return g_interrupted.load(std::memory_order_relaxed);
}

// One input document on its way through the threads.
struct Item {
  InputDocument input;
  std::vector<InputProblem> problems;  // unreadable records met just before this document
  std::optional<Document> document;    // made and processed by a worker
  std::vector<StepFailure> failures;
  std::size_t jsonl_begin = 0;  // its line in Batch::jsonl
  std::size_t jsonl_end = 0;
};

struct Batch {
  std::uint64_t sequence = 0;
  std::uint64_t first_ordinal = 0;  // ordinal of items[0] among all input documents
  std::vector<Item> items;
  std::vector<InputProblem> trailing_problems;  // unreadable records after the last document
  std::uint64_t input_position = 0;             // input bytes consumed after this batch
  std::string jsonl;                            // the items' JSONL lines, rendered by the worker
};

// The hand-over between reader, workers and writer, under one lock that is held only to move
// whole batches. The reader may be at most `max_in_flight` batches ahead of the writer: that
// bound is what keeps memory flat.
class Exchange {
 public:
  explicit Exchange(std::size_t max_in_flight) : max_in_flight_(max_in_flight) {}

  // Reader: waits until batch `sequence` may be started; false when the run was aborted.
  bool wait_for_room(std::uint64_t sequence) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return aborted_ || sequence < next_ + max_in_flight_; });
    return !aborted_;
  }
  void push_work(Batch batch) {
    const std::lock_guard lock(mutex_);
    work_.push_back(std::move(batch));
    work_ready_.notify_one();
  }
  void finish_reading(std::uint64_t batches) {
    const std::lock_guard lock(mutex_);
    total_ = batches;
    work_ready_.notify_all();
    done_ready_.notify_all();
  }

  // Workers: the next batch to process; nullopt when there is nothing more to do.
  std::optional<Batch> pop_work() {
    std::unique_lock lock(mutex_);
    work_ready_.wait(lock, [&] { return aborted_ || !work_.empty() || total_.has_value(); });
    if (aborted_ || work_.empty()) return std::nullopt;
    Batch batch = std::move(work_.front());
    work_.pop_front();
    return batch;
  }
  void push_done(Batch batch) {
    const std::lock_guard lock(mutex_);
    done_.emplace(batch.sequence, std::move(batch));
    done_ready_.notify_one();
  }

  // Writer: the batches in sequence order; nullopt after the last one (or on abort).
  std::optional<Batch> pop_next_done() {
    std::unique_lock lock(mutex_);
    done_ready_.wait(lock, [&] { return aborted_ || done_.contains(next_) || (total_ && next_ >= *total_); });
    const auto found = done_.find(next_);
    if (aborted_ || found == done_.end()) return std::nullopt;
    Batch batch = std::move(found->second);
    done_.erase(found);
    ++next_;
    room_.notify_one();
    return batch;
  }

  void abort() {
    const std::lock_guard lock(mutex_);
    aborted_ = true;
    room_.notify_all();
    work_ready_.notify_all();
    done_ready_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable room_, work_ready_, done_ready_;
  std::deque<Batch> work_;
  std::map<std::uint64_t, Batch> done_;
  std::uint64_t next_ = 0;
  std::optional<std::uint64_t> total_;  // batches, once reading has finished
  bool aborted_ = false;
  std::size_t max_in_flight_;
};

struct ReaderOutcome {
  std::string error;                         // an input that could not be opened or read mid-run
  std::atomic<std::uint64_t> skipped_bytes;  // input consumed by the resume skip
};

void read_batches(InputReader& reader, Exchange& exchange, const RunOptions& options, std::uint64_t skip,
                  ReaderOutcome& outcome) {
  std::uint64_t sequence = 0;
  auto next = [&](InputDocument& document, std::vector<InputProblem>& problems) {
    try {
      return reader.next(document, problems);
    } catch (const std::exception& e) {
      outcome.error = e.what();
      return false;
    }
  };
  // Documents a checkpoint covers are read again (input order is fixed) but not processed; their
  // unreadable records were reported by the run that wrote the checkpoint.
  InputDocument skipped;
  std::vector<InputProblem> ignored;
  for (std::uint64_t i = 0; i < skip && !interrupted(); ++i) {
    ignored.clear();
    if (!next(skipped, ignored)) {
      if (outcome.error.empty()) {
        outcome.error = "cannot resume: the inputs hold only " + std::to_string(i) +
                        " documents, but the checkpoint covers " + std::to_string(skip) +
                        "; were the inputs changed? Run without --resume to start over";
      }
      exchange.finish_reading(0);
      return;
    }
  }
  outcome.skipped_bytes = reader.bytes_read();
  std::uint64_t ordinal = skip;
  bool more = true;
  while (more && !interrupted() && outcome.error.empty()) {
    if (!exchange.wait_for_room(sequence)) break;
    Batch batch;
    batch.sequence = sequence;
    batch.first_ordinal = ordinal;
    std::size_t bytes = 0;
    while (batch.items.size() < options.batch_documents && bytes < options.batch_bytes && !interrupted()) {
      Item item;
      more = next(item.input, item.problems);
      if (!more) {
        batch.trailing_problems = std::move(item.problems);
        break;
      }
      bytes += item.input.text.size();
      batch.items.push_back(std::move(item));
    }
    batch.input_position = reader.bytes_read();
    if (batch.items.empty() && batch.trailing_problems.empty()) break;
    ordinal += batch.items.size();
    exchange.push_work(std::move(batch));
    ++sequence;
  }
  exchange.finish_reading(sequence);
}

void process_batches(Pipeline& pipeline, Exchange& exchange, const RunOptions& options, bool render_jsonl,
                     std::string& error) {
  const bool stop_at_failure = options.on_error != ErrorPolicy::Continue;
  const bool drop_failed = options.on_error == ErrorPolicy::Skip;
  try {
    while (auto batch = exchange.pop_work()) {
      for (Item& item : batch->items) {
        item.document.emplace(std::move(item.input.id), std::move(item.input.text));
        item.document->metadata() = std::move(item.input.metadata);
        item.failures = pipeline.process(*item.document, stop_at_failure);
        if (render_jsonl && !(drop_failed && !item.failures.empty())) {
          item.jsonl_begin = batch->jsonl.size();
          append_document_jsonl(batch->jsonl, *item.document, item.failures);
          item.jsonl_end = batch->jsonl.size();
        }
      }
      exchange.push_done(std::move(*batch));
    }
  } catch (const std::exception& e) {  // out of memory, in practice: plugins' own errors never get here
    error = e.what();
    exchange.abort();
  }
}

// The errors file: one JSON object per line. Created at the first error, so a clean run leaves
// none behind; truncated back to its checkpointed size on resume like every other output.
class ErrorsFile {
 public:
  ErrorsFile(std::string path, const Checkpoint* resume) : path_(std::move(path)) {
    if (path_.empty()) return;
    if (resume != nullptr) {
      if (const auto found = resume->file_sizes.find(path_); found != resume->file_sizes.end()) {
        file_ = std::make_unique<OutputFile>(path_, found->second);
        return;
      }
    }
    std::error_code ignored;
    fs::remove(path_, ignored);  // from an earlier run, or written after the checkpoint
  }
  void write(const std::string& line) {
    if (path_.empty()) return;
    if (!file_) file_ = std::make_unique<OutputFile>(path_);
    file_->write(line);
  }
  void sync(Checkpoint& checkpoint) {
    if (!file_) return;
    file_->sync();
    checkpoint.file_sizes[path_] = file_->size();
  }

 private:
  std::string path_;
  std::unique_ptr<OutputFile> file_;
};

bool over_limit(const RunOptions& options, const RunSummary& summary) {
  if (!options.max_errors) return false;
  const double limit = *options.max_errors;
  const auto errors = static_cast<double>(summary.failed + summary.unreadable);
  if (limit >= 1) return errors >= limit;
  // A rate needs a few documents before it means anything.
  return summary.documents >= 20 && errors / static_cast<double>(summary.documents + summary.unreadable) > limit;
}

DeclaredAttributes declared_attributes(const PipelinePlan& plan) {
  DeclaredAttributes declared;
  for (const PlannedStep& step : plan.steps) {
    const PluginDescriptor& descriptor = *step.plugin->descriptor;
    for (std::size_t i = 0; i < descriptor.attribute_count; ++i) {
      const AttributeSpec& spec = descriptor.attributes[i];
      auto& names = declared[spec.annotation_type];
      if (std::find(names.begin(), names.end(), spec.name) == names.end()) names.emplace_back(spec.name);
    }
  }
  return declared;
}

// What must be the same for a checkpoint to be resumed: everything that decides which documents
// are read and what is written for them.
std::string fingerprint_of(const PipelinePlan& plan, const RunOptions& options, const OutputSpec& outputs,
                           const std::string& errors_path) {
  std::string text = "pipeline=" + plan.name + ";steps=";
  for (const PlannedStep& step : plan.steps) text += step.label + "(" + step.plugin->descriptor->name + "),";
  text += ";inputs=";
  for (const std::string& input : options.inputs) text += input + ",";
  text += ";include=";
  for (const std::string& glob : options.input.include) text += glob + ",";
  text += ";exclude=";
  for (const std::string& glob : options.input.exclude) text += glob + ",";
  text += options.input.utf8 == Utf8Policy::Reject ? ";utf8=reject" : ";utf8=replace";
  text += ";on_error=" + std::to_string(static_cast<int>(options.on_error)) + ";outputs=";
  text += "jsonl:" + outputs.jsonl + ",sqlite:" + outputs.sqlite + ",errors:" + errors_path;
  if (outputs.tables) text += ",tables:" + outputs.tables->dir + ":" + outputs.tables->separator;
  if (outputs.text) text += ",text:" + outputs.text->dir + ":" + outputs.text->file;
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\t' || c == '\r'; }, ' ');
  return text;
}

std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = handle_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART | SA_RESETHAND;  // the second Ctrl-C gets the default action: exit now
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::string checkpoint_path_for(const OutputSpec& outputs) {
  if (!outputs.jsonl.empty() && outputs.jsonl != "-") return outputs.jsonl + ".checkpoint";
  if (!outputs.sqlite.empty()) return outputs.sqlite + ".checkpoint";
  if (outputs.text && !outputs.text->file.empty() && outputs.text->file != "-")
    return outputs.text->file + ".checkpoint";
  if (outputs.tables) return without_trailing_slash(outputs.tables->dir) + ".checkpoint";
  if (outputs.text) return without_trailing_slash(outputs.text->dir) + ".checkpoint";
  return "";
}

std::string default_errors_path_for(const OutputSpec& outputs) {
  if (!outputs.jsonl.empty() && outputs.jsonl != "-") {
    const fs::path jsonl(outputs.jsonl);
    if (jsonl.extension() == ".jsonl") return fs::path(jsonl).replace_extension(".errors.jsonl").string();
    return outputs.jsonl + ".errors.jsonl";
  }
  const std::string checkpoint = checkpoint_path_for(outputs);
  if (checkpoint.empty()) return "";
  return checkpoint.substr(0, checkpoint.size() - std::string_view(".checkpoint").size()) + ".errors.jsonl";
}

int run_pipeline(const PipelinePlan& plan, const RunOptions& options, spdlog::logger& log, RunSummary& summary) {
  const auto start = std::chrono::steady_clock::now();
  summary.threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  OutputSpec outputs = options.outputs;
  if (outputs.empty()) outputs.jsonl = "-";
  summary.checkpoint_path = checkpoint_path_for(outputs);
  summary.errors_path = outputs.errors.empty() ? default_errors_path_for(outputs) : outputs.errors;
  const std::string& checkpoint_path = summary.checkpoint_path;

  std::optional<Checkpoint> resume_from;
  if (options.resume) {
    if (checkpoint_path.empty()) {
      log.error(
          "--resume needs an output file (-o FILE, --sqlite, --tables or --text-dir): standard output cannot "
          "be resumed");
      return kExitBadConfig;
    }
    try {
      resume_from = Checkpoint::read(checkpoint_path);
    } catch (const std::exception& e) {
      log.error("{}", e.what());
      return kExitIoError;
    }
    if (!resume_from)
      log.warn("no checkpoint {}: nothing to resume, starting from the first document", checkpoint_path);
  }
  const std::string fingerprint = fingerprint_of(plan, options, outputs, summary.errors_path);
  if (resume_from && resume_from->fingerprint != fingerprint) {
    log.error(
        "cannot resume: {} was written by a run with another pipeline, inputs or outputs; repeat the same "
        "command with --resume, or run without --resume to start over",
        checkpoint_path);
    return kExitBadConfig;
  }
  const Checkpoint* resume = resume_from ? &*resume_from : nullptr;
  summary.resumed_from = resume != nullptr ? resume->documents : 0;

  std::unique_ptr<InputReader> reader;
  std::vector<std::unique_ptr<Sink>> sinks;
  std::unique_ptr<ErrorsFile> errors;
  try {
    reader = std::make_unique<InputReader>(options.inputs, options.input);
    // A checkpoint left by an earlier run must not survive into this one: its sizes belong to
    // files this run is about to replace.
    if (resume == nullptr && !checkpoint_path.empty()) fs::remove(checkpoint_path);
    if (!outputs.jsonl.empty()) sinks.push_back(make_jsonl_sink(outputs.jsonl, resume));
    if (outputs.text) sinks.push_back(make_text_sink(*outputs.text, resume));
    if (outputs.tables) sinks.push_back(make_tables_sink(*outputs.tables, declared_attributes(plan), resume));
    if (!outputs.sqlite.empty()) sinks.push_back(make_sqlite_sink(outputs.sqlite, options.description, resume));
    errors = std::make_unique<ErrorsFile>(summary.errors_path, resume);
  } catch (const std::exception& e) {
    log.error("{}", e.what());
    return kExitIoError;
  }

  // Plugin instances are made here, on the calling thread, as the SDK promises plugins.
  std::vector<std::unique_ptr<Pipeline>> pipelines;
  try {
    for (unsigned i = 0; i < summary.threads; ++i) pipelines.push_back(std::make_unique<Pipeline>(plan));
  } catch (const std::exception& e) {
    log.error("{}", e.what());
    return kExitBadConfig;
  }

  Exchange exchange(2 * static_cast<std::size_t>(summary.threads) + 2);
  ReaderOutcome reader_outcome;
  reader_outcome.skipped_bytes = 0;
  std::vector<std::string> worker_errors(summary.threads);
  const bool render_jsonl = !outputs.jsonl.empty();
  std::thread reader_thread(read_batches, std::ref(*reader), std::ref(exchange), std::cref(options),
                            summary.resumed_from, std::ref(reader_outcome));
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < summary.threads; ++i) {
    workers.emplace_back(process_batches, std::ref(*pipelines[i]), std::ref(exchange), std::cref(options), render_jsonl,
                         std::ref(worker_errors[i]));
  }

  // The writer: this thread, taking batches in input order.
  ProgressLine progress(options.progress, reader->total_bytes());
  const bool keep_going = options.on_error != ErrorPolicy::Fail;
  Checkpoint checkpoint;
  checkpoint.fingerprint = fingerprint;
  std::uint64_t handled = summary.resumed_from;  // documents dealt with, counted from the first input document
  auto last_checkpoint = std::chrono::steady_clock::now();
  auto take_checkpoint = [&] {
    checkpoint.documents = handled;
    checkpoint.file_sizes.clear();
    for (auto& sink : sinks) sink->sync(checkpoint);
    errors->sync(checkpoint);
    if (!checkpoint_path.empty()) checkpoint.write(checkpoint_path);
    last_checkpoint = std::chrono::steady_clock::now();
  };
  // Returns true when the error policy says to stop.
  auto report_unreadable = [&](const std::vector<InputProblem>& problems) {
    for (const InputProblem& problem : problems) {
      ++summary.unreadable;
      progress.clear();
      log.error("{}: skipped: {}", problem.where, problem.message);
      std::string line = "{\"kind\":\"unreadable\",\"where\":";
      append_json_string(line, problem.where);
      line += ",\"message\":";
      append_json_string(line, problem.message);
      errors->write(line + "}\n");
    }
    return !problems.empty() && (!keep_going || over_limit(options, summary));
  };
  std::string output_error;
  try {
    while (auto batch = exchange.pop_next_done()) {
      bool stop = false;
      for (std::size_t i = 0; i < batch->items.size() && !stop; ++i) {
        Item& item = batch->items[i];
        if (report_unreadable(item.problems)) {
          stop = true;
          break;
        }
        const Document& document = *item.document;
        handled = batch->first_ordinal + i + 1;
        ++summary.documents;
        summary.bytes += document.source_text().size();
        if (item.input.repaired_utf8) {
          ++summary.repaired_utf8;
          progress.clear();
          log.warn("document '{}' ({}): invalid UTF-8 replaced with U+FFFD", document.id(), item.input.origin);
        }
        if (!item.failures.empty()) {
          ++summary.failed;
          progress.clear();
          for (const StepFailure& failure : item.failures) {
            log.error("document '{}' ({}): step '{}' (plugin {}) failed: {}", document.id(), item.input.origin,
                      failure.label, failure.plugin, failure.message);
            std::string line = "{\"kind\":\"failed\",\"document\":";
            append_json_string(line, document.id());
            line += ",\"where\":";
            append_json_string(line, item.input.origin);
            line += ",\"step\":";
            append_json_string(line, failure.label);
            line += ",\"plugin\":";
            append_json_string(line, failure.plugin);
            line += ",\"message\":";
            append_json_string(line, failure.message);
            errors->write(line + "}\n");
          }
          if (!keep_going || over_limit(options, summary)) {
            stop = true;
            break;
          }
          if (options.on_error == ErrorPolicy::Skip) continue;  // reported above, left out of the output
        }
        const std::string_view jsonl =
            std::string_view(batch->jsonl).substr(item.jsonl_begin, item.jsonl_end - item.jsonl_begin);
        const ResultDocument result{batch->first_ordinal + i, document, item.failures, jsonl};
        for (auto& sink : sinks) sink->write(result);
        ++summary.written;
      }
      if (!stop) stop = report_unreadable(batch->trailing_problems);
      summary.input_bytes = batch->input_position - reader_outcome.skipped_bytes;
      progress.update(summary.documents, summary.input_bytes);
      if (stop) {
        summary.stopped_early = true;
        break;
      }
      if (std::chrono::steady_clock::now() - last_checkpoint >=
          std::chrono::duration<double>(options.checkpoint_seconds)) {
        take_checkpoint();
      }
    }
    exchange.abort();  // after a stop: the reader and workers give up what they hold
    take_checkpoint();
    for (auto& sink : sinks) sink->close(checkpoint);
  } catch (const std::exception& e) {
    output_error = e.what();
    exchange.abort();
  }
  reader_thread.join();
  for (std::thread& worker : workers) worker.join();
  progress.clear();

  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    StepTime time{plan.steps[i].label, plan.steps[i].plugin->descriptor->name, 0};
    for (const auto& pipeline : pipelines) time.seconds += static_cast<double>(pipeline->step_nanoseconds()[i]) * 1e-9;
    summary.steps.push_back(std::move(time));
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.interrupted = interrupted();

  for (const std::string& error : worker_errors) {
    if (!error.empty() && output_error.empty()) output_error = error;
  }
  if (!output_error.empty()) {
    log.error("{}", output_error);
    return kExitIoError;
  }
  if (!reader_outcome.error.empty()) {
    log.error("{}", reader_outcome.error);
    return kExitIoError;
  }
  if (summary.stopped_early) {
    log.error("run stopped after {} failed documents ({} unreadable records)", summary.failed, summary.unreadable);
    return kExitStopped;
  }
  if (summary.interrupted) {
    log.warn("interrupted: {} documents written and flushed; continue with the same command and --resume",
             summary.documents);
    return kExitInterrupted;
  }
  // Finished: nothing is left to resume.
  if (!checkpoint_path.empty()) {
    std::error_code ignored;
    fs::remove(checkpoint_path, ignored);
  }
  return summary.failed + summary.unreadable > 0 ? kExitSomeFailed : kExitOk;
}

}  // namespace textbench::host
