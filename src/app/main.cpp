// Tasjil app entry point (WebAssembly). Owns the one App, draws a frame only when something
// changed (input, a scroll, a resize, a reply), renders it with WebGL2, and exposes the
// functions the page's platform layer (web/bridge.mjs) calls.
//
// Index
//   [SECTION] State
//   [SECTION] Frame
//   [SECTION] Functions called by the page
//   [SECTION] Start
#include <emscripten.h>

#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/app.h"
#include "app/platform/gl_runtime.h"
#include "app/platform/web_platform.h"
#include "app/qr.h"
#include "core/uuid.h"
#include "io/files.h"

namespace app = tasjil::app;
namespace core = tasjil::core;
namespace platform = tasjil::app::platform;

namespace {

// [SECTION] State --------------------------------------------------------------------------------

struct Runtime {
    app::App app;
    bool context_lost = false;
    int frames_wanted = 0;  // frames still to draw before going idle
    std::uint64_t frame_count = 0;
    double last_frame_ms = 0;
    double last_frame_cpu_ms = 0;
    double font_build_ms = 0;  // the last build of the font atlas (benchmarks)
    ImVec2 mouse{-1, -1};
    bool ready = false;
};
Runtime* g = nullptr;

void Frame();

// Something changed: draw, then a couple more frames so that layout that depends on the
// previous frame (hover, sizes) settles. Then nothing until the next change.
void Wake(int frames = 2) {
    g->frames_wanted = std::max(g->frames_wanted, frames);
    platform::RequestAnimationFrame(Frame);
}

std::string NewFileId() {
    return core::UuidV4FromBytes(platform::RandomBytes());
}

// [SECTION] Frame --------------------------------------------------------------------------------

void Frame() {
    if (g->context_lost) return;
    const double start = platform::NowMs();
    const auto viewport = platform::ReadViewport();
    platform::SizeCanvas(viewport);
    // Kiosk mode draws everything larger: the atlas is rasterised for the larger size.
    const float scale =
        g->app.state.device.mode == app::DeviceMode::kKiosk ? app::sizes::kKioskScale : 1.f;
    const float density = viewport.pixel_ratio * scale;
    if (!platform::EnsureFonts(g->app.fonts, g->app.shapes, density, &g->font_build_ms)) return;
    ImGui::GetIO().DisplayFramebufferScale = ImVec2(density, density);

    app::FrameInput in;
    in.css_width = viewport.css_width;
    in.css_height = viewport.css_height;
    in.touch = viewport.touch;
    in.scroll_y = viewport.scroll_y;
    in.mouse = g->mouse;
    in.scale = scale;
    in.delta_time = g->last_frame_ms > 0
                        ? std::max(1e-4f, static_cast<float>((start - g->last_frame_ms) / 1000.0))
                        : 1.f / 60.f;
    in.now_iso = platform::NowIso();
    if (g->app.state.spare_file_id.empty()) in.spare_file_id = NewFileId();
    g->last_frame_ms = start;

    platform::NewFrame();
    const std::string json = g->app.Frame(in);
    platform::Render(viewport);
    if (!json.empty()) platform::Publish(json);
    for (const auto& r : g->app.TakeRequests())
        platform::Fetch(r.id, r.method, r.url, r.body, g->app.state.ui.locale);
    auto& device = g->app.state.device;
    if (auto draft = g->app.TakeDraft()) platform::SaveDraft(g->app.state.file.file_id, *draft);
    for (const auto& id : device.drafts_to_delete) platform::DeleteDraft(id);
    device.drafts_to_delete.clear();
    if (device.apply_update) {
        device.apply_update = false;
        platform::ApplyUpdate();
    }
    if (device.send_now) {
        device.send_now = false;
        platform::SendNow();
    }
    if (device.files_wanted) {
        device.files_wanted = false;
        platform::ListFiles();
    }
    if (!device.file_to_open.empty()) {
        platform::OpenDraft(device.file_to_open);
        device.file_to_open.clear();
    }
    if (g->app.state.ui.print_requested) {
        g->app.state.ui.print_requested = false;
        platform::Print(app::QrSvg(app::EncodeQr(g->app.state.submission.reference)));
    }

    ++g->frame_count;
    g->last_frame_cpu_ms = platform::NowMs() - start;
    if (!g->ready) {
        g->ready = true;
        platform::SignalReady();
    }
    // A published change (new screen, new layout) settles over the next frames.
    if (!json.empty()) g->frames_wanted = std::max(g->frames_wanted, 2);
    if (--g->frames_wanted > 0) platform::RequestAnimationFrame(Frame);
}

void OnContextLost() {
    g->context_lost = true;
}

void OnContextRestored() {
    g->context_lost = false;
    // Every GL object died with the old context: build them again.
    platform::RestartRenderer();
    g->app.fonts = {};
    Wake();
}

}  // namespace

// [SECTION] Functions called by the page ---------------------------------------------------------

extern "C" {

// Text typed into a field's DOM input (input and compositionend events), or a <select> choice.
EMSCRIPTEN_KEEPALIVE void tasjil_input(const char* id, const char* value) {
    g->app.Input(id, value);
    Wake();
}

// A DOM button, radio, checkbox or link was activated (click, Enter, Space, screen reader).
EMSCRIPTEN_KEEPALIVE void tasjil_activate(const char* id) {
    g->app.Activate(id);
    Wake();
}

// A DOM element gained (1) or lost (0) focus; the app draws the focus ring. The browser
// scrolls a focused element into view itself (the document scrolls natively).
EMSCRIPTEN_KEEPALIVE void tasjil_focus(const char* id, int focused) {
    g->app.Focus(id, focused != 0);
    Wake();
}

// Pointer position in CSS pixels (for hover); x < 0 when the pointer left the page.
EMSCRIPTEN_KEEPALIVE void tasjil_pointer(float x, float y) {
    g->mouse = ImVec2(x, y);
    Wake(1);
}

// Scroll, resize, rotation, pixel-ratio change, visibility: draw again.
EMSCRIPTEN_KEEPALIVE void tasjil_wake() {
    Wake(1);
}

// The reply to a request sent through TasjilPlatform.fetch (status 0: network failure).
EMSCRIPTEN_KEEPALIVE void tasjil_reply(int id, int status, const char* body) {
    g->app.Reply(id, status, body);
    Wake();
}

// The server's date, from the Date header of a reply (the page turns it into YYYY-MM-DD).
EMSCRIPTEN_KEEPALIVE void tasjil_server_date(const char* iso) {
    g->app.ServerDate(iso);
    Wake();
}

// What the device's outbox did with a file (web/outbox.mjs): queued | sending | sent | attention,
// with the status of the last try (-1: not tried yet, 0: no network) and the server's answer.
EMSCRIPTEN_KEEPALIVE void tasjil_outbox(const char* file_id, const char* state, int status,
                                        const char* body) {
    g->app.Outbox(file_id, state, status, body);
    Wake();
}

// Tablet mode: the device's files (JSON list, see app/draft.h ReadDeviceFiles).
EMSCRIPTEN_KEEPALIVE void tasjil_files(const char* list) {
    g->app.Files(list);
    Wake();
}

// Tablet mode: a kept draft asked for with OpenDraft, to put in place of the file on screen.
EMSCRIPTEN_KEEPALIVE void tasjil_open(const char* draft) {
    if (const std::string problem = g->app.Open(draft); !problem.empty())
        platform::Log("tasjil: the draft was not opened: " + problem);
    Wake();
}

// Kiosk mode: seconds before the wipe (the countdown shown), or -1 when someone touched the screen.
EMSCRIPTEN_KEEPALIVE void tasjil_idle(int seconds_left) {
    g->app.Idle(seconds_left);
    Wake();
}

// Kiosk mode: the person left (idle) or printed the receipt: everything of theirs goes.
EMSCRIPTEN_KEEPALIVE void tasjil_wipe() {
    g->app.Wipe(NewFileId());
    Wake();
}

// What the page learnt of the device: a new version waits; storage is low.
EMSCRIPTEN_KEEPALIVE void tasjil_device(int update_ready, int storage_low) {
    g->app.state.device.update_ready = update_ready != 0;
    g->app.state.device.storage_low = storage_low != 0;
    Wake();
}

// For tests and benchmarks: frames drawn so far and the CPU time of the last one.
EMSCRIPTEN_KEEPALIVE double tasjil_frame_count() {
    return static_cast<double>(g->frame_count);
}
EMSCRIPTEN_KEEPALIVE double tasjil_last_frame_ms() {
    return g->last_frame_cpu_ms;
}
// For benchmarks: how long the last build of the font atlas took.
EMSCRIPTEN_KEEPALIVE double tasjil_font_build_ms() {
    return g->font_build_ms;
}
// For tests: text shaping runs so far (stays flat while nothing changes).
EMSCRIPTEN_KEEPALIVE double tasjil_shape_count() {
    return static_cast<double>(g->app.shapes.misses());
}

}  // extern "C"

// [SECTION] Start --------------------------------------------------------------------------------

int main() {
    g = new Runtime();  // lives as long as the page
    if (!platform::StartGl(OnContextLost, OnContextRestored)) return 0;

    // The default language ships in the data package (with its CLDR month and country names);
    // the others come when chosen.
    if (!tasjil::io::LoadCatalogue("/i18n", core::kDefaultLocale, g->app.state.catalogues)
             .empty() ||
        !tasjil::io::MergeCatalogue("/i18n/cldr", core::kDefaultLocale, g->app.state.catalogues)
             .empty()) {
        platform::SignalFailure("catalogues");
        return 0;
    }
    g->app.Start(NewFileId(), platform::NowIso(), platform::Today());
    const std::string mode = platform::StartValue("mode");
    g->app.SetMode(mode == "kiosk"    ? app::DeviceMode::kKiosk
                   : mode == "tablet" ? app::DeviceMode::kTablet
                                      : app::DeviceMode::kParent);
    if (const std::string draft = platform::StartValue("draft"); !draft.empty()) {
        // A draft this version cannot read stays on the device untouched; the parent starts
        // a new file (nothing personal is logged).
        if (const std::string problem = g->app.Resume(draft); !problem.empty())
            platform::Log("tasjil: the saved draft was not resumed: " + problem);
    }
    // A message's link opens the status look-up, whatever draft the device holds.
    g->app.FollowReference(platform::StartValue("ref"));
    Wake();
    emscripten_exit_with_live_runtime();
    return 0;
}
