#include "app/app.h"

#include <algorithm>

#include "app/draft.h"
#include "app/flow.h"
#include "app/page.h"

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
    ui_state.scroll_y = in.scroll_y;
    if (!in.now_iso.empty()) state.now_iso = in.now_iso;
    if (state.spare_file_id.empty()) state.spare_file_id = in.spare_file_id;

    // Layout policy: one centred column, narrow margins on phones, labels beside fields when
    // the column is wide enough.
    const float margin =
        in.css_width < sizes::kNarrowWidth ? sizes::kMarginNarrow : sizes::kMarginWide;
    const float width = std::max(120.f, std::min(sizes::kColumn, in.css_width - 2 * margin));

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(in.css_width, in.css_height);
    io.DeltaTime = in.delta_time;
    io.MousePos = in.mouse;
    ImGui::NewFrame();
    semantics.BeginFrame();
    Ui ui{state, semantics, shapes, fonts};
    ui.draw = ImGui::GetBackgroundDrawList();
    ui.rtl = Messages(state).direction == "rtl" ||
             (Messages(state).direction.empty() && ui_state.locale == "ar");
    ui.touch = in.touch;
    ui.view_w = in.css_width;
    ui.view_h = in.css_height;
    ui.width = width;
    ui.x0 = std::round((in.css_width - width) * 0.5f);
    ui.wide = width >= sizes::kWideColumn;
    ui.mouse = in.mouse;
    DrawPage(ui);
    ImGui::Render();

    // Rectangles were drawn in viewport coordinates; the page layer sits in the document.
    for (auto& n : semantics.nodes()) n.rect.y += ui_state.scroll_y;
    PageInfo page;
    page.lang = ui_state.locale;
    page.dir = ui.rtl ? "rtl" : "ltr";
    page.focus = ui_state.focus_request;
    page.height = ui_state.content_height;
    page.title = Tr(state, Spec(ui_state.screen).heading) + " — " + Tr(state, "ui.app.title");
    std::string json = semantics.ToJson(page);
    ui_state.focus_request.clear();
    // Events for widgets that were not drawn this frame are stale.
    ui_state.pending_text.clear();
    ui_state.pending_activations.clear();
    ApplyIntents(state);
    if (const auto& spec = Spec(ui_state.screen); spec.after_frame) spec.after_frame(state);
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
    if (!device.draft_stored && (screen == ScreenId::kStart || screen == ScreenId::kStatus ||
                                 screen == ScreenId::kFiles))
        return std::nullopt;
    std::string json = DraftToJson(state);
    if (json == device.saved_draft) return std::nullopt;
    device.saved_draft = json;
    device.draft_stored = true;
    return json;
}

std::string App::Resume(std::string_view draft_json) {
    std::string problem = RestoreDraft(state, draft_json);
    if (!problem.empty()) return problem;
    state.device.draft_stored = true;
    state.device.saved_draft = DraftToJson(state);
    EnterScreen(state, state.ui.screen);
    return "";
}

std::string App::Open(std::string_view draft_json) {
    AppState next = state;
    next.eligibility = {};
    next.status = {};
    next.ui.errors.clear();
    next.ui.errors_visible = false;
    next.ui.return_to.reset();
    next.ui.confirm_delete = false;
    next.ui.confirm_delete_file.clear();
    if (std::string problem = RestoreDraft(next, draft_json); !problem.empty()) return problem;
    state = std::move(next);
    state.device.draft_stored = true;
    state.device.saved_draft = DraftToJson(state);
    // Where the file was left, except a receipt or a send in progress: its screen shows them.
    EnterScreen(state, state.ui.screen);
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
