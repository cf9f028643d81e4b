#include <catch2/catch.hpp>

#include "core/rectification.h"
#include "core/validation.h"
#include "support/fixtures.h"

using namespace tasjil::core;
using tasjil::test::D;
using tasjil::test::SampleFileJson;
using tasjil::test::SampleMap;
using Json = nlohmann::json;

namespace {
// The sample file as the server stores it (canonical, normalised).
std::string Stored() {
    auto parsed = ParseElectronicFile(SampleFileJson().dump());
    NormalizeFile(*parsed.file);
    return ToJson(*parsed.file);
}
RectifyResult Run(const std::vector<Correction>& corrections) {
    return Rectify(Stored(), corrections, SampleMap(), D("2026-04-03"));
}
}  // namespace

TEST_CASE("A corrected name and birth date give the corrected file and the answers changed",
          "[rectification]") {
    const auto r = Run({{"/child/given_name_latin", "Yassmine"},
                        {"/child/birth_date", "2020-09-15"},
                        {"/child/sex", "F"}});
    REQUIRE(r.errors.empty());
    REQUIRE(r.file);
    CHECK(r.file->child.given_name_latin == "Yassmine");
    CHECK(r.file->child.birth_date == "2020-09-15");
    CHECK(r.changed == std::vector<std::string>{"/child/given_name_latin", "/child/birth_date"});
    // What records the sending stays as sent.
    CHECK(r.file->submitted_at == "2026-04-03T09:31:45Z");
    CHECK(r.file->school_choice.school_code == "57303B");
}

TEST_CASE("Answers of a sibling and a null commune abroad can be corrected", "[rectification]") {
    const auto r = Run({{"/siblings_under_school_age/0/given_name", "يونس"},
                        {"/child/birth_place/country", "FR"},
                        {"/child/birth_place/commune", nullptr},
                        {"/child/birth_place/place_text", "Lyon"}});
    INFO(Json(r.changed).dump());
    REQUIRE(r.errors.empty());
    CHECK(r.file->siblings_under_school_age[0].given_name == "يونس");
    CHECK(r.file->child.birth_place.country == "FR");
    CHECK_FALSE(r.file->child.birth_place.commune.has_value());
}

TEST_CASE("The school, the declarations and what records the sending cannot be corrected",
          "[rectification]") {
    for (const char* pointer :
         {"/school_choice/school_code", "/declarations/information_accurate", "/file_id",
          "/school_year", "/submitted_at", "/created_at", "/locale", "/schema_version"}) {
        INFO(pointer);
        CHECK_FALSE(IsRectifiable(pointer));
        const auto r = Run({{pointer, "x"}});
        CHECK_FALSE(r.file);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].code == "rectify.field_forbidden");
        CHECK(r.errors[0].pointer == pointer);
    }
}

TEST_CASE("Pointers that name no answer, a whole part or a malformed path are refused",
          "[rectification]") {
    for (const char* pointer :
         {"", "child", "/child", "/child/", "/child/nickname", "/guardian/given_name_ar",
          "/siblings_under_school_age/1/given_name", "/siblings_under_school_age/00/given_name",
          "/siblings_under_school_age/-/given_name", "/child/birth_place", "/contact/channels",
          "/child/given_name_ar~2", "/child~"}) {
        INFO(pointer);
        const auto r = Run({{pointer, "x"}});
        CHECK_FALSE(r.file);
        REQUIRE_FALSE(r.errors.empty());
        CHECK(r.errors[0].code == "rectify.field_forbidden");
    }
}

TEST_CASE("A value that is an object or an array is refused", "[rectification]") {
    const auto r = Run({{"/child/given_name_latin", Json::object({{"a", 1}})}});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == "rectify.field_forbidden");
}

TEST_CASE("A corrected file is checked as intake checks it, at the corrected answer",
          "[rectification]") {
    auto r = Run({{"/child/given_name_ar", "Yasmine"}});
    CHECK_FALSE(r.file);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].pointer == "/child/given_name_ar");
    CHECK(r.errors[0].code == "name.not_arabic");

    r = Run({{"/child/civil_status/act_year", "2020"}});
    CHECK_FALSE(r.file);
    REQUIRE_FALSE(r.errors.empty());
    CHECK(r.errors[0].pointer == "/child/civil_status/act_year");

    // The school map: a sector the map does not know.
    r = Run({{"/residence/sector", "01.573.01.03.099"}});
    REQUIRE_FALSE(r.errors.empty());
    CHECK(r.errors[0].code == "residence.sector.unknown");
}

TEST_CASE("The residence cannot leave the province whose directorate received the file",
          "[rectification]") {
    const auto r = Run({{"/residence/province", "01.227"},
                        {"/residence/commune", "01.227.05.05"},
                        {"/residence/sector", "01.227.05.05.001"}});
    CHECK_FALSE(r.file);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == "rectify.other_province");
    CHECK(r.errors[0].pointer == "/residence/province");
}

TEST_CASE("Corrections that change nothing, once normalised, are refused", "[rectification]") {
    auto r = Run({});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == "rectify.no_change");
    // The same phone number written another way is the same number.
    r = Run({{"/contact/phone", "07 00 11 22 33"}});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == "rectify.no_change");
    CHECK(r.changed.empty());
}

TEST_CASE("A stored file that is not JSON is refused, not trusted", "[rectification]") {
    const auto r = Rectify("{not json", {{"/child/sex", "M"}}, SampleMap(), D("2026-04-03"));
    CHECK_FALSE(r.file);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == "file.malformed_json");
}
