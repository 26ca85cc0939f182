#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "textbench/value.hpp"

using textbench::Attributes;
using textbench::Value;

namespace {
std::vector<std::string> keys_of(const Attributes& attributes) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : attributes) keys.push_back(key);
  return keys;
}
}  // namespace

TEST_CASE("attributes keep insertion order and replace a key in place", "[attributes]") {
  Attributes attributes;
  attributes.set("kind", "cardinal");
  attributes.set("value", 3);
  attributes.set("exact", Value(true));
  attributes.set("value", "3.5");
  CHECK(keys_of(attributes) == std::vector<std::string>{"kind", "value", "exact"});
  CHECK(attributes.get_string("value") == "3.5");
  CHECK(attributes.get_string("exact").empty());  // not a string
  CHECK(attributes.find("missing") == nullptr);
}

TEST_CASE("a copy of attributes is independent of the original and can grow", "[attributes]") {
  Attributes prototype;
  prototype.set("kind", "ordinal");
  prototype.set("speaker", Value(std::monostate{}));

  Attributes copy = prototype;
  copy.set("value", "66");
  copy.set("speaker", "a speaker whose name is longer than the small-string buffer");
  CHECK(keys_of(copy) == std::vector<std::string>{"kind", "speaker", "value"});
  CHECK(keys_of(prototype) == std::vector<std::string>{"kind", "speaker"});
  CHECK(std::holds_alternative<std::monostate>(*prototype.find("speaker")));

  Attributes assigned;
  assigned.set("old", "gone");
  assigned = prototype;
  CHECK(keys_of(assigned) == std::vector<std::string>{"kind", "speaker"});
  const Attributes& same = assigned;
  assigned = same;  // self-assignment keeps everything
  CHECK(keys_of(assigned) == std::vector<std::string>{"kind", "speaker"});

  Attributes moved = std::move(copy);
  CHECK(moved.size() == 3);
  CHECK(moved.get_string("value") == "66");
}
