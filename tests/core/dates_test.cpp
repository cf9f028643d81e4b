#include <catch2/catch.hpp>

#include "core/dates.h"

using namespace tasjil::core;

TEST_CASE("Real calendar dates in YYYY-MM-DD form are accepted", "[dates]") {
    CHECK(ParseIsoDate("2020-09-14"));
    CHECK(ParseIsoDate("2020-02-29"));  // leap year
    CHECK(ParseIsoDate("2000-02-29"));  // divisible by 400
    CHECK(ParseIsoDate("2026-12-31"));
    CHECK(FormatIsoDate(*ParseIsoDate("2021-03-31")) == "2021-03-31");
}

TEST_CASE("Days that do not exist and other shapes are refused", "[dates]") {
    CHECK_FALSE(ParseIsoDate("2021-02-29"));  // not a leap year
    CHECK_FALSE(ParseIsoDate("1900-02-29"));  // century, not divisible by 400
    CHECK_FALSE(ParseIsoDate("2026-04-31"));
    CHECK_FALSE(ParseIsoDate("2026-13-01"));
    CHECK_FALSE(ParseIsoDate("2026-00-10"));
    CHECK_FALSE(ParseIsoDate("2026-01-00"));
    CHECK_FALSE(ParseIsoDate("2026-4-1"));
    CHECK_FALSE(ParseIsoDate("14/09/2020"));
    CHECK_FALSE(ParseIsoDate("2020-09-14T00:00:00Z"));
    CHECK_FALSE(ParseIsoDate(""));
    CHECK_FALSE(ParseIsoDate("２０２０-09-14"));  // full-width digits
}

TEST_CASE("RFC 3339 timestamps are accepted with Z, offsets and fractions", "[dates]") {
    CHECK(ParseTimestampDate("2026-04-03T09:12:00Z"));
    CHECK(ParseTimestampDate("2026-04-03T09:12:00.123Z"));
    CHECK(ParseTimestampDate("2026-04-03T09:12:00+01:00"));
    CHECK_FALSE(ParseTimestampDate("2026-04-03 09:12:00Z"));
    CHECK_FALSE(ParseTimestampDate("2026-04-03T25:12:00Z"));
    CHECK_FALSE(ParseTimestampDate("2026-04-03T09:12:00"));
    CHECK_FALSE(ParseTimestampDate("2026-04-31T09:12:00Z"));
    CHECK_FALSE(ParseTimestampDate("2026-04-03T09:12:00.Z"));
}

TEST_CASE("Age in whole years counts a 29 February birthday from 1 March", "[dates]") {
    const auto leap = *ParseIsoDate("2020-02-29");
    CHECK(AgeInYears(leap, *ParseIsoDate("2026-02-28")) == 5);
    CHECK(AgeInYears(leap, *ParseIsoDate("2026-03-01")) == 6);
    CHECK(AgeInYears(leap, *ParseIsoDate("2024-02-29")) == 4);
    const auto b = *ParseIsoDate("2020-12-31");
    CHECK(AgeInYears(b, *ParseIsoDate("2026-12-30")) == 5);
    CHECK(AgeInYears(b, *ParseIsoDate("2026-12-31")) == 6);
    CHECK(AgeInYears(b, *ParseIsoDate("2027-01-01")) == 6);
}
