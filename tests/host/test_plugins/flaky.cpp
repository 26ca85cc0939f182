// Throws on any document whose text contains the `trigger` word; marks the others.
#include <stdexcept>
#include <string>

#include "textbench/plugin.hpp"

namespace {

constexpr textbench::ParamSpec kParams[] = {
    {.name = "trigger",
     .type = textbench::ParamType::String,
     .doc = "Word that makes processing fail",
     .default_value = "explode"},
};

class Flaky {
 public:
  explicit Flaky(const textbench::CreateContext& context) : trigger_(context.params().get_string("trigger")) {}
  void process(textbench::Document& document) {
    if (document.text().find(trigger_) != std::string_view::npos) {
      throw std::runtime_error("found the trigger word '" + trigger_ + "'");
    }
    document.annotate("seen", 0, 0);
  }

 private:
  std::string trigger_;
};

}  // namespace

TEXTBENCH_PLUGIN(Flaky, flaky, "0.0.1", "Fails on purpose (for tests)", kParams, textbench::kNoAttributes,
                 textbench::kNoFlags)
