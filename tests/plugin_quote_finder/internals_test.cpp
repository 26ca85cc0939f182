// The fast paths of the tokenizer, the lexicon and sentence_start against plain reference
// versions (the byte-by-byte code they replaced), on random texts built from the characters that
// matter to them.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "lexicon.hpp"
#include "text_util.hpp"
#include "tokens.hpp"

namespace qf = quote_finder;

namespace {

// Pieces that exercise joiners, abbreviations, non-ASCII letters and marks, digits with commas.
const std::vector<std::string> kPieces = {"a",
                                          "b",
                                          "Z",
                                          "said",
                                          "SAID",
                                          "Said",
                                          "according",
                                          "to",
                                          "Mr",
                                          "St",
                                          "U",
                                          "S",
                                          "5",
                                          "000",
                                          "é",
                                          "Ü",
                                          " ",
                                          "  ",
                                          "\n",
                                          "\t",
                                          "\r",
                                          ".",
                                          ",",
                                          ":",
                                          ";",
                                          "!",
                                          "?",
                                          "-",
                                          "'",
                                          "&",
                                          "\"",
                                          "“",
                                          "”",
                                          "‘",
                                          "’",
                                          "—",
                                          "–",
                                          "«",
                                          "»",
                                          "\xE2",
                                          "\x80",
                                          "\xC2",
                                          "…",
                                          "so-called",
                                          "epidemiologist",
                                          "representatives"};

std::string random_text(std::mt19937& random, std::size_t pieces) {
  std::uniform_int_distribution<std::size_t> pick(0, kPieces.size() - 1);
  std::string text;
  for (std::size_t i = 0; i < pieces; ++i) text += kPieces[pick(random)];
  return text;
}

// ---- reference implementations ----

std::size_t reference_word_char_length(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (static_cast<unsigned char>(c) < 0x80) return qf::is_ascii_alnum(c) ? 1 : 0;
  std::size_t length = 0;
  const char32_t code = qf::decode_at(text, at, length);
  return qf::classify(code) == qf::CharClass::Letter ? length : 0;
}

std::size_t reference_joiner_length(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (c == '\'' || c == '-' || c == '.' || c == '&') return 1;
  if (static_cast<unsigned char>(c) != 0xE2) return 0;
  std::size_t length = 0;
  return qf::decode_at(text, at, length) == U'\u2019' ? length : 0;
}

bool reference_dot_joins(std::string_view text, std::size_t word_begin, std::size_t dot) {
  const char next = text[dot + 1];
  if (qf::is_ascii_lower(next) || qf::is_ascii_digit(next)) return true;
  const std::size_t previous_dot = text.substr(word_begin, dot - word_begin).rfind('.');
  const std::size_t segment =
      previous_dot == std::string_view::npos ? dot - word_begin : dot - word_begin - previous_dot - 1;
  return segment == 1;
}

void reference_tokenize(std::string_view text, std::size_t begin, std::size_t end, std::vector<qf::Token>& out,
                        bool stop_at_boundary) {
  std::size_t at = begin;
  while (at < end) {
    if (stop_at_boundary && !out.empty() && qf::is_boundary(out.back().kind)) return;
    const char c = text[at];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++at;
      continue;
    }
    if (const std::size_t first = reference_word_char_length(text, at); first > 0) {
      qf::Token word{at, at + first, qf::TokenKind::Word, false};
      at += first;
      while (at < end) {
        if (const std::size_t step = reference_word_char_length(text, at); step > 0) {
          at += step;
          continue;
        }
        if (text[at] == ',' && at + 1 < end && qf::is_ascii_digit(text[at + 1]) && qf::is_ascii_digit(text[at - 1])) {
          at += 2;
          continue;
        }
        const std::size_t joiner = reference_joiner_length(text, at);
        if (joiner > 0 && at + joiner < end && reference_word_char_length(text, at + joiner) > 0 &&
            (text[at] != '.' || reference_dot_joins(text, word.begin, at))) {
          at += joiner;
          continue;
        }
        break;
      }
      word.end = at;
      word.upper = qf::starts_upper(text.substr(word.begin, word.end - word.begin));
      word.flags = qf::lexicon::lookup(text.substr(word.begin, word.end - word.begin));
      out.push_back(word);
      continue;
    }
    std::size_t length = 1;
    qf::Token token{at, at + length, qf::TokenKind::Other, false};
    const char32_t code = qf::decode_at(text, at, length);
    token.end = at + length;
    switch (code) {
      case U',':
        token.kind = qf::TokenKind::Comma;
        break;
      case U':':
      case U';':
        token.kind = qf::TokenKind::Colon;
        break;
      case U'\n':
        token.kind = qf::TokenKind::Newline;
        break;
      case U'!':
      case U'?':
        token.kind = qf::TokenKind::SentenceEnd;
        break;
      case U'.': {
        const bool after_abbreviation = !out.empty() && out.back().kind == qf::TokenKind::Word &&
                                        out.back().end == at &&
                                        qf::is_abbreviation(text.substr(out.back().begin, at - out.back().begin));
        token.kind = after_abbreviation ? qf::TokenKind::Other : qf::TokenKind::SentenceEnd;
        break;
      }
      default:
        if (qf::is_quote_code_point(code)) {
          token.kind = qf::TokenKind::QuoteMark;
        } else if (qf::classify(code) == qf::CharClass::Dash) {
          token.kind = qf::TokenKind::Dash;
        }
        break;
    }
    out.push_back(token);
    at = token.end;
  }
}

std::size_t reference_sentence_start(std::string_view text, std::size_t position, std::size_t floor) {
  for (std::size_t at = position; at > floor; --at) {
    const auto c = static_cast<unsigned char>(text[at - 1]);
    if (c == '\n' || c == '"') return at;
    if ((c == 0x9C || c == 0x9D) && at >= 3 && static_cast<unsigned char>(text[at - 3]) == 0xE2 &&
        static_cast<unsigned char>(text[at - 2]) == 0x80) {
      return at;
    }
    if ((c == '.' || c == '!' || c == '?') && at < position && text[at] == ' ') {
      if (c == '.') {
        std::size_t word_begin = at - 1;
        while (word_begin > floor && qf::is_ascii_alnum(text[word_begin - 1])) --word_begin;
        if (qf::is_abbreviation(text.substr(word_begin, at - 1 - word_begin))) continue;
      }
      return at;
    }
  }
  return floor;
}

}  // namespace

TEST_CASE("lexicon lookups ignore ASCII case and say when the word has capitals", "[quote_finder][lexicon]") {
  using namespace qf::lexicon;
  CHECK((lookup("said") & kReportingVerb) != 0);
  CHECK((lookup("said") & kHasAsciiUpper) == 0);
  CHECK((lookup("Said") & (kReportingVerb | kHasAsciiUpper)) == (kReportingVerb | kHasAsciiUpper));
  CHECK((lookup("According") & kWordAccording) != 0);
  CHECK((lookup("so-called") & kTermCue) != 0);
  CHECK((lookup("epidemiologist") & kTitleWord) != 0);
  CHECK((lookup("her") & (kDeterminer | kPersonPronoun | kNameStopword)) ==
        (kDeterminer | kPersonPronoun | kNameStopword));
  CHECK(lookup("saidx") == 0);
  CHECK(lookup("sai") == 0);
  CHECK(lookup("") == 0);
  CHECK(lookup("representativesx") == 0);  // longer than any entry
}

TEST_CASE("lexicon lookups by blocks agree with byte by byte", "[quote_finder][lexicon]") {
  std::mt19937 random(7);
  const std::string letters = "aeiosdtnrlAESDT-é";
  std::uniform_int_distribution<std::size_t> length(1, 17);
  std::uniform_int_distribution<std::size_t> letter(0, letters.size() - 1);
  // Known words in every case, then random ones, each followed by more text as in a document.
  std::vector<std::string> words = {"said",        "SAID",           "sAid",     "told",      "the",
                                    "The",         "minister",       "Minister", "according", "ACCORDING",
                                    "spokeswoman", "representative", "he",       "It"};
  for (int i = 0; i < 20000; ++i) {
    std::string word;
    for (std::size_t n = length(random); word.size() < n;) word += letters[letter(random)];
    words.push_back(word);
  }
  for (const std::string& word : words) {
    const std::string text = word + " and the rest of the sentence";
    INFO(word);
    CHECK(qf::lexicon::lookup(std::string_view(text).substr(0, word.size()), text.size()) == qf::lexicon::lookup(word));
  }
}

TEST_CASE("the tokenizer matches the byte-by-byte reference", "[quote_finder][tokens]") {
  std::mt19937 random(11);
  std::uniform_int_distribution<std::size_t> pieces(1, 60);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(random, pieces(random));
    std::uniform_int_distribution<std::size_t> offset(0, text.size());
    std::size_t begin = offset(random);
    std::size_t end = offset(random);
    if (begin > end) std::swap(begin, end);
    const bool stop = round % 3 == 0;
    std::vector<qf::Token> expected;
    std::vector<qf::Token> actual;
    reference_tokenize(text, begin, end, expected, stop);
    qf::tokenize(text, begin, end, actual, stop);
    INFO("text [" << text << "] from " << begin << " to " << end);
    REQUIRE(actual.size() == expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
      INFO("token " << i);
      CHECK(actual[i].begin == expected[i].begin);
      CHECK(actual[i].end == expected[i].end);
      CHECK(actual[i].kind == expected[i].kind);
      CHECK(actual[i].upper == expected[i].upper);
      CHECK(actual[i].flags == expected[i].flags);
    }
  }
}

TEST_CASE("sentence_start matches the byte-by-byte reference", "[quote_finder][tokens]") {
  std::mt19937 random(13);
  std::uniform_int_distribution<std::size_t> pieces(1, 80);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(random, pieces(random));
    std::uniform_int_distribution<std::size_t> offset(0, text.size());
    std::size_t floor = offset(random);
    std::size_t position = offset(random);
    if (floor > position) std::swap(floor, position);
    INFO("text [" << text << "] position " << position << " floor " << floor);
    CHECK(qf::sentence_start(text, position, floor) == reference_sentence_start(text, position, floor));
  }
}

TEST_CASE("last_of_either finds the last of two bytes", "[quote_finder][text]") {
  const std::string text = "xx\nabc\ndef" + std::string(40, 'z') + "q" + std::string(20, 'z');
  CHECK(qf::last_of_either(text, 0, text.size(), '\n', '\n') == 6);
  CHECK(qf::last_of_either(text, 0, text.size(), 'q', 'a') == 50);
  CHECK(qf::last_of_either(text, 0, 50, 'q', 'a') == 3);
  CHECK(qf::last_of_either(text, 4, 6, '\n', 'a') == std::string_view::npos);
  CHECK(qf::last_of_either(text, 0, 0, 'x', 'x') == std::string_view::npos);
}

TEST_CASE("the tokenizer's 16-byte word runs match the reference where words cross the window's end",
          "[quote_finder][tokens]") {
  // Long ASCII words, so that runs of 16 and more bytes meet the end of the window, the end of the
  // text, joiners and non-ASCII letters at every offset.
  const std::vector<std::string> pieces = {"a",
                                           "Zq9",
                                           "representatives",
                                           "abcdefghijklmnopqrstuvwxyz0123456789",
                                           " ",
                                           "'",
                                           ".",
                                           ",",
                                           "5,000",
                                           "é",
                                           "’",
                                           "\n",
                                           "-",
                                           "U.S."};
  std::mt19937 random(19);
  std::uniform_int_distribution<std::size_t> count(1, 30);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (std::size_t n = count(random); n > 0; --n) text += pieces[pick(random)];
    std::uniform_int_distribution<std::size_t> offset(0, text.size());
    std::size_t begin = offset(random);
    std::size_t end = offset(random);
    if (begin > end) std::swap(begin, end);
    std::vector<qf::Token> expected;
    std::vector<qf::Token> actual;
    reference_tokenize(text, begin, end, expected, false);
    qf::tokenize(text, begin, end, actual, false);
    INFO("text [" << text << "] from " << begin << " to " << end);
    REQUIRE(actual.size() == expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
      CHECK(actual[i].begin == expected[i].begin);
      CHECK(actual[i].end == expected[i].end);
      CHECK(actual[i].kind == expected[i].kind);
      CHECK(actual[i].flags == expected[i].flags);
    }
  }
}
