#include "textbench_host/input.hpp"

#include <fcntl.h>
#include <fnmatch.h>
#include <simdjson.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace textbench::host {

namespace fs = std::filesystem;

struct RecordParser::Impl {
  simdjson::ondemand::parser parser;
  std::string repaired;  // a line whose invalid UTF-8 was replaced (it no longer fits in place)
};

RecordParser::RecordParser() : impl_(std::make_unique<Impl>()) {}
RecordParser::~RecordParser() = default;

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

constexpr std::size_t kReadSize = 1u << 20;

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::string errno_text() {
  return std::strerror(errno);
}

}  // namespace

class InputReader::ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `capacity` bytes; 0 at the end. Throws on a read error.
  virtual std::size_t read(char* into, std::size_t capacity) = 0;
  // Input consumed so far: bytes read, or compressed bytes for gzip (progress against file sizes).
  [[nodiscard]] virtual std::uint64_t consumed() const = 0;
};

namespace {

// A plain file or standard input, read with read(2) in large blocks.
class FileSource final : public InputReader::ByteSource {
 public:
  explicit FileSource(const std::string& path) : path_(path) {
    if (path == "-") {
      fd_ = 0;
      return;
    }
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error("cannot open input " + path + ": " + errno_text());
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  ~FileSource() override {
    if (fd_ > 0) ::close(fd_);
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  std::size_t read(char* into, std::size_t capacity) override {
    for (;;) {
      const ssize_t got = ::read(fd_, into, capacity);
      if (got >= 0) {
        consumed_ += static_cast<std::uint64_t>(got);
        return static_cast<std::size_t>(got);
      }
      if (errno != EINTR) throw std::runtime_error("cannot read input " + path_ + ": " + errno_text());
    }
  }
  [[nodiscard]] std::uint64_t consumed() const override { return consumed_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::uint64_t consumed_ = 0;
};

// A .gz file, decompressed through zlib.
class GzipSource final : public InputReader::ByteSource {
 public:
  explicit GzipSource(const std::string& path) : path_(path), file_(gzopen(path.c_str(), "rb")) {
    if (file_ == nullptr) throw std::runtime_error("cannot open input " + path);
    gzbuffer(file_, 1u << 18);
  }
  ~GzipSource() override { gzclose(file_); }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;
  std::size_t read(char* into, std::size_t capacity) override {
    const int got = gzread(file_, into, static_cast<unsigned>(std::min<std::size_t>(capacity, 1u << 30)));
    if (got < 0) {
      int code = 0;
      throw std::runtime_error("cannot decompress " + path_ + ": " + gzerror(file_, &code));
    }
    return static_cast<std::size_t>(got);
  }
  [[nodiscard]] std::uint64_t consumed() const override { return static_cast<std::uint64_t>(gzoffset(file_)); }

 private:
  std::string path_;
  gzFile file_;
};

// Appends a record's bytes and the padding simdjson may read past its end.
RawRecord& append_record(RawBatch& batch, std::string_view bytes, std::uint32_t source, std::uint64_t line) {
  RawRecord& record = batch.records.emplace_back();
  record.source = source;
  record.line = line;
  record.begin = batch.bytes.size();
  batch.bytes.append(bytes);
  record.end = batch.bytes.size();
  batch.bytes.append(simdjson::SIMDJSON_PADDING, ' ');
  return record;
}

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
    : policy_(options.utf8), buffer_(kReadSize) {
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

bool InputReader::open_next_source() {
  if (next_source_ >= sources_.size()) return false;
  current_ = static_cast<std::uint32_t>(next_source_++);
  Source& source = sources_[current_];
  line_number_ = 0;
  position_ = filled_ = 0;
  at_eof_ = false;
  if (source.gzip) {
    open_ = std::make_unique<GzipSource>(source.path);
  } else {
    open_ = std::make_unique<FileSource>(source.path);
  }
  if (source.path == "-") {
    // Standard input is JSONL when its first byte other than white space is '{'.
    for (;;) {
      const char* data = buffer_.data();
      const auto* first = std::find_if(data + position_, data + filled_,
                                       [](char c) { return c != ' ' && c != '\t' && c != '\r' && c != '\n'; });
      if (first != data + filled_) {
        source.jsonl = *first == '{';
        break;
      }
      if (!fill_buffer()) break;  // empty or blank: no document
    }
  }
  return true;
}

void InputReader::close_source() {
  finished_sources_bytes_ += open_->consumed();
  open_.reset();
  bytes_read_ = finished_sources_bytes_;
}

// Reads more bytes after the unused ones, moving those to the front and growing the buffer when a
// single line fills it. Returns false at the end of the source.
bool InputReader::fill_buffer() {
  if (at_eof_) return false;
  if (position_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + position_, filled_ - position_);
    filled_ -= position_;
    position_ = 0;
  }
  if (filled_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
  const std::size_t got = open_->read(buffer_.data() + filled_, buffer_.size() - filled_);
  if (got == 0) {
    at_eof_ = true;
    return false;
  }
  filled_ += got;
  return true;
}

bool InputReader::next_line(std::string_view& line) {
  for (;;) {
    const char* start = buffer_.data() + position_;
    if (const auto* newline = static_cast<const char*>(std::memchr(start, '\n', filled_ - position_))) {
      line = std::string_view(start, static_cast<std::size_t>(newline - start));
      position_ += line.size() + 1;
      return true;
    }
    if (!fill_buffer()) {
      if (position_ == filled_) return false;
      line = std::string_view(buffer_.data() + position_, filled_ - position_);  // no final newline
      position_ = filled_;
      return true;
    }
  }
}

void InputReader::read_text_record(RawBatch& batch) {
  while (fill_buffer()) {
  }
  const std::string_view text(buffer_.data() + position_, filled_ - position_);
  // An empty standard input is no document; an empty file is an empty document.
  if (!(sources_[current_].path == "-" && text.empty())) append_record(batch, text, current_, 0);
  position_ = filled_;
  if (buffer_.size() > kReadSize) std::vector<char>(kReadSize).swap(buffer_);  // give a large file's memory back
  close_source();
}

void InputReader::update_bytes_read() {
  if (!open_) return;
  const std::uint64_t unused = sources_[current_].gzip ? 0 : filled_ - position_;
  bytes_read_ = finished_sources_bytes_ + open_->consumed() - unused;
}

bool InputReader::read_batch(RawBatch& batch, std::size_t max_records, std::size_t max_bytes) {
  batch.bytes.clear();
  batch.records.clear();
  std::size_t text_bytes = 0;
  while (batch.records.size() < max_records && text_bytes < max_bytes) {
    if (!open_ && !open_next_source()) break;
    if (!sources_[current_].jsonl) {
      read_text_record(batch);
      if (!batch.records.empty()) text_bytes += batch.records.back().end - batch.records.back().begin;
      continue;
    }
    std::string_view line;
    if (!next_line(line)) {
      close_source();
      continue;
    }
    ++line_number_;
    if (is_blank(line)) continue;  // allowed, and not a record
    if (line.back() == '\r') line.remove_suffix(1);
    append_record(batch, line, current_, line_number_);
    text_bytes += line.size();
  }
  update_bytes_read();
  return !batch.records.empty();
}

std::uint64_t InputReader::skip(std::uint64_t count) {
  RawBatch batch;
  std::uint64_t skipped = 0;
  while (skipped < count) {
    const std::uint64_t want = std::min<std::uint64_t>(count - skipped, 4096);
    if (!read_batch(batch, static_cast<std::size_t>(want), static_cast<std::size_t>(-1))) break;
    skipped += batch.records.size();
  }
  return skipped;
}

bool InputReader::parse(const RawBatch& batch, const RawRecord& record, RecordParser& parser, InputDocument& document,
                        InputProblem& problem) const {
  const Source& source = sources_[record.source];
  document.metadata = Attributes();
  document.repaired_utf8 = false;
  std::string_view bytes = batch.text(record);
  if (record.line == 0) {  // a whole text file
    document.id = source.id;
    document.origin = source.path;
    if (!is_valid_utf8(bytes)) {
      if (policy_ == Utf8Policy::Reject) {
        problem = {source.path, "invalid UTF-8; fix the input or set input.utf8: replace"};
        return false;
      }
      document.text.assign(bytes);
      document.repaired_utf8 = repair_utf8(document.text);
      return true;
    }
    document.text.assign(bytes);
    return true;
  }

  const std::string where = source.path + ":" + std::to_string(record.line);
  auto fail = [&](const std::string& message) {
    problem = {where, message};
    return false;
  };
  const std::size_t capacity = batch.bytes.size() - record.begin;  // the padding after it, at least
  simdjson::ondemand::document json;
  // simdjson validates UTF-8 while it indexes the line, so valid input is not checked twice.
  simdjson::error_code error = parser.impl_->parser.iterate(bytes.data(), bytes.size(), capacity).get(json);
  if (error == simdjson::UTF8_ERROR) {
    if (policy_ == Utf8Policy::Reject) return fail("invalid UTF-8; fix the input or set input.utf8: replace");
    std::string& repaired = parser.impl_->repaired;
    repaired.assign(bytes);
    document.repaired_utf8 = repair_utf8(repaired);
    repaired.reserve(repaired.size() + simdjson::SIMDJSON_PADDING);
    error = parser.impl_->parser.iterate(repaired.data(), repaired.size(), repaired.capacity()).get(json);
  }
  if (error) return fail("not valid JSON");
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
  if (!has_id) document.id = source.id + ":" + std::to_string(record.line);
  document.origin = where;
  return true;
}

bool InputReader::next(InputDocument& document, std::vector<InputProblem>& problems) {
  if (!single_parser_) single_parser_ = std::make_unique<RecordParser>();
  for (;;) {
    if (single_index_ >= single_.records.size()) {
      single_index_ = 0;
      if (!read_batch(single_, 1, static_cast<std::size_t>(-1))) return false;
    }
    InputProblem problem;
    if (parse(single_, single_.records[single_index_++], *single_parser_, document, problem)) return true;
    problems.push_back(std::move(problem));
  }
}

}  // namespace textbench::host
