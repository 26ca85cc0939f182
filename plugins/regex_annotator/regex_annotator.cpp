// regex_annotator: marks every match of user-given RE2 patterns. RE2 runs in time linear in the
// text whatever the pattern, which is what a pattern written in a config needs.
#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

#include "textbench/plugin.hpp"

namespace {

constexpr textbench::ParamSpec kParams[] = {
    {.name = "type",
     .type = textbench::ParamType::String,
     .doc = "Annotation type to write for each match",
     .required = true},
    {.name = "pattern",
     .type = textbench::ParamType::String,
     .doc = "RE2 pattern; named groups (?P<name>...) become string attributes"},
    {.name = "patterns",
     .type = textbench::ParamType::StringList,
     .doc = "More RE2 patterns, all written with the same type"},
    {.name = "case_insensitive",
     .type = textbench::ParamType::Boolean,
     .doc = "Match regardless of case",
     .default_value = "false"},
    {.name = "group",
     .type = textbench::ParamType::Integer,
     .doc = "Capture group whose text is the annotation span (0 = the whole match)",
     .default_value = "0",
     .min = 0,
     .max = 99},
};

constexpr textbench::AttributeSpec kAttributes[] = {
    {.annotation_type = "<type>",
     .name = "<group name>",
     .type = "string",
     .doc = "The text of each named capture group that took part in the match"},
    {.annotation_type = "<type>",
     .name = "pattern",
     .type = "integer",
     .doc = "Index of the matching pattern (0 = `pattern`, then `patterns` in order); only with several patterns"},
};

class RegexAnnotator {
 public:
  explicit RegexAnnotator(const textbench::CreateContext& context)
      : type_(context.params().get_string("type")), group_(static_cast<int>(context.params().get_int("group"))) {
    const auto& params = context.params();
    std::vector<std::string> sources;
    if (params.has("pattern")) sources.push_back(params.get_string("pattern"));
    for (const auto& pattern : params.get_list("patterns")) sources.push_back(pattern);
    if (sources.empty()) {
      context.reject("pattern", "give a 'pattern' or a list of 'patterns' to match");
      return;
    }
    RE2::Options options;
    options.set_case_sensitive(!params.get_bool("case_insensitive"));
    options.set_log_errors(false);
    for (std::size_t i = 0; i < sources.size(); ++i) {
      auto compiled = std::make_unique<RE2>(sources[i], options);
      const char* param = i == 0 && params.has("pattern") ? "pattern" : "patterns";
      if (!compiled->ok()) {
        context.reject(param, "invalid pattern '" + sources[i] + "': " + compiled->error());
        continue;
      }
      if (compiled->NumberOfCapturingGroups() < group_) {
        context.reject("group", "group " + std::to_string(group_) + " does not exist in pattern '" + sources[i] + "'");
        continue;
      }
      patterns_.push_back(std::move(compiled));
    }
  }

  void process(textbench::Document& document) {
    const std::string_view text = document.text();
    for (std::size_t index = 0; index < patterns_.size(); ++index) {
      const RE2& pattern = *patterns_[index];
      const int groups = pattern.NumberOfCapturingGroups();
      std::vector<re2::StringPiece> captured(static_cast<std::size_t>(groups) + 1);
      std::size_t position = 0;
      while (position <= text.size() &&
             pattern.Match(text, position, text.size(), RE2::UNANCHORED, captured.data(), groups + 1)) {
        const re2::StringPiece whole = captured[0];
        const re2::StringPiece span = captured[static_cast<std::size_t>(group_)];
        if (span.data() != nullptr) {
          const auto begin = static_cast<std::size_t>(span.data() - text.data());
          auto& annotation = document.annotate(type_, begin, begin + span.size());
          for (const auto& [name, number] : pattern.NamedCapturingGroups()) {
            const re2::StringPiece value = captured[static_cast<std::size_t>(number)];
            if (value.data() != nullptr) annotation.attrs.set(name, std::string_view(value.data(), value.size()));
          }
          if (patterns_.size() > 1) annotation.attrs.set("pattern", static_cast<int>(index));
        }
        const auto match_end = static_cast<std::size_t>(whole.data() - text.data()) + whole.size();
        // After an empty match step over one whole UTF-8 character, never into the middle of one.
        position = whole.empty() ? next_character(text, match_end) : match_end;
      }
    }
  }

 private:
  static std::size_t next_character(std::string_view text, std::size_t at) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
    return at;
  }

  std::string type_;
  int group_;
  std::vector<std::unique_ptr<RE2>> patterns_;
};

}  // namespace

TEXTBENCH_PLUGIN(RegexAnnotator, regex_annotator, "1.0.0", "Marks every match of RE2 patterns with a given type",
                 kParams, kAttributes, textbench::kThreadSafe)
