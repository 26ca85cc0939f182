// Finding the quoted spans of a text: which quote marks open and close, how they pair up (nested,
// multi-paragraph, unclosed), and which spans are outermost. Knows nothing about speakers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace quote_finder {

enum class MarkFamily : std::uint8_t { Double, Single, Guillemet };

struct QuoteSpan {
  std::size_t open_begin = 0;     // first byte of the opening mark
  std::size_t content_begin = 0;  // first byte after the opening mark
  std::size_t content_end = 0;    // first byte of the closing mark
  std::size_t close_end = 0;      // first byte after the closing mark
  MarkFamily family = MarkFamily::Double;
  bool multi_paragraph = false;  // the quote runs over a paragraph break
};

struct ScanOptions {
  bool single_quotes = true;  // treat ' ‘ ’ as quote marks (apostrophes are always told apart)
  // How many paragraphs without any quote mark an open quote may cross to reach its closing
  // mark. Bounds how far a quote whose closing mark is missing can reach.
  std::size_t max_crossed_paragraphs = 8;
};

// The outermost quoted spans of `text`, in text order, non-overlapping. Runs in time linear in the
// text: one pass to find the marks, one pass over the marks per family, one sort of the pairs.
std::vector<QuoteSpan> find_quote_spans(std::string_view text, const ScanOptions& options);

// The same, keeping its working vectors from one text to the next (one scanner per thread):
// a fresh vector per document costs an allocation and page faults each time.
namespace scanning {
struct Mark;
struct Pair;
struct OpenMark;
}  // namespace scanning

class QuoteScanner {
 public:
  QuoteScanner();
  ~QuoteScanner();
  QuoteScanner(const QuoteScanner&) = delete;
  QuoteScanner& operator=(const QuoteScanner&) = delete;

  // Valid until the next call.
  const std::vector<QuoteSpan>& find(std::string_view text, const ScanOptions& options);

 private:
  std::vector<scanning::Mark> marks_;
  std::vector<scanning::Pair> pairs_;
  std::vector<scanning::OpenMark> open_;
  std::vector<QuoteSpan> spans_;
  std::vector<QuoteSpan> outermost_;
};

}  // namespace quote_finder
