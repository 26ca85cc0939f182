// The built-in rules. Each pattern must match a whole line (trimmed); the `starts`/`contains`
// keywords are the cheap prefilter that decides whether the pattern runs at all, so every line a
// pattern can match must start with (or, if short, contain) one of its keywords.
#include "line_scanner.hpp"

namespace textbench::boilerplate {
namespace {

// Separators sites put after a cross-link label.
#define BP_SEP R"re([:|\-–—ः]+)re"
// A headline glued to its label without a separator starts like a title, not a sentence.
#define BP_TITLE_START R"re([A-Z0-9‘'“"])re"
// Keywords for a pattern that allows an opening bracket before them: `[(\[]?\s*keyword`.
#define BP_BRACKETED(k) k ";(" k ";[" k ";( " k ";[ " k

constexpr BuiltinRule kRules[] =
    {
        {"also_read_label", "a bare \"Also Read\" / \"ALSO READ |\" / \"Must See:\" label and the headline under it",
         BP_BRACKETED("also") ";" BP_BRACKETED("must"), nullptr,
         R"re((?i)[(\[]?\s*(?:also|must)\s*[-–—]?\s*(?:read|see|watch)\s*[:|\-–—ः]*\s*[)\]]?)re", Follow::Headline,
         false},
        {"also_read", "\"Also read: <headline>\" in its spellings and separators (colon, pipe, dash, en/em dash, none)",
         BP_BRACKETED("also") ";" BP_BRACKETED("must"), nullptr,
         R"re([(\[]?\s*(?i:(?:also|must)\s*[-–—]?\s*(?:read|see|watch|check(?:\s+out)?))\s*(?:)re" BP_SEP
         R"re(\s*\S.*|)re" BP_TITLE_START R"re(.*))re",
         Follow::None, false},
        {"read_also_label", "a bare \"READ ALSO\" label and the headline under it", "read", nullptr,
         R"re((?i)read\s*also\s*[:|\-–—ः]*)re", Follow::Headline, false},
        {"read_also", "\"Read Also | <headline>\"", "read", nullptr,
         R"re((?i:read\s*also)\s*(?:)re" BP_SEP R"re(\s*\S.*|)re" BP_TITLE_START R"re(.*))re", Follow::None, false},
        {"read_more_at", "\"Read more at:\" with the URL under it and the \"..\"-truncated teaser above it", "read",
         nullptr, R"re((?i)read\s+more\s+at\s*:?)re", Follow::LinkAfter, false},
        {"read_more", "\"Read more: <headline>\", \"READ MORE\", \"Read more about X here.\"", "read", nullptr,
         R"re((?i)read\s+more(?:\s*)re" BP_SEP
         R"re(\s*\S.*|\s*@.*|\s+(?:great\s+)?(?:articles|stories|news)\b.*|\s+about\s.{1,150}\s+here\s*[.!]?|\s+here\s*[.!]?|\s*[.…]*))re",
         Follow::None, false},
        {"pipe_promo", "\"Read | …\", \"Watch | …\", \"Don't Miss | …\", \"ICYMI | …\", \"Editorial | …\" cross-links",
         "read;watch;don;icymi;editorial;must", nullptr,
         R"re((?i)(?:read(?:\s+next)?|watch|don.?t\s+miss|icymi|editorial|must\s+(?:read|watch))\s*\|\s*\S.*)re",
         Follow::None, true},
        {"hindi_also_read_label", "a bare \"यह भी पढ़ें\" / \"ये भी पढ़ें :\" label and the headline list under it", "यह;ये;इसे",
         nullptr,
         R"re((?:यह|ये|इसे)\s+भी\s+(?:प(?:ढ|\x{095D})[\x{093C}\x{0947}\x{0902}\x{093F}\x{0948}]*(?:ए)?|देखें)\s*[:ः\-–—|]*)re",
         Follow::HeadlineList, false},
        {"hindi_also_read", "\"यह भी पढ़ें: <headline>\"", "यह;ये;इसे", nullptr,
         R"re((?:यह|ये|इसे)\s+भी\s+(?:प(?:ढ|\x{095D})[\x{093C}\x{0947}\x{0902}\x{093F}\x{0948}]*(?:ए)?|देखें)\s*[:ः\-–—|]*\s*\S.*)re",
         Follow::None, false},
        {"related_widget",
         "related-stories widgets (\"Related Stories\", \"More From This Section\", \"TRENDING NOW\", …) with their "
         "headline, image-alt, \"2 MIN READ\" and date lines",
         "related;more from;more stories;recommended;trending;top stories;also in;you might;popular;most read;et prime",
         nullptr,
         R"re((?i)(?:related(?:\s+(?:stories|articles|news|posts|reads|coverage|links|videos|content))?|more\s+from\s+this\s+section|more\s+stories(?:\s+from\s+.{1,40})?|recommended(?:\s+(?:photos|videos|stories|articles|reads|for\s+you))?|trending(?:\s+(?:now|stories|news|videos))?|top\s+stories|also\s+in\s+this\s+section|you\s+might\s+also\s+like|popular\s+(?:stories|now)|most\s+read|et\s+prime\s*[-–—:]\s*popular\s.{1,40}\s+stories)\s*:?)re",
         Follow::HeadlineList, false},
        {"you_may_like", "a \"You May Like\" widget with the teaser paragraph(s) under it", "you may", nullptr,
         R"re((?i)you\s+may\s+(?:also\s+)?like\s*:?)re", Follow::Teaser, false},
        {"ad_widget",
         "ad widgets: \"PROMOTED\", \"Sponsored\", \"Ads by\", \"by Taboola…\", \"|\" and the ad lines under them",
         "promoted;sponsored;ads by;by taboola;you may be;|", nullptr,
         R"re((?i)(?:you\s+may\s+be\s+interested\s+in|promoted|sponsored(?:\s+(?:links|content|stories))?|ads\s+by(?:\s.{1,40})?|by\s+taboola.*|\|))re",
         Follow::AdWidget, false},
        {"advertisement", "\"Advertisement\" / \"ADVERTISEMENT\" / \"Story continues below advertisement\" lines",
         "advertisement;story continues", nullptr,
         R"re((?i)advertisements?(?:\s*[-–—:]?\s*(?:continue|scroll)\s.{0,40})?|story\s+continues\s+below(?:\s+this)?\s+(?:ad|advertisement))re",
         Follow::None, false},
        {"follow_us", "follow/join/connect calls to action (WhatsApp, Telegram, Instagram, YouTube channels)",
         "click;tap;stay;follow;we;join;like us;check me;check us;find me;find us;connect with us", nullptr,
         R"re((?i)(?:stay\s+(?:updated|connected|tuned)\b.{0,40}[-–—:,]\s*)?(?:(?:click|tap)\s+(?:here\s+)?to\s+(?:follow|join|connect|subscribe|download|get\s+(?:the|our)|sign|register)\b.*|follow\s+(?:us\b.*|@\w+.*|our\s.{0,60}(?:channel|page|handle|account|updates)\b.*|(?:the\s+)?.{1,60}\s+(?:channel|page)\s+on\s+\w+.*)|we.re\s+(?:now\s+)?on\s+(?:whatsapp|telegram|instagram|google\s+news)\b.*|join\s+(?:us|our|the)\b.{0,60}(?:whatsapp|telegram|channel|community|newsletter)\b.*|stay\s+(?:updated|connected)\b.{0,80}(?:whatsapp|telegram|instagram|channel|subscribe)\b.*|like\s+us\s+on\s+\w+.*|(?:check|find)\s+(?:me|us)\s+(?:out\s+)?on\s+\w+.{0,40}|connect\s+with\s+us\s+on\s+\w+.{0,40}))re",
         Follow::None, true},
        {"subscribe", "subscribe / download-the-app / sign-in / newsletter prompts",
         "subscribe;download;get the;get our;log;sign;(catch;catch;don", nullptr,
         R"re((?i)(?:subscribe\b.{0,120}|(?:download|get)\s+(?:the|our)\s+.{1,40}\s+app\b.*|(?:log|sign)\s*(?:in|up)\b.{0,100}(?:bookmark|newsletter|free|account|continue|save|website).*|\(?catch\s+all\s+the\s.{1,80}\bnews\b.*|don.?t\s+miss\b.{0,120}(?:telegram|whatsapp|channel|newsletter|subscribe).*))re",
         Follow::None, true},
        {"share_buttons", "share-on calls and rows of share/comment buttons",
         "share;facebook;twitter;whatsapp;linkedin;telegram;email;e-mail;print;pinterest;reddit;copy;save;comment;"
         "follow us;spread;please",
         nullptr,
         R"re((?i)(?:share\s+(?:on|via|this\s+(?:article|story|post))\b.{0,40}|(?:(?:facebook|twitter|whatsapp|linkedin|telegram|e-?mail|print|pinterest|reddit|copy\s*link|share|save|comments?|follow\s+us)\s*[|·•/,]?\s*){2,12}|spread\s+the\s+word\b.*|please\s+(?:like|share|comment|subscribe)\b.*))re",
         Follow::None, true},
        {"click_here", "\"Click here for graph\" site links and promo lines that end in \"Click Here!\"", "click",
         "click here",
         R"re((?i).{0,200}\bclick\s+here\s*[.!)\]]*|click\s+here\s+(?:for|to\s+(?:read|see|view|watch))\s+(?:the\s+)?(?:graph|chart|table|full|more|details|video|photos?|complete|story|article)\b.*)re",
         Follow::None, true},
        {"promo_call",
         "site promos that end in a call to action (\"… Subscribe Now\", \"Shop the Deals Now!\", \"Follow HT YouTube "
         "channel …\")",
         nullptr,
         "subscribe now;shop now;deal now;deals now;explore now;download now;sign up now;join now;youtube "
         "channel;whatsapp "
         "channel;telegram channel;instagram channel",
         R"re((?i).{0,250}(?:subscribe\s+now|shop\s+(?:the\s+deals?\s+)?now|explore\s+now|download\s+now|sign\s+up\s+now|join\s+now|follow\s+.{1,30}\s+(?:youtube|whatsapp|telegram|instagram)\s+channel)\b.{0,80})re",
         Follow::None, true},
        {"site_notice", "comment-policy, correction-prompt, reader-poll and blog-footer notices",
         "please;see an;%;of readers;continue reading;filed under;leave a;join the conversation", nullptr,
         R"re((?i)(?:please\s+(?:adhere\s+to|read|follow|review)\s+our\s+comment(?:ing)?\s+(?:policy|guidelines).*|see\s+an\s+error\s+in\s+this\s+article\?.*|%?\s*of\s+readers\s+think\s+this\s+story\s+is\s+\w+.*|continue\s+reading\s*(?:→|»|\.\.\.|…)?|filed\s+under\s*:.*|leave\s+a\s+(?:comment|reply)\b.{0,40}|join\s+the\s+conversation\.?))re",
         Follow::None, false},
        {"site_slogan", "a site slogan such as \"… your fastest source for breaking news! Read now.\"", nullptr,
         "your fastest source", R"re((?i).{0,80}your\s+fastest\s+source\s+for\b.*)re", Follow::None, false},
        {"widget_artifact",
         "widget leftovers on a line of their own: \"test\", \"article-image\", \"Whatsapp Banner\", …",
         "test;article-;whatsapp banner;powered by;vdo.ai", nullptr,
         R"re((?i)(?:test|article-(?:image|main)|whatsapp\s+banner|powered\s+by|vdo\.ai))re", Follow::None, false},
        {"syndication",
         "syndication notes (\"This story has not been edited by … staff and is auto-generated from a syndicated "
         "feed\")",
         BP_BRACKETED("this") ";" BP_BRACKETED("except") ";(only;only", "syndicated feed;syndicated news feed",
         R"re((?i)\(?\s*(?:(?:except\s+for\s+the\s+headline,\s+)?this\s+(?:story|article|report|copy)\s+has\s+not\s+been\s+edited\b.*|.*(?:auto-generated|published)\s+from\s+a\s+syndicated\s+(?:news\s+)?feed.*))re",
         Follow::WrappedParagraph, false, "edited;syndicated"},
        {"disclaimer",
         "disclaimers (\"Disclaimer: …\", also hard-wrapped over several lines), fund-risk and affiliate notices",
         BP_BRACKETED("disclaimer") ";" BP_BRACKETED("mutual fund") ";" BP_BRACKETED("this article") ";" BP_BRACKETED("this post") ";" BP_BRACKETED(
             "this story") ";" BP_BRACKETED("we may") ";" BP_BRACKETED("views") ";" BP_BRACKETED("the views") ";" BP_BRACKETED("opinions") ";" BP_BRACKETED("the opinions"),
         nullptr,
         R"re((?i)[(\[]?\s*(?:disclaimer\s*[:\-–—]?.*|mutual\s+fund\s+investments\s+are\s+subject\s+to\s+market\s+risks.*|this\s+(?:article|post|story)\s+(?:may\s+)?contains?\s+affiliate\s+links?.*|we\s+may\s+earn\s+(?:a\s+)?commission.*|(?:the\s+)?(?:views|opinions)\s+expressed\b.{0,80}\bare\s+(?:personal|(?:solely\s+)?(?:those\s+of\s+the|the)\s+(?:author|writer)|(?:the\s+)?(?:author|writer)['’]?s?\s+own)\b.*))re",
         Follow::WrappedParagraph, false},
        {"appeared_first", "WordPress feed footers \"The post … appeared first on …\"", "the post", nullptr,
         R"re((?i)the\s+post\s+.+\s+appeared\s+first\s+on\s+.+)re", Follow::None, false},
        {"promo_headline", "a site-wide promo line \"Headline: …\" inserted into every article", "headline:", nullptr,
         R"re(Headline:\s+\S.*)re", Follow::None, false},
};

#undef BP_SEP
#undef BP_TITLE_START
#undef BP_BRACKETED

}  // namespace

std::span<const BuiltinRule> builtin_rules() {
  return kRules;
}

}  // namespace textbench::boilerplate
