#include <catch2/catch.hpp>

#include "host_fixture.hpp"
#include "textbench_host/plugin_loader.hpp"

using Catch::Contains;
namespace fs = std::filesystem;

TEST_CASE("plugins are listed from their section without loading them", "[loader]") {
  const auto names = textbench::host::list_plugin_names(fs::path(TEXTBENCH_PLUGIN_DIR) / "libregex_annotator.so");
  REQUIRE(names == std::vector<std::string>{"regex_annotator"});
  // A shared library that is not a plugin lists nothing.
  const auto sdk = fs::path(TEXTBENCH_BUILD_DIR) / "lib" / "libtextbench_sdk.so";
  CHECK(textbench::host::list_plugin_names(sdk).empty());
}

TEST_CASE("a file that is not a library is reported, not loaded", "[loader]") {
  test::TempDir dir;
  const auto fake = dir.write("libfake.so", "this is not an ELF file");
  CHECK_THROWS_AS(textbench::host::list_plugin_names(fake), textbench::host::PluginLoadError);
  textbench::host::PluginRegistry registry({dir.path()});
  CHECK(registry.names().empty());
  REQUIRE(registry.scan_problems().size() == 1);
  CHECK_THAT(registry.scan_problems()[0], Contains("libfake.so"));
}

TEST_CASE("a plugin built against another ABI version is refused, naming both", "[loader]") {
  auto registry = test::make_registry();
  REQUIRE(registry.contains("future_abi"));
  CHECK_THROWS_WITH(registry.load("future_abi"),
                    Contains("built against SDK ABI version " + std::to_string(textbench::kAbiVersion + 41)) &&
                        Contains("this textbench uses ABI version " + std::to_string(textbench::kAbiVersion)));
  test::TempDir dir;
  const auto file = dir.write("p.yaml", "name: x\nsteps:\n  - plugin: future_abi\n");
  CHECK_THAT(test::check_config(file),
             Contains("p.yaml:3:13: error: plugin 'future_abi'") && Contains("rebuild the plugin"));
}

TEST_CASE("the first folder on the search path wins and a library is loaded once", "[loader]") {
  auto registry = test::make_registry();
  CHECK(registry.library_of("regex_annotator").parent_path() == fs::path(TEXTBENCH_PLUGIN_DIR));
  const auto first = registry.load("regex_annotator");
  const auto second = registry.load("regex_annotator");
  CHECK(first.get() == second.get());
  CHECK(std::string(first->descriptor->name) == "regex_annotator");
}
