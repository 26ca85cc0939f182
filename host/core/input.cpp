#include "textbench_host/input.hpp"

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace textbench::host {

namespace fs = std::filesystem;

struct InputReader::Parser {
  simdjson::ondemand::parser parser;
};

bool is_valid_utf8(std::string_view text) { return simdjson::validate_utf8(text.data(), text.size()); }

bool repair_utf8(std::string& text) {
  if (is_valid_utf8(text)) return false;  // the common case, checked with SIMD
  std::string out;
  out.reserve(text.size() + 16);
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte (RFC 3629)
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    }
    bool valid = length > 0 && i + length <= size;
    for (std::size_t k = 1; valid && k < length; ++k) {
      const unsigned char next = bytes[i + k];
      valid = k == 1 ? (next >= low && next <= high) : (next >= 0x80 && next <= 0xBF);
    }
    if (valid) {
      out.append(text, i, length);
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  text = std::move(out);
  return true;
}

InputReader::InputReader(std::vector<std::string> inputs, Utf8Policy policy)
    : policy_(policy), parser_(std::make_unique<Parser>()) {
  for (const std::string& input : inputs) {
    if (input == "-") {
      sources_.push_back({"-", "stdin", false});
      continue;
    }
    std::error_code error;
    if (fs::is_directory(input, error)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(input, error); !error && it != fs::recursive_directory_iterator();
           it.increment(error)) {
        if (!it->is_regular_file()) continue;
        const auto extension = it->path().extension();
        if (extension == ".txt" || extension == ".jsonl") files.push_back(it->path());
      }
      if (error) throw std::runtime_error("cannot read folder " + input + ": " + error.message());
      std::sort(files.begin(), files.end());
      for (const fs::path& file : files) {
        sources_.push_back({file.string(), fs::relative(file, input).string(), file.extension() == ".jsonl"});
        total_bytes_ += fs::file_size(file, error);
      }
      continue;
    }
    if (!fs::exists(input, error)) throw std::runtime_error("input " + input + " does not exist");
    sources_.push_back({input, input, fs::path(input).extension() == ".jsonl"});
    total_bytes_ += fs::file_size(input, error);
  }
}

InputReader::~InputReader() = default;

bool InputReader::open_next_source(std::vector<InputProblem>& problems) {
  (void)problems;
  file_.reset();
  stream_ = nullptr;
  if (next_source_ >= sources_.size()) return false;
  current_ = &sources_[next_source_++];
  line_number_ = 0;
  if (current_->path == "-") {
    stream_ = &std::cin;
    return true;
  }
  file_ = std::make_unique<std::ifstream>(current_->path, std::ios::binary);
  if (!*file_) throw std::runtime_error("cannot open input " + current_->path);
  stream_ = file_.get();
  return true;
}

bool InputReader::read_jsonl_line(InputDocument& document, std::vector<InputProblem>& problems, bool& produced) {
  produced = false;
  if (pending_text_.empty()) {
    if (!std::getline(*stream_, line_)) return false;
  } else {
    line_ = std::move(pending_text_);
    pending_text_.clear();
  }
  ++line_number_;
  bytes_read_ += line_.size() + 1;
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  if (line_.find_first_not_of(" \t") == std::string::npos) return true;  // blank lines are allowed
  const std::string where = current_->path + ":" + std::to_string(line_number_);

  bool repaired = false;
  if (!is_valid_utf8(line_)) {
    if (policy_ == Utf8Policy::Reject) {
      problems.push_back({where, "invalid UTF-8; fix the input or set input.utf8: replace"});
      return true;
    }
    repaired = repair_utf8(line_);
  }
  line_.reserve(line_.size() + simdjson::SIMDJSON_PADDING);
  auto fail = [&](const std::string& message) {
    problems.push_back({where, message});
    return true;
  };
  simdjson::ondemand::document json;
  if (parser_->parser.iterate(line_.data(), line_.size(), line_.capacity()).get(json)) {
    return fail("not valid JSON");
  }
  simdjson::ondemand::object object;
  if (json.get_object().get(object)) return fail("not a JSON object; each line must be {\"id\": ..., \"text\": ...}");
  bool has_id = false, has_text = false;
  document.metadata = Attributes();
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return fail("not valid JSON (bad key)");
    simdjson::ondemand::value value = field.value();
    simdjson::ondemand::json_type type;
    if (value.type().get(type)) return fail("not valid JSON");
    if (key == "text") {
      std::string_view text;
      if (value.get_string().get(text)) return fail("\"text\" must be a string");
      document.text.assign(text);
      has_text = true;
    } else if (key == "id") {
      std::string_view id;
      if (type == simdjson::ondemand::json_type::string) {
        if (value.get_string().get(id)) return fail("bad \"id\"");
        document.id.assign(id);
      } else if (type == simdjson::ondemand::json_type::number) {
        id = value.raw_json_token();
        document.id.assign(id);
        while (!document.id.empty() && document.id.back() == ' ') document.id.pop_back();
      } else {
        return fail("\"id\" must be a string or a number");
      }
      has_id = true;
    } else {
      std::string_view raw;
      switch (type) {
        case simdjson::ondemand::json_type::string: {
          std::string_view text;
          if (value.get_string().get(text)) return fail("not valid JSON");
          document.metadata.set(key, text);
          break;
        }
        case simdjson::ondemand::json_type::boolean: {
          bool flag = false;
          if (value.get_bool().get(flag)) return fail("not valid JSON");
          document.metadata.set(key, Value(flag));
          break;
        }
        case simdjson::ondemand::json_type::null:
          if (!value.is_null()) return fail("not valid JSON");
          document.metadata.set(key, Value(std::monostate{}));
          break;
        case simdjson::ondemand::json_type::number: {
          std::int64_t integer = 0;
          double real = 0;
          if (!value.get_int64().get(integer)) {
            document.metadata.set(key, Value(integer));
          } else if (!value.get_double().get(real)) {
            document.metadata.set(key, Value(real));
          } else {
            return fail("not valid JSON (bad number)");
          }
          break;
        }
        case simdjson::ondemand::json_type::array: {
          simdjson::ondemand::array array;
          if (value.get_array().get(array) || array.raw_json().get(raw)) return fail("not valid JSON");
          document.metadata.set(key, Value(std::string(raw)));
          break;
        }
        case simdjson::ondemand::json_type::object: {
          simdjson::ondemand::object nested;
          if (value.get_object().get(nested) || nested.raw_json().get(raw)) return fail("not valid JSON");
          document.metadata.set(key, Value(std::string(raw)));
          break;
        }
      }
    }
  }
  if (!has_text) return fail("object has no \"text\" string");
  if (!has_id) document.id = current_->id + ":" + std::to_string(line_number_);
  document.origin = where;
  document.repaired_utf8 = repaired;
  produced = true;
  return true;
}

bool InputReader::next(InputDocument& document, std::vector<InputProblem>& problems) {
  for (;;) {
    if (stream_ == nullptr && !open_next_source(problems)) return false;
    if (current_->path == "-" && !current_->jsonl && line_number_ == 0 && pending_text_.empty()) {
      // Sniff standard input: JSONL if the first non-blank byte is '{'.
      std::string first;
      while (std::getline(*stream_, first) && first.find_first_not_of(" \t\r") == std::string::npos) {
      }
      const auto start = first.find_first_not_of(" \t\r");
      if (start != std::string::npos && first[start] == '{') {
        sources_[next_source_ - 1].jsonl = true;
        pending_text_ = std::move(first);
      } else {
        std::string rest((std::istreambuf_iterator<char>(*stream_)), std::istreambuf_iterator<char>());
        pending_text_ = first + (rest.empty() && first.empty() ? "" : "\n") + rest;
        if (pending_text_.empty() && first.empty()) {
          stream_ = nullptr;
          continue;
        }
      }
    }
    if (current_->jsonl) {
      bool produced = false;
      while (read_jsonl_line(document, problems, produced)) {
        if (produced) return true;
      }
      stream_ = nullptr;
      continue;
    }
    // A text source is one document.
    if (current_->path == "-") {
      document.text = std::move(pending_text_);
      pending_text_.clear();
    } else {
      document.text.assign(std::istreambuf_iterator<char>(*stream_), std::istreambuf_iterator<char>());
    }
    stream_ = nullptr;
    bytes_read_ += document.text.size();
    document.id = current_->id;
    document.origin = current_->path;
    document.metadata = Attributes();
    document.repaired_utf8 = false;
    if (!is_valid_utf8(document.text)) {
      if (policy_ == Utf8Policy::Reject) {
        problems.push_back({current_->path, "invalid UTF-8; fix the input or set input.utf8: replace"});
        continue;
      }
      document.repaired_utf8 = repair_utf8(document.text);
    }
    return true;
  }
}

}  // namespace textbench::host
