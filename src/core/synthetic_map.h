// Tasjil core: a national-size synthetic school map for benchmarks and load tests. The counts
// follow the real country (12 regions, 75 provinces and prefectures, 1,503 communes of which
// 242 urban, about 33,000 douars, about 11,000 schools and 13,000 satellite units); the codes
// and names are invented. Deterministic for a given seed.
#pragma once

#include <cstdint>

#include "core/school_map.h"

namespace tasjil::core {

struct SyntheticMapSize {
    int regions = 12;          // regions
    int provinces = 75;        // provinces and prefectures
    int communes = 1503;       // communes in all
    int urban_communes = 242;  // of which urban
};

SchoolMapDocument GenerateSyntheticMap(std::uint64_t seed, SyntheticMapSize size = {});

}  // namespace tasjil::core
