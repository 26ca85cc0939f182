// Runs quote_finder over a JSONL file of {"id", "text"} objects and writes the JSONL shape that
// `textbench run` writes, so that shared/eval/predict.py can read it without the host:
//   quote_finder_eval INPUT.jsonl > out.jsonl
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(quote_finder);

namespace {

nlohmann::json to_json(const textbench::Value& value) {
  return std::visit(
      [](const auto& held) -> nlohmann::json {
        using Held = std::decay_t<decltype(held)>;
        if constexpr (std::is_same_v<Held, std::monostate>) {
          return nullptr;
        } else {
          return held;
        }
      },
      value);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: quote_finder_eval INPUT.jsonl [indirect]\n";
    return 2;
  }
  std::ifstream input(argv[1]);
  if (!input) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 1;
  }
  textbench::Params params;
  if (argc > 2 && std::string(argv[2]) == "indirect") params.set("indirect", true);
  textbench::testing::PluginHarness harness(textbench_descriptor_quote_finder(), params);
  std::string line;
  while (std::getline(input, line)) {
    if (line.empty()) continue;
    const auto record = nlohmann::json::parse(line);
    textbench::Document document(record.at("id").get<std::string>(), record.at("text").get<std::string>());
    harness.process(document);
    nlohmann::json out = {{"id", document.id()}, {"text", document.text()}, {"annotations", nlohmann::json::array()}};
    for (const auto& annotation : document.annotations()) {
      nlohmann::json attrs = nlohmann::json::object();
      for (const auto& [key, value] : annotation.attrs) attrs[key] = to_json(value);
      out["annotations"].push_back({{"type", annotation.type},
                                    {"begin", annotation.begin},
                                    {"end", annotation.end},
                                    {"text", textbench::testing::covered(document, annotation)},
                                    {"source_begin", annotation.source_begin},
                                    {"source_end", annotation.source_end},
                                    {"attrs", attrs}});
    }
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return 0;
}
