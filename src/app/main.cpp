// Tasjil app entry point (WebAssembly). Owns the one AppState, draws a frame only when
// something changed (input, a resize, a reply), and exposes the functions the page's platform
// layer (web/platform.js) calls.
//
// Index
//   [SECTION] State
//   [SECTION] Frame
//   [SECTION] Functions called by the page
//   [SECTION] Start
#include <emscripten.h>
#include <emscripten/html5.h>

#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>

#include "app/app_state.h"
#include "app/platform/web_platform.h"
#include "app/screens.h"
#include "app/semantics.h"
#include "app/ui.h"
#include "core/i18n.h"
#include "core/uuid.h"
#include "io/files.h"
#include "text/bidi_text.h"

namespace app = tasjil::app;
namespace core = tasjil::core;
namespace platform = tasjil::app::platform;

namespace {

// [SECTION] State --------------------------------------------------------------------------------

app::AppState g_state;
app::Semantics g_semantics;
tasjil::text::ShapeCache g_shapes(1024);
app::Fonts g_fonts;
EMSCRIPTEN_WEBGL_CONTEXT_HANDLE g_gl = 0;
bool g_context_lost = false;
int g_frames_wanted = 0;  // frames still to draw before going idle
std::uint64_t g_frame_count = 0;
double g_last_frame_ms = 0;
double g_last_frame_cpu_ms = 0;
std::string g_last_published;
ImVec2 g_mouse{-1, -1};
bool g_ready = false;

// The school year parents register for: the one starting next September (registration runs
// in April for the September intake).
std::string SchoolYearFor(const core::Date& today) {
    int start = static_cast<int>(today.year());
    if (static_cast<unsigned>(today.month()) >= 9) ++start;
    return std::to_string(start) + "-" + std::to_string(start + 1);
}

void Frame();

// Something changed: draw, then a couple more frames so that layout that depends on the
// previous frame (hover, sizes) settles. Then nothing until the next change.
void Wake(int frames = 2) {
    g_frames_wanted = std::max(g_frames_wanted, frames);
    platform::RequestAnimationFrame(Frame);
}

bool LoadCatalogues() {
    return tasjil::io::LoadCatalogues("/i18n", g_state.catalogues).empty();
}

bool EnsureFonts(float pixel_ratio) {
    if (g_fonts.body && g_fonts.pixel_ratio == pixel_ratio) return true;
    std::string error;
    if (g_fonts.body) ImGui_ImplOpenGL3_DestroyFontsTexture();
    if (!app::BuildFonts(ImGui::GetIO(), "/fonts", pixel_ratio, g_fonts, error)) {
        platform::SignalFailure(error);
        return false;
    }
    g_shapes.Clear();  // advances changed with the atlas
    return ImGui_ImplOpenGL3_CreateFontsTexture();
}

// [SECTION] Frame --------------------------------------------------------------------------------

void Frame() {
    if (g_context_lost) return;
    const double start = platform::NowMs();
    const auto viewport = platform::ReadViewport();
    platform::SizeCanvas(viewport);
    if (!EnsureFonts(viewport.pixel_ratio)) return;

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(viewport.css_width, viewport.css_height);
    io.DisplayFramebufferScale = ImVec2(viewport.pixel_ratio, viewport.pixel_ratio);
    io.DeltaTime = g_last_frame_ms > 0
                       ? std::max(1e-4f, static_cast<float>((start - g_last_frame_ms) / 1000.0))
                       : 1.f / 60.f;
    g_last_frame_ms = start;
    io.MousePos = g_mouse;

    app::UiState& ui_state = g_state.ui;
    const bool rtl = ui_state.locale == "ar";
    const float margin = viewport.css_width < 500 ? 16 : 28;
    const float width = std::min(app::sizes::kColumn, viewport.css_width - 2 * margin);

    // Bring a field that took keyboard focus into view, from where it was drawn last frame.
    if (!ui_state.scroll_to.empty()) {
        if (const auto* n = g_semantics.Find(ui_state.scroll_to)) {
            const float top = 12, bottom = viewport.css_height - 12;
            if (n->rect.y < top) ui_state.scroll_y += n->rect.y - top - 40;
            if (n->rect.y + n->rect.h > bottom)
                ui_state.scroll_y += n->rect.y + n->rect.h - bottom + 40;
        }
        ui_state.scroll_to.clear();
    }
    const float max_scroll = std::max(0.f, ui_state.content_height - viewport.css_height);
    ui_state.scroll_y = std::clamp(ui_state.scroll_y, 0.f, max_scroll);

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    g_semantics.BeginFrame();
    app::Ui ui{g_state, g_semantics, g_shapes, g_fonts};
    ui.draw = ImGui::GetBackgroundDrawList();
    ui.rtl = rtl;
    ui.touch = viewport.touch;
    ui.view_w = viewport.css_width;
    ui.view_h = viewport.css_height;
    ui.width = width;
    ui.x0 = std::round((viewport.css_width - width) * 0.5f);
    ui.wide = width >= 560;
    ui.mouse = g_mouse;
    app::DrawApp(ui);
    ImGui::Render();

    glViewport(0, 0, static_cast<int>(viewport.css_width * viewport.pixel_ratio),
               static_cast<int>(viewport.css_height * viewport.pixel_ratio));
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    const std::string json =
        g_semantics.ToJson(ui_state.locale, rtl ? "rtl" : "ltr", ui_state.focus_request);
    ui_state.focus_request.clear();
    if (json != g_last_published) {
        platform::Publish(json);
        g_last_published = json;
    }
    // Events for widgets that were not drawn this frame are stale.
    ui_state.pending_text.clear();
    ui_state.pending_activations.clear();
    const bool had_intents = !ui_state.intents.empty();
    app::ApplyIntents(g_state);

    ++g_frame_count;
    g_last_frame_cpu_ms = platform::NowMs() - start;
    if (!g_ready) {
        g_ready = true;
        platform::SignalReady();
    }
    if (had_intents) g_frames_wanted = std::max(g_frames_wanted, 2);
    if (--g_frames_wanted > 0) platform::RequestAnimationFrame(Frame);
}

EM_BOOL OnContextLost(int, const void*, void*) {
    g_context_lost = true;
    return EM_TRUE;  // prevents the default, so the browser may restore it
}

EM_BOOL OnContextRestored(int, const void*, void*) {
    g_context_lost = false;
    emscripten_webgl_make_context_current(g_gl);
    // Every GL object died with the old context: build them again.
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplOpenGL3_Init("#version 300 es");
    g_fonts = {};
    g_last_published.clear();
    Wake();
    return EM_TRUE;
}

}  // namespace

// [SECTION] Functions called by the page ---------------------------------------------------------

extern "C" {

// Text typed into a field's DOM input (input and compositionend events).
EMSCRIPTEN_KEEPALIVE void tasjil_input(const char* id, const char* value) {
    g_state.ui.pending_text[id] = value;
    Wake();
}

// A DOM button, radio or link was activated (click, Enter, Space, screen reader action).
EMSCRIPTEN_KEEPALIVE void tasjil_activate(const char* id) {
    g_state.ui.pending_activations.emplace_back(id);
    Wake();
}

// A DOM element gained (1 by keyboard, 2 by pointer) or lost (0) focus. Keyboard focus
// brings the widget into view; a pointer pressed it where it already is.
EMSCRIPTEN_KEEPALIVE void tasjil_focus(const char* id, int focused) {
    if (focused) {
        g_state.ui.focused = id;
        if (focused == 1) g_state.ui.scroll_to = id;
    } else if (g_state.ui.focused == id) {
        g_state.ui.focused.clear();
    }
    Wake();
}

// Pointer position in CSS pixels (for hover); x < 0 when the pointer left the page.
EMSCRIPTEN_KEEPALIVE void tasjil_pointer(float x, float y) {
    g_mouse = ImVec2(x, y);
    Wake(1);
}

// Wheel or touch drag: scroll the page by dy CSS pixels.
EMSCRIPTEN_KEEPALIVE void tasjil_scroll_by(float dy) {
    g_state.ui.scroll_y += dy;
    Wake(1);
}

// Resize, rotation, pixel-ratio change, visibility: draw again.
EMSCRIPTEN_KEEPALIVE void tasjil_wake() {
    Wake();
}

// For tests and benchmarks: frames drawn so far and the CPU time of the last one.
EMSCRIPTEN_KEEPALIVE double tasjil_frame_count() {
    return static_cast<double>(g_frame_count);
}
EMSCRIPTEN_KEEPALIVE double tasjil_last_frame_ms() {
    return g_last_frame_cpu_ms;
}
// For tests: text shaping runs so far (stays flat while nothing changes).
EMSCRIPTEN_KEEPALIVE double tasjil_shape_count() {
    return static_cast<double>(g_shapes.misses());
}

}  // extern "C"

// [SECTION] Start --------------------------------------------------------------------------------

int main() {
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    g_gl = emscripten_webgl_create_context("#canvas", &attrs);
    if (g_gl <= 0) {
        platform::SignalFailure("webgl2");
        return 0;
    }
    emscripten_webgl_make_context_current(g_gl);
    emscripten_set_webglcontextlost_callback("#canvas", nullptr, EM_FALSE, OnContextLost);
    emscripten_set_webglcontextrestored_callback("#canvas", nullptr, EM_FALSE, OnContextRestored);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no settings file: nothing of the user is stored by ImGui
    io.LogFilename = nullptr;
    ImGui_ImplOpenGL3_Init("#version 300 es");

    if (!LoadCatalogues()) {
        platform::SignalFailure("catalogues");
        return 0;
    }
    g_state.today = platform::Today();
    g_state.file = app::NewDraft(core::UuidV4FromBytes(platform::RandomBytes()), platform::NowIso(),
                                 SchoolYearFor(g_state.today));
    g_state.file.locale = g_state.ui.locale;
    Wake();
    emscripten_exit_with_live_runtime();
    return 0;
}
