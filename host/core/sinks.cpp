#include "textbench_host/sinks.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <set>
#include <stdexcept>

#include "textbench_host/output.hpp"

namespace textbench::host {

namespace fs = std::filesystem;

namespace {

std::runtime_error io_error(const std::string& what, const std::string& path) {
  return std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

void fsync_parent_dir(const fs::path& path) {
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;  // best effort: the rename itself is what makes the checkpoint atomic
  ::fsync(fd);
  ::close(fd);
}

void create_parent_dirs(const fs::path& path) {
  if (!path.has_parent_path()) return;
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  if (error) throw std::runtime_error("cannot create folder " + path.parent_path().string() + ": " + error.message());
}

std::string value_text(const Value& value) {
  switch (value.index()) {
    case 0:
      return "";
    case 1:
      return std::get<bool>(value) ? "true" : "false";
    case 2:
      return std::to_string(std::get<std::int64_t>(value));
    case 3: {
      char buffer[32];
      const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, std::get<double>(value));
      return std::string(buffer, end);
    }
    default:
      return std::get<std::string>(value);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Checkpoint

std::optional<Checkpoint> Checkpoint::read(const fs::path& path) {
  std::ifstream in(path);
  if (!in) {
    if (!fs::exists(path)) return std::nullopt;
    throw std::runtime_error("cannot read checkpoint " + path.string());
  }
  Checkpoint checkpoint;
  std::string line;
  bool versioned = false;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) throw std::runtime_error("checkpoint " + path.string() + " is damaged: " + line);
    const std::string key = line.substr(0, tab);
    const std::string value = line.substr(tab + 1);
    if (key == "textbench-checkpoint") {
      versioned = value == "1";
    } else if (key == "documents") {
      checkpoint.documents = std::stoull(value);
    } else if (key == "fingerprint") {
      checkpoint.fingerprint = value;
    } else if (key == "file") {
      const auto second = value.find('\t');
      if (second == std::string::npos) throw std::runtime_error("checkpoint " + path.string() + " is damaged: " + line);
      checkpoint.file_sizes[value.substr(second + 1)] = std::stoull(value.substr(0, second));
    }
  }
  if (!versioned) throw std::runtime_error(path.string() + " is not a textbench checkpoint (version 1)");
  return checkpoint;
}

void Checkpoint::write(const fs::path& path) const {
  std::string text =
      "textbench-checkpoint\t1\ndocuments\t" + std::to_string(documents) + "\nfingerprint\t" + fingerprint + "\n";
  for (const auto& [file, size] : file_sizes) text += "file\t" + std::to_string(size) + "\t" + file + "\n";
  const fs::path temporary = path.string() + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw io_error("cannot write checkpoint", temporary.string());
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written || std::rename(temporary.c_str(), path.c_str()) != 0) {
    throw io_error("cannot write checkpoint", path.string());
  }
  fsync_parent_dir(path);
}

// ---------------------------------------------------------------------------------------------
// OutputFile

OutputFile::OutputFile(std::string path, std::optional<std::uint64_t> resume_size) : path_(std::move(path)) {
  if (path_ == "-") {
    if (resume_size) throw std::runtime_error("standard output cannot be resumed; write to a file with -o");
    fd_ = STDOUT_FILENO;
    return;
  }
  create_parent_dirs(path_);
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (resume_size ? 0 : O_TRUNC), 0644);
  if (fd_ < 0) throw io_error("cannot open output", path_);
  if (resume_size) {
    struct stat info {};
    if (::fstat(fd_, &info) != 0 || static_cast<std::uint64_t>(info.st_size) < *resume_size) {
      ::close(fd_);
      throw std::runtime_error("cannot resume: " + path_ + " is shorter than its checkpoint says (" +
                               std::to_string(*resume_size) + " bytes); run without --resume to start over");
    }
    if (::ftruncate(fd_, static_cast<off_t>(*resume_size)) != 0 || ::lseek(fd_, 0, SEEK_END) < 0) {
      ::close(fd_);
      throw io_error("cannot truncate", path_);
    }
    size_ = *resume_size;
  }
  struct stat info {};
  preallocate_ = ::fstat(fd_, &info) == 0 && S_ISREG(info.st_mode);
  allocated_ = written_ = size_;
  buffer_.reserve(1u << 20);
}

OutputFile::~OutputFile() {
  try {
    flush();
  } catch (const std::exception&) {  // already reported by the explicit flush/sync of a normal run
  }
  if (fd_ >= 0 && fd_ != STDOUT_FILENO) {
    // Gives back the blocks reserved past the end (a killed run leaves them to the next --resume,
    // which cuts the file back, or to the next run, which truncates it).
    if (allocated_ > size_) (void)::ftruncate(fd_, static_cast<off_t>(size_));
    ::close(fd_);
  }
}

void OutputFile::write(std::string_view bytes) {
  constexpr std::size_t kBufferSize = 1u << 20;
  size_ += bytes.size();
  if (bytes.size() >= kBufferSize / 4) {  // not worth copying
    flush();
    write_all(bytes);
    return;
  }
  buffer_.append(bytes);
  if (buffer_.size() >= kBufferSize) flush();
}

void OutputFile::write_all(std::string_view bytes) {
  // Once a file is large (the JSONL of a corpus, not an errors file or a small table), its disk
  // blocks are reserved 64 MB at a time ahead of the data: the filesystem then maps pages to
  // blocks already allocated instead of reserving every 4 KB page as it is written, which took a
  // few percent of a run's CPU time. Where it is not supported, nothing changes.
  constexpr std::uint64_t kPreallocateFrom = 8u << 20;
  constexpr std::uint64_t kPreallocate = 64u << 20;
  if (preallocate_ && written_ >= kPreallocateFrom && written_ + bytes.size() > allocated_) {
    const std::uint64_t from = std::max(allocated_, written_);
    if (::fallocate(fd_, FALLOC_FL_KEEP_SIZE, static_cast<off_t>(from), static_cast<off_t>(kPreallocate)) == 0) {
      allocated_ = from + kPreallocate;
    } else {
      preallocate_ = false;  // not supported here, or the disk is full: writing says which
    }
  }
  written_ += bytes.size();
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t wrote = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (wrote < 0) {
      if (errno == EINTR) continue;
      throw io_error("cannot write", path_);
    }
    done += static_cast<std::size_t>(wrote);
  }
  // Start writing what was just written to disk now, in the background, so that the fsync of
  // the next checkpoint waits for little instead of a second's worth of output. Pipes and
  // terminals refuse (ESPIPE, EINVAL), which is fine.
  unwritten_ += bytes.size();
  if (unwritten_ >= (8u << 20)) {
    ::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE);
    unwritten_ = 0;
  }
}

void OutputFile::flush() {
  try {
    write_all(buffer_);
  } catch (...) {
    buffer_.clear();  // not again from the destructor
    throw;
  }
  buffer_.clear();
}

void OutputFile::sync() {
  flush();
  // Pipes and terminals cannot be synced (EINVAL); only files are expected to survive a crash.
  if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) throw io_error("cannot sync", path_);
}

// ---------------------------------------------------------------------------------------------
// JSONL

namespace {

std::optional<std::uint64_t> resume_size_of(const Checkpoint* resume, const std::string& path) {
  if (resume == nullptr) return std::nullopt;
  const auto found = resume->file_sizes.find(path);
  return found == resume->file_sizes.end() ? std::optional<std::uint64_t>(0) : found->second;
}

class JsonlSink final : public Sink {
 public:
  JsonlSink(const std::string& path, const Checkpoint* resume) : file_(path, resume_size_of(resume, path)) {}
  // Lines that follow each other in the batch's buffer are written in one piece at the end of
  // the batch, with no copy through the file's buffer.
  void write(const ResultDocument& result) override {
    if (pending_.data() + pending_.size() != result.jsonl.data()) {
      file_.write(pending_);
      pending_ = result.jsonl;
    } else {
      pending_ = std::string_view(pending_.data(), pending_.size() + result.jsonl.size());
    }
  }
  void end_batch() override {
    file_.write(pending_);
    pending_ = {};
  }
  [[nodiscard]] bool needs_document() const override { return false; }
  void sync(Checkpoint& checkpoint) override {
    end_batch();
    file_.sync();
    checkpoint.file_sizes[file_.path()] = file_.size();
  }
  void close(const Checkpoint&) override {
    end_batch();
    file_.sync();
  }
  [[nodiscard]] std::string describe() const override { return "jsonl:" + file_.path(); }

 private:
  OutputFile file_;
  std::string_view pending_;  // lines not yet written, in the current batch's buffer
};

// ---------------------------------------------------------------------------------------------
// Text

class TextFileSink final : public Sink {
 public:
  TextFileSink(const std::string& path, const Checkpoint* resume) : file_(path, resume_size_of(resume, path)) {}
  void write(const ResultDocument& result) override {
    const std::string_view text = result.document->text();
    file_.write(text);
    if (!text.ends_with('\n')) file_.write("\n");
  }
  void sync(Checkpoint& checkpoint) override {
    file_.sync();
    checkpoint.file_sizes[file_.path()] = file_.size();
  }
  void close(const Checkpoint&) override { file_.sync(); }
  [[nodiscard]] std::string describe() const override { return "text:" + file_.path(); }

 private:
  OutputFile file_;
};

// One file per document. Resuming needs nothing: documents after the checkpoint are written again
// and replace whatever the killed run left of them.
class TextFolderSink final : public Sink {
 public:
  explicit TextFolderSink(std::string dir) : dir_(std::move(dir)) {}
  void write(const ResultDocument& result) override {
    const fs::path path = fs::path(dir_) / text_file_name(result.document->id());
    create_parent_dirs(path);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << result.document->text();
    if (!out) throw io_error("cannot write", path.string());
  }
  void sync(Checkpoint&) override {}
  void close(const Checkpoint&) override {}
  [[nodiscard]] std::string describe() const override { return "text-dir:" + dir_; }

 private:
  std::string dir_;
};

// ---------------------------------------------------------------------------------------------
// Tables

std::string safe_name(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    out.push_back(plain ? c : '_');
  }
  if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
  return out;
}

class TablesSink final : public Sink {
 public:
  TablesSink(const TablesSpec& spec, DeclaredAttributes declared, const Checkpoint* resume)
      : spec_(spec), extension_(spec.separator == ',' ? ".csv" : ".tsv"), declared_(std::move(declared)) {
    std::error_code error;
    fs::create_directories(spec_.dir, error);
    if (error) throw std::runtime_error("cannot create folder " + spec_.dir + ": " + error.message());
    // The folder holds this run's tables only: tables of an earlier run (or written after the
    // checkpoint by a killed one) are removed, checkpointed ones are reopened and cut back.
    for (const auto& entry : fs::directory_iterator(spec_.dir)) {
      if (entry.path().extension() != extension_) continue;
      const std::string path = entry.path().string();
      const auto size = resume == nullptr ? std::nullopt : resume_size_of_table(*resume, path);
      if (!size) {
        fs::remove(entry.path());
        continue;
      }
      std::ifstream in(path);
      std::string header;
      std::getline(in, header);
      Table table{std::make_unique<OutputFile>(path, *size), split_header(header)};
      tables_.emplace(entry.path().stem().string(), std::move(table));
    }
  }

  void write(const ResultDocument& result) override {
    const Document& document = *result.document;
    const std::string_view text = document.text();
    for (const Annotation& annotation : document.annotations()) {
      Table& table = table_for(annotation);
      row_.clear();
      add_field(document.id());
      add_field(std::to_string(annotation.begin));
      add_field(std::to_string(annotation.end));
      add_field(std::to_string(annotation.source_begin));
      add_field(std::to_string(annotation.source_end));
      add_field(text.substr(annotation.begin, annotation.end - annotation.begin));
      for (std::size_t i = kFixedColumns; i + 1 < table.columns.size(); ++i) {
        const Value* value = annotation.attrs.find(table.columns[i]);
        add_field(value == nullptr ? std::string() : value_text(*value));
      }
      std::string more;  // attributes without a column of their own, as one JSON object
      for (const auto& [key, value] : annotation.attrs) {
        if (std::find(table.columns.begin() + kFixedColumns, table.columns.end() - 1, key) != table.columns.end() - 1) {
          continue;
        }
        more += more.empty() ? "{" : ",";
        append_json_string(more, key);
        more.push_back(':');
        append_json_value(more, value);
      }
      if (!more.empty()) more.push_back('}');
      add_field(more);
      row_.back() = '\n';  // the last separator ends the row
      table.file->write(row_);
    }
  }

  void sync(Checkpoint& checkpoint) override {
    for (auto& [type, table] : tables_) {
      table.file->sync();
      checkpoint.file_sizes[table.file->path()] = table.file->size();
    }
  }
  void close(const Checkpoint&) override {
    for (auto& [type, table] : tables_) table.file->sync();
  }
  [[nodiscard]] std::string describe() const override { return "tables:" + spec_.dir + ":" + extension_; }

 private:
  static constexpr std::size_t kFixedColumns = 6;  // document, begin, end, source_begin, source_end, text

  struct Table {
    std::unique_ptr<OutputFile> file;
    std::vector<std::string> columns;  // fixed columns, attribute columns, more_attrs
  };

  static std::optional<std::uint64_t> resume_size_of_table(const Checkpoint& resume, const std::string& path) {
    const auto found = resume.file_sizes.find(path);
    if (found == resume.file_sizes.end()) return std::nullopt;
    return found->second;
  }

  std::vector<std::string> split_header(const std::string& header) const {
    std::vector<std::string> columns;
    std::size_t start = 0;
    while (true) {
      const auto end = header.find(spec_.separator, start);
      columns.push_back(header.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return columns;
  }

  // The columns are fixed when a type's table is created: the attributes its plugin declares,
  // else those of the first annotation of that type (writing is in input order, so this is
  // deterministic). Later attributes that have no column go to more_attrs.
  Table& table_for(const Annotation& annotation) {
    const auto found = tables_.find(annotation.type);
    if (found != tables_.end()) return found->second;
    std::vector<std::string> columns = {"document", "begin", "end", "source_begin", "source_end", "text"};
    if (const auto declared = declared_.find(annotation.type); declared != declared_.end()) {
      columns.insert(columns.end(), declared->second.begin(), declared->second.end());
    } else {
      for (const auto& [key, value] : annotation.attrs) columns.push_back(key);
    }
    columns.emplace_back("more_attrs");
    const std::string path = (fs::path(spec_.dir) / (safe_name(annotation.type) + extension_)).string();
    Table table{std::make_unique<OutputFile>(path), columns};
    row_.clear();
    for (const std::string& column : columns) add_field(column);
    row_.back() = '\n';
    table.file->write(row_);
    return tables_.emplace(annotation.type, std::move(table)).first->second;
  }

  // Appends one field and its separator. TSV escapes tab, newline, carriage return and backslash
  // with a backslash (the convention of PostgreSQL COPY and MySQL LOAD DATA); CSV quotes (RFC 4180).
  void add_field(std::string_view field) {
    if (spec_.separator == '\t') {
      for (const char c : field) {
        switch (c) {
          case '\t':
            row_ += "\\t";
            break;
          case '\n':
            row_ += "\\n";
            break;
          case '\r':
            row_ += "\\r";
            break;
          case '\\':
            row_ += "\\\\";
            break;
          default:
            row_.push_back(c);
        }
      }
    } else if (field.find_first_of(",\"\n\r") != std::string_view::npos) {
      row_.push_back('"');
      for (const char c : field) {
        if (c == '"') row_.push_back('"');
        row_.push_back(c);
      }
      row_.push_back('"');
    } else {
      row_.append(field);
    }
    row_.push_back(spec_.separator);
  }

  TablesSpec spec_;
  std::string extension_;
  DeclaredAttributes declared_;
  std::map<std::string, Table> tables_;
  std::string row_;
};

// ---------------------------------------------------------------------------------------------
// SQLite

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& bind(int index, std::string_view text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int index, std::int64_t number) {
    sqlite3_bind_int64(statement_, index, number);
    return *this;
  }
  Statement& bind_value(int index, const Value& value) {
    switch (value.index()) {
      case 0:
        sqlite3_bind_null(statement_, index);
        break;
      case 1:
        sqlite3_bind_int(statement_, index, std::get<bool>(value) ? 1 : 0);
        break;
      case 2:
        sqlite3_bind_int64(statement_, index, std::get<std::int64_t>(value));
        break;
      case 3:
        sqlite3_bind_double(statement_, index, std::get<double>(value));
        break;
      default:
        bind(index, std::string_view(std::get<std::string>(value)));
    }
    return *this;
  }
  Statement& null(int index) {
    sqlite3_bind_null(statement_, index);
    return *this;
  }
  void run(sqlite3* db) {
    const int code = sqlite3_step(statement_);
    sqlite3_reset(statement_);
    if (code != SQLITE_DONE && code != SQLITE_ROW)
      throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db));
  }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS runs(
  run INTEGER PRIMARY KEY, pipeline TEXT, config TEXT, inputs TEXT,
  started TEXT, finished TEXT, resumed_from INTEGER, documents INTEGER);
CREATE TABLE IF NOT EXISTS documents(
  ordinal INTEGER PRIMARY KEY, id TEXT NOT NULL, run INTEGER NOT NULL, text TEXT NOT NULL,
  meta TEXT, errors TEXT);
CREATE TABLE IF NOT EXISTS annotations(
  id INTEGER PRIMARY KEY, ordinal INTEGER NOT NULL, document TEXT NOT NULL, type TEXT NOT NULL,
  "begin" INTEGER NOT NULL, "end" INTEGER NOT NULL, source_begin INTEGER NOT NULL, source_end INTEGER NOT NULL,
  text TEXT NOT NULL, attrs TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attributes(annotation INTEGER NOT NULL, name TEXT NOT NULL, value);
)";

// Built at the end: inserting into indexed tables is several times slower.
constexpr const char* kIndexes = R"(
CREATE INDEX IF NOT EXISTS documents_by_id ON documents(id);
CREATE INDEX IF NOT EXISTS annotations_by_type ON annotations(type);
CREATE INDEX IF NOT EXISTS annotations_by_ordinal ON annotations(ordinal);
CREATE INDEX IF NOT EXISTS attributes_by_name ON attributes(name, value);
CREATE INDEX IF NOT EXISTS attributes_by_annotation ON attributes(annotation);
)";

std::string json_attributes(const Attributes& attributes) {
  std::string out = "{";
  for (const auto& [key, value] : attributes) {
    if (out.size() > 1) out.push_back(',');
    append_json_string(out, key);
    out.push_back(':');
    append_json_value(out, value);
  }
  out.push_back('}');
  return out;
}

// One transaction per checkpoint: a killed run loses only the uncommitted one, and --resume
// deletes the rows of documents past the checkpoint (committed just before the kill).
class SqliteSink final : public Sink {
 public:
  SqliteSink(const std::string& path, const RunDescription& run, const Checkpoint* resume) : path_(path) {
    if (resume == nullptr) {
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix);
    } else if (!fs::exists(path)) {
      throw std::runtime_error("cannot resume: SQLite database " + path + " is missing; run without --resume");
    }
    create_parent_dirs(path);
    // One thread (the writer) uses the connection: no need for SQLite's own locking.
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open SQLite database " + path + ": " + message);
    }
    try {
      exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;");
      exec(kSchema);
      const std::int64_t from = resume == nullptr ? 0 : static_cast<std::int64_t>(resume->documents);
      exec("BEGIN");
      if (resume != nullptr) {
        const std::string cut = std::to_string(from);
        exec("DELETE FROM attributes WHERE annotation IN (SELECT id FROM annotations WHERE ordinal >= " + cut + ");" +
             "DELETE FROM annotations WHERE ordinal >= " + cut + "; DELETE FROM documents WHERE ordinal >= " + cut +
             ";");
      }
      std::string inputs;
      for (const std::string& input : run.inputs) inputs += (inputs.empty() ? "" : "\n") + input;
      Statement insert(db_,
                       "INSERT INTO runs(pipeline, config, inputs, started, resumed_from) "
                       "VALUES(?, ?, ?, datetime('now'), ?)");
      insert.bind(1, run.pipeline).bind(2, run.config).bind(3, inputs);
      if (resume != nullptr) {
        insert.bind(4, from);
      } else {
        insert.null(4);
      }
      insert.run(db_);
      run_id_ = sqlite3_last_insert_rowid(db_);
      insert_document_ = std::make_unique<Statement>(
          db_, "INSERT INTO documents(ordinal, id, run, text, meta, errors) VALUES(?, ?, ?, ?, ?, ?)");
      insert_annotation_ = std::make_unique<Statement>(
          db_,
          "INSERT INTO annotations(ordinal, document, type, \"begin\", \"end\", source_begin, source_end, text, attrs) "
          "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insert_attribute_ =
          std::make_unique<Statement>(db_, "INSERT INTO attributes(annotation, name, value) VALUES(?, ?, ?)");
    } catch (...) {
      insert_document_.reset();
      insert_annotation_.reset();
      insert_attribute_.reset();
      sqlite3_close(db_);
      throw;
    }
  }

  ~SqliteSink() override {
    insert_document_.reset();
    insert_annotation_.reset();
    insert_attribute_.reset();
    sqlite3_close(db_);  // an open transaction is rolled back: only checkpoints commit
  }

  void write(const ResultDocument& result) override {
    const Document& document = *result.document;
    const auto ordinal = static_cast<std::int64_t>(result.ordinal);
    insert_document_->bind(1, ordinal).bind(2, document.id()).bind(3, run_id_).bind(4, document.text());
    if (document.metadata().empty()) {
      insert_document_->null(5);
    } else {
      insert_document_->bind(5, json_attributes(document.metadata()));
    }
    if (result.failures.empty()) {
      insert_document_->null(6);
    } else {
      std::string errors;
      append_failures_json(errors, result.failures);
      insert_document_->bind(6, errors);
    }
    insert_document_->run(db_);
    const std::string_view text = document.text();
    for (const Annotation& annotation : document.annotations()) {
      insert_annotation_->bind(1, ordinal)
          .bind(2, document.id())
          .bind(3, annotation.type)
          .bind(4, static_cast<std::int64_t>(annotation.begin))
          .bind(5, static_cast<std::int64_t>(annotation.end))
          .bind(6, static_cast<std::int64_t>(annotation.source_begin))
          .bind(7, static_cast<std::int64_t>(annotation.source_end))
          .bind(8, text.substr(annotation.begin, annotation.end - annotation.begin))
          .bind(9, json_attributes(annotation.attrs));
      insert_annotation_->run(db_);
      const std::int64_t annotation_id = sqlite3_last_insert_rowid(db_);
      for (const auto& [key, value] : annotation.attrs) {
        insert_attribute_->bind(1, annotation_id).bind(2, key).bind_value(3, value);
        insert_attribute_->run(db_);
      }
    }
  }

  void sync(Checkpoint& checkpoint) override {
    record_progress(checkpoint.documents);
    exec("COMMIT; BEGIN");
  }

  void close(const Checkpoint& final_state) override {
    record_progress(final_state.documents);
    exec("UPDATE runs SET finished = datetime('now') WHERE run = " + std::to_string(run_id_));
    exec("COMMIT");
    exec(kIndexes);
    exec("PRAGMA wal_checkpoint(TRUNCATE)");  // leave one self-contained file behind
  }

  [[nodiscard]] std::string describe() const override { return "sqlite:" + path_; }

 private:
  void record_progress(std::uint64_t documents) {
    exec("UPDATE runs SET documents = " + std::to_string(documents) + " WHERE run = " + std::to_string(run_id_));
  }

  void exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string text = message != nullptr ? message : "unknown error";
      sqlite3_free(message);
      throw std::runtime_error("SQLite " + path_ + ": " + text);
    }
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  std::int64_t run_id_ = 0;
  std::unique_ptr<Statement> insert_document_;
  std::unique_ptr<Statement> insert_annotation_;
  std::unique_ptr<Statement> insert_attribute_;
};

}  // namespace

std::string text_file_name(std::string_view id) {
  std::string out;
  std::size_t start = 0;
  // Keep the id's folders (a .txt input's id is its relative path), but never let a part climb
  // out of the folder or be hidden.
  while (start <= id.size()) {
    const auto end = std::min(id.find('/', start), id.size());
    const std::string_view part = id.substr(start, end - start);
    if (!part.empty() && part != "." && part != "..") {
      if (!out.empty()) out.push_back('/');
      out += safe_name(part);
    }
    start = end + 1;
  }
  if (out.empty()) out = "_";
  if (!out.ends_with(".txt")) out += ".txt";
  return out;
}

std::unique_ptr<Sink> make_jsonl_sink(const std::string& path, const Checkpoint* resume) {
  return std::make_unique<JsonlSink>(path, resume);
}

std::unique_ptr<Sink> make_text_sink(const TextSpec& spec, const Checkpoint* resume) {
  if (!spec.file.empty()) return std::make_unique<TextFileSink>(spec.file, resume);
  return std::make_unique<TextFolderSink>(spec.dir);
}

std::unique_ptr<Sink> make_tables_sink(const TablesSpec& spec, DeclaredAttributes declared, const Checkpoint* resume) {
  return std::make_unique<TablesSink>(spec, std::move(declared), resume);
}

std::unique_ptr<Sink> make_sqlite_sink(const std::string& path, const RunDescription& run, const Checkpoint* resume) {
  return std::make_unique<SqliteSink>(path, run, resume);
}

}  // namespace textbench::host
