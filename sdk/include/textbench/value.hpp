// textbench SDK — attribute values.
//
// Contract: a Value is what an annotation attribute or a document metadata field holds.
// Null (std::monostate) means "known to be absent" (e.g. a quote whose speaker is unknown) and is
// written as JSON null. Attributes keep insertion order, so output is deterministic.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace textbench {

using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

// A small ordered key → Value map. Linear lookup: annotations carry a handful of attributes.
class Attributes {
 public:
  using Item = std::pair<std::string, Value>;

  Attributes() = default;
  // A copy keeps room for two more items: plugins copy a ready-made set of attributes into each
  // new annotation and then set one or two more, which would otherwise reallocate every time.
  Attributes(const Attributes& other) { copy_items(other); }
  Attributes& operator=(const Attributes& other) {
    if (this != &other) {
      items_.clear();
      copy_items(other);
    }
    return *this;
  }
  Attributes(Attributes&&) noexcept = default;
  Attributes& operator=(Attributes&&) noexcept = default;
  ~Attributes() = default;

  // Makes room for `count` items in all, for a plugin that knows how many it will set.
  void reserve(std::size_t count) { items_.reserve(count); }

  // Sets key to value, replacing an existing entry with the same key.
  void set(std::string_view key, Value value);
  // Convenience overloads so that set("kind", "cardinal") stores a string, not a bool.
  void set(std::string_view key, const char* value) { set(key, Value(std::string(value))); }
  void set(std::string_view key, std::string_view value) { set(key, Value(std::string(value))); }
  void set(std::string_view key, int value) { set(key, Value(std::int64_t{value})); }

  // Returns the value for key, or nullptr when the key is not present.
  [[nodiscard]] const Value* find(std::string_view key) const noexcept;
  // Returns the string stored under key, or an empty view when absent or not a string.
  [[nodiscard]] std::string_view get_string(std::string_view key) const noexcept;

  [[nodiscard]] bool empty() const noexcept { return items_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  [[nodiscard]] auto begin() const noexcept { return items_.begin(); }
  [[nodiscard]] auto end() const noexcept { return items_.end(); }

 private:
  void copy_items(const Attributes& other) {
    items_.reserve(std::max<std::size_t>(other.items_.size() + 2, 4));
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }

  std::vector<Item> items_;
};

}  // namespace textbench
