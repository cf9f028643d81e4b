// Tasjil app: the one plain state the UI reads and writes — the draft electronic file, the data
// fetched from the server, each screen's own small state, and the UI-only state around them.
// Draw functions take it by reference; widgets edit the model in place; buttons queue intents
// that run after the frame.
//
// Index
//   [SECTION] Screens and intents
//   [SECTION] Each screen's own state
//   [SECTION] Server data and requests
//   [SECTION] The device
//   [SECTION] The state
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.h"
#include "core/electronic_file.h"
#include "core/field_error.h"
#include "core/i18n.h"
#include "core/rules.h"
#include "core/school_map.h"

namespace tasjil::app {

// [SECTION] Screens and intents ------------------------------------------------------------------

// Every screen of the parents' flow, in flow order (flow.cpp holds the table).
enum class ScreenId {
    kStart,
    kChild,
    kCivilStatus,
    kParents,
    kGuardian,
    kContact,
    kSiblings,
    kResidence,
    kSchool,
    kEligibility,
    kCheckAnswers,
    kDeclarations,
    kReceipt,
    kStatus,
    kFiles,  // tablet mode: the files kept on the tablet
};

struct AppState;

// What a button asks for; run by ApplyIntents after the frame is drawn.
struct Intent {
    enum class Kind {
        kContinue,   // validate the screen, then the next screen that applies
        kBack,       // the previous screen that applies (nothing is validated or lost)
        kGoTo,       // a given screen (a Change link: `returns` brings the parent back after)
        kSetLocale,  // interface language (`argument`)
        kSubmit,     // send the file (once, however often it is pressed)
        kRun,        // a screen's own action: `run(state, index)`
    } kind;
    ScreenId screen = ScreenId::kStart;
    std::string argument;
    bool returns = false;
    void (*run)(AppState&, int) = nullptr;
    int index = 0;

    Intent(Kind k, ScreenId s = ScreenId::kStart, std::string arg = "", bool ret = false,
           void (*fn)(AppState&, int) = nullptr, int i = 0)
        : kind(k), screen(s), argument(std::move(arg)), returns(ret), run(fn), index(i) {}
};

// [SECTION] Each screen's own state --------------------------------------------------------------

// A date as typed in three boxes; composed into the model's YYYY-MM-DD before validation.
struct DateParts {
    std::string day, month, year;
    bool empty() const { return day.empty() && month.empty() && year.empty(); }
};

struct ChildScreenState {
    DateParts birth_date;
    std::string born_in_morocco = "yes";  // "yes" | "no": commune picker or country and place
    std::string birth_province;           // province of the birth commune (picker only)
    std::string birth_commune;            // the commune chosen (the model's is optional)
    std::string commune_query;            // search text of the birth commune list
    std::string country_query;            // search text of the birth country list
    std::string nationality_query;        // search text of the nationality list
};

struct ContactScreenState {
    bool sms = true;  // the channels as two checkboxes; the model holds the list
    bool email = false;
};

struct CivilStatusScreenState {
    std::string act_year;  // as typed; the model holds the number
};

struct ParentsScreenState {
    std::string has_guardian = "no";  // "yes" when another person is the child's guardian
};

struct SiblingsScreenState {
    std::vector<DateParts> birth_dates;  // one per sibling of the file
};

struct ResidenceScreenState {
    std::string commune_query;
    std::string sector_query;
};

struct SchoolScreenState {
    bool show_others = false;  // after the explanation of what choosing another school means
};

struct EligibilityScreenState {
    std::optional<core::Eligibility> result;  // the device's pre-check, once data is there
    core::FieldErrors errors;                 // answers to fix first (then there is no result)
};

struct StatusScreenState {
    std::string reference;
    DateParts birth_date;
    enum class State { kIdle, kLooking, kFound, kNotFound, kFailed } state = State::kIdle;
    std::string status;         // approved | pending_review | rejected
    core::FieldErrors reasons;  // from the server, rendered in the interface language
    std::string received_at;
    std::string problem;  // catalogue key of a failure
};

// [SECTION] Server data and requests -------------------------------------------------------------

// A fetch of something a screen needs: never a blank list, a retry when it failed.
struct Remote {
    enum class State { kIdle, kLoading, kReady, kFailed } state = State::kIdle;
};

// A request for the platform to send; the reply comes back with the same id.
struct Request {
    enum class Purpose {
        kService,
        kRules,
        kProvinces,
        kProvinceMap,
        kSubmit,
        kStatus,
        kCatalogue,  // the messages of a language, fetched when the parent first chooses it
    } purpose;
    int id = 0;
    std::string method;  // GET | POST
    std::string url;     // path on the server, e.g. /api/v1/files
    std::string body;    // JSON for POST
    std::string key;     // the province of a map, the locale of a catalogue
};

// What the operator configures beside the app (web/service.json): the information notice's
// CNDP authorisation and where parents use their rights.
struct ServiceInfo {
    std::string cndp_authorisation;  // number of the CNDP authorisation of the processing
    std::string rights_contact;      // where to use the rights of access, rectification, opposition
};

struct ServerData {
    ServiceInfo service;
    Remote service_state;
    std::optional<core::Rules> rules;  // the rules of the school year (from the server)
    Remote rules_state;
    std::vector<core::MapProvince> provinces;  // every province, for the pickers
    Remote provinces_state;
    std::map<std::string, core::SchoolMap> maps;  // by province code, fetched when needed
    std::map<std::string, Remote> map_state;
};

// The send of the file and what the server answered. In the browser a sent file goes to the
// device's outbox first (web/outbox.mjs), which posts it until the server answers.
struct Submission {
    enum class State {
        kIdle,
        kQueued,   // kept in the outbox, waiting for the network or the server (`problem`: why)
        kSending,  // on its way
        kFailed,   // the server refused it, or the send failed where there is no outbox
        kSent,     // stored by the server: the receipt
    } state = State::kIdle;
    std::string problem;  // catalogue key of what went wrong (kQueued, kFailed)
    std::string reference, status, received_at, serving_unit;
    core::FieldErrors reasons;   // of the pre-check, as stored
    bool conflict = false;       // 409: another file was sent with this id
    core::FieldErrors refusals;  // a 422 no answer can fix (the window…), in the server's words
};

// [SECTION] The device ---------------------------------------------------------------------------

// The layouts of kiosk mode's on-screen keyboard.
enum class KeyboardLayout { kArabic, kAzerty, kTifinagh };

// How the device is used (the page's ?mode=): a parent's own phone or computer, a kiosk of a
// directorate shared by many people, or a tablet carried to registrations without network.
enum class DeviceMode { kParent, kKiosk, kTablet };

// A file kept on the device (tablet mode's list), as summarised from its draft and the outbox.
struct DeviceFile {
    enum class State { kDraft, kQueued, kSending, kSent, kAttention };
    std::string file_id;
    std::string changed;      // local time of the last change, YYYY-MM-DDTHH:MM (from the page)
    std::string child_ar;     // the child's names in Arabic as entered so far ("" when none)
    std::string child_latin;  // and in Latin letters
    State state = State::kDraft;
    std::string reference;  // the receipt's reference once sent
};

// What the page knows of the device, and what the app asks of it after a frame.
struct DeviceState {
    DeviceMode mode = DeviceMode::kParent;
    bool update_ready = false;      // a new version of the app is installed and waits to be used
    bool storage_low = false;       // little storage left: drafts and the outbox may not be kept
    bool resumed = false;           // the draft was read back from the device at start
    int idle_seconds_left = -1;     // kiosk mode: seconds before everything is wiped (-1: not idle)
    bool draft_stored = false;      // this file's draft is on the device (saved or resumed)
    std::string saved_draft;        // the draft as last handed to the platform (not saved again)
    std::vector<DeviceFile> files;  // tablet mode: every file kept on the device
    // Requests to the platform, taken after the frame.
    std::vector<std::string> drafts_to_delete;  // file ids whose saved draft is deleted
    bool files_wanted = false;                  // list the device's files (tablet mode)
    std::string file_to_open;                   // a kept draft to open in place of this one
    bool apply_update = false;                  // reload into the waiting version
    bool send_now = false;                      // try the outbox at once (the parent asked)
};

// [SECTION] The state ----------------------------------------------------------------------------

struct UiState {
    ScreenId screen = ScreenId::kStart;
    ScreenId previous_screen = ScreenId::kStart;  // the one before (a page's Back returns there)
    std::string locale{core::kDefaultLocale};     // interface language: ar | zgh | fr
    std::string pending_locale;         // chosen, its catalogue on its way (then the page switches)
    std::optional<ScreenId> return_to;  // after a Change link: back to Check your answers
    bool errors_visible = false;        // after a Continue that found problems, until fixed
    core::FieldErrors errors;           // problems shown inline and in the summary (screen's)
    // id of the DOM element with keyboard focus ("" when none): a text field being edited (the
    // browser draws its text) or a button, radio, link or list that gets a focus ring.
    std::string focused;
    std::string focus_request;    // id the platform should focus after the next frame
    float scroll_y = 0;           // the document's scroll position, CSS px (from the browser)
    float content_height = 0;     // height of the page drawn last frame
    std::vector<Intent> intents;  // queued by widgets, run after the frame
    // Platform events waiting for their widget's next draw: text typed into a DOM input (by
    // widget id) and DOM elements activated (button, radio, checkbox, link ids). Widgets
    // consume them while drawing and report the change by returning true.
    std::map<std::string, std::string> pending_text;
    std::vector<std::string> pending_activations;
    bool print_requested = false;  // the receipt's Print button (the platform prints)
    bool confirm_delete = false;   // the Start screen asks before deleting the saved answers
    // Kiosk mode's on-screen keyboard: the text box it types into ("" when hidden), its
    // layout, Shift for the next Latin letter, and what was pressed since that box last drew
    // (text to insert, or "\b" to erase the last character).
    std::string keyboard_target;
    KeyboardLayout keyboard_layout = KeyboardLayout::kArabic;
    bool keyboard_shift = false;
    std::vector<std::string> pending_keys;
    std::string confirm_delete_file;  // tablet list: the file whose deletion is being asked
};

struct AppState {
    core::ElectronicFile file;  // the draft electronic file (file_id set at start)
    UiState ui;                 // everything else of the interface
    core::Date today{};         // the device's date, for validation and the pre-check
    std::optional<core::Date> server_today;  // the server's date, from its replies' Date header
    std::string now_iso;        // the device's clock when the frame started (submitted_at)
    std::map<std::string, core::Catalogue> catalogues;  // by locale
    ServerData data;
    Submission submission;
    DeviceState device;
    std::vector<Request> requests;  // to send; the platform takes them after the frame
    int next_request_id = 1;
    std::string spare_file_id;  // a fresh UUIDv4 from the platform, for the next new file
    // Each screen's own state.
    ChildScreenState child;
    CivilStatusScreenState civil_status;
    ParentsScreenState parents;
    ContactScreenState contact;
    SiblingsScreenState siblings;
    ResidenceScreenState residence;
    SchoolScreenState school;
    EligibilityScreenState eligibility;
    StatusScreenState status;
};

// A fresh draft: schema version, file id, school year, creation time, empty parts.
core::ElectronicFile NewDraft(const std::string& file_id, const std::string& created_at,
                              const std::string& school_year);

// The catalogue of the interface language (empty when not loaded).
const core::Catalogue& Messages(const AppState& state);
// Interface text for a `ui.*` key, or a code's message, with parameters.
std::string Tr(const AppState& state, std::string_view key,
               const std::vector<core::Param>& params = {});

// A date in a table's column, where words would not fit: DD/MM/YYYY (the order on Moroccan
// documents). The staff console's lists and audit trail.
std::string ShowDate(std::string_view iso);
// A date for a parent to read, in words in the interface language («20 ماي 2027», «20 mai
// 2027»: core::Catalogue::LongDate, CLDR's names). Anything not YYYY-MM-DD is returned as is.
std::string DateInWords(const AppState& state, std::string_view iso);

}  // namespace tasjil::app
