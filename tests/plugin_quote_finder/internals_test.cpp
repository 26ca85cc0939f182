// The fast paths of the tokenizer, the lexicon and sentence_start against plain reference
// versions (the byte-by-byte code they replaced), on random texts built from the characters that
// matter to them.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "attribution.hpp"
#include "lexicon.hpp"
#include "quote_marks.hpp"
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

// Two offsets into `text`, in order: a random range of it (possibly empty).
std::pair<std::size_t, std::size_t> random_range(std::mt19937& random, const std::string& text) {
  std::uniform_int_distribution<std::size_t> offset(0, text.size());
  const std::size_t a = offset(random);
  const std::size_t b = offset(random);
  return {std::min(a, b), std::max(a, b)};
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
    const auto [begin, end] = random_range(random, text);
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
    const auto [floor, position] = random_range(random, text);
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
    const auto [begin, end] = random_range(random, text);
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

namespace {

// Words and punctuation the attribution rules react to, so that random texts reach every rule
// that reads the clause after a quote: names, titles, reporting verbs, "according to", "quoted
// as saying", passive agents ("by"), appositives, openers, long runs of names and of punctuation.
const std::vector<std::string> kClausePieces = {
    "Maria", "Sousa",  "Hale",     "Dr",         "Sen.",      "D-Conn.",     "minister", "chief",     "CEO",
    "said",  "added",  "told",     "says",       "Said",      "asked",       "called",   "wrote",     "according",
    "to",    "quoted", "as",       "saying",     "by",        "was",         "he",       "she",       "it",
    "they",  "the",    "a",        "The",        "Meanwhile", "On",          "Monday",   "reporters", "that",
    "who",   "while",  "replying", "criticised", "whimpered", "38-year-old", "of",       "and",       "but",
    "in",    "Police", "ALSO",     "U.S.",       "youngster", ",",           ",",        ",",         ".",
    ". ",    ":",      ";",        " —",         "\n",        "\n\n",        "!",        "?",         "'s",
    "—",     "(",      ")",        "5,000"};

const std::vector<std::string> kOpenMarks = {"\"", "“", "‘", "'", "«"};
const std::vector<std::string> kCloseMarks = {"\"", "”", "’", "'", "»"};

std::string random_clause_text(std::mt19937& random) {
  std::uniform_int_distribution<std::size_t> pick(0, kClausePieces.size() - 1);
  std::uniform_int_distribution<std::size_t> mark(0, kOpenMarks.size() - 1);
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<std::size_t> run(0, 40);
  std::string text;
  const auto words = [&](std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      const std::string& piece = kClausePieces[pick(random)];
      if (!text.empty() && percent(random) < 80 && piece != "," && piece != "'s") text += ' ';
      text += piece;
    }
  };
  for (int quotes = std::uniform_int_distribution<int>(1, 6)(random); quotes > 0; --quotes) {
    words(run(random));
    const std::size_t family = percent(random) < 85 ? mark(random) : 0;
    text += (percent(random) < 70 ? " " : "") + kOpenMarks[family];
    words(1 + run(random) / 4);
    if (percent(random) < 60) text += percent(random) < 50 ? "," : ".";
    text += kCloseMarks[family];
  }
  words(run(random));
  return text;
}

std::vector<qf::FoundQuote> analyse(std::string_view text, std::size_t post_clause_step, bool indirect) {
  const std::vector<qf::QuoteSpan> spans = qf::find_quote_spans(text, qf::ScanOptions{});
  qf::QuoteAnalyser analyser(text);
  analyser.set_post_clause_step(post_clause_step);
  std::vector<qf::FoundQuote> found;
  analyser.analyse(spans, found);
  if (indirect) {
    analyser.reset(text);
    analyser.find_indirect(found);
  }
  return found;
}

}  // namespace

TEST_CASE("the clause after a quote tokenized on demand gives what tokenizing it whole gives",
          "[quote_finder][attribution]") {
  std::mt19937 random(23);
  std::size_t attributed = 0;
  for (int round = 0; round < 6000; ++round) {
    const std::string text = random_clause_text(random);
    const bool indirect = round % 4 == 0;
    const std::vector<qf::FoundQuote> whole = analyse(text, 0, indirect);
    for (const std::size_t step : {1, 2, 3, 8}) {
      const std::vector<qf::FoundQuote> lazy = analyse(text, step, indirect);
      INFO("text [" << text << "] step " << step);
      REQUIRE(lazy.size() == whole.size());
      for (std::size_t i = 0; i < lazy.size(); ++i) {
        INFO("quote " << i);
        CHECK(lazy[i].span.open_begin == whole[i].span.open_begin);
        CHECK(lazy[i].span.close_end == whole[i].span.close_end);
        CHECK(lazy[i].kind == whole[i].kind);
        CHECK(lazy[i].speaker == whole[i].speaker);
        CHECK(lazy[i].has_mention == whole[i].has_mention);
        CHECK(lazy[i].mention_begin == whole[i].mention_begin);
        CHECK(lazy[i].mention_end == whole[i].mention_end);
        CHECK(lazy[i].verb == whole[i].verb);
        CHECK(lazy[i].source == whole[i].source);
        CHECK(lazy[i].group == whole[i].group);
        CHECK(lazy[i].part == whole[i].part);
      }
    }
    for (const qf::FoundQuote& quote : whole) attributed += quote.verb.empty() ? 0 : 1;
  }
  // The texts must reach the rules at all: many quotes with an attribution.
  CHECK(attributed > 3000);
}

TEST_CASE("the tokenizer stopped after some tokens and called again goes on as if it had not stopped",
          "[quote_finder][tokens]") {
  std::mt19937 random(29);
  std::uniform_int_distribution<std::size_t> pieces(1, 60);
  std::uniform_int_distribution<std::size_t> step(1, 4);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(random, pieces(random));
    const auto [begin, end] = random_range(random, text);
    const bool stop = round % 2 == 0;
    // Tokens already in the vector (a clause before) count for both stops.
    std::vector<qf::Token> whole;
    const std::size_t before = std::uniform_int_distribution<std::size_t>(0, text.size())(random);
    qf::tokenize(text, 0, before, whole);
    std::vector<qf::Token> pieced = whole;
    qf::tokenize(text, begin, end, whole, stop);
    std::size_t at = begin;
    std::size_t calls = 0;
    while (at < end && !(stop && !pieced.empty() && qf::is_boundary(pieced.back().kind))) {
      at = qf::tokenize(text, at, end, pieced, stop, pieced.size() + step(random));
      REQUIRE(++calls <= text.size() + 1);
    }
    INFO("text [" << text << "] from " << begin << " to " << end);
    REQUIRE(pieced.size() == whole.size());
    for (std::size_t i = 0; i < pieced.size(); ++i) {
      CHECK(pieced[i].begin == whole[i].begin);
      CHECK(pieced[i].end == whole[i].end);
      CHECK(pieced[i].kind == whole[i].kind);
      CHECK(pieced[i].flags == whole[i].flags);
    }
  }
}
