// Finds plugins by name on a search path and loads each at most once.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "textbench_host/plugin_loader.hpp"

namespace textbench::host {

// The folder of shipped plugins: <dir of the textbench executable>/../lib/textbench/plugins.
// The same relative layout holds in the build tree and in any install prefix.
std::filesystem::path installed_plugin_dir();

// Splits a PATH-style list ("a:b").
std::vector<std::filesystem::path> split_path_list(const std::string& list);

class PluginRegistry {
 public:
  // Scans the folders in order; the first library that exports a name wins.
  explicit PluginRegistry(std::vector<std::filesystem::path> search_path);

  [[nodiscard]] const std::vector<std::filesystem::path>& search_path() const noexcept { return search_path_; }
  [[nodiscard]] std::vector<std::string> names() const;
  [[nodiscard]] bool contains(const std::string& name) const { return index_.count(name) != 0; }
  [[nodiscard]] std::filesystem::path library_of(const std::string& name) const;
  // Up to `limit` known names closest to `name` (edit distance), for "did you mean".
  [[nodiscard]] std::vector<std::string> nearest(const std::string& name, std::size_t limit = 3) const;
  // Files on the search path that looked like plugins but could not be read, with the reason.
  [[nodiscard]] const std::vector<std::string>& scan_problems() const noexcept { return scan_problems_; }

  // Loads (once) and returns the plugin. Throws PluginLoadError.
  std::shared_ptr<const LoadedPlugin> load(const std::string& name);

 private:
  std::vector<std::filesystem::path> search_path_;
  std::map<std::string, std::filesystem::path> index_;
  std::map<std::string, std::shared_ptr<const LoadedPlugin>> loaded_;
  std::vector<std::string> scan_problems_;
  std::mutex mutex_;
};

}  // namespace textbench::host
