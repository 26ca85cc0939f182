// Benchmark helpers: load a JSONL corpus into memory and time a function over it.
// Benchmarks print figures; nothing here asserts a speed.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace textbench::bench {

struct CorpusDocument {
  std::string id;
  std::string text;
};

// Reads every {"id", "text"} object of a JSONL file. Exits with a message when the file is missing.
std::vector<CorpusDocument> load_corpus(const std::string& path);

// The corpus path: argv[1] when given, else ../shared/corpus/news.jsonl beside the source tree.
std::string corpus_path(int argc, char** argv);

std::size_t total_bytes(const std::vector<CorpusDocument>& corpus);

// CPU time of the calling thread, in seconds. On a shared, loaded machine wall time also counts
// waiting for a core; benchmarks print both.
double thread_cpu_seconds();

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace textbench::bench
