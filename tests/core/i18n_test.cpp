#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include "core/i18n.h"
#include "core/utf8.h"
#include "core/validation.h"
#include "support/fixtures.h"

using namespace tasjil::core;
using tasjil::test::CatalogueFor;
using tasjil::test::ReadSourceFile;

namespace {

std::set<std::string> Placeholders(const std::string& t) {
    std::set<std::string> out;
    const std::regex re("\\{([a-z_]+)\\}");
    for (auto it = std::sregex_iterator(t.begin(), t.end(), re); it != std::sregex_iterator();
         ++it) {
        out.insert((*it)[1]);
    }
    return out;
}

// Every code the core can emit, found in its sources: a string literal that looks like a code.
std::set<std::string> CodesInSources() {
    std::set<std::string> codes;
    const std::regex re("\"([a-z_0-9]+(\\.[a-z_0-9]+)+)\"");
    for (const char* f : {"validation.cpp", "electronic_file.cpp", "json_reader.cpp", "json_io.cpp",
                          "school_map.cpp", "rules.cpp", "precheck.cpp", "i18n.cpp"}) {
        const std::string text = ReadSourceFile(std::string("src/core/") + f);
        for (auto it = std::sregex_iterator(text.begin(), text.end(), re);
             it != std::sregex_iterator(); ++it) {
            const std::string code = (*it)[1];
            // File names and dotted literals that are not codes.
            if (code.find(".json") != std::string::npos || code.find(".h") != std::string::npos)
                continue;
            codes.insert(code);
        }
    }
    return codes;
}

}  // namespace

TEST_CASE("The three catalogues load with their direction", "[i18n]") {
    CHECK(CatalogueFor("ar").direction == "rtl");
    CHECK(CatalogueFor("zgh").direction == "ltr");
    CHECK(CatalogueFor("fr").direction == "ltr");
}

TEST_CASE("Every code the core emits has a message in every language", "[i18n]") {
    const auto codes = CodesInSources();
    REQUIRE(codes.size() > 50);
    for (const auto& locale : {"ar", "zgh", "fr"}) {
        for (const auto& code : codes) {
            INFO(locale << " " << code);
            CHECK(CatalogueFor(locale).messages.count(code) == 1);
        }
    }
}

TEST_CASE("The catalogues have the same codes and the same placeholders", "[i18n]") {
    const auto& fr = CatalogueFor("fr").messages;
    for (const auto& locale : {"ar", "zgh"}) {
        const auto& other = CatalogueFor(locale).messages;
        // Tamazight alone lists the countries it names in French.
        CHECK(other.size() - other.count("cldr.fallback.fr") == fr.size());
        for (const auto& [code, text] : fr) {
            INFO(locale << " " << code);
            REQUIRE(other.count(code) == 1);
            CHECK(Placeholders(other.at(code)) == Placeholders(text));
        }
    }
}

TEST_CASE("Tamazight messages are written in Tifinagh", "[i18n]") {
    const std::string french = CatalogueFor("zgh").Render("cldr.fallback.fr");
    for (const auto& [code, text] : CatalogueFor("zgh").messages) {
        // The countries CLDR does not name in Tamazight, and their list, are French on purpose.
        if (code == "cldr.fallback.fr") continue;
        if (code.rfind("ui.country.", 0) == 0 && french.find(code.substr(11)) != std::string::npos)
            continue;
        const std::string words = std::regex_replace(text, std::regex("\\{[a-z_]+\\}"), "");
        const auto cps = DecodeUtf8(words);
        REQUIRE(cps);
        const bool has_letters = std::any_of(cps->begin(), cps->end(), [](char32_t c) {
            return IsTifinagh(c) || IsLatinLetter(c) || IsArabicLetter(c);
        });
        if (!has_letters) continue;  // a pure template such as "{field}: {message}"
        INFO(code);
        CHECK(std::any_of(cps->begin(), cps->end(), IsTifinagh));
    }
}

TEST_CASE("The seed's two rejection reasons use the service's own Arabic words", "[i18n]") {
    CHECK(CatalogueFor("ar")
              .Render("age.below_legal_age", {{"born_on_or_before", "2021-03-31"}})
              .find("عدم استيفاء السن القانوني") != std::string::npos);
    CHECK(CatalogueFor("ar")
              .Render("school.not_serving_residence")
              .find("عدم مطابقة المؤسسة مع محل السكنى") != std::string::npos);
}

TEST_CASE("Rendering fills placeholders and falls back to the code", "[i18n]") {
    Catalogue c{"fr", "ltr", {{"x.y", "Au plus {max} caractères, {max} !"}}};
    CHECK(c.Render("x.y", {{"max", "60"}}) == "Au plus 60 caractères, 60 !");
    CHECK(c.Render("x.y") == "Au plus {max} caractères, {max} !");
    CHECK(c.Render("not.there") == "not.there");
}

TEST_CASE("A date in a sentence is written in words, with Morocco's month names", "[i18n][dates]") {
    const Date d = tasjil::test::D("2027-05-20");
    CHECK(CatalogueFor("ar").LongDate(d) == "20 ماي 2027");
    CHECK(CatalogueFor("fr").LongDate(d) == "20 mai 2027");
    CHECK(CatalogueFor("zgh").LongDate(d) == "20 ⵎⴰⵢⵢⵓ 2027");
    // Moroccan Arabic names, not the Levantine or Egyptian ones generic Arabic data gives.
    const std::pair<const char*, const char*> moroccan[] = {{"2027-07-01", "1 يوليوز 2027"},
                                                            {"2027-08-09", "9 غشت 2027"},
                                                            {"2027-09-30", "30 شتنبر 2027"},
                                                            {"2026-11-02", "2 نونبر 2026"},
                                                            {"2026-12-31", "31 دجنبر 2026"}};
    for (const auto& [iso, words] : moroccan)
        CHECK(CatalogueFor("ar").LongDate(tasjil::test::D(iso)) == words);
    // Every parameter that is a date, in every message.
    CHECK(CatalogueFor("fr")
              .Render("age.below_legal_age", {{"born_on_or_before", "2021-04-01"}})
              .find("1 avril 2021") != std::string::npos);
    CHECK(CatalogueFor("ar")
              .Render("age.below_legal_age", {{"born_on_or_before", "2021-04-01"}})
              .find("2021-04-01") == std::string::npos);
    // What is not a date stays as it is: a timestamp, a number, a reference.
    CHECK(CatalogueFor("fr").Render("x", {}) == "x");
    Catalogue c{"fr",
                "ltr",
                {{"m", "{v}"}, {"date.long", "{day} {month} {year}"}, {"date.month.2", "février"}}};
    CHECK(c.Render("m", {{"v", "2027-02-30"}}) == "2027-02-30");
    CHECK(c.Render("m", {{"v", "2027-02-03T10:00:00Z"}}) == "2027-02-03T10:00:00Z");
    CHECK(c.Render("m", {{"v", "2027-02-03"}}) == "3 février 2027");
    // A catalogue without CLDR's names keeps the ISO date rather than an empty word.
    CHECK(c.Render("m", {{"v", "2027-03-03"}}) == "2027-03-03");
}

namespace {

// The text of every <tag …> element of a CLDR file whose attributes contain `attrs`, in order.
std::vector<std::string> CldrTexts(const std::string& locale, const std::string& tag,
                                   const std::string& attrs) {
    std::ifstream in(std::string(TASJIL_CLDR_MAIN) + "/" + locale + ".xml", std::ios::binary);
    const std::string xml((std::istreambuf_iterator<char>(in)), {});
    std::vector<std::string> out;
    const std::regex re("<" + tag + "((?: [^>]*)?)>([^<]*)</" + tag + ">");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator();
         ++it) {
        if ((*it)[1].str().find(attrs) != std::string::npos) out.push_back((*it)[2]);
    }
    return out;
}
std::string CldrText(const std::string& locale, const std::string& tag, const std::string& attrs) {
    auto all = CldrTexts(locale, tag, attrs);
    return all.empty() ? "" : all.front();
}

}  // namespace

TEST_CASE("The Tamazight catalogue agrees with CLDR's zgh data", "[i18n][zgh]") {
    const auto& zgh = CatalogueFor("zgh");
    // Months: the format names (CLDR lists them format-abbreviated, then format-wide).
    {
        std::ifstream in(std::string(TASJIL_CLDR_MAIN) + "/zgh.xml", std::ios::binary);
        const std::string xml((std::istreambuf_iterator<char>(in)), {});
        const auto wide = xml.find("<monthWidth type=\"wide\">");
        REQUIRE(wide != std::string::npos);
        for (int m = 1; m <= 12; ++m) {
            const std::string open = "<month type=\"" + std::to_string(m) + "\">";
            const auto at = xml.find(open, wide) + open.size();
            INFO("month " << m);
            CHECK(zgh.Render("date.month." + std::to_string(m)) ==
                  xml.substr(at, xml.find('<', at) - at));
        }
    }
    // The date fields' words: day, month, year.
    for (const char* field : {"day", "month", "year"}) {
        std::ifstream in(std::string(TASJIL_CLDR_MAIN) + "/zgh.xml", std::ios::binary);
        const std::string xml((std::istreambuf_iterator<char>(in)), {});
        const std::string open = std::string("<field type=\"") + field + "\">";
        const auto at = xml.find("<displayName>", xml.find(open)) + 13;
        INFO(field);
        CHECK(zgh.Render(std::string("ui.field.") + field) ==
              xml.substr(at, xml.find('<', at) - at));
    }
    // Yes and no (CLDR's posix messages: "ⵢⵢⵉⵀ:ⵢ").
    auto before_colon = [](const std::string& s) { return s.substr(0, s.find(':')); };
    CHECK(zgh.Render("ui.answer.yes") == before_colon(CldrText("zgh", "yesstr", "")));
    CHECK(zgh.Render("ui.answer.no") == before_colon(CldrText("zgh", "nostr", "")));
    // Every country CLDR names in Tamazight has that name; the others are listed as French.
    const std::string french = zgh.Render("cldr.fallback.fr");
    for (const auto code : tasjil::core::CountryCodes()) {
        const std::string c(code);
        const std::string name = CldrText("zgh", "territory", "type=\"" + c + "\"");
        INFO(c);
        if (name.empty()) {
            CHECK(french.find(c) != std::string::npos);
            CHECK(zgh.Render("ui.country." + c) == CatalogueFor("fr").Render("ui.country." + c));
        } else {
            CHECK(french.find(c) == std::string::npos);
            CHECK(zgh.Render("ui.country." + c) == name);
        }
    }
}

TEST_CASE(
    "Every country the file accepts is named in every language, Morocco as Moroccans write it",
    "[i18n][countries]") {
    const auto codes = tasjil::core::CountryCodes();
    CHECK(codes.size() == 248);  // ISO 3166-1's 249, the southern provinces being Morocco
    for (const auto& locale : {"ar", "zgh", "fr"}) {
        for (const auto code : codes) {
            INFO(locale << " " << code);
            CHECK(CatalogueFor(locale).messages.count("ui.country." + std::string(code)) == 1);
        }
        CHECK(CatalogueFor(locale).messages.count("ui.country.EH") == 0);
    }
    CHECK(CatalogueFor("ar").Render("ui.country.MA") == "المغرب");
    CHECK(CatalogueFor("fr").Render("ui.country.NZ") == "Nouvelle-Zélande");
    CHECK(CatalogueFor("zgh").Render("ui.country.MA") == "ⵍⵎⵖⵔⵉⴱ");
}

TEST_CASE("Malformed catalogues are refused", "[i18n]") {
    CHECK_FALSE(ParseCatalogue("{").catalogue);
    CHECK_FALSE(ParseCatalogue(R"({"locale":"en","direction":"ltr","messages":{}})").catalogue);
    CHECK_FALSE(ParseCatalogue(R"({"locale":"fr","direction":"up","messages":{}})").catalogue);
    CHECK_FALSE(
        ParseCatalogue(R"({"locale":"fr","direction":"ltr","messages":{"a":1}})").catalogue);
}

TEST_CASE("docs/validation-codes.md lists every catalogue code", "[i18n][docs]") {
    const std::string doc = ReadSourceFile("docs/validation-codes.md");
    for (const auto& [code, text] : CatalogueFor("fr").messages) {
        // Interface strings, notification texts, status names and CLDR's dates are not codes.
        if (code.rfind("ui.", 0) == 0 || code.rfind("notify.", 0) == 0 ||
            code.rfind("status.", 0) == 0 || code.rfind("date.", 0) == 0) {
            continue;
        }
        INFO(code);
        CHECK(doc.find("`" + code + "`") != std::string::npos);
    }
}
