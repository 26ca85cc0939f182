// The test kit runs a plugin defined right here, as a plugin author's test would.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "textbench/plugin.hpp"
#include "textbench/testing/harness.hpp"

namespace {

// Marks every occurrence of a word; throws on documents that contain "boom".
class WordMarker {
 public:
  explicit WordMarker(const textbench::CreateContext& context) : word_(context.params().get_string("word")) {
    if (word_.find(' ') != std::string::npos) context.reject("word", "must be a single word");
  }
  void process(textbench::Document& document) {
    if (document.text().find("boom") != std::string_view::npos) throw std::runtime_error("boom found");
    for (auto at = document.text().find(word_); at != std::string_view::npos;
         at = document.text().find(word_, at + 1)) {
      document.annotate("word", at, at + word_.size()).attrs.set("length", static_cast<std::int64_t>(word_.size()));
    }
  }

 private:
  std::string word_;
};

constexpr textbench::ParamSpec kParams[] = {
    {.name = "word", .type = textbench::ParamType::String, .doc = "the word to mark", .required = true},
};

}  // namespace

TEXTBENCH_PLUGIN(WordMarker, word_marker, "0.1.0", "Marks a word", kParams, textbench::kNoAttributes,
                 textbench::kNoFlags)

using textbench::testing::PluginError;
using textbench::testing::PluginHarness;

TEST_CASE("the harness runs a plugin and exposes its annotations", "[harness]") {
  PluginHarness harness(textbench_descriptor_word_marker(), {{"word", std::string("cat")}});
  const auto document = harness.run("cat and cat");
  const auto found = textbench::testing::find_all(document, "word");
  REQUIRE(found.size() == 2);
  CHECK(textbench::testing::covered(document, *found[1]) == "cat");
  CHECK(found[1]->begin == 8);
}

TEST_CASE("the harness reports parameter problems and processing errors", "[harness]") {
  CHECK_THROWS_WITH(PluginHarness(textbench_descriptor_word_marker()),
                    Catch::Contains("missing required parameter 'word'"));
  CHECK_THROWS_WITH(PluginHarness(textbench_descriptor_word_marker(), {{"word", std::string("two words")}}),
                    Catch::Contains("must be a single word"));
  PluginHarness harness(textbench_descriptor_word_marker(), {{"word", std::string("x")}});
  CHECK_THROWS_AS(harness.run("a boom here", "doc-7"), PluginError);
  CHECK_THROWS_WITH(harness.run("a boom here", "doc-7"), Catch::Contains("doc-7") && Catch::Contains("boom found"));
}
