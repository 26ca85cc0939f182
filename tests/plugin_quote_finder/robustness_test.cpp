// Bad input (runs of marks, huge unclosed quotes, mismatched marks, invalid UTF-8), source offsets
// after an earlier step edited the text, and parameter validation.
#include <catch2/catch.hpp>

#include "support.hpp"

using quote_test::direct_quotes;
using textbench::testing::PluginHarness;

namespace {

// Every annotation must lie inside the text, and quotes cannot outnumber pairs of marks.
void check_sane(const textbench::Document& document, std::size_t marks) {
  std::size_t quotes = 0;
  for (const auto& annotation : document.annotations()) {
    REQUIRE(annotation.begin <= annotation.end);
    REQUIRE(annotation.end <= document.text().size());
    if (annotation.type == "quote") ++quotes;
  }
  CHECK(quotes <= marks / 2);
}

}  // namespace

// These inputs must finish and stay correct; that they take time linear in their size is measured
// by bench/quote_finder (quote_finder_bench prints the scaling), and a hang is caught by CTest's
// timeout, not by a clock in the test.
TEST_CASE("thousands of quote marks in a row", "[quote_finder][robustness]") {
  PluginHarness harness(textbench_descriptor_quote_finder());
  for (const std::string mark : {"\"", "'", "“", "”", "‘", "’", "«"}) {
    std::string run;
    for (int i = 0; i < 400000; ++i) run += mark;
    textbench::Document document("marks", run);
    harness.process(document);
    INFO("mark " << mark);
    check_sane(document, 400000);
    CHECK(quote_test::direct_quotes(run).empty());  // marks alone are not speech
  }
  // Alternating words and marks: many tiny quotes, each attributed within a bounded window.
  std::string words;
  for (int i = 0; i < 50000; ++i) words += "\"a,\" he said ";
  textbench::Document document("words", words);
  harness.process(document);
  check_sane(document, 100000);
}

TEST_CASE("a 10 MB document that is one unclosed quote", "[quote_finder][robustness]") {
  std::string text = "“";
  while (text.size() < 10'000'000) text += "the minister said nothing would change and that was that, ";
  PluginHarness harness(textbench_descriptor_quote_finder());
  textbench::Document document("huge", text);
  harness.process(document);
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
