#include "textbench/value.hpp"

#include <algorithm>

namespace textbench {

void Attributes::set(std::string_view key, Value value) {
  auto it = std::find_if(items_.begin(), items_.end(), [&](const Item& item) { return item.first == key; });
  if (it != items_.end()) {
    it->second = std::move(value);
  } else {
    // Annotations carry a handful of attributes: one allocation for them instead of three.
    if (items_.capacity() == 0) items_.reserve(4);
    items_.emplace_back(std::string(key), std::move(value));
  }
}

const Value* Attributes::find(std::string_view key) const noexcept {
  for (const auto& item : items_) {
    if (item.first == key) return &item.second;
  }
  return nullptr;
}

std::string_view Attributes::get_string(std::string_view key) const noexcept {
  const Value* value = find(key);
  if (value == nullptr) return {};
  if (const auto* text = std::get_if<std::string>(value)) return *text;
  return {};
}

}  // namespace textbench
