#include "textbench_host/runner.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
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

// One input record on its way through a worker to the writer.
struct Item {
  InputDocument input;                  // parsed by the worker; id and text then move into `document`
  std::optional<InputProblem> problem;  // set when the record could not be read
  std::optional<Document> document;     // freed by the worker once rendered, unless a sink needs it
  std::size_t text_bytes = 0;
  std::vector<StepFailure> failures;
  std::size_t jsonl_begin = 0;  // its line in Batch::jsonl
  std::size_t jsonl_end = 0;
};

struct Batch {
  std::uint64_t sequence = 0;
  std::uint64_t first_record = 0;  // ordinal of raw.records[0] among all input records
  RawBatch raw;
  std::vector<Item> items;           // one per record
  std::uint64_t input_position = 0;  // input bytes consumed after this batch
  ByteBuffer jsonl;                  // the items' JSONL lines, rendered by the worker

  // Empties the batch for its next use; its buffers keep their memory (one that grew for a huge
  // document gives it back).
  void recycle(std::size_t batch_bytes) {
    items.clear();
    raw.records.clear();
    raw.bytes.clear();
    jsonl.clear();
    const std::size_t keep = 8 * batch_bytes;
    if (raw.bytes.capacity() > keep) std::string().swap(raw.bytes);
    jsonl.release_above(2 * keep);
  }
};

struct WorkSettings {
  bool stop_at_failure = true;
  bool drop_failed = true;     // on_error: skip leaves failed documents out of the output
  bool render_jsonl = false;   // a JSONL sink is open
  bool keep_documents = true;  // a sink reads the Document itself
};

// Parses, processes and renders one batch; all of it runs on the worker's own thread.
void process_batch(Batch& batch, const InputReader& reader, RecordParser& parser, Pipeline& pipeline,
                   const WorkSettings& settings) {
  batch.items.resize(batch.raw.records.size());
  for (std::size_t i = 0; i < batch.items.size(); ++i) {
    Item& item = batch.items[i];
    InputProblem problem;
    if (!reader.parse(batch.raw, batch.raw.records[i], parser, item.input, problem)) {
      item.problem = std::move(problem);
      continue;
    }
    item.text_bytes = item.input.text.size();
    item.document.emplace(std::move(item.input.id), std::move(item.input.text));
    item.document->metadata() = std::move(item.input.metadata);
    item.failures = pipeline.process(*item.document, settings.stop_at_failure);
    if (settings.render_jsonl && !(settings.drop_failed && !item.failures.empty())) {
      item.jsonl_begin = batch.jsonl.size();
      append_document_jsonl(batch.jsonl, *item.document, item.failures);
      item.jsonl_end = batch.jsonl.size();
    }
    // The writer still names the document in its messages for these.
    const bool reported = !item.failures.empty() || item.input.repaired_utf8;
    if (!settings.keep_documents && !reported) item.document.reset();
  }
}

// Takes a processed batch in input order and hands it to the sinks; returns true when the error
// policy says the run must stop.
using BatchWriter = std::function<bool(Batch&)>;

// Hands out batches of input and writes processed ones in input order. There is no reader or
// writer thread: every worker reads its next batch itself (under a lock: reading only splits
// lines) and, after processing one, writes whatever batches are next in order (only one worker
// writes at a time). With one worker the whole run is a single thread; with N, all N do useful
// work. Workers may run at most `max_in_flight` batches ahead of the writing: that bound keeps
// memory flat.
class Scheduler {
 public:
  Scheduler(InputReader& reader, const RunOptions& options, std::uint64_t first_record, std::size_t max_in_flight,
            BatchWriter write)
      : reader_(reader),
        options_(options),
        next_record_(first_record),
        max_in_flight_(max_in_flight),
        write_(std::move(write)) {}

  // The next batch to process; false at the end of the input, on Ctrl-C, or when the run stopped.
  bool take(Batch& batch) {
    const std::lock_guard reading(read_mutex_);
    if (input_done_) return false;
    {
      std::unique_lock state(state_mutex_);
      room_.wait(state, [&] { return aborted_ || next_sequence_ < next_to_write_ + max_in_flight_; });
      if (aborted_) return false;
    }
    if (interrupted()) {
      input_done_ = true;
      return false;
    }
    try {
      if (!reader_.read_batch(batch.raw, options_.batch_documents, options_.batch_bytes)) {
        input_done_ = true;
        return false;
      }
    } catch (const std::exception& e) {  // what was read before is still processed and written
      read_error_ = e.what();
      input_done_ = true;
      return false;
    }
    batch.sequence = next_sequence_++;
    batch.first_record = next_record_;
    next_record_ += batch.raw.records.size();
    batch.input_position = reader_.bytes_read();
    return true;
  }

  // A processed batch. Written now, with any later ones that were waiting for it, unless another
  // worker is writing: that one picks it up before it stops.
  void hand_in(Batch batch) {
    std::unique_lock state(state_mutex_);
    if (aborted_) return;
    done_.emplace(batch.sequence, std::move(batch));
    if (writing_) return;
    writing_ = true;
    while (!aborted_) {
      const auto found = done_.find(next_to_write_);
      if (found == done_.end()) break;
      Batch next = std::move(found->second);
      done_.erase(found);
      state.unlock();
      bool stop = false;
      try {
        stop = write_(next);
      } catch (const std::exception& e) {
        write_error_ = e.what();
        stop = true;
      }
      next.recycle(options_.batch_bytes);  // its documents are freed outside the lock
      state.lock();
      if (spare_.size() < max_in_flight_) spare_.push_back(std::move(next));
      ++next_to_write_;
      if (stop) aborted_ = true;
      room_.notify_all();
    }
    writing_ = false;
  }

  // An empty batch for a worker's next take(): a written one, when there is one, so its buffers
  // are reused instead of allocated (and page-faulted) again for every batch.
  Batch spare() {
    const std::lock_guard state(state_mutex_);
    if (spare_.empty()) return Batch();
    Batch batch = std::move(spare_.back());
    spare_.pop_back();
    return batch;
  }

  void abort() {
    const std::lock_guard state(state_mutex_);
    aborted_ = true;
    room_.notify_all();
  }

  // Valid once every worker has returned.
  [[nodiscard]] const std::string& read_error() const { return read_error_; }
  [[nodiscard]] const std::string& write_error() const { return write_error_; }

 private:
  InputReader& reader_;
  const RunOptions& options_;
  std::mutex read_mutex_;  // guards the reader and the fields up to state_mutex_
  bool input_done_ = false;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t next_record_;
  std::string read_error_;
  std::mutex state_mutex_;  // guards the fields below
  std::condition_variable room_;
  std::map<std::uint64_t, Batch> done_;
  std::vector<Batch> spare_;  // written batches, emptied, for reuse
  std::uint64_t next_to_write_ = 0;
  bool writing_ = false;
  bool aborted_ = false;
  std::string write_error_;
  std::size_t max_in_flight_;
  BatchWriter write_;
};

void work(Scheduler& scheduler, const InputReader& reader, Pipeline& pipeline, const WorkSettings& settings,
          std::string& error) {
  try {
    RecordParser parser;
    Batch batch;
    while (scheduler.take(batch)) {
      process_batch(batch, reader, parser, pipeline, settings);
      scheduler.hand_in(std::move(batch));
      batch = scheduler.spare();
    }
  } catch (const std::exception& e) {  // out of memory, in practice: plugins' own errors never get here
    error = e.what();
    scheduler.abort();
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
  // records=1: the checkpoint counts input records (unreadable ones included), not documents.
  std::string text = "records=1;pipeline=" + plan.name + ";steps=";
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

  // Records a checkpoint covers are read again (input order is fixed) but not parsed or
  // processed; their problems were reported by the run that wrote the checkpoint.
  std::uint64_t skipped_bytes = 0;
  if (summary.resumed_from > 0) {
    try {
      const std::uint64_t skipped = reader->skip(summary.resumed_from);
      if (skipped < summary.resumed_from) {
        log.error(
            "cannot resume: the inputs hold only {} records, but the checkpoint covers {}; were the inputs "
            "changed? Run without --resume to start over",
            skipped, summary.resumed_from);
        return kExitBadConfig;
      }
    } catch (const std::exception& e) {
      log.error("{}", e.what());
      return kExitIoError;
    }
    skipped_bytes = reader->bytes_read();
  }

  WorkSettings settings;
  settings.stop_at_failure = options.on_error != ErrorPolicy::Continue;
  settings.drop_failed = options.on_error == ErrorPolicy::Skip;
  settings.render_jsonl = !outputs.jsonl.empty();
  settings.keep_documents =
      std::any_of(sinks.begin(), sinks.end(), [](const auto& sink) { return sink->needs_document(); });

  // The writing, done by whichever worker holds the batch that is next in input order.
  ProgressLine progress(options.progress, reader->total_bytes());
  const bool keep_going = options.on_error != ErrorPolicy::Fail;
  Checkpoint checkpoint;
  checkpoint.fingerprint = fingerprint;
  std::uint64_t handled = summary.resumed_from;  // records dealt with, counted from the first input record
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
  auto report_unreadable = [&](const InputProblem& problem) {
    ++summary.unreadable;
    progress.clear();
    log.error("{}: skipped: {}", problem.where, problem.message);
    std::string line = "{\"kind\":\"unreadable\",\"where\":";
    append_json_string(line, problem.where);
    line += ",\"message\":";
    append_json_string(line, problem.message);
    errors->write(line + "}\n");
    return !keep_going || over_limit(options, summary);
  };
  auto report_failures = [&](const Item& item) {
    ++summary.failed;
    progress.clear();
    const Document& document = *item.document;
    for (const StepFailure& failure : item.failures) {
      log.error("document '{}' ({}): step '{}' (plugin {}) failed: {}", document.id(), item.input.origin, failure.label,
                failure.plugin, failure.message);
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
    return !keep_going || over_limit(options, summary);
  };
  auto write_batch = [&](Batch& batch) {
    bool stop = false;
    for (std::size_t i = 0; i < batch.items.size() && !stop; ++i) {
      Item& item = batch.items[i];
      handled = batch.first_record + i + 1;
      if (item.problem) {
        stop = report_unreadable(*item.problem);
        continue;
      }
      ++summary.documents;
      summary.bytes += item.text_bytes;
      if (item.input.repaired_utf8) {
        ++summary.repaired_utf8;
        progress.clear();
        log.warn("document '{}' ({}): invalid UTF-8 replaced with U+FFFD", item.document->id(), item.input.origin);
      }
      if (!item.failures.empty()) {
        stop = report_failures(item);
        if (stop || options.on_error == ErrorPolicy::Skip) continue;  // reported above, left out of the output
      }
      const std::string_view jsonl = batch.jsonl.view().substr(item.jsonl_begin, item.jsonl_end - item.jsonl_begin);
      const ResultDocument result{batch.first_record + i, item.document ? &*item.document : nullptr, item.failures,
                                  jsonl};
      for (auto& sink : sinks) sink->write(result);
      ++summary.written;
    }
    for (auto& sink : sinks) sink->end_batch();
    summary.input_bytes = batch.input_position - skipped_bytes;
    progress.update(summary.documents, summary.input_bytes);
    if (stop) {
      summary.stopped_early = true;
      return true;
    }
    if (std::chrono::steady_clock::now() - last_checkpoint >=
        std::chrono::duration<double>(options.checkpoint_seconds)) {
      take_checkpoint();
    }
    return false;
  };

  Scheduler scheduler(*reader, options, summary.resumed_from, 2 * static_cast<std::size_t>(summary.threads) + 2,
                      write_batch);
  std::vector<std::string> worker_errors(summary.threads);
  std::vector<std::thread> helpers;
  for (unsigned i = 1; i < summary.threads; ++i) {
    helpers.emplace_back(work, std::ref(scheduler), std::cref(*reader), std::ref(*pipelines[i]), std::cref(settings),
                         std::ref(worker_errors[i]));
  }
  work(scheduler, *reader, *pipelines[0], settings, worker_errors[0]);  // this thread is worker 0
  for (std::thread& helper : helpers) helper.join();

  std::string output_error = scheduler.write_error();
  if (output_error.empty()) {
    try {
      take_checkpoint();
      for (auto& sink : sinks) sink->close(checkpoint);
    } catch (const std::exception& e) {
      output_error = e.what();
    }
  }
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
  if (!scheduler.read_error().empty()) {
    log.error("{}", scheduler.read_error());
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
