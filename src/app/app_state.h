// Tasjil app: the one plain state the UI reads and writes — the draft electronic file and the
// UI-only state around it. Draw functions take it by reference; widgets edit the model in
// place; buttons queue intents that run after the frame.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/dates.h"
#include "core/electronic_file.h"
#include "core/field_error.h"
#include "core/i18n.h"

namespace tasjil::app {

enum class Screen { kLanguage, kChildIdentity, kChildReview };

// What a button asks for; run by ApplyIntents after the frame is drawn.
struct Intent {
    enum class Kind { kSetLocale, kGoTo, kContinueChildIdentity } kind;
    std::string argument;  // locale code
    Screen screen = Screen::kLanguage;
};

struct UiState {
    Screen screen = Screen::kLanguage;
    std::string locale = "ar";  // interface language: ar | zgh | fr
    // The date of birth as typed, three fields; composed into child.birth_date on Continue.
    std::string birth_day, birth_month, birth_year;
    bool errors_visible = false;  // after a Continue that found problems, until fixed
    core::FieldErrors errors;     // problems shown inline and in the summary (step's fields)
    // id of the DOM element with keyboard focus ("" when none): a text field being edited (the
    // browser draws its text) or a button, radio, link or list that gets a focus ring.
    std::string focused;
    std::string focus_request;    // id the platform should focus after the next frame
    std::string scroll_to;        // id to bring into view on the next frame
    float scroll_y = 0;           // vertical scroll of the page, CSS px
    float content_height = 0;     // height of the page drawn last frame
    std::vector<Intent> intents;  // queued by widgets, run after the frame
    // Platform events waiting for their widget's next draw: text typed into a DOM input (by
    // widget id) and DOM elements activated (button, radio, link ids). Widgets consume them
    // while drawing and report the change by returning true.
    std::map<std::string, std::string> pending_text;
    std::vector<std::string> pending_activations;
};

struct AppState {
    core::ElectronicFile file;  // the draft electronic file (file_id set at start)
    UiState ui;                 // everything else
    core::Date today{};         // the browser's date, for validation
    std::map<std::string, core::Catalogue> catalogues;  // by locale
};

// A fresh draft: schema version, file id, school year, creation time, empty parts.
core::ElectronicFile NewDraft(const std::string& file_id, const std::string& created_at,
                              const std::string& school_year);

// The catalogue of the interface language (empty when not loaded).
const core::Catalogue& Messages(const AppState& state);
// Interface text for a `ui.*` key, or a code's message, with parameters.
std::string Tr(const AppState& state, std::string_view key,
               const std::vector<core::Param>& params = {});

// Runs the queued intents (after the frame).
void ApplyIntents(AppState& state);

// Re-checks the child identity step and stores the problems in ui.errors. Returns true when
// there are none. The date of birth is composed from the three fields first.
bool ValidateChildIdentity(AppState& state);

// Called when a widget reports a change: keeps shown errors in step with the model.
void OnModelChanged(AppState& state);

}  // namespace tasjil::app
