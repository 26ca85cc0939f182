#include "textbench/document.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace textbench {

Document::Document(std::string id, std::string text)
    : id_(std::move(id)), source_(std::move(text)), size_(source_.size()) {}

Annotation& Document::annotate(std::string_view type, std::size_t begin, std::size_t end) {
  const std::size_t size = text().size();
  if (begin > end || end > size) {
    throw std::out_of_range("annotation [" + std::to_string(begin) + ", " + std::to_string(end) +
                            ") is outside the text of " + std::to_string(size) + " bytes");
  }
  const SourceSpan source = source_span(begin, end);
  if (annotations_.capacity() == 0) annotations_.reserve(16);  // skips the first four regrowths
  Annotation& added = annotations_.emplace_back();
  added.type.assign(type);
  added.begin = begin;
  added.end = end;
  added.source_begin = source.begin;
  added.source_end = source.end;
  return added;
}

void Document::replace(std::size_t begin, std::size_t end, std::string_view replacement) {
  std::vector<Edit> one;
  one.push_back(Edit{begin, end, std::string(replacement)});
  apply(std::move(one));
}

std::size_t Document::piece_end(std::size_t index) const {
  return index + 1 < pieces_.size() ? pieces_[index + 1].current_begin : size_;
}

std::size_t Document::piece_index(std::size_t pos) const {
  // Last piece whose start is <= pos.
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), pos,
                             [](std::size_t value, const Piece& piece) { return value < piece.current_begin; });
  return static_cast<std::size_t>(it - pieces_.begin()) - 1;
}

std::size_t Document::map_point(std::size_t pos) const {
  if (pos > 0) return map_end(pos);
  if (size_ == 0) return 0;
  return map_begin(0);
}

std::size_t Document::map_begin(std::size_t pos) const {
  if (!edited_) return pos;
  if (pos >= size_) return map_point(size_);
  const Piece& piece = pieces_[piece_index(pos)];
  return piece.copied ? piece.source_begin + (pos - piece.current_begin) : piece.source_begin;
}

std::size_t Document::map_end(std::size_t pos) const {
  if (!edited_) return pos;
  if (pos == 0) return map_point(0);
  const Piece& piece = pieces_[piece_index(pos - 1)];
  return piece.copied ? piece.source_begin + (pos - piece.current_begin) : piece.source_end;
}

SourceSpan Document::source_span(std::size_t begin, std::size_t end) const {
  if (begin < end) return {map_begin(begin), map_end(end)};
  const std::size_t point = map_point(begin);
  return {point, point};
}

void Document::apply(std::vector<Edit> edits) {
  if (edits.empty()) return;
  std::stable_sort(edits.begin(), edits.end(),
                   [](const Edit& a, const Edit& b) { return a.begin != b.begin ? a.begin < b.begin : a.end < b.end; });
  const std::string_view old_text = text();
  std::size_t grown = 0;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const Edit& edit = edits[i];
    if (edit.begin > edit.end || edit.end > old_text.size()) {
      throw std::invalid_argument("edit [" + std::to_string(edit.begin) + ", " + std::to_string(edit.end) +
                                  ") is outside the text of " + std::to_string(old_text.size()) + " bytes");
    }
    if (i > 0 && edits[i - 1].end > edit.begin) {
      throw std::invalid_argument("edits [" + std::to_string(edits[i - 1].begin) + ", " +
                                  std::to_string(edits[i - 1].end) + ") and [" + std::to_string(edit.begin) + ", " +
                                  std::to_string(edit.end) + ") overlap");
    }
    grown += edit.replacement.size();
  }
  if (!edited_) {
    pieces_.clear();
    if (!source_.empty()) pieces_.push_back(Piece{0, 0, source_.size(), true});
    edited_ = true;  // map_* now read pieces_, which describe old_text as the identity
  }

  std::string new_text;
  new_text.reserve(old_text.size() + grown);
  std::vector<Piece> new_pieces;
  new_pieces.reserve(pieces_.size() + 2 * edits.size() + 1);
  std::size_t next_piece = 0;  // pieces are visited in order: copy ranges ascend

  auto copy_range = [&](std::size_t from, std::size_t to) {
    if (from >= to) return;
    const std::size_t base = new_text.size();
    new_text.append(old_text.substr(from, to - from));
    while (next_piece < pieces_.size() && piece_end(next_piece) <= from) ++next_piece;
    for (std::size_t i = next_piece; i < pieces_.size() && pieces_[i].current_begin < to; ++i) {
      const Piece& piece = pieces_[i];
      const std::size_t lo = std::max(piece.current_begin, from);
      const std::size_t hi = std::min(piece_end(i), to);
      if (piece.copied) {
        new_pieces.push_back(Piece{base + (lo - from), piece.source_begin + (lo - piece.current_begin),
                                   piece.source_begin + (hi - piece.current_begin), true});
      } else {
        new_pieces.push_back(Piece{base + (lo - from), piece.source_begin, piece.source_end, false});
      }
    }
  };

  // New start of each edit's replacement, and the running size change after each edit.
  std::vector<std::size_t> new_begins(edits.size());
  std::vector<std::int64_t> delta_after(edits.size());
  std::int64_t delta = 0;
  std::size_t copied_up_to = 0;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const Edit& edit = edits[i];
    copy_range(copied_up_to, edit.begin);
    new_begins[i] = new_text.size();
    if (!edit.replacement.empty()) {
      const SourceSpan source = source_span(edit.begin, edit.end);
      new_pieces.push_back(Piece{new_text.size(), source.begin, source.end, false});
      new_text.append(edit.replacement);
    }
    copied_up_to = edit.end;
    delta += static_cast<std::int64_t>(edit.replacement.size()) - static_cast<std::int64_t>(edit.end - edit.begin);
    delta_after[i] = delta;
  }
  copy_range(copied_up_to, old_text.size());

  // Position x moves by the size change of every edit wholly before it (begin < x, end <= x);
  // a position strictly inside an edit goes to the start or end of its replacement.
  auto shift = [&](std::size_t x, bool is_begin) -> std::size_t {
    auto it = std::lower_bound(edits.begin(), edits.end(), x,
                               [](const Edit& edit, std::size_t value) { return edit.begin < value; });
    if (it == edits.begin()) return x;
    const auto k = static_cast<std::size_t>(it - edits.begin()) - 1;
    if (edits[k].end > x) {
      return is_begin ? new_begins[k] : new_begins[k] + edits[k].replacement.size();
    }
    return static_cast<std::size_t>(static_cast<std::int64_t>(x) + delta_after[k]);
  };
  for (Annotation& annotation : annotations_) {
    annotation.begin = shift(annotation.begin, true);
    annotation.end = shift(annotation.end, false);
  }

  current_ = std::move(new_text);
  size_ = current_.size();
  pieces_ = std::move(new_pieces);
}

}  // namespace textbench
