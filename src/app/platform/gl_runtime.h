// Tasjil app: the WebGL2 side shared by the app's entries (the parents' app and the staff
// console): the canvas's context with Dear ImGui and its OpenGL3 renderer, the font atlas, and
// drawing one frame's draw data.
#pragma once

#include <cstdint>

#include "app/platform/web_platform.h"
#include "app/ui.h"
#include "text/bidi_text.h"

namespace tasjil::app::platform {

// Who hears of the context's loss and restore; it lives as long as the page.
struct GlEvents {
    void* user = nullptr;
    void (*lost)(void* user) = nullptr;      // the browser took the context away
    void (*restored)(void* user) = nullptr;  // and gave it back (every GL object died)
};
// Creates the canvas's WebGL2 context, ImGui's context (no settings or log files: nothing of the
// user is stored) and the renderer. Returns the context, or 0 (the failure signalled) when there
// is no WebGL2.
std::intptr_t StartGl(const GlEvents* events);
// After a restore: the context current again and the renderer rebuilt (GL objects died).
void RestartRenderer(std::intptr_t context);
// Builds the atlas from /fonts for `pixel_ratio` unless it is built for it already; false (the
// failure signalled) when a font cannot be read. `build_ms`, when given, gets how long it took.
bool EnsureFonts(Fonts& fonts, text::ShapeCache& shapes, float pixel_ratio,
                 double* build_ms = nullptr);
// Starts the renderer's frame (before the app's Frame).
void NewFrame();
// Draws the frame ImGui rendered into the canvas.
void Render(const Viewport& viewport);

}  // namespace tasjil::app::platform
