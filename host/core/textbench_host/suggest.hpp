// "Did you mean …?" for names a user typed: plugins, parameters, config keys.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace textbench::host {

// Levenshtein distance (insertions, deletions, substitutions).
std::size_t edit_distance(const std::string& a, const std::string& b);

// Known names plausibly meant by `given`, closest first, at most `limit`.
std::vector<std::string> nearest_names(const std::string& given, const std::vector<std::string>& known,
                                       std::size_t limit = 3);

// "; did you mean 'x'?" for the closest plausible name, or "".
std::string did_you_mean(const std::string& given, const std::vector<std::string>& known);

}  // namespace textbench::host
