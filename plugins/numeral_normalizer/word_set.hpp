// Case-insensitive comparison of ASCII words with fixed lowercase words, and WordSet: a fixed list
// of such words looked up by a packed integer key; ASCII letters found eight bytes at a time.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace numeral {

// Bit 7 of each byte of `bytes` that is an ASCII letter, A-Z or a-z, for eight bytes at
// once: bytes of 0x80 and above are no letter; below, (b | 0x20) is in 'a'..'z' when adding 0x1F
// reaches bit 7 and adding 0x05 does not. (No sum carries into the next byte.)
inline std::uint64_t ascii_letter_bytes(std::uint64_t bytes) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const std::uint64_t folded = (bytes | 0x2020202020202020ull) & ~kHigh;
  const std::uint64_t from_a = folded + 0x1F1F1F1F1F1F1F1Full;
  const std::uint64_t past_z = folded + 0x0505050505050505ull;
  return from_a & ~past_z & ~bytes & kHigh;
}
inline bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline char to_lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool equals_lower(std::string_view text, std::string_view lower_word) {
  if (text.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (to_lower(text[i]) != lower_word[i]) return false;
  }
  return true;
}

// A word of one to eight ASCII letters, lowercased (| 0x20 lowercases letters and only them),
// packed into one integer: such words compare as one number, without a byte loop. Two loads
// that may overlap, since OR-ing a byte in twice changes nothing. Zero for any other length.
inline std::uint64_t letters_key(std::string_view letters) noexcept {
  const std::size_t n = letters.size();
  if (n == 0 || n > 8) return 0;
  if constexpr (std::endian::native != std::endian::little) {
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < n; ++i) key |= std::uint64_t{static_cast<unsigned char>(letters[i]) | 0x20u} << (8 * i);
    return key;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(letters.data());
  std::uint64_t key = 0;
  if (n >= 4) {
    std::uint32_t first = 0, last = 0;
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    key = first | (std::uint64_t{last} << (8 * (n - 4)));
  } else {
    key = p[0] | (std::uint64_t{p[n / 2]} << (8 * (n / 2))) | (std::uint64_t{p[n - 1]} << (8 * (n - 1)));
  }
  const std::uint64_t used_bytes = n == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * n)) - 1;
  return key | (0x2020202020202020ull & used_bytes);
}

constexpr std::uint64_t letters_key_constexpr(std::string_view lower_word) {
  if (lower_word.empty() || lower_word.size() > 8) return 0;
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < lower_word.size(); ++i) {
    key |= std::uint64_t{static_cast<unsigned char>(lower_word[i])} << (8 * i);
  }
  return key;
}

// A fixed list of lowercase words, looked up case-insensitively by words of ASCII letters (as
// word_before() and word_after() return them). Most looked-up words are in no list: the words of
// up to 8 letters sit in a small table without collisions (the multiplier is searched for at
// compile time), so a lookup is one multiply and one compare.
template <std::size_t N>
class WordSet {
 public:
  constexpr explicit WordSet(const std::array<std::string_view, N>& words) : words_(words) {
    for (std::uint64_t multiplier = 0x9E3779B97F4A7C15ull;; multiplier += 0x2545F4914F6CDD1Eull) {
      if (fill(multiplier)) break;
    }
  }
  // The index of `letters` in the list (its first entry), or N.
  [[nodiscard]] std::size_t find(std::string_view letters) const noexcept {
    if (letters.size() > 8) {
      for (std::size_t i = 0; i < N; ++i) {
        if (equals_lower(letters, words_[i])) return i;
      }
      return N;
    }
    const std::uint64_t key = letters_key(letters);
    const std::size_t slot = slot_of(key);
    return key != 0 && slot_keys_[slot] == key ? slot_words_[slot] : N;
  }
  [[nodiscard]] bool contains(std::string_view letters) const noexcept { return find(letters) != N; }
  [[nodiscard]] constexpr std::string_view operator[](std::size_t i) const { return words_[i]; }
  [[nodiscard]] static constexpr std::size_t size() { return N; }

 private:
  static constexpr unsigned kSlotBits = 7;
  static_assert(N <= 32, "a table of 128 slots for a few dozen words");

  [[nodiscard]] constexpr std::size_t slot_of(std::uint64_t key) const {
    return (key * multiplier_) >> (64 - kSlotBits);
  }

  // Places every word of up to 8 letters in its slot; false on a collision.
  constexpr bool fill(std::uint64_t multiplier) {
    multiplier_ = multiplier;
    slot_keys_.fill(0);
    slot_words_.fill(N);
    for (std::size_t i = 0; i < N; ++i) {
      const std::uint64_t key = letters_key_constexpr(words_[i]);
      if (key == 0) continue;  // longer than 8 letters: compared one by one
      const std::size_t slot = slot_of(key);
      if (slot_keys_[slot] == key) continue;  // a repeated word keeps its first index
      if (slot_keys_[slot] != 0) return false;
      slot_keys_[slot] = key;
      slot_words_[slot] = static_cast<std::uint8_t>(i);
    }
    return true;
  }

  std::array<std::string_view, N> words_;
  std::uint64_t multiplier_ = 0;
  std::array<std::uint64_t, std::size_t{1} << kSlotBits> slot_keys_{};  // 0: empty
  std::array<std::uint8_t, std::size_t{1} << kSlotBits> slot_words_{};  // index into words_
};

}  // namespace numeral
