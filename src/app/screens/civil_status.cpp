// Screen 3, Civil status: the birth act's number, its year and the civil-status office that
// holds it — together they identify the act (law 37-99 on civil status).
#include "app/screens/screens.h"

#include <algorithm>

namespace tasjil::app::screens {

namespace {

// What the screen holds beside the file: the act's year as typed (the model holds a number).
struct CivilStatusState {
    std::string act_year;
};

CivilStatusState& State(AppState& s) {
    return s.screens.Of<CivilStatusState>();
}

std::vector<Field> Fields(AppState& s) {
    auto& cs = s.file.child.civil_status;
    return {
        TextField("/child/civil_status/act_number", "ui.field.act_number", &cs.act_number)
            .As(Script::kDigits)
            .Hint("ui.field.act_number.hint")
            .Max(10)
            .Width(8),
        TextField("/child/civil_status/act_year", "ui.field.act_year", &State(s).act_year)
            .As(Script::kDigits)
            .Max(4)
            .Width(5),
        TextField("/child/civil_status/office", "ui.field.office", &cs.office)
            .Hint("ui.field.office.hint")
            .Max(120),
    };
}

void Sync(AppState& s, core::FieldErrors& errors) {
    const std::string& year = State(s).act_year;
    auto& cs = s.file.child.civil_status;
    const bool digits =
        !year.empty() && year.size() <= 4 &&
        std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (year.empty()) {
        cs.act_year = 0;
    } else if (!digits || year.size() != 4) {
        cs.act_year = 0;
        errors.push_back({"/child/civil_status/act_year", "ui.year.not_a_year", {}});
    } else {
        cs.act_year = std::stoi(year);
    }
}

std::vector<DraftValue> Draft(AppState& s) {
    return {{.name = "act_year", .text = &State(s).act_year}};
}

void FromFile(AppState& s) {
    const int year = s.file.child.civil_status.act_year;
    State(s).act_year = year ? std::to_string(year) : "";
}

}  // namespace

// clang-format off
extern const ScreenSpec kCivilStatus{
    .id = {"civil_status"}, .heading = "ui.civil.heading", .intro = "ui.civil.intro",
    .fields = Fields, .sync = Sync, .draft = Draft, .from_file = FromFile};
// clang-format on

}  // namespace tasjil::app::screens
