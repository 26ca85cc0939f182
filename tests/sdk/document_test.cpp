// The document model against a deliberately naive reference: every byte of the current text
// carries the source range it came from, and edits are applied one at a time.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "textbench/document.hpp"

using textbench::Document;
using textbench::Edit;

namespace {

struct Origin {
  std::size_t lo, hi;
};

struct ReferenceAnnotation {
  std::size_t begin, end, source_begin, source_end;
};

// Per-byte model of the offset rules documented in document.hpp.
struct Reference {
  std::string text;
  std::vector<Origin> origin;
  std::vector<ReferenceAnnotation> annotations;

  explicit Reference(const std::string& source) : text(source) {
    for (std::size_t i = 0; i < source.size(); ++i) origin.push_back({i, i + 1});
  }
  std::size_t point(std::size_t x) const {
    if (x > 0) return origin[x - 1].hi;
    return origin.empty() ? 0 : origin[0].lo;
  }
  textbench::SourceSpan span(std::size_t b, std::size_t e) const {
    if (b < e) return {origin[b].lo, origin[e - 1].hi};
    return {point(b), point(b)};
  }
  void annotate(std::size_t b, std::size_t e) {
    const auto s = span(b, e);
    annotations.push_back({b, e, s.begin, s.end});
  }
  // One edit; callers apply a batch from the highest offset down.
  void edit(const Edit& edit) {
    const auto s = span(edit.begin, edit.end);
    const std::size_t b = edit.begin, e = edit.end, r = edit.replacement.size();
    text = text.substr(0, b) + edit.replacement + text.substr(e);
    std::vector<Origin> next(origin.begin(), origin.begin() + static_cast<long>(b));
    for (std::size_t i = 0; i < r; ++i) next.push_back({s.begin, s.end});
    next.insert(next.end(), origin.begin() + static_cast<long>(e), origin.end());
    origin = std::move(next);
    auto move = [&](std::size_t x, bool is_begin) -> std::size_t {
      if (x <= b) return x;
      if (x < e) return is_begin ? b : b + r;
      return x - (e - b) + r;
    };
    for (auto& a : annotations) {
      a.begin = move(a.begin, true);
      a.end = move(a.end, false);
    }
  }
};

std::string random_text(std::mt19937& rng, std::size_t max_size) {
  std::uniform_int_distribution<std::size_t> size(0, max_size);
  std::uniform_int_distribution<int> letter('a', 'z');
  std::string text(size(rng), ' ');
  for (char& c : text) c = static_cast<char>(letter(rng));
  return text;
}

// Random non-overlapping edits over a text of the given size.
std::vector<Edit> random_batch(std::mt19937& rng, std::size_t size) {
  std::uniform_int_distribution<int> count(1, 4);
  std::vector<std::size_t> cuts;
  const int n = count(rng);
  std::uniform_int_distribution<std::size_t> pos(0, size);
  for (int i = 0; i < 2 * n; ++i) cuts.push_back(pos(rng));
  std::sort(cuts.begin(), cuts.end());
  std::vector<Edit> edits;
  for (int i = 0; i < n; ++i) {
    Edit edit{cuts[2 * i], cuts[2 * i + 1], random_text(rng, 5)};
    // An insertion touching another edit is a tie whose outcome the one-at-a-time reference cannot
    // model; the batch semantics for it are covered by the direct tests below.
    const bool touches = !edits.empty() && edits.back().end == edit.begin;
    if (touches && (edit.begin == edit.end || edits.back().begin == edits.back().end)) continue;
    edits.push_back(std::move(edit));
  }
  return edits;
}

}  // namespace

TEST_CASE("random edit sequences keep annotations and source offsets right", "[document]") {
  std::mt19937 rng(20261125);
  for (int round = 0; round < 400; ++round) {
    const std::string source = random_text(rng, 40);
    Document document("doc", source);
    Reference reference(source);
    std::uniform_int_distribution<int> action(0, 2);
    for (int step = 0; step < 12; ++step) {
      const std::size_t size = reference.text.size();
      std::uniform_int_distribution<std::size_t> pos(0, size);
      if (action(rng) == 0) {
        std::size_t b = pos(rng), e = pos(rng);
        if (b > e) std::swap(b, e);
        document.annotate("t", b, e);
        reference.annotate(b, e);
      } else {
        auto batch = random_batch(rng, size);
        std::shuffle(batch.begin(), batch.end(), rng);  // the document sorts them
        auto sorted = batch;
        std::sort(sorted.begin(), sorted.end(),
                  [](const Edit& a, const Edit& b) { return a.begin != b.begin ? a.begin > b.begin : a.end > b.end; });
        for (const auto& edit : sorted) reference.edit(edit);
        document.apply(batch);
      }
      REQUIRE(document.text() == reference.text);
      REQUIRE(document.annotations().size() == reference.annotations.size());
      for (std::size_t i = 0; i < reference.annotations.size(); ++i) {
        const auto& got = document.annotations()[i];
        const auto& want = reference.annotations[i];
        if (got.begin != want.begin || got.end != want.end) {
          FAIL("round " << round << " step " << step << " annotation " << i << " source '" << source << "' now '"
                        << reference.text << "' got [" << got.begin << "," << got.end << ") want [" << want.begin << ","
                        << want.end << ")");
        }
        REQUIRE(got.source_begin == want.source_begin);
        REQUIRE(got.source_end == want.source_end);
      }
      // Every span of the current text maps back like the reference says.
      std::uniform_int_distribution<std::size_t> now(0, reference.text.size());
      for (int probe = 0; probe < 5; ++probe) {
        std::size_t b = now(rng), e = now(rng);
        if (b > e) std::swap(b, e);
        const auto got = document.source_span(b, e);
        const auto want = reference.span(b, e);
        if (got.begin != want.begin || got.end != want.end) {
          FAIL("round " << round << " step " << step << " probe [" << b << "," << e << ") source '" << source
                        << "' now '" << reference.text << "' got [" << got.begin << "," << got.end << ") want ["
                        << want.begin << "," << want.end << ")");
        }
      }
    }
  }
}

TEST_CASE("an unedited document maps offsets to themselves", "[document]") {
  Document document("d", "hello world");
  const auto& a = document.annotate("word", 6, 11);
  CHECK(a.source_begin == 6);
  CHECK(a.source_end == 11);
  CHECK_FALSE(document.edited());
  CHECK(document.text() == document.source_text());
}

TEST_CASE("a deleted line before a word keeps the word's source offsets", "[document]") {
  const std::string source = "First line.\nAlso read: Other story\nHe said “yes”.\n";
  Document document("d", source);
  const std::size_t line = source.find("Also read");
  const std::size_t next = source.find('\n', line) + 1;
  document.erase(line, next);
  CHECK(document.text() == "First line.\nHe said “yes”.\n");
  const std::size_t yes = document.text().find("yes");
  const auto& quote = document.annotate("quote", yes, yes + 3);
  CHECK(source.substr(quote.source_begin, quote.source_end - quote.source_begin) == "yes");
}

TEST_CASE("a replacement maps back to the whole range it replaced", "[document]") {
  Document document("d", "about one million people");
  auto& numeral = document.annotate("numeral", 6, 17);
  numeral.attrs.set("value", "1000000");
  document.replace(6, 17, "1000000");
  CHECK(document.text() == "about 1000000 people");
  const auto& moved = document.annotations()[0];
  CHECK(document.text().substr(moved.begin, moved.end - moved.begin) == "1000000");
  const auto later = document.source_span(14, 20);
  CHECK(document.source_text().substr(later.begin, later.end - later.begin) == "people");
  const auto inside = document.source_span(7, 9);  // inside the replacement: the whole original
  CHECK(inside.begin == 6);
  CHECK(inside.end == 17);
}

TEST_CASE("overlapping or out-of-range edits are refused and change nothing", "[document]") {
  Document document("d", "abcdef");
  CHECK_THROWS_AS(document.apply({Edit{0, 3, "x"}, Edit{2, 4, "y"}}), std::invalid_argument);
  CHECK_THROWS_AS(document.apply({Edit{4, 9, ""}}), std::invalid_argument);
  CHECK_THROWS_AS(document.annotate("t", 3, 7), std::out_of_range);
  CHECK(document.text() == "abcdef");
  CHECK_FALSE(document.edited());
}
