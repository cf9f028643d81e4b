// Tasjil staff console: the one plain state its screens read and write — the session, the
// schools of the account with their counts, the list on screen (its filters and the rows
// fetched so far), the file opened and the decision being typed — beside the `page` state the
// shared widgets draw with (interface language, focus, typed text, catalogues).
//
// Index
//   [SECTION] Screens, intents and requests
//   [SECTION] What the server said
//   [SECTION] The list, the file and the decision
//   [SECTION] The state
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app_state.h"
#include "app/flow.h"
#include "app/qr.h"
#include "core/staff.h"

namespace tasjil::app::staff {

// Rows fetched per page of a list; references approved per bulk request; the most files one
// bulk approval takes (a school's whole first year, several times over).
inline constexpr int kListPage = 200;
inline constexpr std::size_t kBulkChunk = 200;
inline constexpr std::size_t kMaxBulk = 10000;

// [SECTION] Screens, intents and requests --------------------------------------------------------

// Every screen of the console (console.cpp holds the table).
enum class StaffScreen {
    kLogin,       // username and password; after an expiry, the way back to what was on screen
    kProvince,    // a directorate's schools: counts, places, late files
    kList,        // one school's files (or a school account's)
    kFile,        // one file: answers, reasons, history, messages, the decision
    kSessions,    // the staff member's open sessions, each of which they can end
    kAccounts,    // a directorate's school accounts (the national administrator's directorates)
    kActivation,  // an owner opens an account with its code: password, second factor
};

// What a button asks for; run after the frame. Written with designated initialisers:
// `{.kind = K::kOpenFile, .argument = reference}`.
struct StaffIntent {
    enum class Kind {
        kLogin,
        kLogout,
        kOpenSchool,  // argument: school code
        kOpenFile,    // argument: reference
        kBackToList,
        kBackToProvince,
        kSort,  // argument: sort key (again: the other order)
        kFiltersChanged,
        kMoveRow,       // index: rows to move the keyboard's row by (±1, ±page, ±all)
        kPreview,       // ask the server what the guardian would be told
        kConfirm,       // send the decision previewed
        kEditDecision,  // back from the preview to the decision's fields
        kBulkAsk,       // fetch the references of the eligible files, then ask for confirmation
        kBulkConfirm,
        kBulkCancel,
        kMove,  // argument: school code
        kExport,
        kPrint,
        kRectifyPick,      // argument: the pointer of the answer to correct
        kRectifyAdd,       // add the value typed to the corrections
        kRectifyRemove,    // index: the correction to take back
        kRectify,          // send the corrections
        kExportFile,       // download the open file's data (JSON) for the parent
        kPrintFile,        // the open file on paper
        kSetLocale,        // argument: locale
        kLoadMore,         // fetch the next page of the list
        kDismissFailures,  // the notice of failed log-ins was read
        kDismissRecovery,  // the notice of the recovery codes left was read
        kOpenSessions,     // the list of the staff member's sessions
        kEndSession,       // argument: the public id of the session to end
        kBackHome,         // from a screen of the account to the staff member's first screen
        kOpenAccounts,     // the accounts the staff member manages
        kCreateAccount,    // the new account's form is sent
        kDisableAccount,   // argument: username
        kEnableAccount,    // argument: username
        kResetAccount,     // argument: username
        kOpenActivation,   // from the log-in screen: an activation code to type
        kStartActivation,  // the code typed (or carried by the link) is opened
        kActivate,         // password and one-time password sent
        kActivationDone,   // the recovery codes are kept: to the log-in screen
        kChooseImport,     // a CSV of schools to choose, then to send
        kPrintLetters,     // the activation letters given, on paper
    } kind = Kind::kLogin;
    std::string argument;  // as each kind says
    int index = 0;         // kMoveRow, kRectifyRemove
};

// The method of a request the page answers itself (staff/platform.h, Ask).
inline constexpr const char* kPageMethod = "PAGE";

// A request for the platform to send (the platform adds the session's token).
struct StaffRequest {
    enum class Purpose {
        kLogin,
        kLogout,
        kMe,
        kList,
        kFile,
        kPreview,
        kDecide,
        kBulkList,  // a page of the eligible files' references for a bulk approval
        kBulk,
        kMove,
        kRectify,
        kCatalogue,        // key: locale
        kProvinces,        // the list of provinces, to name them in a file's answers
        kMap,              // key: a province whose map names a file's communes, sectors, schools
        kSessions,         // the staff member's open sessions
        kEndSession,       // key: the public id of the session ended
        kAccounts,         // the accounts the staff member manages
        kCreateAccount,    // a new account
        kChangeAccount,    // key: username (disabled, enabled or reset)
        kActivationStart,  // an activation code opened
        kActivate,         // the owner's password and second factor
        kImportAccounts,   // a CSV of schools sent to make their accounts
        // Asked of the page (method kPageMethod), not of a server:
        kLinkedActivation,  // the code of the link the page was opened with ("" when none)
        kImportFile,        // a CSV file the staff member chooses
    } purpose;
    int id = 0;
    std::string method;
    std::string url;
    std::string body;
    std::string key;
    int generation = 0;  // the list's generation it was sent for (stale answers are dropped)
};

// [SECTION] What the server said -----------------------------------------------------------------

struct SchoolSummary {
    std::string code, name_ar, name_fr;
    std::int64_t pending = 0, approved = 0, rejected = 0;
    std::int64_t eligible_pending = 0;                // eligible, in the catchment, still waiting
    std::int64_t late_undecided = 0;                  // waiting after the validation deadline
    std::optional<std::int64_t> places, places_left;  // first-year places (map), and left
};

struct SectorName {
    std::string code, name_ar, name_fr;
};

// One line of a list, as the server sent it.
struct StaffRow {
    std::string reference, child_name_ar, child_name_latin, birth_date, sector;
    std::string outcome;        // eligible | review | ineligible
    core::FieldErrors reasons;  // of the pre-check or the decision
    bool late = false;
    std::string status;  // pending_review | approved | rejected
    std::string school_code, received_at;
    std::string notification;  // none | pending | sent | failed
};

// [SECTION] The list, the file and the decision --------------------------------------------------

// The value of a filter that keeps every file (a list's own choice beside the widget's
// "choose" placeholder, which is "").
inline constexpr const char* kAnyValue = "*";

struct ListFilters {
    // kAnyValue (or "") = any
    std::string status = kAnyValue, outcome = kAnyValue, reason = kAnyValue, late = kAnyValue,
                sector = kAnyValue;
    std::string query;  // search as typed
    std::string sort = "received_at";
    bool descending = true;
};

struct ListState {
    std::string school;  // the school shown ("" = every school of the account)
    ListFilters filters;
    std::vector<StaffRow> rows;  // fetched so far, in order
    std::int64_t total = 0;      // matching the filters on the server
    std::string next_cursor;     // "" when every page is here
    bool loading = false;
    bool failed = false;
    int generation = 0;  // bumped when the filters or the sort change
    int current = 0;     // the row the keyboard is on
    // Bulk approval: the references of the eligible files, then one confirmation.
    enum class Bulk { kIdle, kCollecting, kConfirming, kSending, kDone } bulk = Bulk::kIdle;
    std::vector<std::string> bulk_references;
    std::string bulk_cursor;
    int bulk_approved = 0, bulk_refused = 0;
    std::size_t bulk_sent = 0;
};

struct AuditRow {
    std::string at, staff, action, from, to, detail;
};
struct MessageRow {
    std::string channel, kind, language, subject, body, status, created_at, last_error;
    int attempts = 0;
};

struct FileView {
    std::string reference;
    Remote state;
    StaffRow row;
    std::vector<AuditRow> history;
    std::vector<MessageRow> messages;
    std::string json;     // the electronic file as stored (the types of its answers)
    AppState answers;     // the file in the parents' screens' state, to show it as they saw it
    std::string problem;  // catalogue key or server message when the file could not be read
};

// The decision being typed: kept whatever happens (an expired session, a refusal).
struct DecisionDraft {
    std::string reference;
    std::string decision = "approve";  // approve | reject | request_info
    std::string reason;                // the rejection's reason code
    std::string note;
    bool change = false;  // a directorate changing a decision already taken
    enum class Stage { kEditing, kPreviewing, kPreview, kSending, kDone } stage = Stage::kEditing;
    std::vector<MessageRow> preview;  // what the guardian will be told
    std::string problem;              // why the server refused (its message), or a catalogue key
    std::string done;                 // what was decided (shown as a status)
    std::string move_school;          // a directorate's move: the school chosen
};

// One answer corrected: what is sent, and what the list of corrections shows.
struct RectifyChange {
    std::string pointer;  // the answer
    std::string value;    // its exact value, as typed or chosen
    std::string label;    // the answer's question, as the parents' screens name it
    std::string from;     // the answer as it stands in the file, as shown
    std::string to;       // the corrected answer, as shown
};

// Corrections of answers at the parent's request (directorate): kept as typed until the
// server takes them, whatever it answered before.
struct RectifyDraft {
    std::string reference;
    std::string pointer;  // the answer being corrected ("" = none chosen)
    std::string value;    // its exact value, as typed or chosen
    // The corrections added so far, sent together, so that answers that hang together (a
    // commune and its sector, a birth date and its act's year) change at once.
    std::vector<RectifyChange> changes;
    std::string note;  // the parent's request
    bool sending = false;
    std::vector<std::string> problem;  // the server's refusal: its message, then each reason
    std::string done;                  // what was recorded (shown as a status)
};

// An answer a directorate may correct (core::IsRectifiable), with what its widget needs.
struct RectifiableAnswer {
    std::string pointer;          // JSON pointer in the file
    std::string label;            // "screen heading — field label", in the interface language
    std::string shown;            // the answer as the parents' Check your answers shows it
    std::string text;             // its stored value as text ("" for null)
    bool date = false;            // written as YYYY-MM-DD
    std::vector<Choice> choices;  // the allowed values, for an answer chosen from a list
    int max_length = 60;
};

// The answers a correction may change (answers.h), with what they were worked out from.
struct RectifiableCache {
    std::string key;
    std::vector<RectifiableAnswer> answers;
};

// [SECTION] The state ----------------------------------------------------------------------------

// Failed log-ins to the account from one address since its owner's previous log-in.
struct FailedLogins {
    std::string address;
    std::int64_t failures = 0;
    std::string last_at;  // RFC 3339
};

// One of the staff member's open sessions, as the server lists it.
struct OpenSession {
    std::string id;                                 // public id (not a token)
    std::string created_at, last_used_at, ends_at;  // RFC 3339
    std::string address, agent;                     // where and on what it logged in
    bool current = false;                           // this console's
};

// The sessions screen: the list as last fetched, and what became of the last ending.
struct SessionsView {
    std::vector<OpenSession> open;
    bool loaded = false;
    std::string done;     // the last ending's confirmation
    std::string problem;  // the server's message when a fetch or an ending failed
};

// An account the staff member manages, as the server lists it.
struct ManagedAccount {
    std::string username, display_name;
    core::StaffRole role = core::StaffRole::kSchool;
    core::AccountState state = core::AccountState::kDisabled;  // unknown states: disabled
    std::string scope;           // its schools (comma-separated) or its province
    bool second_factor = false;  // its owner set up an authenticator app
    bool second_factor_required = false;
    std::string activation_expires_at;  // RFC 3339, while waiting for its owner
};

// An activation code to give an account's owner (made or reset just now).
struct ActivationLetter {
    std::string username, display_name;
    std::string code, link, expires_at;
};

// The accounts screen: the list, the new account's form (kept until the server takes it) and
// the codes given since the screen opened, to hand over or print.
struct AccountsView {
    std::vector<ManagedAccount> accounts;
    bool loaded = false;
    core::StaffRole managed = core::StaffRole::kSchool;  // the role of the accounts listed
    std::string username, display_name, scope;           // the new account's form
    bool second_factor = true;  // a school account's second factor (on unless turned off)
    bool creating = false;
    std::vector<ActivationLetter> letters;     // the newest first
    bool importing = false;                    // a CSV chosen or being sent
    std::vector<std::string> import_problems;  // the server's refusal of a CSV, line by line
    std::string done;                          // the last change's confirmation
    std::string problem;                       // the server's refusal, as it said it
};

// An owner opening their account: the code, then password and authenticator app, then the
// recovery codes (shown once).
struct ActivationView {
    enum class Stage { kCode, kOpening, kSetup, kSending, kDone } stage = Stage::kCode;
    std::string code;  // as typed, or carried by the link (#activate=…)
    std::string username, display_name;
    bool second_factor_required = true;
    std::string secret;  // the app's key (base32), shown in groups for typing
    QrMatrix qr;         // the same key as an otpauth URI, for the app's camera
    std::string password, password_again, totp_code;
    std::vector<std::string> recovery_codes;
    std::string problem;  // the server's refusal, or a catalogue key's text
};

struct Session {
    bool active = false;
    bool expired = false;  // the server answered 401 to a live session: log in again
    std::string username, expires_at;
    core::StaffRole role = core::StaffRole::kSchool;  // what the account may do
    // What the log-in's answer told of others' tries, shown until the staff member closes it.
    std::int64_t failures = 0;
    std::vector<FailedLogins> failure_addresses;
    // A recovery code opened this session: how many are left (-1: the app's code, or none).
    int recovery_codes_left = -1;
};

struct StaffState {
    PageState page;  // what the shared widgets use: language, focus, typed text, catalogues
    StaffScreen screen = StaffScreen::kLogin;
    StaffScreen resume_screen = StaffScreen::kList;  // where an expired session comes back to
    std::string username, password;                  // the log-in form
    std::string login_code;         // the one-time password (or a recovery code), when asked for
    bool login_needs_code = false;  // the password was right: the second factor is asked
    std::string login_problem;      // the server's message
    bool logging_in = false;
    Session session;
    std::vector<SchoolSummary> schools;
    std::vector<SectorName> sectors;
    std::string validation_closes;
    // A directorate's schools that left the school map but still have files: {code, files}.
    std::vector<std::pair<std::string, std::int64_t>> schools_left_map;
    ListState list;
    FileView view;
    DecisionDraft decision;
    RectifyDraft rectify;
    RectifiableCache rectifiable;
    SessionsView sessions;
    AccountsView accounts;
    ActivationView activation;
    std::vector<StaffIntent> intents;
    std::vector<StaffRequest> requests;
    std::vector<StaffRequest> waiting;  // sent again once logged in (after an expiry)
    int next_request_id = 1;
    std::string notice;  // a status line after an action (the bulk result, an export)
    // Asked of the platform after the frame.
    bool export_wanted = false;
    bool print_wanted = false;
    bool file_export_wanted = false;  // the open file's data, for the parent's right of access
    bool file_print_wanted = false;
    bool letters_print_wanted = false;  // the activation letters given on the accounts screen
};

// The query string of the list's filters and sort (no cursor), for lists, exports and prints.
std::string ListQuery(const StaffState& state);
// A school's name in the interface language.
std::string SchoolName(const StaffState& state, const std::string& code);
const SchoolSummary* FindSchool(const StaffState& state, const std::string& code);

}  // namespace tasjil::app::staff
