// Test plugin whose metadata and parameter table have the mistakes check-plugin must report.
#include "textbench/plugin.hpp"

namespace {

constexpr textbench::ParamSpec kParams[] = {
    {.name = "limit", .type = textbench::ParamType::Integer, .default_value = "200", .min = 0, .max = 100},
    {.name = "mode", .type = textbench::ParamType::String, .doc = "Mode", .default_value = "fast", .required = true},
};

constexpr textbench::AttributeSpec kAttributes[] = {
    {.annotation_type = "thing", .name = "size", .type = nullptr, .doc = nullptr},
};

class Undocumented {
 public:
  explicit Undocumented(const textbench::CreateContext&) {}
  void process(textbench::Document&) {}
};

}  // namespace

TEXTBENCH_PLUGIN(Undocumented, undocumented, "dev", "", kParams, kAttributes, textbench::kNoFlags)
