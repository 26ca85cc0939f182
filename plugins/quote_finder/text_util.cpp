#include "text_util.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

std::size_t last_of_either(std::string_view text, std::size_t begin, std::size_t end, char a, char b) noexcept {
#if defined(__SSE2__)
  // 16 bytes per step, from the end: most of the text between a role noun and its title holds
  // neither byte.
  const __m128i first = _mm_set1_epi8(a);
  const __m128i second = _mm_set1_epi8(b);
  while (end >= begin + 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + end - 16));
    const int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, first), _mm_cmpeq_epi8(chunk, second)));
    if (mask != 0) return end - 16 + static_cast<std::size_t>(31 - __builtin_clz(static_cast<unsigned>(mask)));
    end -= 16;
  }
#endif
  while (end > begin) {
    --end;
    if (text[end] == a || text[end] == b) return end;
  }
  return std::string_view::npos;
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
