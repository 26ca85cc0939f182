// JSON Schema (draft-07) of the config format, built from the plugins' own parameter tables, so
// that a YAML editor with a language server completes and checks plugin names and parameters.
#pragma once

#include <string>
#include <vector>

#include "textbench/plugin.hpp"

namespace textbench::host {

enum class SchemaRoot {
  Config,     // a pipeline config (news.yaml)
  TestsFile,  // a sibling tests file (news.tests.yaml)
};

// The schema as indented JSON text. `plugins` are the plugins a config may name, in any order.
std::string config_schema(const std::vector<const PluginDescriptor*>& plugins, SchemaRoot root = SchemaRoot::Config);

}  // namespace textbench::host
