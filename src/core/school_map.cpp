// Index
//   [SECTION] Reading the document
//   [SECTION] Integrity and indexes
//   [SECTION] Look-ups
//   [SECTION] Writing
//   [SECTION] Checks of a file against the map
#include "core/school_map.h"

#include <algorithm>

#include "core/json_io.h"
#include "core/json_reader.h"

namespace tasjil::core {

namespace {
// Map names can be longer than form fields (official school names), but stay bounded.
constexpr std::size_t kMapStringBytes = 400;
// A national map is about 8 MB of JSON; refuse anything absurdly larger before parsing.
constexpr std::size_t kMaxMapBytes = 256u * 1024 * 1024;
}  // namespace

// [SECTION] Reading the document -----------------------------------------------------------------

namespace {

template <class T, class ReadOne>
void ReadList(ObjectReader& r, const char* key, std::vector<T>& out, FieldErrors& errors,
              ReadOne read_one) {
    const Json* list = r.Member(key);
    if (!list) return;
    const std::string ptr = PointerAppend("", key);
    if (!list->is_array()) {
        WrongType(ptr, "array", errors);
        return;
    }
    out.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        T item;
        ObjectReader ir((*list)[i], PointerAppend(ptr, i), errors, kMapStringBytes);
        if (!ir.ok()) continue;
        read_one(ir, item);
        out.push_back(std::move(item));
    }
}

}  // namespace

struct SchoolMapLoader {
    static SchoolMapLoad Check(SchoolMapDocument doc);
};

SchoolMapLoad ParseSchoolMap(std::string_view text) {
    SchoolMapLoad result;
    Json j;
    if (!ParseDocument(text, kMaxMapBytes, 8, j, result.errors)) return result;
    SchoolMapDocument doc;
    {
        ObjectReader r(j, "", result.errors, kMapStringBytes);
        if (!r.ok()) return result;
        r.Int("schema_version", doc.schema_version);
        r.String("name", doc.name);
        ReadList(r, "regions", doc.regions, result.errors, [](ObjectReader& ir, MapRegion& x) {
            ir.String("code", x.code);
            ir.String("name_ar", x.name_ar);
            ir.String("name_fr", x.name_fr);
        });
        ReadList(r, "provinces", doc.provinces, result.errors,
                 [](ObjectReader& ir, MapProvince& x) {
                     ir.String("code", x.code);
                     ir.String("region", x.region);
                     ir.String("name_ar", x.name_ar);
                     ir.String("name_fr", x.name_fr);
                 });
        ReadList(r, "communes", doc.communes, result.errors, [](ObjectReader& ir, MapCommune& x) {
            ir.String("code", x.code);
            ir.String("province", x.province);
            ir.String("name_ar", x.name_ar);
            ir.String("name_fr", x.name_fr);
            ir.String("kind", x.kind);
        });
        ReadList(r, "sectors", doc.sectors, result.errors, [](ObjectReader& ir, MapSector& x) {
            ir.String("code", x.code);
            ir.String("commune", x.commune);
            ir.String("name_ar", x.name_ar);
            ir.String("name_fr", x.name_fr);
            ir.String("kind", x.kind);
        });
        ReadList(r, "schools", doc.schools, result.errors, [](ObjectReader& ir, MapSchool& x) {
            ir.String("code", x.code);
            ir.String("commune", x.commune);
            ir.String("name_ar", x.name_ar);
            ir.String("name_fr", x.name_fr);
            ir.String("kind", x.kind);
            ir.String("central", x.central);
            ir.StringArray("sectors_served", x.sectors_served, 10000);
            ir.OptionalInt("first_year_places", x.first_year_places);
        });
    }
    if (!result.errors.empty()) return result;
    if (doc.schema_version != 1) {
        result.errors.push_back(
            {"/schema_version", "file.unsupported_schema_version", {{"supported", "1"}}});
        return result;
    }
    return SchoolMapLoader::Check(std::move(doc));
}

SchoolMapLoad LoadSchoolMap(SchoolMapDocument doc) {
    return SchoolMapLoader::Check(std::move(doc));
}

// [SECTION] Integrity and indexes ----------------------------------------------------------------

namespace {

template <class T, class IndexT>
void IndexCodes(const std::vector<T>& items, const char* list, IndexT& index, FieldErrors& errors) {
    index.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string ptr = PointerAppend(PointerAppend("", list), i) + "/code";
        if (items[i].code.empty()) {
            errors.push_back({ptr, "map.empty_code", {}});
        } else if (!index.emplace(items[i].code, i).second) {
            errors.push_back({ptr, "map.duplicate_code", {{"code", items[i].code}}});
        }
    }
}

template <class IndexT>
void Reference(const IndexT& index, const std::string& value, const std::string& pointer,
               const char* target, FieldErrors& errors) {
    if (index.find(std::string_view(value)) == index.end()) {
        errors.push_back(
            {pointer, "map.dangling_reference", {{"code", value}, {"target", target}}});
    }
}

}  // namespace

SchoolMapLoad SchoolMapLoader::Check(SchoolMapDocument doc) {
    SchoolMapLoad result;
    FieldErrors& errors = result.errors;
    SchoolMap map;
    map.doc_ = std::move(doc);
    const SchoolMapDocument& d = map.doc_;

    IndexCodes(d.regions, "regions", map.regions_, errors);
    IndexCodes(d.provinces, "provinces", map.provinces_, errors);
    IndexCodes(d.communes, "communes", map.communes_, errors);
    IndexCodes(d.sectors, "sectors", map.sectors_, errors);
    IndexCodes(d.schools, "schools", map.schools_, errors);

    for (std::size_t i = 0; i < d.provinces.size(); ++i) {
        Reference(map.regions_, d.provinces[i].region, PointerAppend("/provinces", i) + "/region",
                  "regions", errors);
    }
    for (std::size_t i = 0; i < d.communes.size(); ++i) {
        const auto& c = d.communes[i];
        const std::string ptr = PointerAppend("/communes", i);
        Reference(map.provinces_, c.province, ptr + "/province", "provinces", errors);
        if (c.kind != "urban" && c.kind != "rural") {
            errors.push_back({ptr + "/kind", "map.invalid_kind", {{"allowed", "urban, rural"}}});
        }
    }
    for (std::size_t i = 0; i < d.sectors.size(); ++i) {
        const auto& s = d.sectors[i];
        const std::string ptr = PointerAppend("/sectors", i);
        Reference(map.communes_, s.commune, ptr + "/commune", "communes", errors);
        if (s.kind != "quartier" && s.kind != "douar") {
            errors.push_back({ptr + "/kind", "map.invalid_kind", {{"allowed", "quartier, douar"}}});
        }
    }
    map.serving_.assign(d.sectors.size(), {});
    for (std::size_t i = 0; i < d.schools.size(); ++i) {
        const auto& s = d.schools[i];
        const std::string ptr = PointerAppend("/schools", i);
        Reference(map.communes_, s.commune, ptr + "/commune", "communes", errors);
        if (s.kind == "satellite") {
            // A satellite unit belongs to a central school of a rural school group.
            auto it = map.schools_.find(std::string_view(s.central));
            if (s.central.empty()) {
                errors.push_back({ptr + "/central", "map.satellite_without_central", {}});
            } else if (it == map.schools_.end()) {
                errors.push_back({ptr + "/central",
                                  "map.dangling_reference",
                                  {{"code", s.central}, {"target", "schools"}}});
            } else if (d.schools[it->second].kind != "central") {
                errors.push_back(
                    {ptr + "/central", "map.central_not_central", {{"code", s.central}}});
            }
        } else if (s.kind == "school" || s.kind == "central") {
            if (!s.central.empty()) {
                errors.push_back({ptr + "/central", "map.central_on_non_satellite", {}});
            }
        } else {
            errors.push_back(
                {ptr + "/kind", "map.invalid_kind", {{"allowed", "school, central, satellite"}}});
        }
        if (s.first_year_places && *s.first_year_places < 0) {
            errors.push_back({ptr + "/first_year_places", "map.invalid_places", {}});
        }
        if (s.sectors_served.empty()) {
            errors.push_back({ptr + "/sectors_served", "map.school_serves_nothing", {}});
        }
        for (std::size_t k = 0; k < s.sectors_served.size(); ++k) {
            const std::string sp = PointerAppend(ptr + "/sectors_served", k);
            auto it = map.sectors_.find(std::string_view(s.sectors_served[k]));
            if (it == map.sectors_.end()) {
                errors.push_back({sp,
                                  "map.dangling_reference",
                                  {{"code", s.sectors_served[k]}, {"target", "sectors"}}});
                continue;
            }
            auto& list = map.serving_[it->second];
            if (std::find(list.begin(), list.end(), i) != list.end()) {
                errors.push_back({sp, "map.duplicate_code", {{"code", s.sectors_served[k]}}});
            } else {
                list.push_back(i);
            }
        }
    }
    if (errors.empty()) result.map = std::move(map);
    return result;
}

// [SECTION] Look-ups -----------------------------------------------------------------------------

namespace {
template <class IndexT, class T>
const T* Lookup(const IndexT& index, const std::vector<T>& items, std::string_view code) {
    auto it = index.find(code);
    return it == index.end() ? nullptr : &items[it->second];
}
}  // namespace

const MapProvince* SchoolMap::FindProvince(std::string_view code) const {
    return Lookup(provinces_, doc_.provinces, code);
}
const MapCommune* SchoolMap::FindCommune(std::string_view code) const {
    return Lookup(communes_, doc_.communes, code);
}
const MapSector* SchoolMap::FindSector(std::string_view code) const {
    return Lookup(sectors_, doc_.sectors, code);
}
const MapSchool* SchoolMap::FindSchool(std::string_view code) const {
    return Lookup(schools_, doc_.schools, code);
}

std::vector<const MapSchool*> SchoolMap::SchoolsServing(std::string_view sector) const {
    std::vector<const MapSchool*> out;
    auto it = sectors_.find(sector);
    if (it == sectors_.end()) return out;
    for (std::size_t i : serving_[it->second]) out.push_back(&doc_.schools[i]);
    return out;
}

bool SchoolMap::Serves(std::string_view school, std::string_view sector) const {
    auto sec = sectors_.find(sector);
    auto sch = schools_.find(school);
    if (sec == sectors_.end() || sch == schools_.end()) return false;
    const auto& list = serving_[sec->second];
    return std::find(list.begin(), list.end(), sch->second) != list.end();
}

const MapSchool* SchoolMap::ServingUnit(std::string_view school, std::string_view sector) const {
    const MapSchool* chosen = FindSchool(school);
    if (!chosen) return nullptr;
    if (Serves(school, sector)) return chosen;
    if (chosen->kind != "central") return nullptr;
    for (const MapSchool* unit : SchoolsServing(sector)) {
        if (unit->kind == "satellite" && unit->central == chosen->code) return unit;
    }
    return nullptr;
}

std::vector<const MapSector*> SchoolMap::UnservedSectors() const {
    std::vector<const MapSector*> out;
    for (std::size_t i = 0; i < doc_.sectors.size(); ++i) {
        if (serving_[i].empty()) out.push_back(&doc_.sectors[i]);
    }
    return out;
}

// [SECTION] Writing ------------------------------------------------------------------------------

std::string ToJson(const SchoolMapDocument& d) {
    using Ordered = nlohmann::ordered_json;
    Ordered o;
    o["schema_version"] = d.schema_version;
    o["name"] = d.name;
    Ordered& regions = o["regions"] = Ordered::array();
    for (const auto& r : d.regions) {
        regions.push_back({{"code", r.code}, {"name_ar", r.name_ar}, {"name_fr", r.name_fr}});
    }
    Ordered& provinces = o["provinces"] = Ordered::array();
    for (const auto& p : d.provinces) {
        provinces.push_back({{"code", p.code},
                             {"region", p.region},
                             {"name_ar", p.name_ar},
                             {"name_fr", p.name_fr}});
    }
    Ordered& communes = o["communes"] = Ordered::array();
    for (const auto& c : d.communes) {
        communes.push_back({{"code", c.code},
                            {"province", c.province},
                            {"name_ar", c.name_ar},
                            {"name_fr", c.name_fr},
                            {"kind", c.kind}});
    }
    Ordered& sectors = o["sectors"] = Ordered::array();
    for (const auto& s : d.sectors) {
        sectors.push_back({{"code", s.code},
                           {"commune", s.commune},
                           {"name_ar", s.name_ar},
                           {"name_fr", s.name_fr},
                           {"kind", s.kind}});
    }
    Ordered& schools = o["schools"] = Ordered::array();
    for (const auto& s : d.schools) {
        schools.push_back({{"code", s.code},
                           {"commune", s.commune},
                           {"name_ar", s.name_ar},
                           {"name_fr", s.name_fr},
                           {"kind", s.kind},
                           {"central", s.central},
                           {"sectors_served", s.sectors_served}});
        if (s.first_year_places) schools.back()["first_year_places"] = *s.first_year_places;
    }
    return o.dump(-1, ' ', false, Ordered::error_handler_t::replace);
}

// [SECTION] Checks of a file against the map -----------------------------------------------------

FieldErrors ValidateAgainstMap(const ElectronicFile& f, const SchoolMap& map) {
    // Empty values are Validate's "field.required"; only filled-in codes are looked up here.
    FieldErrors errors;
    const auto& r = f.residence;
    const MapProvince* province = map.FindProvince(r.province);
    if (!province && !r.province.empty()) {
        errors.push_back({"/residence/province", "residence.province.unknown", {}});
    }
    const MapCommune* commune = map.FindCommune(r.commune);
    if (!commune && !r.commune.empty()) {
        errors.push_back({"/residence/commune", "residence.commune.unknown", {}});
    } else if (commune && province && commune->province != province->code) {
        errors.push_back({"/residence/commune", "residence.commune.not_in_province", {}});
    }
    const MapSector* sector = map.FindSector(r.sector);
    if (!sector && !r.sector.empty()) {
        errors.push_back({"/residence/sector", "residence.sector.unknown", {}});
    } else if (sector && commune && sector->commune != commune->code) {
        errors.push_back({"/residence/sector", "residence.sector.not_in_commune", {}});
    }
    const std::string& school = f.school_choice.school_code;
    if (!school.empty() && !map.FindSchool(school)) {
        errors.push_back({"/school_choice/school_code", "school.unknown", {}});
    }
    return errors;
}

}  // namespace tasjil::core
