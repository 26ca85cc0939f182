// Where `run` writes results ("sinks"), and the checkpoint that lets a killed run resume.
//
// The runner hands every sink the processed documents in input order, from one thread at a time
// (whichever worker is writing). Every so often it asks each sink to make what it has durable
// (sync) and then records a checkpoint: the number of input records fully dealt with and, for
// every output file, its size at that moment. `--resume` truncates each file back to that size
// (SQLite deletes the rows past that record) and skips that many input records, so the finished
// output is byte for byte
// what an uninterrupted run writes. docs/running.md describes each sink and its files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "textbench/document.hpp"
#include "textbench_host/pipeline.hpp"

namespace textbench::host {

// What a checkpoint file holds (text, one `key<TAB>value` per line; written to a temporary file,
// fsynced, then renamed over the old one, so it is always either the old or the new state).
struct Checkpoint {
  std::uint64_t documents = 0;                      // input documents handled (written, skipped as failed, or rejected)
  std::string fingerprint;                          // pipeline, inputs and outputs of the run that wrote it
  std::map<std::string, std::uint64_t> file_sizes;  // output file -> bytes durably written

  // nullopt when the file does not exist; throws std::runtime_error when it cannot be read.
  static std::optional<Checkpoint> read(const std::filesystem::path& path);
  void write(const std::filesystem::path& path) const;  // throws std::runtime_error
};

// An output file written through a large buffer with POSIX calls, so that sync() can fsync it and
// a resumed run can truncate it back to a checkpointed size. "-" is standard output (no resume).
class OutputFile {
 public:
  // With `resume_size`, the file is cut back to that size and appended to; otherwise truncated.
  explicit OutputFile(std::string path, std::optional<std::uint64_t> resume_size = std::nullopt);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view bytes);  // large pieces go straight to the file, not via the buffer
  void flush();                        // to the kernel
  void sync();                         // flush, then to the disk (fsync)
  [[nodiscard]] std::uint64_t size() const noexcept { return size_; }  // bytes written, buffer included
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  void write_all(std::string_view bytes);

  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  std::uint64_t size_ = 0;
  std::uint64_t unwritten_ = 0;  // bytes written since writeback was last started
  std::uint64_t written_ = 0;    // bytes handed to the kernel (size_ counts the buffer too)
  std::uint64_t allocated_ = 0;  // the file's blocks are reserved up to here
  bool preallocate_ = false;     // a regular file, where reserving blocks ahead is worth trying
};

// One processed document, as the writer hands it to each sink.
struct ResultDocument {
  std::uint64_t ordinal;  // 0-based position among the input records of the whole run
  // Null when no sink of the run asked for documents (needs_document): the worker that rendered
  // the JSONL line has already freed it.
  const Document* document;
  const std::vector<StepFailure>& failures;
  std::string_view jsonl;  // its JSONL line, newline included (rendered by the worker thread)
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void write(const ResultDocument& result) = 0;
  // Whether write() reads result.document; a sink that needs only the JSONL line says no, so
  // that documents are freed by the workers that made them.
  [[nodiscard]] virtual bool needs_document() const { return true; }
  // The documents written since the last call are about to be freed: results must not be
  // referenced past this point (the JSONL sink writes the lines it kept a view of).
  virtual void end_batch() {}
  // Makes everything written so far durable and records in `checkpoint` what resume needs.
  virtual void sync(Checkpoint& checkpoint) = 0;
  // The run ended (normally, stopped or interrupted): flush and finish (e.g. build indexes).
  virtual void close(const Checkpoint& final_state) = 0;
  [[nodiscard]] virtual std::string describe() const = 0;  // for the fingerprint and messages
};

struct TablesSpec {
  std::string dir;
  char separator = '\t';  // '\t' (tsv) or ',' (csv)
};

struct TextSpec {
  std::string dir;   // one file per document, or
  std::string file;  // every document, concatenated
};

// The sinks of one run. Empty everywhere: JSONL on standard output.
struct OutputSpec {
  std::string jsonl;  // "-" is standard output
  std::string sqlite;
  std::optional<TablesSpec> tables;
  std::optional<TextSpec> text;
  std::string errors;  // errors file (JSONL); "" picks the default described in docs/running.md

  [[nodiscard]] bool empty() const { return jsonl.empty() && sqlite.empty() && !tables && !text; }
};

// What the SQLite sink records about the run in its `runs` table.
struct RunDescription {
  std::string pipeline;
  std::string config;
  std::vector<std::string> inputs;
};

// Attribute names each annotation type declares (from the plugins' AttributeSpec tables), used as
// the columns of that type's table.
using DeclaredAttributes = std::map<std::string, std::vector<std::string>>;

// `resume` is the checkpoint to continue from, or nullptr for a fresh run (files are replaced).
std::unique_ptr<Sink> make_jsonl_sink(const std::string& path, const Checkpoint* resume);
std::unique_ptr<Sink> make_text_sink(const TextSpec& spec, const Checkpoint* resume);
std::unique_ptr<Sink> make_tables_sink(const TablesSpec& spec, DeclaredAttributes declared, const Checkpoint* resume);
std::unique_ptr<Sink> make_sqlite_sink(const std::string& path, const RunDescription& run, const Checkpoint* resume);

// The file name used for a document in a text folder: its id, made safe as a relative path.
std::string text_file_name(std::string_view id);

}  // namespace textbench::host
