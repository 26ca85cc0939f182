#include "textbench_host/output.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace textbench::host {

namespace {

// Index of the first byte at or after `from` that JSON needs escaped (a control byte, '"' or '\\'),
// or text.size(). Every document's text and every annotation's text pass through here, so clean
// 16-byte blocks are skipped with SSE2 (part of every x86-64 CPU).
std::size_t next_to_escape(std::string_view text, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    // block <= 0x1F (unsigned) exactly when max(block, 0x1F) == 0x1F.
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(block, last_control), last_control);
    const __m128i special =
        _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash)));
    const int mask = _mm_movemask_epi8(special);
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return text.size();
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run_start = 0;
  for (std::size_t i = next_to_escape(text, 0); i < text.size(); i = next_to_escape(text, i + 1)) {
    const auto c = static_cast<unsigned char>(text[i]);
    out.append(text, run_start, i - run_start);  // copy the clean run in one go
    run_start = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(text, run_start, text.size() - run_start);
  out.push_back('"');
}

namespace {
void append_number(std::string& out, std::uint64_t value) {
  char buffer[24];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}
}  // namespace

void append_json_value(std::string& out, const Value& value) {
  switch (value.index()) {
    case 0:
      out += "null";
      break;
    case 1:
      out += std::get<bool>(value) ? "true" : "false";
      break;
    case 2: {
      char buffer[24];
      const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, std::get<std::int64_t>(value));
      out.append(buffer, end);
      break;
    }
    case 3: {
      const double number = std::get<double>(value);
      if (!std::isfinite(number)) {
        out += "null";  // JSON has no NaN or infinity
        break;
      }
      char buffer[32];
      const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
      out.append(buffer, end);
      break;
    }
    default:
      append_json_string(out, std::get<std::string>(value));
      break;
  }
}

namespace {
void append_attributes(std::string& out, const Attributes& attributes) {
  out.push_back('{');
  bool first = true;
  for (const auto& [key, value] : attributes) {
    if (!first) out.push_back(',');
    first = false;
    append_json_string(out, key);
    out.push_back(':');
    append_json_value(out, value);
  }
  out.push_back('}');
}
}  // namespace

void append_document_jsonl(std::string& out, const Document& document, const std::vector<StepFailure>& failures) {
  const std::string_view text = document.text();
  out += "{\"id\":";
  append_json_string(out, document.id());
  out += ",\"text\":";
  append_json_string(out, text);
  out += ",\"annotations\":[";
  bool first = true;
  for (const Annotation& annotation : document.annotations()) {
    if (!first) out.push_back(',');
    first = false;
    out += "{\"type\":";
    append_json_string(out, annotation.type);
    out += ",\"begin\":";
    append_number(out, annotation.begin);
    out += ",\"end\":";
    append_number(out, annotation.end);
    out += ",\"text\":";
    append_json_string(out, text.substr(annotation.begin, annotation.end - annotation.begin));
    out += ",\"source_begin\":";
    append_number(out, annotation.source_begin);
    out += ",\"source_end\":";
    append_number(out, annotation.source_end);
    out += ",\"attrs\":";
    append_attributes(out, annotation.attrs);
    out.push_back('}');
  }
  out.push_back(']');
  if (!document.metadata().empty()) {
    out += ",\"meta\":";
    append_attributes(out, document.metadata());
  }
  if (!failures.empty()) {
    out += ",\"errors\":";
    append_failures_json(out, failures);
  }
  out += "}\n";
}

void append_failures_json(std::string& out, const std::vector<StepFailure>& failures) {
  out.push_back('[');
  for (std::size_t i = 0; i < failures.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += "{\"step\":";
    append_json_string(out, failures[i].label);
    out += ",\"plugin\":";
    append_json_string(out, failures[i].plugin);
    out += ",\"message\":";
    append_json_string(out, failures[i].message);
    out.push_back('}');
  }
  out.push_back(']');
}

}  // namespace textbench::host
