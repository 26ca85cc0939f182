#include "corpus.hpp"

#include <simdjson.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

namespace textbench::bench {

std::string corpus_path(int argc, char** argv) {
  if (argc > 1) return argv[1];
  return TEXTBENCH_DEFAULT_CORPUS;
}

std::vector<CorpusDocument> load_corpus(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "cannot open corpus " << path << " (pass a JSONL file with id and text as the first argument)\n";
    std::exit(2);
  }
  std::vector<CorpusDocument> corpus;
  simdjson::ondemand::parser parser;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    simdjson::padded_string padded(line);
    auto object = parser.iterate(padded);
    std::string_view id, text;
    if (object["id"].get_string().get(id) || object["text"].get_string().get(text)) {
      std::cerr << path << ":" << number << ": not an object with string id and text\n";
      std::exit(2);
    }
    corpus.push_back({std::string(id), std::string(text)});
  }
  return corpus;
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

std::size_t total_bytes(const std::vector<CorpusDocument>& corpus) {
  std::size_t bytes = 0;
  for (const auto& document : corpus) bytes += document.text.size();
  return bytes;
}

}  // namespace textbench::bench
