// Tasjil core: the school map. Regions → provinces (directorates) → communes → sectors (urban
// quartiers, rural douars) → schools with the sectors each one serves. Law 04-00 sends a child
// to the nearest public school; the map is how the ministry says which schools those are.
//
// Index
//   [SECTION] Document (the JSON shape)
//   [SECTION] Loaded map with look-ups
//   [SECTION] Checks of a file against the map
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/electronic_file.h"
#include "core/field_error.h"

namespace tasjil::core {

// [SECTION] Document (the JSON shape) ------------------------------------------------------------

struct MapRegion {
    std::string code;     // HCP region code "01".."12"
    std::string name_ar;  // Arabic name
    std::string name_fr;  // French name
};

struct MapProvince {
    std::string code;     // HCP province/prefecture code "RR.PPP" (also the directorate)
    std::string region;   // code of its region
    std::string name_ar;  // Arabic name
    std::string name_fr;  // French name
};

struct MapCommune {
    std::string code;      // HCP commune code "RR.PPP.CC.NN"
    std::string province;  // code of its province
    std::string name_ar;   // Arabic name
    std::string name_fr;   // French name
    std::string kind;      // "urban" | "rural"
};

struct MapSector {
    std::string code;     // sector code, unique in the map
    std::string commune;  // code of its commune
    std::string name_ar;  // Arabic name
    std::string name_fr;  // French name
    std::string kind;     // "quartier" (urban) | "douar" (rural)
};

struct MapSchool {
    std::string code;                         // school code, unique in the map
    std::string commune;                      // commune where the school stands
    std::string name_ar;                      // Arabic name
    std::string name_fr;                      // French name
    std::string kind;                         // "school" | "central" | "satellite"
    std::string central;                      // central school of a satellite unit, else ""
    std::vector<std::string> sectors_served;  // sectors whose children this school takes
    // Places in the first year for the coming school year, set by the provincial directorate
    // (the school map of the carte scolaire); absent when not known. Staff see it against the
    // files approved; it is not a rule of the pre-check.
    std::optional<int> first_year_places;
};

struct SchoolMapDocument {
    int schema_version = 1;              // format version, 1
    std::string name;                    // what this map covers, for reports
    std::vector<MapRegion> regions;      // regions
    std::vector<MapProvince> provinces;  // provinces and prefectures
    std::vector<MapCommune> communes;    // communes
    std::vector<MapSector> sectors;      // quartiers and douars
    std::vector<MapSchool> schools;      // schools, central schools and satellite units
};

std::string ToJson(const SchoolMapDocument& doc);

// [SECTION] Loaded map with look-ups -------------------------------------------------------------

// A checked map with hash indexes; look-ups are O(1) (schools serving a sector: O(answer)).
class SchoolMap {
  public:
    const SchoolMapDocument& document() const { return doc_; }

    const MapProvince* FindProvince(std::string_view code) const;
    const MapCommune* FindCommune(std::string_view code) const;
    const MapSector* FindSector(std::string_view code) const;
    const MapSchool* FindSchool(std::string_view code) const;

    // Schools (including satellite units) that take children living in `sector`.
    std::vector<const MapSchool*> SchoolsServing(std::string_view sector) const;
    // Whether `school` takes children living in `sector`.
    bool Serves(std::string_view school, std::string_view sector) const;
    // The establishment that takes a child of `sector` when the parents choose `school`: the
    // school itself when it serves the sector, else — a rural school group (central school and
    // its satellite units) being one establishment — the group's satellite unit that serves the
    // sector when `school` is its central school; nullptr when neither.
    const MapSchool* ServingUnit(std::string_view school, std::string_view sector) const;
    // Sectors that no school serves (a gap in the map, reported by `schoolmap check`).
    std::vector<const MapSector*> UnservedSectors() const;

  private:
    friend struct SchoolMapLoader;
    SchoolMapDocument doc_;
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    using Index = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;
    Index regions_, provinces_, communes_, sectors_, schools_;
    // For each sector index, the indexes of the schools serving it.
    std::vector<std::vector<std::size_t>> serving_;
};

struct SchoolMapLoad {
    std::optional<SchoolMap> map;  // set when there are no errors
    FieldErrors errors;            // shape and integrity errors, pointers into the map document
};

// Parses and checks a map: shape, duplicate codes, dangling references (province → region,
// commune → province, sector → commune, school → commune/central/sectors), satellite rules.
SchoolMapLoad ParseSchoolMap(std::string_view text);
// Checks and indexes a document built in memory (the synthetic generator's output).
SchoolMapLoad LoadSchoolMap(SchoolMapDocument doc);

// [SECTION] Checks of a file against the map -----------------------------------------------------

// Residence codes exist and nest (province ⊃ commune ⊃ sector); the chosen school exists.
// Whether the school serves the residence is an eligibility question (see Evaluate).
FieldErrors ValidateAgainstMap(const ElectronicFile& file, const SchoolMap& map);

}  // namespace tasjil::core
