// Runs boilerplate_stripper over a JSONL file and writes JSONL in the shape `textbench run` writes
// ({"id","text","annotations":[{"type","begin","end","text","source_begin","source_end","attrs"}]}),
// for shared/eval/predict.py, until the host can do it.
// usage: boilerplate_stripper_run INPUT.jsonl [remove|annotate] > OUT.jsonl
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>
#include <variant>

#include "corpus.hpp"
#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(boilerplate_stripper);

namespace {

void write_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: boilerplate_stripper_run INPUT.jsonl [remove|annotate] > OUT.jsonl\n";
    return 2;
  }
  const std::string action = argc > 2 ? argv[2] : "remove";
  const auto corpus = textbench::bench::load_corpus(argv[1]);
  textbench::testing::PluginHarness harness(textbench_descriptor_boilerplate_stripper(), {{"action", action}});
  std::string out;
  for (const auto& source : corpus) {
    textbench::Document document(source.id, source.text);
    harness.process(document);
    out.clear();
    out += "{\"id\":";
    write_json_string(out, document.id());
    out += ",\"text\":";
    write_json_string(out, document.text());
    out += ",\"annotations\":[";
    bool first = true;
    for (const auto& annotation : document.annotations()) {
      out += first ? "{" : ",{";
      first = false;
      out += "\"type\":";
      write_json_string(out, annotation.type);
      out += ",\"begin\":" + std::to_string(annotation.begin) + ",\"end\":" + std::to_string(annotation.end);
      out += ",\"source_begin\":" + std::to_string(annotation.source_begin);
      out += ",\"source_end\":" + std::to_string(annotation.source_end) + ",\"attrs\":{";
      bool first_attr = true;
      for (const auto& [key, value] : annotation.attrs) {
        if (!first_attr) out += ',';
        first_attr = false;
        write_json_string(out, key);
        out += ':';
        if (const auto* text = std::get_if<std::string>(&value)) {
          write_json_string(out, *text);
        } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
          out += std::to_string(*number);
        } else {
          out += "null";
        }
      }
      out += "}}";
    }
    out += "]}\n";
    std::cout << out;
  }
  return 0;
}
