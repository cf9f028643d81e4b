#include "app/platform/gl_runtime.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>

#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

namespace tasjil::app::platform {

namespace {
EM_BOOL OnContextLost(int, const void*, void* user) {
    const auto* events = static_cast<const GlEvents*>(user);
    events->lost(events->user);
    return EM_TRUE;  // prevents the default, so the browser may restore it
}

EM_BOOL OnContextRestored(int, const void*, void* user) {
    const auto* events = static_cast<const GlEvents*>(user);
    events->restored(events->user);
    return EM_TRUE;
}
}  // namespace

std::intptr_t StartGl(const GlEvents* events) {
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = emscripten_webgl_create_context("#canvas", &attrs);
    if (gl <= 0) {
        SignalFailure("webgl2");
        return 0;
    }
    emscripten_webgl_make_context_current(gl);
    void* user = const_cast<GlEvents*>(events);
    emscripten_set_webglcontextlost_callback("#canvas", user, EM_FALSE, OnContextLost);
    emscripten_set_webglcontextrestored_callback("#canvas", user, EM_FALSE, OnContextRestored);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no settings file: nothing of the user is stored by ImGui
    io.LogFilename = nullptr;
    ImGui_ImplOpenGL3_Init("#version 300 es");
    return gl;
}

void RestartRenderer(std::intptr_t context) {
    emscripten_webgl_make_context_current(context);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplOpenGL3_Init("#version 300 es");
}

bool EnsureFonts(Fonts& fonts, text::ShapeCache& shapes, float pixel_ratio, double* build_ms) {
    if (fonts.body && fonts.pixel_ratio == pixel_ratio) return true;
    std::string error;
    const double start = NowMs();
    if (fonts.body) ImGui_ImplOpenGL3_DestroyFontsTexture();
    if (!BuildFonts(ImGui::GetIO(), "/fonts", pixel_ratio, fonts, error)) {
        SignalFailure(error);
        return false;
    }
    shapes.Clear();  // advances changed with the atlas
    const bool ok = ImGui_ImplOpenGL3_CreateFontsTexture();
    if (build_ms) *build_ms = NowMs() - start;
    return ok;
}

void NewFrame() {
    ImGui_ImplOpenGL3_NewFrame();
}

void Render(const Viewport& v) {
    glViewport(0, 0, static_cast<int>(v.css_width * v.pixel_ratio),
               static_cast<int>(v.css_height * v.pixel_ratio));
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace tasjil::app::platform

// ImGui's built-in ProggyClean font (12 KB of data) is used only when an atlas has no font of its
// own; the app always gives it the Noto fonts (ui.cpp, BuildFonts). The link wraps
// ImFontAtlas::AddFontDefault (src/app/CMakeLists.txt) so that the font's data is not shipped;
// Dear ImGui 1.86, Debian's, has no IMGUI_DISABLE_DEFAULT_FONT. Reaching it would be a bug (an
// atlas without fonts): the app stops, and the page shows its failure message (onAbort).
extern "C" ImFont* __wrap__ZN11ImFontAtlas14AddFontDefaultEPK12ImFontConfig(ImFontAtlas*,
                                                                            const ImFontConfig*) {
    std::abort();
}
