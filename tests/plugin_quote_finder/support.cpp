#include "support.hpp"

#include <variant>

namespace quote_test {

namespace {

std::optional<std::string> string_attr(const textbench::Annotation& annotation, std::string_view key) {
  const textbench::Value* value = annotation.attrs.find(key);
  if (value == nullptr || !std::holds_alternative<std::string>(*value)) return std::nullopt;
  return std::get<std::string>(*value);
}

std::optional<std::int64_t> int_attr(const textbench::Annotation& annotation, std::string_view key) {
  const textbench::Value* value = annotation.attrs.find(key);
  if (value == nullptr || !std::holds_alternative<std::int64_t>(*value)) return std::nullopt;
  return std::get<std::int64_t>(*value);
}

}  // namespace

std::vector<Found> all_quotes(const textbench::Document& document) {
  std::vector<Found> found;
  for (const textbench::Annotation* annotation : textbench::testing::find_all(document, "quote")) {
    found.push_back({std::string(textbench::testing::covered(document, *annotation)),
                     std::string(annotation->attrs.get_string("kind")), string_attr(*annotation, "speaker"),
                     string_attr(*annotation, "speaker_mention"), string_attr(*annotation, "verb"),
                     string_attr(*annotation, "source"), int_attr(*annotation, "group"),
                     int_attr(*annotation, "part")});
  }
  return found;
}

std::vector<Found> direct_quotes(textbench::testing::PluginHarness& harness, const std::string& text) {
  std::vector<Found> direct;
  for (Found& quote : all_quotes(harness.run(text))) {
    if (quote.kind == "direct") direct.push_back(std::move(quote));
  }
  return direct;
}

std::vector<Found> direct_quotes(const std::string& text) {
  textbench::testing::PluginHarness harness(textbench_descriptor_quote_finder());
  return direct_quotes(harness, text);
}

}  // namespace quote_test
