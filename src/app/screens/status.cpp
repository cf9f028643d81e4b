// Screen 13, Status look-up: the reference and the child's date of birth give the current
// status and its reasons, in plain words, in the chosen language. The server answers the same
// way whether the reference is unknown or the date is wrong.
#include "app/screens/screens.h"

#include <nlohmann/json.hpp>

#include "app/json_read.h"
#include "core/reference.h"

namespace tasjil::app::screens {

namespace {

// What the screen holds: the question and the server's answer.
struct StatusState {
    std::string reference;
    DateParts birth_date;
    enum class State { kIdle, kLooking, kFound, kNotFound, kFailed } state = State::kIdle;
    std::string status;         // approved | pending_review | rejected
    core::FieldErrors reasons;  // from the server, rendered in the interface language
    std::string received_at;
    std::string problem;  // catalogue key of a failure
};

StatusState& State(AppState& s) {
    return s.screens.Of<StatusState>();
}

void OnReply(AppState& s, int status, const std::string& text) {
    auto& st = State(s);
    const auto body = nlohmann::json::parse(text, nullptr, false);  // discarded when not JSON
    if (status == 200 && body.is_object()) {
        st.state = StatusState::State::kFound;
        st.status = StringOf(body, "status");
        st.received_at = StringOf(body, "received_at");
        st.reasons =
            ErrorsFromJson(body.contains("reasons") ? body["reasons"] : nlohmann::json::array());
    } else if (status == 404) {
        st.state = StatusState::State::kNotFound;
    } else {
        st.state = StatusState::State::kFailed;
        st.problem = SendProblem(status);
    }
    s.ui.focus_request = "status-result";
}

std::vector<Field> Fields(AppState& s) {
    return {
        TextField("/status/reference", "ui.field.reference", &State(s).reference)
            .Hint("ui.field.reference.hint")
            .As(Script::kLatin)
            .Max(20)
            .Width(12),
        DateField("/status/birth_date", "ui.field.child_birth_date", &State(s).birth_date),
    };
}

void LookUp(AppState& s, int) {
    auto& st = State(s);
    if (st.state == StatusState::State::kLooking) return;
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
    st.state = StatusState::State::kLooking;
    Send(s, Request::Purpose::kStatus, "GET",
         "/api/v1/files/" + *reference + "?birth_date=" + birth, "", "", OnReply);
}

void Body(Ui& ui, AppState& s, std::vector<Field>& fields) {
    if (DrawFields(ui, fields)) OnModelChanged(s);
    const auto& st = State(s);
    const int pressed =
        ActionRow(ui, {{"status-look-up", Tr(s, "ui.status.button"), ButtonStyle::kPrimary, true,
                        st.state == StatusState::State::kLooking},
                       {"status-back", Tr(s, "ui.button.back")}});
    if (pressed == 0) s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = LookUp});
    // Back to where the parent came from: the receipt they followed, or the start page.
    if (pressed == 1)
        s.ui.intents.push_back({.kind = Intent::Kind::kGoTo, .screen = s.ui.previous_screen});
    switch (st.state) {
        case StatusState::State::kIdle:
            break;
        case StatusState::State::kLooking:
            Notice(ui, "status-result", {Tr(s, "ui.status.looking")}, NoticeStyle::kInfo, "status");
            break;
        case StatusState::State::kFound: {
            std::vector<std::string> lines = {
                Tr(s, "ui.status.found",
                   {{"status", Tr(s, "status." + st.status)},
                    {"received", DateInWords(s, st.received_at.substr(0, 10))}})};
            for (const auto& r : st.reasons) lines.push_back(Messages(s).Render(r));
            Notice(ui, "status-result", lines,
                   st.status == "approved" ? NoticeStyle::kSuccess : NoticeStyle::kInfo, "status");
            break;
        }
        case StatusState::State::kNotFound:
            Notice(ui, "status-result", {Messages(s).Render("file.not_found")},
                   NoticeStyle::kWarning, "status");
            break;
        case StatusState::State::kFailed:
            Notice(ui, "status-result", {Tr(s, st.problem)}, NoticeStyle::kWarning, "status");
            break;
    }
}

}  // namespace

void OpenLookUp(AppState& s, const std::string& reference, const DateParts& birth_date) {
    auto& st = State(s);
    st = {};
    st.reference = reference;
    st.birth_date = birth_date;
    EnterScreen(s, ScreenId::kStatus);
}

// clang-format off
extern const ScreenSpec kStatusLookUp{
    .id = ScreenId::kStatus, .heading = "ui.status.heading", .intro = "ui.status.intro",
    .kind = ScreenKind::kPage, .fields = Fields, .body = Body, .continue_label = nullptr};
// clang-format on

}  // namespace tasjil::app::screens
