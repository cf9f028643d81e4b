// Tasjil app: the page around every screen — the banner (service name and the language switch
// as navigation), the main landmark with the step, the error summary, the heading, the
// screen's fields and body, and its action row. Screens only describe themselves (flow.h).
#pragma once

#include "app/ui.h"

namespace tasjil::app {

// Draws the whole page of the current screen and records its height.
void DrawPage(Ui& ui);

// Language names, always written in their own language and script, in the order offered: CLDR's
// names of each language in itself (ar.xml ar, zgh.xml zgh, fr.xml fr capitalised as a menu
// item), checked by tests/app/app_test.cpp.
struct LanguageName {
    const char* code;
    const char* name;
};
inline constexpr LanguageName kLanguageNames[] = {
    {"ar", "العربية"}, {"zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"}, {"fr", "Français"}};

struct BannerLink {
    Action action;         // a link-style button
    std::string lang;      // language of its text ("" = the page's)
    bool current = false;  // the current choice (the interface language)
};
struct BannerLine {
    std::string text;
    bool large = false;  // the service's name (else a smaller line above or below it)
};
// The header band of `band_h` CSS px: `links` in a navigation named `nav_name` on the
// reading-end side of its first line, then `lines` of white text (one accessible text of them
// all). Returns the id of the link activated this frame, or "".
std::string DrawBanner(Ui& ui, float band_h, const std::string& nav_name,
                       const std::vector<BannerLink>& links, const std::vector<BannerLine>& lines);

}  // namespace tasjil::app
