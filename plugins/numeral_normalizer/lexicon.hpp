// The number words: a fixed table looked up by a small open-addressing hash over lowercased ASCII.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace numeral {

enum class WordKind : std::uint8_t {
  Unit,       // zero..nine (value)
  Teen,       // ten..nineteen
  Tens,       // twenty..ninety
  Hundred,    // hundred(s)
  Scale,      // thousand, million, lakh, crore, ... (value = power of ten)
  Dozen,      // dozen(s)
  Ordinal,    // first, twentieth, hundredth, ... (value = position; `place` says which slot it fills)
  Fractions,  // plural denominators: thirds, quarters, hundredths (value = denominator)
  Half,       // half (value 2 as a denominator)
  Quarter,    // quarter (value 4)
  Article,    // a, an: "one" before a scale word or a fraction
  Minus,      // minus, negative
  And,
  Point,
  Percent,  // percent, percentage, percents, pct
  Per,      // "per" of "per cent"
  Cent,     // "cent" of "per cent"
  Over,     // "one over twenty"
};

// Which slot of a spelled-out number an ordinal fills ("twenty-first": Unit; "hundredth": Hundred).
enum class Place : std::uint8_t { None, Unit, Teen, Tens, Hundred, Scale };

struct NumberWord {
  std::string_view word;
  WordKind kind;
  std::uint64_t value;
  Place place = Place::None;
  bool plural = false;        // hundreds, thousands, lakhs, dozens: vague on their own
  bool abbreviation = false;  // bn, mn, cr: only right after a number
};

// Looks up a word of ASCII letters case-insensitively; nullptr when it is not a number word.
[[nodiscard]] const NumberWord* find_number_word(std::string_view word) noexcept;

// A quick filter before the lookup: a bit per three-letter prefix (and per one- or two-letter
// word) of the number words that can start a numeral ("one", "thousands", "a"). "the", "and",
// "that" fail here, so most words never reach the hash table.
struct StarterFilter {
  static constexpr std::size_t prefix_index(std::string_view w) {
    return ((static_cast<std::size_t>(w[0]) & 31) << 10) | ((static_cast<std::size_t>(w[1]) & 31) << 5) |
           (static_cast<std::size_t>(w[2]) & 31);
  }
  static constexpr std::size_t short_index(std::string_view w) {
    return ((static_cast<std::size_t>(w[0]) & 31) << 5) | (w.size() == 2 ? (static_cast<std::size_t>(w[1]) & 31) : 0);
  }
  std::array<std::uint64_t, 32768 / 64> prefixes{};
  std::array<std::uint64_t, 1024 / 64> short_words{};
};
extern const StarterFilter kStarterFilter;

// Letters only (ASCII); & 31 folds case.
[[nodiscard]] inline bool may_start_numeral(std::string_view word) noexcept {
  if (word.size() > 2) {
    const std::size_t index = StarterFilter::prefix_index(word);
    return (kStarterFilter.prefixes[index / 64] >> (index % 64)) & 1u;
  }
  if (word.empty()) return false;
  const std::size_t index = StarterFilter::short_index(word);
  return (kStarterFilter.short_words[index / 64] >> (index % 64)) & 1u;
}

}  // namespace numeral
