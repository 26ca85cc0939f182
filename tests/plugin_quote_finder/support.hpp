// Helpers shared by the quote_finder tests: run the plugin and list what it found.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(quote_finder);

namespace quote_test {

struct Found {
  std::string text;                    // the annotated span
  std::string kind;                    // attribute kind
  std::optional<std::string> speaker;  // attribute speaker (null → nullopt)
  std::optional<std::string> mention;  // attribute speaker_mention
  std::optional<std::string> verb;
  std::optional<std::string> source;
  std::optional<std::int64_t> group;
  std::optional<std::int64_t> part;
};

// Every quote annotation of a processed document.
std::vector<Found> all_quotes(const textbench::Document& document);
// Runs the plugin with default parameters and returns the quotes of kind "direct".
std::vector<Found> direct_quotes(const std::string& text);
// Runs the plugin with the given harness and returns the quotes of kind "direct".
std::vector<Found> direct_quotes(textbench::testing::PluginHarness& harness, const std::string& text);

}  // namespace quote_test
