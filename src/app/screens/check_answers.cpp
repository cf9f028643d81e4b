// Screen 10, Check your answers: every answer, grouped by the screen that asked it, each with a
// Change button that returns here after the change. Built from the screens' field tables.
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

void Body(Ui& ui, AppState& s, std::vector<Field>&) {
    WindowNotice(ui, s, "answers-window");
    const auto& flow = Flow(s);
    for (std::size_t i = 0; i < flow.size(); ++i) {
        const ScreenSpec* spec = flow[i];
        if (!spec->fields || spec->kind != ScreenKind::kQuestion || !Applies(s, *spec) ||
            spec->submits) {
            continue;
        }
        // Named by the screen's place in the flow.
        const std::string screen_id = "answers-" + std::to_string(i);
        const auto group =
            BeginContainer(ui, screen_id, "group", Tr(s, spec->heading), screen_id + "-heading");
        Heading(ui, screen_id + "-heading", Tr(s, spec->heading), 2);
        auto fields = spec->fields(s);
        if (fields.empty())
            Paragraph(ui, screen_id + "-none", Tr(s, "ui.answer.none"), colors::kSecondary);
        for (const auto& f : fields) {
            const std::string label = Tr(s, f.label);
            const std::string change = Tr(s, "ui.answers.change", {{"field", label}});
            if (SummaryRow(ui, "answer-" + f.Id(), label, f.Shown(s), change)) {
                s.ui.intents.push_back(
                    {.kind = Intent::Kind::kGoTo, .screen = spec->id, .returns = true});
            }
        }
        EndContainer(ui, group);
        ui.y += sizes::kGap;
    }
}

}  // namespace

// clang-format off
extern const ScreenSpec kCheckAnswers{
    .id = ScreenId::kCheckAnswers, .heading = "ui.answers.heading", .intro = "ui.answers.intro",
    .body = Body, .needs_place_names = true};
// clang-format on

}  // namespace tasjil::app::screens
