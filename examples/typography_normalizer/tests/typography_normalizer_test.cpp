// Tests for typography_normalizer, through the SDK test kit (no host involved).
#include <catch2/catch.hpp>

#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(typography_normalizer);

using textbench::testing::covered;
using textbench::testing::covered_source;
using textbench::testing::find_all;
using textbench::testing::PluginHarness;

TEST_CASE("replaces typographic characters and marks each replacement") {
  PluginHarness harness(textbench_descriptor_typography_normalizer());
  const textbench::Document document = harness.run("\u201cNo\u2014never\u2026\u201d she said.");
  CHECK(document.text() == "\"No-never...\" she said.");
  const auto marks = find_all(document, "typography");
  REQUIRE(marks.size() == 4);
  CHECK(covered(document, *marks[2]) == "...");
  CHECK(marks[2]->attrs.get_string("original") == "\u2026");
}

TEST_CASE("annotations over the edited text map back to the original characters") {
  PluginHarness harness(textbench_descriptor_typography_normalizer());
  textbench::Document document("quote", "He said \u201cyes\u201d.");
  harness.process(document);
  const auto marks = find_all(document, "typography");
  REQUIRE(marks.size() == 2);
  CHECK(covered(document, *marks[0]) == "\"");
  CHECK(covered_source(document, *marks[0]) == "\u201c");
  // What a later step would mark in the plain text still points at the curly quotes.
  const auto quote = document.source_span(8, 13);
  CHECK(document.source_text().substr(quote.begin, quote.end - quote.begin) == "\u201cyes\u201d");
}

TEST_CASE("each kind of replacement can be switched off, and annotations too") {
  PluginHarness no_quotes(textbench_descriptor_typography_normalizer(), {{"quotes", false}});
  CHECK(no_quotes.run("\u201ca\u201d \u2013 b").text() == "\u201ca\u201d - b");
  PluginHarness no_marks(textbench_descriptor_typography_normalizer(), {{"type", ""}});
  const textbench::Document document = no_marks.run("a\u00a0b");
  CHECK(document.text() == "a b");
  CHECK(document.annotations().empty());
}

TEST_CASE("plain text and broken UTF-8 are left as they are") {
  PluginHarness harness(textbench_descriptor_typography_normalizer());
  CHECK_FALSE(harness.run("plain \"ASCII\" - text...").edited());
  const std::string broken = "cut \xe2\x80 off";
  CHECK(harness.run(broken).text() == broken);
}
