// Closed word lists of English news attribution, all in one hash table: a word is looked up once
// (case-insensitively in ASCII) and the answer says every list it is on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace quote_finder::lexicon {

using Flags = std::uint32_t;

enum Flag : Flags {
  // Verbs that attribute speech or writing: "said", "added", "told", "wrote", "called" (for
  // partial quotes: `called the plan "a disgrace"`).
  kReportingVerb = 1u << 0,
  // Verbs whose object is the listener, never the speaker: "told reporters", "asked the minister".
  kListenerVerb = 1u << 1,
  // Titles, occupations and the words that build them ("Education Minister", "Sen.", "striker"):
  // the words before a name that are not part of it.
  kTitleWord = 1u << 2,
  // Capitalised words that do not begin or belong to a name: sentence openers, days, months.
  kNameStopword = 1u << 3,
  kDeterminer = 1u << 4,
  kPersonPronoun = 1u << 5,  // he she him her
  // Words between a subject and its verb: "Upton had also said", "he further informed".
  kVerbModifier = 1u << 6,
  // Function words that end a noun phrase.
  kPhraseBreak = 1u << 7,
  // Nouns for an unnamed person that refer back to someone named earlier ("the youngster").
  kPersonNoun = 1u << 8,
  // Words before a quote that make it a term, not speech: "so-called", "dubbed", "hashtag".
  kTermCue = 1u << 9,
  kNicknameCue = 1u << 10,
  kPreposition = 1u << 11,
  kPassiveAuxiliary = 1u << 12,  // "was" in "the deal was criticised"
  kSmallTitleWord = 1u << 13,    // words a title-case span may leave in lower case: "of", "the"
  kSubordinator = 1u << 14,      // ", while …," opens an appositive
  kAppositiveOpener = 1u << 15,  // ", a doctor,", ", who …,"
  // Verbs that report a statement without quote marks; most take it directly, the rest only
  // with "that".
  kIndirectDirectObjectVerb = 1u << 16,
  kIndirectWithThatVerb = 1u << 17,
  kAbbreviation = 1u << 18,  // words after which a dot does not end the sentence: "Sen", "Dr"
  // Single words the rules test for.
  kWordAccording = 1u << 19,
  kWordTo = 1u << 20,
  kWordQuoted = 1u << 21,
  kWordIt = 1u << 22,
  kWordThey = 1u << 23,
  kWordThem = 1u << 24,
  kWordSaying = 1u << 25,
  kWordAs = 1u << 26,
  kWordBy = 1u << 27,
  kWordThat = 1u << 28,
  kWordThe = 1u << 29,
  // Not a list: set with any of the above when the word as written has an ASCII capital.
  kHasAsciiUpper = 1u << 31,
};

// The lists `word` is on, ignoring ASCII case; 0 when none.
Flags lookup(std::string_view word) noexcept;
// The same, reading whole 8-byte blocks when `readable` bytes from word.data() may be read
// (word.size() <= readable): for a word inside a larger text.
Flags lookup(std::string_view word, std::size_t readable) noexcept;

}  // namespace quote_finder::lexicon
