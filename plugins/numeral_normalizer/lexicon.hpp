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

// A quick filter before the lookup, one bit per word shape: the first three letters (case folded)
// and whether a fourth letter follows. A bit is set for every number word that can start a
// numeral ("one", "thousands", "a"), so "the", "for", "that" fail here and most words never reach
// the hash table. What follows a short word does not matter: "a" sets the bits of "a" followed by
// anything, so the index of a word can be taken from the bytes after its start without looking
// for its end (which the scanner does for 16 positions at once).
struct StarterFilter {
  // c0..c2: letter codes of the word's first three bytes (see letter_code: 0 for a non-letter);
  // longer: the fourth byte is a letter.
  static constexpr std::size_t index(unsigned c0, unsigned c1, unsigned c2, bool longer) {
    return (std::size_t{c0} << 11) | (std::size_t{c1} << 6) | (std::size_t{c2} << 1) | (longer ? 1u : 0u);
  }
  [[nodiscard]] constexpr bool test(std::size_t i) const { return (bits[i / 64] >> (i % 64)) & 1u; }
  constexpr void set(std::size_t i) { bits[i / 64] |= std::uint64_t{1} << (i % 64); }
  // Sets the bits of a word of letters, whatever follows it.
  constexpr void add_word(std::string_view word);
  std::array<std::uint64_t, (std::size_t{1} << 16) / 64> bits{};
};
extern const StarterFilter kStarterFilter;
// The same filter for every number word, whether it can start a numeral or not: a word that fails
// it is no number word.
extern const StarterFilter kNumberWordFilter;

// An ASCII letter's code, case folded: 1 for a/A ... 26 for z/Z; 0 for any other byte.
[[nodiscard]] constexpr unsigned letter_code(char c) noexcept {
  const auto byte = static_cast<unsigned char>(c);
  const unsigned folded = byte | 0x20u;
  return folded >= 'a' && folded <= 'z' ? folded & 31u : 0u;
}

constexpr void StarterFilter::add_word(std::string_view word) {
  const unsigned c0 = letter_code(word[0]);
  const unsigned c1 = word.size() > 1 ? letter_code(word[1]) : 0;
  const unsigned c2 = word.size() > 2 ? letter_code(word[2]) : 0;
  // Bytes past the end of a word of one or two letters: any code, and a letter or not after them.
  for (unsigned after = 0; after < 32; ++after) {
    for (const bool longer : {false, true}) {
      if (word.size() == 1) set(index(c0, 0, after, longer));
      if (word.size() == 2 && after == 0) set(index(c0, c1, 0, longer));
    }
  }
  if (word.size() >= 3) set(index(c0, c1, c2, word.size() > 3));
}

}  // namespace numeral
