#include "textbench/testing/harness.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace textbench::testing {

namespace {

std::string join_issues(const std::vector<ParamIssue>& issues) {
  std::string text;
  for (const ParamIssue& issue : issues) {
    if (!text.empty()) text += "; ";
    text += issue.message;
  }
  return text;
}

}  // namespace

PluginHarness::PluginHarness(const PluginDescriptor& plugin,
                             std::initializer_list<std::pair<std::string_view, ParamValue>> params)
    : PluginHarness(plugin, [&] {
        Params collected;
        for (const auto& [name, value] : params) collected.set(name, value);
        return collected;
      }()) {}

PluginHarness::PluginHarness(const PluginDescriptor& plugin, Params params)
    : plugin_(plugin), params_(std::move(params)) {
  if (plugin_.abi_version != kAbiVersion) {
    throw PluginError("plugin was built for SDK ABI " + std::to_string(plugin_.abi_version) +
                      ", this test kit is ABI " + std::to_string(kAbiVersion));
  }
  const auto issues = check_params(std::span(plugin_.params, plugin_.param_count), params_);
  if (!issues.empty()) throw PluginError(std::string(plugin_.name) + ": " + join_issues(issues));
  auto logger = std::make_shared<spdlog::logger>(plugin_.name, std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_level(spdlog::level::warn);
  const CreateContext context(params_, std::move(logger));
  std::string error;
  instance_ = plugin_.create(context, error);
  if (instance_ == nullptr) {
    throw PluginError(std::string(plugin_.name) + ": " +
                      (context.issues().empty() ? error : join_issues(context.issues())));
  }
}

PluginHarness::~PluginHarness() {
  if (instance_ != nullptr) plugin_.destroy(instance_);
}

void PluginHarness::process(Document& document) {
  std::string error;
  if (!plugin_.process(instance_, document, error)) {
    throw PluginError(std::string(plugin_.name) + " failed on '" + document.id() + "': " + error);
  }
}

Document PluginHarness::run(std::string text, std::string id) {
  Document document(std::move(id), std::move(text));
  process(document);
  return document;
}

std::vector<const Annotation*> find_all(const Document& document, std::string_view type) {
  std::vector<const Annotation*> found;
  for (const Annotation& annotation : document.annotations()) {
    if (annotation.type == type) found.push_back(&annotation);
  }
  return found;
}

std::size_t count(const Document& document, std::string_view type) {
  return find_all(document, type).size();
}

std::string_view covered(const Document& document, const Annotation& annotation) {
  return document.text().substr(annotation.begin, annotation.end - annotation.begin);
}

std::string_view covered_source(const Document& document, const Annotation& annotation) {
  return document.source_text().substr(annotation.source_begin, annotation.source_end - annotation.source_begin);
}

}  // namespace textbench::testing
