#include "lexicon.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace quote_finder::lexicon {

namespace {

// The lists as written; one hash table below holds them all.
constexpr std::string_view kReportingVerbs[] = {
    "accused",    "acknowledged", "added",      "adding",     "adds",       "admits",     "admitted",    "alleged",
    "alleges",    "announced",    "announces",  "answered",   "appealed",   "argued",     "argues",      "asked",
    "asks",       "asserted",     "assured",    "blasted",    "boasted",    "branded",    "called",      "calls",
    "claimed",    "claims",       "commented",  "complained", "conceded",   "concedes",   "concluded",   "condemned",
    "confirmed",  "contended",    "continued",  "continues",  "countered",  "cried",      "declared",    "declares",
    "demanded",   "denounced",    "described",  "describes",  "disclosed",  "dismissed",  "emphasised",  "emphasized",
    "exclaimed",  "explained",    "explaining", "explains",   "expressed",  "hailed",     "highlighted", "informed",
    "insisted",   "insists",      "joked",      "labeled",    "labelled",   "lamented",   "lauded",      "laughed",
    "maintained", "mused",        "noted",      "notes",      "noting",     "observed",   "pledged",     "pointed",
    "posted",     "praised",      "predicted",  "proclaimed", "promised",   "questioned", "quipped",     "read",
    "reads",      "reaffirmed",   "recalled",   "recalls",    "reiterated", "remarked",   "replied",     "replies",
    "replying",   "responded",    "revealed",   "said",       "say",        "saying",     "says",        "shouted",
    "slammed",    "stated",       "states",     "stressed",   "suggested",  "tells",      "termed",      "testified",
    "told",       "tweeted",      "tweets",     "underlined", "urged",      "vowed",      "warned",      "warns",
    "welcomed",   "whispered",    "wondered",   "writes",     "writing",    "wrote"};

constexpr std::string_view kListenerVerbs[] = {"asked", "asks", "informed", "tells", "told", "urged"};

constexpr std::string_view kTitleWords[] = {"acp",
                                            "activist",
                                            "actor",
                                            "actress",
                                            "adc",
                                            "administrator",
                                            "affairs",
                                            "agriculture",
                                            "ambassador",
                                            "analyst",
                                            "architect",
                                            "army",
                                            "artist",
                                            "athlete",
                                            "attorney",
                                            "author",
                                            "banker",
                                            "batter",
                                            "bdo",
                                            "bishop",
                                            "boss",
                                            "bowler",
                                            "boxer",
                                            "businessman",
                                            "businesswoman",
                                            "campaigner",
                                            "candidate",
                                            "captain",
                                            "ceo",
                                            "cfo",
                                            "chair",
                                            "chairman",
                                            "chairperson",
                                            "chairwoman",
                                            "chancellor",
                                            "chef",
                                            "chief",
                                            "cji",
                                            "climatologist",
                                            "cm",
                                            "cmd",
                                            "coach",
                                            "col",
                                            "collector",
                                            "colonel",
                                            "commander",
                                            "commentator",
                                            "commissioner",
                                            "composer",
                                            "congressman",
                                            "congresswoman",
                                            "councillor",
                                            "cricketer",
                                            "dc",
                                            "dcp",
                                            "defence",
                                            "defender",
                                            "defense",
                                            "deputy",
                                            "designer",
                                            "detective",
                                            "dgp",
                                            "diplomat",
                                            "director",
                                            "doctor",
                                            "dr",
                                            "dsp",
                                            "eam",
                                            "economist",
                                            "editor",
                                            "education",
                                            "engineer",
                                            "entrepreneur",
                                            "envoy",
                                            "epidemiologist",
                                            "executive",
                                            "expert",
                                            "external",
                                            "farmer",
                                            "federal",
                                            "filmmaker",
                                            "finance",
                                            "footballer",
                                            "foreign",
                                            "founder",
                                            "gen",
                                            "general",
                                            "glaciologist",
                                            "goalkeeper",
                                            "golfer",
                                            "gov",
                                            "governor",
                                            "grandmaster",
                                            "head",
                                            "health",
                                            "historian",
                                            "home",
                                            "igp",
                                            "inspector",
                                            "interior",
                                            "investor",
                                            "journalist",
                                            "judge",
                                            "justice",
                                            "king",
                                            "lawyer",
                                            "leader",
                                            "legislator",
                                            "lt",
                                            "manager",
                                            "mayor",
                                            "md",
                                            "midfielder",
                                            "minister",
                                            "mla",
                                            "mlc",
                                            "mp",
                                            "mr",
                                            "mrs",
                                            "ms",
                                            "musician",
                                            "national",
                                            "novelist",
                                            "nurse",
                                            "officer",
                                            "official",
                                            "opposition",
                                            "owner",
                                            "physician",
                                            "pilot",
                                            "player",
                                            "pm",
                                            "poet",
                                            "police",
                                            "pope",
                                            "premier",
                                            "president",
                                            "prime",
                                            "prince",
                                            "princess",
                                            "prof",
                                            "professor",
                                            "prosecutor",
                                            "psychologist",
                                            "queen",
                                            "rapper",
                                            "registrar",
                                            "rep",
                                            "representative",
                                            "researcher",
                                            "rev",
                                            "revenue",
                                            "scientist",
                                            "sdm",
                                            "sdo",
                                            "secretary",
                                            "sen",
                                            "senator",
                                            "sergeant",
                                            "sgt",
                                            "sheriff",
                                            "sho",
                                            "singer",
                                            "sir",
                                            "skipper",
                                            "sp",
                                            "speaker",
                                            "spokesman",
                                            "spokesperson",
                                            "spokeswoman",
                                            "sprinter",
                                            "ssp",
                                            "star",
                                            "striker",
                                            "student",
                                            "superintendent",
                                            "supt",
                                            "surgeon",
                                            "swimmer",
                                            "teacher",
                                            "tenant",
                                            "trader",
                                            "union",
                                            "vice",
                                            "virologist",
                                            "winger",
                                            "writer"};

constexpr std::string_view kNameStopwords[] = {
    "a",         "according", "addressing", "after",     "all",     "also",    "although", "an",        "and",
    "another",   "any",       "april",      "as",        "asked",   "at",      "august",   "because",   "before",
    "both",      "but",       "by",         "december",  "during",  "each",    "earlier",  "eight",     "even",
    "every",     "february",  "few",        "five",      "for",     "four",    "friday",   "from",      "he",
    "her",       "here",      "his",        "however",   "i",       "if",      "in",       "it",        "its",
    "january",   "july",      "june",       "just",      "last",    "later",   "many",     "march",     "may",
    "meanwhile", "monday",    "more",       "most",      "much",    "next",    "nine",     "no",        "not",
    "november",  "now",       "october",    "of",        "on",      "once",    "one",      "only",      "other",
    "our",       "reacting",  "saturday",   "september", "seven",   "several", "she",      "since",     "six",
    "so",        "some",      "speaking",   "such",      "sunday",  "talking", "ten",      "that",      "the",
    "their",     "then",      "there",      "these",     "they",    "this",    "those",    "though",    "three",
    "thursday",  "to",        "today",      "tomorrow",  "tuesday", "two",     "we",       "wednesday", "what",
    "when",      "where",     "while",      "who",       "why",     "with",    "yesterday"};

constexpr std::string_view kDeterminers[] = {"a",   "an",  "her",   "his",   "its",  "my",
                                             "our", "the", "their", "these", "this", "those"};

constexpr std::string_view kPersonPronouns[] = {"he", "her", "him", "she"};

constexpr std::string_view kVerbModifiers[] = {
    "again",       "already",      "also",     "angrily",  "bluntly",      "categorically", "clearly",    "earlier",
    "even",        "finally",      "firmly",   "flatly",   "further",      "had",           "has",        "have",
    "immediately", "is",           "just",     "later",    "never",        "not",           "once",       "only",
    "openly",      "previously",   "publicly", "quickly",  "recently",     "repeatedly",    "reportedly", "separately",
    "simply",      "specifically", "still",    "strongly", "subsequently", "then",          "today",      "tonight",
    "too",         "was",          "will",     "would",    "yesterday"};

constexpr std::string_view kPhraseBreaks[] = {
    "after", "against", "and",   "are",   "as",   "at",   "be",    "been",  "before", "being",  "but",
    "by",    "during",  "from",  "had",   "has",  "have", "how",   "if",    "in",     "into",   "is",
    "on",    "or",      "since", "than",  "that", "then", "to",    "under", "was",    "were",   "what",
    "when",  "where",   "which", "while", "who",  "whom", "whose", "why",   "with",   "without"};

constexpr std::string_view kPersonNouns[] = {
    "actor", "actress", "athlete",  "batter", "boy",      "captain", "coach",      "daughter", "father",
    "girl",  "husband", "lawmaker", "man",    "mother",   "player",  "politician", "singer",   "skipper",
    "son",   "star",    "striker",  "teen",   "teenager", "veteran", "wife",       "woman",    "youngster"};

constexpr std::string_view kTermCues[] = {"brand",  "entitled",  "hashtag", "label",  "motto", "phrase",
                                          "slogan", "so-called", "term",    "titled", "word"};

constexpr std::string_view kNicknameCues[] = {"alias", "dubbed", "name", "named", "nicknamed"};

// Small lists the attribution rules use besides the named ones above.
constexpr std::string_view kPrepositions[] = {"about", "against", "at", "by",  "for", "from", "in",
                                              "into",  "of",      "on", "per", "to",  "with"};
constexpr std::string_view kPassiveAuxiliaries[] = {"are", "be", "been", "being", "is", "was", "were"};
constexpr std::string_view kSmallTitleWords[] = {"a",  "an", "and", "at",  "by", "for", "in",
                                                 "of", "on", "or",  "the", "to", "with"};
constexpr std::string_view kSubordinators[] = {"after", "although", "before", "despite", "though", "when", "while"};
constexpr std::string_view kAppositiveOpeners[] = {"a", "an", "which", "who"};
constexpr std::string_view kIndirectDirectObject[] = {"added", "alleged", "argued", "claimed", "insisted",
                                                      "said",  "says",    "warned", "told",    "tells"};
constexpr std::string_view kIndirectWithThat[] = {"admitted",   "announced", "asserted",   "confirmed", "explained",
                                                  "maintained", "noted",     "reiterated", "stated"};
constexpr std::string_view kAbbreviations[] = {"adm", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "dec",  "dr",
                                               "feb", "gen", "gov", "inc",  "jan",  "jr", "jul", "jun",  "lt",   "ltd",
                                               "maj", "mar", "mr",  "mrs",  "ms",   "mt", "nov", "oct",  "prof", "rep",
                                               "rev", "sen", "sep", "sept", "sgt",  "sr", "st",  "supt", "vs"};

struct List {
  const std::string_view* words;
  std::size_t size;
  Flags flag;
};

template <std::size_t N>
constexpr List list(const std::string_view (&words)[N], Flags flag) {
  return {words, N, flag};
}

constexpr std::string_view kAccording[] = {"according"};
constexpr std::string_view kTo[] = {"to"};
constexpr std::string_view kQuoted[] = {"quoted"};
constexpr std::string_view kIt[] = {"it"};
constexpr std::string_view kThey[] = {"they"};
constexpr std::string_view kThem[] = {"them"};
constexpr std::string_view kSaying[] = {"saying"};
constexpr std::string_view kAs[] = {"as"};
constexpr std::string_view kBy[] = {"by"};
constexpr std::string_view kThat[] = {"that"};
constexpr std::string_view kThe[] = {"the"};

constexpr List kLists[] = {
    list(kReportingVerbs, kReportingVerb),
    list(kListenerVerbs, kListenerVerb),
    list(kTitleWords, kTitleWord),
    list(kNameStopwords, kNameStopword),
    list(kDeterminers, kDeterminer),
    list(kPersonPronouns, kPersonPronoun),
    list(kVerbModifiers, kVerbModifier),
    list(kPhraseBreaks, kPhraseBreak),
    list(kPersonNouns, kPersonNoun),
    list(kTermCues, kTermCue),
    list(kNicknameCues, kNicknameCue),
    list(kPrepositions, kPreposition),
    list(kPassiveAuxiliaries, kPassiveAuxiliary),
    list(kSmallTitleWords, kSmallTitleWord),
    list(kSubordinators, kSubordinator),
    list(kAppositiveOpeners, kAppositiveOpener),
    list(kIndirectDirectObject, kIndirectDirectObjectVerb),
    list(kIndirectWithThat, kIndirectWithThatVerb),
    list(kAbbreviations, kAbbreviation),
    list(kAccording, kWordAccording),
    list(kTo, kWordTo),
    list(kQuoted, kWordQuoted),
    list(kIt, kWordIt),
    list(kThey, kWordThey),
    list(kThem, kWordThem),
    list(kSaying, kWordSaying),
    list(kAs, kWordAs),
    list(kBy, kWordBy),
    list(kThat, kWordThat),
    list(kThe, kWordThe),
};

// A word of up to kMaxWord bytes, lower-cased and packed into two integers: one comparison of
// two integers instead of memcmp, and a hash from a few multiplications.
constexpr std::size_t kMaxWord = 16;

struct Key {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  std::uint64_t size = 0;
  bool operator==(const Key&) const = default;
};

constexpr unsigned char lower_byte(char c) {
  return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

constexpr std::size_t kSlotBits = 12;  // a quarter of the slots or less in use: short probes
constexpr std::size_t kSlots = std::size_t{1} << kSlotBits;

constexpr std::size_t slot_of(const Key& key) {
  const std::uint64_t mixed = key.low * 0x9E3779B97F4A7C15ull ^ (key.high + key.size) * 0xC2B2AE3D27D4EB4Full;
  return static_cast<std::size_t>(mixed >> (64 - kSlotBits));
}

constexpr std::size_t kMaxEntries = 640;

struct Entry {
  Key key;
  Flags flags = 0;
};

// Open addressing with linear probing; a slot holds an entry index, 0 when empty.
struct Table {
  std::array<std::uint16_t, kSlots> slots{};
  std::array<Entry, kMaxEntries> entries{};  // entries[0]: size 0, matches no word
  std::size_t count = 1;
};

constexpr Key key_of_entry(std::string_view word) {
  Key key;
  key.size = word.size();
  for (std::size_t i = 0; i < word.size(); ++i) {
    const std::uint64_t byte = lower_byte(word[i]);
    if (i < 8) {
      key.low |= byte << (8 * i);
    } else {
      key.high |= byte << (8 * (i - 8));
    }
  }
  return key;
}

constexpr Table build_table() {
  Table table;
  for (const List& source : kLists) {
    for (std::size_t i = 0; i < source.size; ++i) {
      const std::string_view word = source.words[i];
      if (word.empty() || word.size() > kMaxWord) throw "lexicon word too long for the table";
      const Key key = key_of_entry(word);
      std::size_t slot = slot_of(key);
      while (table.slots[slot] != 0 && !(table.entries[table.slots[slot]].key == key)) {
        slot = (slot + 1) % kSlots;
      }
      if (table.slots[slot] == 0) {
        if (table.count >= kMaxEntries) throw "raise kMaxEntries";
        table.entries[table.count] = {key, 0};
        table.slots[slot] = static_cast<std::uint16_t>(table.count++);
      }
      table.entries[table.slots[slot]].flags |= source.flag;
    }
  }
  return table;
}

constexpr Table kTable = build_table();

// One bit per slot: whether some word's probe starts there. Most words of a text are on no list,
// and this 512-byte map turns most of them away without touching the 28 KB table, whose lines
// would otherwise miss the cache.
constexpr std::array<std::uint64_t, kSlots / 64> build_home_slots() {
  std::array<std::uint64_t, kSlots / 64> bits{};
  for (std::size_t index = 1; index < kTable.count; ++index) {
    const std::size_t slot = slot_of(kTable.entries[index].key);
    bits[slot / 64] |= std::uint64_t{1} << (slot % 64);
  }
  return bits;
}

constexpr std::array<std::uint64_t, kSlots / 64> kHomeSlots = build_home_slots();

}  // namespace

namespace {

// Inlined into both lookups: it runs once per word token.
inline __attribute__((always_inline)) Flags find(const Key& key, bool has_upper) {
  const std::size_t home = slot_of(key);
  if ((kHomeSlots[home / 64] >> (home % 64) & 1) == 0) return 0;
  for (std::size_t slot = home;; slot = (slot + 1) % kSlots) {
    // An empty slot leads to entry 0, which matches no word: one test tells both a hit and an
    // empty slot apart from a collision, and a hit from a miss needs no branch.
    const std::uint16_t index = kTable.slots[slot];
    const Entry& entry = kTable.entries[index];
    const bool match = ((entry.key.low ^ key.low) | (entry.key.high ^ key.high) | (entry.key.size ^ key.size)) == 0;
    if (match || index == 0) {
      const Flags found = entry.flags | (has_upper ? Flags{kHasAsciiUpper} : Flags{0});
      return match ? found : 0;
    }
  }
}

constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
constexpr std::uint64_t kEachByte = 0x0101010101010101ull;

// The bytes of `block` that are ASCII capitals, as 0x80 in each such byte.
std::uint64_t ascii_capitals(std::uint64_t block) {
  const std::uint64_t low7 = block & ~kHighBits;
  const std::uint64_t at_least_a = low7 + (0x80 - 'A') * kEachByte;
  const std::uint64_t above_z = low7 + (0x80 - 'Z' - 1) * kEachByte;
  return at_least_a & ~above_z & ~block & kHighBits;
}

std::uint64_t load_block(const char* bytes) {
  std::uint64_t block;
  std::memcpy(&block, bytes, sizeof(block));
  return block;  // little-endian: byte i in bits 8i..8i+7, as key_of_entry packs them
}

// The first `count` bytes of a block (count <= 8).
std::uint64_t first_bytes(std::uint64_t block, std::size_t count) {
  return count >= 8 ? block : block & ((std::uint64_t{1} << (8 * count)) - 1);
}

}  // namespace

Flags lookup(std::string_view word) noexcept {
  if (word.empty() || word.size() > kMaxWord) return 0;
  Key key;
  key.size = word.size();
  bool upper = false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    upper = upper || (c >= 'A' && c <= 'Z');
    const std::uint64_t byte = lower_byte(c);
    if (i < 8) {
      key.low |= byte << (8 * i);
    } else {
      key.high |= byte << (8 * (i - 8));
    }
  }
  return find(key, upper);
}

Flags lookup(std::string_view word, std::size_t readable) noexcept {
  static_assert(std::endian::native == std::endian::little, "keys are packed little-endian");
  if (readable < 2 * sizeof(std::uint64_t)) return lookup(word);
  if (word.empty() || word.size() > kMaxWord) return 0;
  Key key;
  key.size = word.size();
  const std::uint64_t low = first_bytes(load_block(word.data()), word.size());
  const std::uint64_t high = word.size() > 8 ? first_bytes(load_block(word.data() + 8), word.size() - 8) : 0;
  const std::uint64_t low_capitals = ascii_capitals(low);
  const std::uint64_t high_capitals = ascii_capitals(high);
  key.low = low | (low_capitals >> 2);  // 0x80 >> 2 is the 0x20 that lower-cases A-Z
  key.high = high | (high_capitals >> 2);
  return find(key, (low_capitals | high_capitals) != 0);
}

}  // namespace quote_finder::lexicon
