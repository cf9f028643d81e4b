// Screen 4b, Guardian, only when another person is the child's guardian (kafala under law
// 15-01, a family member): the link to the child, identity (CIN required) and contact.
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

bool Applies(const AppState& s) {
    return s.parents.has_guardian == "yes";
}

std::vector<Field> Fields(AppState& s) {
    if (!s.file.guardian) return {};
    auto& g = *s.file.guardian;
    std::vector<Choice> links;
    for (const char* r : {"kafil", "grandparent", "sibling", "uncle_aunt", "other"})
        links.push_back({r, Tr(s, std::string("ui.relationship.") + r)});
    return {
        RadioField("/guardian/relationship", "ui.field.relationship", &g.relationship,
                   std::move(links)),
        TextField("/guardian/family_name_ar", "ui.field.family_name_ar", &g.family_name_ar)
            .As(Script::kArabic),
        TextField("/guardian/given_name_ar", "ui.field.given_name_ar", &g.given_name_ar)
            .As(Script::kArabic),
        TextField("/guardian/family_name_latin", "ui.field.family_name_latin", &g.family_name_latin)
            .As(Script::kLatin),
        TextField("/guardian/given_name_latin", "ui.field.given_name_latin", &g.given_name_latin)
            .As(Script::kLatin),
        TextField("/guardian/cin", "ui.field.cin", &g.cin)
            .Hint("ui.field.cin.hint")
            .Max(10)
            .Width(9),
        TextField("/guardian/phone", "ui.field.phone", &g.phone)
            .As(Script::kPhone)
            .Hint("ui.field.phone.hint")
            .Autocomplete("tel")
            .Max(20)
            .Width(11),
        TextField("/guardian/email", "ui.field.email", &g.email)
            .As(Script::kEmail)
            .Hint("ui.field.optional")
            .Autocomplete("email")
            .Max(120),
    };
}

}  // namespace

const ScreenSpec& Guardian() {
    static const ScreenSpec spec = [] {
        ScreenSpec s{ScreenId::kGuardian, "ui.guardian.heading", "ui.guardian.intro"};
        s.fields = Fields;
        s.applies = Applies;
        return s;
    }();
    return spec;
}

}  // namespace tasjil::app::screens
