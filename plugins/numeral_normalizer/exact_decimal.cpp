#include "exact_decimal.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

namespace numeral {
namespace {

// Digits of a written-out value: integer digits plus fraction digits.
std::size_t written_digits(std::size_t coefficient_digits, std::int64_t exponent) {
  if (exponent >= 0) return coefficient_digits + static_cast<std::size_t>(exponent);
  const auto fraction = static_cast<std::size_t>(-exponent);
  return std::max(coefficient_digits, fraction) + 1;
}

// Compares two digit strings of magnitudes (no leading zeros).
int compare_magnitude(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string add_magnitude(const std::string& a, const std::string& b) {
  std::string sum(std::max(a.size(), b.size()) + 1, '0');
  int carry = 0;
  for (std::size_t i = 0; i < sum.size(); ++i) {
    int digit = carry;
    if (i < a.size()) digit += a[a.size() - 1 - i] - '0';
    if (i < b.size()) digit += b[b.size() - 1 - i] - '0';
    sum[sum.size() - 1 - i] = static_cast<char>('0' + digit % 10);
    carry = digit / 10;
  }
  return sum;
}

// a - b with a >= b.
std::string subtract_magnitude(const std::string& a, const std::string& b) {
  std::string difference(a.size(), '0');
  int borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    int digit = (a[a.size() - 1 - i] - '0') - borrow;
    if (i < b.size()) digit -= b[b.size() - 1 - i] - '0';
    borrow = digit < 0 ? 1 : 0;
    difference[a.size() - 1 - i] = static_cast<char>('0' + digit + 10 * borrow);
  }
  return difference;
}

std::uint64_t remainder_of(const std::string& digits, std::uint64_t divisor) {
  unsigned __int128 remainder = 0;
  for (const char c : digits) remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % divisor;
  return static_cast<std::uint64_t>(remainder);
}

// Long division of a digit string by a whole number; the quotient keeps `extra_digits` more digits
// (i.e. it is digits × 10^extra_digits / divisor, truncated). Returns the quotient's digits.
std::string divide_digits(const std::string& digits, std::uint64_t divisor, std::size_t extra_digits,
                          std::uint64_t& remainder_out) {
  std::string quotient;
  quotient.reserve(digits.size() + extra_digits);
  unsigned __int128 remainder = 0;
  for (std::size_t i = 0; i < digits.size() + extra_digits; ++i) {
    const unsigned digit = i < digits.size() ? static_cast<unsigned>(digits[i] - '0') : 0;
    remainder = remainder * 10 + digit;
    quotient.push_back(static_cast<char>('0' + static_cast<int>(remainder / divisor)));
    remainder %= divisor;
  }
  remainder_out = static_cast<std::uint64_t>(remainder);
  return quotient;
}

}  // namespace

ExactDecimal ExactDecimal::from_integer(std::uint64_t value) {
  return from_digits(std::to_string(value), 0);
}

ExactDecimal ExactDecimal::from_digits(std::string_view digits, std::size_t fraction_digits) {
  // normalize() without copying the zeros it would then erase: every numeral in digits comes here.
  ExactDecimal result;
  std::size_t first = 0;
  while (first < digits.size() && digits[first] == '0') ++first;
  if (first == digits.size()) return result;  // zero
  std::size_t last = digits.size();
  while (digits[last - 1] == '0') --last;
  result.coefficient_.assign(digits.substr(first, last - first));
  result.exponent_ = static_cast<std::int64_t>(digits.size() - last) - static_cast<std::int64_t>(fraction_digits);
  result.check_size();
  return result;
}

void ExactDecimal::normalize() {
  const auto first = coefficient_.find_first_not_of('0');
  if (first == std::string::npos) {
    coefficient_.clear();
    exponent_ = 0;
    negative_ = false;
    return;
  }
  coefficient_.erase(0, first);
  const auto last = coefficient_.find_last_not_of('0');
  exponent_ += static_cast<std::int64_t>(coefficient_.size() - 1 - last);
  coefficient_.resize(last + 1);
  check_size();
}

void ExactDecimal::check_size() {
  if (overflow_ || written_digits(coefficient_.size(), exponent_) > kMaxValueDigits) {
    overflow_ = true;
    coefficient_.clear();
    exponent_ = 0;
  }
}

bool ExactDecimal::is_integer() const noexcept {
  return exponent_ >= 0;
}

bool ExactDecimal::to_uint64(std::uint64_t& out) const noexcept {
  if (overflow_ || negative_ || exponent_ < 0) return false;
  if (written_digits(coefficient_.size(), exponent_) > 18) return false;
  std::uint64_t value = 0;
  for (const char c : coefficient_) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  for (std::int64_t i = 0; i < exponent_; ++i) value *= 10;
  out = value;
  return true;
}

void ExactDecimal::multiply_pow10(std::int64_t power) {
  if (overflow_ || is_zero()) return;
  // Guard the exponent itself against absurd stacking before checking the written size.
  if (power > static_cast<std::int64_t>(kMaxValueDigits) || power < -static_cast<std::int64_t>(kMaxValueDigits)) {
    overflow_ = true;
    coefficient_.clear();
    return;
  }
  exponent_ += power;
  check_size();
}

void ExactDecimal::multiply_small(std::uint32_t factor) {
  if (overflow_ || is_zero()) return;
  if (factor == 0) {
    *this = ExactDecimal();
    return;
  }
  std::string product(coefficient_.size() + 10, '0');
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < product.size(); ++i) {
    std::uint64_t digit = carry;
    if (i < coefficient_.size())
      digit += static_cast<std::uint64_t>(coefficient_[coefficient_.size() - 1 - i] - '0') * factor;
    product[product.size() - 1 - i] = static_cast<char>('0' + digit % 10);
    carry = digit / 10;
  }
  coefficient_ = std::move(product);
  normalize();
}

void ExactDecimal::multiply(const ExactDecimal& other) {
  if (overflow_ || other.overflow_) {
    overflow_ = true;
    coefficient_.clear();
    return;
  }
  if (is_zero() || other.is_zero()) {
    *this = ExactDecimal();
    return;
  }
  if (written_digits(coefficient_.size() + other.coefficient_.size(), exponent_ + other.exponent_) > kMaxValueDigits) {
    overflow_ = true;
    coefficient_.clear();
    return;
  }
  std::vector<std::uint32_t> sums(coefficient_.size() + other.coefficient_.size(), 0);
  for (std::size_t i = 0; i < coefficient_.size(); ++i) {
    for (std::size_t j = 0; j < other.coefficient_.size(); ++j) {
      sums[i + j + 1] += static_cast<std::uint32_t>((coefficient_[i] - '0') * (other.coefficient_[j] - '0'));
    }
    // Carry after each row so no cell can overflow however long the operands are.
    for (std::size_t k = sums.size() - 1; k > 0; --k) {
      sums[k - 1] += sums[k] / 10;
      sums[k] %= 10;
    }
  }
  std::string product(sums.size(), '0');
  for (std::size_t k = 0; k < sums.size(); ++k) product[k] = static_cast<char>('0' + sums[k]);
  coefficient_ = std::move(product);
  exponent_ += other.exponent_;
  negative_ = negative_ != other.negative_;
  normalize();
}

void ExactDecimal::add(const ExactDecimal& other) {
  if (overflow_ || other.overflow_) {
    overflow_ = true;
    coefficient_.clear();
    return;
  }
  if (other.is_zero()) return;
  if (is_zero()) {
    *this = other;
    return;
  }
  const std::int64_t low = std::min(exponent_, other.exponent_);
  const std::int64_t high = std::max(exponent_ + static_cast<std::int64_t>(coefficient_.size()),
                                     other.exponent_ + static_cast<std::int64_t>(other.coefficient_.size()));
  if (high - low > static_cast<std::int64_t>(kMaxValueDigits)) {
    overflow_ = true;
    coefficient_.clear();
    return;
  }
  std::string a = coefficient_ + std::string(static_cast<std::size_t>(exponent_ - low), '0');
  std::string b = other.coefficient_ + std::string(static_cast<std::size_t>(other.exponent_ - low), '0');
  if (negative_ == other.negative_) {
    coefficient_ = add_magnitude(a, b);
  } else if (compare_magnitude(a, b) >= 0) {
    coefficient_ = subtract_magnitude(a, b);
  } else {
    coefficient_ = subtract_magnitude(b, a);
    negative_ = other.negative_;
  }
  exponent_ = low;
  normalize();
}

int ExactDecimal::compare(const ExactDecimal& other) const {
  ExactDecimal difference = *this;
  ExactDecimal negated = other;
  negated.negate();
  difference.add(negated);
  if (difference.is_zero()) return 0;
  return difference.negative() ? -1 : 1;
}

std::string ExactDecimal::to_string() const {
  if (overflow_) return {};
  if (is_zero()) return "0";
  if (!negative_ && exponent_ == 0) return coefficient_;  // most values: a plain integer
  std::string text = negative_ ? "-" : "";
  if (exponent_ >= 0) {
    text += coefficient_;
    text.append(static_cast<std::size_t>(exponent_), '0');
    return text;
  }
  const auto fraction = static_cast<std::size_t>(-exponent_);
  if (coefficient_.size() > fraction) {
    text += coefficient_.substr(0, coefficient_.size() - fraction);
    text += '.';
    text += coefficient_.substr(coefficient_.size() - fraction);
  } else {
    text += "0.";
    text.append(fraction - coefficient_.size(), '0');
    text += coefficient_;
  }
  return text;
}

Quotient divide(const ExactDecimal& numerator, std::uint64_t denominator) {
  Quotient result;
  if (numerator.overflow() || denominator == 0) {
    result.value = numerator;
    result.value.multiply_pow10(static_cast<std::int64_t>(kMaxValueDigits) + 1);  // flags overflow
    result.exact = false;
    return result;
  }
  if (numerator.is_zero()) return result;
  // Work on the magnitude's digits: value = digits × 10^exponent.
  std::string text = numerator.to_string();
  if (numerator.negative()) text.erase(0, 1);
  std::int64_t exponent = 0;
  if (const auto point = text.find('.'); point != std::string::npos) {
    exponent = -static_cast<std::int64_t>(text.size() - point - 1);
    text.erase(point, 1);
  }
  // Reduce the fraction digits/denominator by their common factor.
  const std::uint64_t common = std::gcd(remainder_of(text, denominator), denominator);
  std::uint64_t unused = 0;
  ExactDecimal reduced = ExactDecimal::from_digits(divide_digits(text, common, 0, unused), 0);
  std::uint64_t reduced_denominator = denominator / common;

  std::uint64_t rest = reduced_denominator;
  int twos = 0, fives = 0;
  while (rest % 2 == 0) rest /= 2, ++twos;
  while (rest % 5 == 0) rest /= 5, ++fives;
  if (rest == 1) {
    // Terminates: multiply up to a power of ten.
    const int shift = std::max(twos, fives);
    for (int i = twos; i < shift; ++i) reduced.multiply_small(2);
    for (int i = fives; i < shift; ++i) reduced.multiply_small(5);
    reduced.multiply_pow10(exponent - shift);
    if (numerator.negative()) reduced.negate();
    result.value = reduced;
    return result;
  }
  result.exact = false;
  ExactDecimal exact_numerator = reduced;
  exact_numerator.multiply_pow10(exponent);
  if (numerator.negative()) exact_numerator.negate();
  result.rational = exact_numerator.to_string();
  result.rational += '/';
  result.rational += std::to_string(reduced_denominator);
  // Rounded: enough extra digits for the exponent's shift plus one guard digit for rounding.
  const std::int64_t extra = kRoundedFractionDigits + 1 + std::max<std::int64_t>(0, exponent);
  const std::string reduced_digits = reduced.to_string();
  std::uint64_t remainder = 0;
  std::string quotient = divide_digits(reduced_digits, reduced_denominator, static_cast<std::size_t>(extra), remainder);
  // quotient = reduced × 10^extra / d; the value is quotient × 10^(exponent - extra).
  ExactDecimal truncated = ExactDecimal::from_digits(quotient, 0);
  truncated.multiply_pow10(exponent - extra);
  // Round half up at kRoundedFractionDigits decimals.
  std::string digits = truncated.to_string();
  const auto point = digits.find('.');
  std::size_t keep = digits.size();
  if (point != std::string::npos && digits.size() - point - 1 > static_cast<std::size_t>(kRoundedFractionDigits)) {
    keep = point + 1 + kRoundedFractionDigits;
  }
  const bool round_up = keep < digits.size() && digits[keep] >= '5';
  digits.resize(keep);
  const auto new_point = digits.find('.');
  const std::size_t fraction_digits = new_point == std::string::npos ? 0 : digits.size() - new_point - 1;
  if (new_point != std::string::npos) digits.erase(new_point, 1);
  ExactDecimal rounded = ExactDecimal::from_digits(digits, fraction_digits);
  if (round_up) {
    ExactDecimal unit = ExactDecimal::from_integer(1);
    unit.multiply_pow10(-static_cast<std::int64_t>(fraction_digits));
    rounded.add(unit);
  }
  if (numerator.negative()) rounded.negate();
  result.value = rounded;
  return result;
}

}  // namespace numeral
