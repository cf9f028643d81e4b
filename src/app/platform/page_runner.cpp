// Index
//   [SECTION] The runner
//   [SECTION] Frame
//   [SECTION] Functions called by the page
#include "app/platform/page_runner.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <imgui.h>

#include <algorithm>
#include <cstdint>

#include "app/platform/gl_runtime.h"
#include "app/platform/web_platform.h"

namespace tasjil::app::platform {

namespace {

// [SECTION] The runner ---------------------------------------------------------------------------

struct Runner {
    Page* page = nullptr;
    GlEvents gl_events;
    std::intptr_t gl = 0;
    bool context_lost = false;
    bool scheduled = false;  // an animation frame is asked for already
    int frames_wanted = 0;   // frames still to draw before going idle
    std::uint64_t frame_count = 0;
    double last_frame_ms = 0;
    double last_frame_cpu_ms = 0;
    double font_build_ms = 0;
    ImVec2 mouse{-1, -1};
    bool ready = false;
};

// The page's exports carry no context of their own: the one runner of the page.
Runner* g_runner = nullptr;

EM_BOOL OnAnimationFrame(double, void* user);

void Schedule(Runner& r) {
    if (r.scheduled) return;
    r.scheduled = true;
    emscripten_request_animation_frame(OnAnimationFrame, &r);
}

// [SECTION] Frame --------------------------------------------------------------------------------

void Frame(Runner& r) {
    if (r.context_lost) return;
    Page& page = *r.page;
    const double start = NowMs();
    const auto viewport = ReadViewport();
    SizeCanvas(viewport);
    const float scale = page.Scale();
    const float density = viewport.pixel_ratio * scale;
    const Page::Parts parts = page.PageParts();
    if (!EnsureFonts(parts.fonts, parts.shapes, density, &r.font_build_ms)) return;
    ImGui::GetIO().DisplayFramebufferScale = ImVec2(density, density);

    FrameInput in{
        .css_width = viewport.css_width,
        .css_height = viewport.css_height,
        .touch = viewport.touch,
        .scroll_y = viewport.scroll_y,
        .mouse = r.mouse,
        .delta_time = r.last_frame_ms > 0
                          ? std::max(1e-4f, static_cast<float>((start - r.last_frame_ms) / 1000.0))
                          : 1.f / 60.f,
        .scale = scale,
        .now_iso = NowIso()};
    r.last_frame_ms = start;

    NewFrame();
    const std::string json = page.Frame(in);
    Render(viewport);
    if (!json.empty()) Publish(json);
    page.AfterFrame();

    ++r.frame_count;
    r.last_frame_cpu_ms = NowMs() - start;
    if (!r.ready) {
        r.ready = true;
        SignalReady();
    }
    // A published change (new screen, new layout) settles over the next frames.
    if (!json.empty()) r.frames_wanted = std::max(r.frames_wanted, 2);
    if (--r.frames_wanted > 0) Schedule(r);
}

EM_BOOL OnAnimationFrame(double, void* user) {
    auto& r = *static_cast<Runner*>(user);
    r.scheduled = false;
    Frame(r);
    return EM_FALSE;  // one frame only: the runner asks again when something changes
}

void OnContextLost(void* user) {
    static_cast<Runner*>(user)->context_lost = true;
}

void OnContextRestored(void* user) {
    auto& r = *static_cast<Runner*>(user);
    r.context_lost = false;
    // Every GL object died with the old context: build them again.
    RestartRenderer(r.gl);
    // The atlas is built again (from the font files it keeps).
    r.page->PageParts().fonts.body = nullptr;
    Wake();
}

}  // namespace

bool StartPage(Page* page) {
    g_runner = new Runner();  // lives as long as the page
    g_runner->page = page;
    g_runner->gl_events = {.user = g_runner, .lost = OnContextLost, .restored = OnContextRestored};
    g_runner->gl = StartGl(&g_runner->gl_events);
    return g_runner->gl != 0;
}

void Wake(int frames) {
    g_runner->frames_wanted = std::max(g_runner->frames_wanted, frames);
    Schedule(*g_runner);
}

Page& CurrentPage() {
    return *g_runner->page;
}

double FontBuildMs() {
    return g_runner->font_build_ms;
}

// [SECTION] Functions called by the page ---------------------------------------------------------
// The events every entry takes (web/bridge.mjs); an entry's own ones live in its main.cpp.

extern "C" {

// Text typed into a field's DOM input (input and compositionend events), or a <select> choice.
EMSCRIPTEN_KEEPALIVE void tasjil_input(const char* id, const char* value) {
    TypedText(g_runner->page->PageParts().ui, id, value);
    Wake();
}

// A DOM button, radio, checkbox or link was activated (click, Enter, Space, screen reader).
EMSCRIPTEN_KEEPALIVE void tasjil_activate(const char* id) {
    g_runner->page->Activate(id);
    Wake();
}

// A DOM element gained (1) or lost (0) focus; the app draws the focus ring. The browser
// scrolls a focused element into view itself (the document scrolls natively).
EMSCRIPTEN_KEEPALIVE void tasjil_focus(const char* id, int focused) {
    FocusMoved(g_runner->page->PageParts().ui, id, focused != 0);
    Wake();
}

// Pointer position in CSS pixels (for hover); x < 0 when the pointer left the page.
EMSCRIPTEN_KEEPALIVE void tasjil_pointer(float x, float y) {
    g_runner->mouse = ImVec2(x, y);
    Wake(1);
}

// Scroll, resize, rotation, pixel-ratio change, visibility: draw again.
EMSCRIPTEN_KEEPALIVE void tasjil_wake() {
    Wake(1);
}

// The reply to a request sent through TasjilPlatform.fetch (status 0: network failure).
EMSCRIPTEN_KEEPALIVE void tasjil_reply(int id, int status, const char* body) {
    g_runner->page->Reply(id, status, body);
    Wake();
}

// For tests and benchmarks: frames drawn so far and the CPU time of the last one.
EMSCRIPTEN_KEEPALIVE double tasjil_frame_count() {
    return static_cast<double>(g_runner->frame_count);
}
EMSCRIPTEN_KEEPALIVE double tasjil_last_frame_ms() {
    return g_runner->last_frame_cpu_ms;
}

}  // extern "C"

}  // namespace tasjil::app::platform
