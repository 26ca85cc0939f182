#include "scanner.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define NUMERAL_HAVE_AVX2_PATH 1
#endif

#include "lexicon.hpp"
#include "word_set.hpp"

namespace numeral {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  // | 0x20 folds A-Z onto a-z and nothing else onto them: one range check.
  return static_cast<unsigned char>((static_cast<unsigned char>(c) | 0x20u) - 'a') < 26;
}
bool is_alnum(char c) {
  return is_digit(c) || is_alpha(c);
}
// Words before "one" that make it a pronoun ("no one", "the one who", "which one").
constexpr WordSet<17> kPronounOneBefore{{"no", "the", "this", "that", "which", "each", "every", "any", "some",
                                         "another", "little", "loved", "only", "such", "a", "other", "any"}};
// Words after "one" that make it a pronoun ("one of them", "one another", "one who").
constexpr WordSet<8> kPronounOneAfter{{"of", "another", "who", "whom", "whose", "else", "among", "amongst"}};
// Words after "a third", "a fifth" that make it a share ("cut by a third to Rs 20"), not a rank
// ("a third bomb").
constexpr WordSet<16> kAfterShare{
    {"of", "to", "in", "on", "and", "or", "from", "for", "by", "at", "with", "than", "as", "since", "over", "while"}};
// Words before "half" that name a period, not a share ("first half", "the other half" of a match).
constexpr WordSet<8> kPeriodHalfBefore{{"first", "second", "other", "latter", "former", "final", "opening", "closing"}};
// Lexicalised compounds whose number word counts nothing ("two-wheeler", "five-star", "one-off").
constexpr WordSet<9> kLexicalisedCompounds{
    {"wheeler", "wheelers", "star", "off", "liner", "liners", "way", "sided", "upmanship"}};

struct Approximator {
  std::string_view phrase;  // lowercase, words separated by one space
  std::string_view bound;
  std::array<std::string_view, 3> words;  // the phrase's words, last first (matched backwards)
};
// Longer phrases first so that "just over" wins over "over".
constexpr Approximator kApproximators[] = {
    {"in excess of", "lower", {"of", "excess", "in"}},
    {"upwards of", "lower", {"of", "upwards", ""}},
    {"more than", "lower", {"than", "more", ""}},
    {"at least", "lower", {"least", "at", ""}},
    {"just over", "lower", {"over", "just", ""}},
    {"well over", "lower", {"over", "well", ""}},
    {"as many as", "upper", {"as", "many", "as"}},
    {"as much as", "upper", {"as", "much", "as"}},
    {"less than", "upper", {"than", "less", ""}},
    {"fewer than", "upper", {"than", "fewer", ""}},
    {"up to", "upper", {"to", "up", ""}},
    {"at most", "upper", {"most", "at", ""}},
    {"just under", "upper", {"under", "just", ""}},
    {"close to", "approximate", {"to", "close", ""}},
    {"an estimated", "approximate", {"estimated", "an", ""}},
    {"over", "lower", {"over", "", ""}},
    {"above", "lower", {"above", "", ""}},
    {"under", "upper", {"under", "", ""}},
    {"below", "upper", {"below", "", ""}},
    {"upto", "upper", {"upto", "", ""}},
    {"nearly", "approximate", {"nearly", "", ""}},
    {"almost", "approximate", {"almost", "", ""}},
    {"about", "approximate", {"about", "", ""}},
    {"around", "approximate", {"around", "", ""}},
    {"some", "approximate", {"some", "", ""}},
    {"approximately", "approximate", {"approximately", "", ""}},
    {"approx", "approximate", {"approx", "", ""}},
    {"roughly", "approximate", {"roughly", "", ""}},
    {"estimated", "approximate", {"estimated", "", ""}},
};

// The last word of every approximator: most numerals are preceded by none of them.
constexpr WordSet<20> kApproximatorLastWords{
    {"of",    "than", "least",  "over",   "as",    "to",     "most", "under",         "estimated", "above",
     "below", "upto", "nearly", "almost", "about", "around", "some", "approximately", "approx",    "roughly"}};

// For each of kApproximators, the index of its last word in kApproximatorLastWords: a numeral's
// nearest word is looked up there once, then only the approximators ending in it are compared.
constexpr std::array<std::size_t, std::size(kApproximators)> kApproximatorLastWordIndex = [] {
  std::array<std::size_t, std::size(kApproximators)> indexes{};
  for (std::size_t a = 0; a < indexes.size(); ++a) {
    indexes[a] = kApproximatorLastWords.size();  // none: fails the static_assert below
    for (std::size_t w = 0; w < kApproximatorLastWords.size(); ++w) {
      if (kApproximatorLastWords[w] == kApproximators[a].words[0]) indexes[a] = w;
    }
  }
  return indexes;
}();
static_assert(std::find(kApproximatorLastWordIndex.begin(), kApproximatorLastWordIndex.end(),
                        kApproximatorLastWords.size()) == kApproximatorLastWordIndex.end(),
              "every approximator's last word is in kApproximatorLastWords");

// Currency written before a number; skipped when looking for an approximator ("over Rs 5 lakh").
constexpr WordSet<7> kCurrencyWords{{"rs", "inr", "usd", "us", "rupees", "re", "eur"}};

enum class ByteClass : std::uint8_t { Other, Letter, Digit, MaybeSign, Latin1Lead };

constexpr std::array<ByteClass, 256> make_byte_classes() {
  std::array<ByteClass, 256> classes{};
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = classes[c - 'a' + 'A'] = ByteClass::Letter;
  for (int c = '0'; c <= '9'; ++c) classes[c] = ByteClass::Digit;
  classes['-'] = classes['.'] = classes['+'] = classes['('] = ByteClass::MaybeSign;
  classes[0xC2] = ByteClass::Latin1Lead;  // ½ ¼ ¾
  return classes;
}
constexpr std::array<ByteClass, 256> kByteClass = make_byte_classes();

// The words the scan must look at: those that may start a numeral, and those a URL starts with
// ("http", "https", "www"), which at_word() skips whole.
const StarterFilter kCandidateWords = [] {
  StarterFilter words = kStarterFilter;
  words.add_word("http");
  words.add_word("www");
  return words;
}();

// The first three letters a candidate word may begin with, as tables for byte shuffles (see
// classify_block_avx2). A shuffle looks up 16 entries by the low four bits of its index, so the
// tables tell letter codes (as letter_code() gives them: 0 for no letter) apart modulo 16 only:
// a and q, b and r, ..., p and no letter share an entry. Each of 16 buckets is a set of such
// classes for the first, second and third byte; a word start whose three classes are in the sets
// of some bucket passes. Every first three letters of a candidate word pass (whatever follows
// them): a superset of kCandidateWords, tested exactly on the few word starts that pass.
// table[position][byte]: byte 0 holds buckets 0-7, byte 1 buckets 8-15, the 16 entries repeated
// in both 16-byte lanes, since a shuffle works within each.
struct WordStartTables {
  alignas(32) std::uint8_t table[3][2][32] = {};
};
const WordStartTables kWordStarts = [] {
  // Start with a bucket per first two letters, holding all the third letters they take; then
  // merge the two buckets whose union lets through the fewest extra words, until 16 are left.
  // What a bucket lets through is estimated from how often English text has each letter (per
  // thousand letters), and a non-letter after a letter: merging "th" (three) and "tw" (twelve)
  // would let through "the".
  struct Bucket {
    std::array<std::uint32_t, 3> classes;  // bit k: the codes k and k + 16 are in the set
  };
  static constexpr std::array<int, 27> kFrequency = {150, 82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8,  40, 24,
                                                     67,  75, 19, 1,  60, 63,  91, 28, 10, 24, 2, 20, 1};
  const auto class_bit = [](unsigned code) { return std::uint32_t{1} << (code % 16); };
  std::vector<Bucket> buckets;
  for (unsigned c0 = 1; c0 <= 26; ++c0) {
    for (unsigned c1 = 0; c1 <= 26; ++c1) {
      std::uint32_t third = 0;
      for (unsigned c2 = 0; c2 <= 26; ++c2) {
        if (kCandidateWords.test(StarterFilter::index(c0, c1, c2, false)) ||
            kCandidateWords.test(StarterFilter::index(c0, c1, c2, true))) {
          third |= class_bit(c2);
        }
      }
      if (third != 0) buckets.push_back({{class_bit(c0), class_bit(c1), third}});
    }
  }
  const auto volume = [](const Bucket& b) {
    std::int64_t product = 1;
    for (const std::uint32_t classes : b.classes) {
      std::int64_t sum = 0;
      for (unsigned code = 0; code < kFrequency.size(); ++code)
        sum += (classes >> (code % 16) & 1u) ? kFrequency[code] : 0;
      product *= sum;
    }
    return product;
  };
  const auto merged = [](const Bucket& a, const Bucket& b) {
    return Bucket{{a.classes[0] | b.classes[0], a.classes[1] | b.classes[1], a.classes[2] | b.classes[2]}};
  };
  while (buckets.size() > 16) {
    std::size_t best_i = 0, best_j = 1;
    std::int64_t best_extra = -1;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
      for (std::size_t j = i + 1; j < buckets.size(); ++j) {
        const std::int64_t extra = volume(merged(buckets[i], buckets[j])) - volume(buckets[i]) - volume(buckets[j]);
        if (best_extra < 0 || extra < best_extra) best_extra = extra, best_i = i, best_j = j;
      }
    }
    buckets[best_i] = merged(buckets[best_i], buckets[best_j]);
    buckets.erase(buckets.begin() + static_cast<std::ptrdiff_t>(best_j));
  }
  WordStartTables tables;
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    for (std::size_t position = 0; position < 3; ++position) {
      for (unsigned k = 0; k < 16; ++k) {
        if (!(buckets[b].classes[position] >> k & 1u)) continue;
        tables.table[position][b / 8][k] |= static_cast<std::uint8_t>(1u << (b % 8));
        tables.table[position][b / 8][16 + k] |= static_cast<std::uint8_t>(1u << (b % 8));
      }
    }
  }
  return tables;
}();

// A token inside a numeral.
enum class TokenType { End, Word, Number, Other };

struct Token {
  TokenType type = TokenType::End;
  std::size_t begin = 0;
  std::size_t end = 0;
  const NumberWord* word = nullptr;  // Word: nullptr when not a number word
  ExactDecimal value;                // Number
  bool ordinal_suffix = false;       // 66th
  int glued_scale = 0;               // 5k, 2.8bn: power of ten
  bool has_point = false;
  bool slash_fraction = false;  // 3/4
  bool exact = true;
  std::string rational;
  std::size_t integer_digits = 0;
  bool grouped = false;
};

// The state of a numeral being built, token by token (see the contract in Parser::parse).
struct Build {
  enum class Last { None, Article, Number, Hundred, Scale, Dozen, Fraction, FractionArticle, And, Minus };
  enum class Slot { Empty, Tens, Full };  // what the part below a hundred can still take

  ExactDecimal total;  // completed scale segments ("three crore" of "three crore twelve lakh")
  int max_scale = -1;
  ExactDecimal hundreds;
  ExactDecimal below;
  bool has_hundreds = false;
  bool has_below = false;
  Slot slot = Slot::Empty;
  Last last = Last::None;
  int last_scale = 0;
  int scale_power = 0;
  bool negative = false;
  bool fraction = false;
  bool ordinal = false;
  bool terminal = false;
  bool exact = true;
  std::string rational;
  bool and_needs_fraction = false;  // "ten and": only "three fifths", "a half" may follow
  bool and_after_hundred = false;   // "three hundred and": "21" may follow
  int and_scale = -1;               // "two million and": a bare fraction is a share of the million
  int pending_fraction_scale = -1;
  bool segment_is_one_word = false;  // the segment is a lone "one"/"a" ("one fifth", "a third")
  bool has_digits = false;
  bool has_words = false;
  int tokens = 0;

  [[nodiscard]] bool has_segment() const { return has_hundreds || has_below; }
  [[nodiscard]] ExactDecimal segment() const {
    ExactDecimal s = hundreds;
    s.add(below);
    return s;
  }
  void clear_segment() {
    hundreds = ExactDecimal();
    below = ExactDecimal();
    has_hundreds = has_below = false;
    slot = Slot::Empty;
    segment_is_one_word = false;
    and_after_hundred = false;
  }
  [[nodiscard]] bool valid() const {
    return tokens > 0 && (has_segment() || max_scale >= 0) && last != Last::Article && last != Last::And &&
           last != Last::FractionArticle && last != Last::Minus && !and_needs_fraction;
  }
  [[nodiscard]] ExactDecimal value() const {
    ExactDecimal s = segment();
    if (pending_fraction_scale >= 0) s.multiply_pow10(pending_fraction_scale);
    ExactDecimal v = total;
    v.add(s);
    if (negative) v.negate();
    return v;
  }
  // value() into `out`, leaving this build spent. Most numerals are a single number ("12",
  // "2.5"): that is moved out without the copies and additions of value().
  void take_value(ExactDecimal& out) {
    const auto plain_zero = [](const ExactDecimal& d) { return d.is_zero() && !d.overflow(); };
    if (plain_zero(total) && plain_zero(hundreds) && !below.overflow()) {
      out = std::move(below);
      if (pending_fraction_scale >= 0) out.multiply_pow10(pending_fraction_scale);
      if (negative) out.negate();
    } else {
      out = value();
    }
  }
};

struct ParseResult {
  Build build;
  std::size_t end = kNone;
  const NumberWord* first_word = nullptr;
  bool plain_four_digits = false;  // the first token is four bare digits (a year, maybe)
};

struct ScanOptions {
  bool filter = true;      // skip what cannot start a numeral without parsing it
  bool avx2 = true;        // where the CPU has it
  bool fast_paths = true;  // see take_plain_number()
};

class Scanner {
 public:
  // Without the filter every candidate goes to the full parser: the reference the filter must match.
  // Writes the findings into `found`, which must be empty.
  Scanner(std::string_view text, const ScanOptions& options, std::vector<Finding>& found)
      : text_(text),
        n_(text.size()),
        filter_(options.filter),
        avx2_(options.avx2 && cpu_has_avx2()),
        fast_paths_(options.fast_paths),
        found_(found) {}

  void run() {
    found_.reserve(n_ / 128 + 4);
    std::size_t i = next_candidate(0);
    while (i < n_) {
      switch (kByteClass[static_cast<unsigned char>(text_[i])]) {
        case ByteClass::Letter:
          i = at_word(i);
          break;
        case ByteClass::Digit:
          i = at_digits(i);
          break;
        case ByteClass::MaybeSign:
          i = is_digit(at(i + 1)) ? at_digits(i) : i + 1;
          break;
        case ByteClass::Latin1Lead:
          i = at_vulgar_fraction(i);
          break;
        case ByteClass::Other:
          ++i;
          break;
      }
      i = next_candidate(i);
    }
    mark_ranges();
  }

 private:
  // The next position from i that can start something (see skippable). Most text starts nothing,
  // so the text is classified 64 bytes at a time into bit masks: digits, signs and points followed
  // by a digit, and the lead byte of ½ ¼ ¾ are kept there; only word starts are looked at one by
  // one, through the starter filter, without branches. Each block is classified once: the kept
  // positions do not depend on where the scan resumes.
  [[nodiscard]] std::size_t next_candidate(std::size_t i) {
#if defined(__SSE2__)
    // + 4: a word start's next three bytes and the byte after the block are read.
    while (filter_ && (i & ~std::size_t{63}) + 64 + 4 <= n_) {
      const std::size_t block = i & ~std::size_t{63};
      if (block != block_begin_) {
        block_keep_ = kept_in_block(block);
        block_begin_ = block;
      }
      const std::uint64_t keep = block_keep_ & (~std::uint64_t{0} << (i - block));
      if (keep != 0) return block + static_cast<std::size_t>(__builtin_ctzll(keep));
      i = block + 64;
    }
#endif
    for (; i < n_; ++i) {
      const ByteClass c = kByteClass[static_cast<unsigned char>(text_[i])];
      if (c == ByteClass::Other || (c == ByteClass::Letter && i > 0 && is_alpha(text_[i - 1]))) continue;
      if (!filter_ || !skippable(i)) return i;
    }
    return n_;
  }

#if defined(__SSE2__)
  // Bit k: byte block + k may be a candidate that skippable() keeps (every such one is set).
  [[nodiscard]] std::uint64_t kept_in_block(std::size_t block) const {
    BlockMasks m;
#if defined(NUMERAL_HAVE_AVX2_PATH)
    if (avx2_) {
      classify_block_avx2(text_.data() + block, m);
    } else {
      classify_block(text_.data() + block, m);
    }
#else
    classify_block(text_.data() + block, m);
#endif
    const bool letter_before = block > 0 && is_alpha(text_[block - 1]);
    // Bit k: byte block + k + 1 is a digit.
    const std::uint64_t digit_next = (m.digits >> 1) | (std::uint64_t{is_digit(text_[block + 64])} << 63);
    // A superset of what skippable() keeps, which is safe: run() passes over the extra candidates
    // (a comma or a parenthesis before a digit, a 0xC2 byte that is not ½ ¼ ¾) one byte at a time.
    std::uint64_t keep = m.digits | (m.signs & digit_next) | m.latin1_leads;
    std::uint64_t starts = m.letters & ~((m.letters << 1) | letter_before) & m.may_start_word;
    // Reads up to 3 bytes past the block, which the caller guarantees exist.
    for (; starts != 0; starts &= starts - 1) {
      const auto k = static_cast<unsigned>(__builtin_ctzll(starts));
      const char* p = text_.data() + block + k;
      keep |= std::uint64_t{kCandidateWords.test(
                  StarterFilter::index(letter_code(p[0]), letter_code(p[1]), letter_code(p[2]), is_alpha(p[3])))}
              << k;
    }
    return keep;
  }

  // Bit k of each mask is byte k of the block.
  struct BlockMasks {
    std::uint64_t letters = 0;
    // Clear where a word starting at the byte fails the starter filter by its first three letters
    // for sure (see kWordStarts). Only the AVX2 classifier computes it.
    std::uint64_t may_start_word = ~std::uint64_t{0};
    std::uint64_t digits = 0;
    std::uint64_t signs = 0;  // ( ) * + , - .: the signs and points that may start a number, and more
    std::uint64_t latin1_leads = 0;
  };

  static void classify_block(const char* block, BlockMasks& m) {
    const auto splat = [](int byte) { return _mm_set1_epi8(static_cast<char>(byte)); };
    // Unsigned range checks through the signed compare: shift the range's start to -128.
    const auto in_range = [&](__m128i bytes, int first, int count) {
      return _mm_cmplt_epi8(_mm_add_epi8(bytes, splat(128 - first)), splat(-128 + count));
    };
    const auto bits = [](__m128i mask, int part) {
      return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(mask))) << (16 * part);
    };
    for (int part = 0; part < 4; ++part) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * part));
      m.letters |= bits(in_range(_mm_or_si128(bytes, splat(0x20)), 'a', 26), part);
      m.digits |= bits(in_range(bytes, '0', 10), part);
      m.signs |= bits(in_range(bytes, '(', '.' - '(' + 1), part);
      m.latin1_leads |= bits(_mm_cmpeq_epi8(bytes, splat(0xC2)), part);
    }
  }
#endif

  static bool cpu_has_avx2() {
#if defined(NUMERAL_HAVE_AVX2_PATH)
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
#else
    return false;
#endif
  }

#if defined(NUMERAL_HAVE_AVX2_PATH)
  // classify_block() 32 bytes at a time, where the CPU has AVX2 (checked at run time: the build
  // targets plain x86-64). The same operations; the tests compare both with the unfiltered scan.
  // (No lambdas: they would not inherit the target attribute.)
  __attribute__((target("avx2"))) static __m256i avx2_in_range(__m256i bytes, int first, int count) {
    return _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(-128 + count)),
                             _mm256_add_epi8(bytes, _mm256_set1_epi8(static_cast<char>(128 - first))));
  }
  __attribute__((target("avx2"))) static __m256i avx2_is_letter(__m256i bytes) {
    return avx2_in_range(_mm256_or_si256(bytes, _mm256_set1_epi8(0x20)), 'a', 26);
  }
  __attribute__((target("avx2"))) static __m256i avx2_code(__m256i bytes, __m256i is_letter) {
    return _mm256_and_si256(is_letter, _mm256_and_si256(bytes, _mm256_set1_epi8(31)));
  }
  __attribute__((target("avx2"))) static std::uint64_t avx2_bits(__m256i mask, int part) {
    return static_cast<std::uint64_t>(static_cast<unsigned>(_mm256_movemask_epi8(mask))) << (32 * part);
  }
  __attribute__((target("avx2"))) static void classify_block_avx2(const char* block, BlockMasks& m) {
    for (int part = 0; part < 2; ++part) {
      const char* p = block + 32 * part;
      const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
      const __m256i letter = avx2_is_letter(bytes);
      m.letters |= avx2_bits(letter, part);
      m.digits |= avx2_bits(avx2_in_range(bytes, '0', 10), part);
      m.signs |= avx2_bits(avx2_in_range(bytes, '(', '.' - '(' + 1), part);
      m.latin1_leads |= avx2_bits(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8(static_cast<char>(0xC2))), part);

      // The buckets (see kWordStarts) of each byte's letter code and of the next two bytes'.
      const __m256i next1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 1));
      const __m256i next2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2));
      const __m256i c0 = avx2_code(bytes, letter);
      const __m256i c1 = avx2_code(next1, avx2_is_letter(next1));
      const __m256i c2 = avx2_code(next2, avx2_is_letter(next2));
      __m256i low_buckets = _mm256_set1_epi8(-1);
      __m256i high_buckets = _mm256_set1_epi8(-1);
      avx2_buckets(0, c0, low_buckets, high_buckets);
      avx2_buckets(1, c1, low_buckets, high_buckets);
      avx2_buckets(2, c2, low_buckets, high_buckets);
      const __m256i rejected = _mm256_cmpeq_epi8(_mm256_or_si256(low_buckets, high_buckets), _mm256_setzero_si256());
      m.may_start_word &= ~avx2_bits(rejected, part);
    }
  }
  // Narrows low and high (buckets 0-7 and 8-15) to the buckets that hold the letter codes at
  // `position` (codes below 32: the shuffle takes their low four bits).
  __attribute__((target("avx2"))) static void avx2_buckets(int position, __m256i codes, __m256i& low, __m256i& high) {
    const auto* tables = reinterpret_cast<const __m256i*>(kWordStarts.table[position]);
    low = _mm256_and_si256(low, _mm256_shuffle_epi8(_mm256_load_si256(tables), codes));
    high = _mm256_and_si256(high, _mm256_shuffle_epi8(_mm256_load_si256(tables + 1), codes));
  }
#endif

  static bool is_vulgar_second(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0xBC && byte <= 0xBE;
  }

  // The starter filter's index of the word starting at p.
  [[nodiscard]] std::size_t word_index(std::size_t p) const {
    return StarterFilter::index(letter_code(text_[p]), letter_code(at(p + 1)), letter_code(at(p + 2)),
                                is_alpha(at(p + 3)));
  }

  // A candidate that cannot start anything: a word that begins no number word (by the starter
  // filter) and no URL, a sign or point not followed by a digit, or a 0xC2 byte that is not ½ ¼ ¾.
  // A word skipped here would make at_word() return at its end (or past its glued digits, which
  // skip_code() passes over the same way), so skipping it changes nothing; the tests check this
  // against scan_unfiltered().
  [[nodiscard]] bool skippable(std::size_t p) const {
    const char c = text_[p];
    if (is_alpha(c)) return !kCandidateWords.test(word_index(p));
    if (is_digit(c)) return false;
    if (static_cast<unsigned char>(c) == 0xC2) return !is_vulgar_second(at(p + 1));
    return !is_digit(at(p + 1));
  }

  // ---- characters and words ------------------------------------------------------------------

  // find_number_word() remembering the last word: parse() looks up the word after a numeral to
  // see whether it continues, then percent_suffix() looks up the same word again.
  [[nodiscard]] const NumberWord* lookup(std::string_view word) const {
    if (word.data() != last_word_.data() || word.size() != last_word_.size()) {
      last_word_ = word;
      // Most words looked up are no number word, and most of those fail on their first letters.
      const std::size_t n = word.size();
      const bool may_be_number_word =
          n > 0 && kNumberWordFilter.test(StarterFilter::index(letter_code(word[0]), n > 1 ? letter_code(word[1]) : 0,
                                                               n > 2 ? letter_code(word[2]) : 0, n > 3));
      last_entry_ = may_be_number_word ? find_number_word(word) : nullptr;
    }
    return last_entry_;
  }

  [[nodiscard]] char at(std::size_t i) const {
    return i < n_ ? text_[i] : '\0';
  }

  [[nodiscard]] std::size_t alnum_run_end(std::size_t i) const {
    while (i < n_ && is_alnum(text_[i])) ++i;
    return i;
  }
  // Words are looked at eight bytes at a time (see letter_bytes): most are shorter, so the end is
  // found without a loop whose exit the CPU mispredicts.
  [[nodiscard]] std::size_t alpha_run_end(std::size_t i) const {
    if constexpr (std::endian::native == std::endian::little) {
      if (i + 8 <= n_) {
        std::uint64_t bytes = 0;
        std::memcpy(&bytes, text_.data() + i, 8);
        const std::uint64_t others = ~ascii_letter_bytes(bytes) & 0x8080808080808080ull;
        if (others != 0) return i + static_cast<std::size_t>(__builtin_ctzll(others)) / 8;
        i += 8;
      }
    }
    while (i < n_ && is_alpha(text_[i])) ++i;
    return i;
  }
  [[nodiscard]] std::size_t digit_run_end(std::size_t i) const {
    while (i < n_ && is_digit(text_[i])) ++i;
    return i;
  }

  // Skips spaces, tabs, one line break and no-break spaces. Stops before a blank line.
  [[nodiscard]] std::size_t skip_space(std::size_t i) const {
    int line_breaks = 0;
    while (i < n_) {
      const char c = text_[i];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++i;
      } else if (c == '\n') {
        if (++line_breaks > 1) break;
        ++i;
      } else if (static_cast<unsigned char>(c) == 0xC2 && static_cast<unsigned char>(at(i + 1)) == 0xA0) {
        i += 2;
      } else {
        break;
      }
    }
    return i;
  }

  // The word ending right before `end` (skipping spaces on the same line), or empty.
  [[nodiscard]] std::string_view word_before(std::size_t end) const {
    std::size_t i = end;
    while (i > 0 && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) --i;
    std::size_t j = i;
    if constexpr (std::endian::native == std::endian::little) {
      // The eight bytes before i, as in alpha_run_end().
      if (j >= 8) {
        std::uint64_t bytes = 0;
        std::memcpy(&bytes, text_.data() + j - 8, 8);
        const std::uint64_t others = ~ascii_letter_bytes(bytes) & 0x8080808080808080ull;
        if (others != 0) {
          const auto last_other = static_cast<std::size_t>(63 - __builtin_clzll(others)) / 8;
          return text_.substr(j - 7 + last_other, 7 - last_other);
        }
        j -= 8;
      }
    }
    while (j > 0 && is_alpha(text_[j - 1])) --j;
    return text_.substr(j, i - j);
  }

  [[nodiscard]] std::string_view word_after(std::size_t begin) const {
    const std::size_t i = skip_space(begin);
    return text_.substr(i, alpha_run_end(i) - i);
  }

  // ---- tokens ------------------------------------------------------------------------------

  Token read_token(std::size_t i) const {
    Token token;
    token.begin = i;
    if (i >= n_) return token;
    const char c = text_[i];
    if (is_alpha(c)) {
      token.end = alpha_run_end(i);
      token.type = TokenType::Word;
      if (token.end < n_ && is_digit(text_[token.end])) return token;  // a code such as "FY20": not a word
      token.word = lookup(text_.substr(i, token.end - i));
      return token;
    }
    if (is_digit(c) || (c == '.' && is_digit(at(i + 1)))) {
      if (read_number(i, token)) return token;
      token = Token{};
      token.begin = i;
      token.end = i + 1;
      token.type = TokenType::Other;
      return token;
    }
    token.type = TokenType::Other;
    token.end = i + 1;
    return token;
  }

  // `p` is at the comma after the first `integer_digits` digits of a number. Returns where its
  // comma groups end when they make a grouped number — all groups of 3 (international,
  // 1,234,567), or all of 2 but the last, of 3 (Indian, 12,34,567) — and `p` when they do not.
  std::size_t grouping_end(std::size_t p, std::size_t integer_digits) const {
    bool all_three = true;
    bool all_two_but_last = true;
    std::size_t last = 0;  // length of the last group so far (0: none yet)
    std::size_t r = p;
    while (at(r) == ',' && is_digit(at(r + 1))) {
      const std::size_t g = digit_run_end(r + 1);
      if (last != 0) all_two_but_last = all_two_but_last && last == 2;
      last = g - r - 1;
      all_three = all_three && last == 3;
      r = g;
    }
    const bool indian = integer_digits <= 2 && last == 3 && all_two_but_last;
    return all_three || indian ? r : p;
  }

  // Reads digits with grouping, a decimal part, a slash fraction and glued suffixes (66th, 5k,
  // 150cc). `i` is at a digit or a leading point. Returns false for codes ("5TJk4", "1.2.3").
  bool read_number(std::size_t i, Token& token) const {
    token.type = TokenType::Number;
    std::size_t p = digit_run_end(i);
    std::string digits(text_.substr(i, p - i));
    token.integer_digits = digits.size();
    std::size_t fraction_digits = 0;
    // Grouping: international 1,234,567 or Indian 12,34,567; only when every group fits.
    if (!digits.empty() && digits.size() <= 3 && at(p) == ',' && is_digit(at(p + 1))) {
      if (const std::size_t r = grouping_end(p, digits.size()); r != p) {
        for (std::size_t k = p; k < r; ++k) {
          if (text_[k] != ',') digits.push_back(text_[k]);
        }
        token.grouped = true;
        p = r;
      }
    }
    if (at(p) == '.' && is_digit(at(p + 1))) {
      const std::size_t f = digit_run_end(p + 1);
      if (at(f) == '.' && is_digit(at(f + 1))) return false;  // a version or an address
      digits.append(text_.substr(p + 1, f - p - 1));
      fraction_digits = f - p - 1;
      token.has_point = true;
      p = f;
    }
    token.value = ExactDecimal::from_digits(digits, fraction_digits);
    if (!token.grouped && !token.has_point && at(p) == '/' && is_digit(at(p + 1)) && digits[0] != '0') {
      const std::size_t d = digit_run_end(p + 1);
      if (at(d) == '/' || is_alpha(at(d)) || text_[p + 1] == '0' || d - p - 1 > 6 || digits.size() > 6) return false;
      const ExactDecimal denominator = ExactDecimal::from_digits(text_.substr(p + 1, d - p - 1), 0);
      std::uint64_t den = 0;
      if (!denominator.to_uint64(den) || token.value.compare(denominator) >= 0) return false;  // a ratio, not a share
      const Quotient q = divide(token.value, den);
      token.value = q.value;
      token.exact = q.exact;
      token.rational = q.rational;
      token.slash_fraction = true;
      p = d;
    }
    const std::size_t letters_end = alpha_run_end(p);
    if (letters_end > p) {
      if (is_digit(at(letters_end))) return false;  // an identifier such as "5TJkH4"
      const std::string_view suffix = text_.substr(p, letters_end - p);
      if (!token.has_point && !token.slash_fraction &&
          (equals_lower(suffix, "st") || equals_lower(suffix, "nd") || equals_lower(suffix, "rd") ||
           equals_lower(suffix, "th"))) {
        token.ordinal_suffix = true;
        p = letters_end;
      } else if (!token.slash_fraction) {
        const NumberWord* word = lookup(suffix);
        if (suffix == "M") {
          token.glued_scale = 6;
        } else if (suffix == "b" || suffix == "B") {
          token.glued_scale = 9;
        } else if (word && word->kind == WordKind::Scale) {
          token.glued_scale = static_cast<int>(word->value);
        }
        if (token.glued_scale > 0) p = letters_end;
        // Otherwise a unit glued to the number (150cc): the number alone is the numeral.
      }
    }
    token.end = p;
    return true;
  }

  // ---- the numeral grammar -----------------------------------------------------------------

  static bool apply_scale(Build& b, int power) {
    if (!b.has_segment()) {
      if (b.last != Build::Last::Scale) return false;  // a bare "million"
      b.total.multiply_pow10(power);                   // stacked: "lakh crore", "thousand millions"
      b.scale_power += power;
    } else {
      ExactDecimal segment = b.segment();
      if (power > b.max_scale) {
        b.total.add(segment);
        b.total.multiply_pow10(power);
      } else {
        segment.multiply_pow10(power);
        b.total.add(segment);
      }
      b.scale_power = power;
    }
    b.pending_fraction_scale = -1;
    b.max_scale = std::max(b.max_scale, power);
    b.clear_segment();
    b.last = Build::Last::Scale;
    b.last_scale = power;
    b.and_scale = -1;
    return true;
  }

  // Divides the numerator (see below) by a denominator word: "three fifths", "a half".
  static bool apply_fraction(Build& b, std::uint64_t denominator) {
    const bool share_of_scale = b.and_scale >= 0;
    if (!b.has_segment() && (b.and_needs_fraction || share_of_scale || b.total.is_zero())) return false;
    ExactDecimal numerator = b.segment();
    // "one hundred and three quarters": a proper fraction after "hundred and" is added to the whole;
    // "one hundred and thirty fifths" is 130 fifths.
    if (b.and_after_hundred && b.has_hundreds && b.below.compare(ExactDecimal::from_integer(denominator)) < 0) {
      b.total.add(b.hundreds);
      numerator = b.below;
      b.and_needs_fraction = true;
    }
    // Without "and", everything so far is the numerator ("one million two hundred three fifths").
    if (!b.and_needs_fraction && !share_of_scale) {
      numerator.add(b.total);
      b.total = ExactDecimal();
      b.max_scale = -1;
    }
    const Quotient q = divide(numerator, denominator);
    b.clear_segment();
    b.below = q.value;
    b.has_below = true;
    b.slot = Build::Slot::Full;
    b.exact = b.exact && q.exact;
    if (!q.exact) b.rational = q.rational;
    b.fraction = true;
    b.last = Build::Last::Fraction;
    b.pending_fraction_scale = share_of_scale ? b.and_scale : -1;
    b.and_scale = -1;
    b.and_needs_fraction = false;
    return true;
  }

  // Reads the digits after "point": "zero three", "seventy-one", "eleven", or digits.
  std::size_t read_decimal_part(std::size_t i, std::string& digits) const {
    std::size_t end = kNone;
    std::size_t p = i;
    while (true) {
      const std::size_t q = skip_space(p);
      if (q == p && end != kNone) break;
      const Token t = read_token(q);
      if (t.type == TokenType::Number && end == kNone && !t.has_point && !t.grouped && t.glued_scale == 0 &&
          !t.ordinal_suffix && !t.slash_fraction) {
        digits.append(text_.substr(t.begin, t.end - t.begin));
        return t.end;
      }
      if (t.type != TokenType::Word || !t.word) break;
      if (t.word->kind == WordKind::Unit) {
        digits.push_back(static_cast<char>('0' + t.word->value));
        end = p = t.end;
        continue;
      }
      if (end == kNone && (t.word->kind == WordKind::Teen || t.word->kind == WordKind::Tens)) {
        std::uint64_t value = t.word->value;
        end = t.end;
        if (t.word->kind == WordKind::Tens) {
          std::size_t r = skip_space(t.end);
          if (at(r) == '-') r = skip_space(r + 1);
          const Token unit = read_token(r);
          if (unit.type == TokenType::Word && unit.word && unit.word->kind == WordKind::Unit && unit.word->value > 0) {
            value += unit.word->value;
            end = unit.end;
          }
        }
        digits += std::to_string(value);
        return end;
      }
      break;
    }
    return end;
  }

  // Takes one token into the numeral. Returns the token's end, or kNone when it does not belong.
  std::size_t step(Build& b, const Token& t, bool after_hyphen) const {
    using Last = Build::Last;
    using Slot = Build::Slot;
    if (t.type == TokenType::Number) {
      if (after_hyphen) return kNone;
      const bool first = b.tokens == 0 || b.last == Last::Minus;
      const bool mixed_fraction = t.slash_fraction && b.tokens == 1 && b.has_digits && b.last == Last::Number &&
                                  b.has_below && !b.fraction && b.below.is_integer();
      if (mixed_fraction) {
        b.below.add(t.value);
        b.fraction = true;
        b.exact = t.exact;
        b.rational = t.rational;
        b.terminal = true;
        ++b.tokens;
        return t.end;
      }
      const bool after_scale_word =
          (b.last == Last::Hundred || b.last == Last::Scale || (b.last == Last::And && b.and_after_hundred)) &&
          b.slot == Slot::Empty && !b.has_below;
      if (!first && !after_scale_word) return kNone;
      b.below = t.value;
      b.has_below = true;
      b.slot = Slot::Full;
      b.last = Last::Number;
      b.has_digits = true;
      ++b.tokens;
      b.scale_power = 0;
      b.and_scale = -1;
      b.segment_is_one_word = false;
      if (t.ordinal_suffix) b.ordinal = b.terminal = true;
      if (t.slash_fraction) {
        b.fraction = b.terminal = true;
        b.exact = t.exact;
        b.rational = t.rational;
      }
      if (t.glued_scale > 0) apply_scale(b, t.glued_scale);
      return t.end;
    }
    if (t.type != TokenType::Word || !t.word) return kNone;
    const NumberWord& w = *t.word;
    const bool one_word = b.segment_is_one_word;
    b.segment_is_one_word = false;
    switch (w.kind) {
      case WordKind::Unit:
        if (w.plural) return kNone;
        if (b.slot == Slot::Tens && w.value > 0) {
          b.below.add(ExactDecimal::from_integer(w.value));
        } else if (b.slot == Slot::Empty && !after_hyphen) {
          b.below = ExactDecimal::from_integer(w.value);
          b.segment_is_one_word = w.value == 1 && !b.has_hundreds && (b.tokens == 0 || b.last == Last::And);
        } else {
          return kNone;
        }
        b.has_below = true;
        b.slot = Slot::Full;
        break;
      case WordKind::Teen:
      case WordKind::Tens:
        if (w.plural || b.slot != Slot::Empty || after_hyphen) return kNone;
        b.below = ExactDecimal::from_integer(w.value);
        b.has_below = true;
        b.slot = w.kind == WordKind::Tens ? Slot::Tens : Slot::Full;
        break;
      case WordKind::Hundred: {
        if (after_hyphen || b.has_hundreds) return kNone;
        if (b.has_below) {
          if (!b.has_digits && b.below.compare(ExactDecimal::from_integer(100)) >= 0) return kNone;
          b.hundreds = b.below;
          b.hundreds.multiply_pow10(2);
        } else if (!w.plural && (b.last == Last::None || b.last == Last::Article)) {
          b.hundreds = ExactDecimal::from_integer(100);
        } else {
          return kNone;
        }
        b.below = ExactDecimal();
        b.has_below = false;
        b.has_hundreds = true;
        b.slot = Slot::Empty;
        b.last = Last::Hundred;
        b.has_words = true;
        ++b.tokens;
        return t.end;
      }
      case WordKind::Scale:
        if (w.plural && !b.has_segment() && b.last != Last::Scale) return kNone;
        if (w.abbreviation && b.last != Last::Number && b.last != Last::Hundred) return kNone;
        if (!apply_scale(b, static_cast<int>(w.value))) return kNone;
        b.has_words = true;
        ++b.tokens;
        return t.end;
      case WordKind::Dozen:
        if (!b.has_segment() || after_hyphen) return kNone;
        if (b.has_below) {
          b.below.multiply_small(12);
        } else {
          b.hundreds.multiply_small(12);
        }
        b.slot = Slot::Full;
        b.last = Last::Dozen;
        b.has_words = true;
        ++b.tokens;
        return t.end;
      case WordKind::Ordinal: {
        const bool denominator = w.value >= 3 && one_word;
        if (denominator) {
          // "a third bomb" is an ordinal after an article; "a third of", "one third" are shares.
          if (b.last == Last::Article) {
            const std::string_view next = word_after(t.end);
            if (!next.empty() && !kAfterShare.contains(next) && !lookup(next)) return kNone;
          }
          apply_fraction(b, w.value);
          b.terminal = true;
          break;
        }
        if (b.last == Last::Article) return kNone;
        if (after_hyphen && !(b.slot == Slot::Tens && w.place == Place::Unit)) return kNone;
        switch (w.place) {
          case Place::Unit:
            if (b.slot == Slot::Tens) {
              b.below.add(ExactDecimal::from_integer(w.value));
            } else if (b.slot == Slot::Empty) {
              b.below = ExactDecimal::from_integer(w.value);
            } else {
              return kNone;
            }
            b.has_below = true;
            break;
          case Place::Teen:
          case Place::Tens:
            if (b.slot != Slot::Empty) return kNone;
            b.below = ExactDecimal::from_integer(w.value);
            b.has_below = true;
            break;
          case Place::Hundred:
            if (b.has_hundreds) return kNone;
            if (b.has_below) {
              b.below.multiply_pow10(2);
            } else {
              if (b.tokens > 0) return kNone;
              b.below = ExactDecimal::from_integer(100);
              b.has_below = true;
            }
            break;
          default: {
            int power = 0;
            for (std::uint64_t v = w.value; v > 1; v /= 10) ++power;
            if (!b.has_segment() && b.tokens == 0) {
              b.below = ExactDecimal::from_integer(1);
              b.has_below = true;
            }
            if (!apply_scale(b, power)) return kNone;
            break;
          }
        }
        b.slot = Slot::Full;
        b.ordinal = b.terminal = true;
        b.last = Last::Number;
        break;
      }
      case WordKind::Fractions:
        if (after_hyphen && b.last == Last::And) return kNone;
        if (!apply_fraction(b, w.value)) return kNone;
        break;
      case WordKind::Half:
      case WordKind::Quarter: {
        if (after_hyphen && !one_word) return kNone;
        const bool bare = b.tokens == 0 || b.last == Last::Minus;
        if (!bare && !one_word) return kNone;
        if (bare) {
          b.below = ExactDecimal::from_integer(1);
          b.has_below = true;
        }
        apply_fraction(b, w.value);
        break;
      }
      case WordKind::Article:
        if (b.last == Last::Fraction && b.tokens <= 2) {
          // "half a million": only when a scale word or "dozen" follows.
          const NumberWord* next = lookup(word_after(t.end));
          if (!next || (next->kind != WordKind::Scale && next->kind != WordKind::Dozen) || next->plural) return kNone;
          b.last = Last::FractionArticle;
          ++b.tokens;
          return t.end;
        }
        if (b.tokens != 0 && b.last != Last::And) return kNone;
        b.below = ExactDecimal::from_integer(1);
        b.has_below = true;
        b.slot = Slot::Full;
        b.segment_is_one_word = true;
        b.last = Last::Article;
        ++b.tokens;
        return t.end;
      case WordKind::Minus:
        if (b.tokens != 0) return kNone;
        b.negative = true;
        b.last = Last::Minus;
        ++b.tokens;
        return t.end;
      case WordKind::And:
        if (after_hyphen || b.fraction || b.ordinal) return kNone;
        if (b.last == Last::Hundred || b.last == Last::Scale) {
          b.and_scale = b.last == Last::Scale ? b.last_scale : -1;
          b.and_after_hundred = b.last == Last::Hundred;
        } else if (b.last == Last::Number && b.has_segment()) {
          // "twenty and three fifths": the part before "and" is whole, a fraction must follow.
          b.total.add(b.segment());
          b.clear_segment();
          b.and_needs_fraction = true;
        } else {
          return kNone;
        }
        b.last = Last::And;
        ++b.tokens;
        return t.end;
      case WordKind::Point: {
        if ((b.last != Last::Number && b.last != Last::Hundred) || !b.has_segment() || !b.segment().is_integer() ||
            b.fraction || b.ordinal) {
          return kNone;
        }
        std::string digits;
        const std::size_t end = read_decimal_part(t.end, digits);
        if (end == kNone) return kNone;
        b.below.add(ExactDecimal::from_digits(digits, digits.size()));
        b.has_below = true;
        b.slot = Slot::Full;
        b.has_words = true;
        ++b.tokens;
        return end;
      }
      default:
        return kNone;
    }
    if (b.last != Last::Fraction) b.last = Last::Number;
    b.has_words = true;
    ++b.tokens;
    return t.end;
  }

  // Builds the longest numeral that starts at `start`. The result's end is kNone when there is none.
  ParseResult parse(std::size_t start) const {
    ParseResult result;
    Build b;
    std::size_t pos = start;
    while (!b.terminal) {
      std::size_t q = pos;
      bool after_hyphen = false;
      if (b.tokens > 0) {
        q = skip_space(pos);
        if (at(q) == '-' && b.last != Build::Last::Minus) {
          q = skip_space(q + 1);
          after_hyphen = true;
          // A hyphen only joins words ("twenty-five", "one-fifth", "1.40-lakh-crore").
          const Token next = read_token(q);
          if (next.type != TokenType::Word || !next.word) break;
        } else if (q == pos && b.last != Build::Last::Minus) {
          break;  // tokens are separated by space or a hyphen
        }
      }
      Token t = read_token(q);
      if (b.tokens == 0 && at(q) == '-' && is_digit(at(q + 1))) {
        // A minus sign glued to digits.
        t = read_token(q + 1);
        if (t.type != TokenType::Number) break;
        t.begin = q;
        t.value.negate();
      }
      const std::size_t end = step(b, t, after_hyphen);
      if (end == kNone) break;
      if (b.tokens == 1 && t.word) result.first_word = t.word;
      if (b.tokens == 1 && t.type == TokenType::Number) {
        result.plain_four_digits = t.integer_digits == 4 && !t.grouped && !t.has_point && t.glued_scale == 0 &&
                                   !t.ordinal_suffix && !t.slash_fraction && text_[t.begin] != '-';
      }
      pos = end;
      if (b.valid()) {
        result.build = b;
        result.end = pos;
      }
    }
    return result;
  }

  // "per cent", "%", "percent" right after a numeral. Returns the new end or kNone.
  std::size_t percent_suffix(std::size_t end, bool has_digits) const {
    std::size_t p = end;
    while (at(p) == ' ') ++p;
    if (at(p) == '%') return p + 1;
    const std::size_t word_end = alpha_run_end(p);
    if (word_end == p || is_digit(at(word_end))) return kNone;
    const std::string_view word = text_.substr(p, word_end - p);
    const NumberWord* w = lookup(word);
    if (w && w->kind == WordKind::Percent) return word_end;
    if (has_digits && equals_lower(word, "pc")) return word_end;
    if (w && w->kind == WordKind::Per) {
      std::size_t q = word_end;
      if (at(q) == '-') {
        ++q;
      } else {
        while (at(q) == ' ') ++q;
      }
      const std::size_t cent_end = alpha_run_end(q);
      if (equals_lower(text_.substr(q, cent_end - q), "cent")) return cent_end;
    }
    return kNone;
  }

  // "one over twenty": a spelled-out numerator over a denominator.
  void try_over_fraction(ParseResult& r) const {
    const Build& b = r.build;
    if (b.has_digits || b.fraction || b.ordinal || b.max_scale >= 0 || !b.below.is_integer()) return;
    std::size_t p = skip_space(r.end);
    const std::size_t word_end = alpha_run_end(p);
    if (word_end == p || !equals_lower(text_.substr(p, word_end - p), "over")) return;
    p = skip_space(word_end);
    if (p == word_end) return;
    const ParseResult denominator = parse(p);
    std::uint64_t den = 0;
    if (denominator.end == kNone || denominator.build.fraction || denominator.build.ordinal ||
        !denominator.build.value().to_uint64(den) || den == 0) {
      return;
    }
    ExactDecimal numerator = b.segment();
    numerator.add(b.total);
    const Quotient q = divide(numerator, den);
    r.build.total = ExactDecimal();
    r.build.clear_segment();
    r.build.below = q.value;
    r.build.has_below = true;
    r.build.exact = q.exact;
    r.build.rational = q.rational;
    r.build.fraction = true;
    r.end = denominator.end;
  }

  // Context rules for words that are often not numerals. True when the numeral should be dropped.
  // The numeral spans [begin, end); single_word: its word when it is one word alone.
  bool is_not_a_numeral(std::size_t begin, std::size_t end, bool has_digits, const NumberWord* single_word) const {
    if (has_digits) return false;
    const std::string_view before = word_before(begin);
    if (single_word) {
      const NumberWord& w = *single_word;
      const std::string_view after = word_after(end);
      if (w.kind == WordKind::Unit && w.value == 1) {
        if (kPronounOneBefore.contains(before) || kPronounOneAfter.contains(after)) return true;
        if (at(end) == '\'' || (at(end) == '\xE2' && at(end + 1) == '\x80' && at(end + 2) == '\x99')) {
          return true;  // one's
        }
        const NumberWord* previous = lookup(before);
        if (previous && previous->kind == WordKind::Ordinal) return true;  // "the first one"
      }
      if (w.kind == WordKind::Ordinal && w.value == 2) {
        // "a second", "per second", "30 second": the unit of time.
        if (equals_lower(before, "per") || equals_lower(before, "split")) return true;
        if (equals_lower(before, "a") && (after.empty() || equals_lower(after, "or") || equals_lower(after, "and"))) {
          return true;
        }
      }
      if (w.kind == WordKind::Half) {
        if (kPeriodHalfBefore.contains(before)) return true;
        if (begin > 0 && text_[begin - 1] == '-') return true;     // "first-half"
        if (at(end) == '-' && is_alpha(at(end + 1))) return true;  // "half-time"
      }
      if (w.kind == WordKind::Quarter && !equals_lower(after, "of")) return true;  // "the December quarter"
    }
    // Inside a name: "Formula One", "Air Force One", "Chapter Two".
    if (is_upper(text_[begin]) && !before.empty() && is_upper(before[0]) && before.size() > 1 &&
        text_[begin - 1] == ' ') {
      return true;
    }
    if (at(end) == '-') {
      const std::size_t word_end = alpha_run_end(end + 1);
      if (kLexicalisedCompounds.contains(text_.substr(end + 1, word_end - end - 1))) return true;
    }
    return false;
  }

  void find_approximation(Finding& f) const {
    // Words before the numeral, skipping a currency ("over Rs 5 lakh", "about $20").
    std::size_t i = f.begin;
    while (i > 0 && (text_[i - 1] == ' ' || text_[i - 1] == '$' || text_[i - 1] == '.')) --i;
    if (i >= 3 && static_cast<unsigned char>(text_[i - 3]) == 0xE2 &&
        static_cast<unsigned char>(text_[i - 2]) == 0x82) {
      i -= 3;  // ₹ and other currency signs
    }
    const std::string_view currency = word_before(i);
    const bool skips_currency = kCurrencyWords.contains(currency);
    if (skips_currency) i = static_cast<std::size_t>(currency.data() - text_.data());
    bool skips_dollar = false;
    while (i > 0 && (text_[i - 1] == ' ' || text_[i - 1] == '$')) skips_dollar |= text_[--i] == '$';
    // The last three words, nearest first; each approximator is matched word by word from its end.
    // Most numerals have no approximator: the nearest word decides before the others are read.
    // Without a currency word or a '$' skipped, the nearest word is the one already read
    // (word_before() skips the same spaces).
    std::array<std::string_view, 3> words{};
    words[0] = skips_currency || skips_dollar ? word_before(i) : currency;
    if (words[0].empty()) return;
    const std::size_t last_word = kApproximatorLastWords.find(words[0]);
    if (last_word == kApproximatorLastWords.size()) return;
    for (std::size_t k = 1; k < words.size(); ++k) {
      words[k] = word_before(static_cast<std::size_t>(words[k - 1].data() - text_.data()));
      if (words[k].empty()) break;
    }
    for (std::size_t index = 0; index < std::size(kApproximators); ++index) {
      if (kApproximatorLastWordIndex[index] != last_word) continue;
      const Approximator& a = kApproximators[index];
      bool matches = true;
      for (std::size_t k = 1; matches && k < a.words.size() && !a.words[k].empty(); ++k) {
        matches = equals_lower(words[k], a.words[k]);
      }
      if (matches) {
        f.approximation = a.phrase;
        f.bound = a.bound;
        return;
      }
    }
  }

  static std::string_view kind_of(const Build& b) {
    if (b.ordinal) return "ordinal";
    if (b.fraction) return "fraction";
    return "cardinal";
  }

  bool looks_like_year(const Finding& f) const {
    std::uint64_t v = 0;
    if (!f.value.to_uint64(v) || v < 1000 || v > 2099) return false;
    static constexpr WordSet<22> kBefore{{"in",     "since",  "of",    "by",  "from", "until", "till", "year",
                                          "during", "before", "after", "to",  "and",  "jan",   "feb",  "mar",
                                          "apr",    "may",    "jun",   "jul", "aug",  "budget"}};
    const std::string_view before = word_before(f.begin);
    if (kBefore.contains(before) || (before.size() > 3 && kBefore.contains(before.substr(0, 3)))) return true;
    const std::size_t next = skip_space(f.end);
    return !(next < n_ && next > f.end && is_alpha(text_[next]) && !is_upper(text_[next]));
  }

  // ---- entry points by first character -----------------------------------------------------

  std::size_t at_digits(std::size_t i) {
    const char c = text_[i];
    const char previous = i > 0 ? text_[i - 1] : ' ';
    const bool opens = previous == ' ' || previous == '(' || previous == '\n' || previous == '\t';
    if (c == '+' || c == '(') {
      if (const std::size_t end = match_phone(i); end != kNone) return end;
      return i + 1;
    }
    if ((c == '-' || c == '.') && !opens) return i + 1;
    if (is_alnum(previous) || previous == '/' || previous == '@' || previous == '#' || previous == '_' ||
        (previous == '.' && i >= 2 && is_alnum(text_[i - 2]))) {
      return skip_code(i);  // part of a code, an address or a path
    }
    if (previous == '-' && i >= 2 && is_alpha(text_[i - 2])) {
      // "Covid-19", "F-35B" are names; "mid-2020" is a year.
      std::size_t j = i - 1;
      bool upper = false;
      while (j > 0 && is_alpha(text_[j - 1])) {
        --j;
        if (is_upper(text_[j])) upper = true;
      }
      if (upper || i - 1 - j <= 1) return skip_code(i);
    }
    if (is_digit(c)) {
      // A phone number or a date needs a separator and a digit right after the first digits, a
      // clock time one or two first digits: most numbers have neither, and skip the matchers.
      const std::size_t digits_end = digit_run_end(i);
      const char separator = at(digits_end);
      if ((separator == '-' || separator == '/' || separator == '.' || separator == ':') &&
          is_digit(at(digits_end + 1))) {
        if (std::size_t end = match_phone(i); end != kNone) return end;
        if (std::size_t end = match_date(i); end != kNone) return end;
      }
      if (digits_end - i <= 2) {
        if (std::size_t end = match_time(i); end != kNone) return end;
      }
      if (fast_paths_) {
        if (const std::size_t end = take_plain_number(i); end != kNone) return end;
      }
    }
    if (const std::size_t end = take_numeral(i); end != kNone) return end;
    return skip_code(i);
  }

  std::size_t skip_code(std::size_t i) const {
    std::size_t j = i + 1;
    while (j < n_ && (is_alnum(text_[j]) || (text_[j] == '.' && is_digit(at(j + 1))))) ++j;
    return j;
  }

  // Only for words that pass skippable(): most words never get here.
  std::size_t at_word(std::size_t i) {
    const char first = to_lower(text_[i]);
    const bool may_be_url = first == 'h' || first == 'w';
    const std::size_t word_end = alpha_run_end(i);
    if (word_end < n_) {
      const char next = text_[word_end];
      if (is_digit(next)) return alnum_run_end(word_end);  // "FY20", "G20"
      if (may_be_url && (next == ':' || next == '.') && is_url_start(i, word_end)) {
        std::size_t j = word_end;
        while (j < n_ && text_[j] != ' ' && text_[j] != '\n' && text_[j] != '\t') ++j;
        return j;
      }
    }
    // Words that begin no numeral fail in parse() at once; most never get here (see skippable).
    const NumberWord* entry = lookup(text_.substr(i, word_end - i));
    if (!entry) return word_end;
    // "a" and "an" are common and rarely numerals: parse() would give up at the next token unless
    // it is a number word ("a million", "a third of"), so check that first.
    if (entry->kind == WordKind::Article && !number_word_follows(word_end)) return word_end;
    if (entry->plural) {
      const std::size_t end = take_quantity(i, *entry, word_end);
      return end != kNone ? end : word_end;
    }
    if (fast_paths_) {
      if (const std::size_t end = take_single_word(i, *entry, word_end); end != kNone) return end;
    }
    const std::size_t end = take_numeral(i);
    return end != kNone ? end : word_end;
  }

  // The next token of a numeral after `end`, as parse() joins tokens (by space or a hyphen), is a
  // number word.
  [[nodiscard]] bool number_word_follows(std::size_t end) const {
    std::size_t q = skip_space(end);
    if (at(q) == '-') {
      q = skip_space(q + 1);
    } else if (q == end) {
      return false;
    }
    // Most words after an article are no number word, and most fail on their first letters.
    if (!is_alpha(at(q)) || !kNumberWordFilter.test(word_index(q))) return false;
    const std::size_t word_end = alpha_run_end(q);
    return !is_digit(at(word_end)) && lookup(text_.substr(q, word_end - q)) != nullptr;
  }

  [[nodiscard]] bool is_url_start(std::size_t i, std::size_t word_end) const {
    const std::string_view word = text_.substr(i, word_end - i);
    if (text_[word_end] == ':') return (word == "http" || word == "https") && text_.substr(word_end, 3) == "://";
    return word == "www";
  }

  std::size_t at_vulgar_fraction(std::size_t i) {
    const auto second = static_cast<unsigned char>(at(i + 1));
    if (second < 0xBC || second > 0xBE) return i + 1;
    Finding f;
    f.begin = i;
    f.end = i + 2;
    f.kind = "fraction";
    f.value = second == 0xBC
                  ? ExactDecimal::from_digits("25", 2)
                  : (second == 0xBD ? ExactDecimal::from_digits("5", 1) : ExactDecimal::from_digits("75", 2));
    found_.push_back(std::move(f));
    return i + 2;
  }

  // Vague quantities: "thousands of", "tens of thousands", "lakhs of", "dozens".
  std::size_t take_quantity(std::size_t i, const NumberWord& word, std::size_t word_end) {
    const auto unit_of = [](const NumberWord& w) {
      if (w.kind == WordKind::Dozen) return ExactDecimal::from_integer(12);
      if (w.kind == WordKind::Tens) return ExactDecimal::from_integer(10);
      ExactDecimal unit = ExactDecimal::from_integer(1);
      unit.multiply_pow10(static_cast<std::int64_t>(w.value));
      return unit;
    };
    Finding f;
    f.type = FindingType::Quantity;
    f.begin = i;
    f.end = word_end;
    f.label = std::string(text_.substr(i, word_end - i));
    for (char& ch : f.label) ch = to_lower(ch);
    f.value = unit_of(word);
    f.value.multiply_small(2);  // "thousands" is at least two thousand
    // "hundreds of thousands": the second plural multiplies.
    const std::size_t of_begin = skip_space(word_end);
    const std::size_t of_end = alpha_run_end(of_begin);
    if (equals_lower(text_.substr(of_begin, of_end - of_begin), "of")) {
      const std::size_t next_begin = skip_space(of_end);
      const std::size_t next_end = alpha_run_end(next_begin);
      const NumberWord* next = lookup(text_.substr(next_begin, next_end - next_begin));
      if (next && next->plural && next->kind == WordKind::Scale) {
        f.value.multiply(unit_of(*next));
        f.end = next_end;
        f.label += " of ";
        for (std::size_t k = next_begin; k < next_end; ++k) f.label.push_back(to_lower(text_[k]));
      }
    }
    find_approximation(f);
    found_.push_back(std::move(f));
    return found_.back().end;
  }

  std::size_t take_numeral(std::size_t start) {
    ParseResult r = parse(start);
    if (r.end == kNone) return kNone;
    try_over_fraction(r);
    if (is_not_a_numeral(start, r.end, r.build.has_digits, r.build.tokens == 1 ? r.first_word : nullptr)) return r.end;
    Finding& f = found_.emplace_back();  // filled in place: a Finding is large
    f.begin = start;
    // An article alone before an ordinal is not part of it; the scan meets the ordinal next.
    f.end = r.end;
    r.build.take_value(f.value);
    f.kind = kind_of(r.build);
    f.exact = r.build.exact;
    f.rational = std::move(r.build.rational);
    f.scale_power = r.build.scale_power;
    if (!r.build.ordinal) {
      if (const std::size_t end = percent_suffix(r.end, r.build.has_digits); end != kNone) {
        f.end = end;
        f.kind = "percent";
      }
    }
    if (f.kind == "cardinal" && r.build.tokens == 1 && r.build.has_digits) {
      if (r.plain_four_digits && looks_like_year(f)) f.kind = "year";
    }
    find_approximation(f);
    return f.end;
  }

  // take_numeral() for its most common shapes: a lone number in digits, maybe grouped, with a
  // decimal part or an ordinal suffix ("2019", "1,200", "2.5", "10th"), that no word joins.
  // parse() builds those token by token through a Build and a lookahead Token; this reads the
  // digits once and follows the same rules (read_number() for the token, step() for what may
  // join it). Returns kNone, having added nothing, for any other shape (a slash, a glued scale,
  // a next word that may continue the numeral): take_numeral() then decides. `start` is at a
  // digit. The tests compare both paths (scan_without_fast_paths).
  std::size_t take_plain_number(std::size_t start) {
    char digits[64];  // the digits without separators or point
    std::size_t count = 0;
    const auto append = [&](std::size_t begin, std::size_t end) {
      if (count + (end - begin) > sizeof digits) return false;
      std::copy(text_.data() + begin, text_.data() + end, digits + count);
      count += end - begin;
      return true;
    };
    std::size_t end = digit_run_end(start);
    const std::size_t integer_digits = end - start;
    if (!append(start, end)) return kNone;
    // Grouping, as read_number() accepts it: 1,234,567 or 12,34,567.
    bool grouped = false;
    if (integer_digits <= 3 && at(end) == ',' && is_digit(at(end + 1))) {
      if (const std::size_t r = grouping_end(end, integer_digits); r != end) {
        for (std::size_t k = end; k < r; k = digit_run_end(k + 1)) {
          if (!append(k + 1, digit_run_end(k + 1))) return kNone;
        }
        grouped = true;
        end = r;
      }
    }
    std::size_t fraction_digits = 0;
    if (at(end) == '.' && is_digit(at(end + 1))) {
      const std::size_t f = digit_run_end(end + 1);
      if (at(f) == '.' && is_digit(at(f + 1))) return kNone;  // a version or an address
      if (!append(end + 1, f)) return kNone;
      fraction_digits = f - end - 1;
      end = f;
    }
    const bool has_point = fraction_digits > 0;
    if (!grouped && !has_point && at(end) == '/' && is_digit(at(end + 1)) && digits[0] != '0') return kNone;  // 3/4
    bool ordinal = false;
    if (const std::size_t letters_end = alpha_run_end(end); letters_end > end) {
      if (is_digit(at(letters_end))) return kNone;  // an identifier such as "5TJkH4"
      const std::string_view suffix = text_.substr(end, letters_end - end);
      if (!has_point && (equals_lower(suffix, "st") || equals_lower(suffix, "nd") || equals_lower(suffix, "rd") ||
                         equals_lower(suffix, "th"))) {
        ordinal = true;  // ends the numeral
        end = letters_end;
      } else if (suffix == "M" || suffix == "b" || suffix == "B") {
        return kNone;  // a glued scale: 5M, 2.8b
      } else if (const NumberWord* word = lookup(suffix); word && word->kind == WordKind::Scale) {
        return kNone;  // 5k, 2.8bn
      }
      // Otherwise a unit glued to the number (150cc): the number alone is the numeral, and no
      // token can join it, since a letter follows it directly.
    } else if (std::size_t next = skip_space(end); at(next) == '-' || next != end) {
      // The next token, as parse() reads it: after spaces, or after a hyphen (then only a
      // number word may follow).
      const bool after_hyphen = at(next) == '-';
      if (after_hyphen) next = skip_space(next + 1);
      const char c = at(next);
      if (is_alpha(c)) {
        const std::size_t word_end = alpha_run_end(next);
        if (!is_digit(at(word_end))) {
          const NumberWord* word = lookup(text_.substr(next, word_end - next));
          if (word && (after_hyphen || may_follow_a_number(*word))) return kNone;
        }
      } else if (!after_hyphen && is_digit(c)) {
        return kNone;  // "1 3/4"
      }
    }
    Finding& f = found_.emplace_back();
    f.begin = start;
    f.end = end;
    f.value = ExactDecimal::from_digits(std::string_view(digits, count), fraction_digits);
    f.kind = ordinal ? "ordinal" : "cardinal";
    if (ordinal) {
      // An ordinal takes no percent sign and is no year.
    } else if (const std::size_t percent_end = percent_suffix(end, true); percent_end != kNone) {
      f.end = percent_end;
      f.kind = "percent";
    } else if (integer_digits == 4 && !grouped && !has_point && looks_like_year(f)) {
      f.kind = "year";
    }
    find_approximation(f);
    return f.end;
  }

  // take_numeral() for a lone number word: a unit, teen or tens word that no word joins ("two",
  // "twelve"), or an ordinal of those ("first", "twelfth"), which ends a numeral. parse() builds
  // those through a Build and lookahead Tokens; this follows step() for them. Returns the word's
  // end when the context rules drop it (is_not_a_numeral), and kNone, having added nothing, for
  // any other shape: take_numeral() then decides. The tests compare both paths.
  std::size_t take_single_word(std::size_t start, const NumberWord& word, std::size_t word_end) {
    bool ordinal = false;
    switch (word.kind) {
      case WordKind::Unit:
      case WordKind::Teen:
      case WordKind::Tens:
        break;
      case WordKind::Ordinal:
        if (word.place != Place::Unit && word.place != Place::Teen && word.place != Place::Tens) return kNone;
        ordinal = true;
        break;
      default:
        return kNone;
    }
    if (word.plural) return kNone;
    if (!ordinal) {
      // What parse() would try to join: a number word after spaces or a hyphen ("twenty-five",
      // "one hundred", "one third", "two and a half", "one over ten"). A number in digits never
      // joins a number word.
      std::size_t next = skip_space(word_end);
      const bool after_hyphen = at(next) == '-';
      if (after_hyphen) next = skip_space(next + 1);
      if ((after_hyphen || next != word_end) && is_alpha(at(next))) {
        const std::size_t next_end = alpha_run_end(next);
        if (!is_digit(at(next_end)) && lookup(text_.substr(next, next_end - next))) return kNone;
      }
    }
    if (is_not_a_numeral(start, word_end, false, &word)) return word_end;
    Finding& f = found_.emplace_back();
    f.begin = start;
    f.end = word_end;
    f.value = ExactDecimal::from_integer(word.value);
    f.kind = ordinal ? "ordinal" : "cardinal";
    if (!ordinal) {
      if (const std::size_t percent_end = percent_suffix(word_end, false); percent_end != kNone) {
        f.end = percent_end;
        f.kind = "percent";
      }
    }
    find_approximation(f);
    return f.end;
  }

  // Whether step() takes a number word after a lone number in digits (a hundred, scale, dozen,
  // ordinal or fraction word, "and", "point"); it refuses the others ("5 one", "5 half").
  static bool may_follow_a_number(const NumberWord& word) {
    switch (word.kind) {
      case WordKind::Hundred:
      case WordKind::Scale:
      case WordKind::Dozen:
      case WordKind::Ordinal:
      case WordKind::Fractions:
      case WordKind::And:
      case WordKind::Point:
        return true;
      default:
        return false;
    }
  }

  // ---- dates, clock times, phone numbers (not numerals) ------------------------------------

  // 14/06/2024, 2024-06-14, 14.06.2024: a date, day first unless that cannot be.
  std::size_t match_date(std::size_t i) {
    std::size_t parts[3][2];
    std::size_t p = i;
    char separator = 0;
    for (int k = 0; k < 3; ++k) {
      const std::size_t e = digit_run_end(p);
      if (e == p) return kNone;
      parts[k][0] = p;
      parts[k][1] = e;
      if (k < 2) {
        const char s = at(e);
        if ((s != '/' && s != '-' && s != '.') || (separator && s != separator) || !is_digit(at(e + 1))) return kNone;
        separator = s;
        p = e + 1;
      } else {
        p = e;
      }
    }
    if (is_alnum(at(p))) return kNone;
    const auto number = [&](int k) {
      return std::stoi(std::string(text_.substr(parts[k][0], parts[k][1] - parts[k][0])));
    };
    const auto length = [&](int k) { return parts[k][1] - parts[k][0]; };
    int year = 0, month = 0, day = 0;
    if (length(0) == 4 && length(1) <= 2 && length(2) <= 2) {
      year = number(0), month = number(1), day = number(2);
    } else if (length(0) <= 2 && length(1) <= 2 && (length(2) == 4 || length(2) == 2)) {
      day = number(0), month = number(1), year = number(2);
      if (month > 12 && day <= 12) std::swap(day, month);
      if (length(2) == 2) year += year < 70 ? 2000 : 1900;
    } else {
      return kNone;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) return kNone;
    Finding f;
    f.type = FindingType::Date;
    f.begin = i;
    f.end = p;
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
    f.label = iso;
    found_.push_back(std::move(f));
    return p;
  }

  // The value of the one or two digits text_[begin, end).
  [[nodiscard]] int two_digit_value(std::size_t begin, std::size_t end) const {
    int value = 0;
    for (std::size_t k = begin; k < end; ++k) value = value * 10 + (text_[k] - '0');
    return value;
  }

  // 4:10, 7.10 pm, 9 am, 11:30 a.m.
  std::size_t match_time(std::size_t i) {
    const std::size_t hour_end = digit_run_end(i);
    if (hour_end - i > 2) return kNone;
    const int hour = two_digit_value(i, hour_end);
    int minute = 0;
    std::size_t p = hour_end;
    bool has_minutes = false;
    const char separator = at(p);
    if ((separator == ':' || separator == '.') && is_digit(at(p + 1)) && is_digit(at(p + 2)) && !is_digit(at(p + 3))) {
      minute = two_digit_value(p + 1, p + 3);
      has_minutes = true;
      p += 3;
    }
    // am / pm / a.m. / p.m.
    std::size_t q = p;
    while (at(q) == ' ') ++q;
    int meridiem = 0;  // 1 am, 2 pm
    const char m = to_lower(at(q));
    if (m == 'a' || m == 'p') {
      std::size_t r = q + 1;
      if (at(r) == '.') ++r;
      if (to_lower(at(r)) == 'm') {
        ++r;
        if (at(r) == '.') ++r;
        if (!is_alnum(at(r))) {
          meridiem = m == 'a' ? 1 : 2;
          p = r;
        }
      }
    }
    if (meridiem == 0 && !(has_minutes && separator == ':')) return kNone;
    if (hour > (meridiem ? 12 : 24) || minute > 59 || is_alnum(at(p))) return kNone;
    int hour24 = hour;
    if (meridiem == 2 && hour < 12) hour24 += 12;
    if (meridiem == 1 && hour == 12) hour24 = 0;
    Finding f;
    f.type = FindingType::Time;
    f.begin = i;
    f.end = p;
    // Both are checked above: hour24 in 0..24, minute in 0..59.
    f.label = {static_cast<char>('0' + hour24 / 10), static_cast<char>('0' + hour24 % 10), ':',
               static_cast<char>('0' + minute / 10), static_cast<char>('0' + minute % 10)};
    found_.push_back(std::move(f));
    return p;
  }

  // +91 98765 43210, (212) 555-1234, 011-23456789, 555-123-4567.
  std::size_t match_phone(std::size_t i) {
    std::string digits;
    std::size_t p = i;
    std::size_t end = kNone;
    const bool plus = text_[i] == '+';
    if (plus) {
      digits.push_back('+');
      ++p;
      // Digits with single spaces, hyphens or parentheses between groups.
      while (p < n_) {
        if (is_digit(text_[p])) {
          digits.push_back(text_[p++]);
          end = p;
        } else if ((text_[p] == ' ' || text_[p] == '-' || text_[p] == '(' || text_[p] == ')') &&
                   (is_digit(at(p + 1)) || at(p + 1) == '(')) {
          ++p;
        } else {
          break;
        }
      }
      if (digits.size() < 9 || digits.size() > 16) return kNone;
    } else if (text_[i] == '(') {
      const std::size_t area_end = digit_run_end(i + 1);
      if (area_end - i - 1 != 3 || at(area_end) != ')') return kNone;
      p = area_end + 1;
      if (at(p) == ' ') ++p;
      const std::size_t a = digit_run_end(p);
      if (a - p != 3 || (at(a) != '-' && at(a) != ' ')) return kNone;
      const std::size_t b = digit_run_end(a + 1);
      if (b - a - 1 != 4) return kNone;
      end = b;
      for (std::size_t k = i; k < b; ++k) {
        if (is_digit(text_[k])) digits.push_back(text_[k]);
      }
    } else {
      // A lone group of digits is the common case and no phone number.
      if (const std::size_t e = digit_run_end(p); at(e) != '-' || !is_digit(at(e + 1))) return kNone;
      // The digit groups' lengths; only the first three matter.
      std::array<std::size_t, 3> groups{};
      std::size_t group_count = 0;
      while (true) {
        const std::size_t e = digit_run_end(p);
        if (group_count < groups.size()) groups[group_count] = e - p;
        ++group_count;
        digits.append(text_.substr(p, e - p));
        end = e;
        if (at(e) == '-' && is_digit(at(e + 1))) {
          p = e + 1;
        } else {
          break;
        }
      }
      const bool trunk = text_[i] == '0' && group_count >= 2 && group_count <= 3 && digits.size() >= 10;
      const bool north_american = group_count == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4;
      if (!trunk && !north_american) return kNone;
    }
    if (is_alnum(at(end))) return kNone;
    Finding f;
    f.type = FindingType::Phone;
    f.begin = i;
    f.end = end;
    f.label = digits;
    found_.push_back(std::move(f));
    return end;
  }

  // ---- ranges ------------------------------------------------------------------------------

  // "5-6 million", "from 2 lakh to 5 lakh", "between 10 and 20": the two ends know each other;
  // a bare first end shares the second's scale word or percent sign.
  void mark_ranges() {
    for (std::size_t k = 0; k + 1 < found_.size(); ++k) {
      Finding& low = found_[k];
      Finding& high = found_[k + 1];
      if (low.type != FindingType::Numeral || high.type != FindingType::Numeral) continue;
      if (low.kind == "ordinal" || high.kind == "ordinal" || low.value.overflow() || high.value.overflow()) continue;
      const std::string_view gap = text_.substr(low.end, high.begin - low.end);
      bool joined = gap == "-" || gap == " - " || gap == "\xE2\x80\x93" || gap == " to " || gap == "-to-";
      if (!joined && gap == " and ") joined = equals_lower(word_before(low.begin), "between");
      // Currency repeated on the second end: "Rs 200 to Rs 300".
      if (!joined && (gap == " to Rs " || gap == " to $" || gap == " to Rs. ")) joined = true;
      if (!joined) continue;
      ExactDecimal low_value = low.value;
      const bool shares_scale = low.scale_power == 0 && high.scale_power > 0 && low.kind != "percent";
      if (shares_scale) low_value.multiply_pow10(high.scale_power);
      if (low_value.compare(high.value) >= 0) {
        // Not increasing: a score such as 7-1, unless the scale is shared (5-6 million).
        if (!shares_scale) continue;
        low_value = low.value;
        if (low_value.compare(high.value) >= 0) continue;
      } else if (shares_scale) {
        low.value = low_value;
      }
      if (high.kind == "percent" && low.kind == "cardinal") low.kind = "percent";
      low.range_start = true;
      high.range_end = true;
    }
  }

  std::string_view text_;
  std::size_t n_;
  bool filter_;
  bool avx2_;        // classify blocks with classify_block_avx2
  bool fast_paths_;  // take_plain_number() before the full parser
  std::vector<Finding>& found_;
  std::size_t block_begin_ = kNone;  // the block whose kept candidates are in block_keep_
  std::uint64_t block_keep_ = 0;
  mutable std::string_view last_word_;  // see lookup()
  mutable const NumberWord* last_entry_ = nullptr;
};

}  // namespace

std::vector<Finding> scan(std::string_view text) {
  std::vector<Finding> found;
  Scanner(text, ScanOptions{}, found).run();
  return found;
}

void scan(std::string_view text, std::vector<Finding>& out) {
  out.clear();
  Scanner(text, ScanOptions{}, out).run();
}

std::vector<Finding> scan_without_avx2(std::string_view text) {
  std::vector<Finding> found;
  Scanner(text, ScanOptions{.avx2 = false}, found).run();
  return found;
}

std::vector<Finding> scan_without_fast_paths(std::string_view text) {
  std::vector<Finding> found;
  Scanner(text, ScanOptions{.fast_paths = false}, found).run();
  return found;
}

std::vector<Finding> scan_unfiltered(std::string_view text) {
  std::vector<Finding> found;
  Scanner(text, ScanOptions{.filter = false, .fast_paths = false}, found).run();
  return found;
}

}  // namespace numeral
