// A plugin that claims a future SDK ABI: the host must refuse it before reading anything else.
#include "textbench/plugin.hpp"

namespace {
const textbench::PluginDescriptor* future_abi_entry() {
  static const textbench::PluginDescriptor descriptor{textbench::kAbiVersion + 41,
                                                      TEXTBENCH_BUILD_STAMP,
                                                      "future_abi",
                                                      "9.9.9",
                                                      "Built against a newer SDK",
                                                      nullptr,
                                                      0,
                                                      nullptr,
                                                      0,
                                                      0,
                                                      nullptr,
                                                      nullptr,
                                                      nullptr,
                                                      {}};
  return &descriptor;
}
}  // namespace

BOOST_DLL_ALIAS_SECTIONED(future_abi_entry, txtplug_future_abi, txtplug)
