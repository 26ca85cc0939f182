// textbench SDK — the document model: text, standoff annotations, edits and source offsets.
//
// Contract:
// - All offsets are UTF-8 byte offsets. `text()` is the current text (after the edits of earlier
//   steps); `source_text()` is the input exactly as read and never changes.
// - An annotation's `begin`/`end` point into `text()` and are kept up to date by every edit.
//   Its `source_begin`/`source_end` point into `source_text()` and are fixed when the annotation
//   is created: the source never changes, so neither do they.
// - Edits come as a batch of non-overlapping ranges of the current text (`apply`), applied in one
//   pass. After an edit, a position strictly inside a replaced range moves to the start (for a
//   begin) or the end (for an end) of the replacement; so an annotation that covered the replaced
//   text covers the replacement, and one inside a deleted range shrinks to an empty span at the
//   deletion point (its source offsets still say what it covered).
// - Text created by a replacement maps back to the whole source range it replaced.
// - A Document is used by one thread at a time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "textbench/value.hpp"

namespace textbench {

struct Annotation {
  std::string type;
  std::size_t begin = 0;  // into Document::text()
  std::size_t end = 0;
  std::size_t source_begin = 0;  // into Document::source_text(); fixed at creation
  std::size_t source_end = 0;
  Attributes attrs;
};

// One replacement of the current text range [begin, end) by `replacement`.
// begin == end inserts; an empty replacement deletes.
struct Edit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string replacement;
};

struct SourceSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class Document {
 public:
  Document(std::string id, std::string text);

  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  // The current text. Valid until the next edit.
  [[nodiscard]] std::string_view text() const noexcept { return edited_ ? current_ : source_; }
  [[nodiscard]] std::string_view source_text() const noexcept { return source_; }
  [[nodiscard]] bool edited() const noexcept { return edited_; }

  // Fields of the input record other than id and text (JSONL input), and anything steps add.
  [[nodiscard]] Attributes& metadata() noexcept { return metadata_; }
  [[nodiscard]] const Attributes& metadata() const noexcept { return metadata_; }

  [[nodiscard]] const std::vector<Annotation>& annotations() const noexcept { return annotations_; }
  // Mutable access to add or change attributes of an existing annotation. Do not change offsets.
  [[nodiscard]] Annotation& annotation(std::size_t index) { return annotations_.at(index); }

  // Adds an annotation over text()[begin, end) and returns it so attributes can be set.
  // The reference is valid until the next call that adds an annotation or edits the text.
  // Throws std::out_of_range when the span is not inside the text.
  Annotation& annotate(std::string_view type, std::size_t begin, std::size_t end);

  // Applies a batch of edits to text(), in any order; they must not overlap (two insertions at the
  // same position are applied in the order given). Throws std::invalid_argument on overlap or a
  // range outside the text, leaving the document unchanged.
  void apply(std::vector<Edit> edits);
  void replace(std::size_t begin, std::size_t end, std::string_view replacement);
  void erase(std::size_t begin, std::size_t end) { replace(begin, end, {}); }

  // Maps text()[begin, end) to the source range it came from.
  [[nodiscard]] SourceSpan source_span(std::size_t begin, std::size_t end) const;

 private:
  // A run of the current text: either copied from the source (byte-for-byte) or produced by a
  // replacement, in which case all of it maps to the source range it replaced.
  struct Piece {
    std::size_t current_begin;
    std::size_t source_begin;
    std::size_t source_end;
    bool copied;
  };

  [[nodiscard]] std::size_t map_begin(std::size_t pos) const;
  [[nodiscard]] std::size_t map_end(std::size_t pos) const;
  [[nodiscard]] std::size_t map_point(std::size_t pos) const;
  [[nodiscard]] std::size_t piece_index(std::size_t pos) const;  // piece holding byte pos
  [[nodiscard]] std::size_t piece_end(std::size_t index) const;

  std::string id_;
  std::string source_;
  std::string current_;
  std::size_t size_;  // size of text(); the map's domain
  bool edited_ = false;
  std::vector<Piece> pieces_;  // empty until the first edit: identity map
  Attributes metadata_;
  std::vector<Annotation> annotations_;
};

}  // namespace textbench
