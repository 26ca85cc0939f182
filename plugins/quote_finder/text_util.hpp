// Byte-level helpers shared by the quote scanner and the attribution rules. Everything works on
// UTF-8 without decoding whole strings: the scanner only needs to know what kind of character
// sits next to a quote mark, and the attribution rules only need words and punctuation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace quote_finder {

// What a character next to a quote mark is, for deciding whether the mark opens or closes.
enum class CharClass : std::uint8_t {
  Space,       // whitespace, also the start and end of the text
  Letter,      // letters and digits (any non-ASCII letter counts)
  OpenPunct,   // ( [ {
  Dash,        // - – — /
  ClosePunct,  // . , ; : ! ? ) ] } …
  QuoteMark,   // another quote mark
  Other,
};

// Decodes the code point starting at `at` (which must be < text.size()); sets `length`.
// Invalid or truncated sequences decode as U+FFFD with length 1, so scanning always advances.
char32_t decode_at(std::string_view text, std::size_t at, std::size_t& length) noexcept;
// Start of the code point that ends right before `at` (at > 0).
std::size_t previous_start(std::string_view text, std::size_t at) noexcept;

bool is_quote_code_point(char32_t c) noexcept;
CharClass classify(char32_t c) noexcept;
// The class of the character before `at`, skipping up to `max_skip` quote marks (so that in
// `'"Hello` the double mark sees the start of the text, not the single mark).
CharClass class_before(std::string_view text, std::size_t at, int max_skip = 3) noexcept;
// The class of the character at `at`, skipping up to `max_skip` quote marks.
CharClass class_after(std::string_view text, std::size_t at, int max_skip = 3) noexcept;

constexpr bool is_ascii_upper(char c) noexcept {
  return c >= 'A' && c <= 'Z';
}
constexpr bool is_ascii_lower(char c) noexcept {
  return c >= 'a' && c <= 'z';
}
constexpr bool is_ascii_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_alnum(char c) noexcept {
  return is_ascii_upper(c) || is_ascii_lower(c) || is_ascii_digit(c);
}

// A word starts with an upper-case letter (ASCII, or Latin-1 supplement / Latin Extended-A capitals).
bool starts_upper(std::string_view word) noexcept;

// Case-insensitive ASCII comparison.
bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace quote_finder
