// A small tokenizer for the text around a quote: words and the punctuation that bounds clauses and
// sentences. Used on bounded windows only (a clause, the text since the previous quote).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

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
  bool upper = false;  // a word starting with a capital letter
};

// Appends the tokens of text[begin, end) to `out`.
void tokenize(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token>& out);

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
