#include <catch2/catch.hpp>

#include "core/synthetic_map.h"

using namespace tasjil::core;

TEST_CASE("The synthetic national map has the country's size and passes the checks",
          "[synthetic_map]") {
    auto load = LoadSchoolMap(GenerateSyntheticMap(1));
    REQUIRE(load.errors.empty());
    REQUIRE(load.map);
    const auto& d = load.map->document();
    CHECK(d.regions.size() == 12);
    CHECK(d.provinces.size() == 75);
    CHECK(d.communes.size() == 1503);
    std::size_t douars = 0, satellites = 0;
    for (const auto& s : d.sectors) douars += s.kind == "douar";
    for (const auto& s : d.schools) satellites += s.kind == "satellite";
    CHECK(douars > 30000);
    CHECK(douars < 36000);
    CHECK(d.schools.size() > 22000);
    CHECK(d.schools.size() < 26000);
    CHECK(satellites > 11000);
    CHECK(satellites < 15000);
    CHECK(load.map->UnservedSectors().empty());
}

TEST_CASE("The synthetic map depends only on its seed", "[synthetic_map]") {
    CHECK(ToJson(GenerateSyntheticMap(7)) == ToJson(GenerateSyntheticMap(7)));
    CHECK(ToJson(GenerateSyntheticMap(7)) != ToJson(GenerateSyntheticMap(8)));
}

TEST_CASE("The synthetic map survives a JSON round trip", "[synthetic_map]") {
    SyntheticMapSize small{2, 3, 12, 3};
    const auto doc = GenerateSyntheticMap(3, small);
    auto load = ParseSchoolMap(ToJson(doc));
    REQUIRE(load.errors.empty());
    CHECK(load.map->document().schools.size() == doc.schools.size());
}
