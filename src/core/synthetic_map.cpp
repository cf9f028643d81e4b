#include "core/synthetic_map.h"

#include <cstdio>
#include <string>

namespace tasjil::core {

namespace {

// SplitMix64: tiny, fast and identical on every platform (std:: distributions are not).
class Random {
  public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t Next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [lo, hi].
    int Between(int lo, int hi) {
        return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi - lo + 1));
    }

  private:
    std::uint64_t state_;
};

std::string Fmt(const char* f, int a) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, a);
    return buf;
}

std::string SchoolCode(int n) {
    // Five digits and a letter, the shape of an establishment code.
    char buf[16];
    std::snprintf(buf, sizeof buf, "%05d%c", n % 100000, 'A' + (n / 100000) % 26);
    return buf;
}

}  // namespace

SchoolMapDocument GenerateSyntheticMap(std::uint64_t seed, SyntheticMapSize size) {
    Random rnd(seed);
    SchoolMapDocument d;
    d.name = "Synthetic national map (seed " + std::to_string(seed) + ")";
    for (int r = 1; r <= size.regions; ++r) {
        const std::string code = Fmt("%02d", r);
        d.regions.push_back({code, "الجهة " + code, "Région " + code});
    }
    for (int p = 0; p < size.provinces; ++p) {
        const std::string region = d.regions[static_cast<std::size_t>(p % size.regions)].code;
        const std::string code = region + "." + Fmt("%03d", 101 + p * 7);
        d.provinces.push_back({code, region, "الإقليم " + code, "Province " + code});
    }
    int school_number = 1;
    for (int c = 0; c < size.communes; ++c) {
        const auto& province = d.provinces[static_cast<std::size_t>(c % size.provinces)];
        const int nth = c / size.provinces;  // index of the commune inside its province
        const bool urban = c < size.urban_communes;
        const std::string code = province.code + (urban ? ".01." : ".05.") + Fmt("%02d", nth % 100);
        d.communes.push_back(
            {code, province.code, "الجماعة " + code, "Commune " + code, urban ? "urban" : "rural"});

        const int sector_count = urban ? rnd.Between(8, 16) : rnd.Between(16, 36);
        const std::size_t first = d.sectors.size();
        for (int s = 0; s < sector_count; ++s) {
            const std::string sc = code + "." + Fmt("%03d", s + 1);
            d.sectors.push_back({sc, code, (urban ? "الحي " : "الدوار ") + sc,
                                 (urban ? "Quartier " : "Douar ") + sc,
                                 urban ? "quartier" : "douar"});
        }
        auto sector = [&](int i) { return d.sectors[first + static_cast<std::size_t>(i)].code; };
        auto add_school = [&](const char* kind, std::string central,
                              std::vector<std::string> served) {
            const std::string sc = SchoolCode(school_number++);
            // Urban schools take a few classes of first-year pupils, rural units one.
            const int places = urban ? rnd.Between(60, 150) : rnd.Between(12, 40);
            d.schools.push_back({sc, code, "مدرسة " + sc, "École " + sc, kind, std::move(central),
                                 std::move(served), places});
            return sc;
        };
        if (urban) {
            // Each quartier is served by its own school and its neighbour's, plus a few schools
            // that take two or three quartiers.
            for (int i = 0; i < sector_count; ++i) {
                add_school("school", "", {sector(i), sector((i + 1) % sector_count)});
            }
            const int extra = sector_count * 3 / 2;
            for (int k = 0; k < extra; ++k) {
                const int start = rnd.Between(0, sector_count - 1);
                const int span = rnd.Between(1, 3);
                std::vector<std::string> served;
                for (int i = 0; i < span; ++i) served.push_back(sector((start + i) % sector_count));
                add_school("school", "", std::move(served));
            }
        } else {
            // Rural school groups: three central schools per commune, each with satellite
            // units; every douar is served by exactly one unit of its group.
            const int groups = 3;
            for (int g = 0; g < groups; ++g) {
                const int lo = sector_count * g / groups;
                const int hi = sector_count * (g + 1) / groups;  // exclusive
                int next = lo;
                const int central_span = std::min(rnd.Between(1, 3), hi - next);
                std::vector<std::string> served;
                for (int i = 0; i < central_span; ++i) served.push_back(sector(next++));
                const std::string central = add_school("central", "", std::move(served));
                while (next < hi) {
                    const int span = std::min(rnd.Between(1, 3), hi - next);
                    std::vector<std::string> sat;
                    for (int i = 0; i < span; ++i) sat.push_back(sector(next++));
                    add_school("satellite", central, std::move(sat));
                }
            }
        }
    }
    return d;
}

}  // namespace tasjil::core
