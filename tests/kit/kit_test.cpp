// The plugin-author kit, through the built `textbench` command: check-plugin reports each kind of
// fault clearly, new-plugin writes a usable project, and docs/writing-a-plugin.md works as written.
#include <sys/wait.h>
#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "temp_dir.hpp"

using Catch::Matchers::Contains;

namespace test {}  // namespace test

namespace {

const std::string kTextbench = std::string(TEXTBENCH_BUILD_DIR) + "/bin/textbench";

struct Result {
  int status = -1;
  std::string output;  // stdout and stderr
};

Result shell(const std::string& command) {
  Result result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

Result check_plugin(const std::string& library, const std::string& arguments = "") {
  return shell(quoted(kTextbench) + " check-plugin " + quoted(library) + " " + arguments);
}

const std::string kSloppy = std::string(TEXTBENCH_KIT_PLUGIN_DIR) + "/libsloppy.so";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("check-plugin passes a shipped plugin given its required parameters", "[check-plugin]") {
  const auto result = check_plugin(std::string(TEXTBENCH_PLUGIN_DIR) + "/libregex_annotator.so",
                                   "-p type=year -p 'pattern=\\d{4}' --large-mb 2");
  INFO(result.output);
  CHECK(result.status == 0);
  CHECK_THAT(result.output, Contains("PASS  concurrent calls on one instance (declared thread-safe)"));
  CHECK_THAT(result.output, Contains("all checks passed"));
}

TEST_CASE("check-plugin says which required parameter is missing and skips what needs an instance", "[check-plugin]") {
  const auto result = check_plugin(std::string(TEXTBENCH_PLUGIN_DIR) + "/libregex_annotator.so");
  INFO(result.output);
  CHECK(result.status == 1);
  CHECK_THAT(result.output, Contains("FAIL  creates an instance with the given parameters"));
  CHECK_THAT(result.output, Contains("'type'"));
  CHECK_THAT(result.output, Contains("give parameters with --param NAME=VALUE"));
  CHECK_THAT(result.output, Contains("SKIP  survives an empty document"));
}

TEST_CASE("check-plugin rejects a parameter value of the wrong type before running anything", "[check-plugin]") {
  const auto result = check_plugin(std::string(TEXTBENCH_PLUGIN_DIR) + "/libregex_annotator.so",
                                   "-p type=year -p pattern=a -p group=many");
  INFO(result.output);
  CHECK(result.status == 2);
  CHECK_THAT(result.output, Contains("--param group"));
}

TEST_CASE("check-plugin passes a well-behaved thread-safe plugin", "[check-plugin]") {
  const auto result = check_plugin(kSloppy, "-p fault=none --large-mb 1");
  INFO(result.output);
  CHECK(result.status == 0);
}

TEST_CASE("check-plugin reports each fault as a failed check with a clear message", "[check-plugin]") {
  struct Case {
    std::string fault;
    std::string check;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"crash_on_empty", "FAIL  survives an empty document", "crashed with signal 6"},
      {"hang_on_large", "FAIL  survives a very large document", "did not finish within 3 s"},
      {"count_calls", "FAIL  repeated calls give the same results", "gave a different result than the first call"},
      {"split_character", "FAIL  processes ordinary documents", "starts or ends inside a UTF-8 character"},
      {"throw_on_text", "FAIL  processes ordinary documents",
       "threw on a valid document: sloppy failed on 'check-sample-0': cannot handle Mondays"},
  };
  for (const Case& c : cases) {
    const auto result = check_plugin(kSloppy, "-p fault=" + c.fault + " --large-mb 1 --timeout 3");
    INFO(c.fault << ":\n" << result.output);
    CHECK(result.status == 1);
    CHECK_THAT(result.output, Contains(c.check));
    CHECK_THAT(result.output, Contains(c.message));
  }
}

TEST_CASE("check-plugin lists every metadata and parameter mistake", "[check-plugin]") {
  const auto result = check_plugin(std::string(TEXTBENCH_KIT_PLUGIN_DIR) + "/libundocumented.so");
  INFO(result.output);
  CHECK(result.status == 1);
  CHECK_THAT(result.output, Contains("version 'dev' is not of the form MAJOR.MINOR.PATCH"));
  CHECK_THAT(result.output, Contains("description is empty"));
  CHECK_THAT(result.output, Contains("attribute #0 'size' has no type"));
  CHECK_THAT(result.output, Contains("parameter 'limit' has no doc"));
  CHECK_THAT(result.output, Contains("parameter 'limit': default '200' is outside its own choices or range"));
  CHECK_THAT(result.output, Contains("parameter 'mode' is required and also has a default"));
}

TEST_CASE("check-plugin refuses files that are not plugins", "[check-plugin]") {
  test::TempDir dir;
  const auto text = dir.write("notes.txt", "not a library");
  CHECK(check_plugin(text.string()).status == 2);
  const auto no_plugin = check_plugin(std::string(TEXTBENCH_BUILD_DIR) + "/lib/libtextbench_sdk.so");
  INFO(no_plugin.output);
  CHECK(no_plugin.status == 2);
  CHECK_THAT(no_plugin.output, Contains("exports no textbench plugin"));
}

TEST_CASE("new-plugin writes a project named after the plugin", "[new-plugin]") {
  test::TempDir dir;
  const auto target = dir.path() / "my_words";
  const auto result = shell(quoted(kTextbench) + " new-plugin my_words " + quoted(target.string()));
  INFO(result.output);
  REQUIRE(result.status == 0);
  for (const char* file :
       {"CMakeLists.txt", "src/my_words.cpp", "tests/my_words_test.cpp", "pipeline.yaml", "README.md", ".gitignore"}) {
    INFO(file);
    const std::string text = read_file(target / file);
    CHECK_FALSE(text.empty());
    CHECK(text.find("@NAME@") == std::string::npos);
    CHECK(text.find("@CLASS@") == std::string::npos);
    CHECK(text.find("@PREFIX@") == std::string::npos);
  }
  CHECK_THAT(read_file(target / "src/my_words.cpp"), Contains("TEXTBENCH_PLUGIN(MyWords, my_words,"));
  CHECK_THAT(read_file(target / "CMakeLists.txt"), Contains("textbench_add_plugin(my_words SOURCES src/my_words.cpp)"));
  CHECK_THAT(read_file(target / "pipeline.yaml"), Contains("- plugin: my_words"));
  // This textbench runs from the build tree, which has no CMake package to build against.
  CHECK_THAT(result.output, Contains("not an installed prefix"));
}

TEST_CASE("new-plugin refuses unusable names and folders that are in use", "[new-plugin]") {
  test::TempDir dir;
  for (const char* name : {"MyWords", "9lives", "has-dash", "x/y", "a b"}) {
    const auto result =
        shell(quoted(kTextbench) + " new-plugin " + quoted(name) + " " + quoted((dir.path() / "p").string()));
    INFO(name << ": " << result.output);
    CHECK(result.status == 2);
    CHECK_THAT(result.output, Contains("start with a lowercase letter"));
  }
  CHECK_FALSE(std::filesystem::exists(dir.path() / "p"));
  dir.write("used/keep.txt", "mine");
  const auto result = shell(quoted(kTextbench) + " new-plugin fine " + quoted((dir.path() / "used").string()));
  CHECK(result.status == 2);
  CHECK_THAT(result.output, Contains("already exists and is not an empty folder"));
  CHECK(read_file(dir.path() / "used/keep.txt") == "mine");
}

namespace {

// The ```sh blocks of the guide, in order: the commands the guide tells a plugin author to type.
std::string guide_commands() {
  std::istringstream guide(read_file(std::filesystem::path(TEXTBENCH_SOURCE_DIR) / "docs/writing-a-plugin.md"));
  std::string script, line;
  bool in_block = false;
  while (std::getline(guide, line)) {
    if (!in_block && line == "```sh")
      in_block = true;
    else if (in_block && line == "```")
      in_block = false;
    else if (in_block)
      script += line + "\n";
  }
  return script;
}

// Annotation counts by type in a JSONL result, and the texts of those of one type.
std::map<std::string, int> annotation_counts(const std::filesystem::path& jsonl, std::vector<std::string>* texts_of,
                                             const std::string& type) {
  std::map<std::string, int> counts;
  std::ifstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) {
    const auto document = nlohmann::json::parse(line);
    for (const auto& annotation : document.at("annotations")) {
      ++counts[annotation.at("type").get<std::string>()];
      if (annotation.at("type") == type) texts_of->push_back(annotation.at("text").get<std::string>());
    }
  }
  return counts;
}

}  // namespace

// Registered on its own (tests/kit/CMakeLists.txt): installs this build to a temporary prefix and
// runs the guide's commands in a shell, as a newcomer would, then looks at what the pipelines wrote.
TEST_CASE("the plugin guide works word for word against an installed textbench", "[.][guide]") {
  const std::string script = guide_commands();
  REQUIRE_THAT(script, Contains("new-plugin"));
  test::TempDir dir;
  // The guide installs from "$TEXTBENCH_SRC/build": point that at this build tree.
  std::filesystem::create_directories(dir.path() / "textbench");
  std::filesystem::create_directory_symlink(TEXTBENCH_BUILD_DIR, dir.path() / "textbench/build");
  std::filesystem::create_directories(dir.path() / "work");
  dir.write("guide.sh", "set -euxo pipefail\n" + script);
  const std::string flags = TEXTBENCH_PROJECT_FLAGS;
  const std::string environment = "env -u TEXTBENCH_PLUGIN_PATH -u CMAKE_PREFIX_PATH PATH=" +
                                  quoted(std::filesystem::path(TEXTBENCH_CMAKE_COMMAND).parent_path().string()) +
                                  ":\"$PATH\" TEXTBENCH_SRC=" + quoted((dir.path() / "textbench").string()) +
                                  " PREFIX=" + quoted((dir.path() / "prefix").string()) + " CXXFLAGS=" + quoted(flags) +
                                  " LDFLAGS=" + quoted(flags);
  const auto result = shell("cd " + quoted((dir.path() / "work").string()) + " && " + environment + " bash " +
                            quoted((dir.path() / "guide.sh").string()));
  INFO(result.output);
  REQUIRE(result.status == 0);
  CHECK_THAT(result.output, Contains("all checks passed"));

  // The scaffolded plugin next to a shipped one, over the sample corpus.
  std::vector<std::string> weekdays;
  const auto scaffold = annotation_counts(dir.path() / "work/weekdays.jsonl", &weekdays, "weekday");
  CHECK(scaffold.count("year") == 1);  // the shipped plugin ran in the same pipeline
  CHECK(weekdays == std::vector<std::string>{"Monday", "Thursday", "Wednesday"});
  // The example: edits by an out-of-tree plugin, then the shipped regex_annotator on the edited text.
  std::vector<std::string> quotes;
  const auto example = annotation_counts(dir.path() / "work/quotes.jsonl", &quotes, "quote");
  CHECK(example.count("typography") == 1);
  CHECK(quotes.size() >= 5);
  for (const auto& quote : quotes) CHECK(quote.find("\u201c") == std::string::npos);
}
