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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/dates.h"
#include "core/electronic_file.h"
#include "core/field_error.h"
#include "core/i18n.h"
#include "core/rules.h"
#include "core/school_map.h"

namespace tasjil::app {

// [SECTION] Screens and intents ------------------------------------------------------------------

// A screen, by the name its spec gives it ("child", "check_answers"): the id intents carry and
// the name a draft keeps. A screen's file names itself; the few screens the flow moves to on
// its own (the start page, Check your answers, the receipt…) have a name here.
struct ScreenId {
    std::string_view name = "start";
    bool operator==(const ScreenId&) const = default;

    static const ScreenId kStart, kCheckAnswers, kDeclarations, kReceipt, kStatus, kFiles;
};
inline constexpr ScreenId ScreenId::kStart{"start"};
inline constexpr ScreenId ScreenId::kCheckAnswers{"check_answers"};
inline constexpr ScreenId ScreenId::kDeclarations{"declarations"};
inline constexpr ScreenId ScreenId::kReceipt{"receipt"};
inline constexpr ScreenId ScreenId::kStatus{"status"};
inline constexpr ScreenId ScreenId::kFiles{"files"};

struct AppState;
struct ScreenSpec;

// What a button asks for; run by ApplyIntents after the frame is drawn. Written with designated
// initialisers: `{.kind = Intent::Kind::kRun, .run = Add}`.
struct Intent {
    enum class Kind {
        kContinue,   // validate the screen, then the next screen that applies
        kBack,       // the previous screen that applies (nothing is validated or lost)
        kGoTo,       // a given screen (a Change link: `returns` brings the parent back after)
        kSetLocale,  // interface language (`argument`)
        kSubmit,     // send the file (once, however often it is pressed)
        kRun,        // a screen's own action: `run(state, index)`
    } kind = Kind::kContinue;
    ScreenId screen{};                      // kGoTo: where to
    std::string_view argument;              // kSetLocale: the language (a code of kLanguageNames)
    bool returns = false;                   // kGoTo from Check your answers: come back there after
    void (*run)(AppState&, int) = nullptr;  // kRun: the action
    int index = 0;                          // kRun: which item of a list it is about
};

// [SECTION] Each screen's own state --------------------------------------------------------------

// A date as typed in three boxes; composed into the model's YYYY-MM-DD before validation.
struct DateParts {
    std::string day, month, year;
    bool empty() const { return day.empty() && month.empty() && year.empty(); }
};

// What each screen holds beside the file (a date typed in part, a search, a choice that only
// decides which questions follow). The type is declared by the screen's own file, which is the
// only one to read it: `state.screens.Of<ChildState>()`. Copied with the state (a draft is
// restored into a copy); a new file starts with none (every screen's state is its type's
// defaults), so no list of screens must be kept to forget a family.
class ScreenStates {
  public:
    ScreenStates() = default;
    ScreenStates(const ScreenStates& other) { *this = other; }
    ScreenStates& operator=(const ScreenStates& other);
    ScreenStates(ScreenStates&&) = default;
    ScreenStates& operator=(ScreenStates&&) = default;

    // The screen's state of type T, made with T's defaults on first use. A screen's file reads
    // it through one function of its own.
    template <class T>
    T& Of() {
        return static_cast<Held<T>&>(Get(&kType<T>, &Make<T>)).value;
    }
    // Read only: T's defaults while the screen has not been used.
    template <class T>
    const T& Of() const {
        if (const Slot* slot = Find(&kType<T>)) return static_cast<const Held<T>*>(slot)->value;
        static const T defaults{};
        return defaults;
    }
    void Clear() { slots_.clear(); }

  private:
    struct Slot {
        virtual ~Slot() = default;
        virtual std::unique_ptr<Slot> Clone() const = 0;
    };
    template <class T>
    struct Held final : Slot {
        T value{};
        std::unique_ptr<Slot> Clone() const override { return std::make_unique<Held>(*this); }
    };
    template <class T>
    static std::unique_ptr<Slot> Make() {
        return std::make_unique<Held<T>>();
    }
    Slot* Find(const char* type) const;
    // The slot of `type`, made by `make` when there is none yet (out of line: one copy of the
    // search for every screen's state type).
    Slot& Get(const char* type, std::unique_ptr<Slot> (*make)());
    // One address per state type: the type's identity, without run-time type information.
    template <class T>
    static inline const char kType = 0;
    std::vector<std::pair<const char*, std::unique_ptr<Slot>>> slots_;  // a dozen screens at most
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
        // The default language's country names (countries-ar.json), fetched when a screen that
        // lists countries opens: the first load carries only Morocco's.
        kCountryNames,
    } purpose;
    int id = 0;
    std::string method;  // GET | POST
    std::string url;     // path on the server, e.g. /api/v1/files
    std::string body;    // JSON for POST
    std::string key;     // the province of a map, the locale of a catalogue
    // The screen's own handling of the reply (its look-up): called in place of the purpose's.
    void (*on_reply)(AppState&, int status, const std::string& body) = nullptr;
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
    Remote country_names_state;  // the default language's country names (Request::kCountryNames)
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

// Platform events for the widgets' next draw (both apps): text typed into a DOM input, focus
// moved to or from an element.
void TypedText(UiState& ui, const std::string& id, const std::string& value);
void FocusMoved(UiState& ui, const std::string& id, bool focused);

// The interface's messages by locale. Copies share them: a fresh file keeps the catalogues the
// page loaded, and the console's view of a stored file reads the labels of the console's page
// (the parents' field tables read labels through the state they are given).
class Catalogues {
  public:
    using Map = std::map<std::string, core::Catalogue>;
    Catalogues() : map_(std::make_shared<Map>()) {}
    // Copied, never moved: a moved-from state keeps its (shared) catalogues.
    Catalogues(const Catalogues&) = default;
    Catalogues& operator=(const Catalogues&) = default;
    Map& All() { return *map_; }
    const Map& All() const { return *map_; }
    core::Catalogue& operator[](const std::string& locale) { return (*map_)[locale]; }
    Map::const_iterator find(const std::string& locale) const { return map_->find(locale); }
    Map::const_iterator end() const { return map_->end(); }
    std::size_t count(const std::string& locale) const { return map_->count(locale); }
    std::size_t erase(const std::string& locale) { return map_->erase(locale); }

  private:
    std::shared_ptr<Map> map_;  // never null
};

// What a page's widgets read and write, in either app: the parents' AppState is one, the staff
// console keeps one for its page.
struct PageState {
    UiState ui;             // everything of the interface
    Catalogues catalogues;  // by locale, shared by the states of one app
    core::Date today{};     // the device's date, for validation and the pre-check
    std::string now_iso;    // the device's clock when the frame started (submitted_at)
};

struct AppState : PageState {
    core::ElectronicFile file;               // the draft electronic file (file_id set at start)
    std::optional<core::Date> server_today;  // the server's date, from its replies' Date header
    ServerData data;
    Submission submission;
    DeviceState device;
    std::vector<Request> requests;  // to send; the platform takes them after the frame
    int next_request_id = 1;
    std::string spare_file_id;  // a fresh UUIDv4 from the platform, for the next new file
    ScreenStates screens;       // each screen's own state (declared by the screen's file)
    // What is derived from the state and kept between frames rather than rebuilt on each (the
    // country list of a language): each user declares its type, as screens do.
    mutable ScreenStates derived;
    // The screens, in order (null: the parents' flow; a test builds its own).
    const std::vector<const ScreenSpec*>* flow = nullptr;
};

// A fresh draft: schema version, file id, school year, creation time, empty parts.
core::ElectronicFile NewDraft(const std::string& file_id, const std::string& created_at,
                              const std::string& school_year);

// The catalogue of the interface language (empty when not loaded).
const core::Catalogue& Messages(const PageState& state);
// Interface text for a `ui.*` key, or a code's message, with parameters.
std::string Tr(const PageState& state, std::string_view key,
               const std::vector<core::Param>& params = {});

// A date in a table's column, where words would not fit: DD/MM/YYYY (the order on Moroccan
// documents). The staff console's lists and audit trail.
std::string ShowDate(std::string_view iso);
// A date for a parent to read, in words in the interface language («20 ماي 2027», «20 mai
// 2027»: core::Catalogue::LongDate, CLDR's names). Anything not YYYY-MM-DD is returned as is.
std::string DateInWords(const PageState& state, std::string_view iso);

}  // namespace tasjil::app
