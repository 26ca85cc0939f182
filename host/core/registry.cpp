#include "textbench_host/registry.hpp"

#include "textbench_host/suggest.hpp"

#include <algorithm>
#include <system_error>

namespace textbench::host {

namespace fs = std::filesystem;

fs::path installed_plugin_dir() {
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) return {};
  return (exe.parent_path() / ".." / "lib" / "textbench" / "plugins").lexically_normal();
}

std::vector<fs::path> split_path_list(const std::string& list) {
  std::vector<fs::path> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto colon = list.find(':', start);
    const auto part = list.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!part.empty()) out.emplace_back(part);
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return out;
}

PluginRegistry::PluginRegistry(std::vector<fs::path> search_path) : search_path_(std::move(search_path)) {
  for (const fs::path& dir : search_path_) {
    std::error_code error;
    if (!fs::is_directory(dir, error)) continue;
    std::vector<fs::path> libraries;
    for (const auto& entry : fs::directory_iterator(dir, error)) {
      if (entry.path().extension() == ".so") libraries.push_back(entry.path());
    }
    std::sort(libraries.begin(), libraries.end());  // deterministic whatever the file system order
    for (const fs::path& library : libraries) {
      try {
        for (const std::string& name : list_plugin_names(library)) index_.emplace(name, library);
      } catch (const PluginLoadError& e) {
        scan_problems_.push_back(e.what());
      }
    }
  }
}

std::vector<std::string> PluginRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, path] : index_) out.push_back(name);
  return out;
}

fs::path PluginRegistry::library_of(const std::string& name) const {
  const auto it = index_.find(name);
  return it == index_.end() ? fs::path{} : it->second;
}

std::vector<std::string> PluginRegistry::nearest(const std::string& name, std::size_t limit) const {
  return nearest_names(name, names(), limit);
}

std::shared_ptr<const LoadedPlugin> PluginRegistry::load(const std::string& name) {
  std::lock_guard lock(mutex_);
  if (auto it = loaded_.find(name); it != loaded_.end()) return it->second;
  const auto it = index_.find(name);
  if (it == index_.end()) throw PluginLoadError("unknown plugin '" + name + "'");
  auto plugin = load_plugin(it->second, name);
  loaded_.emplace(name, plugin);
  return plugin;
}

}  // namespace textbench::host
