#include "text_util.hpp"

namespace quote_finder {

using detail::is_continuation;

std::size_t previous_start(std::string_view text, std::size_t at) noexcept {
  std::size_t start = at - 1;
  // A code point is at most 4 bytes: never walk further back than 3 continuation bytes.
  for (int steps = 0; steps < 3 && start > 0 && is_continuation(static_cast<unsigned char>(text[start])); ++steps) {
    --start;
  }
  return start;
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
