#include "core/school_map_import.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/csv.h"

namespace tasjil::core {

namespace {

// The columns of each kind of file; a file is of the kind whose required columns it has.
struct Kind {
    const char* name;
    std::vector<const char*> required;
    std::vector<const char*> optional;
};
const Kind kCommunes{
    "communes",
    {"region_code", "region_name_ar", "region_name_fr", "province_code", "province_name_ar",
     "province_name_fr", "commune_code", "commune_name_ar", "commune_name_fr", "commune_kind"},
    {}};
const Kind kSectors{
    "sectors", {"province_code", "commune_code", "sector_code", "kind", "name_ar", "name_fr"}, {}};
const Kind kSchools{"schools",
                    {"school_code", "name_ar", "name_fr", "kind", "central_school",
                     "sectors_served", "first_year_places"},
                    {"commune_code"}};

// One file's rows by column name.
struct Sheet {
    std::string file;
    const CsvTable* table = nullptr;
    std::map<std::string, std::size_t> column;
    std::string Get(const CsvRow& row, const char* name) const {
        const auto it = column.find(name);
        if (it == column.end()) return "";
        std::string v = row.cells[it->second];
        const auto a = v.find_first_not_of(" \t");
        if (a == std::string::npos) return "";
        return v.substr(a, v.find_last_not_of(" \t") - a + 1);
    }
};

bool HasColumns(const CsvTable& t, const Kind& k) {
    for (const char* c : k.required) {
        if (std::find(t.header.begin(), t.header.end(), c) == t.header.end()) return false;
    }
    return true;
}

// "01.573.01.05" is a commune of province "01.573".
bool Within(const std::string& code, const std::string& parent) {
    return code.size() > parent.size() + 1 && code.compare(0, parent.size(), parent) == 0 &&
           code[parent.size()] == '.';
}

std::vector<std::string> SplitList(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    for (char c : text + ";") {
        if (c == ';' || c == ' ' || c == ',' || c == '|') {
            if (!item.empty()) out.push_back(item);
            item.clear();
        } else {
            item.push_back(c);
        }
    }
    return out;
}

class Importer {
  public:
    explicit Importer(std::vector<ImportProblem>& problems) : problems_(problems) {}

    void Problem(const std::string& file, int line, const std::string& message) {
        problems_.push_back({file, line, message});
    }

    void Divisions(const SchoolMapDocument& d) {
        doc.regions = d.regions;
        doc.provinces = d.provinces;
        doc.communes = d.communes;
        for (const auto& c : d.communes) communes_[c.code] = {"", 0};
        for (const auto& p : d.provinces) provinces_.insert(p.code);
    }

    void Communes(const Sheet& s) {
        std::map<std::string, std::pair<std::string, std::string>> region_names, province_names;
        for (const auto& row : s.table->rows) {
            const std::string region = s.Get(row, "region_code"),
                              province = s.Get(row, "province_code"),
                              commune = s.Get(row, "commune_code"),
                              kind = s.Get(row, "commune_kind");
            const auto before = problems_.size();
            if (region.empty() || province.empty() || commune.empty())
                Problem(s.file, row.line, "a code is empty");
            else if (!Within(province, region))
                Problem(s.file, row.line, "province " + province + " is not in region " + region);
            else if (!Within(commune, province))
                Problem(s.file, row.line, "commune " + commune + " is not in province " + province);
            if (kind != "urban" && kind != "rural")
                Problem(s.file, row.line, "commune_kind is \"" + kind + "\", not urban or rural");
            for (const char* c : {"region_name_ar", "region_name_fr", "province_name_ar",
                                  "province_name_fr", "commune_name_ar", "commune_name_fr"}) {
                if (s.Get(row, c).empty()) Problem(s.file, row.line, std::string(c) + " is empty");
            }
            if (problems_.size() != before) continue;
            const std::pair<std::string, std::string> rn{s.Get(row, "region_name_ar"),
                                                         s.Get(row, "region_name_fr")},
                pn{s.Get(row, "province_name_ar"), s.Get(row, "province_name_fr")};
            if (auto [it, fresh] = region_names.emplace(region, rn); fresh) {
                doc.regions.push_back({region, rn.first, rn.second});
            } else if (it->second != rn) {
                Problem(s.file, row.line,
                        "region " + region + " has another name on an earlier line");
            }
            if (auto [it, fresh] = province_names.emplace(province, pn); fresh) {
                doc.provinces.push_back({province, region, pn.first, pn.second});
                provinces_.insert(province);
            } else if (it->second != pn) {
                Problem(s.file, row.line,
                        "province " + province + " has another name on an earlier line");
            }
            if (auto [it, fresh] = communes_.emplace(commune, std::pair{s.file, row.line});
                !fresh) {
                Problem(s.file, row.line,
                        "commune " + commune + " again (first on line " +
                            std::to_string(it->second.second) + ")");
                continue;
            }
            doc.communes.push_back({commune, province, s.Get(row, "commune_name_ar"),
                                    s.Get(row, "commune_name_fr"), kind});
        }
    }

    void Sectors(const Sheet& s) {
        for (const auto& row : s.table->rows) {
            const std::string province = s.Get(row, "province_code"),
                              commune = s.Get(row, "commune_code"),
                              code = s.Get(row, "sector_code"), kind = s.Get(row, "kind");
            const auto before = problems_.size();
            if (code.empty()) Problem(s.file, row.line, "sector_code is empty");
            if (!provinces_.count(province))
                Problem(s.file, row.line, "unknown province " + province);
            else if (!communes_.count(commune))
                Problem(s.file, row.line, "unknown commune " + commune);
            else if (!Within(commune, province))
                Problem(s.file, row.line, "commune " + commune + " is not in province " + province);
            if (kind != "quartier" && kind != "douar")
                Problem(s.file, row.line, "kind is \"" + kind + "\", not quartier or douar");
            if (s.Get(row, "name_ar").empty() || s.Get(row, "name_fr").empty())
                Problem(s.file, row.line, "a name is empty (name_ar and name_fr are both needed)");
            if (problems_.size() != before) continue;
            if (auto [it, fresh] = sectors_.emplace(code, std::pair{s.file, row.line}); !fresh) {
                Problem(s.file, row.line,
                        "sector " + code + " again (first on line " +
                            std::to_string(it->second.second) + ")");
                continue;
            }
            sector_commune_[code] = commune;
            doc.sectors.push_back(
                {code, commune, s.Get(row, "name_ar"), s.Get(row, "name_fr"), kind});
        }
    }

    void Schools(const Sheet& s) {
        // Central schools first, so a satellite may come before its central school.
        std::map<std::string, int> central_line;
        for (const auto& row : s.table->rows) {
            if (s.Get(row, "kind") == "central") central_line[s.Get(row, "school_code")] = row.line;
        }
        for (const auto& row : s.table->rows) {
            const std::string code = s.Get(row, "school_code"), kind = s.Get(row, "kind"),
                              central = s.Get(row, "central_school"),
                              places = s.Get(row, "first_year_places");
            const auto served = SplitList(s.Get(row, "sectors_served"));
            const auto before = problems_.size();
            if (code.empty()) Problem(s.file, row.line, "school_code is empty");
            if (s.Get(row, "name_ar").empty() || s.Get(row, "name_fr").empty())
                Problem(s.file, row.line, "a name is empty (name_ar and name_fr are both needed)");
            if (kind != "school" && kind != "central" && kind != "satellite") {
                Problem(s.file, row.line,
                        "kind is \"" + kind + "\", not school, central or satellite");
            } else if (kind == "satellite" && central.empty()) {
                Problem(s.file, row.line, "satellite unit " + code + " has no central_school");
            } else if (kind == "satellite" && !central_line.count(central)) {
                Problem(s.file, row.line,
                        "central school " + central + " of satellite unit " + code +
                            " is not a central school of this file");
            } else if (kind != "satellite" && !central.empty()) {
                Problem(s.file, row.line, "only a satellite unit has a central_school");
            }
            if (served.empty() && kind != "central")
                Problem(s.file, row.line, "school " + code + " serves no sector");
            for (const auto& sector : served) {
                if (!sector_commune_.count(sector))
                    Problem(s.file, row.line, "unknown sector " + sector + " in sectors_served");
            }
            std::optional<int> first_year;
            if (!places.empty()) {
                if (places.size() > 6 ||
                    places.find_first_not_of("0123456789") != std::string::npos)
                    Problem(s.file, row.line,
                            "first_year_places is \"" + places + "\", not a whole number");
                else
                    first_year = std::stoi(places);
            }
            std::string commune = s.Get(row, "commune_code");
            if (commune.empty() && !served.empty() && sector_commune_.count(served[0]))
                commune = sector_commune_[served[0]];
            if (commune.empty() && kind == "central" && problems_.size() == before)
                Problem(s.file, row.line, "central school " + code + " needs a commune_code");
            else if (!commune.empty() && !communes_.count(commune))
                Problem(s.file, row.line, "unknown commune " + commune);
            if (problems_.size() != before) continue;
            if (auto [it, fresh] = schools_.emplace(code, row.line); !fresh) {
                Problem(
                    s.file, row.line,
                    "school " + code + " again (first on line " + std::to_string(it->second) + ")");
                continue;
            }
            for (const auto& sector : served) served_.insert(sector);
            MapSchool school{
                code,   commune,   s.Get(row, "name_ar"), s.Get(row, "name_fr"), kind, central,
                served, first_year};
            doc.schools.push_back(std::move(school));
        }
    }

    // Sectors no school serves, named where they are defined.
    void Unserved() {
        for (const auto& [code, where] : sectors_) {
            if (!served_.count(code))
                Problem(where.first, where.second, "sector " + code + " is served by no school");
        }
    }

    SchoolMapDocument doc;

  private:
    std::vector<ImportProblem>& problems_;
    std::set<std::string> provinces_;
    std::map<std::string, std::pair<std::string, int>> communes_, sectors_;
    std::map<std::string, std::string> sector_commune_;
    std::map<std::string, int> schools_;
    std::set<std::string> served_;
};

}  // namespace

SchoolMapImport ImportSchoolMap(const std::vector<CsvSource>& sources,
                                const SchoolMapDocument* divisions, const std::string& name) {
    SchoolMapImport out;
    std::vector<CsvTable> tables(sources.size());
    std::vector<Sheet> communes, sectors, schools;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        std::vector<CsvProblem> problems;
        tables[i] = ParseCsv(sources[i].text, problems);
        for (const auto& p : problems) out.problems.push_back({sources[i].name, p.line, p.message});
        if (!problems.empty() && tables[i].header.empty()) continue;
        Sheet sheet{sources[i].name, &tables[i], {}};
        for (std::size_t c = 0; c < tables[i].header.size(); ++c) {
            if (!sheet.column.emplace(tables[i].header[c], c).second)
                out.problems.push_back(
                    {sources[i].name, 1, "column " + tables[i].header[c] + " appears twice"});
        }
        if (HasColumns(tables[i], kSchools)) {
            schools.push_back(sheet);
        } else if (HasColumns(tables[i], kSectors)) {
            sectors.push_back(sheet);
        } else if (HasColumns(tables[i], kCommunes)) {
            communes.push_back(sheet);
        } else {
            out.problems.push_back({sources[i].name, 1,
                                    "the header is not that of a communes, sectors or schools file "
                                    "(docs/schoolmap-import.md lists the columns)"});
        }
    }
    if (communes.empty() && !divisions)
        out.problems.push_back({"", 0, "no communes file and no map to take the divisions from"});
    if (sectors.empty()) out.problems.push_back({"", 0, "no sectors file"});
    if (schools.empty()) out.problems.push_back({"", 0, "no schools file"});
    if (!out.problems.empty()) return out;

    Importer importer(out.problems);
    importer.doc.name = name;
    if (communes.empty()) importer.Divisions(*divisions);
    for (const auto& s : communes) importer.Communes(s);
    for (const auto& s : sectors) importer.Sectors(s);
    for (const auto& s : schools) importer.Schools(s);
    importer.Unserved();
    if (!out.problems.empty()) return out;
    // The map's own checks, as `tasjil schoolmap check` runs them.
    auto load = LoadSchoolMap(importer.doc);
    for (const auto& e : load.errors)
        out.problems.push_back(
            {"", 0, "the map built fails its check: " + e.code + " at " + e.pointer});
    if (out.problems.empty()) out.document = std::move(importer.doc);
    return out;
}

}  // namespace tasjil::core
