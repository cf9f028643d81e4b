// Screen 8, School: the schools that serve the residence first (a central school and its
// satellite units are one establishment); another school only after the parent has read that
// the request will then be refused for school.not_serving_residence (law 04-00).
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

// What the screen holds beside the file.
struct SchoolState {
    bool show_others = false;  // after the explanation of what choosing another school means
};

SchoolState& State(AppState& s) {
    return s.screens.Of<SchoolState>();
}

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
        const bool show_others = State(s).show_others;
        if (show_others || !choices.empty()) {
            for (const auto* school : others) {
                const bool chosen = school->code == s.file.school_choice.school_code;
                if (!show_others && !chosen) continue;
                choices.push_back({school->code, SchoolName(s, *school),
                                   Tr(s, "ui.school.not_serving"), PlaceLang(s)});
            }
        }
    }
    return {RadioField("/school_choice/school_code", "ui.field.school",
                       &s.file.school_choice.school_code, std::move(choices))};
}

void ShowOthers(AppState& s, int) {
    State(s).show_others = true;
    s.ui.focus_request = "school-others-warning";
}

void After(Ui& ui, AppState& s) {
    if (!MapOf(s, s.file.residence.province)) {
        auto it = s.data.map_state.find(s.file.residence.province);
        DataNotice(ui, "map-status", it == s.data.map_state.end() ? Remote{} : it->second,
                   "ui.data.schools");
        return;
    }
    if (State(s).show_others) {
        Notice(ui, "school-others-warning", {Tr(s, "ui.school.others_warning")},
               NoticeStyle::kWarning);
    } else if (ActionRow(ui, {{"school-show-others", Tr(s, "ui.school.show_others")}}) == 0) {
        s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = ShowOthers});
    }
}

std::vector<DraftValue> Draft(AppState& s) {
    return {{.name = "show_others", .flag = &State(s).show_others}};
}

}  // namespace

// clang-format off
extern const ScreenSpec kSchool{
    .id = {"school"}, .heading = "ui.school.heading", .intro = "ui.school.intro", .fields = Fields,
    .after = After, .draft = Draft};
// clang-format on

}  // namespace tasjil::app::screens
