// Finds numerals (and the number-like things that are not numerals) in a text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "exact_decimal.hpp"

namespace numeral {

enum class FindingType { Numeral, Quantity, Time, Date, Phone };

struct Finding {
  FindingType type = FindingType::Numeral;
  std::size_t begin = 0;  // byte offsets into the scanned text
  std::size_t end = 0;
  ExactDecimal value;              // Numeral: the value; Quantity: the lower bound
  std::string_view kind;           // Numeral: cardinal|ordinal|fraction|percent|year (static text)
  bool exact = true;               // false when the value is rounded (see rational)
  std::string rational;            // "2/3" when !exact
  std::string_view approximation;  // "more than", "nearly", ... lowercased (static text)
  std::string_view bound;          // lower|upper|approximate, from the approximation
  int scale_power = 0;             // trailing scale words' power of ten ("5 million": 6), for shared-scale ranges
  bool range_start = false;        // first end of a range with the next finding
  bool range_end = false;          // second end of a range with the previous finding
  std::string label;               // Time/Date/Phone: normalized text; Quantity: the unit word
};

// Scans text and returns the findings in text order, never overlapping.
// Works on bytes: invalid UTF-8 is skipped over like any other non-number text.
[[nodiscard]] std::vector<Finding> scan(std::string_view text);
// The same into `out`, replacing its contents but keeping its capacity (a buffer reused per thread).
void scan(std::string_view text, std::vector<Finding>& out);

// The same scan with the fast filter and the fast paths off: every word start, digit, sign and
// point goes to the full parser. Slow; for tests that check the filter never skips a numeral.
[[nodiscard]] std::vector<Finding> scan_unfiltered(std::string_view text);

// scan() with the filter's blocks classified by the SSE2 code even where the CPU has AVX2: for
// tests, so that both classifiers are checked on a machine that has AVX2.
[[nodiscard]] std::vector<Finding> scan_without_avx2(std::string_view text);

// scan() with every numeral built by the full parser, none by the fast paths for common shapes
// (a plain number such as "2019" or "2.5"): for tests that compare the two.
[[nodiscard]] std::vector<Finding> scan_without_fast_paths(std::string_view text);

}  // namespace numeral
