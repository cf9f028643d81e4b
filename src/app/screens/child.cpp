// Screen 2, Child: the names as on the birth act in Arabic and Latin letters, sex, date of
// birth, place of birth (a commune of Morocco, or a country and place abroad), nationality.
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

constexpr ScreenId kId{"child"};

// What the screen holds beside the file.
struct ChildState {
    DateParts birth_date;
    std::string born_in_morocco = "yes";  // "yes" | "no": commune picker or country and place
    std::string birth_province;           // province of the birth commune (picker only)
    std::string birth_commune;            // the commune chosen (the model's is optional)
    std::string commune_query;            // search text of the birth commune list
    std::string country_query;            // search text of the birth country list
    std::string nationality_query;        // search text of the nationality list
};

ChildState& State(AppState& s) {
    return s.screens.Of<ChildState>();
}
const ChildState& State(const AppState& s) {
    return s.screens.Of<ChildState>();
}

std::vector<Field> Fields(AppState& s) {
    auto& c = s.file.child;
    auto& st = State(s);
    std::vector<Field> f;
    AddNameFields(f, "/child", c.family_name_ar, c.given_name_ar, c.family_name_latin,
                  c.given_name_latin, "");
    std::vector<Field> rest = {
        RadioField("/child/sex", "ui.field.sex", &c.sex,
                   {{"F", Tr(s, "ui.sex.F")}, {"M", Tr(s, "ui.sex.M")}}),
        DateField("/child/birth_date", "ui.field.birth_date", &st.birth_date),
        RadioField("/child/birth_place/in_morocco", "ui.field.born_in_morocco", &st.born_in_morocco,
                   {{"yes", Tr(s, "ui.answer.yes")}, {"no", Tr(s, "ui.answer.no")}}),
    };
    f.insert(f.end(), rest.begin(), rest.end());
    if (st.born_in_morocco == "yes") {
        f.push_back(SelectField("/child/birth_place/province", "ui.field.birth_province",
                                &st.birth_province, ProvinceChoices(s)));
        if (!st.birth_province.empty()) {
            f.push_back(SearchField("/child/birth_place/commune", "ui.field.birth_commune",
                                    &st.birth_commune, &st.commune_query,
                                    CommuneChoices(s, st.birth_province)));
        }
    } else {
        auto countries = CountryChoices(s);
        countries.erase(countries.begin());  // abroad: not Morocco
        f.push_back(SearchField("/child/birth_place/country", "ui.field.birth_country",
                                &c.birth_place.country, &st.country_query, std::move(countries))
                        .Hint("ui.search.country_hint"));
        f.push_back(TextField("/child/birth_place/place_text", "ui.field.birth_place_text",
                              &c.birth_place.place_text)
                        .Max(120));
    }
    f.push_back(SearchField("/child/nationality", "ui.field.nationality", &c.nationality,
                            &st.nationality_query, CountryChoices(s))
                    .Hint("ui.search.country_hint"));
    return f;
}

void Sync(AppState& s, core::FieldErrors& errors) {
    auto& c = s.file.child;
    auto& st = State(s);
    ComposeDate(st.birth_date, c.birth_date, "/child/birth_date", errors);
    auto& bp = c.birth_place;
    if (st.born_in_morocco == "yes") {
        bp.country = "MA";
        bp.commune.reset();
        bp.place_text.clear();
        if (st.birth_province.empty()) {
            errors.push_back({"/child/birth_place/province", "field.required", {}});
        } else if (const auto* map = MapOf(s, st.birth_province)) {
            const auto* commune = map->FindCommune(st.birth_commune);
            if (commune && commune->province == st.birth_province) {
                bp.commune = commune->code;
                bp.place_text = commune->name_ar;  // as birth acts in Morocco write it
            }
        } else {
            // The list is still being fetched: the commune cannot be chosen yet.
            errors.push_back({"/child/birth_place/commune", "ui.data.not_ready", {}});
        }
    } else {
        if (bp.country == "MA") bp.country.clear();
        bp.commune.reset();
    }
}

std::vector<std::string> Maps(const AppState& s) {
    return {State(s).birth_province};
}

std::vector<DraftValue> Draft(AppState& s) {
    auto& st = State(s);
    return {{.name = "birth_date", .date = &st.birth_date},
            {.name = "born_in_morocco", .text = &st.born_in_morocco},
            {.name = "birth_province", .text = &st.birth_province},
            {.name = "birth_commune", .text = &st.birth_commune},
            {.name = "commune_query", .text = &st.commune_query},
            {.name = "country_query", .text = &st.country_query, .optional = true},
            {.name = "nationality_query", .text = &st.nationality_query, .optional = true}};
}

void FromFile(AppState& s) {
    const auto& c = s.file.child;
    auto& st = State(s);
    st.birth_date = SplitDate(c.birth_date);
    st.born_in_morocco = c.birth_place.country == "MA" ? "yes" : "no";
    st.birth_commune = c.birth_place.commune.value_or("");
    // A commune code "RR.PPP.CC.NN" starts with its province's "RR.PPP".
    const auto second = st.birth_commune.find('.', st.birth_commune.find('.') + 1);
    st.birth_province = second == std::string::npos ? "" : st.birth_commune.substr(0, second);
}

}  // namespace

// clang-format off
extern const ScreenSpec kChild{
    .id = kId, .heading = "ui.child.heading", .intro = "ui.child.intro", .fields = Fields,
    .sync = Sync, .needs_maps = Maps, .needs_place_names = true, .draft = Draft,
    .from_file = FromFile};
// clang-format on

}  // namespace tasjil::app::screens
