// What the screens share: place names, the lists of the school map, the data notice.
#include "app/screens/screens.h"

#include "core/text_policy.h"
#include "core/validation.h"

#include <algorithm>

namespace tasjil::app::screens {

std::string PlaceName(const AppState& state, const std::string& name_ar,
                      const std::string& name_fr) {
    return state.ui.locale == "ar" ? name_ar : name_fr;
}

std::string PlaceLang(const AppState& state) {
    return state.ui.locale == "ar" ? "" : "fr";
}

std::vector<Choice> ProvinceChoices(const AppState& state) {
    std::vector<Choice> out;
    for (const auto& p : state.data.provinces)
        out.push_back({p.code, PlaceName(state, p.name_ar, p.name_fr), "", PlaceLang(state)});
    return out;
}

namespace {

// The places of `list` that `belongs` keeps, named in the interface language; the other
// language's name is the hint, so both spellings are searchable whatever the page's language.
template <class Place, class Keep>
std::vector<Choice> PlaceChoices(const AppState& state, const std::vector<Place>& list,
                                 Keep belongs) {
    std::vector<Choice> out;
    const bool ar = state.ui.locale == "ar";
    for (const auto& p : list) {
        if (belongs(p))
            out.push_back(
                {p.code, ar ? p.name_ar : p.name_fr, ar ? p.name_fr : p.name_ar, PlaceLang(state)});
    }
    return out;
}

}  // namespace

std::vector<Choice> CommuneChoices(const AppState& state, const std::string& province) {
    const auto* map = MapOf(state, province);
    if (!map) return {};
    return PlaceChoices(state, map->document().communes,
                        [&](const core::MapCommune& c) { return c.province == province; });
}

std::vector<Choice> SectorChoices(const AppState& state, const std::string& province,
                                  const std::string& commune) {
    const auto* map = MapOf(state, province);
    if (!map) return {};
    return PlaceChoices(state, map->document().sectors,
                        [&](const core::MapSector& s) { return s.commune == commune; });
}

void WindowNotice(Ui& ui, const AppState& s, const std::string& id) {
    const WindowToday window = RegistrationWindow(s);
    if (window == WindowToday::kOpen) return;
    const auto& rules = *s.data.rules;
    const std::vector<core::Param> params = {{"school_year", rules.school_year},
                                             {"opens", rules.registration_window.opens},
                                             {"closes", rules.registration_window.closes}};
    if (window == WindowToday::kNotYetOpen) {
        Notice(ui, id, {Tr(s, "ui.window.not_yet_open", params)}, NoticeStyle::kInfo, "status");
    } else {
        Notice(ui, id, {Tr(s, "ui.window.closed", params)}, NoticeStyle::kWarning, "status");
    }
}

namespace {

// A country's name in `catalogue`, or "" when not loaded.
const std::string& CountryName(const core::Catalogue* catalogue, const std::string& key) {
    static const std::string none;
    if (!catalogue) return none;
    auto it = catalogue->messages.find(key);
    return it == catalogue->messages.end() ? none : it->second;
}

}  // namespace

bool CountryNamesHere(const AppState& state) {
    // Any country but Morocco (whose name is always there) tells.
    auto it = state.catalogues.find(std::string(core::kDefaultLocale));
    return it != state.catalogues.end() && !CountryName(&it->second, "ui.country.DZ").empty();
}

std::vector<Choice> CountryChoices(const AppState& state) {
    // Built once per language and catalogue, not on every frame: 248 names folded and sorted.
    // Arabic's size is part of the key: its names come later than the page's catalogue.
    struct Cache {
        std::string locale;
        const core::Catalogue* catalogue = nullptr;
        std::size_t messages = 0;
        std::size_t arabic_messages = 0;
        std::vector<Choice> list;
    };
    Cache& cache = state.derived.Of<Cache>();
    const core::Catalogue& shown = Messages(state);
    const auto arabic = state.catalogues.find("ar");
    const std::size_t arabic_messages =
        arabic == state.catalogues.end() ? 0 : arabic->second.messages.size();
    if (cache.locale == state.ui.locale && cache.catalogue == &shown &&
        cache.messages == shown.messages.size() && cache.arabic_messages == arabic_messages &&
        !cache.list.empty())
        return cache.list;
    // Morocco, then the countries where most Moroccan families abroad live and the neighbours
    // (what an empty search shows), then every other country in the order of its folded name.
    static constexpr std::string_view kFirst[] = {"MA", "FR", "ES", "IT", "BE", "NL", "DE",
                                                  "GB", "CA", "US", "SA", "AE", "QA", "DZ",
                                                  "TN", "MR", "SN", "EG", "TR", "CH"};
    // Names CLDR lacks in Tamazight are French (scripts/cldr-catalogues.py lists their codes):
    // the choice says so, for the screen reader's pronunciation and the text's direction.
    const std::string fallback = Tr(state, "cldr.fallback.fr");
    // On a French or Tamazight page a parent may type the Arabic name too.
    const bool other_page = state.ui.locale != "ar" && arabic != state.catalogues.end();
    auto choice = [&](std::string_view code) {
        const std::string c(code);
        const std::string key = "ui.country." + c;
        const bool french = state.ui.locale == "zgh" && fallback.find(c) != std::string::npos;
        const std::string& name = CountryName(&shown, key);
        Choice out(c, name.empty() ? c : name, "", french ? "fr" : "");
        if (other_page) out.keywords = CountryName(&arabic->second, key);
        out.search_key = core::FoldForSearch(out.label + " " + out.keywords);
        return out;
    };
    std::vector<Choice> out;
    for (auto code : kFirst) out.push_back(choice(code));
    std::vector<std::pair<std::string, Choice>> rest;
    for (auto code : core::CountryCodes()) {
        if (std::find(std::begin(kFirst), std::end(kFirst), code) != std::end(kFirst)) continue;
        Choice c = choice(code);
        rest.emplace_back(core::FoldForSearch(c.label), std::move(c));
    }
    std::sort(rest.begin(), rest.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [key, c] : rest) out.push_back(std::move(c));
    cache = {state.ui.locale, &shown, shown.messages.size(), arabic_messages, out};
    return out;
}

std::string SchoolName(const AppState& state, const core::MapSchool& school) {
    return PlaceName(state, school.name_ar, school.name_fr);
}

std::string SchoolHint(const AppState& state, const core::SchoolMap& map,
                       const core::MapSchool& school) {
    std::string hint = Tr(state, "ui.school.kind." + school.kind);
    if (school.kind == "satellite") {
        if (const auto* central = map.FindSchool(school.central))
            hint += " — " +
                    Tr(state, "ui.school.of_central", {{"school", SchoolName(state, *central)}});
    }
    return hint;
}

void AddNameFields(std::vector<Field>& f, const std::string& base, std::string& family_ar,
                   std::string& given_ar, std::string& family_latin, std::string& given_latin,
                   const std::string& section) {
    f.push_back(TextField(base + "/family_name_ar", "ui.field.family_name_ar", &family_ar)
                    .As(Script::kArabic)
                    .Section(section));
    f.push_back(TextField(base + "/given_name_ar", "ui.field.given_name_ar", &given_ar)
                    .As(Script::kArabic)
                    .Section(section));
    f.push_back(TextField(base + "/family_name_latin", "ui.field.family_name_latin", &family_latin)
                    .As(Script::kLatin)
                    .Section(section));
    f.push_back(TextField(base + "/given_name_latin", "ui.field.given_name_latin", &given_latin)
                    .As(Script::kLatin)
                    .Section(section));
}

void AddPersonFields(std::vector<Field>& f, const std::string& base, core::Parent& p,
                     const std::string& section, const std::string& deceased_label) {
    AddNameFields(f, base, p.family_name_ar, p.given_name_ar, p.family_name_latin,
                  p.given_name_latin, section);
    if (!deceased_label.empty()) {
        f.push_back(
            CheckboxField(base + "/deceased", deceased_label, &p.deceased).Section(section));
        if (p.deceased) return;
    }
    f.push_back(TextField(base + "/cin", "ui.field.cin", &p.cin)
                    .Hint("ui.field.cin.hint")
                    .Max(10)
                    .Width(9)
                    .Section(section));
    f.push_back(TextField(base + "/phone", "ui.field.phone", &p.phone)
                    .As(Script::kPhone)
                    .Hint("ui.field.phone.hint")
                    .Autocomplete("tel")
                    .Max(20)
                    .Width(11)
                    .Section(section));
    f.push_back(TextField(base + "/email", "ui.field.email", &p.email)
                    .As(Script::kEmail)
                    .Hint("ui.field.optional")
                    .Autocomplete("email")
                    .Max(120)
                    .Section(section));
}

namespace {
bool AllDigits(const std::string& s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
std::string Pad(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), '0') + s;
}
}  // namespace

void ComposeDate(const DateParts& d, std::string& iso, const std::string& pointer,
                 core::FieldErrors& errors) {
    if (d.empty()) {
        iso.clear();
    } else if (d.day.empty() || d.month.empty() || d.year.empty()) {
        iso.clear();
        errors.push_back({pointer, "ui.birth_date.incomplete", {}});
    } else if (!AllDigits(d.day) || !AllDigits(d.month) || !AllDigits(d.year) || d.day.size() > 2 ||
               d.month.size() > 2 || d.year.size() != 4) {
        iso.clear();
        errors.push_back({pointer, "ui.birth_date.not_a_number", {}});
    } else {
        iso = d.year + "-" + Pad(d.month, 2) + "-" + Pad(d.day, 2);
    }
}

DateParts SplitDate(const std::string& iso) {
    if (iso.size() != 10) return {};
    return {iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4)};
}

bool DataNotice(Ui& ui, const std::string& id, const Remote& remote, const char* what) {
    switch (remote.state) {
        case Remote::State::kReady:
            return true;
        case Remote::State::kIdle:
        case Remote::State::kLoading:
            Notice(ui, id, {Tr(ui.page, "ui.data.loading", {{"what", Tr(ui.page, what)}})},
                   NoticeStyle::kInfo, "status");
            return false;
        case Remote::State::kFailed:
            Notice(ui, id, {Tr(ui.page, "ui.data.failed", {{"what", Tr(ui.page, what)}})},
                   NoticeStyle::kWarning, "alert");
            if (ActionRow(ui, {{id + "-retry", Tr(ui.page, "ui.button.retry")}}) == 0) {
                ui.page.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = RetryData});
            }
            return false;
    }
    return false;
}

void StartAnotherFile(AppState& s, int) {
    StartNewFile(s, s.spare_file_id);
    s.spare_file_id.clear();
    EnterScreen(s, ScreenId::kStart);
}

namespace {
void ApplyUpdate(AppState& s, int) {
    s.device.apply_update = true;
}
}  // namespace

void OfferUpdate(Ui& ui, AppState& s) {
    if (!s.device.update_ready) return;
    Notice(ui, "update-ready", {Tr(s, "ui.update.ready")}, NoticeStyle::kInfo, "status");
    if (ActionRow(ui, {{"update-apply", Tr(s, "ui.update.apply")}}) == 0)
        s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = ApplyUpdate});
}

}  // namespace tasjil::app::screens
