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

// Start of the code point that ends right before `at` (at > 0).
std::size_t previous_start(std::string_view text, std::size_t at) noexcept;

// The class of the character before `at`, skipping up to `max_skip` quote marks (so that in
// `'"Hello` the double mark sees the start of the text, not the single mark).
CharClass class_before(std::string_view text, std::size_t at, int max_skip = 3) noexcept;
// The class of the character at `at`, skipping up to `max_skip` quote marks.
CharClass class_after(std::string_view text, std::size_t at, int max_skip = 3) noexcept;

// Defined here, not in text_util.cpp, because the tokenizer and the scanner call them per character.

constexpr bool is_ascii_upper(char c) noexcept {
  return c >= 'A' && c <= 'Z';
}
constexpr bool is_ascii_lower(char c) noexcept {
  return c >= 'a' && c <= 'z';
}
constexpr bool is_ascii_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_letter(char c) noexcept {
  return is_ascii_upper(c) || is_ascii_lower(c);
}
constexpr bool is_ascii_alnum(char c) noexcept {
  return is_ascii_upper(c) || is_ascii_lower(c) || is_ascii_digit(c);
}

namespace detail {
constexpr char32_t kReplacement = 0xFFFD;
constexpr bool is_continuation(unsigned char byte) noexcept {
  return (byte & 0xC0) == 0x80;
}
}  // namespace detail

// Decodes the code point starting at `at` (which must be < text.size()); sets `length`.
// Invalid or truncated sequences decode as U+FFFD with length 1, so scanning always advances.
inline char32_t decode_at(std::string_view text, std::size_t at, std::size_t& length) noexcept {
  const auto lead = static_cast<unsigned char>(text[at]);
  length = 1;
  if (lead < 0x80) return lead;
  std::size_t need = 0;
  char32_t value = 0;
  if ((lead & 0xE0) == 0xC0) {
    need = 1;
    value = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    need = 2;
    value = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    need = 3;
    value = lead & 0x07;
  } else {
    return detail::kReplacement;
  }
  if (at + need >= text.size()) return detail::kReplacement;
  for (std::size_t i = 1; i <= need; ++i) {
    const auto byte = static_cast<unsigned char>(text[at + i]);
    if (!detail::is_continuation(byte)) return detail::kReplacement;
    value = (value << 6) | (byte & 0x3F);
  }
  length = need + 1;
  return value;
}

inline bool is_quote_code_point(char32_t c) noexcept {
  switch (c) {
    case U'"':
    case U'\'':
    case U'\u2018':
    case U'\u2019':
    case U'\u201C':
    case U'\u201D':
    case U'\u201E':
    case U'\u00AB':
    case U'\u00BB':
      return true;
    default:
      return false;
  }
}

inline CharClass classify(char32_t c) noexcept {
  if (c < 0x80) {
    const char ascii = static_cast<char>(c);
    if (is_ascii_alnum(ascii)) return CharClass::Letter;
    switch (ascii) {
      case ' ':
      case '\t':
      case '\n':
      case '\r':
      case '\f':
      case '\v':
        return CharClass::Space;
      case '(':
      case '[':
      case '{':
        return CharClass::OpenPunct;
      case '-':
      case '/':
        return CharClass::Dash;
      case '.':
      case ',':
      case ';':
      case ':':
      case '!':
      case '?':
      case ')':
      case ']':
      case '}':
        return CharClass::ClosePunct;
      case '"':
      case '\'':
        return CharClass::QuoteMark;
      default:
        return CharClass::Other;
    }
  }
  if (is_quote_code_point(c)) return CharClass::QuoteMark;
  switch (c) {
    case U'\u00A0':  // no-break space
    case U'\u2002':
    case U'\u2003':
    case U'\u2009':
    case U'\u200A':
    case U'\u202F':
    case U'\u3000':
      return CharClass::Space;
    case U'\u2013':  // en dash
    case U'\u2014':  // em dash
    case U'\u2012':
    case U'\u2015':
      return CharClass::Dash;
    case U'\u2026':  // ellipsis
      return CharClass::ClosePunct;
    case detail::kReplacement:
      return CharClass::Other;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x206F) return CharClass::Other;  // general punctuation
  return CharClass::Letter;
}

// A word starts with an upper-case letter (ASCII, or Latin-1 supplement / Latin Extended-A capitals).
inline bool starts_upper(std::string_view word) noexcept {
  if (word.empty()) return false;
  if (is_ascii_upper(word[0])) return true;
  if (static_cast<unsigned char>(word[0]) < 0x80) return false;
  std::size_t length = 0;
  const char32_t c = decode_at(word, 0, length);
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return true;  // Latin-1 capitals
  if (c >= 0x100 && c <= 0x17F) return (c % 2) == 0;     // Latin Extended-A: capitals are even
  if (c >= 0x410 && c <= 0x42F) return true;             // Cyrillic capitals
  return false;
}

// The last position in [begin, end) holding byte `a` or byte `b`; npos when none.
std::size_t last_of_either(std::string_view text, std::size_t begin, std::size_t end, char a, char b) noexcept;

// Case-insensitive ASCII comparison.
bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace quote_finder
