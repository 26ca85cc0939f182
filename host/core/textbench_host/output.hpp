// Serialises documents. JSONL is written by hand rather than through a JSON DOM: each document
// is streamed straight into one buffer, with no copy of its text into an intermediate tree.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "textbench/document.hpp"
#include "textbench_host/pipeline.hpp"

namespace textbench::host {

// A growable byte buffer whose free room is written through a pointer (`room`, then `commit`)
// without being zero-filled first, as std::string::resize would: rendering reserves room for the
// worst case of every annotation and uses a fraction of it. Kept across batches, it stops growing
// once it holds the largest batch.
class ByteBuffer {
 public:
  // At least `bytes` writable bytes after the current end; valid until the next call that grows.
  [[nodiscard]] char* room(std::size_t bytes) {
    if (capacity_ - size_ < bytes) grow(bytes);
    return data_.get() + size_;
  }
  // Makes everything up to `end` (a pointer into the last room) part of the contents.
  void commit(const char* end) noexcept { size_ = static_cast<std::size_t>(end - data_.get()); }
  void append(const char* bytes, std::size_t count);
  void append(std::string_view bytes) { append(bytes.data(), bytes.size()); }
  void push_back(char byte) { *room(1) = byte, ++size_; }
  void clear() noexcept { size_ = 0; }
  // Gives the memory back when it has grown past `limit` (one huge document must not pin it).
  void release_above(std::size_t limit);

  [[nodiscard]] std::string_view view() const noexcept { return {data_.get(), size_}; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

 private:
  void grow(std::size_t bytes);

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// Appends `text` as a JSON string literal (quotes included). Input must be valid UTF-8.
void append_json_string(std::string& out, std::string_view text);
void append_json_value(std::string& out, const Value& value);

// One line of JSONL output, newline included:
// {"id", "text", "annotations": [{"type","begin","end","text","source_begin","source_end","attrs"}],
//  "meta": {...} (when the input had other fields), "errors": [...] (when steps failed)}
void append_document_jsonl(ByteBuffer& out, const Document& document, const std::vector<StepFailure>& failures);

// [{"step", "plugin", "message"}, ...]: a document's failed steps (JSONL output and SQLite).
void append_failures_json(std::string& out, const std::vector<StepFailure>& failures);

}  // namespace textbench::host
