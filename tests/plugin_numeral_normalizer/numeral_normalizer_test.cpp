// numeral_normalizer: every coverage item of the issue, the non-numerals, bad input and rewrite mode.
// Sentences are written for these tests in the style of news copy.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "exact_decimal.hpp"
#include "scanner.hpp"
#include "textbench/plugin.hpp"
#include "textbench/testing/harness.hpp"
#include "word_set.hpp"

TEXTBENCH_DECLARE_PLUGIN(numeral_normalizer);

namespace {

using textbench::testing::PluginHarness;

struct Seen {
  std::string text;
  std::string value;
  std::string kind;
  bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Seen& s) {
  return out << "{" << s.text << " = " << s.value << " (" << s.kind << ")}";
}

std::string attr(const textbench::Annotation& a, std::string_view key) {
  const textbench::Value* v = a.attrs.find(key);
  if (!v) return "<absent>";
  if (std::holds_alternative<std::monostate>(*v)) return "<null>";
  if (const auto* b = std::get_if<bool>(v)) return *b ? "true" : "false";
  return std::string(a.attrs.get_string(key));
}

std::vector<Seen> numerals(const std::string& text) {
  PluginHarness harness(textbench_descriptor_numeral_normalizer());
  const auto document = harness.run(text);
  std::vector<Seen> seen;
  for (const auto* a : textbench::testing::find_all(document, "numeral")) {
    seen.push_back({std::string(textbench::testing::covered(document, *a)), attr(*a, "value"), attr(*a, "kind")});
  }
  return seen;
}

// The single numeral annotation of a text (fails the test when there is not exactly one).
textbench::Annotation only_numeral(const std::string& text) {
  PluginHarness harness(textbench_descriptor_numeral_normalizer());
  const auto document = harness.run(text);
  const auto found = textbench::testing::find_all(document, "numeral");
  REQUIRE(found.size() == 1);
  return *found[0];
}

}  // namespace

TEST_CASE("digits with international and Indian grouping, decimals and signs", "[numeral][digits]") {
  CHECK(numerals("Turnout was 1,000,000 voters.") == std::vector<Seen>{{"1,000,000", "1000000", "cardinal"}});
  CHECK(numerals("The fund holds 10,00,000 rupees.") == std::vector<Seen>{{"10,00,000", "1000000", "cardinal"}});
  CHECK(numerals("Exports rose to 12,34,567.89 tonnes.") ==
        std::vector<Seen>{{"12,34,567.89", "1234567.89", "cardinal"}});
  CHECK(numerals("The index fell 0.75 points to -3.5 at close.") ==
        std::vector<Seen>{{"0.75", "0.75", "cardinal"}, {"-3.5", "-3.5", "cardinal"}});
  CHECK(numerals("A reading of .08 was recorded.") == std::vector<Seen>{{".08", "0.08", "cardinal"}});
  // A comma followed by a space separates numbers.
  CHECK(numerals("Seats went 4, 12, 300.") ==
        std::vector<Seen>{{"4", "4", "cardinal"}, {"12", "12", "cardinal"}, {"300", "300", "cardinal"}});
}

TEST_CASE("spelled-out numbers", "[numeral][words]") {
  CHECK(numerals("Twenty-five students passed.") == std::vector<Seen>{{"Twenty-five", "25", "cardinal"}});
  CHECK(numerals("He listed two hundred and five objections.") ==
        std::vector<Seen>{{"two hundred and five", "205", "cardinal"}});
  CHECK(numerals("Officials expect one million visitors.") ==
        std::vector<Seen>{{"one million", "1000000", "cardinal"}});
  CHECK(numerals("It cost a thousand dollars.") == std::vector<Seen>{{"a thousand", "1000", "cardinal"}});
  CHECK(numerals("The town has seven thousand three hundred and twelve homes.") ==
        std::vector<Seen>{{"seven thousand three hundred and twelve", "7312", "cardinal"}});
  CHECK(numerals("The deficit is minus five point two billion.") ==
        std::vector<Seen>{{"minus five point two billion", "-5200000000", "cardinal"}});
  CHECK(numerals("They ordered a dozen crates and two dozen boxes.") ==
        std::vector<Seen>{{"a dozen", "12", "cardinal"}, {"two dozen", "24", "cardinal"}});
}

TEST_CASE("mixed digits and scale words", "[numeral][mixed]") {
  CHECK(numerals("Some 2.8 million people live there.") == std::vector<Seen>{{"2.8 million", "2800000", "cardinal"}});
  CHECK(numerals("It raised 1.2 bn in bonds and 5k in grants.") ==
        std::vector<Seen>{{"1.2 bn", "1200000000", "cardinal"}, {"5k", "5000", "cardinal"}});
  CHECK(numerals("Debt stood at $3 trillion.") == std::vector<Seen>{{"3 trillion", "3000000000000", "cardinal"}});
  CHECK(numerals("They paid 45K and 2million.") ==
        std::vector<Seen>{{"45K", "45000", "cardinal"}, {"2million", "2000000", "cardinal"}});
}

TEST_CASE("Indian units: lakh, crore, arab, stacked and hyphenated", "[numeral][indian]") {
  CHECK(numerals("more than 1 lakh foreigners") == std::vector<Seen>{{"1 lakh", "100000", "cardinal"}});
  CHECK(numerals("Rs 3,500 crore was allotted.") == std::vector<Seen>{{"3,500 crore", "35000000000", "cardinal"}});
  CHECK(numerals("A loan of 1.5 lakh was waived.") == std::vector<Seen>{{"1.5 lakh", "150000", "cardinal"}});
  CHECK(numerals("Collections hit Rs 1.49 lakh crore.") ==
        std::vector<Seen>{{"1.49 lakh crore", "1490000000000", "cardinal"}});
  CHECK(numerals("The estate is worth 1 crore 20 lakh rupees.") ==
        std::vector<Seen>{{"1 crore 20 lakh", "12000000", "cardinal"}});
  CHECK(numerals("The Rs 1.40-lakh-crore mark and a Rs 250-crore plan.") ==
        std::vector<Seen>{{"1.40-lakh-crore", "1400000000000", "cardinal"}, {"250-crore", "2500000000", "cardinal"}});
  CHECK(numerals("Five lakhs and 8,000 crores were spent.") ==
        std::vector<Seen>{{"Five lakhs", "500000", "cardinal"}, {"8,000 crores", "80000000000", "cardinal"}});
  CHECK(numerals("A budget of 2 arab was proposed.") == std::vector<Seen>{{"2 arab", "2000000000", "cardinal"}});
  CHECK(numerals("He saved 12 lac and then 3 cr.") ==
        std::vector<Seen>{{"12 lac", "1200000", "cardinal"}, {"3 cr", "30000000", "cardinal"}});
  CHECK(numerals("Revenue of Rs 2,45,300\ncrore was logged.") ==
        std::vector<Seen>{{"2,45,300\ncrore", "2453000000000", "cardinal"}});
}

TEST_CASE("ordinals", "[numeral][ordinal]") {
  CHECK(numerals("It was the 66th day of the strike.") == std::vector<Seen>{{"66th", "66", "ordinal"}});
  CHECK(numerals("She came first in the twenty-first race and 2nd in the 103rd.") ==
        std::vector<Seen>{{"first", "1", "ordinal"},
                          {"twenty-first", "21", "ordinal"},
                          {"2nd", "2", "ordinal"},
                          {"103rd", "103", "ordinal"}});
  CHECK(numerals("A third bomb was defused.") == std::vector<Seen>{{"third", "3", "ordinal"}});
  CHECK(numerals("Fares were cut by a third to Rs 20.") ==
        std::vector<Seen>{{"a third", "0.333333", "fraction"}, {"20", "20", "cardinal"}});
  CHECK(numerals("the two hundredth anniversary") == std::vector<Seen>{{"two hundredth", "200", "ordinal"}});
  // After "a" or "one" a denominator word is a share.
  CHECK(numerals("a hundredth of a second") == std::vector<Seen>{{"a hundredth", "0.01", "fraction"}});
}

TEST_CASE("fractions", "[numeral][fraction]") {
  CHECK(numerals("Half of the voters stayed home.") == std::vector<Seen>{{"Half", "0.5", "fraction"}});
  CHECK(numerals("A quarter of the seats and three-quarters of the budget.") ==
        std::vector<Seen>{{"A quarter", "0.25", "fraction"}, {"three-quarters", "0.75", "fraction"}});
  CHECK(numerals("Nearly half a million people fled.") == std::vector<Seen>{{"half a million", "500000", "fraction"}});
  CHECK(numerals("He earns one and a half lakh a month.") ==
        std::vector<Seen>{{"one and a half lakh", "150000", "fraction"}});
  CHECK(numerals("Only 3/4 of the plots and one-fifth of the wells.") ==
        std::vector<Seen>{{"3/4", "0.75", "fraction"}, {"one-fifth", "0.2", "fraction"}});
  CHECK(numerals("Prices rose ¾ of a point.") == std::vector<Seen>{{"¾", "0.75", "fraction"}});
}

TEST_CASE("a fraction with no exact decimal has a rounded value and an exact rational", "[numeral][fraction]") {
  const auto a = only_numeral("Two-thirds of the members agreed.");
  CHECK(attr(a, "value") == "0.666667");
  CHECK(attr(a, "rational") == "2/3");
  CHECK(attr(a, "exact") == "false");
  CHECK(attr(a, "kind") == "fraction");
  const auto exact = only_numeral("Three-quarters of the members agreed.");
  CHECK(attr(exact, "exact") == "<absent>");
  CHECK(attr(exact, "rational") == "<absent>");
}

TEST_CASE("percentages", "[numeral][percent]") {
  CHECK(numerals("Growth was 12% and inflation 12 per cent, with twelve percent unemployment.") ==
        std::vector<Seen>{
            {"12%", "12", "percent"}, {"12 per cent", "12", "percent"}, {"twelve percent", "12", "percent"}});
  CHECK(numerals("Turnout rose 4.5 pc.") == std::vector<Seen>{{"4.5 pc", "4.5", "percent"}});
}

TEST_CASE("hyphen compounds keep only the number", "[numeral][hyphen]") {
  CHECK(numerals("a 66-day strike by a two-year-old union") ==
        std::vector<Seen>{{"66", "66", "cardinal"}, {"two", "2", "cardinal"}});
  CHECK(numerals("a 36-hour curfew in a three-decade-long dispute") ==
        std::vector<Seen>{{"36", "36", "cardinal"}, {"three", "3", "cardinal"}});
}

TEST_CASE("approximations are attributes, outside the span", "[numeral][approximation]") {
  const auto more = only_numeral("more than 1 lakh foreigners");
  CHECK(attr(more, "value") == "100000");
  CHECK(attr(more, "approximation") == "more than");
  CHECK(attr(more, "bound") == "lower");
  CHECK(attr(only_numeral("nearly Rs 53 lakh"), "approximation") == "nearly");
  CHECK(attr(only_numeral("at least 18 persons"), "approximation") == "at least");
  CHECK(attr(only_numeral("about $20 each"), "bound") == "approximate");
  CHECK(attr(only_numeral("up to 40 seats"), "bound") == "upper");
  CHECK(attr(only_numeral("We met 40 voters."), "approximation") == "<absent>");
}

TEST_CASE("ranges: both ends, a shared scale word", "[numeral][range]") {
  PluginHarness harness(textbench_descriptor_numeral_normalizer());
  auto document = harness.run("Between 10 and 20 people, costing 5-6 million.");
  const auto found = textbench::testing::find_all(document, "numeral");
  REQUIRE(found.size() == 4);
  CHECK(attr(*found[0], "range") == "start");
  CHECK(attr(*found[0], "range_other") == "20");
  CHECK(attr(*found[1], "range") == "end");
  CHECK(attr(*found[2], "value") == "5000000");  // the bare start shares "million"
  CHECK(attr(*found[2], "range") == "start");
  CHECK(attr(*found[3], "value") == "6000000");
  // A score is not a range.
  document = harness.run("Dortmund won 7-1 at home.");
  const auto score = textbench::testing::find_all(document, "numeral");
  REQUIRE(score.size() == 2);
  CHECK(attr(*score[0], "range") == "<absent>");
}

TEST_CASE("attributes are written in a fixed order, only those that apply", "[numeral][attributes]") {
  const auto keys = [](const textbench::Annotation& a) {
    std::vector<std::string> names;
    for (const auto& [key, value] : a.attrs) names.push_back(key);
    return names;
  };
  using Keys = std::vector<std::string>;
  CHECK(keys(only_numeral("It rained 12 days.")) == Keys{"value", "kind"});
  CHECK(keys(only_numeral("Nearly two-thirds voted.")) ==
        Keys{"value", "kind", "exact", "rational", "approximation", "bound"});
  std::string stacked = "a";
  for (int i = 0; i < 2000; ++i) stacked += " million";
  CHECK(keys(only_numeral(stacked)) == Keys{"value", "value_error", "kind"});
  PluginHarness harness(textbench_descriptor_numeral_normalizer());
  const auto document = harness.run("Over 10-20 per cent of thousands of voters left at 7.10 pm.");
  const auto numerals = textbench::testing::find_all(document, "numeral");
  REQUIRE(numerals.size() == 2);
  CHECK(keys(*numerals[0]) == Keys{"value", "kind", "approximation", "bound", "range", "range_other"});
  CHECK(attr(*numerals[0], "kind") == "percent");
  CHECK(keys(*numerals[1]) == Keys{"value", "kind", "range", "range_other"});
  const auto quantities = textbench::testing::find_all(document, "quantity");
  REQUIRE(quantities.size() == 1);
  CHECK(keys(*quantities[0]) == Keys{"lower_bound", "unit"});
  const auto times = textbench::testing::find_all(document, "time");
  REQUIRE(times.size() == 1);
  CHECK(keys(*times[0]) == Keys{"value"});
}

TEST_CASE("years are numerals of their own kind", "[numeral][year]") {
  CHECK(numerals("The law passed in 2019 after 2,019 petitions.") ==
        std::vector<Seen>{{"2019", "2019", "year"}, {"2,019", "2019", "cardinal"}});
  CHECK(numerals("On June 14, 2024, the court sat.") ==
        std::vector<Seen>{{"14", "14", "cardinal"}, {"2024", "2024", "year"}});
}

TEST_CASE("not numerals: pronoun one, words containing number words, names", "[numeral][negative]") {
  CHECK(numerals("One of the accused said no one else was there.").empty());
  CHECK(numerals("Someone often plays tennis alone.").empty());
  CHECK(numerals("The one who left was the only one.").empty());
  CHECK(numerals("They helped one another; which one is yours?").empty());
  CHECK(numerals("He watched Formula One and Channel Four.").empty());
  CHECK(numerals("Rahul bought a two-wheeler and a five-star room.").empty());
  CHECK(numerals("Sales in the December quarter and the first half rose.") ==
        std::vector<Seen>{{"first", "1", "ordinal"}});
  CHECK(numerals("Wait a second, she said.").empty());
  CHECK(numerals("He moved one step up.") == std::vector<Seen>{{"one", "1", "cardinal"}});
  CHECK(numerals("He was one among the five arrested.") == std::vector<Seen>{{"five", "5", "cardinal"}});
}

TEST_CASE("vague quantities are quantity annotations with a lower bound", "[numeral][quantity]") {
  PluginHarness harness(textbench_descriptor_numeral_normalizer());
  const auto document = harness.run("Thousands of people, lakhs of farmers and tens of thousands of workers.");
  CHECK(textbench::testing::count(document, "numeral") == 0);
  const auto found = textbench::testing::find_all(document, "quantity");
  REQUIRE(found.size() == 3);
  CHECK(attr(*found[0], "lower_bound") == "2000");
  CHECK(attr(*found[1], "lower_bound") == "200000");
  CHECK(attr(*found[1], "unit") == "lakhs");
  CHECK(textbench::testing::covered(document, *found[2]) == "tens of thousands");
  CHECK(attr(*found[2], "lower_bound") == "20000");
}

TEST_CASE("dates, clock times and phone numbers are their own types", "[numeral][date]") {
  PluginHarness harness(textbench_descriptor_numeral_normalizer());
  const auto document = harness.run("Filed on 14/06/2024 at 7.10 pm; call +91 98765 43210 or 011-23456789.");
  CHECK(textbench::testing::count(document, "numeral") == 0);
  const auto dates = textbench::testing::find_all(document, "date");
  REQUIRE(dates.size() == 1);
  CHECK(attr(*dates[0], "value") == "2024-06-14");
  const auto times = textbench::testing::find_all(document, "time");
  REQUIRE(times.size() == 1);
  CHECK(attr(*times[0], "value") == "19:10");
  CHECK(textbench::testing::count(document, "phone") == 2);
  PluginHarness quiet(textbench_descriptor_numeral_normalizer(), {{"non_numerals", false}});
  CHECK(quiet.run("Filed on 14/06/2024 at 7.10 pm.").annotations().empty());
}

TEST_CASE("codes, addresses and names with digits are skipped", "[numeral][negative]") {
  CHECK(numerals("The G20 met over Covid-19 and the F-35B; see www.example.com/2019/page.").empty());
  CHECK(numerals("Version 1.2.3 shipped.").empty());
  CHECK(numerals("mid-2020") == std::vector<Seen>{{"2020", "2020", "year"}});
}

TEST_CASE("bad input: absurd numbers, invalid UTF-8, empty text", "[numeral][bad-input]") {
  CHECK(numerals("").empty());
  // 5,000 digits: exact.
  const std::string big(5000, '7');
  const auto huge = only_numeral("A number: " + big + ".");
  CHECK(attr(huge, "value") == big);
  // A million million ... far beyond 10000 digits: flagged, not wrong.
  std::string stacked = "a";
  for (int i = 0; i < 2000; ++i) stacked += " million";
  const auto flagged = only_numeral(stacked);
  CHECK(attr(flagged, "value") == "<null>");
  CHECK(attr(flagged, "value_error").find("too large") != std::string::npos);
  // Three stacked millions are exact.
  CHECK(attr(only_numeral("a million million million"), "value") == "1000000000000000000");
  // 10^400 is not power notation here: the parts are separate numerals, each exact.
  CHECK(numerals("10^400") == std::vector<Seen>{{"10", "10", "cardinal"}, {"400", "400", "cardinal"}});
  // Invalid UTF-8 around numbers.
  CHECK(numerals("\xff\xfe 12 lakh \xc3 and \x80\x80 five") ==
        std::vector<Seen>{{"12 lakh", "1200000", "cardinal"}, {"five", "5", "cardinal"}});
  CHECK(numerals("\xc2").empty());
}

TEST_CASE("exact decimal arithmetic", "[numeral][decimal]") {
  using numeral::ExactDecimal;
  ExactDecimal a = ExactDecimal::from_digits("28", 1);  // 2.8
  a.multiply_pow10(6);
  CHECK(a.to_string() == "2800000");
  ExactDecimal b = ExactDecimal::from_digits("1", 0);
  b.add(ExactDecimal::from_digits("5", 13));
  CHECK(b.to_string() == "1.0000000000005");
  b.negate();
  CHECK(b.to_string() == "-1.0000000000005");
  const auto third = numeral::divide(ExactDecimal::from_integer(1), 3);
  CHECK(!third.exact);
  CHECK(third.rational == "1/3");
  CHECK(third.value.to_string() == "0.333333");
  CHECK(numeral::divide(ExactDecimal::from_integer(1002203), 5).value.to_string() == "200440.6");
  // Leading and trailing zeros, of the integer and of the fraction.
  CHECK(ExactDecimal::from_digits("000120", 2).to_string() == "1.2");
  CHECK(ExactDecimal::from_digits("000120", 0).to_string() == "120");
  CHECK(ExactDecimal::from_digits("0005", 4).to_string() == "0.0005");
  CHECK(ExactDecimal::from_digits("0000", 3).to_string() == "0");
  CHECK(ExactDecimal::from_digits("0000", 3).is_zero());
  CHECK(ExactDecimal::from_digits("1000", 3).to_string() == "1");
  CHECK(ExactDecimal::from_digits("", 0).to_string() == "0");
  CHECK(ExactDecimal::from_digits(std::string(numeral::kMaxValueDigits + 1, '7'), 0).overflow());
  ExactDecimal product = ExactDecimal::from_digits("125", 2);
  product.multiply(ExactDecimal::from_integer(8));
  CHECK(product.to_string() == "10");
}

TEST_CASE("rewrite mode replaces numerals by digits in one batch, offsets map back", "[numeral][rewrite]") {
  PluginHarness harness(textbench_descriptor_numeral_normalizer(), {{"mode", std::string("rewrite")}});
  const std::string source = "More than two lakh people, the sixty-sixth day, twelve per cent.";
  const auto document = harness.run(source);
  CHECK(document.text() == "More than 200000 people, the 66th day, 12%.");
  const auto found = textbench::testing::find_all(document, "numeral");
  REQUIRE(found.size() == 3);
  CHECK(textbench::testing::covered(document, *found[0]) == "200000");
  CHECK(textbench::testing::covered_source(document, *found[0]) == "two lakh");
  CHECK(textbench::testing::covered_source(document, *found[1]) == "sixty-sixth");
  CHECK(textbench::testing::covered_source(document, *found[2]) == "twelve per cent");
}

TEST_CASE("describe documents every attribute and parameter", "[numeral][describe]") {
  const auto& descriptor = textbench_descriptor_numeral_normalizer();
  REQUIRE(descriptor.param_count == 2);
  for (std::size_t i = 0; i < descriptor.attribute_count; ++i) {
    CHECK(std::string(descriptor.attributes[i].doc).size() > 10);
  }
  // Every attribute written on a rich document is declared.
  PluginHarness harness(textbench_descriptor_numeral_normalizer());
  const auto document =
      harness.run("About two-thirds, 5-6 million, thousands of people, 14/06/2024, 7.10 pm, +91 98765 43210.");
  for (const auto& annotation : document.annotations()) {
    for (const auto& [key, value] : annotation.attrs) {
      bool declared = false;
      for (std::size_t i = 0; i < descriptor.attribute_count; ++i) {
        declared = declared || (annotation.type == descriptor.attributes[i].annotation_type &&
                                key == descriptor.attributes[i].name);
      }
      CHECK(declared);
    }
  }
}

namespace {

bool same_finding(const numeral::Finding& a, const numeral::Finding& b) {
  return a.type == b.type && a.begin == b.begin && a.end == b.end && a.value.to_string() == b.value.to_string() &&
         a.value.overflow() == b.value.overflow() && a.kind == b.kind && a.exact == b.exact &&
         a.rational == b.rational && a.approximation == b.approximation && a.bound == b.bound &&
         a.scale_power == b.scale_power && a.range_start == b.range_start && a.range_end == b.range_end &&
         a.label == b.label;
}

// Random text from number words, near-misses of them, digits in every shape the scanner knows,
// URLs and codes, glued together or separated by spaces, hyphens, punctuation and stray bytes.
std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {"one",
                                                  "One",
                                                  "ONE",
                                                  "two",
                                                  "three",
                                                  "four",
                                                  "for",
                                                  "forty",
                                                  "fourth",
                                                  "fifth",
                                                  "thirty",
                                                  "third",
                                                  "thirds",
                                                  "this",
                                                  "the",
                                                  "The",
                                                  "hundred",
                                                  "hundreds",
                                                  "half",
                                                  "halves",
                                                  "quarter",
                                                  "quarters",
                                                  "thousand",
                                                  "thousands",
                                                  "lakh",
                                                  "lakhs",
                                                  "lac",
                                                  "crore",
                                                  "crores",
                                                  "cr",
                                                  "mn",
                                                  "bn",
                                                  "k",
                                                  "K",
                                                  "M",
                                                  "b",
                                                  "million",
                                                  "billion",
                                                  "arab",
                                                  "dozen",
                                                  "dozens",
                                                  "tens",
                                                  "a",
                                                  "A",
                                                  "an",
                                                  "An",
                                                  "and",
                                                  "of",
                                                  "over",
                                                  "point",
                                                  "minus",
                                                  "negative",
                                                  "per",
                                                  "cent",
                                                  "percent",
                                                  "pc",
                                                  "pct",
                                                  "first",
                                                  "second",
                                                  "twenty",
                                                  "twentieth",
                                                  "eleventh",
                                                  "zero",
                                                  "nought",
                                                  "seven",
                                                  "nine",
                                                  "ten",
                                                  "tennis",
                                                  "often",
                                                  "someone",
                                                  "no",
                                                  "which",
                                                  "other",
                                                  "between",
                                                  "more",
                                                  "than",
                                                  "nearly",
                                                  "about",
                                                  "up",
                                                  "to",
                                                  "Rs",
                                                  "rs",
                                                  "$",
                                                  "\xE2\x82\xB9",
                                                  "http",
                                                  "https",
                                                  "www",
                                                  "HTTP",
                                                  "wheeler",
                                                  "star",
                                                  "FY",
                                                  "G",
                                                  "Covid",
                                                  "mid",
                                                  "am",
                                                  "pm",
                                                  "a.m.",
                                                  "in",
                                                  "since",
                                                  "year",
                                                  "he",
                                                  "was",
                                                  "with",
                                                  "12",
                                                  "1",
                                                  "0",
                                                  "2024",
                                                  "1999",
                                                  "3.5",
                                                  ".08",
                                                  "1,000",
                                                  "10,00,000",
                                                  "1,2",
                                                  "66th",
                                                  "2nd",
                                                  "5k",
                                                  "2.8bn",
                                                  "150cc",
                                                  "3/4",
                                                  "1/3",
                                                  "14/06/2024",
                                                  "2024-06-14",
                                                  "7.10",
                                                  "4:10",
                                                  "9",
                                                  "+91",
                                                  "98765",
                                                  "43210",
                                                  "011-23456789",
                                                  "(212)",
                                                  "555-1234",
                                                  "1.2.3",
                                                  "5TJk4",
                                                  "\xC2\xBD",
                                                  "\xC2\xBC",
                                                  "\xC2\xA0",
                                                  "://",
                                                  ".com/2019/",
                                                  "%",
                                                  "'s",
                                                  "\xE2\x80\x99s",
                                                  "\xE2\x80\x93",
                                                  "\xC2",
                                                  "\xFF",
                                                  "\xE2"};
  static const std::vector<std::string> gaps = {" ", " ", " ", " ", "",  "-", " - ", ", ", ". ", "\n", "\n\n",
                                                "(", ")", "/", ".", ":", "@", "#",   "_",  "+",  "\t"};
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), gap(0, gaps.size() - 1);
  std::uniform_int_distribution<int> count(1, 40), byte(0, 255), percent(0, 99);
  std::string text;
  for (int k = count(rng); k > 0; --k) {
    if (percent(rng) < 5) {
      text.push_back(static_cast<char>(byte(rng)));
    } else {
      text += pieces[piece(rng)];
    }
    text += gaps[gap(rng)];
  }
  return text;
}

// A number in digits of a random shape: grouped or not (well or badly), with a decimal part, a
// leading zero, a glued suffix; many digits now and then.
std::string random_number(std::mt19937& rng) {
  static const std::vector<std::string> suffixes = {"",   "",   "",   "",  "",  "",  "st",  "nd", "rd",  "th", "TH",
                                                    "k",  "K",  "M",  "m", "b", "B", "bn",  "mn", "cr",  "s",  "cc",
                                                    "pc", "PC", "km", "%", "x", "h", "st5", "a",  "lakh"};
  std::uniform_int_distribution<int> percent(0, 99), digit(0, 9), group_count(1, 4), length(1, 4);
  const auto digits = [&](int n) {
    std::string d;
    for (int k = 0; k < n; ++k) d.push_back(static_cast<char>('0' + digit(rng)));
    return d;
  };
  std::string number = digits(percent(rng) < 3 ? 30 : length(rng));
  if (percent(rng) < 25) {
    // Groups of three, or two then three (Indian), or of any length now and then.
    const bool indian = percent(rng) < 40;
    for (int g = group_count(rng); g > 0; --g)
      number += "," + digits(percent(rng) < 15 ? length(rng) : (indian && g > 1 ? 2 : 3));
  }
  if (percent(rng) < 25) number += "." + digits(percent(rng) < 3 ? 70 : length(rng));
  if (percent(rng) < 3) number += "." + digits(1);
  if (percent(rng) < 5) number += "/" + digits(length(rng));
  std::uniform_int_distribution<std::size_t> suffix(0, suffixes.size() - 1);
  return number + suffixes[suffix(rng)];
}

// Numbers in digits (see random_number) among the words and gaps of random_text: the shapes the
// scanner's fast path for plain numbers takes, and those next to them that it must leave alone.
std::string random_text_of_numbers(std::mt19937& rng) {
  // What may come right after a number, joining it or not.
  static const std::vector<std::string> followers = {"and a half",
                                                     "and three quarters",
                                                     "and one third",
                                                     "and",
                                                     "and 5",
                                                     "point five",
                                                     "point 25",
                                                     "point",
                                                     "hundred",
                                                     "hundreds",
                                                     "thousand",
                                                     "lakh",
                                                     "crore",
                                                     "million",
                                                     "dozen",
                                                     "dozens",
                                                     "thirds",
                                                     "fifths",
                                                     "hundredth",
                                                     "thousandth",
                                                     "third",
                                                     "half",
                                                     "quarter",
                                                     "one",
                                                     "twenty",
                                                     "eleven",
                                                     "a",
                                                     "minus",
                                                     "per cent",
                                                     "percent",
                                                     "pc",
                                                     "%",
                                                     "over",
                                                     "over 20",
                                                     "over two",
                                                     "3/4",
                                                     ".5",
                                                     "1/2",
                                                     "year",
                                                     "people",
                                                     "one",
                                                     "twenty-one",
                                                     "first",
                                                     "fifth",
                                                     "hundredth",
                                                     "per"};
  static const std::vector<std::string> gaps = {" ", " ", " ", "-", " - ", "", "\n", "  ", "\xC2\xA0", ","};
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<std::size_t> follower(0, followers.size() - 1), gap(0, gaps.size() - 1);
  std::string text;
  for (int k = percent(rng) % 8 + 1; k > 0; --k) {
    if (percent(rng) < 60) {
      text += random_number(rng);
      if (percent(rng) < 60) text += gaps[gap(rng)] + followers[follower(rng)];
    } else {
      text += random_text(rng);
    }
    if (percent(rng) < 50) text += ' ';
  }
  return text;
}

}  // namespace

TEST_CASE("WordSet finds a word of letters in any case exactly where a linear search does", "[numeral][words]") {
  static constexpr std::array<std::string_view, 12> kWords = {
      "a", "of", "than", "least", "over", "as", "up", "upto", "approx", "estimated", "approximately", "as"};
  static constexpr numeral::WordSet<12> kSet{kWords};
  const auto linear = [](std::string_view word) {
    for (std::size_t i = 0; i < kWords.size(); ++i) {
      if (numeral::equals_lower(word, kWords[i])) return i;
    }
    return kWords.size();
  };
  for (std::size_t i = 0; i < kWords.size(); ++i) CHECK(kSet.find(kWords[i]) == linear(kWords[i]));
  CHECK(kSet.find("OVER") == 4);
  CHECK(kSet.find("Approximately") == 10);
  CHECK(kSet.find("as") == 5);  // the first of a repeated word
  CHECK(kSet.find("") == kWords.size());
  CHECK(kSet.find("overs") == kWords.size());
  // Near misses: a word of the list with one letter changed, added or dropped, in random case.
  std::mt19937 rng(20261127);
  std::uniform_int_distribution<std::size_t> word(0, kWords.size() - 1);
  std::uniform_int_distribution<int> letter(0, 25), edit(0, 4), percent(0, 99);
  for (int round = 0; round < 20000; ++round) {
    std::string text(kWords[word(rng)]);
    const std::size_t at = text.empty() ? 0 : static_cast<std::size_t>(letter(rng)) % text.size();
    switch (edit(rng)) {
      case 0:
        text[at] = static_cast<char>('a' + letter(rng));
        break;
      case 1:
        text.insert(at, 1, static_cast<char>('a' + letter(rng)));
        break;
      case 2:
        if (text.size() > 1) text.erase(at, 1);
        break;
      default:
        break;  // unchanged
    }
    for (char& c : text) {
      if (percent(rng) < 30) c = static_cast<char>(c - 'a' + 'A');
    }
    INFO("word: " << text);
    REQUIRE(kSet.find(text) == linear(text));
  }
}

TEST_CASE("ascii_letter_bytes marks exactly the ASCII letters of eight bytes", "[numeral][words]") {
  std::mt19937_64 rng(20261128);
  const auto is_letter = [](unsigned byte) { return (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z'); };
  for (unsigned byte = 0; byte < 256; ++byte) {
    for (unsigned position = 0; position < 8; ++position) {
      // The byte among random neighbours, which must not change its bit.
      const std::uint64_t bytes =
          (rng() & ~(std::uint64_t{0xFF} << (8 * position))) | (std::uint64_t{byte} << (8 * position));
      const std::uint64_t marks = numeral::ascii_letter_bytes(bytes);
      for (unsigned k = 0; k < 8; ++k) {
        const unsigned b = static_cast<unsigned>(bytes >> (8 * k)) & 0xFF;
        INFO("bytes " << std::hex << bytes << " byte " << k);
        REQUIRE(((marks >> (8 * k)) & 0xFF) == (is_letter(b) ? 0x80u : 0u));
      }
    }
  }
}

TEST_CASE("words before and after a numeral are read whole, however long and wherever they start", "[numeral][words]") {
  // The scanner reads words eight bytes at a time where it can: vary the lengths and offsets.
  for (std::size_t pad = 0; pad < 12; ++pad) {
    for (const char* filler : {"", "x", "xxxxxxxxxxxxxxx ", "\xC3\xA9", "1"}) {
      const std::string prefix = std::string(pad, 'z') + filler + " ";
      for (const auto& [words, approximation] : {std::pair<std::string, std::string>{"approximately", "approximately"},
                                                 {"nearly", "nearly"},
                                                 {"over", "over"},
                                                 {"more than", "more than"},
                                                 {"in excess of", "in excess of"},
                                                 {"Over", "over"},
                                                 {"hover", ""},
                                                 {"approximatelyy", ""},
                                                 {"overx", ""},
                                                 {"clover", ""},
                                                 {"about Rs", "about"}}) {
        const std::string text = prefix + words + " 5 people.";
        const std::size_t five_at = text.find(" 5 ") + 1;
        const auto found = numeral::scan(text);
        const auto five = std::find_if(found.begin(), found.end(), [&](const auto& f) { return f.begin == five_at; });
        INFO("text: " << text);
        REQUIRE(five != found.end());
        CHECK(five->value.to_string() == "5");
        CHECK(five->approximation == approximation);
      }
    }
  }
}

TEST_CASE("the fast paths for lone numbers and number words find what the full parser finds", "[numeral][fast-path]") {
  std::mt19937 rng(20261126);
  for (int round = 0; round < 40000; ++round) {
    const std::string text = round % 2 == 0 ? random_text_of_numbers(rng) : random_text(rng);
    const auto full = numeral::scan_without_fast_paths(text);
    const auto fast = numeral::scan(text);
    bool same = fast.size() == full.size();
    for (std::size_t k = 0; same && k < fast.size(); ++k) same = same_finding(fast[k], full[k]);
    INFO("text: " << text);
    REQUIRE(same);
  }
}

TEST_CASE("the fast candidate filter never skips what the full scanner finds", "[numeral][filter]") {
  std::mt19937 rng(20261125);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(rng);
    const auto full = numeral::scan_unfiltered(text);
    // scan() classifies blocks with AVX2 where the CPU has it; scan_without_avx2() always with SSE2.
    for (const auto& fast : {numeral::scan(text), numeral::scan_without_avx2(text)}) {
      bool same = fast.size() == full.size();
      for (std::size_t k = 0; same && k < fast.size(); ++k) same = same_finding(fast[k], full[k]);
      INFO("text: " << text);
      REQUIRE(same);
    }
  }
}
