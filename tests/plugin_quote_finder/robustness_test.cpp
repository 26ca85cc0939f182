// Bad input (runs of marks, huge unclosed quotes, mismatched marks, invalid UTF-8), source offsets
// after an earlier step edited the text, and parameter validation.
#include <catch2/catch.hpp>

#include <chrono>

#include "support.hpp"

using quote_test::direct_quotes;
using textbench::testing::PluginHarness;

namespace {

// Time bounds are for optimised builds; sanitizers and debug builds run many times slower.
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
constexpr double kSlowdown = 15.0;
#else
constexpr double kSlowdown = 1.0;
#endif

// Seconds to run the plugin once over `text`.
double seconds_for(PluginHarness& harness, const std::string& text) {
  const auto start = std::chrono::steady_clock::now();
  textbench::Document document("timed", text);
  harness.process(document);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("thousands of quote marks in a row take linear time", "[quote_finder][robustness]") {
  PluginHarness harness(textbench_descriptor_quote_finder());
  for (const std::string mark : {"\"", "'", "“", "”", "‘", "’", "«"}) {
    std::string small;
    std::string large;
    for (int i = 0; i < 100000; ++i) small += mark;
    for (int i = 0; i < 400000; ++i) large += mark;
    const double small_seconds = seconds_for(harness, small);
    const double large_seconds = seconds_for(harness, large);
    INFO("mark " << mark << ": " << small_seconds << " s for 100k, " << large_seconds << " s for 400k");
    // Quadratic work on 400k marks would take minutes; linear work takes a fraction of a second.
    CHECK(large_seconds < 3.0 * kSlowdown);
    CHECK(large_seconds < 20 * small_seconds + 0.3);  // four times the input, not sixteen times the time
  }
  // Alternating words and marks: many tiny quotes, each attributed within a bounded window.
  std::string words;
  for (int i = 0; i < 50000; ++i) words += "\"a,\" he said ";
  CHECK(seconds_for(harness, words) < 3.0 * kSlowdown);
}

TEST_CASE("a 10 MB document that is one unclosed quote", "[quote_finder][robustness]") {
  std::string text = "“";
  while (text.size() < 10'000'000) text += "the minister said nothing would change and that was that, ";
  PluginHarness harness(textbench_descriptor_quote_finder());
  textbench::Document document("huge", text);
  const auto start = std::chrono::steady_clock::now();
  harness.process(document);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 5.0 * kSlowdown);
  CHECK(document.annotations().empty());

  // The same with paragraphs: the open quote is dropped at the first paragraph that does not go on.
  std::string paragraphs = "\"It began like this.\n\n";
  for (int i = 0; i < 100000; ++i) paragraphs += "Another paragraph with a \"quoted term\" inside.\n\n";
  textbench::Document many("paragraphs", paragraphs);
  harness.process(many);
  CHECK(many.annotations().size() == 100000);
}

TEST_CASE("mismatched marks report nothing", "[quote_finder][robustness]") {
  CHECK(direct_quotes("The coach praised his ‘resilience.” Then he left.").empty());
  CHECK(direct_quotes("She called it 'unfair\" and walked out.").empty());
  CHECK(direct_quotes("» backwards guillemets « and ” reversed curly “ marks").empty());
}

TEST_CASE("invalid UTF-8 does not crash and quotes around it are still found", "[quote_finder][robustness]") {
  const std::string broken = std::string("\"Bad \xff\xfe bytes \xe2\x80 here,\" said clerk Ola Berg. \xc3") + "\"" +
                             std::string("\xe2\x80\x9c\x80\x80", 5);
  const auto found = direct_quotes(broken);
  REQUIRE_FALSE(found.empty());
  CHECK(found[0].speaker == "Ola Berg");
  // Truncated sequences at the very end and start.
  CHECK_NOTHROW(direct_quotes("\xe2\x80"));
  CHECK_NOTHROW(direct_quotes("\x9d\"x\" \xe2"));
  CHECK_NOTHROW(direct_quotes(std::string("\0\"\0\"", 4)));
}

TEST_CASE("offsets map back to the source after an earlier step erased a line", "[quote_finder][offsets]") {
  const std::string source =
      "Advertisement: subscribe now\n"
      "“The harbour is safe again,” port director Lars Nygaard said.\n"
      "Share this article\n"
      "“Ships can dock from Monday,” he added.";
  textbench::Document document("edited", source);
  document.erase(0, source.find('\n') + 1);  // what a boilerplate stripper would do
  const std::size_t share = document.text().find("Share this article\n");
  document.erase(share, share + std::string_view("Share this article\n").size());

  PluginHarness harness(textbench_descriptor_quote_finder());
  harness.process(document);
  const auto quotes = textbench::testing::find_all(document, "quote");
  REQUIRE(quotes.size() == 2);
  CHECK(textbench::testing::covered(document, *quotes[0]) == "The harbour is safe again,");
  CHECK(textbench::testing::covered_source(document, *quotes[0]) == "The harbour is safe again,");
  CHECK(textbench::testing::covered_source(document, *quotes[1]) == "Ships can dock from Monday,");
  CHECK(quotes[1]->source_begin == source.find("Ships"));
  CHECK(quotes[1]->attrs.get_string("speaker") == "Lars Nygaard");
}

TEST_CASE("parameters are declared and validated", "[quote_finder][params]") {
  CHECK_THROWS_AS(PluginHarness(textbench_descriptor_quote_finder(), {{"max_crossed_paragraphs", std::int64_t{-1}}}),
                  textbench::testing::PluginError);
  CHECK_THROWS_AS(PluginHarness(textbench_descriptor_quote_finder(), {{"no_such_param", true}}),
                  textbench::testing::PluginError);
  PluginHarness tight(textbench_descriptor_quote_finder(), {{"max_crossed_paragraphs", std::int64_t{0}}});
  const std::string crossing = "\"One.\n\nTwo.\n\nThree,\" she said.";
  CHECK(direct_quotes(tight, crossing).empty());
  CHECK(direct_quotes(crossing).size() == 1);
}
