// Test plugin with one deliberate fault per `fault` value, so that the tests can show that
// check-plugin catches each kind and says which check failed.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "textbench/plugin.hpp"

namespace {

constexpr textbench::ParamSpec kParams[] = {
    {.name = "fault",
     .type = textbench::ParamType::String,
     .doc = "Which fault to have",
     .default_value = "none",
     .choices = "none|crash_on_empty|hang_on_large|count_calls|split_character|throw_on_text"},
};

constexpr textbench::AttributeSpec kAttributes[] = {
    {.annotation_type = "word", .name = "call", .type = "integer", .doc = "Calls so far (count_calls only)"},
};

class Sloppy {
 public:
  explicit Sloppy(const textbench::CreateContext& context) : fault_(context.params().get_string("fault")) {}

  void process(textbench::Document& document) {
    const auto text = document.text();
    if (fault_ == "crash_on_empty" && text.empty()) std::abort();
    if (fault_ == "hang_on_large" && text.size() > 100000) {
      for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    if (fault_ == "throw_on_text" && text.find("Monday") != std::string_view::npos) {
      throw std::runtime_error("cannot handle Mondays");
    }
    if (text.empty()) return;
    std::size_t end = text.size();
    if (fault_ == "split_character") {  // ends after the first byte of the first non-ASCII character
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (static_cast<unsigned char>(text[i]) >= 0xC2) {
          end = i + 1;
          break;
        }
      }
    }
    auto& word = document.annotate("word", 0, end);
    if (fault_ == "count_calls") word.attrs.set("call", static_cast<int>(++calls_));
  }

 private:
  std::string fault_;
  std::atomic<int> calls_{0};  // the state that leaks between documents with count_calls
};

}  // namespace

TEXTBENCH_PLUGIN(Sloppy, sloppy, "1.0.0", "Has the fault its parameter asks for", kParams, kAttributes,
                 textbench::kThreadSafe)
