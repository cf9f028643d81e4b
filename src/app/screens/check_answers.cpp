// Screen 10, Check your answers: every answer, grouped by the screen that asked it, each with a
// Change button that returns here after the change. Built from the screens' field tables.
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

void Body(Ui& ui, std::vector<Field>&) {
    AppState& s = ui.state;
    WindowNotice(ui, "answers-window");
    for (const auto* spec : Flow()) {
        if (!spec->fields || spec->kind != ScreenKind::kQuestion || !Applies(s, *spec) ||
            spec->id == ScreenId::kDeclarations) {
            continue;
        }
        const std::string screen_id = "answers-" + std::to_string(static_cast<int>(spec->id));
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
                Intent go{Intent::Kind::kGoTo, spec->id};
                go.returns = true;
                s.ui.intents.push_back(go);
            }
        }
        EndContainer(ui, group);
        ui.y += sizes::kGap;
    }
}

}  // namespace

const ScreenSpec& CheckAnswers() {
    static const ScreenSpec spec = [] {
        ScreenSpec s{ScreenId::kCheckAnswers, "ui.answers.heading", "ui.answers.intro"};
        s.body = Body;
        return s;
    }();
    return spec;
}

}  // namespace tasjil::app::screens
