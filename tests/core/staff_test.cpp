// Staff roles and scopes (core/staff.h): what the server stores and enforces and the console shows.
#include <catch2/catch.hpp>

#include "core/staff.h"

using namespace tasjil::core;

TEST_CASE("A role is read back from its name, and an unknown name is no role", "[core][staff]") {
    for (auto role : {StaffRole::kSchool, StaffRole::kDirectorate})
        CHECK(ParseStaffRole(RoleName(role)) == role);
    CHECK(RoleName(StaffRole::kDirectorate) == "directorate");
    CHECK_FALSE(ParseStaffRole("admin"));
    CHECK_FALSE(ParseStaffRole("School"));
    CHECK_FALSE(ParseStaffRole(""));
}

TEST_CASE("A school account's scope is its school codes, a directorate's its province",
          "[core][staff]") {
    const auto schools = ParseStaffScope(StaffRole::kSchool, "57303A,57303B");
    REQUIRE(schools);
    CHECK(schools->schools == std::vector<std::string>{"57303A", "57303B"});
    CHECK(schools->province.empty());
    CHECK(ScopeText(*schools) == "57303A,57303B");
    const auto province = ParseStaffScope(StaffRole::kDirectorate, "01.573");
    REQUIRE(province);
    CHECK(province->schools.empty());
    CHECK(province->province == "01.573");
    CHECK(ScopeText(*province) == "01.573");
}

TEST_CASE("A scope with an empty, spaced, long or foreign code is refused", "[core][staff]") {
    for (const char* text : {"", ",", "57303A,", ",57303A", "57303A,,57303B", "57303A 57303B",
                             "57303A;DROP", "01.573/..", "0123456789ABCDEFG", "٥٧٣٠٣"}) {
        INFO(text);
        CHECK_FALSE(ParseStaffScope(StaffRole::kSchool, text));
    }
    // A directorate has one province: a list is not one.
    CHECK_FALSE(ParseStaffScope(StaffRole::kDirectorate, "01.573,01.227"));
    CHECK_FALSE(ParseStaffScope(StaffRole::kDirectorate, ""));
}
