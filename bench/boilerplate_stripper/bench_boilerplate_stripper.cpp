// Throughput of boilerplate_stripper with its default rules over the corpus, on one thread.
// usage: bench_boilerplate_stripper [CORPUS.jsonl] [--annotate]
#include <cstdio>
#include <string>

#include "corpus.hpp"
#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(boilerplate_stripper);

int main(int argc, char** argv) {
  std::string action = "remove";
  if (argc > 2 && std::string(argv[2]) == "--annotate") action = "annotate";
  const auto corpus = textbench::bench::load_corpus(textbench::bench::corpus_path(argc, argv));
  const double megabytes = static_cast<double>(textbench::bench::total_bytes(corpus)) / 1e6;
  textbench::testing::PluginHarness harness(textbench_descriptor_boilerplate_stripper(), {{"action", action}});

  std::size_t rounds = 0;
  std::size_t annotations = 0;
  std::size_t documents = 0;
  double plugin_seconds = 0;
  const textbench::bench::Stopwatch total;
  while (total.seconds() < 2.0 || rounds < 3) {
    for (const auto& source : corpus) {
      textbench::Document document(source.id, source.text);  // copying the text is not the plugin's time
      const textbench::bench::Stopwatch watch;
      harness.process(document);
      plugin_seconds += watch.seconds();
      if (rounds == 0) annotations += document.annotations().size();
    }
    documents += corpus.size();
    ++rounds;
  }
  std::printf("boilerplate_stripper (action=%s): %zu documents, %.1f MB, %zu rounds\n", action.c_str(), corpus.size(),
              megabytes, rounds);
  std::printf("  throughput: %.0f MB/s, %.0f documents/s (plugin time only, one thread)\n",
              megabytes * static_cast<double>(rounds) / plugin_seconds,
              static_cast<double>(documents) / plugin_seconds);
  std::printf("  annotations per pass over the corpus: %zu\n", annotations);
  return 0;
}
