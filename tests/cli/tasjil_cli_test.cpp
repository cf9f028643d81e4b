// Runs the real `tasjil` binary as a user would and reads what it prints.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "support/fixtures.h"

using tasjil::test::SampleFileJson;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Run {
    int exit_code = -1;
    std::string out;
};

Run Tasjil(const std::string& args) {
    const std::string cmd = std::string(TASJIL_CLI) + " " + args + " 2>/dev/null";
    Run r;
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    const int status = pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string WriteTemp(const std::string& name, const std::string& content) {
    const fs::path dir = fs::temp_directory_path() / ("tasjil-cli-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
}

Json Precheck(const Json& file, const std::string& today, int expected_exit = 0) {
    const auto path = WriteTemp("file.json", file.dump());
    auto r = Tasjil("precheck " + path + " --today " + today + " --lang fr");
    REQUIRE(r.exit_code == expected_exit);
    return Json::parse(r.out);
}

}  // namespace

TEST_CASE("precheck says eligible for the sample file in April", "[cli][precheck]") {
    const Json out = Precheck(SampleFileJson(), "2026-04-10");
    CHECK(out["valid"] == true);
    CHECK(out["eligibility"]["outcome"] == "eligible");
}

TEST_CASE("precheck gives the right outcome at every rule's boundary", "[cli][precheck]") {
    struct Case {
        const char* birth;
        const char* today;
        const char* school;
        const char* outcome;
        const char* reason;
    };
    const Case cases[] = {
        {"2021-03-31", "2026-04-10", "57303B", "eligible", ""},
        {"2021-04-01", "2026-04-10", "57303B", "ineligible", "age.below_legal_age"},
        {"2020-04-01", "2026-04-10", "57303B", "eligible", ""},
        {"2020-03-31", "2026-04-10", "57303B", "review", "age.late_start"},
        {"2020-09-14", "2026-04-01", "57303B", "eligible", ""},
        {"2020-09-14", "2026-04-30", "57303B", "eligible", ""},
        {"2020-09-14", "2026-05-01", "57303B", "review", "window.late_file"},
        {"2020-09-14", "2026-04-10", "57303C", "ineligible", "school.not_serving_residence"},
        {"2020-09-14", "2026-04-10", "57303A", "eligible", ""},
    };
    for (const auto& c : cases) {
        Json f = SampleFileJson();
        f["child"]["birth_date"] = c.birth;
        f["child"]["civil_status"]["act_year"] = std::stoi(std::string(c.birth).substr(0, 4));
        f["school_choice"]["school_code"] = c.school;
        INFO(c.birth << " " << c.today << " " << c.school);
        const Json out = Precheck(f, c.today);
        CHECK(out["eligibility"]["outcome"] == c.outcome);
        if (*c.reason) {
            REQUIRE(out["eligibility"]["reasons"].size() == 1);
            CHECK(out["eligibility"]["reasons"][0]["code"] == c.reason);
        } else {
            CHECK(out["eligibility"]["reasons"].empty());  // eligible, with nothing to review
        }
    }
}

TEST_CASE("precheck refuses a file before the window opens, whatever its answers",
          "[cli][precheck][window]") {
    const Json out = Precheck(SampleFileJson(), "2026-03-31");
    CHECK(out["valid"] == false);
    REQUIRE(out["errors"].size() == 1);
    CHECK(out["errors"][0]["code"] == "window.not_open");
    CHECK(out["errors"][0]["params"]["opens"] == "2026-04-01");
    CHECK(out["eligibility"].is_null());
    CHECK(Precheck(SampleFileJson(), "2026-04-01")["valid"] == true);
}

TEST_CASE("precheck of an invalid file exits 0 with the errors", "[cli][precheck]") {
    Json f = SampleFileJson();
    f["child"]["birth_date"] = "2026-04-11";
    const Json out = Precheck(f, "2026-04-10");
    CHECK(out["valid"] == false);
    CHECK(out["errors"][0]["code"] == "child.birth_date.in_future");
    // The date the message names is written in words (CLDR), as a parent reads it.
    CHECK(out["errors"][0]["message"].get<std::string>().find("10 avril 2026") != std::string::npos);
    CHECK(out["eligibility"].is_null());
}

TEST_CASE("precheck of an unreadable or unparsable file exits 2 with a JSON error",
          "[cli][precheck]") {
    auto r = Tasjil("precheck /nonexistent/file.json --today 2026-04-10");
    CHECK(r.exit_code == 2);
    CHECK(Json::parse(r.out)["errors"][0]["code"] == "file.unreadable");
    const auto path = WriteTemp("broken.json", "{\"schema_version\": 1, ");
    r = Tasjil("precheck " + path + " --today 2026-04-10");
    CHECK(r.exit_code == 2);
    const Json out = Json::parse(r.out);
    CHECK(out["valid"] == false);
    CHECK(out["errors"][0]["code"] == "file.malformed_json");
}

TEST_CASE("precheck refuses a file followed by a NUL and a second file", "[cli][precheck]") {
    Json young = SampleFileJson();
    young["child"]["birth_date"] = "2024-01-01";
    const std::string text = SampleFileJson().dump() + std::string(1, '\0') + young.dump();
    const auto path = WriteTemp("smuggled.json", text);
    auto r = Tasjil("precheck " + path + " --today 2026-04-10");
    CHECK(r.exit_code == 2);
    const Json out = Json::parse(r.out);
    CHECK(out["valid"] == false);
    CHECK(out["errors"][0]["code"] == "file.malformed_json");
}

TEST_CASE("precheck messages follow --lang", "[cli][precheck]") {
    Json f = SampleFileJson();
    f["child"]["birth_date"] = "2021-04-01";
    f["child"]["civil_status"]["act_year"] = 2021;
    const auto path = WriteTemp("young.json", f.dump());
    auto r = Tasjil("precheck " + path + " --today 2026-04-10 --lang zgh");
    REQUIRE(r.exit_code == 0);
    const std::string msg = Json::parse(r.out)["eligibility"]["reasons"][0]["message"];
    CHECK(msg.find("ⴰⵏⴰⵎⵓⵙ") != std::string::npos);
}

TEST_CASE("Bad usage exits 64", "[cli]") {
    CHECK(Tasjil("").exit_code == 64);
    CHECK(Tasjil("precheck").exit_code == 64);
    CHECK(Tasjil("precheck a.json --today 2026-02-30").exit_code == 64);
    CHECK(Tasjil("precheck a.json --lang en").exit_code == 64);
    CHECK(Tasjil("precheck a.json --bogus").exit_code == 64);
    CHECK(Tasjil("schoolmap generate --seed 1").exit_code == 64);
    CHECK(Tasjil("frobnicate").exit_code == 64);
    CHECK(Tasjil("--help").exit_code == 0);
}

TEST_CASE("schoolmap check accepts the sample map and reports a broken one", "[cli][schoolmap]") {
    auto r = Tasjil(std::string("schoolmap check ") + TASJIL_SOURCE_DIR +
                    "/assets/schoolmap/sample.json");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("ok:") != std::string::npos);
    Json m = Json::parse(tasjil::test::ReadSourceFile("assets/schoolmap/sample.json"));
    m["schools"][3]["sectors_served"][0] = "01.573.01.05.777";
    r = Tasjil("schoolmap check " + WriteTemp("map.json", m.dump()));
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("map.dangling_reference") != std::string::npos);
    CHECK(r.out.find("01.573.01.05.777") != std::string::npos);
}

TEST_CASE("schoolmap generate writes a national map that checks clean", "[cli][schoolmap]") {
    const auto path = WriteTemp("national.json", "");
    auto r = Tasjil("schoolmap generate --national --seed 5 --out " + path);
    REQUIRE(r.exit_code == 0);
    r = Tasjil("schoolmap check " + path);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("communes 1503") != std::string::npos);
}

TEST_CASE("schoolmap import builds a map that passes the check, or names each problem's line",
          "[cli][schoolmap][import]") {
    const auto& d = tasjil::test::SampleMap().document();
    // Sectors and schools of the sample's first commune, over the sample's divisions.
    const std::string commune = d.sectors[0].commune;
    const std::string province = tasjil::test::SampleMap().FindCommune(commune)->province;
    std::string sectors = "province_code,commune_code,sector_code,kind,name_ar,name_fr\n";
    std::string served;
    int n = 0;
    for (const auto& s : d.sectors) {
        if (s.commune != commune) continue;
        sectors += province + "," + commune + "," + s.code + "," + s.kind + "," + s.name_ar +
                   ",\"" + s.name_fr + "\"\n";
        served += (served.empty() ? "" : ";") + s.code;
        ++n;
    }
    const std::string sectors_csv = WriteTemp("sectors.csv", sectors);
    const std::string schools_csv = WriteTemp(
        "schools.csv",
        "school_code;name_ar;name_fr;kind;central_school;sectors_served;first_year_places\n"
        "99999A;مدرسة التجربة;École d'essai;school;;\"" +
            served + "\";120\n");
    const std::string divisions = std::string(TASJIL_SOURCE_DIR) + "/assets/schoolmap/sample.json";
    const std::string out = WriteTemp("imported.json", "");
    auto r = Tasjil("schoolmap import " + sectors_csv + " " + schools_csv + " --divisions " +
                    divisions + " --out " + out + " --name Essai");
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("sectors " + std::to_string(n) + ", schools 1") != std::string::npos);
    auto check = Tasjil("schoolmap check " + out);
    INFO(check.out);
    CHECK(check.exit_code == 0);

    // A school serving a sector nobody defined, and a second school with the same code.
    const std::string bad = WriteTemp(
        "bad.csv",
        "school_code,name_ar,name_fr,kind,central_school,sectors_served,first_year_places\n"
        "99999A,م,A,school,," +
            served +
            ",\n"
            "99999B,م,B,school,,NOWHERE,\n"
            "99999A,م,A again,school,," +
            served + ",\n");
    const std::string untouched = WriteTemp("untouched.json", "previous map");
    r = Tasjil("schoolmap import " + sectors_csv + " " + bad + " --divisions " + divisions +
               " --out " + untouched);
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find(bad + ":3: unknown sector NOWHERE in sectors_served") != std::string::npos);
    CHECK(r.out.find(bad + ":4: school 99999A again (first on line 2)") != std::string::npos);
    CHECK(r.out.find("nothing written") != std::string::npos);
    std::ifstream kept(untouched);
    CHECK(std::string(std::istreambuf_iterator<char>(kept), {}) == "previous map");
    // Without any divisions, the import says what is missing.
    r = Tasjil("schoolmap import " + sectors_csv + " " + schools_csv + " --out " + out);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("no communes file and no map to take the divisions from") !=
          std::string::npos);
    CHECK(Tasjil("schoolmap import --out " + out).exit_code == 64);
}
