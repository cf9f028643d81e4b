// Tasjil app: the screens. Each draws from AppState and queues intents; none has side effects.
#pragma once

#include "app/ui.h"

namespace tasjil::app {

// Draws the whole page for the current screen: header with the language switch, the screen's
// content, and records the page height for scrolling.
void DrawApp(Ui& ui);

}  // namespace tasjil::app
