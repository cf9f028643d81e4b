// Tasjil app: the WebGL2 side shared by the app's entries (the parents' app and the staff
// console): the canvas's context with Dear ImGui and its OpenGL3 renderer, the font atlas, and
// drawing one frame's draw data.
#pragma once

#include "app/platform/web_platform.h"
#include "app/ui.h"
#include "text/bidi_text.h"

namespace tasjil::app::platform {

// Creates the canvas's WebGL2 context, ImGui's context (no settings or log files: nothing of the
// user is stored) and the renderer. `lost` and `restored` are called when the browser takes the
// context away and gives it back. False (the failure signalled) when there is no WebGL2.
bool StartGl(void (*lost)(), void (*restored)());
// After a restore: the context current again and the renderer rebuilt (GL objects died).
void RestartRenderer();
// Builds the atlas from /fonts for `pixel_ratio` unless it is built for it already; false (the
// failure signalled) when a font cannot be read. `build_ms`, when given, gets how long it took.
bool EnsureFonts(Fonts& fonts, text::ShapeCache& shapes, float pixel_ratio,
                 double* build_ms = nullptr);
// Starts the renderer's frame (before the app's Frame).
void NewFrame();
// Draws the frame ImGui rendered into the canvas.
void Render(const Viewport& viewport);

}  // namespace tasjil::app::platform
