// CSV as spreadsheets write it (src/core/csv.cpp).
#include <catch2/catch.hpp>

#include "core/csv.h"

using namespace tasjil::core;

namespace {
CsvTable Parse(const std::string& text, std::vector<CsvProblem>& problems) {
    return ParseCsv(text, problems);
}
}  // namespace

TEST_CASE("Quoted fields keep commas, doubled quotes and line breaks; rows keep their line",
          "[csv]") {
    std::vector<CsvProblem> problems;
    const auto t = Parse(
        "\xEF\xBB\xBF"
        "code,name\r\n"
        "A,\"Ecole \"\"Ibn Khaldoun\"\", Martil\"\r\n"
        "\r\n"
        "B,\"two\nlines\"\n"
        "C,مدرسة\n",
        problems);
    CHECK(problems.empty());
    CHECK(t.header == std::vector<std::string>{"code", "name"});
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].cells[1] == "Ecole \"Ibn Khaldoun\", Martil");
    CHECK(t.rows[0].line == 2);
    CHECK(t.rows[1].cells[1] == "two\nlines");
    CHECK(t.rows[1].line == 4);
    CHECK(t.rows[2].line == 6);
    CHECK(t.rows[2].cells[1] == "مدرسة");
}

TEST_CASE("A French spreadsheet's semicolons are read as separators", "[csv]") {
    std::vector<CsvProblem> problems;
    const auto t = Parse("code;name\nA;Martil, centre\n", problems);
    CHECK(problems.empty());
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].cells[1] == "Martil, centre");
}

TEST_CASE("Broken CSV is reported with its line, never read half", "[csv]") {
    std::vector<CsvProblem> problems;
    Parse("a,b\n1,2\n3\n", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 3);
    CHECK(problems[0].message == "1 cells where the header has 2");

    problems.clear();
    Parse("a,b\n1,\"open\n2,3\n", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 2);
    CHECK(problems[0].message == "a quoted field is never closed");

    problems.clear();
    Parse("a,b\n\"x\"y,2\n", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "a character follows a closing quote");

    problems.clear();
    Parse("a,b\n1,2\n3,\xE9t\xE9\n", problems);  // Latin-1, as an old spreadsheet saves it
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 3);
    CHECK(problems[0].message.find("not UTF-8") != std::string::npos);

    problems.clear();
    Parse("", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("empty") != std::string::npos);

    problems.clear();
    std::string wide;
    for (int i = 0; i < 70; ++i) wide += "c,";
    Parse(wide + "\n", problems);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "more than 64 columns");
}
