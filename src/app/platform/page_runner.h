// Tasjil app: the page runner, one for the parents' app and the staff console (hello_imgui's
// idea: the app is data and callbacks, the platform a runner). It owns what both entries did
// alike: the WebGL context and its loss, the font atlas for the screen's density, the frame loop
// (a frame only when something changed, then a couple more while the layout settles), the page's
// common events (typed text, activation, focus, pointer, wake, replies) and the counters tests
// and benchmarks read. An entry gives it a Page and adds only its own exports.
#pragma once

#include <string>

#include "app/app.h"
#include "app/app_state.h"
#include "app/ui.h"
#include "text/bidi_text.h"

namespace tasjil::app::platform {

// The app as the runner drives it. The entry's Page owns the app (App or staff::Console) and
// makes the calls to the browser that its frame asked for.
class Page {
  public:
    // What the runner reaches inside the app: the atlas, the shaping cache (cleared with a new
    // atlas), and the interface state typed text and focus go to.
    struct Parts {
        Fonts& fonts;
        text::ShapeCache& shapes;
        UiState& ui;
    };
    virtual Parts PageParts() = 0;
    // Everything drawn this much larger (kiosk mode): the atlas is rasterised for it.
    virtual float Scale() const { return 1.f; }
    // Draws one frame (the runner has filled the viewport, pointer, clock); returns the semantic
    // tree to publish, or "" when unchanged.
    virtual std::string Frame(FrameInput& input) = 0;
    // After the frame and its tree were published: the requests, downloads and prints the frame
    // queued, handed to the browser.
    virtual void AfterFrame() = 0;
    // A DOM element activated (the console reads its keyboard commands here).
    virtual void Activate(const std::string& id) = 0;
    virtual void Reply(int id, int status, const std::string& body) = 0;

  protected:
    ~Page() = default;  // the page lives as long as the browser's page
};

// Creates the WebGL2 context and ImGui's, and makes `page` (which lives as long as the page)
// the one the page's events reach. False (the failure signalled) when there is no WebGL2.
bool StartPage(Page* page);
// Something changed: draw `frames` frames (at least), then nothing until the next change.
void Wake(int frames = 2);
// The page StartPage was given (the entry's extra exports reach their app through it).
Page& CurrentPage();
// For benchmarks: how long the last build of the font atlas took.
double FontBuildMs();

}  // namespace tasjil::app::platform
