// Tasjil app: the flow. Each screen is described by data (screens/*.cpp): its heading, its
// fields, an optional body, when it applies, what it syncs into the model and fetches on entry.
// One ordered table gives Continue and Back, skipped screens and "step n of N". The field table
// of a screen is the single source for drawing it, for the core's errors it shows, for the
// error summary's links and for the Check your answers page.
//
// Index
//   [SECTION] Fields
//   [SECTION] Screens
//   [SECTION] The flow table and navigation
//   [SECTION] Validation of a screen
//   [SECTION] Intents and replies
#pragma once

#include <string>
#include <vector>

#include "app/app_state.h"

namespace tasjil::app {

struct Ui;

// [SECTION] Fields -------------------------------------------------------------------------------

enum class FieldKind { kText, kDate, kRadio, kCheckbox, kSelect, kSearch };
// What a text field holds: decides the keyboard, direction, language and autocomplete.
enum class Script { kArabic, kLatin, kAny, kDigits, kPhone, kEmail };

struct Choice {
    std::string value;       // stored in the model
    std::string label;       // shown, already in the interface language (or its own, with `lang`)
    std::string hint;        // a second line (a school's kind, its central school)
    std::string lang;        // language of the label when it differs from the page
    std::string keywords;    // searched, never shown: a country's Arabic name on a French page
    std::string search_key;  // label, hint and keywords folded once by a long list ("": folded
                             // by the searchable list as it draws)

    Choice(std::string v, std::string l, std::string h = "", std::string g = "")
        : value(std::move(v)), label(std::move(l)), hint(std::move(h)), lang(std::move(g)) {}
};

struct Field {
    std::string pointer;  // JSON pointer into the file: the core's errors at or below it
    std::string label;    // catalogue key of the label
    FieldKind kind = FieldKind::kText;
    std::string* text = nullptr;   // text, radio, select, search: the string edited
    bool* flag = nullptr;          // checkbox
    DateParts* date = nullptr;     // date (composed into the model by the screen's sync)
    std::vector<Choice> choices;   // radio, select, search
    std::string* query = nullptr;  // search: what the parent typed to filter the choices
    std::string hint;              // catalogue key of a hint under the label, or ""
    Script script = Script::kAny;
    std::string autocomplete;  // DOM autocomplete token
    int max_length = 60;       // characters
    float width_em = 0;        // preferred width of a text box in ems (0 = full width)
    std::string section;       // catalogue key of the fieldset the field belongs to, or ""
    std::string id_prefix;     // widget ids are id_prefix + pointer-derived id

    // The widget id, derived from the pointer ("/child/sex" → "child-sex").
    std::string Id() const;
    // The id a summary link focuses (the first box of a date, the first radio…).
    std::string FocusId() const;
    // Whether an error at `pointer` belongs to this field.
    bool Owns(const std::string& pointer) const;
    // The answer as a parent reads it on Check your answers.
    std::string Shown(const AppState& state) const;

    Field& Hint(std::string key) {
        hint = std::move(key);
        return *this;
    }
    Field& As(Script s) {
        script = s;
        return *this;
    }
    Field& Autocomplete(std::string token) {
        autocomplete = std::move(token);
        return *this;
    }
    Field& Max(int n) {
        max_length = n;
        return *this;
    }
    Field& Width(float em) {
        width_em = em;
        return *this;
    }
    Field& Section(std::string key) {
        section = std::move(key);
        return *this;
    }
};

Field TextField(std::string pointer, std::string label, std::string* value);
Field DateField(std::string pointer, std::string label, DateParts* value);
Field RadioField(std::string pointer, std::string label, std::string* value,
                 std::vector<Choice> choices);
Field CheckboxField(std::string pointer, std::string label, bool* value);
Field SelectField(std::string pointer, std::string label, std::string* value,
                  std::vector<Choice> choices);
Field SearchField(std::string pointer, std::string label, std::string* value, std::string* query,
                  std::vector<Choice> choices);

// Draws `fields` in order, sections as fieldsets with their heading. Returns true when a value
// changed (the hook to re-validate).
bool DrawFields(Ui& ui, std::vector<Field>& fields);

// [SECTION] Screens ------------------------------------------------------------------------------

enum class ScreenKind {
    kQuestion,  // a step of the form: counted in "step n of N", Back and Continue
    kPage,      // start, receipt, status look-up: no step, its own actions
};

// A value a screen keeps in the draft beside the file, bound to the screen's state: one of
// text, flag, date or list of dates is set.
struct DraftValue {
    const char* name;                         // its member in the screen's object of the draft
    std::string* text = nullptr;              // a choice, a search, a number as typed
    bool* flag = nullptr;                     // a checkbox
    DateParts* date = nullptr;                // a date as typed
    std::vector<DateParts>* dates = nullptr;  // one date per item of a list of the file
    std::size_t max_items = 0;                // dates: the longest list a draft may hold
    bool optional = false;  // added after drafts were first kept: one saved before may lack it
};

// A screen as data. Written with designated initialisers, in this order; what a screen does
// not need stays null.
struct ScreenSpec {
    ScreenId id;                  // its name: in intents, in drafts
    const char* heading;          // catalogue key of the page's h1
    const char* intro = nullptr;  // catalogue key of the paragraph under it
    ScreenKind kind = ScreenKind::kQuestion;
    // The questions, in order, bound to the state (pointers valid for the frame).
    std::vector<Field> (*fields)(AppState&) = nullptr;
    // Drawn after the heading and intro; when set, it draws the fields itself (a list).
    void (*body)(Ui&, AppState&, std::vector<Field>&) = nullptr;
    // Drawn after the fields (explanations, lists of choices): nothing to do with the fields.
    void (*after)(Ui&, AppState&) = nullptr;
    bool (*applies)(const AppState&) = nullptr;  // null: always
    // Writes what only the screen holds into the model (dates typed in three boxes) and adds
    // the errors only the screen can see (a date not written in digits).
    void (*sync)(AppState&, core::FieldErrors&) = nullptr;
    void (*on_enter)(AppState&) = nullptr;  // prepares the screen's state on entry
    // After every frame on this screen, outside drawing (a result computed once data arrived).
    void (*after_frame)(AppState&) = nullptr;
    // Extra errors of the screen that the core cannot know (a school map still loading).
    void (*extra_checks)(const AppState&, core::FieldErrors&) = nullptr;
    const char* continue_label = "ui.button.continue";  // the primary action's label
    bool submits = false;  // the primary action sends the file (Declarations)
    // Province codes whose maps the screen needs (RequestData fetches them).
    std::vector<std::string> (*needs_maps)(const AppState&) = nullptr;
    // The screen names provinces or countries: RequestData fetches the province list and the
    // country names (neither is part of the first load).
    bool needs_place_names = false;
    // What the screen keeps in the draft beside the file (draft.cpp writes and reads it).
    std::vector<DraftValue> (*draft)(AppState&) = nullptr;
    // The inverse of `sync`: the screen's state as it was when the file was sent, from the file
    // (the staff console shows a stored file through the parents' field tables).
    void (*from_file)(AppState&) = nullptr;
};

// [SECTION] The flow table and navigation --------------------------------------------------------

// An ordered table of screens: the parents' flow, or one a test builds.
using FlowTable = std::vector<const ScreenSpec*>;
// The parents' flow, every screen in order: the one table that names them all.
const FlowTable& ParentsFlow();
// The flow the state follows (its `flow`, else the parents').
const FlowTable& Flow(const AppState& state);

// The spec of a screen of the state's flow (the first screen for a name it does not hold).
const ScreenSpec& Spec(const AppState& state, ScreenId id);
bool Applies(const AppState& state, const ScreenSpec& spec);
// The next / previous question or page that applies, or `from` itself at the ends.
ScreenId NextScreen(const AppState& state, ScreenId from);
ScreenId PreviousScreen(const AppState& state, ScreenId from);
// "Step n of total" for a question screen (total counts the questions that apply now).
struct StepNumber {
    int n = 0, total = 0;
};
StepNumber StepOf(const AppState& state, ScreenId id);

// Enters a screen: clears shown errors, asks the platform to focus its heading, fetches.
void EnterScreen(AppState& state, ScreenId id);

// [SECTION] Validation of a screen ---------------------------------------------------------------

// Syncs the screen and returns the core's errors of its fields (checked on the normalised file,
// as the server will) plus the screen's own. In document order.
core::FieldErrors ScreenErrors(AppState& state, const ScreenSpec& spec);
// The core's errors of the whole file, for Check your answers and Send.
core::FieldErrors FileErrors(AppState& state);
// Called when a widget reports a change: once errors are on screen, each fix clears its
// message at once; new problems appear only on the next Continue.
void OnModelChanged(AppState& state);
// The screen that owns `pointer` (where a server's 422 sends the parent), or kCheckAnswers.
ScreenId ScreenOwning(AppState& state, const std::string& pointer);

// [SECTION] Intents and replies ------------------------------------------------------------------

// The problem to show for a send that did not end in a receipt, by the server's status (0: no
// network; below 0: not tried yet, waiting in the device's outbox).
const char* SendProblem(int status);
// The server's answer to the file sent: the receipt, or what to fix and where.
void OnSubmitReply(AppState& state, int status, const std::string& body);

// Switches the interface language, or fetches its catalogue first (then switches on the reply).
void SetLocale(AppState& state, const std::string& locale);

// Runs the queued intents (after the frame).
void ApplyIntents(AppState& state);
// Queues a request; returns its id.
// `on_reply`, when given, handles the reply in place of the purpose's own handling.
int Send(AppState& state, Request::Purpose purpose, std::string method, std::string url,
         std::string body = "", std::string key = "",
         void (*on_reply)(AppState&, int, const std::string&) = nullptr);
// A reply from the platform (status 0: the network failed).
void OnReply(AppState& state, const Request& request, int status, const std::string& body);
// The map of a province when it has been fetched, else nullptr (RequestData fetches it).
const core::SchoolMap* MapOf(const AppState& state, const std::string& province);
// After each frame: fetches what the current screen needs and has not got (rules, the list of
// provinces, the maps of the chosen provinces), once; a failed fetch waits for Retry.
void RequestData(AppState& state);
// Retry of a failed fetch: it is asked again by the next RequestData.
void RetryData(AppState& state, int);
// A new draft after a receipt or a 409 (the old one is sent or refused).
void StartNewFile(AppState& state, const std::string& file_id);
// Once the server has the file the device keeps what the receipt shows — the reference, the
// child's first names, the school, the dates and the status — and no longer the answers: a sent
// file is never edited, and a shared device holds as little of a family as it can (law 09-08
// art. 3).
void CloseSentFile(AppState& state);

// FileErrors without those of the declarations, which come after the pre-check.
core::FieldErrors ErrorsBeforeDeclarations(AppState& state);
// The pre-check on the device: the same core, rules and school map as the server.
std::optional<core::Eligibility> DevicePrecheck(AppState& state);

// Where the registration window of the open year stands today (the server's rules, the
// device's date): before it opens a parent prepares the file and Send waits for the opening
// day (unless the ministry allows early filing: core::WindowRefusal); after it closed a file
// is still received, and examined as a late one (core::AfterWindow).
enum class WindowToday { kOpen, kNotYetOpen, kClosed };
WindowToday RegistrationWindow(const AppState& state);

}  // namespace tasjil::app
