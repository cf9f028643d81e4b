// A school map from an academy's CSV files (src/core/school_map_import.cpp): the sample map,
// written out as the three kinds of CSV, comes back the same; every problem names its file and
// line.
#include <catch2/catch.hpp>

#include "core/school_map_import.h"
#include "support/fixtures.h"

using namespace tasjil;
using namespace tasjil::core;

namespace {

std::string Cell(const std::string& v) {
    if (v.find_first_of(",\"\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string Line(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + Cell(cells[i]);
    return out + "\n";
}

// The sample map as an academy would export it.
std::vector<CsvSource> SampleCsv() {
    const auto& d = test::SampleMap().document();
    std::string communes = Line({"region_code", "region_name_ar", "region_name_fr", "province_code",
                                 "province_name_ar", "province_name_fr", "commune_code",
                                 "commune_name_ar", "commune_name_fr", "commune_kind"});
    for (const auto& c : d.communes) {
        const auto* p = test::SampleMap().FindProvince(c.province);
        const MapRegion* r = nullptr;
        for (const auto& region : d.regions) {
            if (region.code == p->region) r = &region;
        }
        communes += Line({r->code, r->name_ar, r->name_fr, p->code, p->name_ar, p->name_fr, c.code,
                          c.name_ar, c.name_fr, c.kind});
    }
    std::string sectors =
        Line({"province_code", "commune_code", "sector_code", "kind", "name_ar", "name_fr"});
    for (const auto& s : d.sectors) {
        sectors += Line({test::SampleMap().FindCommune(s.commune)->province, s.commune, s.code,
                         s.kind, s.name_ar, s.name_fr});
    }
    std::string schools = Line({"school_code", "name_ar", "name_fr", "kind", "central_school",
                                "sectors_served", "first_year_places", "commune_code"});
    for (const auto& s : d.schools) {
        std::string served;
        for (const auto& x : s.sectors_served) served += (served.empty() ? "" : ";") + x;
        schools +=
            Line({s.code, s.name_ar, s.name_fr, s.kind, s.central, served,
                  s.first_year_places ? std::to_string(*s.first_year_places) : "", s.commune});
    }
    return {{"communes.csv", communes}, {"sectors.csv", sectors}, {"schools.csv", schools}};
}

std::string Problems(const SchoolMapImport& r) {
    std::string out;
    for (const auto& p : r.problems)
        out += p.file + ":" + std::to_string(p.line) + ": " + p.message + "\n";
    return out;
}

// Replaces the first occurrence of `from` in the source named `file`.
std::vector<CsvSource> With(std::vector<CsvSource> sources, const std::string& file,
                            const std::string& from, const std::string& to) {
    for (auto& s : sources) {
        if (s.name == file) s.text.replace(s.text.find(from), from.size(), to);
    }
    return sources;
}

}  // namespace

TEST_CASE("The sample map written as CSV imports back to the same map", "[school_map][import]") {
    const auto& sample = test::SampleMap().document();
    const auto result = ImportSchoolMap(SampleCsv(), nullptr, sample.name);
    INFO(Problems(result));
    REQUIRE(result.document);
    CHECK(ToJson(*result.document) == ToJson(sample));
    // The same with the divisions taken from a map instead of a communes file.
    auto without = SampleCsv();
    without.erase(without.begin());
    const auto again = ImportSchoolMap(without, &sample, sample.name);
    INFO(Problems(again));
    REQUIRE(again.document);
    CHECK(ToJson(*again.document) == ToJson(sample));
}

TEST_CASE("Each problem of an import names its file and line", "[school_map][import]") {
    const auto& d = test::SampleMap().document();
    const std::string sector = d.sectors[0].code, commune = d.sectors[0].commune;
    // A commune the divisions do not know.
    auto r = ImportSchoolMap(With(SampleCsv(), "sectors.csv", "," + commune + "," + sector,
                                  "," + commune + "9," + sector),
                             nullptr, "x");
    REQUIRE_FALSE(r.document);
    CHECK(Problems(r).find("sectors.csv:2: unknown commune " + commune + "9") != std::string::npos);
    // A sector twice.
    auto twice = SampleCsv();
    twice[1].text += Line({d.provinces[0].code, commune, sector, "quartier", "حي", "Quartier"});
    r = ImportSchoolMap(twice, nullptr, "x");
    CHECK(Problems(r).find("sector " + sector + " again (first on line 2)") != std::string::npos);
    // A satellite unit without its central school.
    const MapSchool* satellite = nullptr;
    for (const auto& s : d.schools) {
        if (s.kind == "satellite" && !satellite) satellite = &s;
    }
    REQUIRE(satellite);
    r = ImportSchoolMap(
        With(SampleCsv(), "schools.csv", ",satellite," + satellite->central + ",", ",satellite,,"),
        nullptr, "x");
    CHECK(Problems(r).find("satellite unit " + satellite->code + " has no central_school") !=
          std::string::npos);
    // A sector no school serves (one school's list emptied of it).
    auto unserved = SampleCsv();
    unserved[1].text += Line({d.provinces[0].code, commune, "NEW-1", "quartier", "حي", "Nouveau"});
    r = ImportSchoolMap(unserved, nullptr, "x");
    CHECK(Problems(r).find("sectors.csv:" + std::to_string(d.sectors.size() + 2) +
                           ": sector NEW-1 is served by no school") != std::string::npos);
    // An unknown sector in a school's list, a bad kind, places that are not a number.
    r = ImportSchoolMap(With(SampleCsv(), "schools.csv", sector, "NOPE"), nullptr, "x");
    CHECK(Problems(r).find("unknown sector NOPE in sectors_served") != std::string::npos);
    r = ImportSchoolMap(With(SampleCsv(), "sectors.csv", ",quartier,", ",district,"), nullptr, "x");
    CHECK(Problems(r).find("kind is \"district\", not quartier or douar") != std::string::npos);
    // A file of no known kind, and a missing one.
    r = ImportSchoolMap({{"other.csv", "a,b\n1,2\n"}}, nullptr, "x");
    CHECK(Problems(r).find("other.csv:1: the header is not that of a communes, sectors or schools "
                           "file") != std::string::npos);
    CHECK(Problems(r).find("no schools file") != std::string::npos);
    // Broken CSV is named too.
    auto broken = SampleCsv();
    broken[2].text += "\"unclosed\n";
    r = ImportSchoolMap(broken, nullptr, "x");
    CHECK(Problems(r).find("schools.csv:" + std::to_string(d.schools.size() + 2) +
                           ": a quoted field is never closed") != std::string::npos);
}
