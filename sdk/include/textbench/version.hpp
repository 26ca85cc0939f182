// textbench SDK — versions and the build stamp.
//
// Contract: kAbiVersion changes whenever a change to the SDK would make an already built plugin
// misbehave in a new host: any change to PluginDescriptor, Document, Annotation, Params, ParamSpec,
// CreateContext or the glue in plugin.hpp. The host refuses plugins whose abi_version differs.
// kSdkVersion is the human-facing release of the SDK headers.
#pragma once

#include <cstdint>
#include <string>  // defines _GLIBCXX_RELEASE and _GLIBCXX_USE_CXX11_ABI

namespace textbench {

inline constexpr std::uint32_t kAbiVersion = 1;
inline constexpr const char* kSdkVersion = "1.0.0";

}  // namespace textbench

#define TEXTBENCH_STRINGIFY_IMPL(x) #x
#define TEXTBENCH_STRINGIFY(x) TEXTBENCH_STRINGIFY_IMPL(x)

// The C++ types that cross the plugin boundary (std::string, std::vector, spdlog::logger) are only
// compatible between modules built against the same standard library ABI. The stamp names it; the
// host compares its own stamp with each plugin's and refuses a mismatch.
#if defined(_GLIBCXX_RELEASE)
#define TEXTBENCH_BUILD_STAMP \
  "libstdc++ " TEXTBENCH_STRINGIFY(_GLIBCXX_RELEASE) ", cxx11-abi " TEXTBENCH_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define TEXTBENCH_BUILD_STAMP "libc++ " TEXTBENCH_STRINGIFY(_LIBCPP_VERSION)
#else
#define TEXTBENCH_BUILD_STAMP "unknown standard library"
#endif
