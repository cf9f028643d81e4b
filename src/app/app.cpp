#include "app/app.h"

#include <algorithm>
#include <utility>

#include "app/draft.h"
#include "app/flow.h"
#include "app/page.h"
#include "app/screens/screens.h"
#include "core/reference.h"

namespace tasjil::app {

void App::Start(const std::string& file_id, const std::string& now_iso, const core::Date& today) {
    state.today = today;
    state.now_iso = now_iso;
    state.file = NewDraft(file_id, now_iso, core::SchoolYearFor(today));
    state.file.locale = state.ui.locale;
    state.file.contact.language = state.ui.locale;
    state.ui.focus_request.clear();
}

std::string App::Frame(const FrameInput& in) {
    if (state.spare_file_id.empty()) state.spare_file_id = in.spare_file_id;
    const float scale = in.scale > 0 ? in.scale : 1.f;
    Ui ui = BeginPageFrame(in, sizes::kColumn, scale, state, semantics, shapes, fonts);
    const bool kiosk = state.device.mode == DeviceMode::kKiosk;
    ui.touch = ui.touch || kiosk;
    ui.kiosk = kiosk;
    DrawPage(ui, state);
    if (kiosk) {
        for (auto& n : semantics.nodes()) {
            if (n.role != "textbox") continue;
            // A shared kiosk: nothing remembered by the browser, no system keyboard over the
            // app's own.
            n.autocomplete = "off";
            n.input_mode = "none";
        }
    }
    std::string json = EndPageFrame(
        ui, scale,
        Tr(state, Spec(state, state.ui.screen).heading) + " — " + Tr(state, "ui.app.title"));
    ApplyIntents(state);
    if (const auto& spec = Spec(state, state.ui.screen); spec.after_frame) spec.after_frame(state);
    RequestData(state);
    return IfChanged(std::move(json), last_published_);
}

std::vector<Request> App::TakeRequests() {
    return in_flight_.Take(state.requests);
}

void App::Reply(int id, int status, const std::string& body) {
    if (const auto request = in_flight_.Answer(id)) OnReply(state, *request, status, body);
}

std::optional<std::string> App::TakeDraft() {
    auto& device = state.device;
    const ScreenId screen = state.ui.screen;
    // A file nobody has started is not a draft: it is stored from the first question on.
    if (!device.draft_stored &&
        (screen == ScreenId::kStart || screen == ScreenId::kStatus || screen == ScreenId::kFiles))
        return std::nullopt;
    std::string json = DraftToJson(state);
    if (json == device.saved_draft) return std::nullopt;
    device.saved_draft = json;
    device.draft_stored = true;
    return json;
}

namespace {
// A draft in a language whose catalogue is not loaded yet shows in the default one until it is.
void ReachLocale(AppState& state) {
    const std::string wanted = state.ui.locale;
    if (state.catalogues.count(wanted)) return;
    state.ui.locale = std::string(core::kDefaultLocale);
    SetLocale(state, wanted);
}
}  // namespace

void App::ServerDate(std::string_view iso) {
    if (const auto date = core::ParseIsoDate(iso)) state.server_today = *date;
}

bool App::FollowReference(std::string_view reference) {
    const auto canonical = core::ParseReference(reference);
    if (!canonical) return false;
    screens::OpenLookUp(state, *canonical, {});
    return true;
}

std::string App::Resume(std::string_view draft_json) {
    std::string problem = RestoreDraft(state, draft_json);
    if (!problem.empty()) return problem;
    ReachLocale(state);
    state.device.draft_stored = true;
    state.device.saved_draft = DraftToJson(state);
    EnterScreen(state, state.ui.screen);
    return "";
}

std::string App::Open(std::string_view draft_json) {
    AppState next = state;
    next.screens.Clear();  // the answers' screens come back from the draft, the others afresh
    next.ui.errors.clear();
    next.ui.errors_visible = false;
    next.ui.return_to.reset();
    next.ui.confirm_delete = false;
    next.ui.confirm_delete_file.clear();
    if (std::string problem = RestoreDraft(next, draft_json); !problem.empty()) return problem;
    state = std::move(next);
    ReachLocale(state);
    state.device.draft_stored = true;
    state.device.saved_draft = DraftToJson(state);
    // Where the file was left; a file left at Start (on the way to the list) opens on its first
    // question.
    const ScreenId screen =
        state.ui.screen == ScreenId::kStart ? NextScreen(state, ScreenId::kStart) : state.ui.screen;
    EnterScreen(state, screen);
    return "";
}

void App::Files(std::string_view list_json) {
    state.device.files = ReadDeviceFiles(list_json);
}

void App::SetMode(DeviceMode mode) {
    state.device.mode = mode;
    if (mode == DeviceMode::kTablet && state.ui.screen == ScreenId::kStart)
        EnterScreen(state, ScreenId::kFiles);
}

void App::Outbox(const std::string& file_id, std::string_view outbox_state, int status,
                 const std::string& body) {
    if (file_id != state.file.file_id) return;  // another file of the device
    auto& sub = state.submission;
    if (sub.state == Submission::State::kSent) return;  // answered already
    if (outbox_state == "queued") {
        sub.state = Submission::State::kQueued;
        sub.problem = SendProblem(status);
        return;
    }
    if (outbox_state == "sending") {
        sub.state = Submission::State::kSending;
        return;
    }
    if (outbox_state != "sent" && outbox_state != "attention") return;
    // The final answer: the request of this page, if it made one, is answered by it.
    in_flight_.Forget([](const Request& r) { return r.purpose == Request::Purpose::kSubmit; });
    OnSubmitReply(state, status, body);
}

void App::Idle(int seconds_left) {
    state.device.idle_seconds_left = seconds_left;
}

void App::Wipe(const std::string& file_id) {
    AppState fresh;
    fresh.catalogues = std::move(state.catalogues);
    fresh.data = std::move(state.data);
    fresh.device.mode = state.device.mode;
    fresh.next_request_id = state.next_request_id;
    fresh.today = state.today;
    fresh.now_iso = state.now_iso;
    state = std::move(fresh);
    // Answers still on their way to this page are not the next person's.
    in_flight_.Forget([](const Request& r) {
        return r.purpose == Request::Purpose::kSubmit || r.purpose == Request::Purpose::kStatus;
    });
    shapes.Clear();
    last_published_.clear();
    Start(file_id, state.now_iso, state.today);
    EnterScreen(state, ScreenId::kStart);
}

void App::Input(const std::string& id, const std::string& value) {
    TypedText(state.ui, id, value);
}

void App::Activate(const std::string& id) {
    state.ui.pending_activations.push_back(id);
}

void App::Focus(const std::string& id, bool focused) {
    FocusMoved(state.ui, id, focused);
}

}  // namespace tasjil::app
