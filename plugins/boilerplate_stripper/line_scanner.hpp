// The boilerplate line scanner: splits a text into lines, finds lines (and blocks of lines) that
// built-in or user rules mark as inserted boilerplate. Knows nothing about documents or edits.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace textbench::boilerplate {

// What a rule takes besides the line it matched.
enum class Follow : std::uint8_t {
  None,              // the line alone
  Headline,          // a bare "Also Read" label: the headline line(s) of one cross-link under it
  HeadlineList,      // a related-stories widget label: a list of headline, image-alt, time lines
  AdWidget,          // an ad widget label: the short ad and advertiser lines under it
  Teaser,            // "You May Like": the teaser paragraph(s) right under it
  WrappedParagraph,  // a note hard-wrapped over several lines: the rest of its paragraph
  LinkAfter,         // "Read more at:": the URL line under it and the ".."-truncated teaser above it
};

struct BuiltinRule {
  const char* name;
  const char* doc;
  // A line is only handed to `pattern` when its trimmed text starts with one of `starts` or, for
  // lines up to LineScanner::kContainsMaxLineBytes, contains one of `contains`. Both lists are
  // ';'-separated, lower case and ASCII-case-insensitive; a space stands for any run of whitespace.
  // Every line `pattern` matches must pass (tests/plugin_boilerplate_stripper/prefilter_test.cpp
  // checks this with lines generated from each pattern).
  const char* starts;
  const char* contains;
  const char* pattern;  // RE2; must match the whole trimmed line
  Follow follow;
  bool skip_quoted_posts;  // never match inside an embedded tweet ("… — Name (@handle) date")
  // Words every line `pattern` matches contains (one of them, anywhere, any line length; same
  // syntax as `contains`). For a rule whose keywords pass many lines that its RE2 then has to read to
  // the end (a `.*` alternative), this spares RE2 those lines. prefilter_test checks it too.
  const char* required = nullptr;
};

[[nodiscard]] std::span<const BuiltinRule> builtin_rules();

// One line of the text. [content_begin, content_end) is the line without surrounding whitespace
// (and without a CR before the LF); `end` is the offset of its '\n', or the text size.
struct LineSpan {
  std::size_t begin;
  std::size_t content_begin;
  std::size_t content_end;
  std::size_t end;
  [[nodiscard]] bool blank() const noexcept { return content_begin == content_end; }
};

// Lines [first_line, last_line] are boilerplate by rule `rule` (see LineScanner::rule_name).
struct Match {
  std::size_t first_line;
  std::size_t last_line;
  std::uint32_t rule;
};

struct ScannerConfig {
  std::vector<std::string> disabled;                            // built-in rule names
  std::vector<std::pair<std::string, std::string>> user_rules;  // name -> RE2 line pattern
  std::size_t max_line_bytes = 20000;                           // longer lines are content
  bool use_avx2 = true;  // false: no AVX2 code even where the CPU has it (tests of the portable path)
};

struct RuleProblem {
  std::string param;
  std::string message;
};

class LineScanner {
 public:
  // Contains-keywords are only looked for in lines up to this size (a whole-line search costs
  // too much on long paragraphs); a rule that must find longer lines needs starts-keywords.
  static constexpr std::size_t kContainsMaxLineBytes = 300;

  explicit LineScanner(const ScannerConfig& config);
  ~LineScanner();
  LineScanner(const LineScanner&) = delete;
  LineScanner& operator=(const LineScanner&) = delete;

  // Problems with the configuration (unknown rule names, patterns that do not compile).
  [[nodiscard]] const std::vector<RuleProblem>& problems() const noexcept { return problems_; }

  // Fills `lines` with every line of `text` and `matches` with the boilerplate found, in order,
  // without overlaps. Both vectors are cleared first (and reused, to avoid allocations).
  void scan(std::string_view text, std::vector<LineSpan>& lines, std::vector<Match>& matches) const;

  [[nodiscard]] const std::string& rule_name(std::uint32_t rule) const { return rules_[rule].name; }

  // The built-in rules (bit r: rule r) whose pattern the prefilter lets run on `line` (trimmed).
  // Exposed so tests can check that it never holds back a line a pattern matches.
  [[nodiscard]] std::uint64_t prefilter(std::string_view line) const;
  // The same by comparing every keyword at every place it may be: slow, for tests of prefilter.
  [[nodiscard]] std::uint64_t prefilter_reference(std::string_view line) const;

 private:
  struct Rule {
    std::string name;
    const BuiltinRule* builtin = nullptr;  // nullptr for a user rule
    std::unique_ptr<RE2> pattern;          // built-in rules only; user rules live in user_set_
  };
  struct Keyword {
    std::string text;
    std::uint32_t rule;
  };

  static constexpr std::uint32_t kNoRule = 0xffffffffu;

  void add_builtin(const BuiltinRule& rule);
  void add_user_rules(const std::vector<std::pair<std::string, std::string>>& user_rules);
  void build_starts_trie();
  void build_contains_table();
  [[nodiscard]] std::uint64_t rules_by_start(std::string_view line) const;
  [[nodiscard]] std::uint64_t rules_by_contains(std::string_view line) const;
  [[nodiscard]] std::uint64_t rules_lacking_required(std::string_view line, std::uint64_t candidates) const;
  [[nodiscard]] std::uint64_t rules_by_contains_avx2(std::string_view line) const;
  [[nodiscard]] std::uint64_t rules_by_contains_portable(std::string_view line) const;
  [[nodiscard]] std::uint64_t rules_in_buckets(std::string_view line, std::size_t at, unsigned buckets) const;
  [[nodiscard]] std::uint32_t classify(std::string_view line) const;
  [[nodiscard]] std::size_t follow(const Rule& rule, std::string_view text, const std::vector<LineSpan>& lines,
                                   std::size_t label) const;
  [[nodiscard]] std::size_t follow_headlines(std::string_view text, const std::vector<LineSpan>& lines,
                                             std::size_t label, bool list) const;
  [[nodiscard]] bool is_time_line(std::string_view line) const;

  std::vector<Rule> rules_;  // built-in rules first (table order), then user rules
  std::uint32_t builtin_count_ = 0;
  // Starts-keywords as a trie over ASCII-folded bytes, walked over a line's first bytes until no
  // keyword goes on; a node after a keyword's space loops on whitespace (a space is a run). Most
  // lines leave the trie after a byte or two, and no keyword is compared one by one.
  static constexpr unsigned kStartColumnBits = 6;  // a row per node: a shift, not a multiplication
  std::vector<Keyword> starts_;                    // as in the table, for the reference prefilter
  std::array<std::uint8_t, 256> start_column_{};   // byte -> trie column; 0: in no keyword
  std::vector<std::uint16_t> start_next_;          // [node << kStartColumnBits | column]: next node, 0: none
  std::vector<std::uint64_t> start_accept_;        // by node: rules with a keyword that ends there
  // Contains-keywords are found with (V)PSHUFB nibble look-ups (the "Teddy" method of Hyperscan): each
  // keyword has an anchor, kAnchorBytes of its first word (which has no space, so the anchor sits at
  // a fixed offset in every match), and the anchors share 8 buckets. For each anchor byte, one
  // table maps a byte's low nibble and one its high nibble to the buckets with that nibble there;
  // 16 line positions are tested at once, and only a position whose bytes fit a bucket all through
  // is compared with the bucket's keywords.
  static constexpr std::size_t kAnchorBytes = 4;
  static constexpr std::size_t kBuckets = 8;
  struct Anchored {
    std::uint32_t keyword;  // index into contains_
    std::uint32_t offset;   // where the anchor starts in the keyword
  };
  std::vector<Keyword> contains_;
  std::vector<Keyword> requires_;
  std::uint64_t rules_with_requires_ = 0;
  std::array<std::array<std::uint8_t, 16>, kAnchorBytes> anchor_low_nibble_{};   // [anchor byte][nibble]: buckets
  std::array<std::array<std::uint8_t, 16>, kAnchorBytes> anchor_high_nibble_{};  // the same for the high nibble
  std::array<std::vector<Anchored>, kBuckets> bucket_keywords_;
  std::array<std::vector<std::uint32_t>, 256> contains_by_first_byte_;  // indices into contains_ (portable path)
  bool use_avx2_ = false;
  std::unique_ptr<RE2::Set> user_set_;
  std::unique_ptr<RE2> time_line_;
  std::unique_ptr<RE2> url_line_;
  std::size_t max_line_bytes_;
  std::vector<RuleProblem> problems_;
};

}  // namespace textbench::boilerplate
