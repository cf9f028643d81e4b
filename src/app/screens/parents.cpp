// Screen 4, Parents: the father and the mother as on the birth act (names even when deceased),
// their CIN, phone and e-mail; and whether another person is the child's guardian (law 04-00
// puts the duty to enrol on the parents or the person in charge of the child).
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

// What the screen holds beside the file: whether another person is the guardian (the model
// holds the guardian, or none).
struct ParentsState {
    std::string has_guardian = "no";
};

ParentsState& State(AppState& s) {
    return s.screens.Of<ParentsState>();
}
const ParentsState& State(const AppState& s) {
    return s.screens.Of<ParentsState>();
}

std::vector<Field> Fields(AppState& s) {
    std::vector<Field> f;
    AddPersonFields(f, "/father", s.file.father, "ui.parents.father", "ui.field.deceased.father");
    AddPersonFields(f, "/mother", s.file.mother, "ui.parents.mother", "ui.field.deceased.mother");
    f.push_back(RadioField("/guardian", "ui.field.has_guardian", &State(s).has_guardian,
                           {{"no", Tr(s, "ui.answer.no")}, {"yes", Tr(s, "ui.answer.yes")}})
                    .Hint("ui.field.has_guardian.hint"));
    return f;
}

void Sync(AppState& s, core::FieldErrors&) {
    // A deceased parent has no contact details to keep.
    for (core::Parent* p : {&s.file.father, &s.file.mother}) {
        if (p->deceased) p->cin = p->phone = p->email = "";
    }
    if (HasGuardian(s)) {
        if (!s.file.guardian) s.file.guardian.emplace();
    } else {
        s.file.guardian.reset();
    }
}

std::vector<DraftValue> Draft(AppState& s) {
    return {{.name = "has_guardian", .text = &State(s).has_guardian}};
}

void FromFile(AppState& s) {
    State(s).has_guardian = s.file.guardian ? "yes" : "no";
}

}  // namespace

bool HasGuardian(const AppState& s) {
    return State(s).has_guardian == "yes";
}

// clang-format off
extern const ScreenSpec kParents{
    .id = {"parents"}, .heading = "ui.parents.heading", .intro = "ui.parents.intro",
    .fields = Fields, .sync = Sync, .draft = Draft, .from_file = FromFile};
// clang-format on

}  // namespace tasjil::app::screens
