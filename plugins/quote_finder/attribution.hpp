// Deciding what a quoted span is (speech or a term/title) and who said it: the attribution clause
// after or before the quote, partial quotes inside reported speech, floating quotes that continue
// the previous speaker, pronouns and role nouns resolved to the person named earlier.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quote_marks.hpp"
#include "tokens.hpp"

namespace quote_finder {

enum class QuoteKind : std::uint8_t { Direct, Scare, Title, Name, Indirect };

[[nodiscard]] std::string_view to_string(QuoteKind kind) noexcept;

struct FoundQuote {
  QuoteSpan span;
  QuoteKind kind = QuoteKind::Direct;
  std::optional<std::string> speaker;  // resolved name; empty when unknown
  bool has_mention = false;            // the words that name the speaker, e.g. "he"
  std::size_t mention_begin = 0;
  std::size_t mention_end = 0;
  std::string_view verb;    // reporting verb as written ("said", "according"); empty when none
  std::string_view source;  // who relays the quote: "AP" in "AP quoted the president as saying"
  std::int64_t group = -1;  // shared by the parts of a quote interrupted by its attribution
  std::int64_t part = 0;
};

// What the quoted words look like, from their first few words and their last character.
struct ContentShape {
  std::size_t words = 0;  // counted up to a small bound
  bool ends_with_punctuation = false;
  bool ends_sentence = false;
  bool title_case = true;  // every content word capitalised
};

class QuoteAnalyser {
 public:
  QuoteAnalyser() = default;
  explicit QuoteAnalyser(std::string_view text) : text_(text) {}

  // Starts over on a new text, as a fresh analyser would, but keeps the buffers' capacity.
  void reset(std::string_view text);

  // Classifies and attributes the spans (outermost, in text order) and appends one FoundQuote each.
  void analyse(const std::vector<QuoteSpan>& spans, std::vector<FoundQuote>& out);
  // How many tokens of the clause after a quote are made at a time: the rules mostly read only
  // its first few words, and the rest of the sentence is tokenized only when they read on.
  // 0 tokenizes the whole clause at once, as before: tests compare the two.
  void set_post_clause_step(std::size_t tokens) { post_step_ = tokens; }

  // Appends reported speech without quote marks ("Lavrov said 2.8 million people have asked …"),
  // one FoundQuote of kind Indirect per sentence, skipping sentences that hold a quote of `out`.
  void find_indirect(std::vector<FoundQuote>& out);

 private:
  enum class MentionKind : std::uint8_t { None, Pronoun, Name, Phrase };
  struct Mention {
    MentionKind kind = MentionKind::None;
    std::size_t begin = 0;  // the words as written
    std::size_t end = 0;
    std::size_t name_begin = 0;  // Name: the name without titles; Phrase: the head phrase
    std::size_t name_end = 0;
  };
  // `last` of the clause after a quote while its end is not known yet: compare token indices
  // with it through within(), which tokenizes on as needed.
  static constexpr std::size_t kOpenEnd = SIZE_MAX;
  struct Clause {
    std::size_t first = 0;  // token range [first, last)
    std::size_t last = 0;
  };
  struct Attribution {
    Mention speaker;
    std::size_t verb = 0;  // token index
    bool found = false;
    Mention source;
  };
  struct Resolved {
    std::string name;
    bool person = true;
  };
  struct Candidate {
    std::size_t position;
    std::size_t name_begin;
    std::size_t name_end;
    bool reporting;  // the subject of a reporting verb, not only of a sentence
  };

  [[nodiscard]] std::string_view slice(std::size_t begin, std::size_t end) const {
    return text_.substr(begin, end - begin);
  }
  [[nodiscard]] std::string_view word(std::size_t index) const {
    return slice(tokens_[index].begin, tokens_[index].end);
  }
  [[nodiscard]] bool is_word(std::size_t index) const { return tokens_[index].kind == TokenKind::Word; }
  // index < limit, where limit may be kOpenEnd: the end of the clause after the quote, found by
  // tokenizing it up to `index` or its end.
  [[nodiscard]] bool within(std::size_t index, std::size_t limit) const {
    return limit != kOpenEnd ? index < limit : post_clause_has(index);
  }
  // Whether token `index` exists, as if the clause after the quote were tokenized to its end.
  [[nodiscard]] bool has_token(std::size_t index) const {
    while (index >= tokens_.size() && post_cursor_ < post_window_end_) tokenize_post_clause();
    return index < tokens_.size();
  }
  [[nodiscard]] bool post_clause_has(std::size_t index) const;
  void tokenize_post_clause() const;
  // Empties tokens_ for another window, ending the clause tokenized on demand.
  void start_tokens() {
    tokens_.clear();
    post_cursor_ = post_window_end_ = 0;
  }
  // lexicon::lookup of a word that is a slice of text_, reading whole blocks where text_ allows.
  [[nodiscard]] lexicon::Flags lookup_slice(std::string_view word) const {
    return lexicon::lookup(word, static_cast<std::size_t>(text_.data() + text_.size() - word.data()));
  }

  QuoteKind classify(const QuoteSpan& span, const ContentShape& shape) const;
  Attribution attribute(const QuoteSpan& span, bool content_ends_sentence, bool content_ends_clause);
  [[nodiscard]] bool starts_sentence(std::size_t position) const;
  [[nodiscard]] bool is_headline(const QuoteSpan& span) const;
  [[nodiscard]] bool follows_introduction(std::size_t position) const;
  [[nodiscard]] bool sentence_goes_on(std::size_t position) const;
  Clause post_clause(const QuoteSpan& span);
  Clause pre_clause(const QuoteSpan& span, std::size_t window_begin);
  bool find_verb(const Clause& clause, bool nearest_last, std::size_t limit_words, std::size_t& verb) const;
  bool generic_verb(const Clause& clause, std::size_t& verb) const;
  Attribution from_verb(const Clause& clause, std::size_t verb) const;
  Mention subject_before(const Clause& clause, std::size_t verb, bool& hopped) const;
  Mention noun_phrase_backward(std::size_t clause_first, std::size_t end_token) const;
  Mention noun_phrase_forward(std::size_t first, std::size_t limit) const;
  Mention noun_phrase_forward_named(std::size_t first, std::size_t limit) const;
  Mention leading_subject(const Clause& clause) const;
  Mention make_mention(std::size_t first, std::size_t last) const;
  [[nodiscard]] bool opens_with_adverbial(std::size_t first) const;
  [[nodiscard]] bool names_speaker(std::size_t index) const;
  [[nodiscard]] bool names_organisation(const Mention& mention) const;
  [[nodiscard]] bool starts_appositive(std::size_t first, std::size_t limit) const;

  std::optional<Resolved> resolve(const Mention& mention, std::size_t position);
  std::optional<Resolved> resolve_pronoun(std::string_view pronoun, std::size_t position);
  void collect_candidates(std::optional<Mention>& described);
  [[nodiscard]] bool may_name_speaker(std::size_t begin, std::size_t end) const;
  std::optional<std::string> resolve_role(std::string_view head, std::size_t position);
  std::string fullest_name(std::string_view name, std::size_t around);
  [[nodiscard]] std::string search_fullest_name(std::string_view name, std::size_t around) const;
  [[nodiscard]] std::size_t name_run_end(std::size_t at, std::size_t limit) const;
  [[nodiscard]] bool is_known_speaker(std::string_view name) const;
  void remember_speaker(const Resolved& speaker);

  std::string_view text_;
  // Reused for every window. Mutable: the clause after a quote is tokenized on demand, by the
  // const rules that read it (see within()).
  mutable std::vector<Token> tokens_;
  mutable std::size_t post_cursor_ = 0;  // where tokenizing the clause after the quote goes on
  std::size_t post_window_end_ = 0;      // its bound; post_cursor_ == post_window_end_ when done
  std::size_t post_first_ = 0;           // its first token
  mutable std::size_t post_last_ = 0;    // its end (a token index), once post_cursor_ is done
  std::size_t post_step_ = 4;            // see set_post_clause_step
  std::vector<Candidate> candidates_;
  std::optional<Resolved> last_person_;
  std::optional<Resolved> last_other_;
  std::vector<std::string> known_surnames_;
  std::vector<std::pair<std::string_view, std::string>> fullest_names_;  // name → fullest_name(name)
  std::size_t previous_close_ = 0;                                       // end of the previous quote of any kind
};

}  // namespace quote_finder
