// Tasjil app: the page around every screen — the banner (service name and the language switch
// as navigation), the main landmark with the step, the error summary, the heading, the
// screen's fields and body, and its action row. Screens only describe themselves (flow.h).
#pragma once

#include "app/ui.h"

namespace tasjil::app {

// Draws the whole page of the current screen and records its height.
void DrawPage(Ui& ui);

}  // namespace tasjil::app
