// boilerplate_stripper: removes (or marks) lines that news sites insert between and after an
// article's paragraphs: cross-links ("Also read: …"), widgets, ads, calls to action, syndication
// notes and disclaimers. Every removal is reported as a `boilerplate` annotation for auditing.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "line_scanner.hpp"
#include "textbench/plugin.hpp"

namespace {

using textbench::boilerplate::LineScanner;
using textbench::boilerplate::LineSpan;
using textbench::boilerplate::Match;

constexpr textbench::ParamSpec kParams[] = {
    {.name = "action",
     .type = textbench::ParamType::String,
     .doc = "remove: delete boilerplate lines (and the blank lines they leave); annotate: only mark them",
     .default_value = "remove",
     .choices = "remove|annotate"},
    {.name = "rules",
     .type = textbench::ParamType::StringMap,
     .doc = "extra line rules, name -> RE2 pattern searched in each line (trimmed); use ^...$ to match whole lines"},
    {.name = "disable",
     .type = textbench::ParamType::StringList,
     .doc = "names of built-in rules to switch off (see docs/plugins/boilerplate_stripper.md)"},
    {.name = "max_line_bytes",
     .type = textbench::ParamType::Integer,
     .doc = "lines longer than this are article text and never matched (bounds the cost of rules on huge lines)",
     .default_value = "20000",
     .min = 1},
};

constexpr textbench::AttributeSpec kAttributes[] = {
    {"boilerplate", "rule", "string", "name of the rule that matched (built-in or from `rules`)"},
    {"boilerplate", "removed", "string", "the text of the boilerplate line(s), as it was before removal"},
};

class BoilerplateStripper {
 public:
  explicit BoilerplateStripper(const textbench::CreateContext& context)
      : remove_(context.params().get_string("action") == "remove") {
    const auto& params = context.params();
    textbench::boilerplate::ScannerConfig config;
    config.disabled = params.get_list("disable");
    config.user_rules = params.get_map("rules");
    config.max_line_bytes = static_cast<std::size_t>(params.get_int("max_line_bytes"));
    scanner_ = std::make_unique<LineScanner>(config);
    for (const auto& problem : scanner_->problems()) context.reject(problem.param, problem.message);
  }

  void process(textbench::Document& document) {
    const std::string_view text = document.text();
    scanner_->scan(text, lines_, matches_);
    if (matches_.empty()) return;

    std::vector<textbench::Edit> edits;
    if (remove_) edits.reserve(matches_.size());
    std::size_t previous_edit_end = 0;
    for (const Match& match : matches_) {
      // The annotation covers exactly the boilerplate lines (not their final line break), so its
      // source offsets name those lines and nothing after them.
      const std::size_t begin = lines_[match.first_line].begin;
      std::size_t end = lines_[match.last_line].end;
      if (end > begin && text[end - 1] == '\r') --end;
      auto& annotation = document.annotate("boilerplate", begin, end);
      annotation.attrs.set("rule", textbench::Value(scanner_->rule_name(match.rule)));
      annotation.attrs.set("removed", text.substr(begin, end - begin));
      if (remove_) {
        edits.push_back(deletion(text, match, previous_edit_end));
        previous_edit_end = edits.back().end;
      }
    }
    if (remove_) document.apply(std::move(edits));
  }

 private:
  // The deletion for one match: its lines with their line break. When a blank line (or the start
  // of the text) comes before it, the blank lines after it go too, and a match at the very end
  // takes the line breaks before it, so no run of blank lines piles up where it was.
  [[nodiscard]] textbench::Edit deletion(std::string_view text, const Match& match, std::size_t floor) const {
    std::size_t begin = lines_[match.first_line].begin;
    std::size_t last = match.last_line;
    const bool blank_before = match.first_line == 0 || lines_[match.first_line - 1].blank();
    if (blank_before) {
      while (last + 1 < lines_.size() && lines_[last + 1].blank() && lines_[last + 1].end < text.size()) ++last;
    }
    std::size_t end = lines_[last].end;
    if (end < text.size()) {
      ++end;  // the '\n'
    } else {
      std::size_t first = match.first_line;
      while (first > 0 && lines_[first - 1].blank() && lines_[first - 1].begin >= floor) --first;
      begin = first > 0 && lines_[first - 1].end >= floor ? lines_[first - 1].end : lines_[first].begin;
    }
    return {begin, end, {}};
  }

  bool remove_;
  std::unique_ptr<LineScanner> scanner_;
  std::vector<LineSpan> lines_;  // reused between documents
  std::vector<Match> matches_;
};

}  // namespace

TEXTBENCH_PLUGIN(BoilerplateStripper, boilerplate_stripper, "1.0.0",
                 "Removes or marks inserted news boilerplate (cross-links, widgets, ads, calls to action, notes)",
                 kParams, kAttributes, textbench::kEditsText)
