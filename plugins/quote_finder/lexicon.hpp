// Closed word lists of English news attribution. All lookups take a lower-cased word.
#pragma once

#include <string_view>

namespace quote_finder::lexicon {

// Verbs that attribute speech or writing: "said", "added", "told", "wrote", "called" (for
// partial quotes: `called the plan "a disgrace"`).
bool is_reporting_verb(std::string_view lower) noexcept;
// Verbs whose object is the listener, never the speaker: "told reporters", "asked the minister".
bool takes_listener_object(std::string_view lower) noexcept;
// Titles, occupations and the words that build them ("Education Minister", "Sen.", "striker"):
// the words before a name that are not part of it.
bool is_title_word(std::string_view lower) noexcept;
// Capitalised words that do not begin or belong to a name: sentence openers, days, months.
bool is_name_stopword(std::string_view lower) noexcept;
bool is_determiner(std::string_view lower) noexcept;
bool is_person_pronoun(std::string_view lower) noexcept;  // he she him her
// Words between a subject and its verb: "Upton had also said", "he further informed".
bool is_verb_modifier(std::string_view lower) noexcept;
// Function words that end a noun phrase.
bool is_phrase_break(std::string_view lower) noexcept;
// Nouns for an unnamed person that refer back to someone named earlier ("the youngster").
bool is_person_noun(std::string_view lower) noexcept;
// Words before a quote that make it a term, not speech: "so-called", "dubbed", "hashtag".
bool is_term_cue(std::string_view lower) noexcept;
bool is_nickname_cue(std::string_view lower) noexcept;

}  // namespace quote_finder::lexicon
