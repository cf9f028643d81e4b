#include <catch2/catch.hpp>

#include "app/app_state.h"
#include "support/fixtures.h"

using namespace tasjil::app;
using tasjil::core::HasCode;

namespace {

AppState Fresh() {
    AppState s;
    s.today = tasjil::test::D("2026-04-10");
    s.file = NewDraft("3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b6c", "2026-04-10T08:00:00Z", "2026-2027");
    for (const char* l : {"ar", "zgh", "fr"}) s.catalogues[l] = tasjil::test::CatalogueFor(l);
    return s;
}

void FillIdentity(AppState& s) {
    s.file.child.family_name_ar = "العلوي";
    s.file.child.given_name_ar = "ياسمين";
    s.file.child.family_name_latin = "El Alaoui";
    s.file.child.given_name_latin = "Yasmine";
    s.file.child.sex = "F";
    s.ui.birth_day = "4";
    s.ui.birth_month = "9";
    s.ui.birth_year = "2020";
}

}  // namespace

TEST_CASE("A new draft has an id, a school year and Moroccan defaults", "[app][state]") {
    const auto s = Fresh();
    CHECK(s.file.file_id == "3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b6c");
    CHECK(s.file.school_year == "2026-2027");
    CHECK(s.file.child.nationality == "MA");
    CHECK(s.file.child.birth_place.country == "MA");
}

TEST_CASE("The three date fields compose the birth date, padded", "[app][state][date]") {
    auto s = Fresh();
    FillIdentity(s);
    CHECK(ValidateChildIdentity(s));
    CHECK(s.file.child.birth_date == "2020-09-04");
}

TEST_CASE("A partial or non-numeric date has its own message; an impossible one the core's",
          "[app][state][date]") {
    auto s = Fresh();
    FillIdentity(s);
    s.ui.birth_month.clear();
    CHECK_FALSE(ValidateChildIdentity(s));
    CHECK(HasCode(s.ui.errors, "ui.birth_date.incomplete"));
    s.ui.birth_month = "sept";
    CHECK_FALSE(ValidateChildIdentity(s));
    CHECK(HasCode(s.ui.errors, "ui.birth_date.not_a_number"));
    s.ui.birth_day = "31";
    s.ui.birth_month = "02";
    CHECK_FALSE(ValidateChildIdentity(s));
    CHECK(HasCode(s.ui.errors, "child.birth_date.invalid"));
    s.ui.birth_day = s.ui.birth_month = s.ui.birth_year = "";
    CHECK_FALSE(ValidateChildIdentity(s));
    CHECK(HasCode(s.ui.errors, "field.required"));
}

TEST_CASE("Only the step's own fields are reported on the identity step", "[app][state]") {
    auto s = Fresh();
    CHECK_FALSE(ValidateChildIdentity(s));
    for (const auto& e : s.ui.errors) CHECK(e.pointer.rfind("/child/", 0) == 0);
    CHECK(s.ui.errors.size() == 6);
}

TEST_CASE("Continue moves on when the step is valid and shows errors otherwise", "[app][intents]") {
    auto s = Fresh();
    s.ui.screen = Screen::kChildIdentity;
    s.ui.intents.push_back({Intent::Kind::kContinueChildIdentity, ""});
    ApplyIntents(s);
    CHECK(s.ui.screen == Screen::kChildIdentity);
    CHECK(s.ui.errors_visible);
    CHECK(s.ui.focus_request == "error-summary");
    FillIdentity(s);
    s.ui.intents.push_back({Intent::Kind::kContinueChildIdentity, ""});
    ApplyIntents(s);
    CHECK(s.ui.screen == Screen::kChildReview);
    CHECK_FALSE(s.ui.errors_visible);
    CHECK(s.ui.intents.empty());
}

TEST_CASE("A fix clears its message at once; new problems wait for Continue", "[app][state]") {
    auto s = Fresh();
    FillIdentity(s);
    s.file.child.given_name_ar = "Yasmine";
    s.ui.intents.push_back({Intent::Kind::kContinueChildIdentity, ""});
    ApplyIntents(s);
    REQUIRE(s.ui.errors.size() == 1);
    s.file.child.family_name_latin = "";  // a new problem while fixing another
    OnModelChanged(s);
    REQUIRE(s.ui.errors.size() == 1);
    CHECK(s.ui.errors[0].pointer == "/child/given_name_ar");
    s.file.child.given_name_ar = "ياسمين";
    OnModelChanged(s);
    CHECK(s.ui.errors.empty());
    CHECK_FALSE(s.ui.errors_visible);
}

TEST_CASE("Changing the language keeps every value and follows into the file", "[app][intents]") {
    auto s = Fresh();
    FillIdentity(s);
    s.ui.intents.push_back({Intent::Kind::kSetLocale, "zgh"});
    ApplyIntents(s);
    CHECK(s.ui.locale == "zgh");
    CHECK(s.file.locale == "zgh");
    CHECK(s.file.child.given_name_ar == "ياسمين");
    CHECK(s.ui.birth_year == "2020");
    s.ui.intents.push_back({Intent::Kind::kSetLocale, "en"});  // not a product language
    ApplyIntents(s);
    CHECK(s.ui.locale == "zgh");
}

TEST_CASE("Interface strings come from the catalogue of the interface language", "[app][i18n]") {
    auto s = Fresh();
    s.ui.locale = "fr";
    CHECK(Tr(s, "ui.button.continue") == "Continuer");
    s.ui.locale = "ar";
    CHECK(Tr(s, "ui.button.continue") == "متابعة");
    CHECK(Tr(s, "ui.step", {{"n", "1"}, {"total", "6"}}) == "المرحلة 1 من 6");
}
