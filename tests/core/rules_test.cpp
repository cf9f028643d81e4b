#include <catch2/catch.hpp>

#include "core/rules.h"
#include "support/fixtures.h"

using namespace tasjil::core;
using tasjil::test::D;
using tasjil::test::ReadSourceFile;
using tasjil::test::Rules2026;
using tasjil::test::SampleFile;
using tasjil::test::SampleMap;
using Json = nlohmann::json;

namespace {

const Date kInWindow = D("2026-04-10");

Eligibility EvaluateBirth(const std::string& birth, Date today = kInWindow) {
    auto file = SampleFile();
    file.child.birth_date = birth;
    return Evaluate(file, Rules2026(), SampleMap(), today);
}

}  // namespace

TEST_CASE("The legal-age cut-off is 31 March of N-5 (Arrêté 1036.00 art. 2)", "[rules][age]") {
    CHECK(LegalAgeCutoff(2026) == D("2021-03-31"));
    CHECK(LegalAgeCutoff(2025) == D("2020-03-31"));  // the 2025-26 memo's own example
    CHECK(Rules2026().legal_age.born_on_or_before == "2021-03-31");
}

TEST_CASE("Shipped rules files load and follow the arrêté", "[rules]") {
    for (const char* year : {"2025-2026", "2026-2027", "2027-2028"}) {
        auto load = ParseRules(ReadSourceFile(std::string("assets/rules/") + year + ".json"));
        INFO(year);
        CHECK(load.errors.empty());
        REQUIRE(load.rules);
        CHECK(load.rules->school_year == year);
    }
}

TEST_CASE("Born on 31 March N-5 is eligible, on 1 April N-5 is not", "[rules][age][boundary]") {
    auto on = EvaluateBirth("2021-03-31");
    CHECK(on.outcome == Outcome::kEligible);
    CHECK(on.reasons.empty());
    auto after = EvaluateBirth("2021-04-01");
    CHECK(after.outcome == Outcome::kIneligible);
    REQUIRE(after.reasons.size() == 1);
    CHECK(after.reasons[0].code == "age.below_legal_age");
    CHECK(after.reasons[0].pointer == "/child/birth_date");
    CHECK(after.reasons[0].params[0].value == "2021-03-31");
}

TEST_CASE("Year ends and leap days around the cut-off", "[rules][age][boundary]") {
    CHECK(EvaluateBirth("2020-12-31").outcome == Outcome::kEligible);
    CHECK(EvaluateBirth("2021-01-01").outcome == Outcome::kEligible);
    CHECK(EvaluateBirth("2020-02-29").outcome == Outcome::kReview);  // a year late: review
    CHECK(EvaluateBirth("2021-12-31").outcome == Outcome::kIneligible);
    CHECK(EvaluateBirth("2022-01-01").outcome == Outcome::kIneligible);
}

TEST_CASE("Late starters go to review, the day before the limit included",
          "[rules][age][boundary]") {
    CHECK(EvaluateBirth("2020-04-01").outcome == Outcome::kEligible);
    auto late = EvaluateBirth("2020-03-31");
    CHECK(late.outcome == Outcome::kReview);
    REQUIRE(late.reasons.size() == 1);
    CHECK(late.reasons[0].code == "age.late_start");
    CHECK(EvaluateBirth("2018-06-15").outcome == Outcome::kReview);
}

TEST_CASE("A school that does not serve the residence makes the file ineligible",
          "[rules][catchment]") {
    auto file = SampleFile();
    // 57303A serves Martil quartiers 001 and 002; 57301A serves M'diq, not Martil.
    file.school_choice.school_code = "57303A";
    CHECK(Evaluate(file, Rules2026(), SampleMap(), kInWindow).outcome == Outcome::kEligible);
    file.school_choice.school_code = "57301A";
    auto e = Evaluate(file, Rules2026(), SampleMap(), kInWindow);
    CHECK(e.outcome == Outcome::kIneligible);
    REQUIRE(e.reasons.size() == 1);
    CHECK(e.reasons[0].code == "school.not_serving_residence");
    CHECK(e.reasons[0].pointer == "/school_choice/school_code");
}

TEST_CASE("Both rejection reasons are given together", "[rules]") {
    auto file = SampleFile();
    file.child.birth_date = "2022-05-01";
    file.school_choice.school_code = "57301A";
    auto e = Evaluate(file, Rules2026(), SampleMap(), kInWindow);
    CHECK(e.outcome == Outcome::kIneligible);
    REQUIRE(e.reasons.size() == 2);
    CHECK(e.reasons[0].code == "age.below_legal_age");
    CHECK(e.reasons[1].code == "school.not_serving_residence");
}

TEST_CASE("A satellite unit serves its douars, not its sister units' douars",
          "[rules][catchment]") {
    auto file = SampleFile();
    file.residence = {"01.227", "01.227.05.05", "01.227.05.05.003", "دوار الكدية"};
    file.school_choice.school_code = "22706B";  // satellite for douars 003 and 004
    CHECK(Evaluate(file, Rules2026(), SampleMap(), kInWindow).outcome == Outcome::kEligible);
    file.school_choice.school_code = "22706C";  // a sister unit, for douars 005 and 006
    CHECK(Evaluate(file, Rules2026(), SampleMap(), kInWindow).outcome == Outcome::kIneligible);
}

TEST_CASE("Files outside the registration window go to review", "[rules][window][boundary]") {
    auto file = SampleFile();
    CHECK(Evaluate(file, Rules2026(), SampleMap(), D("2026-04-01")).outcome == Outcome::kEligible);
    CHECK(Evaluate(file, Rules2026(), SampleMap(), D("2026-04-30")).outcome == Outcome::kEligible);
    auto late = Evaluate(file, Rules2026(), SampleMap(), D("2026-05-01"));
    CHECK(late.outcome == Outcome::kReview);
    REQUIRE(late.reasons.size() == 1);
    CHECK(late.reasons[0].code == "window.late_file");
    auto early = Evaluate(file, Rules2026(), SampleMap(), D("2026-03-31"));
    CHECK(early.outcome == Outcome::kReview);
    CHECK(early.reasons.at(0).code == "window.not_open");
}

TEST_CASE("Before the window opens a file is refused, unless the ministry allows early filing",
          "[rules][window][boundary]") {
    Rules rules = Rules2026();
    CHECK_FALSE(rules.early_filing);
    const auto refusal = WindowRefusal(rules, D("2026-03-31"));
    REQUIRE(refusal);
    CHECK(refusal->code == "window.not_open");
    CHECK(refusal->pointer.empty());
    CHECK(refusal->params.at(0).value == "2026-04-01");
    CHECK_FALSE(WindowRefusal(rules, D("2026-04-01")));
    CHECK_FALSE(WindowRefusal(rules, D("2026-05-20")));
    CHECK_FALSE(AfterWindow(rules, D("2026-04-30")));
    CHECK(AfterWindow(rules, D("2026-05-01")));
    rules.early_filing = true;
    CHECK_FALSE(WindowRefusal(rules, D("2026-03-31")));

    // The setting is read from the rules file; absent means false, another type is refused.
    auto j = nlohmann::json::parse(tasjil::test::ReadSourceFile("assets/rules/2026-2027.json"));
    j["early_filing"] = true;
    auto load = ParseRules(j.dump());
    REQUIRE(load.rules);
    CHECK(load.rules->early_filing);
    j["early_filing"] = "yes";
    load = ParseRules(j.dump());
    CHECK_FALSE(load.rules);
    REQUIRE_FALSE(load.errors.empty());
    CHECK(load.errors[0].pointer == "/early_filing");
}

TEST_CASE("Ineligible reasons win over review reasons", "[rules]") {
    auto e = EvaluateBirth("2021-04-01", D("2026-06-01"));
    CHECK(e.outcome == Outcome::kIneligible);
    REQUIRE(e.reasons.size() == 1);
    CHECK(e.reasons[0].code == "age.below_legal_age");
}

TEST_CASE("Rules files with a wrong cut-off or disordered dates are refused", "[rules]") {
    Json j = Json::parse(ReadSourceFile("assets/rules/2026-2027.json"));
    j["legal_age"]["born_on_or_before"] = "2021-04-30";
    auto load = ParseRules(j.dump());
    CHECK_FALSE(load.rules);
    CHECK(HasCode(load.errors, "rules.cutoff_not_legal"));

    j = Json::parse(ReadSourceFile("assets/rules/2026-2027.json"));
    j["registration_window"]["closes"] = "2026-03-01";
    CHECK(HasCode(ParseRules(j.dump()).errors, "rules.dates_out_of_order"));
    j = Json::parse(ReadSourceFile("assets/rules/2026-2027.json"));
    j["results_from"] = "2026-02-30";
    CHECK(HasCode(ParseRules(j.dump()).errors, "rules.invalid_date"));
    j = Json::parse(ReadSourceFile("assets/rules/2026-2027.json"));
    j["surprise"] = true;
    CHECK(HasCode(ParseRules(j.dump()).errors, "file.unknown_key"));
    CHECK(HasCode(ParseRules("{").errors, "file.malformed_json"));
}

TEST_CASE(
    "A rural school group is one establishment: its central school may be chosen for a "
    "douar one of its satellite units serves",
    "[rules][catchment][school_group]") {
    auto file = SampleFile();
    file.residence.province = "01.227";
    file.residence.commune = "01.227.05.05";
    file.residence.sector = "01.227.05.05.005";  // served by the satellite unit 22706C
    file.school_choice.school_code = "22706A";   // the group's central school
    const auto e = Evaluate(file, Rules2026(), SampleMap(), kInWindow);
    CHECK(e.outcome == Outcome::kEligible);
    CHECK(e.serving_unit == "22706C");  // the unit the file and the receipt name
    // The unit itself may be chosen too.
    file.school_choice.school_code = "22706C";
    CHECK(Evaluate(file, Rules2026(), SampleMap(), kInWindow).serving_unit == "22706C");
    // Another group's satellite is not the same establishment.
    file.school_choice.school_code = "22706B";  // serves .003 and .004 only
    const auto other = Evaluate(file, Rules2026(), SampleMap(), kInWindow);
    CHECK(other.outcome == Outcome::kIneligible);
    CHECK(other.reasons[0].code == "school.not_serving_residence");
    CHECK(other.serving_unit.empty());
}

TEST_CASE("Parents register for the school year that starts next September",
          "[rules][school_year]") {
    CHECK(SchoolYearFor(D("2026-04-15")) == "2026-2027");
    CHECK(SchoolYearFor(D("2026-08-31")) == "2026-2027");
    CHECK(SchoolYearFor(D("2026-09-01")) == "2027-2028");
    CHECK(SchoolYearFor(D("2026-12-31")) == "2027-2028");
    CHECK(SchoolYearFor(D("2027-01-01")) == "2027-2028");
}

TEST_CASE("A child born after 31 March may start school a year later (Arrêté 1036.00 art. 2)",
          "[rules][age]") {
    CHECK(FirstStartYear(D("2021-03-31")) == 2026);
    CHECK(FirstStartYear(D("2021-04-01")) == 2027);
    CHECK(FirstStartYear(D("2021-01-01")) == 2026);
    CHECK(FirstStartYear(D("2021-12-31")) == 2027);
}
