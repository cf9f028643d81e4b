// Screen 4b, Guardian, only when another person is the child's guardian (kafala under law
// 15-01, a family member): the link to the child, identity (CIN required) and contact.
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

std::vector<Field> Fields(AppState& s) {
    if (!s.file.guardian) return {};
    auto& g = *s.file.guardian;
    std::vector<Choice> links;
    for (const char* r : {"kafil", "grandparent", "sibling", "uncle_aunt", "other"})
        links.push_back({r, Tr(s, std::string("ui.relationship.") + r)});
    std::vector<Field> f = {RadioField("/guardian/relationship", "ui.field.relationship",
                                       &g.relationship, std::move(links))};
    AddPersonFields(f, "/guardian", g, "", "");
    return f;
}

}  // namespace

// clang-format off
extern const ScreenSpec kGuardian{
    .id = {"guardian"}, .heading = "ui.guardian.heading", .intro = "ui.guardian.intro",
    .fields = Fields, .applies = HasGuardian};
// clang-format on

}  // namespace tasjil::app::screens
