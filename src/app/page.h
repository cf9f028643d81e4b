// Tasjil app: the page around every screen — the banner (service name and the language switch
// as navigation), the main landmark with the step, the error summary, the heading, the
// screen's fields and body, and its action row. Screens only describe themselves (flow.h).
//
// Index
//   [SECTION] One frame of a page (both apps)
//   [SECTION] The parents' page
#pragma once

#include <string>

#include "app/semantics.h"
#include "app/ui.h"

namespace tasjil::app {

// [SECTION] One frame of a page (both apps) ------------------------------------------------------

// What the platform knows when a frame starts.
struct FrameInput {
    float css_width = 0, css_height = 0;  // the viewport
    bool touch = false;                   // coarse pointer
    float scroll_y = 0;                   // the document's scroll position
    ImVec2 mouse{-1, -1};                 // pointer in viewport CSS px (-1: none)
    float delta_time = 1.f / 60.f;        // seconds since the last frame
    float scale = 1;                      // everything drawn this much larger (kiosk mode)
    std::string now_iso;                  // the device's clock (RFC 3339)
    std::string spare_file_id;            // a fresh UUIDv4, for a new file
};

// Starts ImGui's frame over the viewport, in layout units `scale` times larger than CSS pixels
// (kiosk mode's big targets), and returns the widget context laid out as one centred column at
// most `column` wide: narrow margins on phones, labels beside fields when the column is wide
// enough.
Ui BeginPageFrame(const FrameInput& in, float column, float scale, PageState& page,
                  Semantics& semantics, text::ShapeCache& shapes, const Fonts& fonts);
// Ends it: ImGui's draw data, and the semantic tree moved into the document in CSS pixels and
// written with the page's title, language, direction, focus request and height. Events of
// widgets that were not drawn this frame are stale: dropped.
std::string EndPageFrame(Ui& ui, float scale, const std::string& title);
// `text` when it differs from `last` (which then keeps it), else "": the platform is told only
// of a change.
std::string IfChanged(std::string text, std::string& last);

// [SECTION] The parents' page --------------------------------------------------------------------

// Draws the whole page of the current screen and records its height.
void DrawPage(Ui& ui, AppState& state);

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
