#include <catch2/catch.hpp>

#include "textbench/plugin.hpp"
#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(numeral_normalizer);

TEST_CASE("placeholder", "[numeral]") {
  textbench::testing::PluginHarness h(textbench_descriptor_numeral_normalizer());
  auto d = h.run("more than 1 lakh people");
  CHECK(textbench::testing::count(d, "numeral") == 1);
}
