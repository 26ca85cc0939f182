// Throughput of boilerplate_stripper with its default rules over the corpus, on one thread.
// usage: bench_boilerplate_stripper [CORPUS.jsonl] [--annotate | --scan-only]
//
// --scan-only times LineScanner::scan alone (no documents, no edits), fastest of several runs, for
// comparing changes to the scanner on a busy machine.
//
// The machine may be shared, so besides wall-clock time this reports the thread's CPU time. The
// time to build each Document (a copy of the text) is measured in a separate pass and subtracted.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "line_scanner.hpp"
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

int scan_only(const std::vector<textbench::bench::CorpusDocument>& corpus, double megabytes) {
  const textbench::boilerplate::LineScanner scanner(textbench::boilerplate::ScannerConfig{});
  std::vector<textbench::boilerplate::LineSpan> lines;
  std::vector<textbench::boilerplate::Match> matches;
  // Each text is first copied into one buffer, as a pipeline step gets it warm in the cache from
  // the step before; the copies alone are timed too and subtracted.
  std::string text;
  std::size_t found = 0;
  const auto fastest_pass = [&](bool with_scan) {
    double fastest = 1e9;
    for (int run = 0; run < 15; ++run) {
      const double cpu_start = textbench::bench::thread_cpu_seconds();
      for (int round = 0; round < 10; ++round) {
        for (const auto& source : corpus) {
          text.assign(source.text);
          if (!with_scan) continue;
          scanner.scan(text, lines, matches);
          found += matches.size();
        }
      }
      fastest = std::min(fastest, (textbench::bench::thread_cpu_seconds() - cpu_start) / 10);
    }
    return fastest;
  };
  const double copies = fastest_pass(false);
  const double fastest = fastest_pass(true) - copies;
  std::printf("LineScanner::scan: %zu documents, %.1f MB, fastest of 15 runs of 10 rounds, one thread\n", corpus.size(),
              megabytes);
  std::printf("  thread CPU: %.0f MB/s (%.2f ms per pass), %zu matches per pass\n", megabytes / fastest, fastest * 1e3,
              found / 150);
  return 0;
}

int main(int argc, char** argv) {
  std::string action = "remove";
  if (argc > 2 && std::string(argv[2]) == "--annotate") action = "annotate";
  const auto corpus = textbench::bench::load_corpus(textbench::bench::corpus_path(argc, argv));
  const double megabytes = static_cast<double>(textbench::bench::total_bytes(corpus)) / 1e6;
  if (argc > 2 && std::string(argv[2]) == "--scan-only") return scan_only(corpus, megabytes);
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
