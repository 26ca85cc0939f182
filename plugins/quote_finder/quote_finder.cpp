// quote_finder: annotates direct quotations with their speaker, resolved to a name.
#include <string>
#include <utility>
#include <vector>

#include "attribution.hpp"
#include "quote_marks.hpp"
#include "textbench/plugin.hpp"

namespace {

using textbench::ParamType;

constexpr textbench::ParamSpec kParams[] = {
    {.name = "single_quotes",
     .type = ParamType::Boolean,
     .doc = "treat single marks (' ‘ ’) as quote marks when they delimit speech; apostrophes are always told apart",
     .default_value = "true"},
    {.name = "keep_non_speech",
     .type = ParamType::Boolean,
     .doc = "also annotate quoted terms, titles and names (kind scare/title/name) instead of leaving them out",
     .default_value = "true"},
    {.name = "indirect",
     .type = ParamType::Boolean,
     .doc = "also annotate reported speech without quote marks (\"X said that ...\") as kind indirect",
     .default_value = "false"},
    {.name = "max_crossed_paragraphs",
     .type = ParamType::Integer,
     .doc = "paragraphs without quote marks an open quote may run through to reach its closing mark",
     .default_value = "8",
     .min = 0,
     .max = 1000},
};

constexpr textbench::AttributeSpec kAttributes[] = {
    {"quote", "kind", "string",
     "direct (speech), scare (a quoted term), title (a work or headline), name (a nickname), indirect; "
     "the attributes below are set on direct and indirect quotes only"},
    {"quote", "speaker", "string or null", "the speaker's fullest name in the article; null when unknown"},
    {"quote", "speaker_mention", "string or null", "the words naming the speaker at the attribution, e.g. \"he\""},
    {"quote", "mention_begin", "integer or null", "byte offset of speaker_mention in the current text"},
    {"quote", "mention_end", "integer or null", "end byte offset of speaker_mention in the current text"},
    {"quote", "verb", "string or null", "the reporting verb as written: said, added, told, according, quoted"},
    {"quote", "source", "string or null", "who relays the quote: AP in \"AP quoted the president as saying\""},
    {"quote", "group", "integer or null", "shared by the parts of a quote interrupted by its attribution"},
    {"quote", "part", "integer or null", "index of this part within its group, from 0"},
    {"quote", "multi_paragraph", "boolean", "the quote runs over paragraph breaks"},
};

class QuoteFinder {
 public:
  explicit QuoteFinder(const textbench::CreateContext& context)
      : keep_non_speech_(context.params().get_bool("keep_non_speech")),
        indirect_(context.params().get_bool("indirect")) {
    options_.single_quotes = context.params().get_bool("single_quotes");
    options_.max_crossed_paragraphs = static_cast<std::size_t>(context.params().get_int("max_crossed_paragraphs"));
    // Every key of a speech annotation, in the order they are written, with the values most
    // quotes have: copying this list costs one allocation, and only the other values are set.
    for (const std::string_view key : {"kind", "speaker", "speaker_mention", "mention_begin", "mention_end", "verb",
                                       "source", "group", "part", "multi_paragraph"}) {
      direct_prototype_.set(key, textbench::Value(std::monostate{}));
    }
    direct_prototype_.set("multi_paragraph", textbench::Value(false));
    indirect_prototype_ = direct_prototype_;
    direct_prototype_.set("kind", quote_finder::to_string(quote_finder::QuoteKind::Direct));
    indirect_prototype_.set("kind", quote_finder::to_string(quote_finder::QuoteKind::Indirect));
  }

  void process(textbench::Document& document) {
    const std::string_view text = document.text();
    found_.clear();
    const std::vector<quote_finder::QuoteSpan>& spans = scanner_.find(text, options_);
    analyser_.reset(text);
    analyser_.analyse(spans, found_);
    if (indirect_) {
      analyser_.reset(text);  // the indirect pass starts without the direct pass's speakers
      analyser_.find_indirect(found_);
    }
    for (quote_finder::FoundQuote& quote : found_) {
      if (quote.kind != quote_finder::QuoteKind::Direct && quote.kind != quote_finder::QuoteKind::Indirect &&
          !keep_non_speech_) {
        continue;
      }
      annotate(document, text, quote);
    }
  }

 private:
  // Moves the speaker's name out of `quote`: found_ is cleared before the next document.
  void annotate(textbench::Document& document, std::string_view text, quote_finder::FoundQuote& quote) const {
    textbench::Annotation& annotation = document.annotate("quote", quote.span.content_begin, quote.span.content_end);
    auto& attrs = annotation.attrs;
    if (quote.kind != quote_finder::QuoteKind::Direct && quote.kind != quote_finder::QuoteKind::Indirect) {
      // Terms, titles and names are nobody's speech: the kind is all they carry.
      attrs.set("kind", quote_finder::to_string(quote.kind));
      return;
    }
    // Each set() searches the keys: only the values that differ from the prototype's are set.
    attrs = quote.kind == quote_finder::QuoteKind::Direct ? direct_prototype_ : indirect_prototype_;
    if (quote.speaker) attrs.set("speaker", textbench::Value(std::move(*quote.speaker)));
    if (quote.has_mention) {
      attrs.set("speaker_mention", text.substr(quote.mention_begin, quote.mention_end - quote.mention_begin));
      attrs.set("mention_begin", textbench::Value(static_cast<std::int64_t>(quote.mention_begin)));
      attrs.set("mention_end", textbench::Value(static_cast<std::int64_t>(quote.mention_end)));
    }
    if (!quote.verb.empty()) attrs.set("verb", quote.verb);
    if (!quote.source.empty()) attrs.set("source", quote.source);
    if (quote.group >= 0) {
      attrs.set("group", textbench::Value(quote.group));
      attrs.set("part", textbench::Value(quote.part));
    }
    if (quote.span.multi_paragraph) attrs.set("multi_paragraph", textbench::Value(true));
  }

  quote_finder::ScanOptions options_;
  // The attributes of a direct and of an indirect quote by nobody known, in the order written.
  textbench::Attributes direct_prototype_;
  textbench::Attributes indirect_prototype_;
  bool keep_non_speech_;
  bool indirect_;
  // Reused across documents: an instance serves one thread at a time.
  quote_finder::QuoteScanner scanner_;
  quote_finder::QuoteAnalyser analyser_;
  std::vector<quote_finder::FoundQuote> found_;
};

}  // namespace

TEXTBENCH_PLUGIN(QuoteFinder, quote_finder, "1.0.0", "Finds direct quotations and resolves their speakers", kParams,
                 kAttributes, textbench::kNoFlags)
