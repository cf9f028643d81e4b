// Tasjil staff console: the second entry of the app, for schools and provincial directorates.
// Same widgets, text layer and semantic layer as the parents' app, its own screens and state.
// Free of browser code (native tests drive it); staff/main.cpp feeds it platform events.
//
// Index
//   [SECTION] Frame context
//   [SECTION] Console
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "app/in_flight.h"
#include "app/staff/console_state.h"
#include "app/ui.h"

namespace tasjil::app::staff {

// [SECTION] Frame context ------------------------------------------------------------------------

// What a screen draws with: the shared widget context and the console's state.
struct StaffUi {
    Ui& ui;
    StaffState& s;
    // The grid of the frame, for the platform (web/staff/grid.mjs): roles and indexes the
    // shared semantic layer does not carry.
    struct Grid {
        std::string id;
        std::string name;
        std::int64_t row_count = 0;  // rows of the whole list, not only those drawn
        int column_count = 0;
        std::vector<std::pair<std::string, std::int64_t>> rows;  // {row id, 1-based index}
        std::vector<std::string> cells;
        std::vector<std::pair<std::string, std::string>> headers;  // {id, aria-sort}
    } grid;
    std::vector<std::pair<std::string, std::string>> shortcuts;  // {button id, key}
    std::vector<std::string> passwords;                          // text boxes that are secret
};

// A console screen: one file each in src/app/staff/screens/, which defines its spec; console.cpp's
// table lists them once, and nothing else names a screen's drawing or keys.
struct StaffScreenSpec {
    StaffScreen id;
    const char* heading;     // catalogue key of the document title's first part
    void (*draw)(StaffUi&);  // the screen, under the banner
    // A keyboard command of the page while the screen is shown ("down", "approve"…: the part
    // after "key:" of the activated id).
    void (*key)(StaffState&, const std::string& key) = nullptr;
    // Where the focus goes when an expired session comes back to the screen.
    const char* resume_focus = "heading";
};
// The spec of a screen (the log-in's for an id the table does not hold).
const StaffScreenSpec& SpecOf(StaffScreen id);

// The activation letters of the accounts screen for the printed sheet: {dir, letters: [{heading,
// code, lines}]} in the interface language (screens/accounts.cpp).
std::string LettersPrintJson(const StaffState& state);

// A text field's description with its id and label, the rest as the widget's defaults.
inline TextFieldSpec Box(std::string id, std::string label) {
    TextFieldSpec spec;
    spec.id = std::move(id);
    spec.label = std::move(label);
    return spec;
}

// [SECTION] Console ------------------------------------------------------------------------------

class Console {
  public:
    StaffState state;
    Semantics semantics;
    text::ShapeCache shapes{2048};
    Fonts fonts;

    // Draws one frame (between ImGui's NewFrame and Render, which it calls), runs the intents,
    // and returns the semantic tree to publish, or "" when unchanged.
    std::string Frame(const FrameInput& input);
    // What the platform layer adds to the tree (grid roles, row indexes, shortcuts, password
    // boxes) as JSON, or "" when unchanged since the last call.
    std::string TakeAnnotations();
    std::vector<StaffRequest> TakeRequests();
    void Reply(int id, int status, const std::string& body);

    void Input(const std::string& id, const std::string& value);
    // A DOM element activated; "key:…" ids are the grid's and the file's keyboard commands
    // (key:down, key:up, key:pagedown, key:pageup, key:home, key:end, key:approve, key:reject,
    // key:info).
    void Activate(const std::string& id);
    void Focus(const std::string& id, bool focused);

  private:
    std::string last_published_, annotations_, last_annotations_;
    InFlight<StaffRequest> in_flight_;
};

// Queues a request; returns its id.
int Send(StaffState& state, StaffRequest::Purpose purpose, std::string method, std::string url,
         std::string body = "", std::string key = "");
// Runs the queued intents (after the frame).
void ApplyIntents(StaffState& state);
// The server's answer to a request.
void OnReply(StaffState& state, const StaffRequest& request, int status, const std::string& body);

}  // namespace tasjil::app::staff
