#include "textbench_host/output.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace textbench::host {

namespace {

// The bytes JSON needs escaped: control bytes, '"' and '\\'.
constexpr std::array<bool, 256> make_needs_escape() {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  table['"'] = table['\\'] = true;
  return table;
}
constexpr std::array<bool, 256> kNeedsEscape = make_needs_escape();

#if defined(__SSE2__)
// Bit i is set when byte i of the block needs escaping (SSE2 is part of every x86-64 CPU).
unsigned escape_mask(__m128i block) {
  const __m128i last_control = _mm_set1_epi8(0x1F);
  // block <= 0x1F (unsigned) exactly when max(block, 0x1F) == 0x1F.
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(block, last_control), last_control);
  const __m128i quote = _mm_cmpeq_epi8(block, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(block, _mm_set1_epi8('\\'));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))));
}
#endif

// Index of the first byte at or after `from` that JSON needs escaped, or text.size(). Every
// document's text passes through here, so clean 16-byte blocks are skipped at once.
std::size_t next_to_escape(std::string_view text, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    const unsigned mask = escape_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i)));
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < text.size(); ++i) {
    if (kNeedsEscape[static_cast<unsigned char>(text[i])]) return i;
  }
  return text.size();
}

// What a byte that JSON needs escaped is written as (at most 6 bytes).
char* put_escape(char* p, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  *p++ = '\\';
  switch (c) {
    case '"':
      *p++ = '"';
      break;
    case '\\':
      *p++ = '\\';
      break;
    case '\n':
      *p++ = 'n';
      break;
    case '\r':
      *p++ = 'r';
      break;
    case '\t':
      *p++ = 't';
      break;
    default:
      std::memcpy(p, "u00", 3);
      p[3] = kHex[c >> 4];
      p[4] = kHex[c & 0xF];
      p += 5;
  }
  return p;
}

// Annotations are written through a raw pointer into room reserved for the worst case (every
// byte escaped): each is a dozen small pieces, and appending them one by one to a std::string
// costs a capacity check and a memcpy call apiece.
template <std::size_t N>
char* put(char* p, const char (&literal)[N]) {
  std::memcpy(p, literal, N - 1);
  return p + N - 1;
}

char* put_number(char* p, std::uint64_t value) {
  return std::to_chars(p, p + 20, value).ptr;
}

constexpr std::size_t escaped_bound(std::string_view text) {
  return 6 * text.size() + 2;
}

// Writes `text` with JSON escapes (no quotes) into room for the worst case, 6 bytes a byte. Whole
// 16-byte blocks are stored before they are checked, which that room makes safe; short strings
// (keys, values, annotation spans: most calls) and the tail of long ones are covered by loads that
// overlap but stay inside the string, so clean text never goes through the byte loop.
char* put_escaped(char* p, std::string_view text) {
  const char* s = text.data();
  const char* const end = s + text.size();
  const std::size_t size = text.size();
#if defined(__SSE2__)
  if (size >= 16) {
    while (end - s >= 16) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
      const unsigned mask = escape_mask(block);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p), block);
      if (mask == 0) {
        s += 16;
        p += 16;
        continue;
      }
      const auto clean = static_cast<std::size_t>(__builtin_ctz(mask));
      s += clean;
      p = put_escape(p + clean, static_cast<unsigned char>(*s++));
    }
    // The last 16 bytes of the text: when all are clean, the ones already written were copied
    // as they are, so storing the block over them and the rest is exact.
    const auto rest = static_cast<std::size_t>(end - s);
    if (rest > 0) {
      const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(end - 16));
      if (escape_mask(last) == 0) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(p + rest - 16), last);
        return p + rest;
      }
    }
  } else if (size >= 8) {
    std::uint64_t head, tail;
    std::memcpy(&head, s, 8);
    std::memcpy(&tail, end - 8, 8);
    if (escape_mask(_mm_set_epi64x(static_cast<long long>(tail), static_cast<long long>(head))) == 0) {
      std::memcpy(p, &head, 8);
      std::memcpy(p + size - 8, &tail, 8);
      return p + size;
    }
  } else if (size >= 4) {
    std::uint32_t head, tail;
    std::memcpy(&head, s, 4);
    std::memcpy(&tail, end - 4, 4);
    // Only the low 8 lanes hold bytes of the string; the zero lanes above would count as control.
    if ((escape_mask(_mm_set_epi32(0, 0, static_cast<int>(tail), static_cast<int>(head))) & 0xFF) == 0) {
      std::memcpy(p, &head, 4);
      std::memcpy(p + size - 4, &tail, 4);
      return p + size;
    }
  }
#endif
  for (; s < end; ++s) {
    const auto c = static_cast<unsigned char>(*s);
    if (kNeedsEscape[c]) {
      p = put_escape(p, c);
    } else {
      *p++ = static_cast<char>(c);
    }
  }
  return p;
}

char* put_json_string(char* p, std::string_view text) {
  *p++ = '"';
  p = put_escaped(p, text);
  *p++ = '"';
  return p;
}

std::size_t value_bound(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return escaped_bound(*text);
  return 32;  // null, true, false, an int64 or a shortest-form double
}

char* put_value(char* p, const Value& value) {
  switch (value.index()) {
    case 0:
      return put(p, "null");
    case 1:
      return std::get<bool>(value) ? put(p, "true") : put(p, "false");
    case 2:
      return std::to_chars(p, p + 32, std::get<std::int64_t>(value)).ptr;
    case 3: {
      const double number = std::get<double>(value);
      if (!std::isfinite(number)) return put(p, "null");  // JSON has no NaN or infinity
      return std::to_chars(p, p + 32, number).ptr;
    }
    default:
      return put_json_string(p, std::get<std::string>(value));
  }
}

std::size_t attributes_bound(const Attributes& attributes) {
  std::size_t bound = 2;
  for (const auto& [key, value] : attributes) bound += escaped_bound(key) + value_bound(value) + 2;
  return bound;
}

char* put_attributes(char* p, const Attributes& attributes) {
  *p++ = '{';
  bool first = true;
  for (const auto& [key, value] : attributes) {
    if (!first) *p++ = ',';
    first = false;
    p = put_json_string(p, key);
    *p++ = ':';
    p = put_value(p, value);
  }
  *p++ = '}';
  return p;
}

// {"type":…,"begin":…,"end":…,"text":…,"source_begin":…,"source_end":…,"attrs":{…}}
void append_annotation(ByteBuffer& out, const Annotation& annotation, std::string_view text) {
  const std::string_view span = text.substr(annotation.begin, annotation.end - annotation.begin);
  const std::size_t bound =
      96 + 4 * 20 + escaped_bound(annotation.type) + escaped_bound(span) + attributes_bound(annotation.attrs);
  char* p = out.room(bound);
  p = put(p, "{\"type\":");
  p = put_json_string(p, annotation.type);
  p = put(p, ",\"begin\":");
  p = put_number(p, annotation.begin);
  p = put(p, ",\"end\":");
  p = put_number(p, annotation.end);
  p = put(p, ",\"text\":");
  p = put_json_string(p, span);
  p = put(p, ",\"source_begin\":");
  p = put_number(p, annotation.source_begin);
  p = put(p, ",\"source_end\":");
  p = put_number(p, annotation.source_end);
  p = put(p, ",\"attrs\":");
  p = put_attributes(p, annotation.attrs);
  *p++ = '}';
  out.commit(p);
}

// A document's text, into the JSONL buffer: in chunks, so the room reserved for the worst case
// stays small however long the document is.
void append_json_text(ByteBuffer& out, std::string_view text) {
  constexpr std::size_t kChunk = 16 * 1024;
  out.push_back('"');
  for (std::size_t at = 0; at < text.size(); at += kChunk) {
    const std::string_view chunk = text.substr(at, kChunk);
    out.commit(put_escaped(out.room(6 * chunk.size()), chunk));
  }
  out.push_back('"');
}

}  // namespace

void ByteBuffer::grow(std::size_t bytes) {
  const std::size_t capacity = std::max({2 * capacity_, size_ + bytes, std::size_t{1} << 16});
  auto data = std::make_unique_for_overwrite<char[]>(capacity);
  if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

void ByteBuffer::append(const char* bytes, std::size_t count) {
  if (count == 0) return;
  std::memcpy(room(count), bytes, count);
  size_ += count;
}

void ByteBuffer::release_above(std::size_t limit) {
  if (capacity_ <= limit) return;
  data_.reset();
  size_ = capacity_ = 0;
}

// For std::string outputs (messages, tables): clean runs are copied in one go.
void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t run_start = 0;
  for (std::size_t i = next_to_escape(text, 0); i < text.size(); i = next_to_escape(text, i + 1)) {
    out.append(text, run_start, i - run_start);
    run_start = i + 1;
    char escape[6];
    out.append(escape, put_escape(escape, static_cast<unsigned char>(text[i])));
  }
  out.append(text, run_start, text.size() - run_start);
  out.push_back('"');
}

void append_json_value(std::string& out, const Value& value) {
  const std::size_t start = out.size();
  out.resize(start + value_bound(value));
  char* end = put_value(out.data() + start, value);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

void append_document_jsonl(ByteBuffer& out, const Document& document, const std::vector<StepFailure>& failures) {
  const std::string_view text = document.text();
  out.append("{\"id\":");
  append_json_text(out, document.id());
  out.append(",\"text\":");
  append_json_text(out, text);
  out.append(",\"annotations\":[");
  bool first = true;
  for (const Annotation& annotation : document.annotations()) {
    if (!first) out.push_back(',');
    first = false;
    append_annotation(out, annotation, text);
  }
  out.push_back(']');
  if (!document.metadata().empty()) {
    out.append(",\"meta\":");
    out.commit(put_attributes(out.room(attributes_bound(document.metadata())), document.metadata()));
  }
  if (!failures.empty()) {  // rare: through a string
    std::string errors = ",\"errors\":";
    append_failures_json(errors, failures);
    out.append(errors);
  }
  out.append("}\n");
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
