#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>

#include "core/i18n.h"
#include "core/utf8.h"
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
        CHECK(other.size() == fr.size());
        for (const auto& [code, text] : fr) {
            INFO(locale << " " << code);
            REQUIRE(other.count(code) == 1);
            CHECK(Placeholders(other.at(code)) == Placeholders(text));
        }
    }
}

TEST_CASE("Tamazight messages are written in Tifinagh", "[i18n]") {
    for (const auto& [code, text] : CatalogueFor("zgh").messages) {
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
        // Interface strings, notification texts and status names are not codes.
        if (code.rfind("ui.", 0) == 0 || code.rfind("notify.", 0) == 0 ||
            code.rfind("status.", 0) == 0) {
            continue;
        }
        INFO(code);
        CHECK(doc.find("`" + code + "`") != std::string::npos);
    }
}
