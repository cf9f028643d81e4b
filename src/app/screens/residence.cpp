// Screen 7, Residence: province, commune, quartier or douar — each a list searched in Arabic
// or Latin spelling — then the address. The residence decides the schools that may be chosen
// (law 04-00: the nearest public school); only the province's map is fetched.
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

// What the screen holds beside the file: the search texts of its lists.
struct ResidenceState {
    std::string commune_query;
    std::string sector_query;
};

ResidenceState& State(AppState& s) {
    return s.screens.Of<ResidenceState>();
}

std::vector<Field> Fields(AppState& s) {
    auto& r = s.file.residence;
    auto& st = State(s);
    std::vector<Field> f = {
        SelectField("/residence/province", "ui.field.province", &r.province, ProvinceChoices(s))
            .Hint("ui.field.province.hint"),
    };
    // Every question is in the table (for errors and Check your answers); the body draws a list
    // only once the one above it is chosen and its data is there.
    f.push_back(SearchField("/residence/commune", "ui.field.commune", &r.commune, &st.commune_query,
                            CommuneChoices(s, r.province)));
    f.push_back(SearchField("/residence/sector", "ui.field.sector", &r.sector, &st.sector_query,
                            SectorChoices(s, r.province, r.commune))
                    .Hint("ui.field.sector.hint"));
    f.push_back(TextField("/residence/address", "ui.field.address", &r.address)
                    .Autocomplete("street-address")
                    .Max(120));
    return f;
}

// The lists of the province, or why they are not there yet.
void Body(Ui& ui, AppState& s, std::vector<Field>& fields) {
    DataNotice(ui, "provinces-status", s.data.provinces_state, "ui.data.provinces");
    const std::string& p = s.file.residence.province;
    const bool map = !p.empty() && MapOf(s, p);
    std::vector<Field> shown = {fields[0]};
    if (map) shown.push_back(fields[1]);
    if (map && !s.file.residence.commune.empty()) shown.push_back(fields[2]);
    std::vector<Field> address = {fields[3]};
    bool changed = DrawFields(ui, shown);
    if (!p.empty() && !map) {
        auto it = s.data.map_state.find(p);
        DataNotice(ui, "map-status", it == s.data.map_state.end() ? Remote{} : it->second,
                   "ui.data.communes");
    }
    changed |= DrawFields(ui, address);
    if (changed) OnModelChanged(s);
}

// A commune or sector that no longer nests in the choice above it is cleared.
void Sync(AppState& s, core::FieldErrors& errors) {
    auto& r = s.file.residence;
    const auto* map = MapOf(s, r.province);
    if (!map) {
        if (!r.province.empty()) errors.push_back({"/residence/commune", "ui.data.not_ready", {}});
        return;
    }
    const auto* c = map->FindCommune(r.commune);
    if (!c || c->province != r.province) r.commune.clear();
    const auto* sec = map->FindSector(r.sector);
    if (!sec || sec->commune != r.commune) r.sector.clear();
}

std::vector<std::string> Maps(const AppState& s) {
    return {s.file.residence.province};
}

std::vector<DraftValue> Draft(AppState& s) {
    auto& st = State(s);
    return {{.name = "commune_query", .text = &st.commune_query},
            {.name = "sector_query", .text = &st.sector_query}};
}

}  // namespace

// clang-format off
extern const ScreenSpec kResidence{
    .id = {"residence"}, .heading = "ui.residence.heading", .intro = "ui.residence.intro",
    .fields = Fields, .body = Body, .sync = Sync, .needs_maps = Maps, .needs_place_names = true,
    .draft = Draft};
// clang-format on

}  // namespace tasjil::app::screens
