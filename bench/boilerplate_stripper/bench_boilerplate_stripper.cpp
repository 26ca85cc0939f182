// Throughput of boilerplate_stripper with its default rules over the corpus, on one thread.
// usage: bench_boilerplate_stripper [CORPUS.jsonl] [--annotate]
//
// The machine may be shared, so besides wall-clock time this reports the thread's CPU time. The
// time to build each Document (a copy of the text) is measured in a separate pass and subtracted.
#include <cstdio>
#include <string>

#include "corpus.hpp"
#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(boilerplate_stripper);

namespace {

struct Timing {
  double wall = 0;
  double cpu = 0;
};

// Runs `body` over the corpus `rounds` times and returns the time it took.
template <typename Body>
Timing time_rounds(const std::vector<textbench::bench::CorpusDocument>& corpus, std::size_t rounds, Body&& body) {
  const textbench::bench::Stopwatch wall;
  const double cpu_start = textbench::bench::thread_cpu_seconds();
  for (std::size_t round = 0; round < rounds; ++round) {
    for (const auto& source : corpus) body(source);
  }
  return {wall.seconds(), textbench::bench::thread_cpu_seconds() - cpu_start};
}

}  // namespace

int main(int argc, char** argv) {
  std::string action = "remove";
  if (argc > 2 && std::string(argv[2]) == "--annotate") action = "annotate";
  const auto corpus = textbench::bench::load_corpus(textbench::bench::corpus_path(argc, argv));
  const double megabytes = static_cast<double>(textbench::bench::total_bytes(corpus)) / 1e6;
  textbench::testing::PluginHarness harness(textbench_descriptor_boilerplate_stripper(), {{"action", action}});

  std::size_t annotations = 0;
  time_rounds(corpus, 1, [&](const auto& source) {
    textbench::Document document(source.id, source.text);
    harness.process(document);
    annotations += document.annotations().size();
  });
  // Enough rounds for >= 2 s of plugin work at the speed of the warm-up round.
  const Timing probe = time_rounds(corpus, 1, [&](const auto& source) {
    textbench::Document document(source.id, source.text);
    harness.process(document);
  });
  const auto rounds = static_cast<std::size_t>(2.0 / probe.wall) + 1;

  const Timing with_plugin = time_rounds(corpus, rounds, [&](const auto& source) {
    textbench::Document document(source.id, source.text);
    harness.process(document);
  });
  const Timing copies_only = time_rounds(corpus, rounds, [&](const auto& source) {
    textbench::Document document(source.id, source.text);
    if (document.text().empty()) annotations += 0;  // keeps the copy observable
  });
  const double total_megabytes = megabytes * static_cast<double>(rounds);
  const double documents = static_cast<double>(corpus.size() * rounds);
  const double wall = with_plugin.wall - copies_only.wall;
  const double cpu = with_plugin.cpu - copies_only.cpu;
  std::printf("boilerplate_stripper (action=%s): %zu documents, %.1f MB, %zu rounds, one thread\n", action.c_str(),
              corpus.size(), megabytes, rounds);
  std::printf("  wall clock: %.0f MB/s, %.0f documents/s\n", total_megabytes / wall, documents / wall);
  std::printf("  thread CPU: %.0f MB/s, %.0f documents/s\n", total_megabytes / cpu, documents / cpu);
  std::printf("  annotations per pass over the corpus: %zu\n", annotations);
  return 0;
}
