#include "textbench_host/registry.hpp"

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

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

std::vector<std::string> PluginRegistry::nearest(const std::string& name, std::size_t limit) const {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& [known, path] : index_) {
    const std::size_t distance = edit_distance(name, known);
    // Suggest only names that are plausibly a typo of what was written.
    if (distance <= std::max<std::size_t>(2, known.size() / 2) || known.find(name) != std::string::npos) {
      scored.emplace_back(distance, known);
    }
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(scored[i].second);
  return out;
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
