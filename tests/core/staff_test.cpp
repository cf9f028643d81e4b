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

TEST_CASE("The national administrator has no scope, and manages the directorates' accounts",
          "[core][staff]") {
    CHECK(ParseStaffRole("national") == StaffRole::kNational);
    CHECK(ParseStaffScope(StaffRole::kNational, ""));
    CHECK_FALSE(ParseStaffScope(StaffRole::kNational, "01.573"));
    CHECK(ManagerOf(StaffRole::kSchool) == StaffRole::kDirectorate);
    CHECK(ManagerOf(StaffRole::kDirectorate) == StaffRole::kNational);
    CHECK_FALSE(ManagerOf(StaffRole::kNational));
    for (auto state : {AccountState::kActive, AccountState::kPending, AccountState::kDisabled})
        CHECK(ParseAccountState(AccountStateName(state)) == state);
    CHECK_FALSE(ParseAccountState("locked"));
}

TEST_CASE(
    "A CSV of Massar codes and names is read in any column order, with its problems per "
    "line",
    "[core][staff][csv]") {
    std::vector<AccountRowProblem> problems;
    const auto rows = ParseAccountRows(
        "Nom;Massar_Code;Commune\n\"Ibn Battouta; M'diq\";57301A;M'diq\n Zerktouni ; 57301B ;x\n",
        problems);
    CHECK(problems.empty());
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].school_code == "57301A");
    CHECK(rows[0].name == "Ibn Battouta; M'diq");
    CHECK(rows[1].school_code == "57301B");
    CHECK(rows[1].name == "Zerktouni");
    CHECK(rows[1].line == 3);
    // Arabic header names are read too.
    problems.clear();
    CHECK(ParseAccountRows("code,الاسم\n57301A,مدرسة ابن بطوطة\n", problems).size() == 1);
    CHECK(problems.empty());
}

TEST_CASE(
    "A CSV of accounts with a bad code, a code twice, a bad name or no header is refused "
    "line by line",
    "[core][staff][csv]") {
    std::vector<AccountRowProblem> problems;
    const auto rows = ParseAccountRows(
        "massar_code,name\n57301A,A\n57301A,B\n,C\n57301C,\n57301D,\xe2\x80\xaeRTL\n5730 1E,E\n",
        problems);
    CHECK(rows.size() == 1);
    std::vector<std::pair<int, std::string>> got;
    for (const auto& p : problems) got.emplace_back(p.line, p.code);
    CHECK(got == std::vector<std::pair<int, std::string>>{{3, "accounts.import.twice"},
                                                          {4, "accounts.import.bad_code"},
                                                          {5, "accounts.import.bad_name"},
                                                          {6, "accounts.import.bad_name"},
                                                          {7, "accounts.import.bad_code"}});
    problems.clear();
    CHECK(ParseAccountRows("school,title\n57301A,A\n", problems).empty());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == "accounts.import.header");
    problems.clear();
    CHECK(ParseAccountRows("massar_code,name\n\"57301A,A\n", problems).empty());
    CHECK_FALSE(problems.empty());
    problems.clear();
    std::string many = "massar_code,name\n";
    for (int i = 0; i < 2001; ++i) many += "C" + std::to_string(i) + ",N\n";
    CHECK(ParseAccountRows(many, problems).empty());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].code == "accounts.import.too_many");
}

TEST_CASE("An account's name is kept as the file's text policy keeps a name, or refused",
          "[core][staff]") {
    CHECK(CleanDisplayName("  École Ibn Battouta ") == "École Ibn Battouta");
    // Decomposed é becomes one code point; an Arabic presentation form its letter.
    CHECK(CleanDisplayName("E\xcc\x81"
                           "cole") ==
          "\xc3\x89"
          "cole");
    CHECK(CleanDisplayName("\xef\xbb\xb3") == "\xd9\x8a");
    for (const std::string& bad :
         {std::string(""), std::string("  "), std::string(201, 'x'), std::string("a\x01z"),
          std::string("a\xe2\x80\xaez"), std::string("a\xe2\x80\x8bz"), std::string("\xff"),
          std::string("a\xef\xbf\xbe")}) {
        INFO(bad);
        CHECK_FALSE(CleanDisplayName(bad));
    }
}
