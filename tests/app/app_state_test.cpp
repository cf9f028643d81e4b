#include <catch2/catch.hpp>

#include "app/app_state.h"
#include "support/fixtures.h"

using namespace tasjil::app;

TEST_CASE("A new draft has an id, a school year and Moroccan defaults", "[app][state]") {
    const auto f =
        NewDraft("3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b6c", "2026-04-10T08:00:00Z", "2026-2027");
    CHECK(f.file_id == "3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b6c");
    CHECK(f.school_year == "2026-2027");
    CHECK(f.child.nationality == "MA");
    CHECK(f.child.birth_place.country == "MA");
    CHECK(f.contact.channels == std::vector<std::string>{"sms"});
    CHECK_FALSE(f.submitted_at);
}

TEST_CASE("Dates are shown to parents day first, as on Moroccan documents", "[app][state]") {
    CHECK(ShowDate("2021-03-31") == "31/03/2021");
    CHECK(ShowDate("") == "");
    CHECK(ShowDate("not a date") == "not a date");
}

TEST_CASE("Interface strings come from the catalogue of the interface language", "[app][i18n]") {
    AppState s;
    for (const char* l : {"ar", "zgh", "fr"}) s.catalogues[l] = tasjil::test::CatalogueFor(l);
    s.ui.locale = "fr";
    CHECK(Tr(s, "ui.button.continue") == "Continuer");
    s.ui.locale = "ar";
    CHECK(Tr(s, "ui.button.continue") == "متابعة");
    CHECK(Tr(s, "ui.no.such.key") == "ui.no.such.key");
}
