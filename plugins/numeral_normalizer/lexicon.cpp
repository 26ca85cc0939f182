#include "lexicon.hpp"

#include <array>
#include <bit>
#include <cstring>

#include "word_set.hpp"

namespace numeral {
namespace {

using enum WordKind;

constexpr NumberWord kWords[] = {
    {"zero", Unit, 0},
    {"nought", Unit, 0},
    {"naught", Unit, 0},
    {"one", Unit, 1},
    {"two", Unit, 2},
    {"three", Unit, 3},
    {"four", Unit, 4},
    {"five", Unit, 5},
    {"six", Unit, 6},
    {"seven", Unit, 7},
    {"eight", Unit, 8},
    {"nine", Unit, 9},
    {"ten", Teen, 10},
    {"eleven", Teen, 11},
    {"twelve", Teen, 12},
    {"thirteen", Teen, 13},
    {"fourteen", Teen, 14},
    {"fifteen", Teen, 15},
    {"sixteen", Teen, 16},
    {"seventeen", Teen, 17},
    {"eighteen", Teen, 18},
    {"nineteen", Teen, 19},
    {"tens", Tens, 10, Place::None, true},
    {"twenty", Tens, 20},
    {"thirty", Tens, 30},
    {"forty", Tens, 40},
    {"fourty", Tens, 40},
    {"fifty", Tens, 50},
    {"sixty", Tens, 60},
    {"seventy", Tens, 70},
    {"eighty", Tens, 80},
    {"ninety", Tens, 90},
    {"hundred", Hundred, 2},
    {"hundreds", Hundred, 2, Place::None, true},
    {"thousand", Scale, 3},
    {"thousands", Scale, 3, Place::None, true},
    {"lakh", Scale, 5},
    {"lakhs", Scale, 5, Place::None, true},
    {"lac", Scale, 5},
    {"lacs", Scale, 5, Place::None, true},
    {"million", Scale, 6},
    {"millions", Scale, 6, Place::None, true},
    {"crore", Scale, 7},
    {"crores", Scale, 7, Place::None, true},
    {"billion", Scale, 9},
    {"billions", Scale, 9, Place::None, true},
    {"arab", Scale, 9},
    {"trillion", Scale, 12},
    {"trillions", Scale, 12, Place::None, true},
    {"k", Scale, 3, Place::None, false, true},
    {"mn", Scale, 6, Place::None, false, true},
    {"mln", Scale, 6, Place::None, false, true},
    {"bn", Scale, 9, Place::None, false, true},
    {"bln", Scale, 9, Place::None, false, true},
    {"tn", Scale, 12, Place::None, false, true},
    {"tln", Scale, 12, Place::None, false, true},
    {"trn", Scale, 12, Place::None, false, true},
    {"cr", Scale, 7, Place::None, false, true},
    {"crs", Scale, 7, Place::None, false, true},
    {"dozen", Dozen, 12},
    {"dozens", Dozen, 12, Place::None, true},
    {"first", Ordinal, 1, Place::Unit},
    {"second", Ordinal, 2, Place::Unit},
    {"third", Ordinal, 3, Place::Unit},
    {"fourth", Ordinal, 4, Place::Unit},
    {"fifth", Ordinal, 5, Place::Unit},
    {"sixth", Ordinal, 6, Place::Unit},
    {"seventh", Ordinal, 7, Place::Unit},
    {"eighth", Ordinal, 8, Place::Unit},
    {"ninth", Ordinal, 9, Place::Unit},
    {"tenth", Ordinal, 10, Place::Teen},
    {"eleventh", Ordinal, 11, Place::Teen},
    {"twelfth", Ordinal, 12, Place::Teen},
    {"thirteenth", Ordinal, 13, Place::Teen},
    {"fourteenth", Ordinal, 14, Place::Teen},
    {"fifteenth", Ordinal, 15, Place::Teen},
    {"sixteenth", Ordinal, 16, Place::Teen},
    {"seventeenth", Ordinal, 17, Place::Teen},
    {"eighteenth", Ordinal, 18, Place::Teen},
    {"nineteenth", Ordinal, 19, Place::Teen},
    {"twentieth", Ordinal, 20, Place::Tens},
    {"thirtieth", Ordinal, 30, Place::Tens},
    {"fortieth", Ordinal, 40, Place::Tens},
    {"fiftieth", Ordinal, 50, Place::Tens},
    {"sixtieth", Ordinal, 60, Place::Tens},
    {"seventieth", Ordinal, 70, Place::Tens},
    {"eightieth", Ordinal, 80, Place::Tens},
    {"ninetieth", Ordinal, 90, Place::Tens},
    {"hundredth", Ordinal, 100, Place::Hundred},
    {"thousandth", Ordinal, 1000, Place::Scale},
    {"millionth", Ordinal, 1000000, Place::Scale},
    {"billionth", Ordinal, 1000000000, Place::Scale},
    {"trillionth", Ordinal, 1000000000000, Place::Scale},
    {"halves", Fractions, 2},
    {"thirds", Fractions, 3},
    {"quarters", Fractions, 4},
    {"fourths", Fractions, 4},
    {"fifths", Fractions, 5},
    {"sixths", Fractions, 6},
    {"sevenths", Fractions, 7},
    {"eighths", Fractions, 8},
    {"ninths", Fractions, 9},
    {"tenths", Fractions, 10},
    {"twelfths", Fractions, 12},
    {"sixteenths", Fractions, 16},
    {"twentieths", Fractions, 20},
    {"hundredths", Fractions, 100},
    {"thousandths", Fractions, 1000},
    {"millionths", Fractions, 1000000},
    {"billionths", Fractions, 1000000000},
    {"trillionths", Fractions, 1000000000000},
    {"half", Half, 2},
    {"quarter", Quarter, 4},
    {"a", Article, 1},
    {"an", Article, 1},
    {"minus", Minus, 0},
    {"negative", Minus, 0},
    {"and", And, 0},
    {"point", Point, 0},
    {"percent", Percent, 0},
    {"percentage", Percent, 0},
    {"percents", Percent, 0},
    {"pct", Percent, 0},
    {"per", Per, 0},
    {"cent", Cent, 0},
    {"over", Over, 0},
};

constexpr std::size_t kLongestWord = 12;
constexpr std::size_t kTableBits = 10;
constexpr std::size_t kTableSize = std::size_t{1} << kTableBits;  // under 15% full: probes are short

// Words made only of letters lowercase with | 0x20; the first eight bytes packed into one integer
// are compared before any byte loop, so most misses cost one multiply and one load.
constexpr std::uint64_t pack_prefix(std::string_view word) {
  std::uint64_t key = 0;
  const std::size_t n = word.size() < 8 ? word.size() : 8;
  for (std::size_t i = 0; i < n; ++i) key |= std::uint64_t{static_cast<unsigned char>(word[i]) | 0x20u} << (8 * i);
  return key;
}

// pack_prefix() for a word of one letter or more, without the byte loop (every scanned word is
// looked up): the same packing as WordSet's.
std::uint64_t pack_prefix_at_run_time(std::string_view word) noexcept {
  return letters_key(word.substr(0, word.size() < 8 ? word.size() : 8));
}

constexpr std::size_t slot_of(std::uint64_t prefix, std::size_t length) {
  return static_cast<std::size_t>(((prefix + length) * 0x9E3779B97F4A7C15ull) >> (64 - kTableBits));
}

constexpr bool starts_a_numeral(const NumberWord& w) {
  switch (w.kind) {
    case Unit:
    case Teen:
    case Tens:
    case Hundred:
    case Ordinal:
    case Half:
    case Quarter:
    case Article:
    case Minus:
      return true;
    case Scale:
    case Dozen:
      return w.plural && !w.abbreviation;  // "thousands of", "dozens of": vague quantities
    default:
      return false;
  }
}

struct Table {
  std::array<std::int16_t, kTableSize> slots{};
  std::array<std::uint64_t, kTableSize> prefixes{};
  StarterFilter starters{};
  StarterFilter words{};
};

constexpr Table build_table() {
  Table table;
  table.slots.fill(-1);
  for (std::size_t i = 0; i < std::size(kWords); ++i) {
    const std::uint64_t prefix = pack_prefix(kWords[i].word);
    std::size_t slot = slot_of(prefix, kWords[i].word.size());
    while (table.slots[slot] >= 0) slot = (slot + 1) & (kTableSize - 1);
    table.slots[slot] = static_cast<std::int16_t>(i);
    table.prefixes[slot] = prefix;
    table.words.add_word(kWords[i].word);
    if (!starts_a_numeral(kWords[i])) continue;
    table.starters.add_word(kWords[i].word);
  }
  return table;
}

constexpr Table kTable = build_table();

}  // namespace

const StarterFilter kStarterFilter = kTable.starters;
const StarterFilter kNumberWordFilter = kTable.words;

const NumberWord* find_number_word(std::string_view word) noexcept {
  if (word.empty() || word.size() > kLongestWord) return nullptr;
  const std::uint64_t prefix = pack_prefix_at_run_time(word);
  std::size_t slot = slot_of(prefix, word.size());
  while (kTable.slots[slot] >= 0) {
    const NumberWord& entry = kWords[kTable.slots[slot]];
    if (kTable.prefixes[slot] == prefix && entry.word.size() == word.size()) {
      bool same = true;
      for (std::size_t i = 8; i < word.size() && same; ++i) same = (word[i] | 0x20) == entry.word[i];
      if (same) return &entry;
    }
    slot = (slot + 1) & (kTableSize - 1);
  }
  return nullptr;
}

}  // namespace numeral
