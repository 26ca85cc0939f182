// Which spans are quotes: marks, apostrophes, nesting, interruptions, paragraphs, non-speech.
#include <catch2/catch.hpp>

#include "support.hpp"

using quote_test::direct_quotes;
using quote_test::Found;
using textbench::testing::PluginHarness;

namespace {

std::vector<std::string> texts(const std::vector<Found>& found) {
  std::vector<std::string> result;
  for (const Found& quote : found) result.push_back(quote.text);
  return result;
}

using Texts = std::vector<std::string>;

}  // namespace

TEST_CASE("curly and straight double quotes", "[quote_finder][marks]") {
  CHECK(texts(direct_quotes("“The bridge will reopen in May,” transport secretary Ana Lind said.")) ==
        Texts{"The bridge will reopen in May,"});
  CHECK(texts(direct_quotes("\"We expect a long winter,\" said grid operator chief Tomas Berg.")) ==
        Texts{"We expect a long winter,"});
  // A straight closing mark after a curly opening one still closes it.
  CHECK(texts(direct_quotes("“Nobody was hurt.\" the fire chief said.")) == Texts{"Nobody was hurt."});
  // A missing space after the closing mark does not glue two quotes together.
  CHECK(
      texts(direct_quotes("\"I was scared,\" she said, as per the report.\"Then the lights went out,\" she added.")) ==
      Texts{"I was scared,", "Then the lights went out,"});
}

TEST_CASE("single-quote quotations are told apart from apostrophes", "[quote_finder][marks]") {
  CHECK(texts(direct_quotes("Health minister Rosa Vidal said: 'We won't close a single ward.'")) ==
        Texts{"We won't close a single ward."});
  CHECK(texts(direct_quotes("Ukraine's grain exports fell, and the farmers' union blamed the '90s rules.")).empty());
  CHECK(texts(direct_quotes("‘It’s the Smiths’ house, not ours,’ said neighbour Jan Kos.")) ==
        Texts{"It’s the Smiths’ house, not ours,"});
  CHECK(texts(direct_quotes("’Tis the season, the shop’s owner joked, and rock ’n’ roll played on.")).empty());
  CHECK(direct_quotes("Fans sang 'til dawn while the band played rock 'n' roll hits from the '60s.").empty());
  // A possessive after s inside a single-quoted quote does not close it.
  CHECK(texts(direct_quotes("'The players' union will strike on Monday,' a spokesman for the club said.")) ==
        Texts{"The players' union will strike on Monday,"});
}

TEST_CASE("nested quotes stay inside the outer quote, with the same or other marks", "[quote_finder][marks]") {
  CHECK(texts(direct_quotes("“If Brussels is “serious” about talks, it must lift the tariffs,” trade minister Li Wen "
                            "said.")) == Texts{"If Brussels is “serious” about talks, it must lift the tariffs,"});
  CHECK(texts(direct_quotes("\"He told me 'go home', so I went home,\" the witness told the court.")) ==
        Texts{"He told me 'go home', so I went home,"});
  CHECK(texts(direct_quotes("'They kept saying \"next week\" for a year,' tenant Mia Holt said.")) ==
        Texts{"They kept saying \"next week\" for a year,"});
  CHECK(texts(direct_quotes(
            "\"Officials called it \"routine\" and then \"unprecedented\",\" Senator Paul Vance said.")) ==
        Texts{"Officials called it \"routine\" and then \"unprecedented\","});
}

TEST_CASE("a quote interrupted by its attribution gives two linked parts", "[quote_finder][marks]") {
  const auto found = direct_quotes("“We will rebuild,” Mayor Ines Duarte said, “but not before the river is tamed.”");
  REQUIRE(texts(found) == Texts{"We will rebuild,", "but not before the river is tamed."});
  CHECK(found[0].speaker == "Ines Duarte");
  CHECK(found[1].speaker == "Ines Duarte");
  REQUIRE(found[0].group.has_value());
  CHECK(found[0].group == found[1].group);
  CHECK(found[0].part == 0);
  CHECK(found[1].part == 1);

  const auto separate = direct_quotes("“We will rebuild,” Ines Duarte said. “The river is another matter.”");
  REQUIRE(separate.size() == 2);
  CHECK_FALSE(separate[1].group.has_value());
}

TEST_CASE("multi-paragraph quotes run from the first opening mark to the final closing mark", "[quote_finder][marks]") {
  const std::string text =
      "Coach Rita Olsen did not hide her disappointment.\n\n"
      "“We gave away two soft goals.\n\n"
      "“We have to be better at home,” she said.";
  CHECK(texts(direct_quotes(text)) == Texts{"We gave away two soft goals.\n\n“We have to be better at home,"});

  // A later paragraph without a re-opening mark, closed at its end, belongs to the quote too.
  const std::string unmarked =
      "\"The storm hit at night. Nobody expected it.\n\nWe lost the barn,\" farmer Joe Platt said.";
  CHECK(texts(direct_quotes(unmarked)) == Texts{"The storm hit at night. Nobody expected it.\n\nWe lost the barn,"});

  const auto found = quote_test::all_quotes(PluginHarness(textbench_descriptor_quote_finder()).run(text));
  REQUIRE(found.size() == 1);
}

TEST_CASE("an unclosed quote does not swallow the rest of the article", "[quote_finder][marks]") {
  const std::string text =
      "The council called the budget \"final. Members voted against it anyway.\n\n"
      "Later, \"we will try again next year,\" council leader Omar Field said.\n\n"
      "\"Nothing is settled,\" he added.";
  CHECK(texts(direct_quotes(text)) == Texts{"we will try again next year,", "Nothing is settled,"});
  // An opening mark with another opening mark before any closing one is unclosed.
  CHECK(texts(direct_quotes("He called it \"a farce. \"We are leaving,\" union boss Kim Tate said.")) ==
        Texts{"We are leaving,"});
  CHECK(direct_quotes("The mayor said the plan was \"final and binding. Councillors disagreed.").empty());
}

TEST_CASE("scare quotes, titles and nicknames are not speech", "[quote_finder][marks]") {
  PluginHarness harness(textbench_descriptor_quote_finder());
  const auto found =
      quote_test::all_quotes(harness.run("Moscow calls the war a so-called “special operation”. The film “Quiet "
                                         "Harbour” opened on Friday, and a striker nicknamed “Rocket” scored twice. "
                                         "Critics call the new tax a “stealth” measure."));
  REQUIRE(found.size() == 4);
  CHECK(found[0].kind == "scare");
  CHECK(found[1].kind == "title");
  CHECK(found[2].kind == "name");
  CHECK(found[3].kind == "scare");

  PluginHarness speech_only(textbench_descriptor_quote_finder(), {{"keep_non_speech", false}});
  CHECK(quote_test::all_quotes(speech_only.run("The so-called “reform package” stalled in parliament.")).empty());
}

TEST_CASE("partial quotes of a named speaker count as speech", "[quote_finder][marks]") {
  const auto found =
      direct_quotes("Opposition leader Carla Reyes called the deal \"a betrayal of workers\" on Tuesday.");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "a betrayal of workers");
  CHECK(found[0].speaker == "Carla Reyes");
  const auto termed = direct_quotes(
      "Police chief Dan Holt said officers faced what he termed \"organised chaos\" at "
      "the stadium.");
  REQUIRE(termed.size() == 1);
  CHECK(termed[0].speaker == "Dan Holt");
}

TEST_CASE("the single_quotes parameter turns single marks off", "[quote_finder][marks]") {
  PluginHarness harness(textbench_descriptor_quote_finder(), {{"single_quotes", false}});
  CHECK(direct_quotes(harness, "Rail boss Ian Cole said: 'Fares will rise.'").empty());
  CHECK(direct_quotes(harness, "Rail boss Ian Cole said: \"Fares will rise.\"").size() == 1);
}

TEST_CASE("a quote heading a headline line is a title", "[quote_finder][marks]") {
  PluginHarness harness(textbench_descriptor_quote_finder());
  const auto found = quote_test::all_quotes(
      harness.run("\"We will rebuild,\" Mayor Ada Lin said.\n\nAlso Read | \"We were abandoned\": Flood victims "
                  "speak out\n\n\"We were abandoned\": survivors of the flood in Derna\n\nSenator Bo Park said: \"It "
                  "is over.\""));
  REQUIRE(found.size() == 4);
  CHECK(found[0].kind == "direct");
  CHECK(found[1].kind == "title");
  CHECK(found[2].kind == "title");
  CHECK(found[3].kind == "direct");
}

TEST_CASE("a short title-case name keeps its kind when the full stop is inside the marks", "[quote_finder][marks]") {
  PluginHarness harness(textbench_descriptor_quote_finder());
  const auto found = quote_test::all_quotes(
      harness.run("Ten people were arrested under \"Operation Clean Sweep.\" Minister Lu Wen said: \"Thank You.\""));
  REQUIRE(found.size() == 2);
  CHECK(found[0].kind == "title");
  CHECK(found[1].kind == "direct");
}
