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
#include <istream>
#include <memory>
#include <string>
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

class InputReader {
 public:
  InputReader(const std::vector<std::string>& inputs, Utf8Policy policy);
  InputReader(const std::vector<std::string>& inputs, const InputOptions& options);
  ~InputReader();

  // Fills `document` and returns true, or returns false at the end of all inputs. Records that
  // cannot be read are appended to `problems` and skipped. Throws std::runtime_error when an input
  // cannot be opened at all.
  bool next(InputDocument& document, std::vector<InputProblem>& problems);

  // Bytes of input consumed so far (compressed bytes for .gz), and the total when it is known in
  // advance (0 when standard input is among the inputs).
  [[nodiscard]] std::uint64_t bytes_read() const noexcept { return bytes_read_; }
  [[nodiscard]] std::uint64_t total_bytes() const noexcept { return total_bytes_; }

 private:
  struct Source {
    std::string path;  // "-" for standard input
    std::string id;    // for text sources
    bool jsonl = false;
    bool gzip = false;
    std::uint64_t size = 0;
  };
  void add_file(const std::string& path, std::string id);
  bool open_next_source(std::vector<InputProblem>& problems);
  bool read_jsonl_line(InputDocument& document, std::vector<InputProblem>& problems, bool& produced);

  std::vector<Source> sources_;
  std::size_t next_source_ = 0;
  Utf8Policy policy_;
  std::unique_ptr<std::streambuf> buffer_;  // the open file (plain or gunzipping)
  std::unique_ptr<std::istream> file_;
  std::uint64_t finished_sources_bytes_ = 0;  // sizes of the sources read to the end
  std::istream* stream_ = nullptr;
  const Source* current_ = nullptr;
  std::size_t line_number_ = 0;
  std::string line_;
  std::string pending_text_;  // stdin sniffing: bytes read before deciding the format
  std::uint64_t bytes_read_ = 0;
  std::uint64_t total_bytes_ = 0;
  struct Parser;
  std::unique_ptr<Parser> parser_;
};

// Replaces each invalid UTF-8 sequence with U+FFFD. Returns true when anything was replaced.
bool repair_utf8(std::string& text);
bool is_valid_utf8(std::string_view text);

}  // namespace textbench::host
