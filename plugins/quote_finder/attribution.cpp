#include "attribution.hpp"

#include <algorithm>

#include "lexicon.hpp"
#include "text_util.hpp"

namespace quote_finder {

namespace {

// Bounds that keep every quote's work independent of the document's length.
constexpr std::size_t kPreWindow = 400;       // bytes before a quote searched for its attribution
constexpr std::size_t kPostWindow = 300;      // bytes after it
constexpr std::size_t kPronounWindow = 1500;  // bytes searched back for a pronoun's antecedent
constexpr std::size_t kRoleWindow = 20000;    // bytes searched back for "president <Name>"
constexpr std::size_t kNameWindow = 65536;    // bytes either side searched for a fuller name
constexpr std::size_t kMaxPhraseWords = 8;
constexpr std::size_t kMaxKnownSpeakers = 32;
constexpr std::size_t kMaxCachedNames = 64;

using lexicon::Flags;

// Words are compared as the rules always did: lower-cased into a 24-byte buffer, so a longer word
// ends with no suffix.
constexpr std::size_t kMaxComparedWord = 24;

// `word` lower-cased ends with `suffix` (given in lower case).
bool lower_ends_with(std::string_view word, std::string_view suffix) {
  if (word.size() > kMaxComparedWord || word.size() < suffix.size()) return false;
  return iequals(word.substr(word.size() - suffix.size()), suffix);
}

// "abducted", "shared": a past participle standing alone is not a noun phrase.
bool is_participle(std::string_view word) {
  return word.size() > 4 && lower_ends_with(word, "ed");
}

// "the 38-year-old" refers to a person as surely as "the youngster".
bool is_person_noun(std::string_view word, Flags flags) {
  return (flags & lexicon::kPersonNoun) != 0 || lower_ends_with(word, "-year-old");
}

// A word that can be part of a person's name: capitalised, and not an all-capitals word longer
// than an initialism ("THAT" in shouted prose).
bool is_name_word(std::string_view word) {
  if (!starts_upper(word)) return false;
  if (word.size() <= 3) return true;
  return std::any_of(word.begin(), word.end(), is_ascii_lower) || static_cast<unsigned char>(word[0]) >= 0x80;
}

bool ends_with_word(std::string_view text, std::string_view suffix) {
  if (!text.ends_with(suffix)) return false;
  return text.size() == suffix.size() || text[text.size() - suffix.size() - 1] == ' ';
}

// `readable`: bytes that may be read from content.data(), for whole-block lexicon lookups.
ContentShape shape_of(std::string_view content, std::size_t readable) {
  constexpr std::size_t kCountLimit = 9;  // the rules ask at most whether there are more than 8
  ContentShape shape;
  std::size_t at = 0;
  while (at < content.size() && shape.words < kCountLimit) {
    while (at < content.size() && (content[at] == ' ' || content[at] == '\n' || content[at] == '\t')) ++at;
    if (at >= content.size()) break;
    const std::size_t begin = at;
    while (at < content.size() && content[at] != ' ' && content[at] != '\n' && content[at] != '\t') ++at;
    const std::string_view word = content.substr(begin, at - begin);
    ++shape.words;
    if (shape.title_case && !starts_upper(word) && !is_ascii_digit(word[0]) &&
        (lexicon::lookup(word, readable - static_cast<std::size_t>(word.data() - content.data())) &
         lexicon::kSmallTitleWord) == 0) {
      shape.title_case = false;
    }
  }
  std::size_t last = content.size();
  while (last > 0 && (content[last - 1] == ' ' || content[last - 1] == '\n')) --last;
  if (last > 0) {
    const std::size_t start = previous_start(content, last);
    std::size_t length = 0;
    const char32_t c = decode_at(content, start, length);
    shape.ends_sentence = c == U'.' || c == U'!' || c == U'?' || c == U'\u2026';
    shape.ends_with_punctuation = shape.ends_sentence || c == U',' || c == U';' || c == U':' ||
                                  classify(c) == CharClass::Dash || c == U'\'' || c == U'\u2019';
  }
  return shape;
}

// Paragraph breaks (runs of newlines and blanks) in [begin, end), counted up to `limit`: the
// callers only tell none, one and more apart, and stopping there keeps the work near the quote.
std::size_t paragraph_breaks_between(std::string_view text, std::size_t begin, std::size_t end, std::size_t limit) {
  std::size_t breaks = 0;
  std::size_t at = begin;
  while (breaks < limit && at < end) {
    const std::size_t newline = text.substr(0, end).find('\n', at);
    if (newline == std::string_view::npos) break;
    ++breaks;
    at = newline + 1;
    while (at < end && (text[at] == '\n' || text[at] == ' ' || text[at] == '\t' || text[at] == '\r')) ++at;
  }
  return breaks;
}

}  // namespace

std::string_view to_string(QuoteKind kind) noexcept {
  switch (kind) {
    case QuoteKind::Direct:
      return "direct";
    case QuoteKind::Scare:
      return "scare";
    case QuoteKind::Title:
      return "title";
    case QuoteKind::Name:
      return "name";
    case QuoteKind::Indirect:
      return "indirect";
  }
  return "direct";
}

void QuoteAnalyser::reset(std::string_view text) {
  text_ = text;
  start_tokens();
  candidates_.clear();
  last_person_.reset();
  last_other_.reset();
  known_surnames_.clear();
  fullest_names_.clear();
  previous_close_ = 0;
}

// ---- classification -------------------------------------------------------------------------

QuoteKind QuoteAnalyser::classify(const QuoteSpan& span, const ContentShape& shape) const {
  // The two words before the mark: `so-called "x"`, `the hashtag "x"`, `dubbed "x"`.
  std::size_t cursor = span.open_begin;
  for (int words = 0; words < 2 && cursor > 0; ++words) {
    std::size_t end = cursor;
    while (end > 0 && (text_[end - 1] == ' ' || text_[end - 1] == '\t')) --end;
    std::size_t begin = end;
    while (begin > 0 && (is_ascii_alnum(text_[begin - 1]) || text_[begin - 1] == '-')) --begin;
    if (begin == end) break;
    const Flags flags = lookup_slice(slice(begin, end));
    if ((flags & lexicon::kTermCue) != 0) return QuoteKind::Scare;
    if ((flags & lexicon::kNicknameCue) != 0) return QuoteKind::Name;
    cursor = begin;
  }
  // "under “Mission Asmita.”": a short title-case span inside a sentence is a name even when the
  // sentence's full stop landed inside the marks.
  const bool mid_sentence_title = shape.ends_sentence && shape.words >= 2 && !starts_sentence(span.open_begin) &&
                                  !follows_introduction(span.open_begin);
  if (shape.title_case && (!shape.ends_with_punctuation || mid_sentence_title) && shape.words <= 8) {
    return shape.words == 1 ? QuoteKind::Name : QuoteKind::Title;
  }
  if (is_headline(span)) return QuoteKind::Title;
  return QuoteKind::Direct;
}

// `"We were abandoned": Flood victims speak out` — a line that opens with a quote, goes on after
// a colon and ends without a full stop is a headline, even when its quote was once speech.
bool QuoteAnalyser::is_headline(const QuoteSpan& span) const {
  constexpr std::size_t kMaxHeadline = 200;
  // The colon first: most quotes have none after them, and this test is the cheapest.
  std::size_t at = span.close_end;
  while (at < text_.size() && text_[at] == ' ') ++at;
  if (at >= text_.size() || text_[at] != ':') return false;
  std::size_t line_start = span.open_begin;
  while (line_start > 0 && (text_[line_start - 1] == ' ' || text_[line_start - 1] == '|')) --line_start;
  // "Also Read | …" and similar link labels may come first on the line.
  if (line_start > 0 && text_[line_start - 1] != '\n') {
    const std::size_t label_end = line_start;
    while (line_start > 0 && text_[line_start - 1] != '\n' && span.open_begin - line_start < 40) --line_start;
    if (text_.substr(line_start, label_end - line_start).find("Read") == std::string_view::npos) return false;
  }
  std::size_t line_end = at;
  while (line_end < text_.size() && text_[line_end] != '\n' && line_end - at < kMaxHeadline) ++line_end;
  if (line_end - at >= kMaxHeadline) return false;
  while (line_end > at && (text_[line_end - 1] == ' ' || text_[line_end - 1] == '\r')) --line_end;
  return line_end > at + 1 && text_[line_end - 1] != '.' && text_[line_end - 1] != '"' &&
         static_cast<unsigned char>(text_[line_end - 1]) != 0x9D;  // not closed by a quote: `: “…”`
}

// ---- clauses ----------------------------------------------------------------------------------

// The clause after the quote runs to the first boundary token (or the end of its window), and is
// appended to tokens_ after the clause before the quote. Its tokens are made as the rules read
// them (see within()); its end stays open until they read that far.
QuoteAnalyser::Clause QuoteAnalyser::post_clause(const QuoteSpan& span) {
  const std::size_t first = tokens_.size();
  const std::size_t window_end = std::min(text_.size(), span.close_end + kPostWindow);
  if (post_step_ == 0) {
    // All at once, as before tokenizing on demand: the reference the tests compare it with.
    tokenize(text_, span.close_end, window_end, tokens_, true);
    std::size_t last = first;
    while (last < tokens_.size() && !is_boundary(tokens_[last].kind)) ++last;
    // British punctuation puts the comma after the closing mark: `"…", she said.`
    return {first < last && tokens_[first].kind == TokenKind::Comma ? first + 1 : first, last};
  }
  post_first_ = post_last_ = first;
  post_cursor_ = span.close_end;
  post_window_end_ = window_end;
  return {post_clause_has(first) && tokens_[first].kind == TokenKind::Comma ? first + 1 : first, kOpenEnd};
}

void QuoteAnalyser::tokenize_post_clause() const {
  const std::size_t max_size = tokens_.size() + post_step_;
  post_cursor_ = tokenize(text_, post_cursor_, post_window_end_, tokens_, true, max_size);
  // The tokenizer stops after the first boundary; a boundary that ends the clause before the
  // quote stops it before it starts, leaving this clause empty.
  const bool boundary = !tokens_.empty() && is_boundary(tokens_.back().kind);
  if (boundary || post_cursor_ >= post_window_end_) {
    post_last_ = boundary && tokens_.size() > post_first_ ? tokens_.size() - 1 : tokens_.size();
    post_cursor_ = post_window_end_;
  }
}

bool QuoteAnalyser::post_clause_has(std::size_t index) const {
  while (index >= tokens_.size() && post_cursor_ < post_window_end_) tokenize_post_clause();
  // Until the clause's end is found, every token made is inside it: a boundary would have ended it.
  return post_cursor_ < post_window_end_ || index < post_last_;
}

QuoteAnalyser::Clause QuoteAnalyser::pre_clause(const QuoteSpan& span, std::size_t window_begin) {
  std::size_t begin = span.open_begin > kPreWindow ? span.open_begin - kPreWindow : 0;
  begin = sentence_start(text_, span.open_begin, std::max(begin, window_begin));
  // Start on a character boundary.
  while (begin < span.open_begin && (static_cast<unsigned char>(text_[begin]) & 0xC0) == 0x80) ++begin;
  const std::size_t first = tokens_.size();
  tokenize(text_, begin, span.open_begin, tokens_);
  std::size_t start = tokens_.size();
  while (start > first) {
    const TokenKind kind = tokens_[start - 1].kind;
    if (is_boundary(kind)) break;
    --start;
  }
  return {start, tokens_.size()};
}

bool QuoteAnalyser::find_verb(const Clause& clause, bool nearest_last, std::size_t limit_words,
                              std::size_t& verb) const {
  std::size_t words = 0;
  // From the quote outwards: forwards after it, backwards before it (a clause whose end is known).
  for (std::size_t step = 0;
       nearest_last ? step < clause.last - clause.first : within(clause.first + step, clause.last); ++step) {
    const std::size_t index = nearest_last ? clause.last - 1 - step : clause.first + step;
    if (!is_word(index)) continue;
    if (++words > limit_words) break;
    const Flags flags = tokens_[index].flags;
    const bool according = (flags & lexicon::kWordAccording) != 0 && within(index + 1, clause.last) &&
                           is_word(index + 1) && (tokens_[index + 1].flags & lexicon::kWordTo) != 0;
    // Reporting verbs are written in lower case ("ALSO READ" is a link, not an attribution).
    // "Said Rajesh Kumar, …": a capitalised verb only opens a clause.
    const bool verb_case = !tokens_[index].upper || index == clause.first;
    if (according || (verb_case && (flags & (lexicon::kReportingVerb | lexicon::kWordQuoted)) != 0)) {
      verb = index;
      return true;
    }
  }
  return false;
}

// `"…," the girl whimpered.`: a short clause ending in a past-tense verb after a noun phrase.
bool QuoteAnalyser::generic_verb(const Clause& clause, std::size_t& verb) const {
  std::size_t words = 0;
  std::size_t last_word = clause.first;
  for (std::size_t index = clause.first; within(index, clause.last); ++index) {
    if (!is_word(index)) return false;
    ++words;
    last_word = index;
  }
  if (words < 2 || words > 4) return false;
  const std::string_view candidate = word(last_word);
  if (candidate.size() < 5 || !candidate.ends_with("ed") || tokens_[last_word].upper) return false;
  verb = last_word;
  return true;
}

// ---- noun phrases ---------------------------------------------------------------------------

// Builds a mention from the words first..last (token indices, inclusive).
QuoteAnalyser::Mention QuoteAnalyser::make_mention(std::size_t first, std::size_t last) const {
  Mention mention;
  mention.begin = tokens_[first].begin;
  mention.end = tokens_[last].end;
  const Flags first_flags = tokens_[first].flags;
  if (first == last &&
      (first_flags & (lexicon::kPersonPronoun | lexicon::kWordIt | lexicon::kWordThey | lexicon::kWordThem)) != 0) {
    mention.kind = MentionKind::Pronoun;
    mention.name_begin = mention.begin;
    mention.name_end = mention.end;
    return mention;
  }
  const bool determined = (first_flags & lexicon::kDeterminer) != 0;
  if (determined) {
    // "a GoFundMe page for Ms Mullins": the phrase ends at its first preposition.
    for (std::size_t index = first + 1; index <= last; ++index) {
      if (!is_word(index)) continue;
      if ((tokens_[index].flags & lexicon::kPreposition) != 0) {
        last = index - 1;
        break;
      }
    }
    while (last > first && !is_word(last)) --last;
    mention.end = tokens_[last].end;
  }
  // The run of name words that ends the phrase, after any titles: "Education Minister Piotr
  // Wasik". A phrase ending in a lower-case word ("the Tamil Nadu government") names no person.
  if (is_word(last) && is_name_word(word(last))) {
    std::size_t run_begin = last;
    while (run_begin > first) {
      const std::size_t previous = run_begin - 1;
      if (!is_word(previous)) {  // the dot of "Sen." stays inside the run
        if (previous > first && text_[tokens_[previous].begin] == '.') {
          --run_begin;
          continue;
        }
        break;
      }
      if (!is_name_word(word(previous))) break;
      run_begin = previous;
    }
    // Skip titles, possessives ("UK’s") and openers: the name follows the last of them.
    std::size_t name_begin = run_begin;
    for (std::size_t index = run_begin; index < last; ++index) {
      if (!is_word(index)) continue;
      const std::string_view current = word(index);
      const bool possessive = strip_possessive(current).size() != current.size();
      if ((tokens_[index].flags & (lexicon::kTitleWord | lexicon::kNameStopword)) != 0 || possessive) {
        name_begin = index + 1;
      }
    }
    while (name_begin <= last && !is_word(name_begin)) ++name_begin;
    // "the CM", "the President": a title alone names a role, not a person.
    if (name_begin <= last && (tokens_[last].flags & lexicon::kTitleWord) == 0) {
      mention.kind = MentionKind::Name;
      mention.name_begin = tokens_[name_begin].begin;
      mention.name_end = tokens_[last].end;
      return mention;
    }
  }
  mention.kind = MentionKind::Phrase;
  mention.name_begin = mention.begin;
  mention.name_end = mention.end;
  return mention;
}

// The noun phrase that ends right before token `end_token`, not reaching before `clause_first`.
QuoteAnalyser::Mention QuoteAnalyser::noun_phrase_backward(std::size_t clause_first, std::size_t end_token) const {
  std::size_t last = end_token;
  // The dot of "D-Conn." or "Jr." before a comma.
  if (last > clause_first && tokens_[last - 1].kind == TokenKind::Other && text_[tokens_[last - 1].begin] == '.')
    --last;
  while (last > clause_first && is_word(last - 1) && (tokens_[last - 1].flags & lexicon::kVerbModifier) != 0) {
    --last;
  }
  if (last == clause_first || !is_word(last - 1)) return {};
  const std::size_t final_word = last - 1;
  const Flags final_flags = tokens_[final_word].flags;
  if ((final_flags & (lexicon::kPersonPronoun | lexicon::kWordIt | lexicon::kWordThey)) != 0) {
    return make_mention(final_word, final_word);
  }
  // "… and said", "she said adding", "Meanwhile, …", "citizens abducted … called": no noun phrase
  // ends here.
  if (tokens_[final_word].upper ? (final_flags & lexicon::kNameStopword) != 0
                                : ((final_flags & (lexicon::kPhraseBreak | lexicon::kReportingVerb)) != 0 ||
                                   is_participle(word(final_word)))) {
    return {};
  }
  std::size_t first = final_word;
  std::size_t words = 0;
  for (std::size_t index = final_word + 1; index-- > clause_first;) {
    if (!is_word(index)) {
      if (text_[tokens_[index].begin] == '.' && index > clause_first) continue;  // "Sen."
      break;
    }
    const Flags flags = tokens_[index].flags;
    if ((flags & lexicon::kDeterminer) != 0) {
      first = index;
      break;
    }
    if (!tokens_[index].upper &&
        ((flags & (lexicon::kPhraseBreak | lexicon::kReportingVerb | lexicon::kPersonPronoun)) != 0 ||
         lower_ends_with(word(index), "ing"))) {
      break;
    }
    if (tokens_[index].upper && (flags & lexicon::kNameStopword) != 0) break;
    first = index;
    if (++words >= kMaxPhraseWords) break;
  }
  while (first < final_word && !is_word(first)) ++first;
  return make_mention(first, final_word);
}

// The noun phrase starting at token `first`: "said Acme Foods chief executive Julia Reyes".
QuoteAnalyser::Mention QuoteAnalyser::noun_phrase_forward(std::size_t first, std::size_t limit) const {
  if (!within(first, limit) || !is_word(first)) return {};
  std::size_t last = first;
  std::size_t words = 0;
  for (std::size_t index = first; within(index, limit); ++index) {
    if (!is_word(index)) {
      if (text_[tokens_[index].begin] == '.' && within(index + 1, limit) && is_word(index + 1)) continue;  // "Sen."
      break;
    }
    const Flags flags = tokens_[index].flags;
    if (index != first && (flags & lexicon::kDeterminer) != 0) break;
    if (!tokens_[index].upper && (flags & (lexicon::kPhraseBreak | lexicon::kReportingVerb)) != 0) break;
    if (index != first && tokens_[index].upper && (flags & lexicon::kNameStopword) != 0) break;
    last = index;
    if (++words >= kMaxPhraseWords) break;
    if (index == first && (flags & lexicon::kPersonPronoun) != 0) break;
  }
  const Flags first_flags = tokens_[first].flags;
  if ((first_flags & (lexicon::kPhraseBreak | lexicon::kVerbModifier)) != 0) return {};
  if (last == first && (first_flags & lexicon::kDeterminer) != 0 && (first_flags & lexicon::kPersonPronoun) == 0) {
    return {};  // "called a “disaster”"
  }
  return make_mention(first, last);
}

// "the Director General of Police, Mr Gurbachan Jagat": a role followed by the name it belongs to.
QuoteAnalyser::Mention QuoteAnalyser::noun_phrase_forward_named(std::size_t first, std::size_t limit) const {
  const Mention mention = noun_phrase_forward(first, limit);
  if (mention.kind != MentionKind::Phrase) return mention;
  std::size_t after = first;
  while (within(after, limit) && tokens_[after].begin < mention.end) ++after;
  while (within(after, limit) && is_word(after)) ++after;  // the rest of the phrase: "of Police"
  if (!within(after + 1, limit) || tokens_[after].kind != TokenKind::Comma) return mention;
  const Mention named = noun_phrase_forward(after + 1, limit);
  return named.kind == MentionKind::Name ? named : mention;
}

// A pronoun or a capitalised word: what can name a speaker right before its verb.
bool QuoteAnalyser::names_speaker(std::size_t index) const {
  if (!is_word(index)) return false;
  const Flags flags = tokens_[index].flags;
  return (flags & lexicon::kPersonPronoun) != 0 || (tokens_[index].upper && (flags & lexicon::kNameStopword) == 0);
}

// "Meanwhile,", "Originally from Delhi,", "On Monday,": a sentence opener before the subject.
bool QuoteAnalyser::opens_with_adverbial(std::size_t first) const {
  constexpr std::size_t kMaxOpenerWords = 6;
  const Flags flags = tokens_[first].flags;
  const bool opener =
      (flags & (lexicon::kNameStopword | lexicon::kPreposition)) != 0 || lower_ends_with(word(first), "ly");
  if (!opener || (flags & lexicon::kPersonPronoun) != 0) return false;
  // Not bounded by the clause: before a quote, it reads on into the clause after it.
  for (std::size_t at = first + 1, words = 1; has_token(at) && words <= kMaxOpenerWords; ++at) {
    if (tokens_[at].kind == TokenKind::Comma) return true;
    if (!is_word(at)) return false;
    ++words;
  }
  return false;
}

// "the New York Post": a name right after "the" is an outlet or an organisation, not a person.
bool QuoteAnalyser::names_organisation(const Mention& mention) const {
  const std::string_view words = slice(mention.begin, mention.name_begin);
  return words.size() == 4 && iequals(words.substr(0, 3), "the");
}

// A comma-separated segment that describes the noun before it: ", a doctor,", ", D-Conn.,",
// ", who is an ENT surgeon,".
bool QuoteAnalyser::starts_appositive(std::size_t first, std::size_t limit) const {
  while (within(first, limit) && !is_word(first)) ++first;
  if (!within(first, limit)) return true;  // nothing but punctuation
  const std::string_view current = word(first);
  const Flags flags = tokens_[first].flags;
  if ((flags & lexicon::kAppositiveOpener) != 0) return true;
  if (current.size() >= 3 && is_ascii_upper(current[0]) && current[1] == '-') return true;  // party tag: D-Conn.
  if (tokens_[first].upper) return false;
  // A participle phrase (", replying with a grin,", ", shared by the minister,") or an adverbial
  // (", in a post on X,", ", while refusing to …,").
  if (lower_ends_with(current, "ing") || (flags & (lexicon::kPreposition | lexicon::kSubordinator)) != 0) return true;
  return lower_ends_with(current, "ed") && within(first + 1, limit) && is_word(first + 1) &&
         (tokens_[first + 1].flags & lexicon::kWordBy) != 0;
}

QuoteAnalyser::Mention QuoteAnalyser::subject_before(const Clause& clause, std::size_t verb, bool& hopped) const {
  hopped = false;
  // Segment between the last comma before the verb and the verb.
  std::size_t segment_first = verb;
  while (segment_first > clause.first && tokens_[segment_first - 1].kind != TokenKind::Comma) --segment_first;
  Mention mention = noun_phrase_backward(segment_first, verb);
  // Skip appositives back to the noun they describe: "Hugh Hill, a doctor, said", "the notice,
  // shared by the minister, read".
  for (int hops = 0; hops < 3 && segment_first > clause.first; ++hops) {
    const bool empty = mention.kind == MentionKind::None;
    const bool titled = mention.kind == MentionKind::Name && is_word(segment_first) &&
                        (tokens_[segment_first].flags & lexicon::kTitleWord) != 0;
    if (!empty && !titled && !starts_appositive(segment_first, verb)) break;
    const std::size_t comma = segment_first - 1;
    std::size_t previous_first = comma;
    while (previous_first > clause.first && tokens_[previous_first - 1].kind != TokenKind::Comma) --previous_first;
    const Mention before = noun_phrase_backward(previous_first, comma);
    // "Rituraj Singh, CEO District Panchayat said": only when the segment before is a bare name.
    if (titled && !empty && (before.kind != MentionKind::Name || before.begin != tokens_[previous_first].begin)) {
      break;
    }
    if (before.kind == MentionKind::None) break;  // "Meanwhile, a senior official said"
    mention = before;
    hopped = true;
    verb = comma;
    segment_first = previous_first;
  }
  return mention;
}

QuoteAnalyser::Mention QuoteAnalyser::leading_subject(const Clause& clause) const {
  std::size_t first = clause.first;
  while (within(first, clause.last) && !is_word(first)) ++first;
  if (!within(first, clause.last)) return {};
  if (opens_with_adverbial(first)) {
    // "Meanwhile, Chief Minister X has issued a warning, saying": the subject follows the comma.
    while (within(first, clause.last) && tokens_[first].kind != TokenKind::Comma) ++first;
    while (within(first, clause.last) && !is_word(first)) ++first;
    if (!within(first, clause.last)) return {};
  }
  const Flags flags = tokens_[first].flags;
  if ((flags & lexicon::kPersonPronoun) != 0) return make_mention(first, first);
  if (!tokens_[first].upper || (flags & lexicon::kNameStopword) != 0) return {};
  std::size_t last = first;
  while (within(last + 1, clause.last) && is_word(last + 1) && is_name_word(word(last + 1))) ++last;
  return make_mention(first, last);
}

QuoteAnalyser::Attribution QuoteAnalyser::from_verb(const Clause& clause, std::size_t verb) const {
  Attribution result;
  result.verb = verb;
  result.found = true;
  const Flags flags = tokens_[verb].flags;
  if ((flags & lexicon::kWordAccording) != 0) {
    result.speaker = noun_phrase_forward_named(verb + 2, clause.last);
    return result;
  }
  if ((flags & lexicon::kWordQuoted) != 0) {
    // "news agency AP quoted the president as saying" / "he was quoted as saying".
    result.speaker = noun_phrase_forward(verb + 1, clause.last);
    bool hopped = false;
    const Mention subject = subject_before(clause, verb, hopped);
    if (result.speaker.kind == MentionKind::None) {
      result.speaker = subject;
    } else {
      result.source = subject;
    }
    return result;
  }
  if ((flags & lexicon::kWordSaying) != 0 && verb > clause.first + 1 &&
      (tokens_[verb - 1].flags & lexicon::kWordAs) != 0) {
    // "Reuters quoted a senior official as saying", "he was quoted as saying".
    for (std::size_t at = verb - 1; at-- > clause.first && verb - at <= kMaxPhraseWords + 3;) {
      if (is_word(at) && (tokens_[at].flags & lexicon::kWordQuoted) != 0) return from_verb(clause, at);
    }
  }
  if (lower_ends_with(word(verb), "ing")) {
    // "…, saying": the participle's subject is the clause's, not the noun before it.
    const Mention lead = leading_subject(clause);
    if (lead.kind == MentionKind::Name || lead.kind == MentionKind::Pronoun) result.speaker = lead;
    return result;
  }
  if (verb > clause.first && is_word(verb - 1) && (tokens_[verb - 1].flags & lexicon::kPassiveAuxiliary) != 0) {
    return result;  // "the deal was criticised": whoever spoke is not the subject
  }
  const bool listener = (flags & lexicon::kListenerVerb) != 0;
  if (!listener && verb > clause.first && tokens_[verb - 1].kind == TokenKind::Comma) {
    // "…, said Indian Grandmaster D Gukesh on Monday": the speaker follows the verb.
    const Mention after = noun_phrase_forward_named(verb + 1, clause.last);
    // Not a pronoun: in "…, said it was", "it" begins the reported clause.
    const bool named = after.kind == MentionKind::Name ||
                       (after.kind == MentionKind::Phrase && (tokens_[verb + 1].flags & lexicon::kDeterminer) != 0);
    if (named) {
      result.speaker = after;
      return result;
    }
  }
  bool hopped = false;
  result.speaker = subject_before(clause, verb, hopped);
  // "asked one fan": with no subject before it, the noun after even a listener verb is the speaker.
  if (result.speaker.kind == MentionKind::None && (!listener || verb == clause.first)) {
    result.speaker = noun_phrase_forward_named(verb + 1, clause.last);
  }
  // "DeVos took the question in stride, replying with a grin, said": the clause's subject.
  if (result.speaker.kind == MentionKind::None || (result.speaker.kind == MentionKind::Phrase && hopped)) {
    const Mention lead = leading_subject(clause);
    if (lead.kind == MentionKind::Name || lead.kind == MentionKind::Pronoun) result.speaker = lead;
  }
  return result;
}

QuoteAnalyser::Attribution QuoteAnalyser::attribute(const QuoteSpan& span, bool content_ends_sentence,
                                                    bool content_ends_clause) {
  start_tokens();
  const Clause pre = pre_clause(span, previous_close_);
  const Clause post = post_clause(span);
  std::size_t verb = 0;

  // An attribution that introduces the quote: `Hart said: '…'`, `he said, "…"`.
  const bool introduced = pre.last > pre.first && (tokens_[pre.last - 1].kind == TokenKind::Comma ||
                                                   tokens_[pre.last - 1].kind == TokenKind::Colon);
  if (introduced && find_verb(pre, true, 64, verb)) return from_verb(pre, verb);

  // "called a “disaster” by critics": the agent of a passive reporting verb.
  if (within(post.first + 1, post.last) && is_word(post.first) && (tokens_[post.first].flags & lexicon::kWordBy) != 0 &&
      find_verb(pre, true, 4, verb)) {
    Attribution result = from_verb(pre, verb);
    result.speaker = noun_phrase_forward_named(post.first + 1, post.last);
    return result;
  }
  // "… 'a success', but residents disagreed": a clause joined by a conjunction is not an attribution.
  if (within(post.first, post.last) && is_word(post.first) &&
      (tokens_[post.first].flags & lexicon::kPhraseBreak) == 0) {
    const bool continues = !content_ends_sentence || !tokens_[post.first].upper;
    // After `…,"` the attribution may name the speaker at length before its verb; after a quoted
    // fragment inside a sentence, only a verb right after the quote attributes it.
    const bool leads_to_attribution = content_ends_sentence || content_ends_clause ||
                                      (post.first > 0 && tokens_[post.first - 1].kind == TokenKind::Comma &&
                                       tokens_[post.first - 1].begin == span.close_end);
    // Whether the clause has at most `limit` words, reading no further than needed.
    const auto at_most_words = [&](std::size_t limit) {
      std::size_t words = 0;
      for (std::size_t index = post.first; within(index, post.last) && words <= limit; ++index) {
        words += is_word(index) ? 1 : 0;
      }
      return words <= limit;
    };
    // After a fragment (`Johnson's 'oven-ready' deal was criticised`) only `said X` or `X said`
    // right after the quote attributes it.
    const std::size_t reach = !leads_to_attribution ? 2 : continues ? 10 : 4;
    if (find_verb(post, false, reach, verb) && (continues || at_most_words(8)) &&
        (leads_to_attribution || verb == post.first || names_speaker(post.first))) {
      return from_verb(post, verb);
    }
    if (continues && leads_to_attribution && generic_verb(post, verb)) return from_verb(post, verb);
  }
  if (pre.last > pre.first && find_verb(pre, true, 64, verb)) return from_verb(pre, verb);
  // `Kennedy: "…"`: a name and a colon.
  if (pre.last > pre.first && tokens_[pre.last - 1].kind == TokenKind::Colon) {
    Attribution result;
    result.speaker = noun_phrase_backward(pre.first, pre.last - 1);
    result.found = result.speaker.kind == MentionKind::Name;
    result.verb = pre.last - 1;
    return result;
  }
  return {};
}

// ---- resolution -------------------------------------------------------------------------------

bool QuoteAnalyser::is_known_speaker(std::string_view name) const {
  const std::size_t space = name.rfind(' ');
  const std::string_view surname = space == std::string_view::npos ? name : name.substr(space + 1);
  return std::any_of(known_surnames_.begin(), known_surnames_.end(),
                     [&](const std::string& known) { return known == surname; });
}

void QuoteAnalyser::remember_speaker(const Resolved& speaker) {
  if (speaker.person) {
    last_person_ = speaker;
    const std::size_t space = speaker.name.rfind(' ');
    std::string surname = space == std::string::npos ? speaker.name : speaker.name.substr(space + 1);
    if (!is_known_speaker(surname)) {
      if (known_surnames_.size() >= kMaxKnownSpeakers) known_surnames_.erase(known_surnames_.begin());
      known_surnames_.push_back(std::move(surname));
    }
  } else {
    last_other_ = speaker;
  }
}

// The longest name the text uses that ends with `name`: "Kennedy" → "John Kennedy".
std::string QuoteAnalyser::fullest_name(std::string_view name, std::size_t around) {
  name = strip_possessive(name);
  // In a text no longer than the window every search covers the whole text, so the answer
  // depends on the name alone: articles name the same few people again and again.
  const bool whole_text = text_.size() <= kNameWindow;
  if (whole_text) {
    for (const auto& [known, fullest] : fullest_names_) {
      if (known == name) return fullest;
    }
  }
  std::string result = search_fullest_name(name, around);
  if (whole_text && fullest_names_.size() < kMaxCachedNames) fullest_names_.emplace_back(name, result);
  return result;
}

std::string QuoteAnalyser::search_fullest_name(std::string_view name, std::size_t around) const {
  const std::size_t space = name.rfind(' ');
  const std::string_view surname = space == std::string_view::npos ? name : name.substr(space + 1);
  std::string_view best = name;
  std::size_t best_words = std::count(name.begin(), name.end(), ' ') + 1;
  const std::size_t begin = around > kNameWindow ? around - kNameWindow : 0;
  const std::size_t end = std::min(text_.size(), around + kNameWindow);
  const std::string_view region = text_.substr(begin, end - begin);
  for (std::size_t found = region.find(surname); found != std::string_view::npos;
       found = region.find(surname, found + 1)) {
    const std::size_t at = begin + found;
    const std::size_t after = at + surname.size();
    if (after < text_.size() && is_ascii_alnum(text_[after])) continue;
    if (at > 0 && is_ascii_alnum(text_[at - 1])) continue;
    // Extend left over capitalised words separated by single spaces.
    std::size_t start = at;
    std::size_t words = 1;
    while (words < 4 && start >= 2 && text_[start - 1] == ' ') {
      std::size_t word_begin = start - 1;
      while (word_begin > 0 && text_[word_begin - 1] != ' ' && text_[word_begin - 1] != '\n') --word_begin;
      const std::string_view previous = slice(word_begin, start - 1);
      if (previous.empty() || !is_name_word(previous) ||
          (lookup_slice(previous) & (lexicon::kTitleWord | lexicon::kNameStopword)) != 0 ||
          strip_possessive(previous).size() != previous.size() ||
          !std::all_of(previous.begin(), previous.end(),
                       [](char c) { return is_ascii_alnum(c) || c == '-' || static_cast<unsigned char>(c) >= 0x80; })) {
        break;
      }
      start = word_begin;
      ++words;
    }
    const std::string_view candidate = slice(start, after);
    if (words > best_words && ends_with_word(candidate, name)) {
      best = candidate;
      best_words = words;
    }
  }
  return std::string(best);
}

// End of a run of non-title name words starting at byte `at` (at most four words); `at` when none.
std::size_t QuoteAnalyser::name_run_end(std::size_t at, std::size_t limit) const {
  std::size_t run_end = at;  // end of the last name word taken
  std::size_t cursor = at;
  for (int words = 0; words < 4; ++words) {
    std::size_t word_end = cursor;
    while (word_end < limit && (is_ascii_alnum(text_[word_end]) || text_[word_end] == '-' ||
                                static_cast<unsigned char>(text_[word_end]) >= 0x80)) {
      ++word_end;
    }
    const std::string_view candidate = slice(cursor, word_end);
    if (candidate.empty() || !is_name_word(candidate) ||
        (lookup_slice(candidate) & (lexicon::kTitleWord | lexicon::kNameStopword)) != 0) {
      break;
    }
    run_end = word_end;
    if (word_end >= limit || text_[word_end] != ' ') break;
    cursor = word_end + 1;
  }
  return run_end;
}

// "the president" → the person named earlier with that title: "President Omar Sadiq",
// "Ukrainian president Volodymyr Zelensky", "Chief Minister Mohan Majhi" for "the CM".
std::optional<std::string> QuoteAnalyser::resolve_role(std::string_view head, std::size_t position) {
  std::string_view title = head;
  std::string_view qualifier;
  if (head == "cm") {
    title = "minister";
    qualifier = "chief";
  } else if (head == "pm") {
    title = "minister";
    qualifier = "prime";
  }
  // Titles, and ages used like titles: "the 38-year-old" after "38-year-old Lucia Mendes".
  if ((lexicon::lookup(title) & lexicon::kTitleWord) == 0 && !title.ends_with("-year-old")) return std::nullopt;
  const std::size_t begin = position > kRoleWindow ? position - kRoleWindow : 0;
  std::size_t cursor = position;
  while (cursor > begin) {
    // The nearest earlier occurrence of the title, in any case.
    std::size_t best = std::string_view::npos;
    const char lower_initial = title[0];
    const char upper_initial =
        is_ascii_lower(lower_initial) ? static_cast<char>(lower_initial - 'a' + 'A') : lower_initial;
    for (std::size_t at = cursor;
         (at = last_of_either(text_, begin, at, lower_initial, upper_initial)) != std::string_view::npos;) {
      if (at + title.size() <= text_.size() && iequals(text_.substr(at, title.size()), title) &&
          (at == 0 || !is_ascii_alnum(text_[at - 1]))) {
        best = at;
        break;
      }
    }
    if (best == std::string_view::npos) break;
    cursor = best;
    std::size_t after = best + title.size();
    if (after < text_.size() && is_ascii_alnum(text_[after])) continue;
    if (!qualifier.empty()) {
      if (best < qualifier.size() + 1 ||
          !iequals(text_.substr(best - qualifier.size() - 1, qualifier.size()), qualifier)) {
        continue;
      }
    }
    // Titles may stack: "Minister Shivraj Singh" or "President Donald Trump".
    while (after < text_.size() && text_[after] == ' ') {
      std::size_t word_end = after + 1;
      while (word_end < text_.size() && is_ascii_alnum(text_[word_end])) ++word_end;
      const std::string_view next = slice(after + 1, word_end);
      if (next.empty() || (lookup_slice(next) & lexicon::kTitleWord) == 0) break;
      after = word_end;
    }
    if (after >= text_.size() || text_[after] != ' ') continue;
    const std::size_t name_begin = after + 1;
    const std::size_t name_end = name_run_end(name_begin, std::min(text_.size(), name_begin + 80));
    if (name_end > name_begin) return fullest_name(slice(name_begin, name_end), name_begin);
  }
  return std::nullopt;
}

std::optional<QuoteAnalyser::Resolved> QuoteAnalyser::resolve_pronoun(std::string_view pronoun, std::size_t position) {
  const Flags pronoun_flags = lexicon::lookup(pronoun);
  if ((pronoun_flags & lexicon::kWordIt) != 0) {
    if (last_other_) return last_other_;
    return last_person_;
  }
  if ((pronoun_flags & (lexicon::kWordThey | lexicon::kWordThem)) != 0) return last_other_ ? last_other_ : last_person_;

  // Names in the recent text: sentence subjects, and subjects of reporting verbs. The latest
  // name that qualifies wins, so the paragraphs are read from the last one back, and reading
  // stops at the first paragraph that has one. No sentence or token crosses a newline, so a
  // paragraph's tokens are the same as in one pass over the whole window.
  std::size_t begin = position > kPronounWindow ? position - kPronounWindow : 0;
  begin = std::max(begin, std::min(previous_close_, position));
  while (begin < position && (static_cast<unsigned char>(text_[begin]) & 0xC0) == 0x80) ++begin;
  std::optional<Candidate> latest;   // the latest name, qualifying or not
  std::optional<Mention> described;  // "The stranger" when no name is around
  std::size_t paragraph_end = position;
  for (;;) {
    const std::size_t newline = last_of_either(text_, begin, paragraph_end, '\n', '\n');
    const std::size_t paragraph_begin = newline == std::string_view::npos ? begin : newline + 1;
    // Once the fallback is settled (a person already known, or a later name found), only a name
    // that qualifies can change the answer: a paragraph that cannot hold one needs no tokens.
    candidates_.clear();
    std::optional<Mention> described_here;
    if (!(last_person_ || latest) || may_name_speaker(paragraph_begin, paragraph_end)) {
      start_tokens();
      tokenize(text_, paragraph_begin, paragraph_end, tokens_);
      collect_candidates(described_here);
    }
    std::stable_sort(candidates_.begin(), candidates_.end(),
                     [](const Candidate& a, const Candidate& b) { return a.position < b.position; });
    for (auto candidate = candidates_.rbegin(); candidate != candidates_.rend(); ++candidate) {
      const std::string_view name = slice(candidate->name_begin, candidate->name_end);
      if (candidate->reporting || is_known_speaker(strip_possessive(name))) {
        return Resolved{fullest_name(name, candidate->name_begin), true};
      }
    }
    if (!latest && !candidates_.empty()) latest = candidates_.back();
    if (!described) described = described_here;
    if (newline == std::string_view::npos) break;
    paragraph_end = newline;
  }
  if (last_person_) return last_person_;
  if (latest) return Resolved{fullest_name(slice(latest->name_begin, latest->name_end), latest->name_begin), true};
  if (described) return Resolved{std::string(slice(described->begin, described->end)), true};
  return std::nullopt;
}

// Whether text_[begin, end) may hold a name that resolve_pronoun takes before last_person_: the
// subject of a reporting verb or of "according to" (each a run of ASCII letters, as any word
// token equal to them is), or a known speaker's surname. False only when it certainly holds none.
bool QuoteAnalyser::may_name_speaker(std::size_t begin, std::size_t end) const {
  const std::string_view region = slice(begin, end);
  for (const std::string& surname : known_surnames_) {
    if (region.find(surname) != std::string_view::npos) return true;
  }
  std::size_t at = begin;
  while (at < end) {
    while (at < end && !is_ascii_letter(text_[at])) ++at;
    const std::size_t run_begin = at;
    while (at < end && is_ascii_letter(text_[at])) ++at;
    if (at > run_begin &&
        (lookup_slice(slice(run_begin, at)) & (lexicon::kReportingVerb | lexicon::kWordAccording)) != 0) {
      return true;
    }
  }
  return false;
}

// The names in the sentences of tokens_ that a pronoun may refer to, appended to candidates_ in
// text order; `described` is set to the last unnamed person ("The stranger") found.
void QuoteAnalyser::collect_candidates(std::optional<Mention>& described) {
  std::size_t sentence_first = 0;
  for (std::size_t index = 0; index <= tokens_.size(); ++index) {
    const bool boundary = index == tokens_.size() || is_boundary(tokens_[index].kind);
    if (!boundary) continue;
    const Clause sentence{sentence_first, index};
    sentence_first = index + 1;
    if (sentence.last <= sentence.first) continue;
    std::size_t words = 0;
    std::size_t subject_from = sentence.first;
    if (subject_from < sentence.last && is_word(subject_from) && opens_with_adverbial(subject_from)) {
      while (subject_from < sentence.last && tokens_[subject_from].kind != TokenKind::Comma) ++subject_from;
    }
    for (std::size_t at = subject_from; at < sentence.last && words < 12; ++at) {
      if (!is_word(at)) continue;
      ++words;
      // "There’s", "It’s": contractions of openers are not names either.
      if (!is_name_word(word(at)) || (lookup_slice(strip_possessive(word(at))) & lexicon::kNameStopword) != 0 ||
          (tokens_[at].flags & lexicon::kTitleWord) != 0) {
        if (words == 1 && (tokens_[at].flags & lexicon::kDeterminer) != 0 && at + 1 < sentence.last &&
            is_word(at + 1) && !tokens_[at + 1].upper) {
          described = make_mention(at, at + 1);
        }
        continue;
      }
      std::size_t previous = at;
      while (previous > sentence.first && is_word(previous - 1) &&
             (tokens_[previous - 1].flags & lexicon::kDeterminer) != 0) {
        --previous;
      }
      const bool after_article = previous < at;  // "The Hill reported": an outlet, not a person
      if (after_article || (previous > sentence.first && is_word(previous - 1) &&
                            (tokens_[previous - 1].flags & lexicon::kPreposition) != 0)) {
        while (at + 1 < sentence.last && is_word(at + 1) && is_name_word(word(at + 1))) ++at;
        continue;
      }
      // "Airline chief Sofia Marin": titles, capitalised or not, lead up to the name.
      std::size_t last = at;
      while (last + 1 < sentence.last && is_word(last + 1) &&
             (is_name_word(word(last + 1)) || (tokens_[last + 1].flags & lexicon::kTitleWord) != 0)) {
        ++last;
      }
      const Mention subject = make_mention(at, last);
      if (subject.kind == MentionKind::Name) {
        candidates_.push_back({subject.begin, subject.name_begin, subject.name_end, false});
      }
      break;
    }
    for (std::size_t at = sentence.first; at < sentence.last; ++at) {
      if (!is_word(at)) continue;
      if ((tokens_[at].flags & lexicon::kWordAccording) != 0 && at + 1 < sentence.last && is_word(at + 1) &&
          (tokens_[at + 1].flags & lexicon::kWordTo) != 0) {
        const Mention source = noun_phrase_forward_named(at + 2, sentence.last);
        if (source.kind == MentionKind::Name && !names_organisation(source)) {
          candidates_.push_back({source.begin, source.name_begin, source.name_end, true});
        }
        continue;
      }
      // Compared as written: a reporting verb here has no capital anywhere.
      const Flags flags = tokens_[at].flags;
      if (tokens_[at].upper || (flags & lexicon::kReportingVerb) == 0 || (flags & lexicon::kHasAsciiUpper) != 0) {
        continue;
      }
      bool hopped = false;
      const Mention subject = subject_before(sentence, at, hopped);
      if (subject.kind == MentionKind::Name && !names_organisation(subject)) {
        candidates_.push_back({subject.begin, subject.name_begin, subject.name_end, true});
      }
    }
  }
}

std::optional<QuoteAnalyser::Resolved> QuoteAnalyser::resolve(const Mention& mention, std::size_t position) {
  switch (mention.kind) {
    case MentionKind::None:
      return std::nullopt;
    case MentionKind::Pronoun:
      return resolve_pronoun(slice(mention.begin, mention.end), position);
    case MentionKind::Name:
      return Resolved{fullest_name(slice(mention.name_begin, mention.name_end), mention.name_begin), true};
    case MentionKind::Phrase:
      break;
  }
  const std::string_view phrase = slice(mention.name_begin, mention.name_end);
  const std::size_t space = phrase.rfind(' ');
  const LowerWord head(space == std::string_view::npos ? phrase : phrase.substr(space + 1));
  if (auto named = resolve_role(head.view(), mention.begin)) return Resolved{std::move(*named), true};
  const bool definite = phrase.size() > 4 && iequals(phrase.substr(0, 4), "the ");
  const Flags head_flags = lexicon::lookup(head.view());
  const bool person = is_person_noun(head.view(), head_flags) || (head_flags & lexicon::kTitleWord) != 0;
  if (definite && person) {
    if (auto antecedent = resolve_pronoun("he", position)) return antecedent;
  }
  return Resolved{std::string(phrase), person};
}

// ---- driver -----------------------------------------------------------------------------------

// A colon or comma right before the opening mark: `said: "…"`, `he said, "…"`.
bool QuoteAnalyser::follows_introduction(std::size_t position) const {
  while (position > 0 && (text_[position - 1] == ' ' || text_[position - 1] == '\t')) --position;
  return position > 0 && (text_[position - 1] == ':' || text_[position - 1] == ',');
}

// The sentence continues after `position` with a lower-case word.
bool QuoteAnalyser::sentence_goes_on(std::size_t position) const {
  while (position < text_.size() && (text_[position] == ' ' || text_[position] == '\t')) ++position;
  return position < text_.size() && is_ascii_lower(text_[position]);
}

// Nothing but whitespace and quote marks since the last sentence end or paragraph start.
bool QuoteAnalyser::starts_sentence(std::size_t position) const {
  constexpr std::size_t kLookBack = 64;
  const std::size_t stop = position > kLookBack ? position - kLookBack : 0;
  while (position > stop) {
    const std::size_t start = previous_start(text_, position);
    std::size_t length = 0;
    const char32_t c = decode_at(text_, start, length);
    if (c == U'\n' || c == U'.' || c == U'!' || c == U'?') return true;
    if (c != U' ' && c != U'\t' && !is_quote_code_point(c)) return false;
    position = start;
  }
  return position == 0;
}

void QuoteAnalyser::analyse(const std::vector<QuoteSpan>& spans, std::vector<FoundQuote>& out) {
  std::optional<std::size_t> previous_index;  // the previous direct quote in `out`
  std::int64_t next_group = 0;
  for (const QuoteSpan& span : spans) {
    FoundQuote quote;
    quote.span = span;
    const ContentShape shape = shape_of(slice(span.content_begin, span.content_end), text_.size() - span.content_begin);
    quote.kind = classify(span, shape);
    if (quote.kind == QuoteKind::Direct) {
      const Attribution attribution = attribute(span, shape.ends_sentence, shape.ends_with_punctuation);
      // A short fragment inside a sentence with nobody saying it is a scare quote; standing
      // alone it is speech ("'Tis nobler," "Where?").
      const bool fragment = !shape.ends_with_punctuation && shape.words < 5;
      if (fragment && !attribution.found && (!starts_sentence(span.open_begin) || sentence_goes_on(span.close_end))) {
        quote.kind = QuoteKind::Scare;  // "'Grey market premium' indicates …": a term as the subject
      }
      if (attribution.found) {
        quote.verb = word(attribution.verb);
        if (attribution.source.kind != MentionKind::None) {
          quote.source = slice(attribution.source.name_begin, attribution.source.name_end);
        }
        if (attribution.speaker.kind != MentionKind::None) {
          quote.has_mention = true;
          quote.mention_begin = attribution.speaker.begin;
          quote.mention_end = attribution.speaker.end;
        }
        if (auto speaker = resolve(attribution.speaker, std::min(span.open_begin, attribution.speaker.begin))) {
          quote.speaker = speaker->name;
          remember_speaker(*speaker);
        }
      }
      if (quote.kind == QuoteKind::Direct && previous_index) {
        FoundQuote& previous_direct = out[*previous_index];
        const std::size_t breaks = paragraph_breaks_between(text_, previous_direct.span.close_end, span.open_begin, 2);
        // An unattributed quote right after another one continues it (same or next paragraph);
        // so does one whose verb has no subject of its own ("… and said: “…”").
        const bool subjectless = attribution.found && attribution.speaker.kind == MentionKind::None;
        if ((!attribution.found && breaks <= 1) || (subjectless && breaks == 0))
          quote.speaker = previous_direct.speaker;
        // "…," he said, "…": the parts of one interrupted quote.
        if (attribution.found && breaks == 0 && attribution.speaker.begin > previous_direct.span.close_end &&
            attribution.speaker.end < span.open_begin && previous_direct.has_mention &&
            previous_direct.mention_begin == quote.mention_begin) {
          quote.speaker = previous_direct.speaker;
          if (previous_direct.group < 0) previous_direct.group = next_group++;
          quote.group = previous_direct.group;
          quote.part = previous_direct.part + 1;
        }
      }
      // An unattributed quote after an article's introduction of someone ("Coach Maria Vega was
      // furious.\n\n“The referee decided it.”") is taken as theirs, like a pronoun would be.
      if (quote.kind == QuoteKind::Direct && !quote.speaker && !attribution.found) {
        if (auto guess = resolve_pronoun("he", span.open_begin)) quote.speaker = guess->name;
      }
    }
    previous_close_ = span.close_end;
    if (quote.kind == QuoteKind::Direct) previous_index = out.size();
    out.push_back(std::move(quote));
  }
}

void QuoteAnalyser::find_indirect(std::vector<FoundQuote>& out) {
  constexpr std::size_t kMinClauseWords = 3;
  const std::size_t quote_count = out.size();
  std::size_t next_quote = 0;
  std::size_t sentence_begin = 0;
  while (sentence_begin < text_.size()) {
    // Sentence ends: . ! ? followed by a space or newline, or a newline.
    std::size_t sentence_end = sentence_begin;
    while (sentence_end < text_.size()) {
      const char c = text_[sentence_end];
      if (c == '\n') break;
      if ((c == '.' || c == '!' || c == '?') &&
          (sentence_end + 1 == text_.size() || text_[sentence_end + 1] == ' ' || text_[sentence_end + 1] == '\n')) {
        break;
      }
      ++sentence_end;
    }
    const std::size_t begin = sentence_begin;
    sentence_begin = sentence_end + 1;
    while (next_quote < quote_count && out[next_quote].span.close_end <= begin) ++next_quote;
    if (next_quote < quote_count && out[next_quote].span.open_begin < sentence_end) continue;  // holds a quote
    start_tokens();
    tokenize(text_, begin, sentence_end, tokens_);
    const Clause sentence{0, tokens_.size()};
    for (std::size_t verb = 0; verb < tokens_.size(); ++verb) {
      if (!is_word(verb) || tokens_[verb].upper) continue;
      // Verbs that report a statement; most take it directly, the rest only with "that".
      const Flags flags = tokens_[verb].flags;
      const bool direct_object = (flags & lexicon::kIndirectDirectObjectVerb) != 0;
      const bool with_that = (flags & lexicon::kIndirectWithThatVerb) != 0;
      if (!direct_object && !with_that) continue;
      bool hopped = false;
      const Mention subject = subject_before(sentence, verb, hopped);
      if (subject.kind == MentionKind::None) continue;
      std::size_t clause = verb + 1;
      if ((flags & lexicon::kListenerVerb) != 0) {  // "told reporters that …"
        while (clause < tokens_.size() && is_word(clause) && (tokens_[clause].flags & lexicon::kWordThat) == 0) {
          ++clause;
        }
      }
      const bool that = clause < tokens_.size() && is_word(clause) && (tokens_[clause].flags & lexicon::kWordThat) != 0;
      if (that) ++clause;
      if (with_that && !that) continue;
      std::size_t words = 0;
      for (std::size_t at = clause; at < tokens_.size(); ++at) words += is_word(at) ? 1 : 0;
      if (clause >= tokens_.size() || !is_word(clause) || words < kMinClauseWords) break;
      FoundQuote quote;
      quote.kind = QuoteKind::Indirect;
      // No marks: the "mark" offsets coincide with the reported clause.
      quote.span.open_begin = quote.span.content_begin = tokens_[clause].begin;
      quote.span.content_end = quote.span.close_end = tokens_.back().end;
      quote.verb = word(verb);
      quote.has_mention = true;
      quote.mention_begin = subject.begin;
      quote.mention_end = subject.end;
      if (auto speaker = resolve(subject, subject.begin)) quote.speaker = speaker->name;
      out.push_back(std::move(quote));
      break;
    }
  }
}

}  // namespace quote_finder
