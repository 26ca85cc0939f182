#include <catch2/catch.hpp>

#include "textbench/params.hpp"

using namespace textbench;

namespace {
constexpr ParamSpec kTable[] = {
    {.name = "type", .type = ParamType::String, .doc = "annotation type", .required = true},
    {.name = "action",
     .type = ParamType::String,
     .doc = "what to do",
     .default_value = "remove",
     .choices = "remove|annotate"},
    {.name = "limit", .type = ParamType::Integer, .doc = "cap", .default_value = "10", .min = 1, .max = 100},
    {.name = "ratio", .type = ParamType::Float, .doc = "share", .default_value = "0.5", .min = 0, .max = 1},
    {.name = "rules", .type = ParamType::StringMap, .doc = "name → pattern"},
};
}

TEST_CASE("defaults are filled in and valid values pass", "[params]") {
  Params params;
  params.set("type", std::string("year"));
  params.set("ratio", std::int64_t{1});  // an integer is a fine float
  REQUIRE(check_params(kTable, params).empty());
  CHECK(params.get_string("action") == "remove");
  CHECK(params.get_int("limit") == 10);
  CHECK(params.get_float("ratio") == 1.0);
  CHECK(params.get_map("rules").empty());
}

TEST_CASE("every problem is reported, each naming its parameter", "[params]") {
  Params params;
  params.set("action", std::string("delete"));
  params.set("limit", std::int64_t{0});
  params.set("colour", std::string("red"));
  params.set("ratio", std::string("half"));
  const auto issues = check_params(kTable, params);
  REQUIRE(issues.size() == 5);
  auto has = [&](std::string_view param, std::string_view words) {
    for (const auto& issue : issues) {
      if (issue.param == param && issue.message.find(words) != std::string::npos) return true;
    }
    return false;
  };
  CHECK(has("action", "allowed values: remove, annotate"));
  CHECK(has("limit", "outside the range [1, 100]"));
  CHECK(has("colour", "unknown parameter 'colour'; allowed: type, action, limit, ratio, rules"));
  CHECK(has("ratio", "must be a float, got a string"));
  CHECK(has("type", "missing required parameter 'type'"));
}

TEST_CASE("a getter for an undeclared parameter names it", "[params]") {
  Params params;
  CHECK_THROWS_WITH(params.get_string("nope"), Catch::Contains("'nope'"));
}
