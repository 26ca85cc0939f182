#include "line_scanner.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace textbench::boilerplate {
namespace {

// A headline in a widget is at most this many characters; longer lines are article paragraphs.
constexpr std::size_t kMaxHeadlineChars = 220;
// An ad line (title or advertiser) in an ad widget is at most this many characters.
constexpr std::size_t kMaxAdLineChars = 100;
// Caps on how far a block reaches, so a mistaken label can never eat a whole article.
constexpr std::size_t kMaxListItems = 40;
constexpr std::size_t kMaxHeadlineItems = 12;
constexpr std::size_t kMaxTeaserLines = 4;
constexpr std::size_t kMaxWrappedLines = 8;
// Blank lines a block may bridge between two of its items.
constexpr std::size_t kMaxGapLines = 3;

// How common a letter is in English text (0: most common); an anchor of rare letters sends fewer
// line positions to a full comparison.
int letter_commonness(char c) noexcept {
  static constexpr std::string_view kByFrequency = "etaoinshrdlcumwfgypbvkjxqz";
  const auto at = kByFrequency.find(c);
  return at == std::string_view::npos ? static_cast<int>(kByFrequency.size()) : static_cast<int>(at);
}

constexpr unsigned char ascii_lower(unsigned char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
}

bool starts_with_ci(std::string_view text, std::string_view lower_prefix) noexcept {
  if (text.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    if (ascii_lower(static_cast<unsigned char>(text[i])) != static_cast<unsigned char>(lower_prefix[i])) return false;
  }
  return true;
}

// The whitespace RE2's \s matches (and \v): a space in a keyword stands for a run of these.
constexpr bool is_rule_space(unsigned char c) noexcept {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// Whether `text` starts with `keyword` (lower case), ignoring ASCII case, where each space of the
// keyword matches one or more whitespace bytes.
inline bool starts_with_keyword(std::string_view text, std::string_view keyword) noexcept {
  std::size_t at = 0;
  for (const char k : keyword) {
    if (k == ' ') {
      if (at == text.size() || !is_rule_space(static_cast<unsigned char>(text[at]))) return false;
      while (at < text.size() && is_rule_space(static_cast<unsigned char>(text[at]))) ++at;
    } else {
      if (at == text.size() || ascii_lower(static_cast<unsigned char>(text[at])) != static_cast<unsigned char>(k)) {
        return false;
      }
      ++at;
    }
  }
  return true;
}

// Whether `keyword` (as for starts_with_keyword) is anywhere in `line`. The bytes up to its first
// space are contiguous in any match; a match of their first and last byte with ASCII case folded by
// OR-ing 0x20 (which merges a few other bytes too) is looked for 16 places at a time, and only
// those places are compared in full.
bool contains_keyword(std::string_view line, std::string_view keyword) noexcept {
  std::size_t at = 0;
#if defined(__SSE2__)
  const std::size_t last = std::min(keyword.find(' '), keyword.size()) - 1;
  if (line.size() >= last + 16) {
    const __m128i fold = _mm_set1_epi8(0x20);
    const __m128i first_byte = _mm_set1_epi8(static_cast<char>(keyword.front() | 0x20));
    const __m128i last_byte = _mm_set1_epi8(static_cast<char>(keyword[last] | 0x20));
    for (; at + last + 16 <= line.size(); at += 16) {
      const __m128i firsts = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + at)), fold);
      const __m128i lasts =
          _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + at + last)), fold);
      auto maybe = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(firsts, first_byte), _mm_cmpeq_epi8(lasts, last_byte))));
      while (maybe != 0) {
        if (starts_with_keyword(line.substr(at + static_cast<std::size_t>(std::countr_zero(maybe))), keyword)) {
          return true;
        }
        maybe &= maybe - 1;
      }
    }
  }
#endif
  for (; at < line.size(); ++at) {
    if (starts_with_keyword(line.substr(at), keyword)) return true;
  }
  return false;
}

// Keywords are lower case; a space stands for a run of whitespace, so there is no space at either
// end and no two in a row.
void check_keyword(std::string_view keyword, const std::string& rule) {
  const bool well_formed = !keyword.empty() && keyword.front() != ' ' && keyword.back() != ' ' &&
                           keyword.find("  ") == std::string_view::npos &&
                           std::none_of(keyword.begin(), keyword.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!well_formed) {
    throw std::logic_error("boilerplate_stripper: rule '" + rule + "': bad keyword '" + std::string(keyword) + "'");
  }
}

std::vector<std::string_view> split_keywords(const char* list) {
  std::vector<std::string_view> out;
  if (list == nullptr) return out;
  std::string_view rest(list);
  while (!rest.empty()) {
    const auto cut = rest.find(';');
    out.push_back(rest.substr(0, cut));
    if (cut == std::string_view::npos) break;
    rest.remove_prefix(cut + 1);
  }
  return out;
}

// Length of a whitespace sequence at the front (`front`) or back of `text`: ASCII spaces, tabs,
// CR, and the NBSP / zero-width space / BOM that scraped text carries.
std::size_t space_at(std::string_view text, bool front) noexcept {
  if (text.empty()) return 0;
  const auto at = [&](std::size_t i) {
    return static_cast<unsigned char>(front ? text[i] : text[text.size() - 1 - i]);
  };
  const unsigned char c = at(0);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (front) {
    if (text.size() >= 2 && c == 0xC2 && at(1) == 0xA0) return 2;
    if (text.size() >= 3 && c == 0xE2 && at(1) == 0x80 && at(2) == 0x8B) return 3;
    if (text.size() >= 3 && c == 0xEF && at(1) == 0xBB && at(2) == 0xBF) return 3;
  } else {
    if (text.size() >= 2 && c == 0xA0 && at(1) == 0xC2) return 2;
    if (text.size() >= 3 && c == 0x8B && at(1) == 0x80 && at(2) == 0xE2) return 3;
  }
  return 0;
}

std::size_t char_count(std::string_view text) noexcept {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::size_t word_count(std::string_view text) noexcept {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// Drops closing quotes and brackets so that `said.”` ends like a sentence.
std::string_view without_closers(std::string_view text) noexcept {
  for (;;) {
    if (!text.empty() && std::strchr("\"')]*", text.back()) != nullptr) {
      text.remove_suffix(1);
    } else if (text.size() >= 3 && (text.ends_with("”") || text.ends_with("’"))) {
      text.remove_suffix(3);
    } else {
      return text;
    }
  }
}

// A line that ends like a sentence of running text ("… he said."), not like a headline; a
// truncated headline ("…", "..") is not a sentence.
bool ends_sentence(std::string_view line) noexcept {
  const auto text = without_closers(line);
  if (text.ends_with("।")) return true;
  if (text.empty() || text.back() != '.') return false;
  return !text.ends_with("..");
}

// Several widget headlines scraped into one line: "…investors?Is Nifty…bet.Falling…". Running
// text puts a space after a sentence end, so two glued ends mark a list, not a paragraph.
bool is_glued_headlines(std::string_view line) noexcept {
  std::size_t glued = 0;
  for (std::size_t i = 1; i + 1 < line.size(); ++i) {
    const char c = line[i];
    if ((c == '?' || c == '.' || c == '!') && line[i - 1] >= 'a' && line[i - 1] <= 'z' && line[i + 1] >= 'A' &&
        line[i + 1] <= 'Z') {
      ++glued;
    }
  }
  return glued >= 2;
}

// A caption of the article's own photo: "…(Hazem Bader/AFP)" or a scraped "…expand-icon".
bool is_photo_caption(std::string_view line) noexcept {
  if (line.ends_with("expand-icon")) return true;
  if (line.empty() || line.back() != ')') return false;
  const auto open = line.rfind('(');
  return open != std::string_view::npos && line.find('/', open) != std::string_view::npos;
}

// An embedded post: "… pic.twitter.com/x — Name (@handle) January 1, 2024". Its text is quoted
// content even when it says "Click here to join".
bool is_quoted_post(std::string_view line) noexcept {
  return line.find("pic.twitter.com") != std::string_view::npos ||
         (line.find("(@") != std::string_view::npos &&
          (line.find("— ") != std::string_view::npos || line.find("- ") != std::string_view::npos));
}

// Widget leftovers that close a cross-link block (FPJ's "article-image", BS's "test").
bool is_block_terminator(std::string_view line) noexcept {
  return line == "test" || line == "article-image" || line == "article-main";
}

bool is_url(std::string_view line) noexcept {
  return (starts_with_ci(line, "http://") || starts_with_ci(line, "https://") || starts_with_ci(line, "www.")) &&
         line.find(' ') == std::string_view::npos;
}

std::string_view content(std::string_view text, const LineSpan& line) noexcept {
  return text.substr(line.content_begin, line.content_end - line.content_begin);
}

}  // namespace

LineScanner::LineScanner(const ScannerConfig& config) : max_line_bytes_(config.max_line_bytes) {
#if defined(__x86_64__) || defined(__i386__)
  use_avx2_ = config.use_avx2 && __builtin_cpu_supports("avx2");
#endif
  const auto builtins = builtin_rules();
  for (const auto& name : config.disabled) {
    const bool known =
        std::any_of(builtins.begin(), builtins.end(), [&](const BuiltinRule& r) { return name == r.name; });
    if (!known) {
      std::string names;
      for (const auto& r : builtins) names += std::string(names.empty() ? "" : ", ") + r.name;
      problems_.push_back({"disable", "unknown built-in rule '" + name + "'; the rules are: " + names});
    }
  }
  for (const auto& rule : builtins) {
    if (std::find(config.disabled.begin(), config.disabled.end(), rule.name) == config.disabled.end())
      add_builtin(rule);
  }
  builtin_count_ = static_cast<std::uint32_t>(rules_.size());
  build_starts_trie();
  build_contains_table();
  add_user_rules(config.user_rules);

  RE2::Options options;
  options.set_case_sensitive(false);
  time_line_ = std::make_unique<RE2>(
      R"re(\d+\s*(?:min|mins|minutes?)\s+read|(?:\d+|an?)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},\s+\d{4})re",
      options);
  if (!time_line_->ok()) throw std::logic_error("boilerplate_stripper: time-line pattern: " + time_line_->error());
}

LineScanner::~LineScanner() = default;

void LineScanner::add_builtin(const BuiltinRule& builtin) {
  if (rules_.size() >= 64) throw std::logic_error("boilerplate_stripper: more than 64 built-in rules");
  Rule rule{builtin.name, &builtin, std::make_unique<RE2>(builtin.pattern, RE2::Quiet)};
  if (!rule.pattern->ok()) {
    throw std::logic_error("boilerplate_stripper: built-in rule '" + rule.name + "': " + rule.pattern->error());
  }
  const auto index = static_cast<std::uint32_t>(rules_.size());
  for (const auto keyword : split_keywords(builtin.starts)) {
    check_keyword(keyword, rule.name);
    starts_.push_back({std::string(keyword), index});
  }
  for (const auto keyword : split_keywords(builtin.contains)) {
    check_keyword(keyword, rule.name);
    if (std::min(keyword.find(' '), keyword.size()) < kAnchorBytes) {
      throw std::logic_error("boilerplate_stripper: contains-keyword whose first word is shorter than " +
                             std::to_string(kAnchorBytes) + " bytes in '" + rule.name + "'");
    }
    contains_.push_back({std::string(keyword), index});
  }
  for (const auto keyword : split_keywords(builtin.required)) {
    check_keyword(keyword, rule.name);
    requires_.push_back({std::string(keyword), index});
    rules_with_requires_ |= std::uint64_t{1} << index;
  }
  rules_.push_back(std::move(rule));
}

void LineScanner::build_starts_trie() {
  // Column 1 is whitespace (what a keyword's space matches); each other byte of a keyword gets a
  // column, shared by the upper-case form of a letter.
  constexpr std::uint8_t kSpaceColumn = 1;
  constexpr std::size_t kColumns = std::size_t{1} << kStartColumnBits;
  for (unsigned c = 0; c < 256; ++c) {
    if (is_rule_space(static_cast<unsigned char>(c))) start_column_[c] = kSpaceColumn;
  }
  std::size_t columns = 2;
  for (const auto& keyword : starts_) {
    for (const char k : keyword.text) {
      const auto byte = static_cast<unsigned char>(k);
      if (k == ' ' || start_column_[byte] != 0) continue;
      if (columns == kColumns) throw std::logic_error("boilerplate_stripper: too many bytes in starts-keywords");
      start_column_[byte] = static_cast<std::uint8_t>(columns);
      if (byte >= 'a' && byte <= 'z') start_column_[byte - ('a' - 'A')] = static_cast<std::uint8_t>(columns);
      ++columns;
    }
  }
  // Node 0: no keyword goes on (its row stays 0); node 1: the root.
  start_next_.assign(2 * kColumns, 0);
  start_accept_.assign(2, 0);
  for (const auto& keyword : starts_) {
    std::size_t node = 1;
    for (const char k : keyword.text) {
      const std::size_t entry = node << kStartColumnBits | start_column_[static_cast<unsigned char>(k)];
      if (start_next_[entry] == 0) {
        if (start_accept_.size() > 0xffff)
          throw std::logic_error("boilerplate_stripper: starts-keyword trie too large");
        const auto next = static_cast<std::uint16_t>(start_accept_.size());
        start_next_[entry] = next;
        start_next_.resize(start_next_.size() + kColumns, 0);
        start_accept_.push_back(0);
        if (k == ' ') start_next_[std::size_t{next} << kStartColumnBits | kSpaceColumn] = next;  // a run of spaces
      }
      node = start_next_[entry];
    }
    start_accept_[node] |= std::uint64_t{1} << keyword.rule;
  }
}

void LineScanner::build_contains_table() {
  for (std::uint32_t k = 0; k < contains_.size(); ++k) {
    contains_by_first_byte_[static_cast<unsigned char>(contains_[k].text.front())].push_back(k);
  }
  // Each keyword's anchor: the rarest kAnchorBytes of its first word. Keywords with the same
  // anchor share it; the anchors, most common first, are dealt out to the buckets, so that where
  // two share a bucket a common one goes with a rare one.
  struct Anchor {
    std::string bytes;
    int commonness = 0;
    std::vector<Anchored> keywords;
  };
  std::vector<Anchor> anchors;
  for (std::uint32_t k = 0; k < contains_.size(); ++k) {
    const std::string_view keyword = contains_[k].text;
    const std::size_t first_word = std::min(keyword.find(' '), keyword.size());
    std::size_t best_offset = 0;
    int best_commonness = 0;
    for (std::size_t offset = 0; offset + kAnchorBytes <= first_word; ++offset) {
      int commonness = 0;
      for (std::size_t i = 0; i < kAnchorBytes; ++i) commonness -= letter_commonness(keyword[offset + i]);
      if (offset == 0 || commonness < best_commonness) {
        best_offset = offset;
        best_commonness = commonness;
      }
    }
    const std::string bytes(keyword.substr(best_offset, kAnchorBytes));
    auto anchor = std::find_if(anchors.begin(), anchors.end(), [&](const Anchor& a) { return a.bytes == bytes; });
    if (anchor == anchors.end()) anchor = anchors.insert(anchors.end(), Anchor{bytes, best_commonness, {}});
    anchor->keywords.push_back({k, static_cast<std::uint32_t>(best_offset)});
  }
  std::stable_sort(anchors.begin(), anchors.end(),
                   [](const Anchor& a, const Anchor& b) { return a.commonness > b.commonness; });
  for (std::size_t a = 0; a < anchors.size(); ++a) {
    const std::size_t bucket = a % kBuckets;
    const auto bit = static_cast<std::uint8_t>(1u << bucket);
    for (std::size_t i = 0; i < kAnchorBytes; ++i) {
      // The text is folded by OR-ing 0x20 before the look-up, so the keyword's bytes are too.
      const auto byte = static_cast<unsigned char>(anchors[a].bytes[i] | 0x20);
      anchor_low_nibble_[i][byte & 0x0f] |= bit;
      anchor_high_nibble_[i][byte >> 4] |= bit;
    }
    bucket_keywords_[bucket].insert(bucket_keywords_[bucket].end(), anchors[a].keywords.begin(),
                                    anchors[a].keywords.end());
  }
}

void LineScanner::add_user_rules(const std::vector<std::pair<std::string, std::string>>& user_rules) {
  if (user_rules.empty()) return;
  RE2::Options options;
  options.set_log_errors(false);
  user_set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const auto& [name, pattern] : user_rules) {
    const bool clash = std::any_of(rules_.begin(), rules_.end(), [&](const Rule& r) { return r.name == name; });
    if (clash) {
      problems_.push_back({"rules", "rule '" + name +
                                        "': the name is taken (by a built-in rule or an earlier rule); "
                                        "switch the built-in off with `disable` and choose another name"});
      continue;
    }
    std::string error;
    if (user_set_->Add(pattern, &error) < 0) {
      problems_.push_back({"rules", "rule '" + name + "': " + error});
      continue;
    }
    rules_.push_back(Rule{name, nullptr, nullptr});
  }
  if (problems_.empty() && !user_set_->Compile()) {
    problems_.push_back({"rules", "the rules together are too large for RE2; use fewer or simpler patterns"});
  }
}

// Rules with a starts-keyword that the line starts with.
std::uint64_t LineScanner::rules_by_start(std::string_view line) const {
  const auto column = [&](std::size_t at) {
    return at < line.size() ? start_column_[static_cast<unsigned char>(line[at])] : 0;  // past the end: none
  };
  // Most lines leave the trie within the first bytes, at a byte no branch could predict; so those
  // steps have none (node 0 stays 0 and ends no keyword).
  constexpr std::size_t kStepsWithoutBranch = 4;
  std::uint64_t found = 0;
  std::size_t node = 1;
  for (std::size_t at = 0; at < kStepsWithoutBranch; ++at) {
    node = start_next_[node << kStartColumnBits | column(at)];
    found |= start_accept_[node];
  }
  for (std::size_t at = kStepsWithoutBranch; node != 0 && at < line.size(); ++at) {
    node = start_next_[node << kStartColumnBits | column(at)];
    found |= start_accept_[node];
  }
  return found;
}

// Rules with a contains-keyword somewhere in the line.
std::uint64_t LineScanner::rules_by_contains(std::string_view line) const {
#if defined(__x86_64__) || defined(__i386__)
  if (use_avx2_) return rules_by_contains_avx2(line);
#endif
  return rules_by_contains_portable(line);
}

std::uint64_t LineScanner::rules_by_contains_portable(std::string_view line) const {
  std::uint64_t found = 0;
  for (std::size_t at = 0; at < line.size(); ++at) {
    for (const auto k : contains_by_first_byte_[ascii_lower(static_cast<unsigned char>(line[at]))]) {
      if (starts_with_keyword(line.substr(at), contains_[k].text)) found |= std::uint64_t{1} << contains_[k].rule;
    }
  }
  return found;
}

#if defined(__x86_64__) || defined(__i386__)
__attribute__((target("avx2"))) std::uint64_t LineScanner::rules_by_contains_avx2(std::string_view line) const {
  static_assert(kAnchorBytes == 4);
  constexpr std::size_t kBlock = 32;                              // positions tested at once
  constexpr std::size_t kBlockReach = kBlock + kAnchorBytes - 1;  // bytes read for them
  const __m256i fold = _mm256_set1_epi8(0x20);
  const __m256i low_nibble = _mm256_set1_epi8(0x0f);
  __m256i low_tables[kAnchorBytes];
  __m256i high_tables[kAnchorBytes];
  for (std::size_t i = 0; i < kAnchorBytes; ++i) {  // VPSHUFB looks up within each 16-byte half
    low_tables[i] =
        _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(anchor_low_nibble_[i].data())));
    high_tables[i] =
        _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(anchor_high_nibble_[i].data())));
  }
  // The buckets whose anchor byte i fits each of the bytes at `at`.
  const auto buckets_for = [&](const char* at, std::size_t i) __attribute__((target("avx2"))) {
    const __m256i bytes = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(at)), fold);
    const __m256i low = _mm256_shuffle_epi8(low_tables[i], _mm256_and_si256(bytes, low_nibble));
    const __m256i high = _mm256_shuffle_epi8(high_tables[i], _mm256_and_si256(_mm256_srli_epi16(bytes, 4), low_nibble));
    return _mm256_and_si256(low, high);
  };
  std::uint64_t found = 0;
  // The anchors that start at the kBlock positions from `block` (the line from `at` on), of those
  // in `in_line` (a bit per position).
  const auto test_block = [&](const char* block, std::size_t at, std::uint32_t in_line)
      __attribute__((target("avx2"))) {
    const __m256i buckets = _mm256_and_si256(_mm256_and_si256(buckets_for(block, 0), buckets_for(block + 1, 1)),
                                             _mm256_and_si256(buckets_for(block + 2, 2), buckets_for(block + 3, 3)));
    std::uint32_t positions =
        ~static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(buckets, _mm256_setzero_si256())));
    positions &= in_line;
    if (positions == 0) return;
    alignas(32) std::uint8_t by_position[kBlock];
    _mm256_store_si256(reinterpret_cast<__m256i*>(by_position), buckets);
    while (positions != 0) {
      const auto position = static_cast<std::size_t>(std::countr_zero(positions));
      positions &= positions - 1;
      found |= rules_in_buckets(line, at + position, by_position[position]);
    }
  };
  std::size_t at = 0;
  for (; at + kBlockReach <= line.size(); at += kBlock) test_block(line.data() + at, at, 0xffffffffu);
  if (line.size() >= kBlockReach) {
    // The rest: one more block that ends with the line, without the positions already tested.
    const std::size_t last = line.size() - kBlockReach;
    if (at < line.size() - kAnchorBytes + 1) {
      test_block(line.data() + last, last, static_cast<std::uint32_t>(0xffffffffull << (at - last)));
    }
  } else if (line.size() >= kAnchorBytes) {
    // A short line, from a zero-padded copy; positions where an anchor would reach past the line
    // are left out.
    char padded[kBlockReach] = {};
    std::memcpy(padded, line.data(), line.size());
    test_block(padded, 0, static_cast<std::uint32_t>((std::uint64_t{1} << (line.size() - kAnchorBytes + 1)) - 1));
  }
  return found;
}
#endif

// Rules of the keywords in `buckets` (a bit per bucket) whose anchor is at `anchor_at` in the line.
std::uint64_t LineScanner::rules_in_buckets(std::string_view line, std::size_t anchor_at, unsigned buckets) const {
  std::uint64_t found = 0;
  while (buckets != 0) {
    const auto bucket = static_cast<std::size_t>(std::countr_zero(buckets));
    buckets &= buckets - 1;
    for (const Anchored& anchored : bucket_keywords_[bucket]) {
      if (anchor_at >= anchored.offset &&
          starts_with_keyword(line.substr(anchor_at - anchored.offset), contains_[anchored.keyword].text)) {
        found |= std::uint64_t{1} << contains_[anchored.keyword].rule;
      }
    }
  }
  return found;
}

// Of `candidates`, the rules with `required` words none of which is in the line.
std::uint64_t LineScanner::rules_lacking_required(std::string_view line, std::uint64_t candidates) const {
  std::uint64_t lacking = candidates & rules_with_requires_;
  for (const auto& keyword : requires_) {
    const std::uint64_t bit = std::uint64_t{1} << keyword.rule;
    if ((lacking & bit) != 0 && contains_keyword(line, keyword.text)) lacking &= ~bit;
  }
  return lacking;
}

std::uint64_t LineScanner::prefilter(std::string_view line) const {
  std::uint64_t candidates = rules_by_start(line);
  if (!contains_.empty() && line.size() <= kContainsMaxLineBytes) candidates |= rules_by_contains(line);
  if ((candidates & rules_with_requires_) != 0) candidates &= ~rules_lacking_required(line, candidates);
  return candidates;
}

std::uint64_t LineScanner::prefilter_reference(std::string_view line) const {
  std::uint64_t candidates = 0;
  for (const auto& keyword : starts_) {
    if (starts_with_keyword(line, keyword.text)) candidates |= std::uint64_t{1} << keyword.rule;
  }
  if (line.size() <= kContainsMaxLineBytes) {
    for (std::size_t at = 0; at < line.size(); ++at) {
      for (const auto& keyword : contains_) {
        if (starts_with_keyword(line.substr(at), keyword.text)) candidates |= std::uint64_t{1} << keyword.rule;
      }
    }
  }
  std::uint64_t has_required = 0;
  for (std::size_t at = 0; at < line.size(); ++at) {
    for (const auto& keyword : requires_) {
      if (starts_with_keyword(line.substr(at), keyword.text)) has_required |= std::uint64_t{1} << keyword.rule;
    }
  }
  return candidates & (~rules_with_requires_ | has_required);
}

std::uint32_t LineScanner::classify(std::string_view line) const {
  if (line.size() > max_line_bytes_) return kNoRule;
  std::uint64_t candidates = prefilter(line);
  while (candidates != 0) {
    const auto index = static_cast<std::uint32_t>(std::countr_zero(candidates));
    candidates &= candidates - 1;
    const Rule& rule = rules_[index];
    if (rule.builtin->skip_quoted_posts && is_quoted_post(line)) continue;
    if (RE2::FullMatch(line, *rule.pattern)) return index;
  }
  if (user_set_ != nullptr) {
    std::vector<int> hits;
    if (user_set_->Match(line, &hits) && !hits.empty()) {
      return builtin_count_ + static_cast<std::uint32_t>(*std::min_element(hits.begin(), hits.end()));
    }
  }
  return kNoRule;
}

bool LineScanner::is_time_line(std::string_view line) const {
  return RE2::FullMatch(line, *time_line_);
}

void LineScanner::scan(std::string_view text, std::vector<LineSpan>& lines, std::vector<Match>& matches) const {
  lines.clear();
  matches.clear();
  for (std::size_t begin = 0; begin <= text.size();) {
    const void* newline = std::memchr(text.data() + begin, '\n', text.size() - begin);
    const std::size_t end =
        newline != nullptr ? static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) : text.size();
    std::size_t content_begin = begin;
    std::size_t content_end = end;
    while (std::size_t n = space_at(text.substr(content_begin, content_end - content_begin), true)) content_begin += n;
    while (std::size_t n = space_at(text.substr(content_begin, content_end - content_begin), false)) content_end -= n;
    lines.push_back({begin, content_begin, content_end, end});
    if (newline == nullptr) break;
    begin = end + 1;
  }

  std::size_t next_free = 0;  // first line not yet part of a match
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank()) continue;
    const std::uint32_t rule = classify(content(text, lines[i]));
    if (rule == kNoRule) continue;
    std::size_t first = i;
    const std::size_t last = follow(rules_[rule], text, lines, i);
    // "Read more at:" also takes the ".."-truncated teaser just above it.
    if (rules_[rule].builtin != nullptr && rules_[rule].builtin->follow == Follow::LinkAfter) {
      std::size_t above = i;
      while (above > next_free && lines[above - 1].blank() && i - above < kMaxGapLines) --above;
      if (above > next_free && content(text, lines[above - 1]).ends_with("..")) first = above - 1;
    }
    matches.push_back({first, last, rule});
    next_free = last + 1;
    i = last;
  }
}

std::size_t LineScanner::follow(const Rule& rule, std::string_view text, const std::vector<LineSpan>& lines,
                                std::size_t label) const {
  if (rule.builtin == nullptr) return label;
  // Index of the next non-blank line after `from` within the gap limit, or lines.size().
  const auto next_line = [&](std::size_t from, std::size_t& gap) {
    gap = 0;
    std::size_t j = from + 1;
    while (j < lines.size() && lines[j].blank()) {
      ++j;
      ++gap;
    }
    return (j < lines.size() && gap <= kMaxGapLines) ? j : lines.size();
  };
  std::size_t gap = 0;
  switch (rule.builtin->follow) {
    case Follow::None:
      return label;
    case Follow::Headline:
      return follow_headlines(text, lines, label, false);
    case Follow::HeadlineList:
      return follow_headlines(text, lines, label, true);
    case Follow::AdWidget: {
      std::size_t last = label;
      for (std::size_t j = next_line(last, gap); j < lines.size(); j = next_line(last, gap)) {
        const auto line = content(text, lines[j]);
        if ((gap > 0 && last != label) || char_count(line) > kMaxAdLineChars) break;
        if (last - label >= kMaxListItems) break;
        last = j;
      }
      return last;
    }
    case Follow::Teaser: {
      std::size_t last = label;
      for (std::size_t j = next_line(last, gap); j < lines.size(); j = next_line(last, gap)) {
        if ((gap > 0 && last != label) || j - label > kMaxTeaserLines) break;
        if (classify(content(text, lines[j])) != kNoRule) break;
        last = j;
      }
      return last;
    }
    case Follow::WrappedParagraph: {
      // A hard-wrapped note goes on, without a blank line, until a line that closes it.
      const auto first = content(text, lines[label]);
      const bool bracketed = first.front() == '(' || first.front() == '[';
      const auto closes = [&](std::string_view line) {
        if (bracketed) return line.back() == ')' || line.back() == ']';
        const auto bare = without_closers(line);
        return bare.empty() || bare.back() == '.' || bare.back() == '!' || bare.back() == '?' || bare.ends_with("।");
      };
      std::size_t last = label;
      for (std::size_t j = label + 1;
           !closes(content(text, lines[last])) && j < lines.size() && !lines[j].blank() && j - label < kMaxWrappedLines;
           ++j) {
        last = j;
      }
      return last;
    }
    case Follow::LinkAfter: {
      const std::size_t j = next_line(label, gap);
      return (j < lines.size() && is_url(content(text, lines[j]))) ? j : label;
    }
  }
  return label;
}

// A cross-link label takes the headline under it; a widget label (`list`) takes a list of them.
// Headlines are short and do not end like sentences; image-alt lines sit right next to their
// headline, so short lines are taken only without a gap. Widgets that date their items ("2 hours
// ago", "2 MIN READ", "17 JUL 2024") are lists whose every item ends with such a line, so there a
// headline only counts once its time line follows.
std::size_t LineScanner::follow_headlines(std::string_view text, const std::vector<LineSpan>& lines, std::size_t label,
                                          bool list) const {
  bool timed = false;
  for (std::size_t j = label + 1, seen = 0; j < lines.size() && seen < 4; ++j) {
    if (lines[j].blank()) continue;
    ++seen;
    if (is_time_line(content(text, lines[j]))) {
      timed = list = true;
      break;
    }
  }
  std::size_t last = label;  // the block so far; in a timed widget a headline waits for its time line
  std::size_t headlines = 0;
  std::size_t gap = 0;
  for (std::size_t j = label + 1; j < lines.size(); ++j) {
    if (lines[j].blank()) {
      if (++gap > kMaxGapLines) break;
      continue;
    }
    const auto line = content(text, lines[j]);
    if (is_block_terminator(line)) return j;
    if (is_time_line(line)) {
      last = j;
      gap = 0;
      continue;
    }
    const bool after_gap = gap > 0;
    if (list && !after_gap && is_glued_headlines(line)) {
      last = j;
      continue;
    }
    if (char_count(line) > kMaxHeadlineChars || ends_sentence(line) || line.back() == ':' || is_photo_caption(line)) {
      break;
    }
    if (classify(line) != kNoRule) break;
    const std::size_t words = word_count(line);
    if (list) {
      if (after_gap && words < 4) break;
    } else {
      if (words < 4 || (after_gap && headlines > 0)) break;
    }
    if (++headlines > (list ? kMaxListItems : kMaxHeadlineItems)) break;
    if (!timed) last = j;
    gap = 0;
  }
  return last;
}

}  // namespace textbench::boilerplate
