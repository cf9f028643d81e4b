// Every screen drawn in the three languages: its semantic tree (roles, names, order, values,
// errors) is compared with the approved outline in tests/app/approved/, so a change of any
// screen shows up as a diff without a browser. TASJIL_APPROVE=1 writes the outlines afresh.
#include <catch2/catch.hpp>

#include <algorithm>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "app/draft.h"
#include "app/flow.h"
#include "app/page.h"
#include "app/screens/screens.h"
#include "app_fixture.h"
#include "support/fixtures.h"

using namespace tasjil::app;
using tasjil::test::ScreenField;
using tasjil::test::ScreenValue;
using tasjil::test::TestApp;

namespace {

// Every screen of the flow, by the name its draft uses ("civil_status" → civil-status.<lang>.txt).
std::vector<std::pair<ScreenId, std::string>> Screens() {
    std::vector<std::pair<ScreenId, std::string>> out;
    for (const auto* spec : ParentsFlow()) {
        std::string name(spec->id.name);
        std::replace(name.begin(), name.end(), '_', '-');
        out.emplace_back(spec->id, name);
    }
    return out;
}

// A filled file, so that every screen shows values; a guardian and a sibling so that their
// screens have content.
void Prepare(TestApp& t, ScreenId id, const std::string& locale) {
    t.Settle();
    t.FillValidFile();
    auto& s = t.state();
    s.ui.locale = locale;
    *ScreenValue(s, "parents", "has_guardian").text = id == ScreenId{"guardian"} ? "yes" : "no";
    if (id == ScreenId{"guardian"}) s.file.guardian.emplace();
    s.file.siblings_under_school_age = {{"يوسف", ""}};
    *ScreenValue(s, "siblings", "birth_dates").dates = {{"01", "02", "2023"}};
    if (id == ScreenId::kReceipt) {
        s.submission.state = Submission::State::kSent;
        s.submission.reference = "YKQRY-7MKVP";
        s.submission.status = "pending_review";
        s.submission.received_at = "2026-04-10T08:10:00Z";
    }
    if (id == ScreenId::kFiles) {
        // A tablet with a draft (the file on screen), a file waiting and a file sent.
        s.device.mode = DeviceMode::kTablet;
        s.device.files = {
            {s.file.file_id, "2026-04-10T09:12", "ياسمين العلوي", "Yasmine El Alaoui",
             DeviceFile::State::kDraft, ""},
            {"c1d7a0de-5b8e-4f5a-9c2b-0a4e6f1d2b3c", "2026-04-10T08:40", "آدم بناني",
             "Adam Bennani", DeviceFile::State::kQueued, ""},
            {"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "2026-04-09T16:05", "", "",
             DeviceFile::State::kSent, "YKQRY-7MKVP"},
        };
    }
    t.Settle();
    EnterScreen(s, id);
    t.Settle();
}

std::string Outline(TestApp& t) {
    return t.app.semantics.ToOutline();
}

void Compare(const std::string& name, const std::string& outline) {
    INFO("approved file tests/app/approved/" << name << ".txt (TASJIL_APPROVE=1 writes it)");
    CHECK(outline == tasjil::test::ApprovedText(name, outline));
}

}  // namespace

TEST_CASE("Every screen's semantic tree equals its approved outline in the three languages",
          "[app][screens][approved]") {
    for (const auto& [id, name] : Screens()) {
        for (const char* locale : {"ar", "zgh", "fr"}) {
            TestApp t;
            Prepare(t, id, locale);
            INFO(name << " in " << locale);
            Compare(std::string(name) + "." + locale, Outline(t));
        }
    }
}

TEST_CASE("The child screen with its errors equals its approved outline",
          "[app][screens][approved]") {
    for (const char* locale : {"ar", "zgh", "fr"}) {
        TestApp t;
        t.Settle();
        t.state().ui.locale = locale;
        EnterScreen(t.state(), ScreenId{"child"});
        (*ScreenValue(t.state(), "child", "birth_date").date) = {"31", "02", ""};
        t.state().ui.intents.push_back({Intent::Kind::kContinue});
        t.Settle();
        Compare(std::string("child-errors.") + locale, Outline(t));
    }
}

TEST_CASE("Every screen has a banner, a main landmark, the language switch and one h1",
          "[app][screens][a11y]") {
    for (const auto& [id, name] : Screens()) {
        TestApp t;
        Prepare(t, id, "fr");
        INFO(name);
        std::map<std::string, int> roles;
        int h1 = 0, primary = 0;
        std::set<std::string> ids, labelled;
        for (const auto& n : t.app.semantics.nodes()) {
            ++roles[n.role];
            h1 += n.role == "heading" && n.level == 1;
            primary += n.primary;
            CHECK(ids.insert(n.id).second);  // ids are unique
            if (n.role == "label") labelled.insert(n.for_id);
        }
        CHECK(roles["banner"] == 1);
        CHECK(roles["main"] == 1);
        CHECK(roles["navigation"] == 1);
        CHECK(h1 == 1);
        CHECK(primary <= 1);
        for (const auto& n : t.app.semantics.nodes()) {
            if (n.role == "textbox" || n.role == "combobox" || n.role == "checkbox") {
                INFO(n.id);
                CHECK(labelled.count(n.id));  // every control has its <label for>
            }
            if (n.role == "radio") {
                const auto* group = t.app.semantics.Find(n.parent);
                REQUIRE(group);
                CHECK(group->role == "radiogroup");  // a radio is named by its question
                CHECK_FALSE(group->labelled_by.empty());
            }
            if (n.role == "group" || n.role == "radiogroup") {
                CHECK(t.app.semantics.Find(n.labelled_by));
            }
        }
    }
}

TEST_CASE("A hint is read with its own field only, after its label", "[app][screens][a11y]") {
    TestApp t;
    Prepare(t, ScreenId{"child"}, "fr");
    const auto& nodes = t.app.semantics.nodes();
    std::size_t legend = 0, hint = 0, day = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].id == "child-birth_date-legend") legend = i;
        if (nodes[i].id == "child-birth_date-hint") hint = i;
        if (nodes[i].id == "child-birth_date-day") day = i;
    }
    CHECK(legend < hint);
    CHECK(hint < day);
    int described = 0;
    for (const auto& n : nodes) {
        for (const auto& d : n.described_by) described += d == "child-birth_date-hint";
    }
    CHECK(described == 3);  // the three boxes of the date, nothing else
}

TEST_CASE("Every country is offered, Morocco first, and found by its Arabic name on any page",
          "[app][screens][countries]") {
    auto shown = [](TestApp& t, const std::string& field) {
        std::vector<std::pair<std::string, std::string>> radios;  // value, lang
        const std::string prefix = "child-" + field + "-";
        for (const auto& n : t.app.semantics.nodes()) {
            if (n.role == "radio" && n.id.rfind(prefix, 0) == 0)
                radios.emplace_back(n.id.substr(prefix.size()), n.lang);
        }
        return radios;
    };
    for (const char* locale : {"ar", "zgh", "fr"}) {
        INFO(locale);
        TestApp t;
        t.Settle();
        auto& s = t.state();
        s.ui.locale = locale;
        CHECK(screens::CountryChoices(s).size() == 248);
        CHECK(screens::CountryChoices(s).front().value == "MA");
        EnterScreen(s, ScreenId{"child"});
        *ScreenValue(s, "child", "born_in_morocco").text = "no";
        t.Settle();
        // No search typed: the chosen nationality first, then the countries most families know.
        auto nationality = shown(t, "nationality");
        REQUIRE(nationality.size() == 8);
        CHECK(nationality[0].first == "MA");
        CHECK(nationality[1].first == "FR");
        // A country far from the first twenty, by a few letters of its Arabic name.
        *ScreenValue(s, "child", "country_query").text = "نيوزي";
        t.Settle();
        const auto found = shown(t, "birth_place-country");
        REQUIRE(found.size() == 1);
        CHECK(found[0].first == "NZ");
        // A name CLDR lacks in Tamazight is shown in French, and marked as French.
        *ScreenValue(s, "child", "country_query").text = "";
        *ScreenValue(s, "child", "nationality_query").text =
            std::string(locale) == "fr" ? "Antarct" : "أنتاركتيكا";
        t.Settle();
        nationality = shown(t, "nationality");
        REQUIRE(nationality.size() == 2);  // the chosen one, then the match
        CHECK(nationality[1].first == "AQ");
        CHECK(nationality[1].second == (std::string(locale) == "zgh" ? "fr" : ""));
    }
}

TEST_CASE("The country names come when a screen lists countries, not with the first load",
          "[app][screens][countries]") {
    TestApp t;
    auto& s = t.state();
    // The catalogue as the parents' data package has it: Morocco's name, no other country's.
    auto start = tasjil::core::ParseCatalogue(tasjil::test::CldrText("start-ar.json"));
    REQUIRE(start.catalogue);
    CHECK(start.catalogue->messages.count("ui.country.MA") == 1);
    CHECK(start.catalogue->messages.count("ui.country.FR") == 0);
    auto& ar = s.catalogues["ar"].messages;
    for (auto it = ar.begin(); it != ar.end();) {
        const bool country = it->first.rfind("ui.country.", 0) == 0 && it->first != "ui.country.MA";
        it = country ? ar.erase(it) : std::next(it);
    }
    REQUIRE_FALSE(screens::CountryNamesHere(s));
    t.online = false;
    t.Settle();
    auto fetched = [&] { return std::count(t.urls.begin(), t.urls.end(), "countries-ar.json"); };
    CHECK(fetched() == 0);  // the start page lists no country
    // Offline: the child screen asks, and shows codes for what it cannot name yet.
    EnterScreen(s, ScreenId{"child"});
    *ScreenValue(s, "child", "born_in_morocco").text = "no";
    t.Settle();
    CHECK(fetched() == 1);
    const auto codes = screens::CountryChoices(s);
    REQUIRE(codes.size() == 248);
    CHECK(codes[0].label == "المغرب");
    CHECK(codes[1].label == "FR");
    // Asked again once the network is back (a retry), then named in Arabic.
    t.online = true;
    RetryData(s, 0);
    t.Settle();
    CHECK(fetched() == 2);
    REQUIRE(screens::CountryNamesHere(s));
    CHECK(screens::CountryChoices(s)[1].label ==
          tasjil::test::CatalogueFor("ar").Render("ui.country.FR"));
    // Nothing else of the catalogue changed, and the names are not asked for again.
    CHECK(ar.size() == tasjil::test::CatalogueFor("ar").messages.size());
    EnterScreen(s, ScreenId::kCheckAnswers);
    t.Settle();
    CHECK(fetched() == 2);
}

TEST_CASE("Each language is named as CLDR names it in itself", "[app][screens][zgh]") {
    for (const auto& l : kLanguageNames) {
        std::ifstream in(std::string(TASJIL_CLDR_MAIN) + "/" + l.code + ".xml", std::ios::binary);
        const std::string xml((std::istreambuf_iterator<char>(in)), {});
        const std::string open = std::string("<language type=\"") + l.code + "\">";
        const auto at = xml.find(open);
        REQUIRE(at != std::string::npos);
        std::string name =
            xml.substr(at + open.size(), xml.find('<', at + open.size()) - at - open.size());
        // A menu item starts with a capital in French ("français" → "Français").
        if (std::string(l.code) == "fr") name = "F" + name.substr(1);
        INFO(l.code);
        CHECK(name == l.name);
    }
}
