#include "quote_marks.hpp"

#include <algorithm>
#include <array>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text_util.hpp"

namespace quote_finder {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

namespace scanning {

// What a mark can do, decided from its glyph and its neighbours.
enum class Role : std::uint8_t {
  Open,
  Close,
  Either,     // glued between words (`outlet."The`): opens when nothing is open, else closes
  WeakClose,  // `Jones' cow`: a plural possessive or a closing mark; closes only as a last resort
};

struct Mark {
  std::size_t pos;
  std::uint8_t length;
  MarkFamily family;
  Role role;
  bool line_start;        // only whitespace before it on its line
  std::size_t paragraph;  // index of the (non-blank) line it is on
};

struct Pair {
  std::size_t open;  // mark indices
  std::size_t close;
  bool multi_paragraph;
};

// A mark still waiting for its closing mark.
struct OpenMark {
  std::size_t mark;
  std::size_t weak_close = kNone;
  bool multi_paragraph = false;
};

}  // namespace scanning

namespace {

using scanning::Mark;
using scanning::OpenMark;
using scanning::Pair;
using scanning::Role;

bool is_boundary(CharClass c) {
  return c == CharClass::Space || c == CharClass::OpenPunct || c == CharClass::Dash;
}
bool is_trailing(CharClass c) {
  return c == CharClass::Space || c == CharClass::ClosePunct || c == CharClass::Dash;
}

char lower_ascii(char c) {
  return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

// `'tis`, `'em`, `'90s`: an apostrophe standing for left-out letters at a word start.
bool is_elision(std::string_view text, std::size_t after) {
  constexpr std::array<std::string_view, 10> kElided = {"tis", "twas", "em",    "til",  "cause",
                                                        "n",   "bout", "round", "nuff", "ere"};
  if (after < text.size() && is_ascii_digit(text[after])) {
    std::size_t end = after;
    while (end < text.size() && is_ascii_digit(text[end])) ++end;
    if (end - after != 2) return false;
    if (end < text.size() && text[end] == 's') ++end;
    return end >= text.size() || !is_ascii_alnum(text[end]);
  }
  char word[6];
  std::size_t length = 0;
  for (std::size_t at = after; at < text.size() && length < sizeof(word); ++at) {
    if (!is_ascii_alnum(text[at])) break;
    word[length++] = lower_ascii(text[at]);
  }
  const std::size_t end = after + length;
  if (end < text.size() && is_ascii_alnum(text[end])) return false;  // longer than any elided word
  const std::string_view candidate(word, length);
  return std::find(kElided.begin(), kElided.end(), candidate) != kElided.end();
}

// `s' ` followed by a word: `the players' union`.
bool looks_possessive(std::string_view text, std::size_t mark, std::size_t after) {
  if (mark == 0 || lower_ascii(text[mark - 1]) != 's') return false;
  if (after + 1 >= text.size() || text[after] != ' ') return false;
  return is_ascii_alnum(text[after + 1]);
}

// Returns false when the mark is not a quote mark at all (an apostrophe, a lone mark).
bool single_role(std::string_view text, std::size_t pos, std::size_t after, char32_t glyph, Role& role) {
  const CharClass before = class_before(text, pos);
  const CharClass next = class_after(text, after);
  if (before == CharClass::Letter && next == CharClass::Letter) return false;  // don't, dog‘s
  if (next == CharClass::Letter && is_elision(text, after)) return false;
  if (glyph == U'\u2018') {
    if ((before == CharClass::Letter || before == CharClass::ClosePunct) && is_trailing(next)) {
      role = Role::Close;  // a mistyped closing mark
      return true;
    }
    if (next == CharClass::Space) return false;
    role = Role::Open;
    return true;
  }
  if (is_boundary(before) || before == CharClass::QuoteMark) {
    if (next != CharClass::Letter && next != CharClass::QuoteMark && next != CharClass::OpenPunct) return false;
    role = Role::Open;
    return true;
  }
  if (next == CharClass::Letter) {
    if (before != CharClass::ClosePunct) return false;
    role = Role::Either;
    return true;
  }
  if (before == CharClass::Letter && looks_possessive(text, pos, after)) {
    role = Role::WeakClose;
    return true;
  }
  role = Role::Close;
  return true;
}

bool double_role(std::string_view text, std::size_t pos, std::size_t after, char32_t glyph, Role& role) {
  const CharClass before = class_before(text, pos);
  const CharClass next = class_after(text, after);
  const bool glued_before = before == CharClass::Letter || before == CharClass::ClosePunct;
  switch (glyph) {
    case U'\u201C':
    case U'\u201E':
      role = glued_before && is_trailing(next) ? Role::Close : Role::Open;
      return true;
    case U'\u201D':
      role = is_boundary(before) && next == CharClass::Letter ? Role::Either : Role::Close;
      return true;
    default:
      break;
  }
  // Straight mark: the neighbours decide.
  if (is_boundary(before)) {
    if (next == CharClass::Space) return false;  // a lone mark between spaces
    role = Role::Open;
    return true;
  }
  if (before != CharClass::QuoteMark && is_trailing(next)) {
    role = Role::Close;
    return true;
  }
  role = Role::Either;
  return true;
}

bool only_space_before_on_line(std::string_view text, std::size_t pos) {
  while (pos > 0) {
    const char c = text[pos - 1];
    if (c == '\n') return true;
    if (c != ' ' && c != '\t' && c != '\r') return false;
    --pos;
  }
  return true;
}

// A newline starts a new paragraph unless only blank lines follow it (blank runs count once).
bool newline_starts_paragraph(std::string_view text, std::size_t newline) {
  for (std::size_t at = newline + 1; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '\n') return false;
    if (c != ' ' && c != '\t' && c != '\r') return true;
  }
  return false;
}

// Every mark starts with one of these bytes; so does a newline.
constexpr std::array<bool, 256> kMarkLeadBytes = [] {
  std::array<bool, 256> table{};
  for (const unsigned char byte : {'"', '\'', '\n', '\xE2', '\xC2'}) table[byte] = true;
  return table;
}();

constexpr std::size_t kBlock = 32;

// Bit i set when text[block + i] is a mark lead byte, for the kBlock bytes from `block` (fewer at
// the end of the text). Most of a text has none, so this is where the scan spends its time.
std::uint32_t lead_byte_mask(std::string_view text, std::size_t block) {
#if defined(__SSE2__)
  if (block + kBlock <= text.size()) {
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i apostrophe = _mm_set1_epi8('\'');
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2));
    const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xC2));
    const auto hits = [&](const __m128i chunk) {
      return static_cast<std::uint32_t>(_mm_movemask_epi8(
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, apostrophe)),
                       _mm_or_si128(_mm_cmpeq_epi8(chunk, newline),
                                    _mm_or_si128(_mm_cmpeq_epi8(chunk, e2), _mm_cmpeq_epi8(chunk, c2))))));
    };
    const char* bytes = text.data() + block;
    return hits(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes))) |
           hits(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + 16))) << 16;
  }
#endif
  std::uint32_t mask = 0;
  for (std::size_t i = 0; i < kBlock && block + i < text.size(); ++i) {
    if (kMarkLeadBytes[static_cast<unsigned char>(text[block + i])]) mask |= std::uint32_t{1} << i;
  }
  return mask;
}

// One byte that may start a mark: counts a paragraph at a newline, adds a mark when the character
// is one, and moves `resume` past the character.
void handle_lead_byte(std::string_view text, const ScanOptions& options, std::size_t at, std::size_t& paragraph,
                      std::size_t& resume, std::vector<Mark>& marks) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte == '\n') {
    if (newline_starts_paragraph(text, at)) ++paragraph;
    return;
  }
  std::size_t length = 0;
  const char32_t glyph = decode_at(text, at, length);
  Mark mark{at, static_cast<std::uint8_t>(length), MarkFamily::Double, Role::Open, false, paragraph};
  bool is_mark = false;
  switch (glyph) {
    case U'"':
    case U'\u201C':
    case U'\u201D':
    case U'\u201E':
      is_mark = double_role(text, at, at + length, glyph, mark.role);
      break;
    case U'\'':
    case U'\u2018':
    case U'\u2019':
      mark.family = MarkFamily::Single;
      is_mark = options.single_quotes && single_role(text, at, at + length, glyph, mark.role);
      break;
    case U'\u00AB':
    case U'\u00BB':
      mark.family = MarkFamily::Guillemet;
      mark.role = glyph == U'\u00AB' ? Role::Open : Role::Close;
      is_mark = true;
      break;
    default:
      break;
  }
  if (is_mark) {
    mark.line_start = only_space_before_on_line(text, at);
    marks.push_back(mark);
  }
  resume = at + length;
}

void scan_marks(std::string_view text, const ScanOptions& options, std::vector<Mark>& marks) {
  marks.clear();
  std::size_t paragraph = 0;
  std::size_t resume = 0;  // the first byte after the last character handled
  for (std::size_t block = 0; block < text.size(); block += kBlock) {
    for (std::uint32_t mask = lead_byte_mask(text, block); mask != 0; mask &= mask - 1) {
      const std::size_t at = block + static_cast<std::size_t>(__builtin_ctz(mask));
      if (at < resume) continue;  // inside a character already decoded
      resume = at + 1;
      handle_lead_byte(text, options, at, paragraph, resume, marks);
    }
  }
}

// Pairs the marks of one family. Opening marks nest; a quote left open at a paragraph end goes on
// only when the next paragraph re-opens it or closes it (multi-paragraph quotes), otherwise it is
// dropped as unclosed, and the quotes completed inside it become outermost ones.
class FamilyPairer {
 public:
  FamilyPairer(const std::vector<Mark>& marks, MarkFamily family, const ScanOptions& options, std::vector<Pair>& out,
               std::vector<OpenMark>& open)
      : marks_(marks), family_(family), options_(options), out_(out), open_(open) {}

  void run() {
    open_.clear();
    std::size_t previous = kNone;
    for (std::size_t index = 0; index < marks_.size(); ++index) {
      const Mark& mark = marks_[index];
      if (mark.family != family_) continue;
      if (previous != kNone && mark.paragraph != marks_[previous].paragraph && !open_.empty()) {
        close_weak();
        if (!open_.empty()) {
          const Continuation next = continuation(previous, index);
          if (next == Continuation::None) {
            open_.clear();
          } else {
            for (auto& entry : open_) entry.multi_paragraph = true;
            if (next == Continuation::Reopened) {
              previous = index;
              continue;  // a re-opening mark at a paragraph start belongs to the open quote
            }
          }
        }
      }
      previous = index;
      take(index);
    }
    close_weak();
  }

 private:
  enum class Continuation { None, Reopened, Closed };

  void take(std::size_t index) {
    switch (marks_[index].role) {
      case Role::Open:
        open_.push_back({index});
        break;
      case Role::Either:
        if (open_.empty()) {
          open_.push_back({index});
        } else {
          close_top(index);
        }
        break;
      case Role::Close:
        if (!open_.empty()) close_top(index);
        break;
      case Role::WeakClose:
        if (!open_.empty()) open_.back().weak_close = index;
        break;
    }
  }

  void close_top(std::size_t index) {
    out_.push_back({open_.back().mark, index, open_.back().multi_paragraph});
    open_.pop_back();
  }

  // At a paragraph end, quotes that only a possessive-looking mark could close are closed there.
  void close_weak() {
    while (!open_.empty() && open_.back().weak_close != kNone) close_top(open_.back().weak_close);
  }

  Continuation continuation(std::size_t previous, std::size_t next) const {
    const Mark& mark = marks_[next];
    const std::size_t from = marks_[previous].paragraph;
    const std::size_t crossed = mark.paragraph - from - 1;
    if (crossed == 0 && mark.line_start && (mark.role == Role::Open || mark.role == Role::Either)) {
      return Continuation::Reopened;
    }
    if (mark.role == Role::Open || crossed > options_.max_crossed_paragraphs) return Continuation::None;
    // The paragraphs crossed must hold no marks of another family either.
    for (std::size_t other = previous + 1; other < next; ++other) {
      const std::size_t paragraph = marks_[other].paragraph;
      if (paragraph > from && paragraph < mark.paragraph) return Continuation::None;
      if (paragraph >= mark.paragraph) break;
    }
    return Continuation::Closed;
  }

  const std::vector<Mark>& marks_;
  MarkFamily family_;
  const ScanOptions& options_;
  std::vector<Pair>& out_;
  std::vector<OpenMark>& open_;
};

bool has_word_character(std::string_view text, std::size_t begin, std::size_t end) {
  for (std::size_t at = begin; at < end; ++at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (is_ascii_alnum(static_cast<char>(byte)) || byte >= 0xC3) return true;
  }
  return false;
}

}  // namespace

QuoteScanner::QuoteScanner() = default;
QuoteScanner::~QuoteScanner() = default;

const std::vector<QuoteSpan>& QuoteScanner::find(std::string_view text, const ScanOptions& options) {
  scan_marks(text, options, marks_);
  pairs_.clear();
  for (const MarkFamily family : {MarkFamily::Double, MarkFamily::Single, MarkFamily::Guillemet}) {
    FamilyPairer(marks_, family, options, pairs_, open_).run();
  }
  spans_.clear();
  for (const Pair& pair : pairs_) {
    const Mark& open = marks_[pair.open];
    const Mark& close = marks_[pair.close];
    const QuoteSpan span{open.pos,    open.pos + open.length, close.pos, close.pos + close.length,
                         open.family, pair.multi_paragraph};
    if (has_word_character(text, span.content_begin, span.content_end)) spans_.push_back(span);
  }
  // Outermost spans only: a span inside (or crossing into) an earlier kept span is dropped.
  std::sort(spans_.begin(), spans_.end(),
            [](const QuoteSpan& a, const QuoteSpan& b) { return a.open_begin < b.open_begin; });
  outermost_.clear();
  for (const QuoteSpan& span : spans_) {
    if (outermost_.empty() || span.open_begin >= outermost_.back().close_end) outermost_.push_back(span);
  }
  return outermost_;
}

std::vector<QuoteSpan> find_quote_spans(std::string_view text, const ScanOptions& options) {
  QuoteScanner scanner;
  return scanner.find(text, options);
}

}  // namespace quote_finder
