// textbench SDK — plugin parameters: the declared table and the validated values.
//
// Contract: a plugin declares its parameters once, as a static array of ParamSpec. That table is
// the single source of truth: the host validates configs against it (types, required, choices,
// ranges, unknown keys, with YAML locations), `textbench describe` prints it, and `textbench
// schema` turns it into JSON Schema. A plugin's create function receives Params that already passed
// that validation, with defaults filled in, so it only checks what the table cannot say (e.g. that
// a regex compiles) and reports that through CreateContext::reject.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace textbench {

enum class ParamType : std::uint32_t {
  String,      // YAML scalar
  Integer,     // 64-bit signed
  Float,       // double
  Boolean,     // true / false
  StringList,  // YAML sequence of scalars
  StringMap,   // YAML mapping of scalar → scalar, order kept (e.g. rule name → pattern)
};

[[nodiscard]] std::string_view to_string(ParamType type) noexcept;

// One declared parameter. Plain data, so it can sit in a constexpr table in the plugin.
struct ParamSpec {
  const char* name = nullptr;
  ParamType type = ParamType::String;
  const char* doc = nullptr;  // one line for `describe`, the schema and the docs
  // Default as text: "3", "0.5", "true", "annotate". Lists and maps default to empty; nullptr means
  // no default (then the parameter is optional and absent unless `required`).
  const char* default_value = nullptr;
  bool required = false;
  const char* choices = nullptr;  // String only: allowed values separated by '|', e.g. "remove|annotate"
  double min = -std::numeric_limits<double>::infinity();  // Integer and Float: inclusive bounds
  double max = std::numeric_limits<double>::infinity();
};

using StringList = std::vector<std::string>;
using StringMap = std::vector<std::pair<std::string, std::string>>;
using ParamValue = std::variant<bool, std::int64_t, double, std::string, StringList, StringMap>;

// Validated parameter values by name. Getters throw std::invalid_argument naming the parameter
// when it is absent or of another type: a plugin asking for an undeclared parameter is a bug.
class Params {
 public:
  void set(std::string_view name, ParamValue value);
  [[nodiscard]] bool has(std::string_view name) const noexcept;
  [[nodiscard]] const ParamValue* find(std::string_view name) const noexcept;

  [[nodiscard]] const std::string& get_string(std::string_view name) const;
  [[nodiscard]] std::int64_t get_int(std::string_view name) const;
  [[nodiscard]] double get_float(std::string_view name) const;
  [[nodiscard]] bool get_bool(std::string_view name) const;
  [[nodiscard]] const StringList& get_list(std::string_view name) const;
  [[nodiscard]] const StringMap& get_map(std::string_view name) const;

  [[nodiscard]] auto begin() const noexcept { return values_.begin(); }
  [[nodiscard]] auto end() const noexcept { return values_.end(); }

 private:
  std::vector<std::pair<std::string, ParamValue>> values_;
};

// A problem with one parameter (or with the step as a whole when `param` is empty).
struct ParamIssue {
  std::string param;
  std::string message;
};

// Checks given values against the table: unknown names (listing the allowed ones), types,
// required parameters, choices and ranges. Fills in defaults. Returns every issue found.
[[nodiscard]] std::vector<ParamIssue> check_params(std::span<const ParamSpec> table, Params& params);

// Parses a ParamSpec default (text) into a value of the declared type; nullopt-like false on error.
[[nodiscard]] bool parse_default(const ParamSpec& spec, ParamValue& out);

// Splits a ParamSpec::choices string into its values.
[[nodiscard]] std::vector<std::string_view> split_choices(const char* choices);

}  // namespace textbench
