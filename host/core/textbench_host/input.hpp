// Reads documents from files, folders and standard input, in a fixed order.
//
// - `*.jsonl` and `*.jsonl.gz`: one JSON object per line with "id" and "text"; other fields become
//   metadata (scalars as values, arrays and objects as their JSON text). A malformed line is
//   reported with file:line and skipped; the reader goes on.
// - a folder: every *.txt, *.jsonl and *.jsonl.gz below it (or the files the include globs
//   select, minus the exclude globs), in sorted path order; a text document's id is its path
//   relative to the folder.
// - any other file: one text document whose id is the path as given.
// - `-`: standard input, read as JSONL when its first non-blank byte is '{', else as one text.
// Invalid UTF-8 is replaced with U+FFFD (policy `replace`, the default) or the document is
// reported and skipped (policy `reject`).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "textbench/value.hpp"

namespace textbench::host {

enum class Utf8Policy { Replace, Reject };

struct InputOptions {
  Utf8Policy utf8 = Utf8Policy::Replace;
  // Globs (fnmatch, `*` also crosses '/') matched against a file's path relative to the folder
  // given and against its file name. Only files found in folders are filtered; a file named on
  // the command line is always read.
  std::vector<std::string> include;  // empty: *.txt, *.jsonl, *.jsonl.gz
  std::vector<std::string> exclude;
};

struct InputDocument {
  std::string id;
  std::string text;
  Attributes metadata;
  std::string origin;  // "file:line" or the file, for messages
  bool repaired_utf8 = false;
};

// A record that could not be read; it is skipped and counted as a failure.
struct InputProblem {
  std::string where;  // file:line
  std::string message;
};

// Input as read, before parsing: what the reading thread hands to the workers, so that the JSON
// parsing and UTF-8 checks run in parallel. A record is one JSONL line (blank lines are not
// records) or one whole text file.
struct RawRecord {
  std::uint32_t source = 0;  // index of its input file in the reader
  std::uint64_t line = 0;    // 1-based line of a JSONL record; 0 for a text file
  std::size_t begin = 0;     // its bytes in RawBatch::bytes
  std::size_t end = 0;
};

struct RawBatch {
  std::string bytes;  // the records one after another, each followed by parser padding
  std::vector<RawRecord> records;
  [[nodiscard]] std::string_view text(const RawRecord& record) const {
    return std::string_view(bytes).substr(record.begin, record.end - record.begin);
  }
};

// What one thread needs to parse records (a JSON parser and its buffers). Not shared by threads.
class RecordParser {
 public:
  RecordParser();
  ~RecordParser();
  RecordParser(const RecordParser&) = delete;
  RecordParser& operator=(const RecordParser&) = delete;

 private:
  friend class InputReader;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class InputReader {
 public:
  InputReader(const std::vector<std::string>& inputs, Utf8Policy policy);
  InputReader(const std::vector<std::string>& inputs, const InputOptions& options);
  ~InputReader();
  InputReader(const InputReader&) = delete;
  InputReader& operator=(const InputReader&) = delete;

  // Replaces `batch` with the next records: at most `max_records`, and it stops after the record
  // that reaches `max_bytes`. Returns false at the end of all inputs (the batch is then empty).
  // Throws std::runtime_error when an input cannot be opened or read.
  bool read_batch(RawBatch& batch, std::size_t max_records, std::size_t max_bytes);

  // Skips up to `count` records without parsing them (resume); returns how many were skipped.
  std::uint64_t skip(std::uint64_t count);

  // Turns one record of `batch` into a document. Returns false, with `problem` filled in, when the
  // record cannot be read (not JSON, no "text", invalid UTF-8 under the reject policy). Safe to
  // call from several threads at once, each with its own parser.
  bool parse(const RawBatch& batch, const RawRecord& record, RecordParser& parser, InputDocument& document,
             InputProblem& problem) const;

  // One document at a time (read_batch and parse together), for tools and tests. Records that
  // cannot be read are appended to `problems` and skipped.
  bool next(InputDocument& document, std::vector<InputProblem>& problems);

  // Bytes of input consumed so far (compressed bytes for .gz), and the total when it is known in
  // advance (0 when standard input is among the inputs).
  [[nodiscard]] std::uint64_t bytes_read() const noexcept { return bytes_read_; }
  [[nodiscard]] std::uint64_t total_bytes() const noexcept { return total_bytes_; }

  class ByteSource;  // an open input file: plain, gzip or standard input

 private:
  struct Source {
    std::string path;  // "-" for standard input
    std::string id;    // for text sources
    bool jsonl = false;
    bool gzip = false;
    std::uint64_t size = 0;
  };
  void add_file(const std::string& path, std::string id);
  bool open_next_source();
  void close_source();
  bool fill_buffer();
  bool next_line(std::string_view& line);
  void read_text_record(RawBatch& batch);
  void update_bytes_read();

  std::vector<Source> sources_;
  std::size_t next_source_ = 0;
  Utf8Policy policy_;
  std::unique_ptr<ByteSource> open_;  // the source being read
  std::uint32_t current_ = 0;         // its index in sources_
  std::uint64_t line_number_ = 0;
  std::vector<char> buffer_;  // bytes read from the open source; [position_, filled_) not yet used
  std::size_t position_ = 0;
  std::size_t filled_ = 0;
  bool at_eof_ = false;
  std::uint64_t finished_sources_bytes_ = 0;  // input consumed from sources already closed
  std::uint64_t bytes_read_ = 0;
  std::uint64_t total_bytes_ = 0;
  RawBatch single_;  // for next()
  std::size_t single_index_ = 0;
  std::unique_ptr<RecordParser> single_parser_;
};

// Replaces each invalid UTF-8 sequence with U+FFFD. Returns true when anything was replaced.
bool repair_utf8(std::string& text);
bool is_valid_utf8(std::string_view text);

}  // namespace textbench::host
