// Screen 4, Parents: the father and the mother as on the birth act (names even when deceased),
// their CIN, phone and e-mail; and whether another person is the child's guardian (law 04-00
// puts the duty to enrol on the parents or the person in charge of the child).
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

void AddParent(AppState& s, std::vector<Field>& f, const std::string& who, core::Parent& p) {
    const std::string base = "/" + who;
    const std::string section = "ui.parents." + who;
    f.push_back(TextField(base + "/family_name_ar", "ui.field.family_name_ar", &p.family_name_ar)
                    .As(Script::kArabic)
                    .Section(section));
    f.push_back(TextField(base + "/given_name_ar", "ui.field.given_name_ar", &p.given_name_ar)
                    .As(Script::kArabic)
                    .Section(section));
    f.push_back(
        TextField(base + "/family_name_latin", "ui.field.family_name_latin", &p.family_name_latin)
            .As(Script::kLatin)
            .Section(section));
    f.push_back(
        TextField(base + "/given_name_latin", "ui.field.given_name_latin", &p.given_name_latin)
            .As(Script::kLatin)
            .Section(section));
    f.push_back(CheckboxField(base + "/deceased", "ui.field.deceased." + who, &p.deceased)
                    .Section(section));
    if (p.deceased) return;
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
    (void)s;
}

std::vector<Field> Fields(AppState& s) {
    std::vector<Field> f;
    AddParent(s, f, "father", s.file.father);
    AddParent(s, f, "mother", s.file.mother);
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
