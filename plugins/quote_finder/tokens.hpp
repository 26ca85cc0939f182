// A small tokenizer for the text around a quote: words and the punctuation that bounds clauses and
// sentences. Used on bounded windows only (a clause, the text since the previous quote).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "lexicon.hpp"

namespace quote_finder {

enum class TokenKind : std::uint8_t {
  Word,
  Comma,
  Colon,        // : and ;
  SentenceEnd,  // . ! ? that end a sentence (not the dot of "Sen." or "D.")
  QuoteMark,
  Newline,
  Dash,
  Other,
};

struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  TokenKind kind = TokenKind::Other;
  bool upper = false;        // a word starting with a capital letter
  lexicon::Flags flags = 0;  // a word's lexicon lists, looked up once when it is tokenized
};

// Ends a clause: the end of a sentence or paragraph, or a quote mark.
inline bool is_boundary(TokenKind kind) noexcept {
  return kind == TokenKind::SentenceEnd || kind == TokenKind::Newline || kind == TokenKind::QuoteMark;
}

// Appends the tokens of text[begin, end) to `out`; with stop_at_boundary, stops after the first
// boundary token. Also stops once `out` holds `max_size` tokens, and returns where it stopped:
// called again from there with the same `out`, it goes on as if it had never stopped.
std::size_t tokenize(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token>& out,
                     bool stop_at_boundary = false, std::size_t max_size = SIZE_MAX);

// Where the sentence holding `position` starts, looking back no further than `floor`: after a
// sentence end, a newline or a double quote mark.
std::size_t sentence_start(std::string_view text, std::size_t position, std::size_t floor) noexcept;

// "Sen", "Dr", an initial, "U.S": words whose dot does not end a sentence.
bool is_abbreviation(std::string_view word) noexcept;

// A word lower-cased into a fixed buffer (longer words are truncated and never match a lexicon).
class LowerWord {
 public:
  explicit LowerWord(std::string_view word) noexcept;
  [[nodiscard]] std::string_view view() const noexcept { return {buffer_, length_}; }

 private:
  char buffer_[24];
  std::size_t length_ = 0;
};

// Strips a trailing possessive ('s, ’s, or a bare ' / ’ after s) from a word.
std::string_view strip_possessive(std::string_view word) noexcept;

}  // namespace quote_finder
