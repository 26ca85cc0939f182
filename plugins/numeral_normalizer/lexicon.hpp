// The number words: a fixed table looked up by a small open-addressing hash over lowercased ASCII.
#pragma once

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

// Looks up an ASCII word case-insensitively; nullptr when it is not a number word.
[[nodiscard]] const NumberWord* find_number_word(std::string_view word) noexcept;

// True for bytes that can start a number word (a quick filter before the lookup).
[[nodiscard]] bool may_start_number_word(unsigned char c) noexcept;

}  // namespace numeral
