#include "app/app.h"

#include <algorithm>

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
    UiState& ui_state = state.ui;
    // Layout happens in units `scale` times larger than CSS pixels (kiosk mode's big targets).
    const float scale = in.scale > 0 ? in.scale : 1.f;
    const float css_width = in.css_width / scale, css_height = in.css_height / scale;
    const ImVec2 mouse = in.mouse.x < 0 ? in.mouse : ImVec2(in.mouse.x / scale, in.mouse.y / scale);
    ui_state.scroll_y = in.scroll_y / scale;
    if (!in.now_iso.empty()) state.now_iso = in.now_iso;
    if (state.spare_file_id.empty()) state.spare_file_id = in.spare_file_id;

    // Layout policy: one centred column, narrow margins on phones, labels beside fields when
    // the column is wide enough.
    const float margin =
        css_width < sizes::kNarrowWidth ? sizes::kMarginNarrow : sizes::kMarginWide;
    const float width = std::max(120.f, std::min(sizes::kColumn, css_width - 2 * margin));

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(css_width, css_height);
    io.DeltaTime = in.delta_time;
    io.MousePos = mouse;
    ImGui::NewFrame();
    semantics.BeginFrame();
    Ui ui{state, semantics, shapes, fonts};
    ui.draw = ImGui::GetBackgroundDrawList();
    ui.rtl = Messages(state).direction == "rtl" ||
             (Messages(state).direction.empty() && ui_state.locale == "ar");
    const bool kiosk = state.device.mode == DeviceMode::kKiosk;
    ui.touch = in.touch || kiosk;
    ui.view_w = css_width;
    ui.view_h = css_height;
    ui.width = width;
    ui.x0 = std::round((css_width - width) * 0.5f);
    ui.wide = width >= sizes::kWideColumn;
    ui.mouse = mouse;
    DrawPage(ui);
    ImGui::Render();

    // Rectangles were drawn in viewport coordinates; the page layer sits in the document, in
    // CSS pixels.
    for (auto& n : semantics.nodes()) {
        n.rect.y += ui_state.scroll_y;
        n.rect = {n.rect.x * scale, n.rect.y * scale, n.rect.w * scale, n.rect.h * scale};
        if (kiosk && n.role == "textbox") {
            // A shared kiosk: nothing remembered by the browser, no system keyboard over the
            // app's own.
            n.autocomplete = "off";
            n.input_mode = "none";
        }
    }
    PageInfo page;
    page.lang = ui_state.locale;
    page.dir = ui.rtl ? "rtl" : "ltr";
    page.focus = ui_state.focus_request;
    page.height = ui_state.content_height * scale;
    page.title =
        Tr(state, Spec(state, ui_state.screen).heading) + " — " + Tr(state, "ui.app.title");
    std::string json = semantics.ToJson(page);
    ui_state.focus_request.clear();
    // Events for widgets that were not drawn this frame are stale.
    ui_state.pending_text.clear();
    ui_state.pending_activations.clear();
    ApplyIntents(state);
    if (const auto& spec = Spec(state, ui_state.screen); spec.after_frame) spec.after_frame(state);
    RequestData(state);
    if (json == last_published_) return "";
    last_published_ = json;
    return json;
}

std::vector<Request> App::TakeRequests() {
    std::vector<Request> out = std::move(state.requests);
    state.requests.clear();
    in_flight_.insert(in_flight_.end(), out.begin(), out.end());
    return out;
}

void App::Reply(int id, int status, const std::string& body) {
    auto it = std::find_if(in_flight_.begin(), in_flight_.end(),
                           [&](const Request& r) { return r.id == id; });
    if (it == in_flight_.end()) return;  // not ours, or answered already
    const Request request = *it;
    in_flight_.erase(it);
    OnReply(state, request, status, body);
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
    const auto it = std::find_if(in_flight_.begin(), in_flight_.end(), [](const Request& r) {
        return r.purpose == Request::Purpose::kSubmit;
    });
    if (it != in_flight_.end()) in_flight_.erase(it);
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
    in_flight_.erase(std::remove_if(in_flight_.begin(), in_flight_.end(),
                                    [](const Request& r) {
                                        return r.purpose == Request::Purpose::kSubmit ||
                                               r.purpose == Request::Purpose::kStatus;
                                    }),
                     in_flight_.end());
    shapes.Clear();
    last_published_.clear();
    Start(file_id, state.now_iso, state.today);
    EnterScreen(state, ScreenId::kStart);
}

void App::Input(const std::string& id, const std::string& value) {
    state.ui.pending_text[id] = value;
}

void App::Activate(const std::string& id) {
    state.ui.pending_activations.push_back(id);
}

void App::Focus(const std::string& id, bool focused) {
    if (focused) {
        state.ui.focused = id;
    } else if (state.ui.focused == id) {
        state.ui.focused.clear();
    }
}

}  // namespace tasjil::app
