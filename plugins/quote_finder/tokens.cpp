#include "tokens.hpp"

#include <algorithm>
#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text_util.hpp"

namespace quote_finder {

bool is_abbreviation(std::string_view word) noexcept {
  if (word.size() == 1 && is_ascii_upper(word[0])) return true;  // an initial: "D. Gukesh"
  if (word.find('.') != std::string_view::npos) return true;     // "U.S", "a.m"
  // Party-and-state tags such as "R-La" or "D-Conn".
  if (word.size() >= 3 && is_ascii_upper(word[0]) && word[1] == '-') return true;
  return (lexicon::lookup(word) & lexicon::kAbbreviation) != 0;
}

namespace {

constexpr std::array<bool, 256> kAsciiWordBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 128; ++c) table[c] = is_ascii_alnum(static_cast<char>(c));
  return table;
}();

#if defined(__SSE2__)
// How many of the 16 bytes from `bytes` are ASCII letters or digits before the first that is not:
// the bulk of every word, taken without a branch per byte.
std::size_t ascii_alnum_run16(const char* bytes) {
  const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
  // Signed comparisons: bytes from 0x80 are negative, so never in a range.
  const __m128i lower = _mm_or_si128(chunk, _mm_set1_epi8(0x20));
  const __m128i letter =
      _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmpgt_epi8(_mm_set1_epi8('z' + 1), lower));
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(chunk, _mm_set1_epi8('0' - 1)), _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), chunk));
  const auto alnum = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
  return static_cast<std::size_t>(__builtin_ctz(~alnum));  // bit 16 of ~alnum is always set
}
#endif

// Length of the word character at `at`, or 0 when it is not one. ASCII is decided without decoding.
std::size_t word_char_length(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (static_cast<unsigned char>(c) < 0x80) return is_ascii_alnum(c) ? 1 : 0;
  // E0 A0-BF xx is U+0800-0FFF (Devanagari, Bengali, ... much of the text of some sources): all
  // letters, taken without decoding. (E0 80-9F would be an overlong form, left to decode_at.)
  if (static_cast<unsigned char>(c) == 0xE0 && at + 2 < text.size()) {
    const auto second = static_cast<unsigned char>(text[at + 1]);
    const auto third = static_cast<unsigned char>(text[at + 2]);
    if (second >= 0xA0 && second <= 0xBF && (third & 0xC0) == 0x80) return 3;
  }
  // E2 80 xx is general punctuation (’ – — “ ” …), never a letter: no need to decode it.
  if (static_cast<unsigned char>(c) == 0xE2 && at + 1 < text.size() &&
      static_cast<unsigned char>(text[at + 1]) == 0x80) {
    return 0;
  }
  std::size_t length = 0;
  const char32_t code = decode_at(text, at, length);
  return classify(code) == CharClass::Letter ? length : 0;
}

// Characters that stay inside a word when a word character follows: don't, U.S., 18-year-old.
std::size_t inner_joiner_length(std::string_view text, std::size_t at) {
  const auto c = static_cast<unsigned char>(text[at]);
  if (c == '\'' || c == '-' || c == '.' || c == '&') return 1;
  // ’ (E2 80 99), whole within the text, as decode_at requires.
  if (c == 0xE2 && at + 2 < text.size() && static_cast<unsigned char>(text[at + 1]) == 0x80 &&
      static_cast<unsigned char>(text[at + 2]) == 0x99) {
    return 3;
  }
  return 0;
}

// A dot stays inside a word in "U.S" or "a.m", not in "source.Moreover" (a missing space).
bool dot_joins(std::string_view text, std::size_t word_begin, std::size_t dot) {
  const char next = text[dot + 1];
  if (is_ascii_lower(next) || is_ascii_digit(next)) return true;
  const std::size_t previous_dot = text.substr(word_begin, dot - word_begin).rfind('.');
  const std::size_t segment =
      previous_dot == std::string_view::npos ? dot - word_begin : dot - word_begin - previous_dot - 1;
  return segment == 1;
}

}  // namespace

void tokenize(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token>& out,
              bool stop_at_boundary) {
  std::size_t at = begin;
  while (at < end) {
    if (stop_at_boundary && !out.empty() && is_boundary(out.back().kind)) return;
    const auto c = static_cast<unsigned char>(text[at]);
    if (c == ' ' || c == '\t' || c == '\r') {
      ++at;
      continue;
    }
    const bool ascii = c < 0x80;
    if (const std::size_t first = ascii ? (kAsciiWordBytes[c] ? 1 : 0) : word_char_length(text, at); first > 0) {
      const std::size_t word_begin = at;
      at += first;
      while (at < end) {
#if defined(__SSE2__)
        if (text.size() - at >= 16) {
          if (const std::size_t run = ascii_alnum_run16(text.data() + at); run > 0) {
            at = std::min(at + run, end);
            continue;
          }
        }
#endif
        // Most of a word is ASCII letters: take them without a call.
        const auto next = static_cast<unsigned char>(text[at]);
        if (kAsciiWordBytes[next]) {
          ++at;
          continue;
        }
        if (next >= 0x80) {
          if (const std::size_t step = word_char_length(text, at); step > 0) {
            at += step;
            continue;
          }
        }
        // "5,000" is one word.
        if (next == ',') {
          if (at + 1 < end && is_ascii_digit(text[at + 1]) && is_ascii_digit(text[at - 1])) {
            at += 2;
            continue;
          }
          break;
        }
        const std::size_t joiner = inner_joiner_length(text, at);
        if (joiner > 0 && at + joiner < end && word_char_length(text, at + joiner) > 0 &&
            (next != '.' || dot_joins(text, word_begin, at))) {
          at += joiner;
          continue;
        }
        break;
      }
      const std::string_view written = text.substr(word_begin, at - word_begin);
      // Filled in place: a Token assembled on the stack and then copied stalls on the copy.
      Token& word = out.emplace_back();
      word.begin = word_begin;
      word.end = at;
      word.kind = TokenKind::Word;
      word.upper = ascii ? is_ascii_upper(static_cast<char>(c)) : starts_upper(written);
      word.flags = lexicon::lookup(written, text.size() - word_begin);
      continue;
    }
    std::size_t length = 1;
    const char32_t code = ascii ? static_cast<char32_t>(c) : decode_at(text, at, length);
    TokenKind kind = TokenKind::Other;
    switch (code) {
      case U',':
        kind = TokenKind::Comma;
        break;
      case U':':
      case U';':
        kind = TokenKind::Colon;
        break;
      case U'\n':
        kind = TokenKind::Newline;
        break;
      case U'!':
      case U'?':
        kind = TokenKind::SentenceEnd;
        break;
      case U'.': {
        const bool after_abbreviation = !out.empty() && out.back().kind == TokenKind::Word && out.back().end == at &&
                                        is_abbreviation(text.substr(out.back().begin, at - out.back().begin));
        kind = after_abbreviation ? TokenKind::Other : TokenKind::SentenceEnd;
        break;
      }
      default:
        if (is_quote_code_point(code)) {
          kind = TokenKind::QuoteMark;
        } else if (classify(code) == CharClass::Dash) {
          kind = TokenKind::Dash;
        }
        break;
    }
    Token& token = out.emplace_back();
    token.begin = at;
    token.end = at + length;
    token.kind = kind;
    at += length;
  }
}

namespace {

// The last position in [floor, end) holding a byte that can end a sentence or open one: a newline,
// a double mark, the last byte of “ or ”, or . ! ?; npos when none.
std::size_t last_sentence_byte(std::string_view text, std::size_t floor, std::size_t end) noexcept {
#if defined(__SSE2__)
  const __m128i targets[] = {_mm_set1_epi8('\n'),
                             _mm_set1_epi8('"'),
                             _mm_set1_epi8(static_cast<char>(0x9C)),
                             _mm_set1_epi8(static_cast<char>(0x9D)),
                             _mm_set1_epi8('.'),
                             _mm_set1_epi8('!'),
                             _mm_set1_epi8('?')};
  while (end >= floor + 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + end - 16));
    __m128i hits = _mm_setzero_si128();
    for (const __m128i& target : targets) hits = _mm_or_si128(hits, _mm_cmpeq_epi8(chunk, target));
    if (const int mask = _mm_movemask_epi8(hits); mask != 0) {
      return end - 16 + static_cast<std::size_t>(31 - __builtin_clz(static_cast<unsigned>(mask)));
    }
    end -= 16;
  }
#endif
  while (end > floor) {
    --end;
    const auto c = static_cast<unsigned char>(text[end]);
    if (c == '\n' || c == '"' || c == 0x9C || c == 0x9D || c == '.' || c == '!' || c == '?') return end;
  }
  return std::string_view::npos;
}

}  // namespace

std::size_t sentence_start(std::string_view text, std::size_t position, std::size_t floor) noexcept {
  // Only the bytes last_sentence_byte finds can stop the walk back: jump from one to the next.
  for (std::size_t at = position; at > floor;) {
    const std::size_t byte = last_sentence_byte(text, floor, at);
    if (byte == std::string_view::npos) break;
    const auto c = static_cast<unsigned char>(text[byte]);
    at = byte + 1;
    if (c == '\n' || c == '"') return at;
    // The last byte of “ or ” (E2 80 9C / E2 80 9D).
    if ((c == 0x9C || c == 0x9D) && at >= 3 && static_cast<unsigned char>(text[at - 3]) == 0xE2 &&
        static_cast<unsigned char>(text[at - 2]) == 0x80) {
      return at;
    }
    if ((c == '.' || c == '!' || c == '?') && at < position && text[at] == ' ') {
      if (c == '.') {
        std::size_t word_begin = at - 1;
        while (word_begin > floor && is_ascii_alnum(text[word_begin - 1])) --word_begin;
        if (!is_abbreviation(text.substr(word_begin, at - 1 - word_begin))) return at;
      } else {
        return at;
      }
    }
    at = byte;
  }
  return floor;
}

LowerWord::LowerWord(std::string_view word) noexcept {
  if (word.size() > sizeof(buffer_)) {
    buffer_[0] = '\x01';  // matches nothing
    length_ = 1;
    return;
  }
  for (char c : word) buffer_[length_++] = is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view strip_possessive(std::string_view word) noexcept {
  constexpr std::string_view kCurlyApostrophe = "\u2019";
  if (word.size() > 2 && word.ends_with("'s")) return word.substr(0, word.size() - 2);
  if (word.size() > 4 && word.ends_with("\u2019s")) return word.substr(0, word.size() - 4);
  if (word.size() > 1 && word.ends_with('\'')) return word.substr(0, word.size() - 1);
  if (word.size() > 3 && word.ends_with(kCurlyApostrophe)) return word.substr(0, word.size() - 3);
  return word;
}

}  // namespace quote_finder
