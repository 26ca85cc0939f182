// Serialises documents. JSONL is written by hand rather than through a JSON DOM: each document
// is streamed straight into one buffer, with no copy of its text into an intermediate tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "textbench/document.hpp"
#include "textbench_host/pipeline.hpp"

namespace textbench::host {

// Appends `text` as a JSON string literal (quotes included). Input must be valid UTF-8.
void append_json_string(std::string& out, std::string_view text);
void append_json_value(std::string& out, const Value& value);

// One line of JSONL output, newline included:
// {"id", "text", "annotations": [{"type","begin","end","text","source_begin","source_end","attrs"}],
//  "meta": {...} (when the input had other fields), "errors": [...] (when steps failed)}
void append_document_jsonl(std::string& out, const Document& document, const std::vector<StepFailure>& failures);

// [{"step", "plugin", "message"}, ...]: a document's failed steps (JSONL output and SQLite).
void append_failures_json(std::string& out, const std::vector<StepFailure>& failures);

}  // namespace textbench::host
