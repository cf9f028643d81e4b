// Screen 13, Status look-up: the reference and the child's date of birth give the current
// status and its reasons, in plain words, in the chosen language. The server answers the same
// way whether the reference is unknown or the date is wrong.
#include "app/screens/screens.h"

#include "core/reference.h"

namespace tasjil::app::screens {

namespace {

std::vector<Field> Fields(AppState& s) {
    return {
        TextField("/status/reference", "ui.field.reference", &s.status.reference)
            .Hint("ui.field.reference.hint")
            .As(Script::kLatin)
            .Max(20)
            .Width(12),
        DateField("/status/birth_date", "ui.field.child_birth_date", &s.status.birth_date),
    };
}

void LookUp(AppState& s, int) {
    auto& st = s.status;
    if (st.state == StatusScreenState::State::kLooking) return;
    core::FieldErrors errors;
    std::string birth;
    ComposeDate(st.birth_date, birth, "/status/birth_date", errors);
    const auto reference = core::ParseReference(st.reference);
    if (!reference)
        errors.insert(errors.begin(), {"/status/reference", "ui.reference.invalid", {}});
    if (birth.empty() && errors.size() < 2 && st.birth_date.empty())
        errors.push_back({"/status/birth_date", "field.required", {}});
    if (!errors.empty()) {
        s.ui.errors = errors;
        s.ui.errors_visible = true;
        s.ui.focus_request = "error-summary";
        return;
    }
    s.ui.errors.clear();
    s.ui.errors_visible = false;
    st.state = StatusScreenState::State::kLooking;
    Send(s, Request::Purpose::kStatus, "GET",
         "/api/v1/files/" + *reference + "?birth_date=" + birth);
}

void Body(Ui& ui, std::vector<Field>& fields) {
    AppState& s = ui.state;
    if (DrawFields(ui, fields)) OnModelChanged(s);
    const auto& st = s.status;
    const int pressed =
        ActionRow(ui, {{"status-look-up", Tr(s, "ui.status.button"), ButtonStyle::kPrimary, true,
                        st.state == StatusScreenState::State::kLooking},
                       {"status-back", Tr(s, "ui.button.back")}});
    if (pressed == 0)
        s.ui.intents.push_back({Intent::Kind::kRun, ScreenId::kStatus, "", false, LookUp});
    // Back to where the parent came from: the receipt they followed, or the start page.
    if (pressed == 1) s.ui.intents.push_back({Intent::Kind::kGoTo, s.ui.previous_screen});
    switch (st.state) {
        case StatusScreenState::State::kIdle:
            break;
        case StatusScreenState::State::kLooking:
            Notice(ui, "status-result", {Tr(s, "ui.status.looking")}, NoticeStyle::kInfo, "status");
            break;
        case StatusScreenState::State::kFound: {
            std::vector<std::string> lines = {
                Tr(s, "ui.status.found",
                   {{"status", Tr(s, "status." + st.status)},
                    {"received", DateInWords(s, st.received_at.substr(0, 10))}})};
            for (const auto& r : st.reasons) lines.push_back(Messages(s).Render(r));
            Notice(ui, "status-result", lines,
                   st.status == "approved" ? NoticeStyle::kSuccess : NoticeStyle::kInfo, "status");
            break;
        }
        case StatusScreenState::State::kNotFound:
            Notice(ui, "status-result", {Messages(s).Render("file.not_found")},
                   NoticeStyle::kWarning, "status");
            break;
        case StatusScreenState::State::kFailed:
            Notice(ui, "status-result", {Tr(s, st.problem)}, NoticeStyle::kWarning, "status");
            break;
    }
}

}  // namespace

const ScreenSpec& StatusLookUp() {
    static const ScreenSpec spec = [] {
        ScreenSpec s{ScreenId::kStatus, "ui.status.heading", "ui.status.intro"};
        s.kind = ScreenKind::kPage;
        s.fields = Fields;
        s.body = Body;
        s.continue_label = nullptr;
        return s;
    }();
    return spec;
}

}  // namespace tasjil::app::screens
