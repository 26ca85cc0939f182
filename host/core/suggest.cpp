#include "textbench_host/suggest.hpp"

#include <algorithm>
#include <utility>

namespace textbench::host {

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

std::vector<std::string> nearest_names(const std::string& given, const std::vector<std::string>& known,
                                       std::size_t limit) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const std::string& candidate : known) {
    const std::size_t distance = edit_distance(given, candidate);
    // Only names that are plausibly a typo of, or contain, what was written.
    if (distance <= std::max<std::size_t>(2, candidate.size() / 3) || candidate.find(given) != std::string::npos) {
      scored.emplace_back(distance, candidate);
    }
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(scored[i].second);
  return out;
}

std::string did_you_mean(const std::string& given, const std::vector<std::string>& known) {
  const auto names = nearest_names(given, known, 1);
  return names.empty() ? std::string() : "; did you mean '" + names.front() + "'?";
}

}  // namespace textbench::host
