// Throughput of numeral_normalizer on one thread: the whole corpus, repeated until >= 2 s.
#include <algorithm>
#include <cstdio>

#include "corpus.hpp"
#include "scanner.hpp"
#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(numeral_normalizer);

int main(int argc, char** argv) {
  const auto corpus = textbench::bench::load_corpus(textbench::bench::corpus_path(argc, argv));
  const std::size_t corpus_bytes = textbench::bench::total_bytes(corpus);
  textbench::testing::PluginHarness harness(textbench_descriptor_numeral_normalizer());
  // Documents are built outside the timed region: the benchmark measures the plugin, not copies.
  std::size_t bytes = 0, documents = 0, annotations = 0, numerals = 0;
  int rounds = 0;
  double seconds = 0;
  double cpu_seconds = 0;
  double best_pass_cpu_seconds = 1e9;  // the fastest pass: steadier than the total on a busy machine
  while (seconds < 2.0) {
    std::vector<textbench::Document> batch;
    batch.reserve(corpus.size());
    for (const auto& document : corpus) batch.emplace_back(document.id, document.text);
    textbench::bench::Stopwatch watch;
    const double cpu_start = textbench::bench::thread_cpu_seconds();
    for (auto& document : batch) harness.process(document);
    const double pass_cpu_seconds = textbench::bench::thread_cpu_seconds() - cpu_start;
    cpu_seconds += pass_cpu_seconds;
    best_pass_cpu_seconds = std::min(best_pass_cpu_seconds, pass_cpu_seconds);
    seconds += watch.seconds();
    for (const auto& document : batch) {
      annotations += document.annotations().size();
      numerals += textbench::testing::count(document, "numeral");
    }
    bytes += corpus_bytes;
    documents += corpus.size();
    ++rounds;
  }
  std::printf("numeral_normalizer: %d rounds over %zu documents (%.1f MB each), %.2f s\n", rounds, corpus.size(),
              static_cast<double>(corpus_bytes) / 1e6, seconds);
  std::printf("throughput: %.1f MB/s, %.0f documents/s (wall time)\n", static_cast<double>(bytes) / 1e6 / seconds,
              static_cast<double>(documents) / seconds);
  std::printf("throughput: %.1f MB/s, %.0f documents/s (thread CPU time)\n",
              static_cast<double>(bytes) / 1e6 / cpu_seconds, static_cast<double>(documents) / cpu_seconds);
  std::printf("fastest pass: %.1f MB/s (thread CPU time)\n",
              static_cast<double>(corpus_bytes) / 1e6 / best_pass_cpu_seconds);
  std::printf("annotations per corpus pass: %zu (numerals: %zu)\n", annotations / rounds, numerals / rounds);
  // The scanner alone, without building annotations: what the SDK's bookkeeping costs on top.
  const double scan_start = textbench::bench::thread_cpu_seconds();
  std::size_t found = 0;
  for (const auto& document : corpus) found += numeral::scan(document.text).size();
  std::printf("scanner alone: %.1f MB/s thread CPU time (%zu findings)\n",
              static_cast<double>(corpus_bytes) / 1e6 / (textbench::bench::thread_cpu_seconds() - scan_start), found);
  return 0;
}
