// Screen 8, School: the schools that serve the residence first (a central school and its
// satellite units are one establishment); another school only after the parent has read that
// the request will then be refused for school.not_serving_residence (law 04-00).
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

std::vector<Field> Fields(AppState& s) {
    const auto& r = s.file.residence;
    std::vector<Choice> choices;
    if (const auto* map = MapOf(s, r.province)) {
        std::vector<const core::MapSchool*> others;
        for (const auto& school : map->document().schools) {
            if (map->ServingUnit(school.code, r.sector)) {
                choices.push_back({school.code, SchoolName(s, school), SchoolHint(s, *map, school),
                                   PlaceLang(s)});
            } else if (school.commune == r.commune) {
                others.push_back(&school);
            }
        }
        if (s.school.show_others || !choices.empty()) {
            for (const auto* school : others) {
                const bool chosen = school->code == s.file.school_choice.school_code;
                if (!s.school.show_others && !chosen) continue;
                choices.push_back({school->code, SchoolName(s, *school),
                                   Tr(s, "ui.school.not_serving"), PlaceLang(s)});
            }
        }
    }
    return {RadioField("/school_choice/school_code", "ui.field.school",
                       &s.file.school_choice.school_code, std::move(choices))};
}

void ShowOthers(AppState& s, int) {
    s.school.show_others = true;
    s.ui.focus_request = "school-others-warning";
}

void After(Ui& ui) {
    AppState& s = ui.state;
    if (!MapOf(s, s.file.residence.province)) {
        auto it = s.data.map_state.find(s.file.residence.province);
        DataNotice(ui, "map-status", it == s.data.map_state.end() ? Remote{} : it->second,
                   "ui.data.schools");
        return;
    }
    if (s.school.show_others) {
        Notice(ui, "school-others-warning", {Tr(s, "ui.school.others_warning")},
               NoticeStyle::kWarning);
    } else if (ActionRow(ui, {{"school-show-others", Tr(s, "ui.school.show_others")}}) == 0) {
        s.ui.intents.push_back({Intent::Kind::kRun, ScreenId::kSchool, "", false, ShowOthers});
    }
}

}  // namespace

const ScreenSpec& School() {
    static const ScreenSpec spec = [] {
        ScreenSpec s{ScreenId::kSchool, "ui.school.heading", "ui.school.intro"};
        s.fields = Fields;
        s.after = After;
        return s;
    }();
    return spec;
}

}  // namespace tasjil::app::screens
