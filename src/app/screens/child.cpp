// Screen 2, Child: the names as on the birth act in Arabic and Latin letters, sex, date of
// birth, place of birth (a commune of Morocco, or a country and place abroad), nationality.
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

std::vector<Field> Fields(AppState& s) {
    auto& c = s.file.child;
    auto& st = s.child;
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
    auto& st = s.child;
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
    return {s.child.birth_province};
}

}  // namespace

const ScreenSpec& Child() {
    static const ScreenSpec spec = [] {
        ScreenSpec s{ScreenId::kChild, "ui.child.heading", "ui.child.intro"};
        s.fields = Fields;
        s.sync = Sync;
        s.needs_maps = Maps;
        return s;
    }();
    return spec;
}

}  // namespace tasjil::app::screens
