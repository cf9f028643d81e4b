// Tasjil app: kiosk mode's on-screen keyboard and idle warning, drawn by the app over the page
// at the bottom and the top of the viewport. Kiosks in the provincial directorates have a
// touch screen and no keyboard; the keys are real buttons of the semantic layer too.
#pragma once

#include "app/ui.h"

namespace tasjil::app {

// The keyboard, when a text box is its target: the rows of the layout (Arabic, French AZERTY,
// Tifinagh as on the IRCAM keyboard), digits, and Shift, space, erase, layout and close keys.
// Returns its height (0 when hidden); the page grows by it so that every field can be
// scrolled above it.
float DrawKeyboard(Ui& ui, AppState& s);

// The idle warning with its countdown (kiosk mode, the last seconds before the wipe).
void DrawIdleWarning(Ui& ui, AppState& s);

}  // namespace tasjil::app
