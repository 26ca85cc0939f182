// `textbench check-plugin PATH`: a conformance suite for a built plugin library.
//
// Each check runs in a forked child process, so a plugin that crashes or hangs on one input is
// reported as a failed check (with the signal or the time limit) and the other checks still run.
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <functional>
#include <iomanip>
#include <iostream>
#include <set>
#include <span>
#include <sstream>
#include <thread>

#include "commands.hpp"
#include "textbench/testing/harness.hpp"
#include "textbench_host/plugin_loader.hpp"
#include "textbench_host/runner.hpp"

namespace textbench::cli {

namespace {

struct CheckOptions {
  std::string library;
  std::string plugin;               // empty: every plugin the library exports
  std::vector<std::string> params;  // KEY=VALUE
  unsigned threads = 4;
  double large_megabytes = 8;
  unsigned timeout_seconds = 120;
};

// Ordinary documents every plugin must process without an error: news prose with numbers and
// quotes, other scripts, emoji, CRLF line ends, lone whitespace, a single character.
const std::vector<std::string>& sample_texts() {
  static const std::vector<std::string> texts = {
      "Rescue teams moved more than 2.5 lakh people to relief camps on Monday, officials said.\n\n"
      "\u201cWe are working round the clock,\u201d chief minister Anita Rao said. \"No family will be left "
      "behind.\"\n\nAlso read: Monsoon rains to ease over the weekend\n",
      "The ministry will spend $2.8 million (\u20b923 crore) on a 66-km pilot \u2014 the first of its kind.",
      "\u092e\u0941\u0916\u094d\u092f\u092e\u0902\u0924\u094d\u0930\u0940 \u0928\u0947 \u0915\u0939\u093e, "
      "\u201c\u0939\u092e \u0924\u0948\u092f\u093e\u0930 \u0939\u0948\u0902\u0964\u201d 15 "
      "\u0905\u0917\u0938\u094d\u0924 "
      "2024",
      "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \U0001F600 \U0001F1EE\U0001F1F3 \u00bd \u2153 Stra\u00dfe",
      "Line one\r\nLine two\r\n\r\n",
      "   \t\n ",
      "x",
  };
  return texts;
}

// Byte strings that are not UTF-8: stray continuation bytes, a truncated sequence, an overlong
// encoding, UTF-16 surrogates, bytes that never occur, and a NUL in the middle.
const std::vector<std::string>& invalid_utf8_texts() {
  static const std::vector<std::string> texts = {
      std::string("Broken \x80\xbf bytes on Monday"),
      std::string("Truncated \xe2\x82"),
      std::string("Overlong \xc0\xaf slash"),
      std::string("Surrogate \xed\xa0\x80 half"),
      std::string("\xff\xfe\xfd"),
      std::string("Nul\0inside 2024", 15),
  };
  return texts;
}

std::string value_text(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>)
          return "null";
        else if constexpr (std::is_same_v<T, bool>)
          return v ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::string>)
          return '"' + v + '"';
        else
          return std::to_string(v);
      },
      value);
}

// Everything a plugin's result consists of, as text, to compare runs.
std::string fingerprint(const Document& document) {
  std::ostringstream out;
  out << document.text() << '\0';
  for (const Annotation& a : document.annotations()) {
    out << a.type << ' ' << a.begin << ' ' << a.end << ' ' << a.source_begin << ' ' << a.source_end;
    for (const auto& [key, value] : a.attrs) out << ' ' << key << '=' << value_text(value);
    out << '\n';
  }
  for (const auto& [key, value] : document.metadata()) out << key << '=' << value_text(value) << '\n';
  return out.str();
}

bool is_continuation_byte(std::string_view text, std::size_t at) {
  return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || (length == 2 && lead < 0xC2) || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if (!is_continuation_byte(text, i + k)) return false;
    }
    i += length;
  }
  return true;
}

// What the host relies on in every result: annotations inside the text, on character
// boundaries, with a type; source offsets inside the source; valid UTF-8 stays valid.
std::string result_problem(const Document& document, bool input_was_utf8) {
  const std::string_view text = document.text();
  if (input_was_utf8 && !valid_utf8(text)) return "the edited text is not valid UTF-8 (an edit split a character)";
  for (std::size_t i = 0; i < document.annotations().size(); ++i) {
    const Annotation& a = document.annotations()[i];
    const std::string which = "annotation #" + std::to_string(i) + " ('" + a.type + "' " + std::to_string(a.begin) +
                              ".." + std::to_string(a.end) + ")";
    if (a.type.empty()) return "annotation #" + std::to_string(i) + " has an empty type";
    if (a.begin > a.end || a.end > text.size())
      return which + " is outside the text of " + std::to_string(text.size()) + " bytes";
    if (a.source_begin > a.source_end || a.source_end > document.source_text().size())
      return which + " has source offsets " + std::to_string(a.source_begin) + ".." + std::to_string(a.source_end) +
             " outside the source text";
    if (input_was_utf8 && (is_continuation_byte(text, a.begin) || is_continuation_byte(text, a.end)))
      return which + " starts or ends inside a UTF-8 character; offsets are byte offsets of character boundaries";
  }
  return {};
}

// Runs the plugin on one text and checks the result; returns the problem, or "" when fine.
std::string run_and_check(testing::PluginHarness& harness, const std::string& id, const std::string& text,
                          bool must_succeed, std::string* fingerprint_out = nullptr) {
  Document document(id, text);
  try {
    harness.process(document);
  } catch (const std::exception& e) {
    if (must_succeed) return std::string("threw on a valid document: ") + e.what();
    return {};  // a clear error for input it cannot handle is allowed
  }
  if (auto problem = result_problem(document, valid_utf8(text)); !problem.empty())
    return "document '" + id + "': " + problem;
  if (fingerprint_out != nullptr) *fingerprint_out = fingerprint(document);
  return {};
}

bool is_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

bool blank(const char* text) {
  return text == nullptr || std::string_view(text).find_first_not_of(" \t") == std::string_view::npos;
}

std::vector<std::string> metadata_problems(const PluginDescriptor& d, const std::filesystem::path& library) {
  std::vector<std::string> problems;
  const std::string expected_file = "lib" + std::string(d.name) + ".so";
  if (library.filename() != expected_file)
    problems.push_back("the library is named " + library.filename().string() + ", but the host looks for plugin '" +
                       d.name + "' in " + expected_file);
  if (blank(d.version)) {
    problems.push_back("version is empty; give a version like \"1.0.0\"");
  } else if (!std::isdigit(static_cast<unsigned char>(d.version[0])) ||
             std::string_view(d.version).find('.') == std::string_view::npos) {
    problems.push_back(std::string("version '") + d.version + "' is not of the form MAJOR.MINOR.PATCH");
  }
  if (blank(d.description))
    problems.push_back("description is empty; say in one line what the plugin does");
  else if (std::strchr(d.description, '\n') != nullptr)
    problems.push_back("description must be one line (it contains a newline)");
  if (d.attribute_count > 0 && d.attributes == nullptr)
    problems.push_back("attribute_count > 0 but no attribute table");
  for (std::size_t i = 0; i < d.attribute_count && d.attributes != nullptr; ++i) {
    const AttributeSpec& a = d.attributes[i];
    const std::string which = "attribute #" + std::to_string(i) + (a.name ? " '" + std::string(a.name) + "'" : "");
    if (blank(a.annotation_type)) problems.push_back(which + " has no annotation_type");
    if (blank(a.name)) problems.push_back(which + " has no name");
    if (blank(a.type)) problems.push_back(which + " has no type (e.g. \"string\", \"integer\")");
    if (blank(a.doc)) problems.push_back(which + " has no doc");
  }
  if ((d.flags & ~static_cast<std::uint32_t>(kThreadSafe | kEditsText)) != 0)
    problems.push_back("flags has bits this SDK does not define: " + std::to_string(d.flags));
  return problems;
}

std::vector<std::string> parameter_problems(const PluginDescriptor& d) {
  std::vector<std::string> problems;
  if (d.param_count > 0 && d.params == nullptr) return {"param_count > 0 but no parameter table"};
  std::set<std::string> seen;
  for (std::size_t i = 0; i < d.param_count; ++i) {
    const ParamSpec& spec = d.params[i];
    if (spec.name == nullptr || !is_identifier(spec.name)) {
      problems.push_back("parameter #" + std::to_string(i) + " has no identifier name");
      continue;
    }
    const std::string which = std::string("parameter '") + spec.name + "'";
    if (!seen.insert(spec.name).second) problems.push_back(which + " is declared twice");
    if (blank(spec.doc)) problems.push_back(which + " has no doc; every parameter needs one line for `describe`");
    if (spec.required && spec.default_value != nullptr)
      problems.push_back(which + " is required and also has a default; drop one of them");
    if (spec.choices != nullptr && spec.type != ParamType::String)
      problems.push_back(which + " has choices but is not a string");
    if (spec.min > spec.max) problems.push_back(which + " has min > max");
    if (spec.default_value != nullptr) {
      ParamValue value;
      Params probe;
      if (!parse_default(spec, value)) {
        problems.push_back(which + ": default '" + spec.default_value + "' is not a valid " +
                           std::string(to_string(spec.type)));
      } else if (probe.set(spec.name, value); !check_params(std::span(&spec, 1), probe).empty()) {
        problems.push_back(which + ": default '" + spec.default_value + "' is outside its own choices or range");
      }
    }
  }
  return problems;
}

// Runs `check` in a child process; returns "" when it passed, else what went wrong.
std::string run_isolated(const std::function<std::string()>& check, unsigned timeout_seconds) {
  int pipe_ends[2];
  if (::pipe(pipe_ends) != 0) return std::string("cannot create a pipe: ") + std::strerror(errno);
  std::cout.flush();
  std::cerr.flush();
  const pid_t child = ::fork();
  if (child < 0) return std::string("cannot fork: ") + std::strerror(errno);
  if (child == 0) {
    ::close(pipe_ends[0]);
    ::alarm(timeout_seconds);
    std::string problem;
    try {
      problem = check();
    } catch (const std::exception& e) {
      problem = e.what();
    }
    std::size_t written = 0;
    while (written < problem.size()) {
      const ssize_t n = ::write(pipe_ends[1], problem.data() + written, problem.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    // _exit: the child shares the parent's buffers and atexit handlers; they must run only once.
    ::_exit(problem.empty() ? 0 : 1);
  }
  ::close(pipe_ends[1]);
  std::string message;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(pipe_ends[0], buffer, sizeof buffer)) > 0) message.append(buffer, static_cast<std::size_t>(n));
  ::close(pipe_ends[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    if (signal == SIGALRM)
      return "did not finish within " + std::to_string(timeout_seconds) + " s (a hang, or far too slow)";
    return "crashed with signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0 && message.empty())
    return "exited with status " + std::to_string(WEXITSTATUS(status));
  return message;
}

// --param KEY=VALUE, with VALUE read as YAML (so lists and maps work: -p 'patterns=[a, b]') and
// converted to the type the plugin declares, exactly as a config's value would be.
std::optional<Params> parse_params(const PluginDescriptor& d, const std::vector<std::string>& given,
                                   spdlog::logger& log) {
  Params params;
  bool ok = true;
  for (const std::string& item : given) {
    const auto equals = item.find('=');
    if (equals == std::string::npos || equals == 0) {
      log.error("--param '{}': write it as NAME=VALUE", item);
      ok = false;
      continue;
    }
    const std::string name = item.substr(0, equals);
    const ParamSpec* spec = nullptr;
    for (const ParamSpec& candidate : std::span(d.params, d.param_count)) {
      if (candidate.name != nullptr && name == candidate.name) spec = &candidate;
    }
    if (spec == nullptr) {
      params.set(name, item.substr(equals + 1));  // check_params reports it with the allowed names
      continue;
    }
    host::ConfigErrors errors;
    try {
      if (auto value = host::convert_param(*spec, YAML::Load(item.substr(equals + 1)), "--param " + name, errors)) {
        params.set(name, std::move(*value));
      }
    } catch (const YAML::Exception& e) {
      errors.add({"--param " + name, 0, 0}, e.what());
    }
    for (const auto& error : errors.list()) {
      log.error("--param {}: {}", name, error.message);
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return params;
}

constexpr std::string_view kCreateCheck = "creates an instance with the given parameters";

struct Check {
  std::string name;
  std::function<std::string()> run;
};

std::vector<Check> make_checks(const PluginDescriptor& d, const std::filesystem::path& library, const Params& params,
                               const CheckOptions& options) {
  auto join = [](const std::vector<std::string>& problems) {
    std::string text;
    for (const auto& problem : problems) text += (text.empty() ? "" : "\n        ") + problem;
    return text;
  };
  std::vector<Check> checks;
  checks.push_back({"metadata is complete", [&d, library, join] { return join(metadata_problems(d, library)); }});
  checks.push_back(
      {"every parameter is documented and consistent", [&d, join] { return join(parameter_problems(d)); }});
  checks.push_back({std::string(kCreateCheck), [&d, params] {
                      try {
                        testing::PluginHarness harness(d, params);
                      } catch (const testing::PluginError& e) {
                        return std::string(e.what()) + "\n        give parameters with --param NAME=VALUE";
                      }
                      return std::string();
                    }});
  checks.push_back({"survives an empty document", [&d, params] {
                      testing::PluginHarness harness(d, params);
                      return run_and_check(harness, "check-empty", "", true);
                    }});
  checks.push_back({"processes ordinary documents (scripts, emoji, CRLF, whitespace)", [&d, params] {
                      testing::PluginHarness harness(d, params);
                      for (std::size_t i = 0; i < sample_texts().size(); ++i) {
                        auto problem =
                            run_and_check(harness, "check-sample-" + std::to_string(i), sample_texts()[i], true);
                        if (!problem.empty()) return problem;
                      }
                      return std::string();
                    }});
  checks.push_back({"survives invalid UTF-8 (returns or throws, never crashes)", [&d, params] {
                      testing::PluginHarness harness(d, params);
                      for (std::size_t i = 0; i < invalid_utf8_texts().size(); ++i) {
                        auto problem = run_and_check(harness, "check-invalid-utf8-" + std::to_string(i),
                                                     invalid_utf8_texts()[i], false);
                        if (!problem.empty()) return problem;
                      }
                      return std::string();
                    }});
  const auto large_bytes = static_cast<std::size_t>(options.large_megabytes * 1e6);
  checks.push_back(
      {fmt::format("survives a very large document ({:g} MB)", options.large_megabytes), [&d, params, large_bytes] {
         std::string text;
         text.reserve(large_bytes + 1024);
         for (std::size_t i = 0; text.size() < large_bytes; ++i) text += sample_texts()[i % 4] + "\n\n";
         testing::PluginHarness harness(d, params);
         return run_and_check(harness, "check-large", text, true);
       }});
  checks.push_back({"repeated calls give the same results (no state leaks between documents)", [&d, params] {
                      testing::PluginHarness harness(d, params);
                      std::vector<std::string> first(sample_texts().size());
                      for (int round = 0; round < 200; ++round) {
                        for (std::size_t i = 0; i < sample_texts().size(); ++i) {
                          std::string result;
                          const std::string id = "check-repeat-" + std::to_string(i);
                          if (auto problem = run_and_check(harness, id, sample_texts()[i], true, &result);
                              !problem.empty())
                            return problem;
                          if (round == 0)
                            first[i] = result;
                          else if (result != first[i])
                            return "call " + std::to_string(round + 1) + " on document '" + id +
                                   "' gave a different result than the first call";
                        }
                      }
                      for (int i = 0; i < 50; ++i) testing::PluginHarness again(d, params);  // create/destroy
                      return std::string();
                    }});
  const bool shared = (d.flags & kThreadSafe) != 0;
  checks.push_back(
      {shared ? "concurrent calls on one instance (declared thread-safe)" : "concurrent calls, one instance per thread",
       [&d, params, shared, threads = options.threads] {
         std::vector<std::string> expected;
         {
           testing::PluginHarness reference(d, params);
           for (const auto& text : sample_texts()) {
             Document document("check-concurrent", text);
             reference.process(document);
             expected.push_back(fingerprint(document));
           }
         }
         auto shared_instance = shared ? std::make_unique<testing::PluginHarness>(d, params) : nullptr;
         std::vector<std::string> problems(threads);
         std::vector<std::thread> workers;
         for (unsigned t = 0; t < threads; ++t) {
           workers.emplace_back([&, t] {
             try {
               auto own = shared ? nullptr : std::make_unique<testing::PluginHarness>(d, params);
               testing::PluginHarness& harness = shared ? *shared_instance : *own;
               for (int round = 0; round < 100 && problems[t].empty(); ++round) {
                 const std::size_t i = (t + static_cast<std::size_t>(round)) % sample_texts().size();
                 Document document("check-concurrent", sample_texts()[i]);
                 harness.process(document);
                 if (fingerprint(document) != expected[i])
                   problems[t] = "thread " + std::to_string(t) + " got a different result for sample " +
                                 std::to_string(i) + " than a single-threaded run" +
                                 (shared ? "; if process() is not safe to call concurrently, drop kThreadSafe" : "");
               }
             } catch (const std::exception& e) {
               problems[t] = "thread " + std::to_string(t) + ": " + e.what();
             }
           });
         }
         for (auto& worker : workers) worker.join();
         for (const auto& problem : problems) {
           if (!problem.empty()) return problem;
         }
         return std::string();
       }});
  return checks;
}

}  // namespace

void add_check_plugin_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto* command = app.add_subcommand(
      "check-plugin",
      "Check a built plugin library like a conformance suite (exit 0: all passed, 1: some failed, 2: not loadable)");
  auto check = std::make_shared<CheckOptions>();
  command->add_option("library", check->library, "The plugin library (lib<name>.so)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--plugin", check->plugin, "Check only this plugin of the library");
  command
      ->add_option("-p,--param", check->params,
                   "Parameter for the instances the checks create, NAME=VALUE with VALUE in YAML (repeatable); "
                   "required parameters must be given")
      ->type_name("NAME=VALUE");
  command->add_option("--threads", check->threads, "Threads for the concurrency check")->check(CLI::Range(2, 64));
  command->add_option("--large-mb", check->large_megabytes, "Size of the large document in MB")
      ->check(CLI::Range(0.001, 1024.0));
  command->add_option("--timeout", check->timeout_seconds, "Seconds each check may take")->check(CLI::Range(1, 86400));
  command->callback([check, &options, &exit_code] {
    auto logger = make_logger(options);
    const std::filesystem::path library = std::filesystem::absolute(check->library);
    std::vector<std::string> names;
    try {
      names = host::list_plugin_names(library);
    } catch (const host::PluginLoadError& e) {
      logger->error("{}", e.what());
      exit_code = host::kExitBadConfig;
      return;
    }
    if (names.empty()) {
      logger->error("{} exports no textbench plugin (no txtplug_ symbol); was it built with TEXTBENCH_PLUGIN?",
                    library.string());
      exit_code = host::kExitBadConfig;
      return;
    }
    if (!check->plugin.empty()) {
      if (std::find(names.begin(), names.end(), check->plugin) == names.end()) {
        logger->error("{} does not export plugin '{}'{}", library.string(), check->plugin,
                      host::did_you_mean(check->plugin, names));
        exit_code = host::kExitBadConfig;
        return;
      }
      names = {check->plugin};
    }
    std::size_t failed = 0;
    for (const std::string& name : names) {
      std::shared_ptr<const host::LoadedPlugin> plugin;
      try {
        plugin = host::load_plugin(library, name);
      } catch (const host::PluginLoadError& e) {
        logger->error("{}", e.what());
        exit_code = host::kExitBadConfig;
        return;
      }
      const PluginDescriptor& descriptor = *plugin->descriptor;
      auto params = parse_params(descriptor, check->params, *logger);
      if (!params) {
        exit_code = host::kExitBadConfig;
        return;
      }
      std::cout << "checking plugin '" << name << "' " << descriptor.version << " (" << library.string() << ")\n";
      bool created = true;
      for (const Check& item : make_checks(descriptor, library, *params, *check)) {
        if (!created) {
          std::cout << "  SKIP  " << item.name << " (no instance)\n";
          continue;
        }
        const auto started = std::chrono::steady_clock::now();
        const std::string problem = run_isolated(item.run, check->timeout_seconds);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::cout << (problem.empty() ? "  PASS  " : "  FAIL  ") << item.name;
        if (seconds >= 1) std::cout << " (" << std::fixed << std::setprecision(1) << seconds << " s)";
        std::cout << (problem.empty() ? "" : ":\n        " + problem) << "\n";
        if (!problem.empty()) ++failed;
        // Every later check needs an instance; one clear failure beats six copies of it.
        if (item.name == kCreateCheck && !problem.empty()) created = false;
      }
    }
    if (failed == 0) {
      std::cout << "all checks passed\n";
      exit_code = host::kExitOk;
    } else {
      std::cout << failed << (failed == 1 ? " check" : " checks") << " failed\n";
      exit_code = host::kExitSomeFailed;
    }
  });
}

}  // namespace textbench::cli
