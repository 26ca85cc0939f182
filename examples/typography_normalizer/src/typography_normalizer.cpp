// typography_normalizer: replaces typographic characters with plain ones, so that later steps can
// match plain text, and marks each replacement. An example of a plugin that edits the text.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "textbench/plugin.hpp"

namespace {

constexpr textbench::ParamSpec kParams[] = {
    {.name = "quotes",
     .type = textbench::ParamType::Boolean,
     .doc = "Replace curly and low quotes (“ ” „ ‘ ’) with \" and '",
     .default_value = "true"},
    {.name = "dashes",
     .type = textbench::ParamType::Boolean,
     .doc = "Replace en and em dashes (– —) with -",
     .default_value = "true"},
    {.name = "ellipsis", .type = textbench::ParamType::Boolean, .doc = "Replace … with ...", .default_value = "true"},
    {.name = "spaces",
     .type = textbench::ParamType::Boolean,
     .doc = "Replace no-break spaces (U+00A0) with spaces",
     .default_value = "true"},
    {.name = "type",
     .type = textbench::ParamType::String,
     .doc = "Annotation type for each replacement; empty writes none",
     .default_value = "typography"},
};

constexpr textbench::AttributeSpec kAttributes[] = {
    {.annotation_type = "<type>", .name = "original", .type = "string", .doc = "The character that was replaced"},
};

struct Rule {
  std::string_view from;  // UTF-8
  std::string_view to;
  const char* param;  // the switch that enables it
};

constexpr std::array<Rule, 9> kRules = {{
    {"\u201c", "\"", "quotes"},
    {"\u201d", "\"", "quotes"},
    {"\u201e", "\"", "quotes"},
    {"\u2018", "'", "quotes"},
    {"\u2019", "'", "quotes"},
    {"\u2013", "-", "dashes"},
    {"\u2014", "-", "dashes"},
    {"\u2026", "...", "ellipsis"},
    {"\u00a0", " ", "spaces"},
}};

class TypographyNormalizer {
 public:
  explicit TypographyNormalizer(const textbench::CreateContext& context) : type_(context.params().get_string("type")) {
    for (const Rule& rule : kRules) {
      if (context.params().get_bool(rule.param)) rules_.push_back(&rule);
    }
  }

  void process(textbench::Document& document) const {
    // Every rule's character starts with a byte >= 0xC2, which never occurs inside another
    // character, so matching bytes at any position cannot split a character.
    const std::string_view text = document.text();
    std::vector<textbench::Edit> edits;
    std::vector<std::string_view> originals;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (static_cast<unsigned char>(text[i]) < 0xC2) continue;
      for (const Rule* rule : rules_) {
        if (text.substr(i, rule->from.size()) == rule->from) {
          edits.push_back({i, i + rule->from.size(), std::string(rule->to)});
          originals.push_back(rule->from);
          i += rule->from.size() - 1;
          break;
        }
      }
    }
    if (edits.empty()) return;
    // Positions of the replacements in the edited text, computed before the batch is applied.
    std::vector<std::size_t> new_begins;
    std::ptrdiff_t shift = 0;
    for (const textbench::Edit& edit : edits) {
      new_begins.push_back(static_cast<std::size_t>(static_cast<std::ptrdiff_t>(edit.begin) + shift));
      shift +=
          static_cast<std::ptrdiff_t>(edit.replacement.size()) - static_cast<std::ptrdiff_t>(edit.end - edit.begin);
    }
    std::vector<std::size_t> lengths;
    for (const textbench::Edit& edit : edits) lengths.push_back(edit.replacement.size());
    document.apply(std::move(edits));  // one pass; earlier annotations move with the text
    if (type_.empty()) return;
    for (std::size_t k = 0; k < new_begins.size(); ++k) {
      // Over replaced text, so its source offsets cover the original character.
      document.annotate(type_, new_begins[k], new_begins[k] + lengths[k]).attrs.set("original", originals[k]);
    }
  }

 private:
  std::string type_;
  std::vector<const Rule*> rules_;
};

}  // namespace

// kThreadSafe: process() reads only members set in the constructor.
TEXTBENCH_PLUGIN(TypographyNormalizer, typography_normalizer, "1.0.0",
                 "Replaces curly quotes, dashes, ellipses and no-break spaces with plain characters", kParams,
                 kAttributes, textbench::kThreadSafe | textbench::kEditsText)
