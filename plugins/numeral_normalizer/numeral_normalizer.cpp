// numeral_normalizer: finds every numeral, however it is written (digits, words, Indian units,
// ordinals, fractions, percentages), and gives its exact value as a decimal string.
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "scanner.hpp"
#include "textbench/plugin.hpp"

namespace {

using textbench::AttributeSpec;
using textbench::ParamSpec;
using textbench::ParamType;

constexpr ParamSpec kParams[] = {
    {.name = "mode",
     .type = ParamType::String,
     .doc = "annotate: add annotations only; rewrite: also replace each numeral's text by its digits "
            "(one edit batch, so offsets still map back to the source)",
     .default_value = "annotate",
     .choices = "annotate|rewrite"},
    {.name = "non_numerals",
     .type = ParamType::Boolean,
     .doc = "also annotate what looks like a number but is not a numeral: vague quantities (quantity), "
            "clock times (time), all-digit dates (date) and phone numbers (phone)",
     .default_value = "true"},
};

constexpr AttributeSpec kAttributes[] = {
    {"numeral", "value", "string or null",
     "exact value as a plain decimal (\"2.8 million\" -> \"2800000\", \"12 per cent\" -> \"12\"); null when it "
     "has more than 10000 digits (see value_error)"},
    {"numeral", "kind", "string", "cardinal, ordinal (value = position), fraction, percent, or year (4 digits)"},
    {"numeral", "exact", "boolean",
     "present, and false, only when value is rounded to 6 decimals because the fraction repeats (two-thirds)"},
    {"numeral", "rational", "string", "the exact fraction (\"2/3\"), present only when exact is false"},
    {"numeral", "value_error", "string", "why value is null (a number too large to write out)"},
    {"numeral", "approximation", "string",
     "the approximator before the numeral, lowercased (\"more than\", \"nearly\", \"up to\"); the span excludes it"},
    {"numeral", "bound", "string",
     "what the approximator means: lower (more than, over, at least), upper (up to, less than), approximate"},
    {"numeral", "range", "string",
     "start or end when the numeral is one end of a range (\"5-6 million\", \"between 10 and 20\", \"from 2 lakh to "
     "5 lakh\"); a bare start takes the end's scale word, so \"5\" of \"5-6 million\" has value 5000000"},
    {"numeral", "range_other", "string", "the value of the range's other end"},
    {"quantity", "lower_bound", "string",
     "a vague amount (\"thousands of\", \"lakhs of\", \"dozens of\", \"tens of thousands\"): the least it can mean "
     "(thousands -> 2000)"},
    {"quantity", "unit", "string", "the words that name it, lowercased (\"lakhs\", \"hundreds of thousands\")"},
    {"quantity", "approximation", "string", "as for numeral"},
    {"time", "value", "string", "a clock time (\"7.10 pm\", \"4:10\") as HH:MM, 24-hour when am/pm is given"},
    {"date", "value", "string",
     "an all-digit date (\"14/06/2024\", \"2024-06-14\") as YYYY-MM-DD; day first unless the day cannot be first"},
    {"phone", "value", "string", "a phone number's digits, with its leading + when written"},
};

const char* type_name(numeral::FindingType type) {
  switch (type) {
    case numeral::FindingType::Numeral:
      return "numeral";
    case numeral::FindingType::Quantity:
      return "quantity";
    case numeral::FindingType::Time:
      return "time";
    case numeral::FindingType::Date:
      return "date";
    case numeral::FindingType::Phone:
      return "phone";
  }
  return "numeral";
}

std::string ordinal_suffix(const std::string& value) {
  const std::size_t n = value.size();
  const bool teen = n >= 2 && value[n - 2] == '1';
  if (!teen && value.back() == '1') return "st";
  if (!teen && value.back() == '2') return "nd";
  if (!teen && value.back() == '3') return "rd";
  return "th";
}

// The attributes of a numeral annotation, keys in the order they are written and the kind already
// set, for each kind and combination of the optional groups. Copying a prototype allocates the
// annotation's item list once, at its final size; set() then only replaces values. (Adding keys
// one by one regrows the list per key, which cost more than the scan of most documents.)
class NumeralPrototypes {
 public:
  enum Group : unsigned { kTooLarge = 1, kInexact = 2, kApproximation = 4, kRange = 8 };
  static constexpr std::string_view kKinds[] = {"cardinal", "ordinal", "fraction", "percent", "year"};
  static_assert(
      [] {
        for (std::size_t a = 0; a < std::size(kKinds); ++a) {
          for (std::size_t b = a + 1; b < std::size(kKinds); ++b) {
            if (kKinds[a][0] == kKinds[b][0]) return false;
          }
        }
        return true;
      }(),
      "numeral() tells the kinds apart by their first letter");

  NumeralPrototypes() {
    for (std::size_t kind = 0; kind < std::size(kKinds); ++kind) {
      for (unsigned groups = 0; groups < kGroupSets; ++groups) {
        textbench::Attributes& a = numeral_[kind][groups];
        a.set("value", textbench::Value{});
        if (groups & kTooLarge) a.set("value_error", textbench::Value{});
        a.set("kind", kKinds[kind]);
        if (groups & kInexact) {
          a.set("exact", textbench::Value{});
          a.set("rational", textbench::Value{});
        }
        if (groups & kApproximation) {
          a.set("approximation", textbench::Value{});
          a.set("bound", textbench::Value{});
        }
        if (groups & kRange) {
          a.set("range", textbench::Value{});
          a.set("range_other", textbench::Value{});
        }
      }
    }
    for (unsigned approximation = 0; approximation < 2; ++approximation) {
      quantity_[approximation].set("lower_bound", textbench::Value{});
      quantity_[approximation].set("unit", textbench::Value{});
      if (approximation) quantity_[approximation].set("approximation", textbench::Value{});
    }
    other_.set("value", textbench::Value{});
  }

  // nullptr for a kind without a prototype (there is none: the scanner writes only kKinds).
  [[nodiscard]] const textbench::Attributes* numeral(std::string_view kind, unsigned groups) const {
    // The kinds differ in their first letter: one comparison instead of one per kind.
    for (std::size_t k = 0; k < std::size(kKinds); ++k) {
      if (!kind.empty() && kKinds[k][0] == kind[0]) return kKinds[k] == kind ? &numeral_[k][groups] : nullptr;
    }
    return nullptr;
  }
  [[nodiscard]] const textbench::Attributes& quantity(bool approximation) const { return quantity_[approximation]; }
  [[nodiscard]] const textbench::Attributes& other() const { return other_; }

 private:
  static constexpr unsigned kGroupSets = 16;
  textbench::Attributes numeral_[std::size(kKinds)][kGroupSets];
  textbench::Attributes quantity_[2];
  textbench::Attributes other_;
};

class NumeralNormalizer {
 public:
  explicit NumeralNormalizer(const textbench::CreateContext& context)
      : rewrite_(context.params().get_string("mode") == "rewrite"),
        non_numerals_(context.params().get_bool("non_numerals")) {}

  void process(textbench::Document& document) {
    // One buffer per thread, reused: its capacity survives from document to document.
    thread_local std::vector<numeral::Finding> findings;
    numeral::scan(document.text(), findings);
    std::vector<textbench::Edit> edits;
    for (std::size_t k = 0; k < findings.size(); ++k) {
      const numeral::Finding& f = findings[k];
      if (f.type != numeral::FindingType::Numeral) {
        if (!non_numerals_) continue;
        auto& annotation = document.annotate(type_name(f.type), f.begin, f.end);
        if (f.type == numeral::FindingType::Quantity) {
          annotation.attrs = prototypes_.quantity(!f.approximation.empty());
          annotation.attrs.set("lower_bound", textbench::Value(f.value.to_string()));
          annotation.attrs.set("unit", textbench::Value(f.label));
          if (!f.approximation.empty()) annotation.attrs.set("approximation", std::string_view(f.approximation));
        } else {
          annotation.attrs = prototypes_.other();
          annotation.attrs.set("value", textbench::Value(f.label));
        }
        continue;
      }
      const bool range = f.range_start || f.range_end;
      const unsigned groups = (f.value.overflow() ? NumeralPrototypes::kTooLarge : 0u) |
                              (!f.exact ? NumeralPrototypes::kInexact : 0u) |
                              (!f.approximation.empty() ? NumeralPrototypes::kApproximation : 0u) |
                              (range ? NumeralPrototypes::kRange : 0u);
      auto& attrs = document.annotate("numeral", f.begin, f.end).attrs;
      const textbench::Attributes* prototype = prototypes_.numeral(f.kind, groups);
      if (prototype) attrs = *prototype;
      std::string value = f.value.to_string();
      if (f.value.overflow()) {
        attrs.set("value", textbench::Value{});
        attrs.set("value_error", "too large: more than 10000 digits");
      } else if (rewrite_) {
        attrs.set("value", textbench::Value(value));
      } else {
        attrs.set("value", textbench::Value(std::move(value)));
      }
      if (!prototype) attrs.set("kind", f.kind);
      if (!f.exact) {
        attrs.set("exact", textbench::Value{false});
        attrs.set("rational", textbench::Value(f.rational));
      }
      if (!f.approximation.empty()) {
        attrs.set("approximation", std::string_view(f.approximation));
        attrs.set("bound", f.bound);
      }
      if (range) {
        attrs.set("range", f.range_start ? "start" : "end");
        const numeral::Finding& other = findings[f.range_start ? k + 1 : k - 1];
        attrs.set("range_other", textbench::Value(other.value.to_string()));
      }
      if (rewrite_ && !f.value.overflow()) edits.push_back({f.begin, f.end, rewritten(f, value)});
    }
    if (!edits.empty()) document.apply(std::move(edits));
  }

 private:
  static std::string rewritten(const numeral::Finding& f, const std::string& value) {
    if (!f.exact) return f.rational;
    if (f.kind == "percent") return value + "%";
    if (f.kind == "ordinal") return value + ordinal_suffix(value);
    return value;
  }

  bool rewrite_;
  bool non_numerals_;
  NumeralPrototypes prototypes_;
};

}  // namespace

TEXTBENCH_PLUGIN(
    NumeralNormalizer, numeral_normalizer, "1.0.0",
    "Finds numerals (digits, words, Indian lakh/crore, ordinals, fractions, percentages) with exact values", kParams,
    kAttributes, textbench::kThreadSafe | textbench::kEditsText)
