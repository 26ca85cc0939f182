// textbench SDK test kit — run one plugin on documents made in a test, without the host.
//
// Contract: PluginHarness validates the parameters against the plugin's table exactly as the host
// does (defaults filled, every issue reported in one exception), creates one instance and runs it.
// It works with a descriptor linked into the test binary (TEXTBENCH_DECLARE_PLUGIN) or one
// obtained any other way. Errors come out as textbench::testing::PluginError.
//
//   TEXTBENCH_DECLARE_PLUGIN(my_annotator);
//   textbench::testing::PluginHarness harness(textbench_descriptor_my_annotator(), {{"type", "year"}});
//   textbench::Document doc = harness.run("In 1999 and 2024.");
//   CHECK(textbench::testing::count(doc, "year") == 2);
#pragma once

#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "textbench/plugin.hpp"

namespace textbench::testing {

class PluginError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PluginHarness {
 public:
  PluginHarness(const PluginDescriptor& plugin, Params params);
  PluginHarness(const PluginDescriptor& plugin,
                std::initializer_list<std::pair<std::string_view, ParamValue>> params = {});
  ~PluginHarness();
  PluginHarness(const PluginHarness&) = delete;
  PluginHarness& operator=(const PluginHarness&) = delete;

  // Runs the plugin on a document; throws PluginError with the plugin's message on failure.
  void process(Document& document);
  [[nodiscard]] Document run(std::string text, std::string id = "test");

  [[nodiscard]] const PluginDescriptor& descriptor() const noexcept { return plugin_; }
  [[nodiscard]] const Params& params() const noexcept { return params_; }

 private:
  const PluginDescriptor& plugin_;
  Params params_;
  void* instance_ = nullptr;
};

// Helpers for assertions.
[[nodiscard]] std::vector<const Annotation*> find_all(const Document& document, std::string_view type);
[[nodiscard]] std::size_t count(const Document& document, std::string_view type);
// The text an annotation covers in the current text.
[[nodiscard]] std::string_view covered(const Document& document, const Annotation& annotation);
// The text an annotation came from in the source text.
[[nodiscard]] std::string_view covered_source(const Document& document, const Annotation& annotation);

}  // namespace textbench::testing
