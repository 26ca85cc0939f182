// The one place that loads shared libraries. Everything Boost.DLL-specific stays behind this header.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "textbench/plugin.hpp"

namespace textbench::host {

class PluginLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A plugin whose library stays loaded for as long as this object (or any copy of the shared_ptr
// that owns it) lives. Instances made from the descriptor must not outlive it.
struct LoadedPlugin {
  std::filesystem::path path;
  std::shared_ptr<void> library;  // opaque handle; keeps the library mapped
  const PluginDescriptor* descriptor = nullptr;
};

// The plugin names a library exports (from its txtplug section), read from the file without
// loading it or running any of its code. Empty for a file that is not a textbench plugin.
// Throws PluginLoadError when the file cannot be read as a native shared library.
std::vector<std::string> list_plugin_names(const std::filesystem::path& library);

// Loads the library with all symbols bound now (a missing dependency fails here, not mid-corpus)
// and pinned: its code is never unmapped, even after the last handle is gone.
// Calls the entry of plugin `name` and checks, in this order: ABI version, build stamp, name.
// Throws PluginLoadError with a message that says what is wrong and what to do.
std::shared_ptr<const LoadedPlugin> load_plugin(const std::filesystem::path& library, const std::string& name);

}  // namespace textbench::host
