#include <catch2/catch.hpp>

#include <algorithm>

#include "core/school_map.h"
#include "support/fixtures.h"

using namespace tasjil::core;
using tasjil::test::ReadSourceFile;
using tasjil::test::SampleFile;
using tasjil::test::SampleMap;
using Json = nlohmann::json;

namespace {

Json SampleMapJson() {
    return Json::parse(ReadSourceFile("assets/schoolmap/sample.json"));
}

bool HasError(const FieldErrors& errors, const std::string& pointer, const std::string& code) {
    return std::any_of(errors.begin(), errors.end(),
                       [&](const FieldError& e) { return e.pointer == pointer && e.code == code; });
}

}  // namespace

TEST_CASE("The sample map loads, covers two real provinces and serves every sector",
          "[school_map]") {
    const auto& map = SampleMap();
    const auto& d = map.document();
    CHECK(d.provinces.size() == 2);
    REQUIRE(map.FindProvince("01.573"));
    CHECK(map.FindProvince("01.573")->name_fr == "M'diq-Fnideq");
    REQUIRE(map.FindCommune("01.227.05.05"));
    CHECK(map.FindCommune("01.227.05.05")->name_ar == "القصر الصغير");
    CHECK(map.UnservedSectors().empty());
    const auto satellites = std::count_if(d.schools.begin(), d.schools.end(),
                                          [](const MapSchool& s) { return s.kind == "satellite"; });
    CHECK(satellites >= 3);
}

TEST_CASE("Schools serving a residence and whether a school serves it", "[school_map]") {
    const auto& map = SampleMap();
    auto serving = map.SchoolsServing("01.573.01.03.002");
    std::vector<std::string> codes;
    for (const auto* s : serving) codes.push_back(s->code);
    std::sort(codes.begin(), codes.end());
    CHECK(codes == std::vector<std::string>{"57303A", "57303B"});
    CHECK(map.Serves("57303B", "01.573.01.03.002"));
    CHECK_FALSE(map.Serves("57301A", "01.573.01.03.002"));
    CHECK_FALSE(map.Serves("NOPE", "01.573.01.03.002"));
    CHECK(map.SchoolsServing("01.999.99.99.999").empty());
}

TEST_CASE("A school map writes back to the same JSON", "[school_map]") {
    CHECK(Json::parse(ToJson(SampleMap().document())) == SampleMapJson());
}

TEST_CASE("Duplicate codes are refused with the code named", "[school_map][integrity]") {
    Json j = SampleMapJson();
    j["schools"][1]["code"] = j["schools"][0]["code"];
    auto load = ParseSchoolMap(j.dump());
    CHECK_FALSE(load.map);
    CHECK(HasError(load.errors, "/schools/1/code", "map.duplicate_code"));
    CHECK(load.errors[0].params[0].value == j["schools"][0]["code"].get<std::string>());
}

TEST_CASE("Dangling references are refused at each level", "[school_map][integrity]") {
    Json j = SampleMapJson();
    j["provinces"][0]["region"] = "99";
    j["communes"][0]["province"] = "99.999";
    j["sectors"][0]["commune"] = "99.999.99.99";
    j["schools"][0]["commune"] = "99.999.99.98";
    j["schools"][0]["sectors_served"][0] = "nowhere";
    auto load = ParseSchoolMap(j.dump());
    CHECK_FALSE(load.map);
    CHECK(HasError(load.errors, "/provinces/0/region", "map.dangling_reference"));
    CHECK(HasError(load.errors, "/communes/0/province", "map.dangling_reference"));
    CHECK(HasError(load.errors, "/sectors/0/commune", "map.dangling_reference"));
    CHECK(HasError(load.errors, "/schools/0/commune", "map.dangling_reference"));
    CHECK(HasError(load.errors, "/schools/0/sectors_served/0", "map.dangling_reference"));
}

TEST_CASE("Satellite units must name an existing central school", "[school_map][integrity]") {
    Json j = SampleMapJson();
    auto& schools = j["schools"];
    std::size_t sat = 0, plain = 0;
    for (std::size_t i = 0; i < schools.size(); ++i) {
        if (schools[i]["kind"] == "satellite" && !sat) sat = i;
        if (schools[i]["kind"] == "school" && !plain) plain = i;
    }
    REQUIRE(sat);
    Json k = j;
    k["schools"][sat]["central"] = "";
    CHECK(HasError(ParseSchoolMap(k.dump()).errors, "/schools/" + std::to_string(sat) + "/central",
                   "map.satellite_without_central"));
    k = j;
    k["schools"][sat]["central"] = j["schools"][plain]["code"];
    CHECK(HasError(ParseSchoolMap(k.dump()).errors, "/schools/" + std::to_string(sat) + "/central",
                   "map.central_not_central"));
    k = j;
    k["schools"][sat]["central"] = "00000Z";
    CHECK(HasError(ParseSchoolMap(k.dump()).errors, "/schools/" + std::to_string(sat) + "/central",
                   "map.dangling_reference"));
    k = j;
    k["schools"][plain]["central"] = j["schools"][sat]["central"];
    CHECK(HasError(ParseSchoolMap(k.dump()).errors,
                   "/schools/" + std::to_string(plain) + "/central",
                   "map.central_on_non_satellite"));
    k = j;
    k["schools"][plain]["kind"] = "lycee";
    CHECK(HasError(ParseSchoolMap(k.dump()).errors, "/schools/" + std::to_string(plain) + "/kind",
                   "map.invalid_kind"));
    k = j;
    k["schools"][plain]["sectors_served"] = Json::array();
    CHECK(HasError(ParseSchoolMap(k.dump()).errors,
                   "/schools/" + std::to_string(plain) + "/sectors_served",
                   "map.school_serves_nothing"));
}

TEST_CASE("A sector no school serves is reported", "[school_map][integrity]") {
    Json j = SampleMapJson();
    j["sectors"].push_back({{"code", "01.573.01.03.099"},
                            {"commune", "01.573.01.03"},
                            {"name_ar", "حي جديد"},
                            {"name_fr", "Nouveau quartier"},
                            {"kind", "quartier"}});
    auto load = ParseSchoolMap(j.dump());
    REQUIRE(load.map);
    REQUIRE(load.map->UnservedSectors().size() == 1);
    CHECK(load.map->UnservedSectors()[0]->code == "01.573.01.03.099");
}

TEST_CASE("Malformed map documents are refused, not crashed on", "[school_map]") {
    CHECK(HasCode(ParseSchoolMap("{").errors, "file.malformed_json"));
    CHECK(HasCode(ParseSchoolMap("[]").errors, "file.wrong_type"));
    Json j = SampleMapJson();
    j["schools"] = "all of them";
    CHECK(HasCode(ParseSchoolMap(j.dump()).errors, "file.wrong_type"));
}

TEST_CASE("A file's residence and school are looked up in the map", "[school_map][residence]") {
    auto file = SampleFile();
    CHECK(ValidateAgainstMap(file, SampleMap()).empty());
    file.residence.province = "01.511";  // Tanger-Assilah, not in the sample map
    file.residence.commune = "01.511.01.01";
    file.residence.sector = "01.511.01.01.001";
    file.school_choice.school_code = "99999Z";
    auto errors = ValidateAgainstMap(file, SampleMap());
    CHECK(HasError(errors, "/residence/province", "residence.province.unknown"));
    CHECK(HasError(errors, "/residence/commune", "residence.commune.unknown"));
    CHECK(HasError(errors, "/residence/sector", "residence.sector.unknown"));
    CHECK(HasError(errors, "/school_choice/school_code", "school.unknown"));

    file = SampleFile();
    file.residence.sector = "01.573.01.05.001";  // a quartier of M'diq, not of Martil
    CHECK(HasError(ValidateAgainstMap(file, SampleMap()), "/residence/sector",
                   "residence.sector.not_in_commune"));
    file = SampleFile();
    file.residence.commune = "01.227.05.05";  // a commune of another province
    CHECK(HasError(ValidateAgainstMap(file, SampleMap()), "/residence/commune",
                   "residence.commune.not_in_province"));
}
