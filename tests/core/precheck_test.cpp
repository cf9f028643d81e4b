#include <catch2/catch.hpp>

#include "core/precheck.h"
#include "support/fixtures.h"

using namespace tasjil::core;
using tasjil::test::CatalogueFor;
using tasjil::test::D;
using tasjil::test::Rules2026;
using tasjil::test::SampleFileJson;
using tasjil::test::SampleMap;

namespace {
Json Run(const Json& file, const std::string& locale = "fr", Date today = D("2026-04-10")) {
    auto r = Precheck(ParseElectronicFile(file.dump()), Rules2026(), SampleMap(), today);
    return Json::parse(PrecheckToJson(r, CatalogueFor(locale)));
}
}  // namespace

TEST_CASE("A valid, eligible file gives valid true and outcome eligible", "[precheck]") {
    const Json out = Run(SampleFileJson());
    CHECK(out["valid"] == true);
    CHECK(out["errors"].empty());
    CHECK(out["eligibility"]["outcome"] == "eligible");
    CHECK(out["eligibility"]["reasons"].empty());
}

TEST_CASE("An ineligible file names its reasons with messages in the chosen language",
          "[precheck]") {
    Json f = SampleFileJson();
    f["child"]["birth_date"] = "2021-04-01";
    f["child"]["civil_status"]["act_year"] = 2021;
    f["school_choice"]["school_code"] = "57301A";
    const Json out = Run(f, "ar");
    CHECK(out["valid"] == true);
    CHECK(out["eligibility"]["outcome"] == "ineligible");
    REQUIRE(out["eligibility"]["reasons"].size() == 2);
    CHECK(out["eligibility"]["reasons"][0]["code"] == "age.below_legal_age");
    CHECK(out["eligibility"]["reasons"][0]["params"]["born_on_or_before"] == "2021-03-31");
    CHECK(out["eligibility"]["reasons"][1]["code"] == "school.not_serving_residence");
    CHECK(out["eligibility"]["reasons"][1]["message"].get<std::string>().find("محل السكنى") !=
          std::string::npos);
}

TEST_CASE("An invalid file lists its errors and has no eligibility", "[precheck]") {
    Json f = SampleFileJson();
    f["child"]["given_name_ar"] = "Yasmine";
    f["residence"]["sector"] = "01.573.01.03.099";
    const Json out = Run(f);
    CHECK(out["valid"] == false);
    REQUIRE(out["errors"].size() == 2);
    CHECK(out["errors"][0]["pointer"] == "/child/given_name_ar");
    CHECK(out["errors"][0]["code"] == "name.not_arabic");
    CHECK(out["errors"][0]["message"].get<std::string>().find("lettres arabes") !=
          std::string::npos);
    CHECK(out["errors"][1]["code"] == "residence.sector.unknown");
    CHECK(out["eligibility"].is_null());
}

TEST_CASE("A file for a school year without rules is refused", "[precheck]") {
    Json f = SampleFileJson();
    f["school_year"] = "2027-2028";
    const Json out = Run(f);
    CHECK(out["valid"] == false);
    CHECK(out["errors"][0]["code"] == "school_year.not_open");
    CHECK(out["errors"][0]["params"]["school_year"] == "2026-2027");
}

TEST_CASE("A shape error stops the pre-check with the parser's error", "[precheck]") {
    auto r = Precheck(ParseElectronicFile("{\"schema_version\":1"), Rules2026(), SampleMap(),
                      D("2026-04-10"));
    CHECK_FALSE(r.parsed());
    CHECK_FALSE(r.valid());
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == "file.malformed_json");
}

TEST_CASE("The same problem is not reported twice by format and map checks", "[precheck]") {
    Json f = SampleFileJson();
    f["residence"]["commune"] = "01.227.05.05";
    const Json out = Run(f);
    int count = 0;
    for (const auto& e : out["errors"]) count += e["code"] == "residence.commune.not_in_province";
    CHECK(count == 1);
}

TEST_CASE("A valid file sent before the window opens is refused, not reviewed",
          "[precheck][window]") {
    Json out = Run(SampleFileJson(), "fr", D("2026-03-20"));
    CHECK(out["valid"] == false);
    REQUIRE(out["errors"].size() == 1);
    CHECK(out["errors"][0]["code"] == "window.not_open");
    CHECK(out["errors"][0]["pointer"] == "");
    // A file of another year is refused for its year, not for this year's window.
    Json other = SampleFileJson();
    other["school_year"] = "2027-2028";
    out = Run(other, "fr", D("2026-03-20"));
    REQUIRE(out["errors"].size() == 1);
    CHECK(out["errors"][0]["code"] == "school_year.not_open");
}
