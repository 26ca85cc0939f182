// `textbench run CONFIG INPUT...`: the config's `input:` and `output:` sections, overridden key by
// key by the command line, then the parallel runner (host/core/runner.cpp).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "textbench_host/progress.hpp"
#include "textbench_host/runner.hpp"

namespace textbench::cli {

namespace {

struct RunFlags {
  std::string config;
  std::vector<std::string> inputs;
  std::string jsonl, sqlite, tables, table_format, text_dir, text_file, errors, stats;
  std::string format = "jsonl";
  std::string utf8;
  std::vector<std::string> include, exclude;
  unsigned jobs = 0;
  double checkpoint_seconds = 1.0;
  bool resume = false, fail_fast = false, no_plugins = false, no_progress = false;
};

// Reads a scalar, or reports that it must be one.
std::optional<std::string> scalar(const YAML::Node& node, const std::string& file, const std::string& what,
                                  host::ConfigErrors& errors) {
  if (!node.IsScalar()) {
    errors.add(host::location_of(node, file), what + " must be a single value");
    return std::nullopt;
  }
  return host::scalar_text(node, file, errors);
}

std::vector<std::string> scalar_list(const YAML::Node& node, const std::string& file, const std::string& what,
                                     host::ConfigErrors& errors) {
  std::vector<std::string> values;
  if (node.IsSequence()) {
    for (const auto& entry : node) {
      if (auto value = scalar(entry, file, what + " entry", errors)) values.push_back(*value);
    }
  } else if (auto value = scalar(node, file, what, errors)) {
    values.push_back(*value);
  }
  return values;
}

void check_keys(const YAML::Node& node, const std::string& file, const std::string& section,
                const std::vector<std::string>& allowed, host::ConfigErrors& errors) {
  for (const auto& item : node) {
    const std::string key = item.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string list;
    for (const auto& name : allowed) list += (list.empty() ? "" : ", ") + name;
    errors.add(host::location_of(item.first, file), "unknown key '" + key + "' in " + section +
                                                        host::did_you_mean(key, allowed) + "; allowed keys: " + list);
  }
}

// The config's `input:` section: utf8, include, exclude.
void read_input_section(const host::PipelineConfig& config, host::InputOptions& input, host::ConfigErrors& errors) {
  const YAML::Node& node = config.input;
  if (!node || node.IsNull()) return;
  const std::string& file = config.input_file;
  if (!node.IsMap()) {
    errors.add(host::location_of(node, file), "input must be a mapping, e.g. {utf8: replace, include: ['*.jsonl']}");
    return;
  }
  check_keys(node, file, "input", {"utf8", "include", "exclude"}, errors);
  if (const YAML::Node utf8 = node["utf8"]) {
    if (auto value = scalar(utf8, file, "input.utf8", errors)) {
      if (*value == "reject") {
        input.utf8 = host::Utf8Policy::Reject;
      } else if (*value != "replace") {
        errors.add(host::location_of(utf8, file), "input.utf8 is '" + *value +
                                                      "'; allowed: replace (invalid bytes become U+FFFD) or reject "
                                                      "(the document is reported and skipped)");
      }
    }
  }
  if (const YAML::Node include = node["include"]) input.include = scalar_list(include, file, "input.include", errors);
  if (const YAML::Node exclude = node["exclude"]) input.exclude = scalar_list(exclude, file, "input.exclude", errors);
}

// The config's `output:` section: jsonl, sqlite, tables, text, errors, stats.
void read_output_section(const host::PipelineConfig& config, host::OutputSpec& outputs, std::string& stats,
                         host::ConfigErrors& errors) {
  const YAML::Node& node = config.output;
  if (!node || node.IsNull()) return;
  const std::string& file = config.output_file;
  if (!node.IsMap()) {
    errors.add(host::location_of(node, file), "output must be a mapping, e.g. {jsonl: out.jsonl, sqlite: out.db}");
    return;
  }
  check_keys(node, file, "output", {"jsonl", "sqlite", "tables", "text", "errors", "stats"}, errors);
  if (const YAML::Node jsonl = node["jsonl"]) outputs.jsonl = scalar(jsonl, file, "output.jsonl", errors).value_or("");
  if (const YAML::Node sqlite = node["sqlite"]) {
    outputs.sqlite = scalar(sqlite, file, "output.sqlite", errors).value_or("");
  }
  if (const YAML::Node errors_file = node["errors"]) {
    outputs.errors = scalar(errors_file, file, "output.errors", errors).value_or("");
  }
  if (const YAML::Node stats_file = node["stats"])
    stats = scalar(stats_file, file, "output.stats", errors).value_or("");
  if (const YAML::Node tables = node["tables"]) {
    host::TablesSpec spec;
    if (tables.IsScalar()) {
      spec.dir = scalar(tables, file, "output.tables", errors).value_or("");
    } else if (tables.IsMap()) {
      check_keys(tables, file, "output.tables", {"dir", "format"}, errors);
      if (const YAML::Node dir = tables["dir"]) spec.dir = scalar(dir, file, "output.tables.dir", errors).value_or("");
      if (const YAML::Node format = tables["format"]) {
        const auto value = scalar(format, file, "output.tables.format", errors);
        if (value == "csv") {
          spec.separator = ',';
        } else if (value && *value != "tsv") {
          errors.add(host::location_of(format, file), "output.tables.format is '" + *value + "'; allowed: tsv, csv");
        }
      }
    }
    if (spec.dir.empty()) {
      errors.add(host::location_of(tables, file), "output.tables needs a folder: {dir: tables/, format: tsv}");
    } else {
      outputs.tables = spec;
    }
  }
  if (const YAML::Node text = node["text"]) {
    host::TextSpec spec;
    if (text.IsMap()) {
      check_keys(text, file, "output.text", {"dir", "file"}, errors);
      if (const YAML::Node dir = text["dir"]) spec.dir = scalar(dir, file, "output.text.dir", errors).value_or("");
      if (const YAML::Node one = text["file"]) spec.file = scalar(one, file, "output.text.file", errors).value_or("");
    }
    if (spec.dir.empty() == spec.file.empty()) {
      errors.add(host::location_of(text, file),
                 "output.text needs exactly one of {dir: clean/} (a file per "
                 "document) or {file: all.txt} (all documents in one file)");
    } else {
      outputs.text = spec;
    }
  }
}

}  // namespace

void add_run_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto* command = app.add_subcommand("run", "Run a pipeline over documents and write the results");
  auto flags = std::make_shared<RunFlags>();
  command->add_option("config", flags->config, "Pipeline config (YAML)")->required();
  command
      ->add_option("inputs", flags->inputs,
                   "Inputs: .jsonl and .jsonl.gz files ({\"id\", \"text\"} per line), .txt files, folders "
                   "(searched recursively), or - for stdin")
      ->required();
  command->add_option("-o,--output", flags->jsonl, "Write JSONL results to this file (default: standard output)");
  command->add_option("--format", flags->format, "jsonl (text and annotations) or text (final text only) for -o")
      ->check(CLI::IsMember({"jsonl", "text"}));
  command->add_option("--sqlite", flags->sqlite, "Also write a SQLite database (documents, annotations, attributes)");
  command->add_option("--tables", flags->tables, "Also write one table per annotation type into this folder");
  command->add_option("--table-format", flags->table_format, "tsv (default) or csv")
      ->check(CLI::IsMember({"tsv", "csv"}));
  command->add_option("--text-dir", flags->text_dir, "Also write each document's final text to a file in this folder");
  command->add_option("--text-file", flags->text_file, "Also write every document's final text into this file");
  command->add_option("--errors", flags->errors,
                      "Errors file (JSONL; default: beside the output, see docs/running.md)");
  command->add_option("--stats", flags->stats, "Write the closing figures as JSON to this file");
  command->add_option("-j,--jobs", flags->jobs, "Worker threads (default: one per core)")->check(CLI::Range(1u, 1024u));
  command->add_flag("--resume", flags->resume, "Continue a killed or interrupted run from its checkpoint");
  command
      ->add_option("--checkpoint-every", flags->checkpoint_seconds,
                   "Seconds between checkpoints (sync of every output; default 1)")
      ->check(CLI::Range(0.0, 3600.0));
  command->add_option("--include", flags->include, "Only files in folders that match this glob (repeatable)");
  command->add_option("--exclude", flags->exclude, "Leave out files in folders that match this glob (repeatable)");
  command->add_flag("--fail-fast", flags->fail_fast, "Stop at the first failed document (exit code 3)");
  command->add_option("--utf8", flags->utf8, "Invalid UTF-8 in input: replace (with U+FFFD, default) or reject")
      ->check(CLI::IsMember({"replace", "reject"}));
  command->add_flag("--no-plugins", flags->no_plugins,
                    "Run no step: read, parse and write only (measures the framework's own cost)");
  command->add_flag("--no-progress", flags->no_progress, "No live progress line, even on a terminal");
  command->callback([flags, &options, &exit_code] {
    auto logger = make_logger(options);
    auto loaded = load_pipeline(flags->config, options, logger);
    if (!loaded) {
      exit_code = host::kExitBadConfig;
      return;
    }
    host::RunOptions run;
    std::string stats_path;
    host::ConfigErrors errors;
    read_input_section(loaded->config, run.input, errors);
    read_output_section(loaded->config, run.outputs, stats_path, errors);
    if (!errors.empty()) {
      std::cerr << errors.format();
      exit_code = host::kExitBadConfig;
      return;
    }
    // The command line wins over the config, key by key.
    if (!flags->jsonl.empty()) {
      if (flags->format == "text") {
        run.outputs.text = host::TextSpec{.dir = "", .file = flags->jsonl};
      } else {
        run.outputs.jsonl = flags->jsonl;
      }
    } else if (flags->format == "text" && run.outputs.empty()) {
      run.outputs.text = host::TextSpec{.dir = "", .file = "-"};
    }
    if (!flags->sqlite.empty()) run.outputs.sqlite = flags->sqlite;
    if (!flags->tables.empty()) run.outputs.tables = host::TablesSpec{.dir = flags->tables};
    if (run.outputs.tables && !flags->table_format.empty()) {
      run.outputs.tables->separator = flags->table_format == "csv" ? ',' : '\t';
    }
    if (!flags->text_dir.empty()) run.outputs.text = host::TextSpec{.dir = flags->text_dir, .file = ""};
    if (!flags->text_file.empty()) run.outputs.text = host::TextSpec{.dir = "", .file = flags->text_file};
    if (!flags->errors.empty()) run.outputs.errors = flags->errors;
    if (!flags->stats.empty()) stats_path = flags->stats;
    if (!flags->include.empty()) run.input.include = flags->include;
    if (!flags->exclude.empty()) run.input.exclude = flags->exclude;
    if (!flags->utf8.empty())
      run.input.utf8 = flags->utf8 == "reject" ? host::Utf8Policy::Reject : host::Utf8Policy::Replace;
    run.inputs = flags->inputs;
    run.on_error = flags->fail_fast ? host::ErrorPolicy::Fail : loaded->config.on_error;
    run.max_errors = loaded->config.max_errors;
    run.threads = flags->jobs;
    run.resume = flags->resume;
    run.checkpoint_seconds = flags->checkpoint_seconds;
    run.progress = !flags->no_progress && options.verbosity >= 0 && ::isatty(STDERR_FILENO) == 1;
    run.description = {loaded->plan.name, flags->config, flags->inputs};
    if (flags->no_plugins) loaded->plan.steps.clear();

    host::install_interrupt_handlers();
    host::RunSummary summary;
    exit_code = host::run_pipeline(loaded->plan, run, *logger, summary);
    for (const std::string& line : host::summary_lines(summary)) logger->info("{}", line);
    if (!stats_path.empty()) {
      std::ofstream out(stats_path, std::ios::trunc);
      out << host::stats_json(summary);
      if (!out) {
        logger->error("cannot write --stats file {}", stats_path);
        if (exit_code == host::kExitOk) exit_code = host::kExitIoError;
      }
    }
  });
}

}  // namespace textbench::cli
