#include "tokens.hpp"

#include <algorithm>
#include <iterator>

#include "text_util.hpp"

namespace quote_finder {

namespace {

// Words after which a dot does not end the sentence.
constexpr std::string_view kAbbreviations[] = {
    "adm", "apr", "aug", "capt", "cmdr", "co",  "col",  "corp", "dec", "dr",  "feb",  "gen",  "gov",
    "inc", "jan", "jr",  "jul",  "jun",  "lt",  "ltd",  "maj",  "mar", "mr",  "mrs",  "ms",   "mt",
    "nov", "oct", "prof", "rep", "rev",  "sen", "sep",  "sept", "sgt", "sr",  "st",   "supt", "vs"};
static_assert(std::is_sorted(std::begin(kAbbreviations), std::end(kAbbreviations)));

bool is_abbreviation(std::string_view word) {
  if (word.size() == 1 && is_ascii_upper(word[0])) return true;  // an initial: "D. Gukesh"
  if (word.find('.') != std::string_view::npos) return true;     // "U.S", "a.m"
  // Party-and-state tags such as "R-La" or "D-Conn".
  if (word.size() >= 3 && is_ascii_upper(word[0]) && word[1] == '-') return true;
  const LowerWord lower(word);
  return std::binary_search(std::begin(kAbbreviations), std::end(kAbbreviations), lower.view());
}

bool is_word_code_point(std::string_view text, std::size_t at, std::size_t& length) {
  const char32_t c = decode_at(text, at, length);
  return classify(c) == CharClass::Letter;
}

// Characters that stay inside a word when a word character follows: don't, U.S., 18-year-old.
bool is_inner_joiner(std::string_view text, std::size_t at, std::size_t& length) {
  const char c = text[at];
  if (c == '\'' || c == '-' || c == '.' || c == '&') {
    length = 1;
    return true;
  }
  const char32_t code = decode_at(text, at, length);
  return code == U'\u2019';
}

}  // namespace

void tokenize(std::string_view text, std::size_t begin, std::size_t end, std::vector<Token>& out) {
  std::size_t at = begin;
  while (at < end) {
    const char c = text[at];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++at;
      continue;
    }
    std::size_t length = 1;
    if (is_word_code_point(text, at, length)) {
      Token word{at, at + length, TokenKind::Word, starts_upper(text.substr(at, length))};
      at += length;
      while (at < end) {
        std::size_t step = 0;
        if (is_word_code_point(text, at, step)) {
          at += step;
          continue;
        }
        std::size_t next = 0;
        if (is_inner_joiner(text, at, step) && at + step < end && is_word_code_point(text, at + step, next)) {
          at += step;
          continue;
        }
        break;
      }
      word.end = at;
      out.push_back(word);
      continue;
    }
    Token token{at, at + length, TokenKind::Other, false};
    const char32_t code = decode_at(text, at, length);
    token.end = at + length;
    switch (code) {
      case U',':
        token.kind = TokenKind::Comma;
        break;
      case U':':
      case U';':
        token.kind = TokenKind::Colon;
        break;
      case U'\n':
        token.kind = TokenKind::Newline;
        break;
      case U'!':
      case U'?':
        token.kind = TokenKind::SentenceEnd;
        break;
      case U'.': {
        const bool after_abbreviation = !out.empty() && out.back().kind == TokenKind::Word &&
                                        out.back().end == at &&
                                        is_abbreviation(text.substr(out.back().begin, at - out.back().begin));
        token.kind = after_abbreviation ? TokenKind::Other : TokenKind::SentenceEnd;
        break;
      }
      default:
        if (is_quote_code_point(code)) {
          token.kind = TokenKind::QuoteMark;
        } else if (classify(code) == CharClass::Dash) {
          token.kind = TokenKind::Dash;
        }
        break;
    }
    out.push_back(token);
    at = token.end;
  }
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
