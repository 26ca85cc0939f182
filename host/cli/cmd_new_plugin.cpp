// `textbench new-plugin NAME [DIR]`: writes a small plugin project that builds against the
// installed SDK alone. The example it contains works (it marks weekday names) so that every part —
// build, test, check-plugin, a pipeline — can be seen working before the author changes it.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "textbench_host/runner.hpp"

namespace textbench::cli {

namespace {

// Templates: @NAME@ is the plugin name, @CLASS@ its CamelCase class, @VERSION@ the
// textbench MAJOR.MINOR the project asks find_package for, @PREFIX@ where textbench is installed.
constexpr std::string_view kCMakeLists = R"tmpl(cmake_minimum_required(VERSION 3.20)
project(@NAME@ VERSION 1.0.0 LANGUAGES CXX)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

# The installed textbench SDK. Configure with -DCMAKE_PREFIX_PATH=<where textbench is installed>.
find_package(textbench @VERSION@ REQUIRED)

# Builds build/plugins/lib@NAME@.so with the flags and ABI stamp the host checks, and
# @NAME@_objects (the same code as an object library) for the test below.
textbench_add_plugin(@NAME@ SOURCES src/@NAME@.cpp)
target_compile_options(@NAME@_objects PRIVATE -Wall -Wextra)

include(CTest)
if(BUILD_TESTING)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
  add_executable(@NAME@_test tests/@NAME@_test.cpp)
  target_link_libraries(@NAME@_test PRIVATE @NAME@_objects Catch2::Catch2WithMain)
  catch_discover_tests(@NAME@_test)
endif()
)tmpl";

constexpr std::string_view kSource = R"tmpl(// @NAME@: a textbench plugin.
//
// It starts as a working example that marks the names of weekdays ("on Monday", "Thu."), so that
// building, testing, check-plugin and a pipeline can be seen working before you change it.
// <textbench prefix>/share/doc/textbench/writing-a-plugin.md explains the SDK's contract.
#include <array>
#include <string>
#include <string_view>

#include "textbench/plugin.hpp"

namespace {

// The parameter table: the host validates configs against it and `textbench describe` prints it.
constexpr textbench::ParamSpec kParams[] = {
    {.name = "type", .type = textbench::ParamType::String, .doc = "Annotation type written for each weekday",
     .default_value = "weekday"},
    {.name = "abbreviations", .type = textbench::ParamType::Boolean,
     .doc = "Also mark three-letter abbreviations such as Mon and Thu", .default_value = "false"},
};

// The attributes the annotations carry, for `describe` and the docs.
constexpr textbench::AttributeSpec kAttributes[] = {
    {.annotation_type = "<type>", .name = "day", .type = "integer", .doc = "Day of the week: 1 = Monday ... 7 = Sunday"},
};

constexpr std::array<std::string_view, 7> kDays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                   "Friday", "Saturday", "Sunday"};

// Bytes of a word: ASCII letters, and every byte of a non-ASCII character, so that a day name
// glued to other letters ("Mondayé") is not a match.
bool is_word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || byte >= 0x80;
}

class @CLASS@ {
 public:
  // Read and check the parameters here: the host creates an instance before the first document,
  // so a mistake in a config is reported before anything runs.
  explicit @CLASS@(const textbench::CreateContext& context)
      : type_(context.params().get_string("type")), abbreviations_(context.params().get_bool("abbreviations")) {
    if (type_.empty()) context.reject("type", "the annotation type must not be empty");
  }

  // Called once per document. Offsets are UTF-8 byte offsets into document.text().
  void process(textbench::Document& document) const {
    const std::string_view text = document.text();
    std::size_t word_begin = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (i < text.size() && is_word_byte(text[i])) continue;
      if (const int day = day_number(text.substr(word_begin, i - word_begin)); day != 0) {
        document.annotate(type_, word_begin, i).attrs.set("day", day);
      }
      word_begin = i + 1;
    }
  }

 private:
  // 1..7, or 0 when the word is not a day name.
  int day_number(std::string_view word) const {
    for (std::size_t d = 0; d < kDays.size(); ++d) {
      if (word == kDays[d] || (abbreviations_ && word == kDays[d].substr(0, 3))) return static_cast<int>(d) + 1;
    }
    return 0;
  }

  std::string type_;
  bool abbreviations_;
};

}  // namespace

// Exports the plugin as "@NAME@". kThreadSafe: process() only reads the members, so the host may
// call it on one instance from several threads.
TEXTBENCH_PLUGIN(@CLASS@, @NAME@, "1.0.0", "Marks the names of weekdays (an example to start from)", kParams,
                 kAttributes, textbench::kThreadSafe)
)tmpl";

constexpr std::string_view kTest =
    R"tmpl(// Tests for @NAME@, run without the textbench host through the SDK's test kit.
#include <catch2/catch.hpp>

#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(@NAME@);

using textbench::testing::covered;
using textbench::testing::find_all;
using textbench::testing::PluginHarness;

TEST_CASE("marks weekday names with their number") {
  PluginHarness harness(textbench_descriptor_@NAME@());
  const textbench::Document document = harness.run("Polls close on Wednesday; counting starts Thursday.");
  const auto days = find_all(document, "weekday");
  REQUIRE(days.size() == 2);
  CHECK(covered(document, *days[0]) == "Wednesday");
  CHECK(*days[0]->attrs.find("day") == textbench::Value(std::int64_t{3}));
  CHECK(covered(document, *days[1]) == "Thursday");
}

TEST_CASE("abbreviations are marked only when asked for") {
  const std::string text = "Results on Mon, Tue. and Sunday";
  PluginHarness plain(textbench_descriptor_@NAME@());
  CHECK(find_all(plain.run(text), "weekday").size() == 1);
  PluginHarness with_abbreviations(textbench_descriptor_@NAME@(), {{"abbreviations", true}});
  CHECK(find_all(with_abbreviations.run(text), "weekday").size() == 3);
}

TEST_CASE("words that only contain a day name are not marked") {
  PluginHarness harness(textbench_descriptor_@NAME@());
  CHECK(harness.run("Mondays, Fridayish, SUNDAY, Mondayé").annotations().empty());
}

TEST_CASE("the type parameter names the annotations, and an empty one is refused") {
  PluginHarness harness(textbench_descriptor_@NAME@(), {{"type", "day"}});
  CHECK(find_all(harness.run("See you on Friday"), "day").size() == 1);
  CHECK_THROWS_AS(PluginHarness(textbench_descriptor_@NAME@(), {{"type", ""}}), textbench::testing::PluginError);
}
)tmpl";

constexpr std::string_view kPipeline = R"tmpl(# @NAME@ together with a plugin shipped with textbench. Run it with:
#   textbench --plugin-path build/plugins run pipeline.yaml <documents.jsonl>
name: @NAME@-demo
steps:
  - plugin: @NAME@
  - plugin: regex_annotator
    params:
      type: year
      pattern: '\b(19|20)\d\d\b'
)tmpl";

constexpr std::string_view kReadme = R"tmpl(# @NAME@

A textbench plugin, made with `textbench new-plugin @NAME@`. As generated it
marks the names of weekdays; change `src/@NAME@.cpp` and `tests/@NAME@_test.cpp` to make it yours.

textbench is installed in `@PREFIX@` (change the commands if you move it).

```sh
cmake -S . -B build -DCMAKE_PREFIX_PATH=@PREFIX@
cmake --build build
ctest --test-dir build --output-on-failure
@PREFIX@/bin/textbench check-plugin build/plugins/lib@NAME@.so
@PREFIX@/bin/textbench --plugin-path build/plugins run pipeline.yaml @PREFIX@/share/textbench/samples/news.jsonl
```

To make the plugin available to every pipeline without `--plugin-path`, install it next to the
shipped plugins: `cmake --install build --prefix @PREFIX@`.

The guide to the SDK (document model, edits and offsets, parameters, threads, errors, versioning):
@PREFIX@/share/doc/textbench/writing-a-plugin.md.
)tmpl";

constexpr std::string_view kGitignore = "build/\n";

std::string camel_case(const std::string& name) {
  std::string result;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    result += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return result.empty() || std::isdigit(static_cast<unsigned char>(result.front())) ? "Plugin" + result : result;
}

std::string fill(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out(text);
  for (const auto& [key, value] : values) {
    for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size())) {
      out.replace(at, key.size(), value);
    }
  }
  return out;
}

// The prefix the running textbench is installed in (or the build tree it runs from), and whether
// it holds the CMake package a plugin project needs.
struct OwnPrefix {
  std::filesystem::path path;
  bool has_package = false;
};

OwnPrefix own_prefix() {
  const auto plugins = host::installed_plugin_dir();  // <prefix>/<libdir>/textbench/plugins
  if (plugins.empty()) return {"<textbench prefix>", false};
  const auto libdir = plugins.parent_path().parent_path();
  return {libdir.parent_path().lexically_normal(),
          std::filesystem::exists(libdir / "cmake/textbench/textbench-config.cmake")};
}

}  // namespace

void add_new_plugin_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto* command = app.add_subcommand(
      "new-plugin", "Write a buildable plugin project (CMake, source, Catch2 test, README, pipeline) to start from");
  auto name = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>();
  command->add_option("name", *name, "Plugin name, as configs will use it: lowercase letters, digits and _")
      ->required();
  command->add_option("dir", *dir, "Folder to create (default: ./NAME); must not exist or be empty");
  command->callback([=, &options, &exit_code] {
    auto logger = make_logger(options);
    const bool valid_name =
        !name->empty() && name->size() <= 64 && std::islower(static_cast<unsigned char>((*name)[0])) &&
        std::all_of(name->begin(), name->end(), [](char c) {
          return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
        });
    if (!valid_name) {
      logger->error(
          "plugin name '{}' is not usable: start with a lowercase letter, then lowercase letters, digits "
          "or _ (at most 64), e.g. weekday_finder",
          *name);
      exit_code = host::kExitBadConfig;
      return;
    }
    const std::filesystem::path target = dir->empty() ? std::filesystem::path(*name) : std::filesystem::path(*dir);
    std::error_code error;
    if (std::filesystem::exists(target, error) &&
        (!std::filesystem::is_directory(target, error) || !std::filesystem::is_empty(target, error))) {
      logger->error("{} already exists and is not an empty folder; choose another DIR or remove it", target.string());
      exit_code = host::kExitBadConfig;
      return;
    }
    const OwnPrefix own = own_prefix();
    const std::string prefix = own.path.string();
    const std::string version = std::string(TEXTBENCH_VERSION).substr(0, std::string(TEXTBENCH_VERSION).rfind('.'));
    const std::vector<std::pair<std::string, std::string>> values = {
        {"@NAME@", *name}, {"@CLASS@", camel_case(*name)}, {"@VERSION@", version}, {"@PREFIX@", prefix}};
    const std::vector<std::pair<std::string, std::string_view>> files = {
        {"CMakeLists.txt", kCMakeLists},
        {"src/" + *name + ".cpp", kSource},
        {"tests/" + *name + "_test.cpp", kTest},
        {"pipeline.yaml", kPipeline},
        {"README.md", kReadme},
        {".gitignore", kGitignore},
    };
    for (const auto& [relative, text] : files) {
      const auto path = target / relative;
      std::filesystem::create_directories(path.parent_path(), error);
      std::ofstream out(path, std::ios::binary);
      out << fill(text, values);
      if (!out.flush()) {
        logger->error("cannot write {}: {}", path.string(), std::strerror(errno));
        exit_code = host::kExitIoError;
        return;
      }
    }
    const std::string t = target.string();
    std::cout << "Created plugin project '" << *name << "' in " << t << ". Next:\n"
              << "  cmake -S " << t << " -B " << t << "/build -DCMAKE_PREFIX_PATH=" << prefix << "\n"
              << "  cmake --build " << t << "/build\n"
              << "  ctest --test-dir " << t << "/build --output-on-failure\n"
              << "  textbench check-plugin " << t << "/build/plugins/lib" << *name << ".so\n"
              << "  textbench --plugin-path " << t << "/build/plugins run " << t
              << "/pipeline.yaml <documents.jsonl>\n";
    if (!own.has_package) {
      // Run from a build tree: the project needs an installed SDK, which this is not.
      std::cout << "Note: this textbench runs from " << prefix
                << ", which is not an installed prefix (no lib/cmake/textbench). Install it first, e.g.\n"
                << "  cmake --install <textbench build folder> --prefix <dir>\n"
                << "and use <dir> in place of " << prefix << " above (and in " << t << "/README.md).\n";
    }
    exit_code = host::kExitOk;
  });
}

}  // namespace textbench::cli
