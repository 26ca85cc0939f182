// Boost 1.74's library_info needs <vector> and <string> before it under BOOST_DLL_USE_STD_FS.
#include <string>
#include <vector>

#include "textbench_host/plugin_loader.hpp"

#include <dlfcn.h>
#include <boost/dll/library_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cstring>

namespace textbench::host {

namespace {
constexpr std::string_view kEntryPrefix = "txtplug_";
constexpr const char* kEntrySection = "txtplug";
}  // namespace

std::vector<std::string> list_plugin_names(const std::filesystem::path& library) {
  std::vector<std::string> names;
  try {
    boost::dll::library_info info(library);
    for (const std::string& symbol : info.symbols(kEntrySection)) {
      if (symbol.starts_with(kEntryPrefix)) names.push_back(symbol.substr(kEntryPrefix.size()));
    }
  } catch (const std::exception& e) {
    throw PluginLoadError(library.string() + ": not a readable shared library: " + e.what());
  }
  return names;
}

std::shared_ptr<const LoadedPlugin> load_plugin(const std::filesystem::path& library, const std::string& name) {
  auto handle = std::make_shared<boost::dll::shared_library>();
  boost::dll::fs::error_code error;
  // RTLD_NODELETE keeps the code mapped after the last handle closes: nothing a plugin made (an
  // object, a static in one of its dependencies, an exception) can outlive its code, and leak
  // checkers can still see what the plugin's libraries keep in statics. Boost passes native flags on.
  const auto mode = boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local |
                    static_cast<boost::dll::load_mode::type>(RTLD_NODELETE);
  handle->load(library, mode, error);
  if (error) {
    // Boost reports only "bad file descriptor"; the loader's own message says which symbol or
    // dependency is missing.
    const char* reason = ::dlerror();
    throw PluginLoadError("cannot load plugin '" + name + "' from " + library.string() + ": " +
                          (reason != nullptr ? reason : error.message()));
  }
  const std::string entry = std::string(kEntryPrefix) + name;
  if (!handle->has(entry)) {
    throw PluginLoadError(library.string() + " does not export plugin '" + name + "' (no symbol " + entry + ")");
  }
  using EntryFunction = const PluginDescriptor*();
  const PluginDescriptor* descriptor = handle->get_alias<EntryFunction>(entry)();
  if (descriptor == nullptr) throw PluginLoadError(library.string() + ": entry " + entry + " returned no descriptor");
  // abi_version is the first field and the only one read before it is checked.
  if (descriptor->abi_version != kAbiVersion) {
    throw PluginLoadError("plugin '" + name + "' (" + library.string() + ") was built against SDK ABI version " +
                          std::to_string(descriptor->abi_version) + ", but this textbench uses ABI version " +
                          std::to_string(kAbiVersion) + "; rebuild the plugin against this textbench's SDK");
  }
  if (descriptor->build_stamp == nullptr || std::strcmp(descriptor->build_stamp, TEXTBENCH_BUILD_STAMP) != 0) {
    throw PluginLoadError("plugin '" + name + "' (" + library.string() + ") was built with '" +
                          (descriptor->build_stamp ? descriptor->build_stamp : "no stamp") + "', but textbench with '" +
                          TEXTBENCH_BUILD_STAMP + "'; rebuild the plugin with the same compiler and standard library");
  }
  if (descriptor->name == nullptr || name != descriptor->name) {
    throw PluginLoadError(library.string() + ": entry " + entry + " describes a plugin named '" +
                          (descriptor->name ? descriptor->name : "") + "'");
  }
  auto loaded = std::make_shared<LoadedPlugin>();
  loaded->path = library;
  loaded->library = std::static_pointer_cast<void>(handle);
  loaded->descriptor = descriptor;
  return loaded;
}

}  // namespace textbench::host
