#include "textbench/params.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace textbench {

std::string_view to_string(ParamType type) noexcept {
  switch (type) {
    case ParamType::String:
      return "string";
    case ParamType::Integer:
      return "integer";
    case ParamType::Float:
      return "float";
    case ParamType::Boolean:
      return "boolean";
    case ParamType::StringList:
      return "list of strings";
    case ParamType::StringMap:
      return "map of strings";
  }
  return "unknown";
}

void Params::set(std::string_view name, ParamValue value) {
  for (auto& [key, stored] : values_) {
    if (key == name) {
      stored = std::move(value);
      return;
    }
  }
  values_.emplace_back(std::string(name), std::move(value));
}

const ParamValue* Params::find(std::string_view name) const noexcept {
  for (const auto& [key, stored] : values_) {
    if (key == name) return &stored;
  }
  return nullptr;
}

bool Params::has(std::string_view name) const noexcept {
  return find(name) != nullptr;
}

namespace {

template <typename T>
const T& get_as(const Params& params, std::string_view name, std::string_view wanted) {
  const ParamValue* value = params.find(name);
  if (value == nullptr) {
    throw std::invalid_argument("parameter '" + std::string(name) + "' is not set (is it declared in the table?)");
  }
  const T* typed = std::get_if<T>(value);
  if (typed == nullptr) {
    throw std::invalid_argument("parameter '" + std::string(name) + "' is not a " + std::string(wanted));
  }
  return *typed;
}

ParamType type_of(const ParamValue& value) {
  switch (value.index()) {
    case 0:
      return ParamType::Boolean;
    case 1:
      return ParamType::Integer;
    case 2:
      return ParamType::Float;
    case 3:
      return ParamType::String;
    case 4:
      return ParamType::StringList;
    default:
      return ParamType::StringMap;
  }
}

std::string format_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) return std::to_string(static_cast<long long>(value));
  return std::to_string(value);
}

}  // namespace

const std::string& Params::get_string(std::string_view name) const {
  return get_as<std::string>(*this, name, "string");
}
std::int64_t Params::get_int(std::string_view name) const {
  return get_as<std::int64_t>(*this, name, "integer");
}
double Params::get_float(std::string_view name) const {
  const ParamValue* value = find(name);
  if (value != nullptr) {
    if (const auto* integer = std::get_if<std::int64_t>(value)) return static_cast<double>(*integer);
  }
  return get_as<double>(*this, name, "float");
}
bool Params::get_bool(std::string_view name) const {
  return get_as<bool>(*this, name, "boolean");
}
const StringList& Params::get_list(std::string_view name) const {
  return get_as<StringList>(*this, name, "list");
}
const StringMap& Params::get_map(std::string_view name) const {
  return get_as<StringMap>(*this, name, "map");
}

std::vector<std::string_view> split_choices(const char* choices) {
  std::vector<std::string_view> out;
  if (choices == nullptr) return out;
  std::string_view rest(choices);
  while (!rest.empty()) {
    const auto bar = rest.find('|');
    out.push_back(rest.substr(0, bar));
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  return out;
}

bool parse_default(const ParamSpec& spec, ParamValue& out) {
  if (spec.type == ParamType::StringList) {
    out = StringList{};
    return true;
  }
  if (spec.type == ParamType::StringMap) {
    out = StringMap{};
    return true;
  }
  if (spec.default_value == nullptr) return false;
  const std::string_view text(spec.default_value);
  switch (spec.type) {
    case ParamType::String:
      out = std::string(text);
      return true;
    case ParamType::Boolean:
      if (text == "true" || text == "false") {
        out = text == "true";
        return true;
      }
      return false;
    case ParamType::Integer: {
      std::int64_t value = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error != std::errc() || end != text.data() + text.size()) return false;
      out = value;
      return true;
    }
    case ParamType::Float: {
      char* end = nullptr;
      const std::string copy(text);
      const double value = std::strtod(copy.c_str(), &end);
      if (copy.empty() || *end != '\0') return false;
      out = value;
      return true;
    }
    case ParamType::StringList:
      out = StringList{};
      return true;
    case ParamType::StringMap:
      out = StringMap{};
      return true;
  }
  return false;
}

std::vector<ParamIssue> check_params(std::span<const ParamSpec> table, Params& params) {
  std::vector<ParamIssue> issues;
  for (const auto& [name, value] : params) {
    const auto spec = std::find_if(table.begin(), table.end(), [&](const ParamSpec& s) { return name == s.name; });
    if (spec == table.end()) {
      std::string allowed;
      for (const ParamSpec& s : table) allowed += (allowed.empty() ? "" : ", ") + std::string(s.name);
      issues.push_back({name, "unknown parameter '" + name + "'; allowed: " + (allowed.empty() ? "none" : allowed)});
      continue;
    }
    const ParamType given = type_of(value);
    const bool integer_as_float = spec->type == ParamType::Float && given == ParamType::Integer;
    if (given != spec->type && !integer_as_float) {
      issues.push_back({name, "parameter '" + name + "' must be a " + std::string(to_string(spec->type)) + ", got a " +
                                  std::string(to_string(given))});
      continue;
    }
    if (spec->type == ParamType::String && spec->choices != nullptr) {
      const auto choices = split_choices(spec->choices);
      const auto& text = std::get<std::string>(value);
      if (std::find(choices.begin(), choices.end(), text) == choices.end()) {
        std::string list;
        for (auto choice : choices) list += (list.empty() ? "" : ", ") + std::string(choice);
        issues.push_back({name, "parameter '" + name + "' is '" + text + "'; allowed values: " + list});
      }
    }
    if (spec->type == ParamType::Integer || spec->type == ParamType::Float) {
      const double number =
          given == ParamType::Integer ? static_cast<double>(std::get<std::int64_t>(value)) : std::get<double>(value);
      if (number < spec->min || number > spec->max) {
        std::string range = "[" + (std::isinf(spec->min) ? std::string("-inf") : format_number(spec->min)) + ", " +
                            (std::isinf(spec->max) ? std::string("inf") : format_number(spec->max)) + "]";
        issues.push_back(
            {name, "parameter '" + name + "' is " + format_number(number) + ", outside the range " + range});
      }
    }
  }
  for (const ParamSpec& spec : table) {
    if (params.has(spec.name)) continue;
    if (spec.required) {
      issues.push_back({spec.name, "missing required parameter '" + std::string(spec.name) + "' (" +
                                       std::string(to_string(spec.type)) + "): " + (spec.doc ? spec.doc : "")});
      continue;
    }
    ParamValue fallback;
    if (parse_default(spec, fallback)) params.set(spec.name, std::move(fallback));
  }
  return issues;
}

}  // namespace textbench
