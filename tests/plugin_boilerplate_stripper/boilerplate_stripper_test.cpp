// Tests for boilerplate_stripper. The sentences are written for these tests in the style of news
// pages; none is taken from the evaluation data.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "textbench/plugin.hpp"
#include "textbench/testing/harness.hpp"

TEXTBENCH_DECLARE_PLUGIN(boilerplate_stripper);

using textbench::StringList;
using textbench::StringMap;
using textbench::testing::covered_source;
using textbench::testing::find_all;
using textbench::testing::PluginError;
using textbench::testing::PluginHarness;

namespace {

const std::string kPara1 = "The district council approved the new water scheme on Monday after a long debate.";
const std::string kPara2 = "Officials said the work would begin in March and finish before the monsoon.";

PluginHarness& default_stripper() {
  static PluginHarness harness(textbench_descriptor_boilerplate_stripper());
  return harness;
}

// Runs the default rules over `para1 \n\n inserted \n\n para2` and returns the text left.
std::string strip_between(const std::string& inserted) {
  return std::string(default_stripper().run(kPara1 + "\n\n" + inserted + "\n\n" + kPara2).text());
}

std::string stripped(const std::string& text) {
  return std::string(default_stripper().run(text).text());
}

std::vector<std::string> rules_used(const textbench::Document& document) {
  std::vector<std::string> rules;
  for (const auto* annotation : find_all(document, "boilerplate")) {
    rules.emplace_back(annotation->attrs.get_string("rule"));
  }
  return rules;
}

}  // namespace

TEST_CASE("the 'Also read' family is removed in its spellings and separators", "[also_read]") {
  const std::string clean = kPara1 + "\n\n" + kPara2;
  for (const char* line : {"Also read: Flood alert issued for three coastal districts",
                           "ALSO READ | Flood alert issued for three coastal districts",
                           "Also Read - Flood alert issued for three coastal districts",
                           "Also read – Flood alert issued for three coastal districts",
                           "Also Read — Flood alert issued for three coastal districts",
                           "Also Read : Flood alert issued for three coastal districts",
                           "Also Read Flood alert issued for three coastal districts",
                           "READ ALSO: Flood alert issued for three coastal districts",
                           "Read Also | Flood alert issued for three coastal districts",
                           "Read more: Flood alert issued for three coastal districts",
                           "Also see: Flood alert issued for three coastal districts",
                           "Also watch | Flood alert issued for three coastal districts",
                           "Read | Flood alert issued for three coastal districts",
                           "ICYMI | Flood alert issued for three coastal districts",
                           "Don't Miss | Flood alert issued for three coastal districts"}) {
    INFO(line);
    CHECK(strip_between(line) == clean);
  }
}

TEST_CASE("a bare label takes the headline on the next line(s) and widget leftovers", "[also_read]") {
  const std::string clean = kPara1 + "\n\n" + kPara2;
  CHECK(strip_between("Also Read\nFlood alert issued for three coastal districts") == clean);
  CHECK(strip_between("ALSO READ | \n\nFlood alert issued for three coastal districts") == clean);
  CHECK(strip_between("READ ALSO\nFlood alert issued for three coastal districts\ntest") == clean);
  CHECK(strip_between("Read Also\nMinister Opens New Bridge Over The River...\narticle-image") == clean);
  // A short subhead after the block is the article's own and stays.
  CHECK(strip_between("ALSO READ:\n\nCouncil budget\n\nMore lines") ==
        kPara1 + "\n\nCouncil budget\n\nMore lines\n\n" + kPara2);
}

TEST_CASE("related-stories widgets go with their headline, time and date lines", "[widgets]") {
  const std::string clean = kPara1 + "\n\n" + kPara2;
  CHECK(strip_between("Related Stories\nRail fares to rise from next month\n2 MIN READ\n12 MAR 2024\n"
                      "Port workers call off strike after talks\n3 MIN READ\n11 MAR 2024") == clean);
  CHECK(strip_between("More From This Section\nRiver pollution\nHigh court orders study of river pollution\n"
                      "Budget 2024\nWhat the budget means for farmers this year") == clean);
  CHECK(strip_between("TRENDING NOW") == clean);
  CHECK(strip_between("Also Read\n\nState announces new sports policy for schools\n 3 HOURS AGO\n\n"
                      "Two held for smuggling sandalwood in forest area\n 5 HOURS AGO") == clean);
  // In a dated widget a headline only belongs to it when its time line follows.
  CHECK(strip_between("Related Stories\nRail fares to rise from next month\n2 MIN READ\n"
                      "-Heavy rain is likely over the hills on Tuesday") ==
        kPara1 + "\n\n-Heavy rain is likely over the hills on Tuesday\n\n" + kPara2);
}

TEST_CASE("recommendation and ad widgets go with their teaser and ad lines", "[widgets]") {
  const std::string clean = kPara1 + "\n\n" + kPara2;
  CHECK(strip_between(
            "PROMOTED\nA Term Plan For Your Family\nInsure Co\n|\nSponsored\nTop 5 Cars Under 10 Lakh\nAutoDeals") ==
        clean);
  CHECK(strip_between("by TaboolaSponsored LinksYou May Like\nLearn Coding In 30 Days.\nCodeSchool") == clean);
  CHECK(stripped(kPara1 + "\n\nYou May Like\nA teaser paragraph of some other story that the widget shows here, "
                          "long enough to read like an article paragraph of its own.") == kPara1);
}

TEST_CASE("calls to action, ads and site chrome are removed", "[site]") {
  const std::string clean = kPara1 + "\n\n" + kPara2;
  for (const char* line :
       {"Advertisement", "ADVERTISEMENT", "Advertisements", "Click here to connect with us on WhatsApp",
        "Stay updated with the latest - Click here to follow us on Instagram", "We're now on WhatsApp. Click to join.",
        "Follow The Daily Courier channel on WhatsApp", "Join our Telegram channel for the latest updates",
        "Download the Courier app and read premium stories", "Subscribe to our newsletter", "Share on WhatsApp",
        "FacebookTwitterWhatsappLinkedin", "Courier - your fastest source for breaking news! Read now.",
        "See an error in this article? Send us a correction",
        "Love football? Get daily match updates on our YouTube channel. Subscribe Now",
        "Headline: Gold Prices Set To Soar This Year!",
        "The post Ten Ways To Save Water appeared first on Green Living Daily."}) {
    INFO(line);
    CHECK(strip_between(line) == clean);
  }
}

TEST_CASE("syndication notes and disclaimers are removed, also when hard-wrapped", "[notes]") {
  const std::string clean = kPara1 + "\n\n" + kPara2;
  CHECK(strip_between("(This story has not been edited by Courier staff and is auto-generated from a syndicated "
                      "feed.)") == clean);
  CHECK(strip_between("(Except for the headline, this story has not been edited by Courier staff and is "
                      "published from a syndicated feed.)") == clean);
  CHECK(strip_between("Disclaimer: The views expressed are those of the analysts, not of this newspaper.") == clean);
  const auto document = default_stripper().run(kPara1 +
                                               "\n(Disclaimer: The opinions expressed in this column are\n"
                                               "those of the writer and do not reflect the views\n"
                                               "of this newspaper.)\n" +
                                               kPara2);
  CHECK(document.text() == kPara1 + "\n" + kPara2);
  CHECK(rules_used(document) == std::vector<std::string>{"disclaimer"});
}

TEST_CASE("'Read more at:' takes its URL and the truncated teaser above it", "[read_more]") {
  CHECK(strip_between("Officials said the scheme would cover ten villages ..\n\nRead more at:\n"
                      "https://news.example.com/articleshow/12345.cms") == kPara1 + "\n\n" + kPara2);
}

TEST_CASE("Hindi 'also read' lines and lists are removed", "[hindi]") {
  const std::string clean = kPara1 + "\n\n" + kPara2;
  CHECK(strip_between("यह भी पढ़ें: राज्य में नई खेल नीति लागू, स्कूलों को मिलेगा बजट") == clean);
  CHECK(strip_between("ये भी पढ़ें- राज्य में नई खेल नीति लागू, स्कूलों को मिलेगा बजट") == clean);
  CHECK(strip_between("ये भी पढ़ें :\n\n* राज्य में नई खेल नीति लागू, स्कूलों को मिलेगा बजट\n\n"
                      "* शहर में बारिश से यातायात प्रभावित, कई रास्ते बंद") == clean);
}

TEST_CASE("real sentences that mention reading, following or downloading stay", "[keep]") {
  for (const char* line :
       {"He also read the statement aloud before the committee.",
        "Click here to participate now: https://t.co/abc — Chief Minister (@cm_office) May 2, 2024",
        "To download the admit card, follow these steps:", "Download the PDF.",
        "Source: State Disaster Management Authority", "(With inputs from agencies)",
        "Also, the council read out the list of approved projects.",
        "#WATCH | Rescue teams reach the flooded village in boats", "Recommended for children aged 9-14 years",
        "The post of district collector has been vacant for a month."}) {
    INFO(line);
    const std::string text = kPara1 + "\n\n" + line + "\n\n" + kPara2;
    CHECK(stripped(text) == text);
  }
}

TEST_CASE("each removal is annotated with its rule, the removed text and the line's source offsets", "[audit]") {
  const std::string source = kPara1 + "\n\nAlso Read: Flood alert issued\n\n" + kPara2 + "\nAdvertisement\n";
  const auto document = default_stripper().run(source);
  CHECK(document.text() == kPara1 + "\n\n" + kPara2 + "\n");
  const auto found = find_all(document, "boilerplate");
  REQUIRE(found.size() == 2);
  CHECK(found[0]->attrs.get_string("rule") == "also_read");
  CHECK(found[0]->attrs.get_string("removed") == "Also Read: Flood alert issued");
  CHECK(covered_source(document, *found[0]) == "Also Read: Flood alert issued");
  CHECK(found[1]->attrs.get_string("rule") == "advertisement");
  CHECK(covered_source(document, *found[1]) == "Advertisement");
  CHECK(found[0]->begin == found[0]->end);  // the removed text is gone from the current text
}

TEST_CASE("offsets of a later annotation map back to the source after removal", "[audit]") {
  const std::string source = "ALSO READ | Bridge opens\n\nThe minister visited Nagpur on Friday.\n";
  auto document = default_stripper().run(source);
  const auto at = document.text().find("Nagpur");
  REQUIRE(at != std::string_view::npos);
  const auto& later = document.annotate("place", at, at + 6);
  CHECK(document.source_text().substr(later.source_begin, later.source_end - later.source_begin) == "Nagpur");
  CHECK(later.source_begin == source.find("Nagpur"));
}

TEST_CASE("annotate marks boilerplate and keeps the text", "[params]") {
  PluginHarness harness(textbench_descriptor_boilerplate_stripper(), {{"action", std::string("annotate")}});
  const std::string source = kPara1 + "\nAdvertisement\n" + kPara2;
  const auto document = harness.run(source);
  CHECK(document.text() == source);
  const auto found = find_all(document, "boilerplate");
  REQUIRE(found.size() == 1);
  CHECK(textbench::testing::covered(document, *found[0]) == "Advertisement");
}

TEST_CASE("user rules are added and built-in rules switched off", "[params]") {
  PluginHarness harness(textbench_descriptor_boilerplate_stripper(),
                        {{"rules", StringMap{{"newsletter_box", "^Get our morning briefing"}}},
                         {"disable", StringList{"advertisement"}}});
  const auto document = harness.run(kPara1 + "\nGet our morning briefing in your inbox\nAdvertisement\n" + kPara2);
  CHECK(document.text() == kPara1 + "\nAdvertisement\n" + kPara2);
  CHECK(rules_used(document) == std::vector<std::string>{"newsletter_box"});
}

TEST_CASE("bad parameters are rejected with the rule's name", "[params]") {
  CHECK_THROWS_WITH(
      PluginHarness(textbench_descriptor_boilerplate_stripper(), {{"rules", StringMap{{"broken", "(abc"}}}}),
      Catch::Contains("rule 'broken'") && Catch::Contains("missing )"));
  CHECK_THROWS_WITH(
      PluginHarness(textbench_descriptor_boilerplate_stripper(), {{"disable", StringList{"no_such_rule"}}}),
      Catch::Contains("unknown built-in rule 'no_such_rule'"));
  CHECK_THROWS_WITH(
      PluginHarness(textbench_descriptor_boilerplate_stripper(), {{"rules", StringMap{{"also_read", "x"}}}}),
      Catch::Contains("rule 'also_read'"));
  CHECK_THROWS(PluginHarness(textbench_descriptor_boilerplate_stripper(), {{"action", std::string("delete")}}));
}

TEST_CASE("bad input: empty, all boilerplate, CRLF, invalid UTF-8, one huge line", "[input]") {
  CHECK(stripped("").empty());
  CHECK(stripped("\n\n").size() == 2);
  CHECK(stripped("Advertisement\n\nAlso Read: Flood alert issued\n\nSubscribe to our newsletter").empty());
  CHECK(stripped("Advertisement").empty());

  const auto crlf = default_stripper().run("First paragraph here.\r\n\r\nADVERTISEMENT\r\n\r\nSecond paragraph.\r\n");
  CHECK(crlf.text() == "First paragraph here.\r\n\r\nSecond paragraph.\r\n");
  REQUIRE(find_all(crlf, "boilerplate").size() == 1);
  CHECK(find_all(crlf, "boilerplate")[0]->attrs.get_string("removed") == "ADVERTISEMENT");

  // RE2 does not match across invalid UTF-8, so a line carrying bad bytes stays as content; valid
  // lines around it are still handled.
  const std::string invalid =
      "Bad bytes \xff\xfe here.\n\nAdvertisement\n\nAlso read: \xc3\x28 broken\n\nEnd \xe2\x82.";
  CHECK(stripped(invalid) == "Bad bytes \xff\xfe here.\n\nAlso read: \xc3\x28 broken\n\nEnd \xe2\x82.");

  std::string huge(50u * 1024u * 1024u, 'a');
  for (std::size_t i = 0; i < huge.size(); i += 97) huge[i] = ' ';
  CHECK(stripped(huge).size() == huge.size());
  PluginHarness with_user_rule(textbench_descriptor_boilerplate_stripper(), {{"rules", StringMap{{"aaa", "zzz$"}}}});
  CHECK(with_user_rule.run(huge).text().size() == huge.size());
}
