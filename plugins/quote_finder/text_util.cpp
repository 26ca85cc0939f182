#include "text_util.hpp"

namespace quote_finder {

namespace {
constexpr char32_t kReplacement = 0xFFFD;

bool is_continuation(unsigned char byte) noexcept {
  return (byte & 0xC0) == 0x80;
}
}  // namespace

char32_t decode_at(std::string_view text, std::size_t at, std::size_t& length) noexcept {
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
    return kReplacement;
  }
  if (at + need >= text.size()) return kReplacement;
  for (std::size_t i = 1; i <= need; ++i) {
    const auto byte = static_cast<unsigned char>(text[at + i]);
    if (!is_continuation(byte)) return kReplacement;
    value = (value << 6) | (byte & 0x3F);
  }
  length = need + 1;
  return value;
}

std::size_t previous_start(std::string_view text, std::size_t at) noexcept {
  std::size_t start = at - 1;
  // A code point is at most 4 bytes: never walk further back than 3 continuation bytes.
  for (int steps = 0; steps < 3 && start > 0 && is_continuation(static_cast<unsigned char>(text[start])); ++steps) {
    --start;
  }
  return start;
}

bool is_quote_code_point(char32_t c) noexcept {
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

CharClass classify(char32_t c) noexcept {
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
    case kReplacement:
      return CharClass::Other;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x206F) return CharClass::Other;  // general punctuation
  return CharClass::Letter;
}

CharClass class_before(std::string_view text, std::size_t at, int max_skip) noexcept {
  while (at > 0) {
    const std::size_t start = previous_start(text, at);
    std::size_t length = 0;
    const CharClass result = classify(decode_at(text, start, length));
    if (result != CharClass::QuoteMark || max_skip-- <= 0) return result;
    at = start;
  }
  return CharClass::Space;
}

CharClass class_after(std::string_view text, std::size_t at, int max_skip) noexcept {
  while (at < text.size()) {
    std::size_t length = 0;
    const CharClass result = classify(decode_at(text, at, length));
    if (result != CharClass::QuoteMark || max_skip-- <= 0) return result;
    at += length;
  }
  return CharClass::Space;
}

bool starts_upper(std::string_view word) noexcept {
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

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (is_ascii_upper(x)) x = static_cast<char>(x - 'A' + 'a');
    if (is_ascii_upper(y)) y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace quote_finder
