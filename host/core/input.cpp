#include "textbench_host/input.hpp"

#include <fnmatch.h>
#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace textbench::host {

namespace fs = std::filesystem;

struct InputReader::Parser {
  simdjson::ondemand::parser parser;
};

bool is_valid_utf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

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

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_jsonl(std::string_view path) {
  return ends_with(path, ".jsonl") || ends_with(path, ".jsonl.gz");
}

bool matches_any(const std::vector<std::string>& globs, const std::string& relative, const std::string& name) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& glob) {
    return fnmatch(glob.c_str(), relative.c_str(), 0) == 0 || fnmatch(glob.c_str(), name.c_str(), 0) == 0;
  });
}

// Reads a gzip file through zlib as a std::streambuf, so the line reader is the same for both.
class GzipBuffer : public std::streambuf {
 public:
  explicit GzipBuffer(const std::string& path) : file_(gzopen(path.c_str(), "rb")) {
    if (file_ == nullptr) throw std::runtime_error("cannot open input " + path);
    gzbuffer(file_, 1u << 18);
  }
  ~GzipBuffer() override { gzclose(file_); }
  GzipBuffer(const GzipBuffer&) = delete;
  GzipBuffer& operator=(const GzipBuffer&) = delete;
  // Compressed bytes consumed so far (for progress against the file size).
  [[nodiscard]] std::uint64_t compressed_offset() const { return static_cast<std::uint64_t>(gzoffset(file_)); }

 protected:
  int_type underflow() override {
    const int got = gzread(file_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
    if (got < 0) {
      int code = 0;
      throw std::runtime_error(std::string("cannot decompress: ") + gzerror(file_, &code));
    }
    if (got == 0) return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
    return traits_type::to_int_type(buffer_[0]);
  }

 private:
  gzFile file_;
  std::array<char, 1u << 16> buffer_{};
};

}  // namespace

InputReader::InputReader(const std::vector<std::string>& inputs, Utf8Policy policy)
    : InputReader(inputs, InputOptions{.utf8 = policy, .include = {}, .exclude = {}}) {}

void InputReader::add_file(const std::string& path, std::string id) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  Source source{path, std::move(id), is_jsonl(path), ends_with(path, ".gz"), error ? 0 : size};
  total_bytes_ += source.size;
  sources_.push_back(std::move(source));
}

InputReader::InputReader(const std::vector<std::string>& inputs, const InputOptions& options)
    : policy_(options.utf8), parser_(std::make_unique<Parser>()) {
  bool reads_stdin = false;
  for (const std::string& input : inputs) {
    if (input == "-") {
      sources_.push_back({"-", "stdin", false, false, 0});
      reads_stdin = true;
      continue;
    }
    std::error_code error;
    if (fs::is_directory(input, error)) {
      std::vector<std::pair<fs::path, std::string>> files;  // path, id (relative path)
      for (auto it = fs::recursive_directory_iterator(input, error); !error && it != fs::recursive_directory_iterator();
           it.increment(error)) {
        if (!it->is_regular_file()) continue;
        const std::string relative = fs::relative(it->path(), input).string();
        const std::string name = it->path().filename().string();
        const bool wanted = options.include.empty() ? ends_with(name, ".txt") || is_jsonl(name)
                                                    : matches_any(options.include, relative, name);
        if (wanted && !matches_any(options.exclude, relative, name)) files.emplace_back(it->path(), relative);
      }
      if (error) throw std::runtime_error("cannot read folder " + input + ": " + error.message());
      std::sort(files.begin(), files.end());
      for (auto& [file, relative] : files) add_file(file.string(), std::move(relative));
      continue;
    }
    if (!fs::exists(input, error)) throw std::runtime_error("input " + input + " does not exist");
    add_file(input, input);
  }
  if (reads_stdin) total_bytes_ = 0;  // unknown
}

InputReader::~InputReader() = default;

bool InputReader::open_next_source(std::vector<InputProblem>& problems) {
  (void)problems;
  if (current_ != nullptr && file_) finished_sources_bytes_ += current_->size;
  file_.reset();
  buffer_.reset();
  stream_ = nullptr;
  if (next_source_ >= sources_.size()) return false;
  current_ = &sources_[next_source_++];
  line_number_ = 0;
  if (current_->path == "-") {
    stream_ = &std::cin;
    return true;
  }
  if (current_->gzip) {
    buffer_ = std::make_unique<GzipBuffer>(current_->path);
  } else {
    auto file = std::make_unique<std::filebuf>();
    if (file->open(current_->path, std::ios::in | std::ios::binary) == nullptr) {
      throw std::runtime_error("cannot open input " + current_->path);
    }
    buffer_ = std::move(file);
  }
  file_ = std::make_unique<std::istream>(buffer_.get());
  file_->exceptions(std::ios::badbit);  // a read or decompression error throws instead of looking like the end
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
  if (current_->gzip) {
    bytes_read_ = finished_sources_bytes_ + static_cast<GzipBuffer*>(buffer_.get())->compressed_offset();
  } else {
    bytes_read_ += line_.size() + 1;
  }
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
