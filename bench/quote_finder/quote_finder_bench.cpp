// Throughput of quote_finder on one thread: runs the plugin over the whole corpus, repeated until
// at least two seconds have passed, and prints MB/s, documents/s and the annotations made.
// Prints wall-clock and CPU-time figures: on a shared machine the two differ.
// Usage: quote_finder_bench [corpus.jsonl] [--no-scaling]; --no-scaling leaves out the hostile
// inputs, so that a profile of the run shows the corpus only.
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(quote_finder);

namespace {

double seconds_for(textbench::testing::PluginHarness& harness, const std::string& text) {
  const textbench::bench::Stopwatch stopwatch;
  textbench::Document document("pathological", text);
  harness.process(document);
  return stopwatch.seconds();
}

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// Hostile inputs at two sizes: linear work gives a time ratio near the size ratio (4).
void print_scaling(textbench::testing::PluginHarness& harness) {
  const std::pair<const char*, std::string> pieces[] = {{"straight double marks", "\""},
                                                        {"curly opening marks", "“"},
                                                        {"apostrophes", "'"},
                                                        {"tiny attributed quotes", "\"a,\" he said "},
                                                        {"one unclosed quote", "“"}};
  for (const auto& [name, piece] : pieces) {
    std::string small, large;
    if (std::string(name) == "one unclosed quote") {
      small = piece + repeat("the minister said nothing would change, ", 60'000);
      large = piece + repeat("the minister said nothing would change, ", 240'000);
    } else {
      small = repeat(piece, 100'000);
      large = repeat(piece, 400'000);
    }
    const double small_seconds = seconds_for(harness, small);
    const double large_seconds = seconds_for(harness, large);
    std::printf("scaling, %s: %.2f MB in %.3f s, %.2f MB in %.3f s (time ratio %.1f for size ratio 4)\n", name,
                static_cast<double>(small.size()) / 1e6, small_seconds, static_cast<double>(large.size()) / 1e6,
                large_seconds, large_seconds / small_seconds);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const auto corpus = textbench::bench::load_corpus(textbench::bench::corpus_path(argc, argv));
  const std::size_t bytes = textbench::bench::total_bytes(corpus);
  textbench::testing::PluginHarness harness(textbench_descriptor_quote_finder());

  std::size_t rounds = 0;
  std::size_t annotations = 0;
  std::size_t direct = 0;
  const std::clock_t cpu_start = std::clock();
  const textbench::bench::Stopwatch stopwatch;
  while (rounds == 0 || stopwatch.seconds() < 2.0) {
    annotations = 0;
    direct = 0;
    for (const auto& entry : corpus) {
      textbench::Document document(entry.id, entry.text);
      harness.process(document);
      annotations += document.annotations().size();
      for (const auto& annotation : document.annotations()) {
        direct += annotation.attrs.get_string("kind") == "direct" ? 1 : 0;
      }
    }
    ++rounds;
  }
  const double seconds = stopwatch.seconds();
  const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double megabytes = static_cast<double>(bytes) * static_cast<double>(rounds) / 1e6;
  std::printf("corpus: %zu documents, %.2f MB, %zu rounds in %.2f s\n", corpus.size(), static_cast<double>(bytes) / 1e6,
              rounds, seconds);
  std::printf("throughput: %.1f MB/s, %.0f documents/s (wall clock)\n", megabytes / seconds,
              static_cast<double>(corpus.size() * rounds) / seconds);
  std::printf("throughput: %.1f MB/s, %.0f documents/s (CPU time of this process, %.2f s)\n", megabytes / cpu_seconds,
              static_cast<double>(corpus.size() * rounds) / cpu_seconds, cpu_seconds);
  std::printf("annotations per pass: %zu quotes, %zu of kind direct\n", annotations, direct);
  const bool scaling = !(argc > 2 && std::string(argv[2]) == "--no-scaling");
  if (scaling) print_scaling(harness);
  return 0;
}
