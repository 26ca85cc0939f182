#include "textbench_host/config_tests.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "textbench_host/output.hpp"

namespace textbench::host {

namespace fs = std::filesystem;

fs::path sibling_tests_file(const fs::path& config_file) {
  fs::path sibling = config_file;
  sibling.replace_extension();
  return sibling.string() + ".tests" + config_file.extension().string();
}

namespace {

const std::vector<std::string> kTestKeys = {"name", "description", "input", "input_file", "expect"};
const std::vector<std::string> kExpectKeys = {"text",        "text_contains", "text_excludes",
                                              "annotations", "absent",        "count"};
const std::vector<std::string> kPatternKeys = {"type", "text", "begin", "end", "source_begin", "source_end", "attrs"};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Reads the tests of one file. Test values are taken literally: no ${VAR} substitution, so that
// an input may contain any text.
class TestReader {
 public:
  TestReader(std::string file, ConfigErrors& errors) : file_(std::move(file)), errors_(errors) {}

  void read_list(const YAML::Node& node, std::vector<ConfigTest>& tests) {
    if (!node.IsSequence()) {
      errors_.add(at(node), "tests must be a list, each item '- name: <test name>' with 'input' and 'expect'");
      return;
    }
    for (const auto& item : node) {
      if (auto test = read_test(item)) tests.push_back(std::move(*test));
    }
  }

 private:
  Location at(const YAML::Node& node) const { return location_of(node, file_); }

  void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& what) {
    for (const auto& entry : map) {
      const std::string key = entry.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        errors_.add(at(entry.first), "unknown key '" + key + "' in " + what + did_you_mean(key, allowed) +
                                         "; allowed keys: " + join(allowed));
      }
    }
  }

  std::optional<std::string> scalar(const YAML::Node& node, const std::string& what) {
    if (!node.IsScalar()) {
      errors_.add(at(node), what + " must be a single value (quote text that spans lines or starts with a symbol)");
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::optional<std::size_t> offset(const YAML::Node& node, const std::string& what) {
    const auto text = scalar(node, what);
    if (!text) return std::nullopt;
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size()) {
      errors_.add(at(node), what + " must be a whole number >= 0 (a UTF-8 byte offset), got '" + *text + "'");
      return std::nullopt;
    }
    return value;
  }

  std::optional<ConfigTest> read_test(const YAML::Node& item) {
    if (!item.IsMap()) {
      errors_.add(at(item), "a test is a mapping like '- name: <test name>' with 'input' and 'expect'");
      return std::nullopt;
    }
    check_keys(item, kTestKeys, "a test");
    ConfigTest test;
    test.where = at(item);
    if (const YAML::Node name = item["name"]) {
      test.where = at(name);
      if (auto value = scalar(name, "a test's name")) test.name = *value;
    } else {
      errors_.add(at(item), "test has no 'name'; add 'name: <what it checks>'");
    }
    const YAML::Node input = item["input"];
    const YAML::Node input_file = item["input_file"];
    if (input && input_file) {
      errors_.add(at(input_file), "a test has either 'input' (the text) or 'input_file' (a file), not both");
    } else if (input) {
      if (auto value = scalar(input, "input")) test.input = *value;
      test.input_origin = "inline";
    } else if (input_file) {
      if (auto value = scalar(input_file, "input_file")) read_input_file(*value, input_file, test);
    } else {
      errors_.add(test.where, "test '" + test.name + "' has no input; add 'input: <text>' or 'input_file: <path>'");
    }
    if (const YAML::Node expect = item["expect"]) {
      read_expect(expect, test);
    } else {
      errors_.add(test.where, "test '" + test.name +
                                  "' has no 'expect'; add what must hold afterwards (text, text_contains, "
                                  "text_excludes, annotations, absent, count)");
    }
    return test;
  }

  void read_input_file(const std::string& path, const YAML::Node& node, ConfigTest& test) {
    const fs::path resolved = fs::path(path).is_absolute() ? fs::path(path) : fs::path(file_).parent_path() / path;
    std::ifstream stream(resolved, std::ios::binary);
    if (!stream) {
      errors_.add(at(node), "cannot read input_file " + resolved.string() + " (paths are relative to " + file_ + ")");
      return;
    }
    test.input.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
    test.input_origin = resolved.string();
  }

  std::vector<TextExpectation> texts(const YAML::Node& node, const std::string& what) {
    std::vector<TextExpectation> out;
    if (node.IsSequence()) {
      for (const auto& item : node) {
        if (auto value = scalar(item, "an item of " + what)) out.push_back({at(item), *value});
      }
    } else if (auto value = scalar(node, what)) {
      out.push_back({at(node), *value});
    }
    return out;
  }

  void read_expect(const YAML::Node& expect, ConfigTest& test) {
    if (!expect.IsMap() || expect.size() == 0) {
      errors_.add(at(expect), "expect must be a mapping with at least one of: " + join(kExpectKeys));
      return;
    }
    check_keys(expect, kExpectKeys, "expect");
    if (const YAML::Node text = expect["text"]) {
      if (auto value = scalar(text, "expect.text")) test.text = TextExpectation{at(text), *value};
    }
    if (const YAML::Node node = expect["text_contains"]) test.text_contains = texts(node, "text_contains");
    if (const YAML::Node node = expect["text_excludes"]) test.text_excludes = texts(node, "text_excludes");
    if (const YAML::Node node = expect["annotations"]) test.present = patterns(node, "annotations");
    if (const YAML::Node node = expect["absent"]) test.absent = patterns(node, "absent");
    if (const YAML::Node node = expect["count"]) {
      if (!node.IsMap()) {
        errors_.add(at(node), "count must be a mapping of annotation type to number, e.g. {year: 2}");
        return;
      }
      for (const auto& entry : node) {
        if (auto value = offset(entry.second, "count of '" + entry.first.Scalar() + "'")) {
          test.counts.push_back({at(entry.first), entry.first.Scalar(), *value});
        }
      }
    }
  }

  std::vector<AnnotationPattern> patterns(const YAML::Node& node, const std::string& what) {
    std::vector<AnnotationPattern> out;
    if (!node.IsSequence()) {
      errors_.add(at(node), what + " must be a list, each item like '- {type: <type>, text: <covered text>}'");
      return out;
    }
    for (const auto& item : node) {
      if (!item.IsMap()) {
        errors_.add(at(item), "an item of " + what + " is a mapping like {type: <type>, text: <covered text>}");
        continue;
      }
      check_keys(item, kPatternKeys, "an annotation of " + what);
      AnnotationPattern pattern;
      pattern.where = at(item);
      if (const YAML::Node type = item["type"]) {
        if (auto value = scalar(type, "type")) pattern.type = *value;
      } else {
        errors_.add(at(item), "an annotation in " + what + " needs a 'type'");
      }
      if (const YAML::Node text = item["text"]) pattern.text = scalar(text, "text");
      if (const YAML::Node n = item["begin"]) pattern.begin = offset(n, "begin");
      if (const YAML::Node n = item["end"]) pattern.end = offset(n, "end");
      if (const YAML::Node n = item["source_begin"]) pattern.source_begin = offset(n, "source_begin");
      if (const YAML::Node n = item["source_end"]) pattern.source_end = offset(n, "source_end");
      if (const YAML::Node attrs = item["attrs"]) {
        if (!attrs.IsMap()) {
          errors_.add(at(attrs), "attrs must be a mapping of attribute name to value, e.g. {rule: also_read}");
        } else {
          for (const auto& entry : attrs) {
            if (!entry.second.IsScalar() && !entry.second.IsNull()) {
              errors_.add(at(entry.second), "attribute '" + entry.first.Scalar() + "' must be a single value or null");
              continue;
            }
            pattern.attrs.emplace_back(entry.first.Scalar(), entry.second);
          }
        }
      }
      out.push_back(std::move(pattern));
    }
    return out;
  }

  std::string file_;
  ConfigErrors& errors_;
};

void read_sibling_file(const fs::path& file, ConfigErrors& errors, std::vector<ConfigTest>& tests) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::BadFile&) {
    errors.add({file.string()}, "cannot open tests file " + file.string());
    return;
  } catch (const YAML::ParserException& e) {
    errors.add({file.string(), static_cast<std::size_t>(e.mark.line) + 1, static_cast<std::size_t>(e.mark.column) + 1},
               "YAML syntax: " + e.msg);
    return;
  }
  if (!root.IsMap() || !root["tests"]) {
    errors.add(location_of(root, file.string()), "a tests file holds 'tests:' at its top level, a list of tests");
    return;
  }
  for (const auto& entry : root) {
    if (entry.first.Scalar() != "tests") {
      errors.add(location_of(entry.first, file.string()),
                 "unknown key '" + entry.first.Scalar() + "' in a tests file; the only key is 'tests'");
    }
  }
  TestReader(file.string(), errors).read_list(root["tests"], tests);
}

}  // namespace

std::vector<ConfigTest> load_config_tests(const PipelineConfig& config, ConfigErrors& errors) {
  std::vector<ConfigTest> tests;
  if (config.tests && !config.tests.IsNull()) TestReader(config.tests_file, errors).read_list(config.tests, tests);
  const fs::path sibling = sibling_tests_file(config.file);
  if (fs::exists(sibling)) read_sibling_file(sibling, errors, tests);
  std::map<std::string, Location> seen;
  for (const ConfigTest& test : tests) {
    if (test.name.empty()) continue;
    const auto [first, inserted] = seen.emplace(test.name, test.where);
    if (!inserted) {
      errors.add(test.where, "duplicate test name '" + test.name + "' (first at " + first->second.str() +
                                 "); give each test its own name so failures are unambiguous");
    }
  }
  return tests;
}

// --- running and comparing -----------------------------------------------------------------

namespace {

constexpr std::size_t kContext = 40;     // bytes of text shown on each side of a snippet
constexpr std::size_t kMaxQuoted = 120;  // longer texts are shortened in messages
constexpr std::size_t kClosestShown = 3;

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Moves a byte position back (or forward) to the start of a UTF-8 character.
std::size_t char_start(std::string_view text, std::size_t pos, bool forward) {
  pos = std::min(pos, text.size());
  while (pos > 0 && pos < text.size() && is_continuation(text[pos])) pos += forward ? 1 : -1;
  return pos;
}

std::string escaped(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out.substr(1, out.size() - 2);
}

std::string shown(std::string_view text) {
  if (text.size() <= kMaxQuoted) return "\"" + escaped(text) + "\"";
  const std::size_t cut = char_start(text, kMaxQuoted, false);
  return "\"" + escaped(text.substr(0, cut)) + "\"... (" + std::to_string(text.size()) + " bytes)";
}

// The text around [begin, end), the span itself marked with [[ ]], on one line.
std::string snippet(std::string_view text, std::size_t begin, std::size_t end) {
  begin = std::min(begin, text.size());
  end = std::clamp(end, begin, text.size());
  const std::size_t from = char_start(text, begin > kContext ? begin - kContext : 0, false);
  const std::size_t to = char_start(text, end + kContext, true);
  std::string out = from > 0 ? "..." : "";
  out += escaped(text.substr(from, begin - from)) + "[[" + escaped(text.substr(begin, end - begin)) + "]]" +
         escaped(text.substr(end, to - end));
  if (to < text.size()) out += "...";
  return out;
}

std::string value_text(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return shown(*text);
  std::string out;
  append_json_value(out, value);
  return out;
}

bool value_matches(const Value& actual, const YAML::Node& expected) {
  if (expected.IsNull()) return std::holds_alternative<std::monostate>(actual);
  const std::string& want = expected.Scalar();
  switch (actual.index()) {
    case 0:
      return false;
    case 1: {
      const bool flag = std::get<bool>(actual);
      return flag ? (want == "true" || want == "True") : (want == "false" || want == "False");
    }
    case 2: {
      std::int64_t number = 0;
      const auto [end, error] = std::from_chars(want.data(), want.data() + want.size(), number);
      return error == std::errc() && end == want.data() + want.size() && number == std::get<std::int64_t>(actual);
    }
    case 3: {
      char* end = nullptr;
      const double number = std::strtod(want.c_str(), &end);
      const double got = std::get<double>(actual);
      return !want.empty() && *end == '\0' && std::fabs(number - got) <= 1e-9 * std::max(1.0, std::fabs(got));
    }
    default:
      return std::get<std::string>(actual) == want;
  }
}

std::string_view covered(const Document& document, const Annotation& annotation) {
  return document.text().substr(annotation.begin, annotation.end - annotation.begin);
}

// The fields in which `annotation` differs from `pattern`, as short phrases (empty: it matches).
std::vector<std::string> differences(const AnnotationPattern& pattern, const Document& document,
                                     const Annotation& annotation) {
  std::vector<std::string> out;
  if (annotation.type != pattern.type) out.push_back("type is '" + annotation.type + "'");
  if (pattern.text && covered(document, annotation) != *pattern.text) {
    out.push_back("text is " + shown(covered(document, annotation)));
  }
  auto offset = [&](const char* name, const std::optional<std::size_t>& want, std::size_t got) {
    if (want && *want != got) out.push_back(std::string(name) + " is " + std::to_string(got));
  };
  offset("begin", pattern.begin, annotation.begin);
  offset("end", pattern.end, annotation.end);
  offset("source_begin", pattern.source_begin, annotation.source_begin);
  offset("source_end", pattern.source_end, annotation.source_end);
  for (const auto& [key, expected] : pattern.attrs) {
    const Value* actual = annotation.attrs.find(key);
    if (actual == nullptr) {
      out.push_back("attribute '" + key + "' is missing");
    } else if (!value_matches(*actual, expected)) {
      out.push_back("attribute '" + key + "' is " + value_text(*actual));
    }
  }
  return out;
}

std::string describe(const AnnotationPattern& pattern) {
  std::string out = pattern.type;
  if (pattern.text) out += " " + shown(*pattern.text);
  auto offset = [&](const char* name, const std::optional<std::size_t>& value) {
    if (value) out += std::string(" ") + name + "=" + std::to_string(*value);
  };
  offset("begin", pattern.begin);
  offset("end", pattern.end);
  offset("source_begin", pattern.source_begin);
  offset("source_end", pattern.source_end);
  if (!pattern.attrs.empty()) {
    out += " attrs {";
    for (std::size_t i = 0; i < pattern.attrs.size(); ++i) {
      const YAML::Node& value = pattern.attrs[i].second;
      out += (i > 0 ? ", " : "") + pattern.attrs[i].first + ": " + (value.IsNull() ? "null" : shown(value.Scalar()));
    }
    out += "}";
  }
  return out;
}

std::string describe(const Document& document, const Annotation& annotation) {
  std::string out = annotation.type + " [" + std::to_string(annotation.begin) + "," + std::to_string(annotation.end) +
                    ") " + shown(covered(document, annotation));
  if (annotation.source_begin != annotation.begin || annotation.source_end != annotation.end) {
    out += " source [" + std::to_string(annotation.source_begin) + "," + std::to_string(annotation.source_end) + ")";
  }
  if (!annotation.attrs.empty()) {
    out += " attrs {";
    bool first = true;
    for (const auto& [key, value] : annotation.attrs) {
      out += (first ? "" : ", ") + key + ": " + value_text(value);
      first = false;
    }
    out += "}";
  }
  return out;
}

std::string type_census(const Document& document) {
  std::map<std::string, std::size_t> counts;
  for (const Annotation& annotation : document.annotations()) ++counts[annotation.type];
  if (counts.empty()) return "the pipeline wrote no annotations";
  std::string out = "types present:";
  for (const auto& [type, count] : counts) out += " " + type + " (" + std::to_string(count) + ")";
  return out;
}

// Where in the final text the expected annotation should have been: its begin offset, or the
// first occurrence of its text.
std::optional<std::pair<std::size_t, std::size_t>> expected_span(const AnnotationPattern& pattern,
                                                                 std::string_view text) {
  if (pattern.begin) return std::pair{*pattern.begin, pattern.end.value_or(*pattern.begin)};
  if (pattern.text && !pattern.text->empty()) {
    const auto found = text.find(*pattern.text);
    if (found != std::string_view::npos) return std::pair{found, found + pattern.text->size()};
  }
  return std::nullopt;
}

std::string missing_annotation(const AnnotationPattern& pattern, const Document& document) {
  std::ostringstream out;
  out << pattern.where.str() << ": expected annotation not found:\n    " << describe(pattern) << "\n";
  const auto span = expected_span(pattern, document.text());
  struct Candidate {
    const Annotation* annotation;
    std::vector<std::string> differences;
    std::size_t distance;
  };
  std::vector<Candidate> candidates;
  for (const Annotation& annotation : document.annotations()) {
    if (annotation.type != pattern.type) continue;
    const std::size_t anchor = span ? span->first : 0;
    const std::size_t distance = annotation.begin > anchor ? annotation.begin - anchor : anchor - annotation.begin;
    candidates.push_back({&annotation, differences(pattern, document, annotation), distance});
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::pair(a.differences.size(), a.distance) < std::pair(b.differences.size(), b.distance);
  });
  if (candidates.empty()) {
    out << "  no annotation of type '" << pattern.type << "'; " << type_census(document) << "\n";
  } else {
    out << "  closest " << pattern.type << " annotations (" << std::min(candidates.size(), kClosestShown) << " of "
        << candidates.size() << "):\n";
    for (std::size_t i = 0; i < std::min(candidates.size(), kClosestShown); ++i) {
      std::string why;
      for (const auto& difference : candidates[i].differences) why += (why.empty() ? "" : "; ") + difference;
      out << "    " << describe(document, *candidates[i].annotation) << "\n      differs: " << why << "\n";
    }
  }
  if (span) {
    out << "  text around the expected position:\n    " << snippet(document.text(), span->first, span->second) << "\n";
  } else {
    if (pattern.text) out << "  the expected text does not occur in the final text\n";
    if (!candidates.empty()) {
      const Annotation& closest = *candidates.front().annotation;
      out << "  text around the closest one:\n    " << snippet(document.text(), closest.begin, closest.end) << "\n";
    }
  }
  return out.str();
}

std::string unwanted_annotations(const AnnotationPattern& pattern, const Document& document,
                                 const std::vector<const Annotation*>& found) {
  std::ostringstream out;
  out << pattern.where.str() << ": annotation that must be absent was found (" << found.size() << "x):\n    "
      << describe(pattern) << "\n";
  for (const Annotation* annotation : found) {
    out << "  found " << describe(document, *annotation) << "\n    "
        << snippet(document.text(), annotation->begin, annotation->end) << "\n";
  }
  return out.str();
}

std::string text_mismatch(const TextExpectation& expected, std::string_view actual) {
  const std::string_view want = expected.text;
  const std::size_t common = std::min(want.size(), actual.size());
  std::size_t at = static_cast<std::size_t>(
      std::mismatch(want.begin(), want.begin() + static_cast<std::ptrdiff_t>(common), actual.begin()).first -
      want.begin());
  at = char_start(actual, at, false);
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (actual[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  std::ostringstream out;
  out << expected.where.str() << ": final text differs at byte " << at << " (line " << line << ", byte "
      << at - line_start + 1 << " of the line); expected " << want.size() << " bytes, got " << actual.size() << ":\n"
      << "    expected: " << snippet(want, at, at) << "\n"
      << "    actual:   " << snippet(actual, at, at) << "\n";
  return out.str();
}

}  // namespace

bool matches(const AnnotationPattern& pattern, const Document& document, const Annotation& annotation) {
  return differences(pattern, document, annotation).empty();
}

TestResult run_config_test(const ConfigTest& test, Pipeline& pipeline, ErrorPolicy policy) {
  TestResult result{test.name, test.where, false, {}};
  Document document("test '" + test.name + "'", test.input);
  for (const StepFailure& failure : pipeline.process(document, policy != ErrorPolicy::Continue)) {
    result.failures.push_back("step " + std::to_string(failure.step + 1) + " '" + failure.label + "' (plugin " +
                              failure.plugin + ") failed on the input: " + failure.message + "\n");
  }
  const std::string_view text = document.text();
  if (test.text && text != test.text->text) result.failures.push_back(text_mismatch(*test.text, text));
  for (const TextExpectation& part : test.text_contains) {
    if (text.find(part.text) == std::string_view::npos) {
      result.failures.push_back(part.where.str() + ": final text does not contain " + shown(part.text) +
                                "\n    final text: " + shown(text) + "\n");
    }
  }
  for (const TextExpectation& part : test.text_excludes) {
    const auto found = text.find(part.text);
    if (found != std::string_view::npos) {
      result.failures.push_back(part.where.str() + ": final text still contains " + shown(part.text) + ":\n    " +
                                snippet(text, found, found + part.text.size()) + "\n");
    }
  }
  for (const AnnotationPattern& pattern : test.present) {
    const auto& all = document.annotations();
    const bool found = std::any_of(
        all.begin(), all.end(), [&](const Annotation& annotation) { return matches(pattern, document, annotation); });
    if (!found) result.failures.push_back(missing_annotation(pattern, document));
  }
  for (const AnnotationPattern& pattern : test.absent) {
    std::vector<const Annotation*> found;
    for (const Annotation& annotation : document.annotations()) {
      if (matches(pattern, document, annotation)) found.push_back(&annotation);
    }
    if (!found.empty()) result.failures.push_back(unwanted_annotations(pattern, document, found));
  }
  for (const CountExpectation& expected : test.counts) {
    std::vector<const Annotation*> of_type;
    for (const Annotation& annotation : document.annotations()) {
      if (annotation.type == expected.type) of_type.push_back(&annotation);
    }
    if (of_type.size() == expected.count) continue;
    std::string message = expected.where.str() + ": expected " + std::to_string(expected.count) + " " + expected.type +
                          " annotation(s), got " + std::to_string(of_type.size()) + "\n";
    for (const Annotation* annotation : of_type) message += "    " + describe(document, *annotation) + "\n";
    if (of_type.empty()) message += "  " + type_census(document) + "\n";
    result.failures.push_back(std::move(message));
  }
  result.passed = result.failures.empty();
  return result;
}

}  // namespace textbench::host
