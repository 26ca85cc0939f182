// The keyword prefilter must never hold back a line that a built-in rule's pattern matches. These
// tests generate random lines from each rule's own pattern (a small generator for the RE2 syntax
// the rules use), keep those RE2 confirms as whole-line matches, and check that the prefilter lets
// that rule run on every one. A rule added to the table is covered without touching this file.
#include <re2/re2.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "line_scanner.hpp"

namespace {

using textbench::boilerplate::builtin_rules;
using textbench::boilerplate::LineScanner;
using textbench::boilerplate::ScannerConfig;

constexpr int kUnbounded = -1;

struct Node {
  enum class Kind { Char, Class, Any, NotSpace, Group, Nothing };
  Kind kind = Kind::Nothing;
  char32_t code_point = 0;
  std::vector<std::pair<char32_t, char32_t>> ranges;  // Kind::Class
  bool fold = false;                                  // (?i): letters in either case
  std::vector<std::vector<Node>> alternatives;        // Kind::Group
  int min = 1;
  int max = 1;
};
using Alternatives = std::vector<std::vector<Node>>;

// Parses the subset of RE2 syntax the built-in rules use; fails the test on anything else, so a
// rule written with new syntax makes this generator grow rather than skip the rule.
class PatternParser {
 public:
  explicit PatternParser(std::string_view pattern) : pattern_(pattern) {}

  Alternatives parse() {
    Alternatives result = alternation(false);
    if (pos_ != pattern_.size()) FAIL("unbalanced ')' at " << pos_ << " in " << pattern_);
    return result;
  }

 private:
  Alternatives alternation(bool fold) {
    Alternatives alternatives(1);
    while (pos_ < pattern_.size() && pattern_[pos_] != ')') {
      if (pattern_[pos_] == '|') {
        ++pos_;
        alternatives.emplace_back();
      } else if (pattern_.substr(pos_, 4) == "(?i)") {
        pos_ += 4;
        fold = true;  // for the rest of this group
      } else {
        Node node = atom(fold);
        quantifier(node);
        alternatives.back().push_back(std::move(node));
      }
    }
    return alternatives;
  }

  Node atom(bool fold) {
    Node node;
    node.fold = fold;
    const char c = pattern_[pos_];
    if (c == '(') {
      ++pos_;
      bool inner_fold = fold;
      if (pattern_.substr(pos_, 3) == "?i:") {
        pos_ += 3;
        inner_fold = true;
      } else if (pattern_.substr(pos_, 2) == "?:") {
        pos_ += 2;
      } else if (pattern_[pos_] == '?') {
        FAIL("unsupported group syntax in " << pattern_);
      }
      node.kind = Node::Kind::Group;
      node.alternatives = alternation(inner_fold);
      if (pos_ >= pattern_.size()) FAIL("missing ')' in " << pattern_);
      ++pos_;
    } else if (c == '[') {
      ++pos_;
      node.kind = Node::Kind::Class;
      if (pattern_[pos_] == '^') FAIL("negated classes are not supported: " << pattern_);
      while (pattern_[pos_] != ']') {
        if (pattern_[pos_] == '\\' && pattern_[pos_ + 1] == 's') {
          pos_ += 2;
          for (const char32_t space : {U' ', U'\t', U'\f', U'\r'}) node.ranges.push_back({space, space});
          continue;
        }
        const char32_t low = class_char();
        char32_t high = low;
        if (pattern_[pos_] == '-' && pattern_[pos_ + 1] != ']') {
          ++pos_;
          high = class_char();
        }
        node.ranges.push_back({low, high});
      }
      ++pos_;
    } else if (c == '.') {
      ++pos_;
      node.kind = Node::Kind::Any;
    } else if (c == '^' || c == '$') {
      ++pos_;
    } else if (c == '\\') {
      ++pos_;
      const char e = pattern_[pos_++];
      switch (e) {
        case 'b':
        case 'B':
          break;  // assertions: RE2 decides whether the generated line keeps them
        case 's':
          node.kind = Node::Kind::Class;
          for (const char32_t space : {U' ', U' ', U' ', U'\t', U'\f', U'\r'}) node.ranges.push_back({space, space});
          break;
        case 'S':
          node.kind = Node::Kind::NotSpace;
          break;
        case 'w':
          node.kind = Node::Kind::Class;
          node.ranges = {{U'a', U'z'}, {U'A', U'Z'}, {U'0', U'9'}, {U'_', U'_'}};
          break;
        case 'd':
          node.kind = Node::Kind::Class;
          node.ranges = {{U'0', U'9'}};
          break;
        case 'x':
          --pos_;
          node.kind = Node::Kind::Char;
          node.code_point = escaped_char();
          break;
        default:
          if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z'))
            FAIL("unsupported escape \\" << e << " in " << pattern_);
          node.kind = Node::Kind::Char;
          node.code_point = static_cast<unsigned char>(e);
      }
    } else {
      node.kind = Node::Kind::Char;
      node.code_point = code_point();
    }
    return node;
  }

  void quantifier(Node& node) {
    if (pos_ >= pattern_.size()) return;
    const char c = pattern_[pos_];
    if (c == '?' || c == '*' || c == '+') {
      ++pos_;
      node.min = c == '+' ? 1 : 0;
      node.max = c == '?' ? 1 : kUnbounded;
    } else if (c == '{') {
      ++pos_;
      node.min = number();
      node.max = node.min;
      if (pattern_[pos_] == ',') {
        ++pos_;
        node.max = pattern_[pos_] == '}' ? kUnbounded : number();
      }
      ++pos_;  // '}'
    } else {
      return;
    }
    if (pos_ < pattern_.size() && pattern_[pos_] == '?') ++pos_;  // non-greedy: same strings
  }

  int number() {
    int n = 0;
    while (pattern_[pos_] >= '0' && pattern_[pos_] <= '9') n = n * 10 + (pattern_[pos_++] - '0');
    return n;
  }

  char32_t class_char() {
    if (pattern_[pos_] != '\\') return code_point();
    if (pattern_[pos_ + 1] == 'x') return escaped_char();
    pos_ += 2;
    return static_cast<unsigned char>(pattern_[pos_ - 1]);
  }

  // \x{HHHH}
  char32_t escaped_char() {
    pos_ += 3;
    char32_t value = 0;
    while (pattern_[pos_] != '}')
      value = value * 16 + static_cast<char32_t>(std::stoi(std::string(1, pattern_[pos_++]), nullptr, 16));
    ++pos_;
    return value;
  }

  char32_t code_point() {
    const auto lead = static_cast<unsigned char>(pattern_[pos_++]);
    if (lead < 0x80) return lead;
    const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
    char32_t value = lead & (0x3F >> extra);
    for (int i = 0; i < extra; ++i) value = value << 6 | (static_cast<unsigned char>(pattern_[pos_++]) & 0x3F);
    return value;
  }

  std::string_view pattern_;
  std::size_t pos_ = 0;
};

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Writes one random string of the language of `alternatives` (\b aside) into `out`.
class LineGenerator {
 public:
  explicit LineGenerator(std::uint32_t seed) : random_(seed) {}

  void emit(const Alternatives& alternatives, std::string& out) {
    const auto& chosen = alternatives[pick(alternatives.size())];
    for (const Node& node : chosen) emit(node, out);
  }

 private:
  void emit(const Node& node, std::string& out) {
    // Mostly few repetitions; sometimes as many as allowed, to reach long lines.
    int max = node.max == kUnbounded ? node.min + 6 : node.max;
    if (pick(4) != 0) max = std::min(max, node.min + 2);
    const int count = node.min + static_cast<int>(pick(static_cast<std::size_t>(max - node.min) + 1));
    for (int i = 0; i < count; ++i) emit_once(node, out);
  }

  void emit_once(const Node& node, std::string& out) {
    static constexpr char32_t kAny[] = {U'a', U'Q', U'z',  U'7', U' ', U' ', U'.', U',', U':', U'|',  U'-', U'(',
                                        U')', U'@', U'\'', U'"', U'é', U'—', U'’', U'भ', U'“', U'\t', U'_', U'#'};
    switch (node.kind) {
      case Node::Kind::Nothing:
        return;
      case Node::Kind::Group:
        emit(node.alternatives, out);
        return;
      case Node::Kind::Char:
        append_utf8(out, maybe_flip_case(node.code_point, node.fold));
        return;
      case Node::Kind::Any:
        append_utf8(out, kAny[pick(std::size(kAny))]);
        return;
      case Node::Kind::NotSpace: {
        char32_t c = U' ';
        while (c == U' ' || c == U'\t') c = kAny[pick(std::size(kAny))];
        append_utf8(out, c);
        return;
      }
      case Node::Kind::Class: {
        const auto& [low, high] = node.ranges[pick(node.ranges.size())];
        const auto c = low + static_cast<char32_t>(pick(high - low + 1));
        append_utf8(out, maybe_flip_case(c, node.fold));
        return;
      }
    }
  }

  char32_t maybe_flip_case(char32_t c, bool fold) {
    if (!fold || pick(2) == 0) return c;
    if (c >= U'a' && c <= U'z') return c - 32;
    if (c >= U'A' && c <= U'Z') return c + 32;
    return c;
  }

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }

  std::mt19937 random_;
};

// The scanner hands rules trimmed lines; a generated line with space at either end is not one.
bool is_trimmed(std::string_view line) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
  return !line.empty() && !space(line.front()) && !space(line.back());
}

// Whether `line` holds one of the ';'-separated `words` (lower case; a space stands for any run of
// whitespace), ignoring ASCII case; true when there are none. Written plainly, apart from the scanner's.
bool has_required_word(std::string_view line, const char* words) {
  if (words == nullptr) return true;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  const auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  const auto word_at = [&](std::size_t at, std::string_view word) {
    for (const char w : word) {
      if (at == line.size()) return false;
      if (w != ' ') {
        if (lower(line[at++]) != w) return false;
        continue;
      }
      if (!space(line[at])) return false;
      while (at < line.size() && space(line[at])) ++at;
    }
    return true;
  };
  std::string_view rest(words);
  for (;;) {
    const auto cut = rest.find(';');
    const auto word = rest.substr(0, cut);
    for (std::size_t at = 0; at < line.size(); ++at) {
      if (word_at(at, word)) return true;
    }
    if (cut == std::string_view::npos) return false;
    rest.remove_prefix(cut + 1);
  }
}

}  // namespace

TEST_CASE("the prefilter lets through every line a built-in rule's pattern matches", "[prefilter]") {
  const LineScanner scanner(ScannerConfig{});
  const auto rules = builtin_rules();
  for (std::uint32_t index = 0; index < rules.size(); ++index) {
    const auto& rule = rules[index];
    INFO("rule " << rule.name);
    REQUIRE(scanner.rule_name(index) == rule.name);
    const RE2 pattern(rule.pattern);
    REQUIRE(pattern.ok());
    const Alternatives grammar = PatternParser(rule.pattern).parse();
    LineGenerator generator(12345u + index);

    int matched = 0;
    std::vector<std::string> held_back;
    std::vector<std::string> lacking_required;
    for (int attempt = 0; attempt < 20000 && matched < 2000; ++attempt) {
      std::string line;
      generator.emit(grammar, line);
      if (!is_trimmed(line) || !RE2::FullMatch(line, pattern)) continue;
      ++matched;
      // `required` words hold for lines of any length.
      if (!has_required_word(line, rule.required) && lacking_required.size() < 5) {
        UNSCOPED_INFO("lacks every required word: [" << line << "]");
        lacking_required.push_back(line);
      }
      // Contains-keywords are only looked for in short lines (LineScanner::kContainsMaxLineBytes).
      if (line.size() > LineScanner::kContainsMaxLineBytes && rule.contains != nullptr) continue;
      if ((scanner.prefilter(line) >> index & 1u) == 0 && held_back.size() < 5) held_back.push_back(line);
    }
    CHECK(matched >= 200);  // the generator reaches the rule
    CHECK(lacking_required.empty());
    for (const auto& line : held_back) {
      INFO("held back: [" << line << "] (" << line.size() << " bytes)");
      CHECK(held_back.empty());
    }
  }
}

TEST_CASE("the prefilter test's generator finds a keyword the table leaves out", "[prefilter]") {
  // A pattern that matches lines starting with a word no keyword names must be caught: the
  // generator produces such lines and the prefilter holds them back.
  const LineScanner scanner(ScannerConfig{});
  const RE2 pattern("(?i)newsflash\\s*:.*");
  const Alternatives grammar = PatternParser(pattern.pattern()).parse();
  LineGenerator generator(7u);
  int held_back = 0;
  for (int attempt = 0; attempt < 200; ++attempt) {
    std::string line;
    generator.emit(grammar, line);
    if (is_trimmed(line) && RE2::FullMatch(line, pattern) && scanner.prefilter(line) == 0) ++held_back;
  }
  CHECK(held_back > 50);
}

namespace {

// Lines built around the table's keywords: pieces of keywords in either case, with single spaces,
// runs of whitespace or tabs, cut short, glued to other text, at the start, in the middle or deep
// inside a long line (around LineScanner::kContainsMaxLineBytes), so that fast paths meet every
// edge the reference handles.
class KeywordLineGenerator {
 public:
  explicit KeywordLineGenerator(std::uint32_t seed) : random_(seed) {
    for (const auto& rule : builtin_rules()) {
      for (const char* list : {rule.starts, rule.contains, rule.required}) {
        if (list == nullptr) continue;
        std::string_view rest(list);
        while (!rest.empty()) {
          const auto cut = rest.find(';');
          keywords_.emplace_back(rest.substr(0, cut));
          if (cut == std::string_view::npos) break;
          rest.remove_prefix(cut + 1);
        }
      }
    }
  }

  std::string line() {
    std::string out;
    const std::size_t pieces = 1 + pick(4);
    for (std::size_t p = 0; p < pieces; ++p) {
      switch (pick(5)) {
        case 0:
          filler(out, pick(3) == 0 ? 250 + pick(100) : pick(40));
          break;
        case 1:
          out += ' ';
          break;
        default:
          keyword(out);
      }
    }
    return out;
  }

 private:
  void keyword(std::string& out) {
    const std::string& word = keywords_[pick(keywords_.size())];
    // Usually whole, sometimes cut short or with one byte changed.
    std::size_t size = pick(4) == 0 ? 1 + pick(word.size()) : word.size();
    const std::size_t changed = pick(5) == 0 ? pick(word.size()) : word.size();
    for (std::size_t i = 0; i < size; ++i) {
      char c = word[i];
      if (c == ' ') {
        static constexpr const char* kSpaces[] = {" ", " ", " ", "  ", "\t", " \t ", "\r", "\v", "\f", "   "};
        out += kSpaces[pick(std::size(kSpaces))];
        continue;
      }
      if (i == changed) c = static_cast<char>(c + 1);
      if (c >= 'a' && c <= 'z' && pick(2) == 0) c = static_cast<char>(c - ('a' - 'A'));
      out += c;
    }
  }

  void filler(std::string& out, std::size_t size) {
    static constexpr const char* kPieces[] = {"the ", "a", "news ", "now ", "  ", "\t", "here", "e", "ch",
                                              " ",    "é", "भी ",   ":",    "|",  "(",  "-",    "x"};
    while (out.size() < size) out += kPieces[pick(std::size(kPieces))];
  }

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }

  std::mt19937 random_;
  std::vector<std::string> keywords_;
};

}  // namespace

TEST_CASE("the prefilter finds the same rules as comparing every keyword everywhere", "[prefilter]") {
  ScannerConfig config;
  config.use_avx2 = GENERATE(true, false);  // the SIMD path where the CPU has one, and the portable one
  const LineScanner scanner(config);
  KeywordLineGenerator generator(2024u);
  int with_candidates = 0;
  int disagreements = 0;
  for (int n = 0; n < 200000; ++n) {
    const std::string line = generator.line();
    const std::uint64_t expected = scanner.prefilter_reference(line);
    with_candidates += expected != 0 ? 1 : 0;
    if (scanner.prefilter(line) != expected && ++disagreements <= 5) {
      INFO("line: [" << line << "] (" << line.size() << " bytes)");
      CHECK(scanner.prefilter(line) == expected);
    }
  }
  CHECK(disagreements == 0);
  CHECK(with_candidates > 50000);  // the lines do reach the rules

  // And on the lines the rules' own patterns generate, matching or not.
  const auto rules = builtin_rules();
  for (std::uint32_t index = 0; index < rules.size(); ++index) {
    const Alternatives grammar = PatternParser(rules[index].pattern).parse();
    LineGenerator pattern_lines(99u + index);
    for (int n = 0; n < 2000; ++n) {
      std::string line;
      pattern_lines.emit(grammar, line);
      if (scanner.prefilter(line) != scanner.prefilter_reference(line) && ++disagreements <= 5) {
        INFO("rule " << rules[index].name << ", line: [" << line << "]");
        CHECK(scanner.prefilter(line) == scanner.prefilter_reference(line));
      }
    }
  }
  CHECK(disagreements == 0);
}

TEST_CASE("the prefilter's SIMD and portable paths agree with the reference at every offset", "[prefilter]") {
  // A contains-keyword at each place relative to the 32-byte blocks and the line's end (the last,
  // overlapping block and the padded copy of short lines), in either case, and cut one byte short.
  ScannerConfig portable_config;
  portable_config.use_avx2 = false;
  const LineScanner simd(ScannerConfig{});
  const LineScanner portable(portable_config);
  int disagreements = 0;
  int found = 0;
  for (const auto& rule : builtin_rules()) {
    if (rule.contains == nullptr) continue;
    std::string_view rest(rule.contains);
    while (!rest.empty()) {
      const auto cut = rest.find(';');
      const std::string keyword(rest.substr(0, cut));
      rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
      for (const bool whole : {true, false}) {
        std::string word = whole ? keyword : keyword.substr(0, keyword.size() - 1);
        if (whole) word[0] = static_cast<char>(word[0] - ('a' - 'A'));
        for (std::size_t before = 0; before < 80; ++before) {
          for (std::size_t after = 0; after < 40; after += 3) {
            const std::string line = std::string(before, 'x') + word + std::string(after, 'y');
            const std::uint64_t expected = simd.prefilter_reference(line);
            found += expected != 0 ? 1 : 0;
            if ((simd.prefilter(line) != expected || portable.prefilter(line) != expected) && ++disagreements <= 5) {
              INFO("line: [" << line << "] (" << line.size() << " bytes)");
              CHECK(simd.prefilter(line) == expected);
              CHECK(portable.prefilter(line) == expected);
            }
          }
        }
      }
    }
  }
  CHECK(disagreements == 0);
  CHECK(found > 1000);
}
