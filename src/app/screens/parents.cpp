// Screen 4, Parents: the father and the mother as on the birth act (names even when deceased),
// their CIN, phone and e-mail; and whether another person is the child's guardian (law 04-00
// puts the duty to enrol on the parents or the person in charge of the child).
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

std::vector<Field> Fields(AppState& s) {
    std::vector<Field> f;
    AddPersonFields(f, "/father", s.file.father, "ui.parents.father", "ui.field.deceased.father");
    AddPersonFields(f, "/mother", s.file.mother, "ui.parents.mother", "ui.field.deceased.mother");
    f.push_back(RadioField("/guardian", "ui.field.has_guardian", &s.parents.has_guardian,
                           {{"no", Tr(s, "ui.answer.no")}, {"yes", Tr(s, "ui.answer.yes")}})
                    .Hint("ui.field.has_guardian.hint"));
    return f;
}

void Sync(AppState& s, core::FieldErrors&) {
    // A deceased parent has no contact details to keep.
    for (core::Parent* p : {&s.file.father, &s.file.mother}) {
        if (p->deceased) p->cin = p->phone = p->email = "";
    }
    if (s.parents.has_guardian == "yes") {
        if (!s.file.guardian) s.file.guardian.emplace();
    } else {
        s.file.guardian.reset();
    }
}

}  // namespace

const ScreenSpec& Parents() {
    static const ScreenSpec spec = [] {
        ScreenSpec s{ScreenId::kParents, "ui.parents.heading", "ui.parents.intro"};
        s.fields = Fields;
        s.sync = Sync;
        return s;
    }();
    return spec;
}

}  // namespace tasjil::app::screens
