// Throughput of quote_finder on one thread: runs the plugin over the whole corpus, repeated until
// at least two seconds have passed, and prints MB/s, documents/s and the annotations made.
// Prints wall-clock and CPU-time figures: on a shared machine the two differ.
#include <cstdio>
#include <ctime>
#include <vector>

#include "corpus.hpp"
#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(quote_finder);

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
  return 0;
}
