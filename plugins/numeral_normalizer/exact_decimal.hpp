// Exact decimal arithmetic on digit strings for numeral values: no doubles, so "2.8 million" is
// exactly 2800000 and a 5,000-digit number keeps every digit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace numeral {

// Values with more digits than this (integer plus fraction digits when written out) are not
// computed: they are flagged as too large instead, so absurd input cannot exhaust memory.
inline constexpr std::size_t kMaxValueDigits = 10000;

// coefficient × 10^exponent, with a sign. A default-constructed value is zero.
class ExactDecimal {
 public:
  ExactDecimal() = default;
  static ExactDecimal from_integer(std::uint64_t value);
  // digits: ASCII digits only (separators already removed); fraction_digits of them follow the point.
  static ExactDecimal from_digits(std::string_view digits, std::size_t fraction_digits);

  [[nodiscard]] bool is_zero() const noexcept { return coefficient_.empty(); }
  [[nodiscard]] bool negative() const noexcept { return negative_; }
  [[nodiscard]] bool overflow() const noexcept { return overflow_; }
  // True when the value has no fractional part.
  [[nodiscard]] bool is_integer() const noexcept;
  // The value as an unsigned integer when it is a non-negative integer below 2^63.
  [[nodiscard]] bool to_uint64(std::uint64_t& out) const noexcept;

  void negate() noexcept {
    if (!is_zero()) negative_ = !negative_;
  }
  void multiply_pow10(std::int64_t power);
  void multiply_small(std::uint32_t factor);
  void add(const ExactDecimal& other);
  // a × b for small values (both sides are at most a few dozen digits in practice).
  void multiply(const ExactDecimal& other);
  [[nodiscard]] int compare(const ExactDecimal& other) const;  // -1, 0, 1

  // Plain decimal text: "-12.5", "0", "2800000". Never an exponent. Empty when overflowed.
  [[nodiscard]] std::string to_string() const;

 private:
  void normalize();
  void check_size();

  bool negative_ = false;
  bool overflow_ = false;
  std::string coefficient_;  // decimal digits, most significant first, no leading or trailing zeros
  std::int64_t exponent_ = 0;
};

// The result of dividing by a whole number: exact when the quotient terminates, otherwise rounded
// to kRoundedFractionDigits decimals with the reduced fraction in `rational` ("2/3").
struct Quotient {
  ExactDecimal value;
  bool exact = true;
  std::string rational;
};
inline constexpr int kRoundedFractionDigits = 6;
[[nodiscard]] Quotient divide(const ExactDecimal& numerator, std::uint64_t denominator);

}  // namespace numeral
