// Screen 3, Civil status: the birth act's number, its year and the civil-status office that
// holds it — together they identify the act (law 37-99 on civil status).
#include "app/screens/screens.h"

#include <algorithm>

namespace tasjil::app::screens {

namespace {

std::vector<Field> Fields(AppState& s) {
    auto& cs = s.file.child.civil_status;
    return {
        TextField("/child/civil_status/act_number", "ui.field.act_number", &cs.act_number)
            .As(Script::kDigits)
            .Hint("ui.field.act_number.hint")
            .Max(10)
            .Width(8),
        TextField("/child/civil_status/act_year", "ui.field.act_year", &s.civil_status.act_year)
            .As(Script::kDigits)
            .Max(4)
            .Width(5),
        TextField("/child/civil_status/office", "ui.field.office", &cs.office)
            .Hint("ui.field.office.hint")
            .Max(120),
    };
}

void Sync(AppState& s, core::FieldErrors& errors) {
    const std::string& year = s.civil_status.act_year;
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

}  // namespace

const ScreenSpec& CivilStatus() {
    static const ScreenSpec spec = [] {
        ScreenSpec s{ScreenId::kCivilStatus, "ui.civil.heading", "ui.civil.intro"};
        s.fields = Fields;
        s.sync = Sync;
        return s;
    }();
    return spec;
}

}  // namespace tasjil::app::screens
