#include "textbench_host/schema.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <span>

#include "textbench_host/config.hpp"

namespace textbench::host {

namespace {

// Keeps keys in the order written, so the schema reads like the docs.
using Json = nlohmann::ordered_json;

const char* const kEnvReference = "#/definitions/env_reference";

// YAML scalars that textbench reads as text: `type: 2024` is as good as `type: "2024"`.
Json scalar_types() {
  return Json::array({"string", "number", "boolean"});
}

// A value written as ${VAR} or ${VAR:-default} is a string until the environment fills it in, so
// typed values also accept such a string.
Json or_env_reference(Json typed) {
  return Json{{"anyOf", Json::array({std::move(typed), Json{{"$ref", kEnvReference}}})}};
}

Json default_value(const ParamSpec& spec) {
  if (spec.type == ParamType::StringList) return Json::array();
  if (spec.type == ParamType::StringMap) return Json::object();
  ParamValue value;
  if (spec.default_value == nullptr || !parse_default(spec, value)) return nullptr;
  return std::visit(
      [](const auto& v) -> Json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, StringList> || std::is_same_v<T, StringMap>) {
          return nullptr;  // handled above: lists and maps default to empty
        } else {
          return v;
        }
      },
      value);
}

Json param_schema(const ParamSpec& spec) {
  Json typed;
  switch (spec.type) {
    case ParamType::String:
      if (spec.choices != nullptr) {
        Json values = Json::array();
        for (std::string_view choice : split_choices(spec.choices)) values.push_back(std::string(choice));
        typed = or_env_reference(Json{{"type", "string"}, {"enum", values}});
      } else {
        typed = Json{{"type", scalar_types()}};
      }
      break;
    case ParamType::Integer:
    case ParamType::Float: {
      Json number{{"type", spec.type == ParamType::Integer ? "integer" : "number"}};
      // Whole bounds for whole numbers: "minimum": 0, not 0.0.
      auto bound = [&](double value) -> Json {
        return spec.type == ParamType::Integer ? Json(static_cast<std::int64_t>(value)) : Json(value);
      };
      if (!std::isinf(spec.min)) number["minimum"] = bound(spec.min);
      if (!std::isinf(spec.max)) number["maximum"] = bound(spec.max);
      typed = or_env_reference(std::move(number));
      break;
    }
    case ParamType::Boolean:
      typed = or_env_reference(Json{{"type", "boolean"}});
      break;
    case ParamType::StringList:
      typed = Json{{"type", "array"}, {"items", {{"type", scalar_types()}}}};
      break;
    case ParamType::StringMap:
      typed = Json{{"type", "object"}, {"additionalProperties", {{"type", scalar_types()}}}};
      break;
  }
  Json schema{{"description", std::string(spec.doc != nullptr ? spec.doc : "") + " (" +
                                  std::string(to_string(spec.type)) + (spec.required ? ", required)" : ")")}};
  if (Json fallback = default_value(spec); !fallback.is_null()) schema["default"] = std::move(fallback);
  schema.update(typed);
  return schema;
}

std::string params_definition(const PluginDescriptor& plugin) {
  return std::string("params_") + plugin.name;
}

Json params_schema(const PluginDescriptor& plugin) {
  Json properties = Json::object();
  Json required = Json::array();
  for (const ParamSpec& spec : std::span(plugin.params, plugin.param_count)) {
    properties[spec.name] = param_schema(spec);
    if (spec.required) required.push_back(spec.name);
  }
  Json schema{
      {"description", std::string("Parameters of ") + plugin.name + " (see `textbench describe " + plugin.name + "`)"},
      {"type", "object"},
      {"properties", std::move(properties)},
      {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = std::move(required);
  return schema;
}

Json step_schema(const std::vector<const PluginDescriptor*>& plugins) {
  Json names = Json::array();
  Json by_plugin = Json::array();
  for (const PluginDescriptor* plugin : plugins) {
    names.push_back(Json{{"const", plugin->name}, {"description", plugin->description}});
    Json then{{"properties", {{"params", {{"$ref", "#/definitions/" + params_definition(*plugin)}}}}}};
    // A plugin with required parameters needs a params mapping at all.
    if (std::any_of(plugin->params, plugin->params + plugin->param_count,
                    [](const ParamSpec& s) { return s.required; })) {
      then["required"] = Json::array({"params"});
    }
    by_plugin.push_back(
        Json{{"if", {{"properties", {{"plugin", {{"const", plugin->name}}}}}, {"required", {"plugin"}}}},
             {"then", std::move(then)}});
  }
  Json schema{
      {"description", "A step: '- plugin: <name>' with optional 'name' and 'params', or '- include: <file>'"},
      {"type", "object"},
      {"properties",
       {{"plugin", {{"description", "Plugin to run (see `textbench plugins`)"}, {"oneOf", std::move(names)}}},
        {"name", {{"description", "Label for logs and errors (default: the plugin name)"}, {"type", "string"}}},
        {"params", {{"description", "Parameters, checked against the plugin's table"}, {"type", "object"}}},
        {"include",
         {{"description", "Another config whose steps are spliced in here (relative path)"}, {"type", "string"}}}}},
      {"additionalProperties", false},
      {"oneOf", Json::array({Json{{"required", {"plugin"}}}, Json{{"required", {"include"}}}})}};
  if (!by_plugin.empty()) schema["allOf"] = std::move(by_plugin);
  return schema;
}

Json text_or_texts(const char* description) {
  return Json{
      {"description", description},
      {"anyOf", Json::array({Json{{"type", "string"}}, Json{{"type", "array"}, {"items", {{"type", "string"}}}}})}};
}

Json offset(const char* description) {
  return Json{{"description", description}, {"type", "integer"}, {"minimum", 0}};
}

Json annotation_pattern_schema() {
  return Json{{"description", "An annotation; only the fields given are compared"},
              {"type", "object"},
              {"properties",
               {{"type", {{"description", "Annotation type"}, {"type", "string"}}},
                {"text", {{"description", "The text it covers in the final document"}, {"type", scalar_types()}}},
                {"begin", offset("UTF-8 byte offset into the final text")},
                {"end", offset("UTF-8 byte offset into the final text (exclusive)")},
                {"source_begin", offset("UTF-8 byte offset into the input")},
                {"source_end", offset("UTF-8 byte offset into the input (exclusive)")},
                {"attrs",
                 {{"description", "Attributes that must have these values (null: a null attribute)"},
                  {"type", "object"},
                  {"additionalProperties", {{"type", Json::array({"string", "number", "boolean", "null"})}}}}}}},
              {"required", {"type"}},
              {"additionalProperties", false}};
}

Json test_schema() {
  Json expect{{"description", "What must hold after the pipeline ran"},
              {"type", "object"},
              {"properties",
               {{"text", {{"description", "The exact final text"}, {"type", scalar_types()}}},
                {"text_contains", text_or_texts("Text(s) the final text must contain")},
                {"text_excludes", text_or_texts("Text(s) the final text must not contain")},
                {"annotations",
                 {{"description", "Each must match at least one annotation"},
                  {"type", "array"},
                  {"items", {{"$ref", "#/definitions/annotation_pattern"}}}}},
                {"absent",
                 {{"description", "None may match any annotation"},
                  {"type", "array"},
                  {"items", {{"$ref", "#/definitions/annotation_pattern"}}}}},
                {"count",
                 {{"description", "Exact number of annotations per type"},
                  {"type", "object"},
                  {"additionalProperties", {{"type", "integer"}, {"minimum", 0}}}}}}},
              {"minProperties", 1},
              {"additionalProperties", false}};
  return Json{
      {"description", "A test: an input document and what must hold afterwards (`textbench test`)"},
      {"type", "object"},
      {"properties",
       {{"name", {{"description", "What the test checks; unique per config"}, {"type", scalar_types()}}},
        {"description", {{"description", "Free text"}, {"type", "string"}}},
        {"input", {{"description", "The document text"}, {"type", scalar_types()}}},
        {"input_file", {{"description", "A file holding the document text (relative path)"}, {"type", "string"}}},
        {"expect", std::move(expect)}}},
      {"required", {"name", "expect"}},
      {"oneOf", Json::array({Json{{"required", {"input"}}}, Json{{"required", {"input_file"}}}})},
      {"additionalProperties", false}};
}

Json tests_list_schema() {
  return Json{{"description", "Tests run by `textbench test` (docs/configs.md)"},
              {"type", "array"},
              {"items", {{"$ref", "#/definitions/test"}}}};
}

// The typed top-level keys; any other key config.cpp allows is described but left open, so the
// schema never rejects a section it does not know the shape of.
Json top_level_property(const std::string& key) {
  if (key == "name")
    return Json{{"description", "Pipeline name (required unless set by 'extends')"}, {"type", scalar_types()}};
  if (key == "description") return Json{{"description", "Free text"}, {"type", "string"}};
  if (key == "extends") {
    return Json{{"description", "Another config to start from; keys set here replace its keys"}, {"type", "string"}};
  }
  if (key == "plugin_path") {
    return Json{
        {"description", "Folder(s) searched for plugins, relative to this file"},
        {"anyOf", Json::array({Json{{"type", "string"}}, Json{{"type", "array"}, {"items", {{"type", "string"}}}}})}};
  }
  if (key == "on_error") {
    Json schema = or_env_reference(Json{{"type", "string"}, {"enum", {"skip", "continue", "fail"}}});
    schema["description"] = "A failing document: skip (leave it out, default), continue (keep it), fail (stop)";
    schema["default"] = "skip";
    return schema;
  }
  if (key == "max_errors") {
    Json schema = or_env_reference(Json{{"type", "number"}, {"exclusiveMinimum", 0}});
    schema["description"] = "Stop after this many failed documents (>= 1) or this rate of them (0 < x < 1)";
    return schema;
  }
  if (key == "steps") {
    return Json{{"description", "The plugins to run, in order"},
                {"type", "array"},
                {"items", {{"$ref", "#/definitions/step"}}}};
  }
  if (key == "tests") return Json{{"$ref", "#/definitions/tests"}};
  return Json{{"description", "The '" + key + "' section (docs/configs.md)"}};
}

}  // namespace

std::string config_schema(const std::vector<const PluginDescriptor*>& unsorted, SchemaRoot root) {
  std::vector<const PluginDescriptor*> plugins = unsorted;
  std::sort(plugins.begin(), plugins.end(),
            [](const PluginDescriptor* a, const PluginDescriptor* b) { return std::string_view(a->name) < b->name; });

  Json definitions{{"env_reference",
                    {{"description", "A value taken from the environment: ${VAR} or ${VAR:-default}"},
                     {"type", "string"},
                     {"pattern", "\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\\}"}}},
                   {"step", step_schema(plugins)},
                   {"tests", tests_list_schema()},
                   {"test", test_schema()},
                   {"annotation_pattern", annotation_pattern_schema()}};
  for (const PluginDescriptor* plugin : plugins) definitions[params_definition(*plugin)] = params_schema(*plugin);

  Json schema{{"$schema", "http://json-schema.org/draft-07/schema#"}};
  if (root == SchemaRoot::TestsFile) {
    schema["title"] = "textbench tests file (<config>.tests.yaml)";
    schema["type"] = "object";
    schema["properties"] = Json{{"tests", {{"$ref", "#/definitions/tests"}}}};
    schema["required"] = Json::array({"tests"});
    schema["additionalProperties"] = false;
  } else {
    Json properties = Json::object();
    for (const std::string& key : config_top_level_keys()) properties[key] = top_level_property(key);
    schema["title"] = "textbench pipeline config";
    schema["type"] = "object";
    schema["properties"] = std::move(properties);
    schema["additionalProperties"] = false;
    // A config that extends another may take its name and steps from there.
    schema["if"] = Json{{"not", {{"required", {"extends"}}}}};
    schema["then"] = Json{{"required", {"name", "steps"}}};
  }
  schema["definitions"] = std::move(definitions);
  return schema.dump(2) + "\n";
}

}  // namespace textbench::host
