#include "lexicon.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

namespace quote_finder::lexicon {

namespace {

// Each list is sorted (checked at compile time) and searched with binary search.
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

template <std::size_t N>
constexpr bool sorted(const std::string_view (&list)[N]) {
  return std::is_sorted(std::begin(list), std::end(list));
}
static_assert(sorted(kReportingVerbs) && sorted(kListenerVerbs) && sorted(kTitleWords) && sorted(kNameStopwords) &&
              sorted(kDeterminers) && sorted(kPersonPronouns) && sorted(kVerbModifiers) && sorted(kPhraseBreaks) &&
              sorted(kPersonNouns) && sorted(kTermCues) && sorted(kNicknameCues));

// A sorted word list plus, per initial letter, the word lengths that occur: most words are
// rejected by one table lookup before any string comparison.
template <std::size_t N>
class WordSet {
 public:
  constexpr explicit WordSet(const std::string_view (&words)[N]) : words_(words) {
    for (const std::string_view entry : words) {
      if (entry[0] >= 'a' && entry[0] <= 'z' && entry.size() < 32) masks_[entry[0] - 'a'] |= 1u << entry.size();
    }
  }

  [[nodiscard]] bool contains(std::string_view word) const {
    if (word.empty()) return false;
    const char initial = word[0];
    if (initial >= 'a' && initial <= 'z' && (word.size() >= 32 || (masks_[initial - 'a'] & (1u << word.size())) == 0)) {
      return false;
    }
    return std::binary_search(std::begin(words_), std::end(words_), word);
  }

 private:
  const std::string_view (&words_)[N];
  std::array<std::uint32_t, 26> masks_{};
};

constexpr WordSet kReportingVerbSet(kReportingVerbs);
constexpr WordSet kListenerVerbSet(kListenerVerbs);
constexpr WordSet kTitleWordSet(kTitleWords);
constexpr WordSet kNameStopwordSet(kNameStopwords);
constexpr WordSet kDeterminerSet(kDeterminers);
constexpr WordSet kPersonPronounSet(kPersonPronouns);
constexpr WordSet kVerbModifierSet(kVerbModifiers);
constexpr WordSet kPhraseBreakSet(kPhraseBreaks);
constexpr WordSet kPersonNounSet(kPersonNouns);
constexpr WordSet kTermCueSet(kTermCues);
constexpr WordSet kNicknameCueSet(kNicknameCues);

}  // namespace

bool is_reporting_verb(std::string_view lower) noexcept {
  return kReportingVerbSet.contains(lower);
}
bool takes_listener_object(std::string_view lower) noexcept {
  return kListenerVerbSet.contains(lower);
}
bool is_title_word(std::string_view lower) noexcept {
  return kTitleWordSet.contains(lower);
}
bool is_name_stopword(std::string_view lower) noexcept {
  return kNameStopwordSet.contains(lower);
}
bool is_determiner(std::string_view lower) noexcept {
  return kDeterminerSet.contains(lower);
}
bool is_person_pronoun(std::string_view lower) noexcept {
  return kPersonPronounSet.contains(lower);
}
bool is_verb_modifier(std::string_view lower) noexcept {
  return kVerbModifierSet.contains(lower);
}
bool is_phrase_break(std::string_view lower) noexcept {
  return kPhraseBreakSet.contains(lower);
}
bool is_person_noun(std::string_view lower) noexcept {
  // "the 38-year-old" refers to a person as surely as "the youngster".
  return kPersonNounSet.contains(lower) || lower.ends_with("-year-old");
}
bool is_term_cue(std::string_view lower) noexcept {
  return kTermCueSet.contains(lower);
}
bool is_nickname_cue(std::string_view lower) noexcept {
  return kNicknameCueSet.contains(lower);
}

}  // namespace quote_finder::lexicon
