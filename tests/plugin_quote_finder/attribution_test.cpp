// Who said it: attribution patterns, pronouns, role nouns, fullest names, sources, offsets.
#include <catch2/catch.hpp>

#include "support.hpp"

using quote_test::direct_quotes;
using quote_test::Found;
using textbench::testing::PluginHarness;

namespace {

// The speakers of the direct quotes, "-" for none.
std::vector<std::string> speakers(const std::string& text) {
  std::vector<std::string> result;
  for (const Found& quote : direct_quotes(text)) result.push_back(quote.speaker.value_or("-"));
  return result;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("attribution after the quote: X said, said X, X added", "[quote_finder][attribution]") {
  CHECK(speakers("“Prices will fall by spring,” central bank governor Maria Sousa said.") == Names{"Maria Sousa"});
  CHECK(speakers("\"Prices will fall by spring,\" said Maria Sousa, the central bank governor.") ==
        Names{"Maria Sousa"});
  CHECK(speakers("\"The vote is a disgrace,\" said opposition MP Grace Otieno on Wednesday.") == Names{"Grace Otieno"});
  CHECK(speakers("Fisheries minister Tom Hale met the crews. “Quotas stay as they are,” Hale added.") ==
        Names{"Tom Hale"});
  CHECK(speakers("\"We are not going anywhere,\" insists union organiser Lea Brandt.") == Names{"Lea Brandt"});
  CHECK(speakers("“Turn it off!” the conductor shouted.") == Names{"the conductor"});
}

TEST_CASE("attribution before the quote: X said, X told, according to X, X: “…”", "[quote_finder][attribution]") {
  CHECK(speakers("Finance minister Olaf Berger said: “The budget is balanced.”") == Names{"Olaf Berger"});
  CHECK(speakers("Striker Kofi Mensah told reporters, \"We wanted this more.\"") == Names{"Kofi Mensah"});
  CHECK(speakers("According to fire chief Helen Ward, “the blaze started in the kitchen.”") == Names{"Helen Ward"});
  CHECK(speakers("Prime Minister Lena Hoff: “We will not raise taxes.”") == Names{"Lena Hoff"});
  CHECK(speakers("Hospital director Amir Saleh, a surgeon for thirty years, said: \"We have never seen this.\"") ==
        Names{"Amir Saleh"});
}

TEST_CASE("told reporters, wrote on Twitter, was quoted as saying", "[quote_finder][attribution]") {
  CHECK(speakers("“The talks were frank,” envoy Jonas Lind told reporters in Geneva.") == Names{"Jonas Lind"});
  CHECK(speakers("Singer Ava Cruz wrote on Twitter: “Thank you, Lisbon, you were amazing!”") == Names{"Ava Cruz"});
  CHECK(speakers("“We did nothing wrong,” club owner Ray Dunn was quoted as saying.") == Names{"Ray Dunn"});
  CHECK(speakers("Ava Cruz posted on Instagram: \"Back in the studio.\"") == Names{"Ava Cruz"});
}

TEST_CASE("an agency relaying a quote is the source, not the speaker", "[quote_finder][attribution]") {
  const auto found = direct_quotes(
      "President Ivan Petrov met the delegation on Monday. \"The border stays open,\" news agency AP quoted the "
      "president as saying.");
  REQUIRE(found.size() == 1);
  CHECK(found[0].speaker == "Ivan Petrov");
  CHECK(found[0].source == "AP");
  CHECK(found[0].verb == "quoted");

  const auto state_media = direct_quotes(
      "Activist Yulia Orlova was detained on Friday. “They cannot silence all of us,” state media quoted her as "
      "saying.");
  REQUIRE(state_media.size() == 1);
  CHECK(state_media[0].speaker == "Yulia Orlova");
  CHECK(state_media[0].mention == "her");
}

TEST_CASE("pronouns resolve to the last named speaker", "[quote_finder][attribution]") {
  CHECK(speakers("Airline chief Sofia Marin spoke after the strike. “We lost millions,” she said. “We will recover,” "
                 "she added.") == Names{"Sofia Marin", "Sofia Marin"});
  // The subject of an intervening sentence who has not spoken does not take over the pronoun.
  CHECK(speakers("\"We need new players,\" coach Bruno Alves said.\n\nAlves worked with Pedro Silva last season.\n\n"
                 "\"I trust my squad,\" he said.") == Names{"Bruno Alves", "Bruno Alves"});
  // Someone reported as saying something is a speaker a pronoun can refer to.
  CHECK(speakers("\"We will appeal,\" lawyer Nina Roth said.\n\nProsecutor Karl Weiss said the case was strong.\n\n"
                 "\"The evidence is overwhelming,\" he added.") == Names{"Nina Roth", "Karl Weiss"});
  CHECK(speakers("Joe Smith went to the market. He said, \"The prices are crazy.\"") == Names{"Joe Smith"});
}

TEST_CASE("a pronoun finds a speaker in a sentence longer than one piece of the backward reading",
          "[quote_finder][attribution]") {
  // The paragraph is read back in pieces of a few hundred bytes: the sentence naming the speaker
  // starts more than a piece before the paragraph's end, and a later sentence names someone else.
  std::string long_opening = "After a day in court that began early";
  for (int i = 0; i < 12; ++i) long_opening += " and went on with more statements from the witnesses";
  const std::string text = long_opening +
                           " prosecutor Karl Weiss said the case was strong. Anna Berg walked out.\n\n"
                           "\"The evidence is overwhelming,\" he added.";
  REQUIRE(long_opening.size() > 600);
  CHECK(speakers(text) == Names{"Karl Weiss"});
  // Without the reporting verb, the latest name is taken.
  const std::string no_verb = long_opening +
                              " prosecutor Karl Weiss left. Anna Berg walked out.\n\n"
                              "\"The evidence is overwhelming,\" he added.";
  CHECK(speakers(no_verb) == Names{"Anna Berg"});
}

TEST_CASE("role nouns resolve to the person named earlier with that role", "[quote_finder][attribution]") {
  CHECK(speakers("Ukrainian president Volodymyr Zelensky visited the front. “We will hold,” the president said.") ==
        Names{"Volodymyr Zelensky"});
  CHECK(speakers("Chief Minister Anil Rao toured the flooded villages. \"Help is coming,\" the CM said.") ==
        Names{"Anil Rao"});
  CHECK(speakers("Defence Minister Karin Ek spoke in Stockholm. \"Our support is firm,\" the minister said.") ==
        Names{"Karin Ek"});
  CHECK(speakers("The 19-year-old Mateo Ruiz won the final. \"It is a dream,\" said the teenager.") ==
        Names{"Mateo Ruiz"});
}

TEST_CASE("the speaker is given as the fullest name the article uses", "[quote_finder][attribution]") {
  CHECK(speakers("Senator Margaret Doyle opened the hearing. \"We want answers,\" Doyle said.") ==
        Names{"Margaret Doyle"});
  CHECK(speakers("Ms Okafor was elected in 2019. “I will run again,” Ms Okafor said. Grace Okafor leads the "
                 "party.") == Names{"Grace Okafor"});
}

TEST_CASE("a quote with no attribution continues the previous speaker", "[quote_finder][attribution]") {
  CHECK(speakers("\"The ice is thinner every year,\" glaciologist Erik Dahl said. \"We measure it every week.\"") ==
        Names{"Erik Dahl", "Erik Dahl"});
  CHECK(speakers("\"Where is the money?\"") == Names{"-"});
}

TEST_CASE("organisations and documents can be speakers", "[quote_finder][attribution]") {
  CHECK(speakers("\"Services will resume on Monday,\" the transport ministry said in a statement.") ==
        Names{"the transport ministry"});
  CHECK(speakers("“Safety is our first priority,” the company said.") == Names{"the company"});
}

TEST_CASE("speaker_mention and its offsets point at the words in the text", "[quote_finder][attribution]") {
  PluginHarness harness(textbench_descriptor_quote_finder());
  const std::string text = "Judge Alma Cruz read the verdict. “You showed no remorse,” she said.";
  const textbench::Document document = harness.run(text);
  const auto quotes = textbench::testing::find_all(document, "quote");
  REQUIRE(quotes.size() == 1);
  const auto& attrs = quotes[0]->attrs;
  const auto begin = static_cast<std::size_t>(std::get<std::int64_t>(*attrs.find("mention_begin")));
  const auto end = static_cast<std::size_t>(std::get<std::int64_t>(*attrs.find("mention_end")));
  CHECK(text.substr(begin, end - begin) == "she");
  CHECK(attrs.get_string("speaker_mention") == "she");
  CHECK(attrs.get_string("speaker") == "Alma Cruz");
  CHECK(attrs.get_string("verb") == "said");
}

TEST_CASE("an unknown speaker is null", "[quote_finder][attribution]") {
  PluginHarness harness(textbench_descriptor_quote_finder());
  const textbench::Document document = harness.run("\"Everything changed that night.\"");
  const auto quotes = textbench::testing::find_all(document, "quote");
  REQUIRE(quotes.size() == 1);
  REQUIRE(quotes[0]->attrs.find("speaker") != nullptr);
  CHECK(std::holds_alternative<std::monostate>(*quotes[0]->attrs.find("speaker")));
}

TEST_CASE("indirect speech is annotated only when asked for", "[quote_finder][attribution]") {
  const std::string text = "Foreign minister Ana Costa said 3,000 people had asked to leave the region.";
  PluginHarness plain(textbench_descriptor_quote_finder());
  CHECK(quote_test::all_quotes(plain.run(text)).empty());

  PluginHarness indirect(textbench_descriptor_quote_finder(), {{"indirect", true}});
  const auto found = quote_test::all_quotes(indirect.run(text));
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "indirect");
  CHECK(found[0].text == "3,000 people had asked to leave the region");
  CHECK(found[0].speaker == "Ana Costa");
  CHECK(quote_test::all_quotes(indirect.run("Spinner Ravi Das dismissed the captain for 82 runs.")).empty());
  CHECK(quote_test::all_quotes(indirect.run("Mayor Ida Lin noted the bridge's age.")).empty());
  const auto noted = quote_test::all_quotes(indirect.run("Mayor Ida Lin noted that the bridge would reopen in May."));
  REQUIRE(noted.size() == 1);
  CHECK(noted[0].text == "the bridge would reopen in May");
  // A sentence with a direct quote is not also indirect speech.
  CHECK(quote_test::all_quotes(indirect.run("Ana Costa said: \"We will help them all.\"")).size() == 1);
}

TEST_CASE("appositions, party tags and participles around the verb", "[quote_finder][attribution]") {
  CHECK(speakers("\"The bill is dead,\" Rep. Ann Ford, D-Ohio, said on Tuesday.") == Names{"Ann Ford"});
  CHECK(speakers("Hospital chief Raj Mehta, who has run the ward since 2010, said: \"We are full.\"") ==
        Names{"Raj Mehta"});
  CHECK(speakers("The statement, signed by minister Eva Lund, read: \"Talks will continue.\"") ==
        Names{"The statement"});
  CHECK(speakers("Senator Max Byrne rejected the plan and said, \"It will never pass.\"") == Names{"Max Byrne"});
  CHECK(speakers("Governor Lee Park declined to comment further, saying \"the matter is before the courts.\"") ==
        Names{"Lee Park"});
  CHECK(speakers("Floods forced many to leave, according to the Director of Civil Defence, Mr Tariq Aziz. "
                 "\"Dozens of villages are under water,\" he said.") == Names{"Tariq Aziz"});
  CHECK(speakers("Meanwhile, a senior ministry official said: \"No decision has been taken.\"") ==
        Names{"a senior ministry official"});
}

TEST_CASE("British punctuation and pronouns in partial quotes", "[quote_finder][attribution]") {
  CHECK(speakers("\"We are ready for the vote\", party leader Sara Quinn said.") == Names{"Sara Quinn"});
  CHECK(speakers("Union leader Bob Hart spoke on Monday. He called the offer \"an insult to nurses.\"") ==
        Names{"Bob Hart"});
  CHECK(speakers("Critics said the plan was rushed. \"We were not consulted,\" said resident Amy Cole.ALSO READ: "
                 "Tax rules change") == Names{"Amy Cole"});
}

TEST_CASE("a news outlet is not the person a pronoun refers to", "[quote_finder][attribution]") {
  CHECK(speakers("According to the Daily Herald, 52-year-old Tom Reed was hurt in the crash. \"It happened so fast,\" "
                 "he said.") == Names{"Tom Reed"});
  CHECK(speakers("Mayor Ken Obi ordered an inquiry, The Courier reported. \"We owe the families answers,\" he "
                 "said.") == Names{"Ken Obi"});
}

TEST_CASE("sentence openers are not subjects", "[quote_finder][attribution]") {
  CHECK(speakers("Meanwhile, Chief Minister Asha Verma issued a warning, saying, \"Nobody is above the law.\"") ==
        Names{"Asha Verma"});
  CHECK(speakers("Originally from Lagos, Tunde Bello moved to London at 12. \"I had nothing,\" he told the BBC.") ==
        Names{"Tunde Bello"});
}

TEST_CASE("quoted as saying before the quote, and numbers with commas", "[quote_finder][attribution]") {
  const auto relayed = direct_quotes("Reuters quoted Trade Minister Omar Haddad as saying: \"The deal is done.\"");
  REQUIRE(relayed.size() == 1);
  CHECK(relayed[0].speaker == "Omar Haddad");
  CHECK(relayed[0].source == "Reuters");
  CHECK(speakers("The company, which employs 5,000 people, said it was \"reviewing all options\".") ==
        Names{"The company"});
}

TEST_CASE("coordinated verbs, inverted questions and conjunctions after a quote", "[quote_finder][attribution]") {
  CHECK(speakers("Mayor Tom Beck called the report a \"hatchet job\" and said: \"We will sue.\"") ==
        Names{"Tom Beck", "Tom Beck"});
  CHECK(speakers("\"Is this the end?\" asked one fan. \"No,\" replied coach Dan Weir.") ==
        Names{"one fan", "Dan Weir"});
  CHECK(speakers("Officials described the raid as a \"success\", but residents disagreed.") == Names{"Officials"});
}

TEST_CASE("adverbials between subject and verb, inverted Said, acronym titles", "[quote_finder][attribution]") {
  CHECK(speakers("Minister Ravi Nair, in a post on X, said, \"The bridge is safe.\"") == Names{"Ravi Nair"});
  CHECK(speakers("Ravi Nair, while refusing to name anyone, said: \"Mistakes were made.\"") == Names{"Ravi Nair"});
  CHECK(speakers("Said DSP Anil Kumar, \"The situation is under control.\"") == Names{"Anil Kumar"});
  CHECK(speakers("India urged Mali to secure the \"safe and quick\" release of the workers abducted last week.") ==
        Names{"India"});
}

TEST_CASE("a passive verb after a quoted term does not attribute it", "[quote_finder][attribution]") {
  PluginHarness harness(textbench_descriptor_quote_finder());
  const auto found = quote_test::all_quotes(harness.run("Boris Johnson's 'oven-ready' deal was criticised."));
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "scare");
  CHECK(speakers("The plan, called a \"disaster\" by union leader Sam Orr, was dropped. \"We listened,\" minister "
                 "Jo Ray said.") == Names{"Sam Orr", "Jo Ray"});
}

TEST_CASE("an unattributed quote after someone is introduced is theirs", "[quote_finder][attribution]") {
  CHECK(speakers("Coach Maria Vega was furious after the loss.\n\n\"The referee decided the game.\"\n\nVega said she "
                 "would appeal.") == Names{"Maria Vega"});
}

TEST_CASE("an age used as a title resolves to the person it described", "[quote_finder][attribution]") {
  CHECK(speakers("Rescuers found 38-year-old Lucia Mendes under the rubble on Sunday. Her brother Paulo waited "
                 "outside.\n\n\"I thought I would die there,\" the 38-year-old said.") == Names{"Lucia Mendes"});
}
