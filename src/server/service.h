// Tasjil server: what the API does, independent of HTTP. Each call returns what it came to (a
// ResultKind) and its body; the route layer (api.cpp) alone says that in HTTP — status codes,
// Retry-After, content types — and http_server.cpp only moves bytes. The same core library as
// the browser decides.
//
// Index
//   [SECTION] Results and clock
//   [SECTION] Service
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/electronic_file.h"
#include "core/i18n.h"
#include "core/rules.h"
#include "core/school_map.h"
#include "server/clock.h"
#include "server/storage.h"

namespace tasjil::server {

// [SECTION] Results and clock --------------------------------------------------------------------

// What a call of the service came to.
enum class ResultKind {
    kOk,               // done, or found
    kCreated,          // something new: a file stored, a session opened
    kMalformed,        // the request cannot be read: not JSON, a member missing or mistyped
    kUnauthenticated,  // no valid session, or wrong credentials
    kForbidden,        // the account may not do this
    kNotFound,         // unknown, or outside the account's scope (the same answer)
    kConflict,         // taken, or changed meanwhile
    kTooLarge,         // more than a limit allows
    kRefused,          // readable, but against a rule (the file's problems, a closed window)
    kThrottled,        // too many failures: `wait_seconds` before the next try
    kFailed,           // what is stored cannot be read back: the service's own fault
};

// What a reply's body is written in.
enum class BodyFormat { kJson, kCsv };

struct Reply {
    Reply(ResultKind r = ResultKind::kOk, std::string b = "") : result(r), body(std::move(b)) {}
    ResultKind result = ResultKind::kOk;
    std::string body;               // JSON: the answer, or {code, message} when refused
    std::int64_t wait_seconds = 0;  // kThrottled: when a try may succeed again
    BodyFormat format = BodyFormat::kJson;
};

// A query parameter of the request by name ("" when absent).
using QueryParam = std::function<std::string(const char*)>;

// The largest page of a staff list, and the most rows one export writes.
inline constexpr int kMaxPage = 500;
inline constexpr int kMaxExportRows = 20000;
// The most answers one rectification corrects (a whole file has fewer than 60).
inline constexpr int kMaxCorrections = 100;

// Growing delays after repeated failures on one key: `free_failures` cost nothing, then each
// further failure doubles the wait from `first_wait` up to `max_wait` (seconds).
struct ThrottlePolicy {
    int free_failures;
    std::int64_t first_wait;
    std::int64_t max_wait;
    std::int64_t forget_after;  // failures older than this are forgotten
};
// Staff log-in. No count can keep an account's owner out: failures slow the address that makes
// them, and a device the account logged in from before is slowed only by its own failures.
// Per account and address (or per account and known device): 5 free tries, then 30 s, 1 min,
// 2 min … up to 1 h.
inline constexpr ThrottlePolicy kLoginThrottle{5, 30, 3600, 24 * 3600};
// Per address, whatever account it tries: one address spraying guesses over many accounts.
inline constexpr ThrottlePolicy kAddressLoginThrottle{20, 30, 3600, 24 * 3600};
// Per account from devices it never used, whatever the address: guesses spread over many
// addresses. Its wait is short, and it never applies to the account's known devices.
inline constexpr ThrottlePolicy kAccountLoginThrottle{100, 60, 15 * 60, 24 * 3600};
// A device stays known this long after its last log-in.
inline constexpr std::int64_t kKnownDeviceSeconds = 180 * 24 * 3600;
// A staff session ends after this long without a request, and in any case this long after
// its log-in (a working day).
inline constexpr std::int64_t kSessionIdleSeconds = 30 * 60;
inline constexpr std::int64_t kSessionSeconds = 10 * 3600;

// Where a log-in comes from.
struct LoginOrigin {
    std::string address;  // the client's address (after trusted proxies)
    std::string device;   // the token the console kept from an earlier log-in ("" when none)
    std::string agent;    // the User-Agent header, as sent
};
// Parents' status look-up, per reference: 5 wrong birth dates, then 1 min doubling up to a day,
// so the ~730 plausible dates of a reference cannot be tried.
inline constexpr ThrottlePolicy kStatusThrottle{5, 60, 24 * 3600, 7 * 24 * 3600};
// Activation codes tried from one address: 80-bit codes cannot be guessed, but a script trying
// is slowed like one spraying passwords.
inline constexpr ThrottlePolicy kActivationThrottle{20, 30, 3600, 24 * 3600};
// Seconds to wait before the next try (0 = now).
std::int64_t ThrottleWait(const ThrottleState& state, std::int64_t now,
                          const ThrottlePolicy& policy);

// Counts shown in /metrics.
struct ServiceCounters {
    std::atomic<std::uint64_t> login_failures{0};
    std::atomic<std::uint64_t> login_throttled{0};
    std::atomic<std::uint64_t> status_throttled{0};
};

// The rules and the school map the service decides with. A reload replaces them whole; a
// request keeps the snapshot it started with, so no request ever sees half of each.
struct Reference {
    core::Rules rules;    // the open school year's rules
    core::SchoolMap map;  // the school map
};

// A school no longer in the map that still has files (they keep the school they chose).
struct SchoolLeftMap {
    std::string school_code;
    std::string province;  // where its files' residences are (the directorate to tell)
    std::int64_t files = 0;
};

// [SECTION] Service ------------------------------------------------------------------------------

class Service {
  public:
    Service(Storage& storage, core::Rules rules, const core::SchoolMap& map,
            std::map<std::string, core::Catalogue> catalogues, Clock clock = SystemClock);

    // POST /api/v1/files (a JSON body). `lang` is the caller's language for error messages.
    Reply Submit(const std::string& body, const std::string& lang);
    // GET /api/v1/files/{reference}?birth_date=…
    Reply Status(const std::string& reference, const std::string& birth_date,
                 const std::string& lang);

    // POST /api/v1/staff/sessions {username, password}
    Reply Login(const std::string& body, const std::string& lang, const LoginOrigin& origin);
    // The staff member behind a bearer token, or "" when the token is unknown or its session
    // ended (unused too long, or past its end).
    std::string Authenticate(const std::string& bearer);
    // DELETE /api/v1/staff/sessions: revokes the token; false when it was not a live session.
    bool Logout(const std::string& bearer);
    // GET /api/v1/staff/sessions: the staff member's live sessions, `bearer`'s marked current.
    Reply Sessions(const std::string& username, const std::string& bearer);
    // DELETE /api/v1/staff/sessions/{id}: ends one of the staff member's sessions.
    Reply EndSession(const std::string& username, const std::string& id, const std::string& lang);
    // "" when the database can be written now, else why not (GET /readyz).
    std::string Readiness();
    const ServiceCounters& counters() const { return counters_; }
    // GET /api/v1/staff/me: who is logged in, their schools with counts and places.
    Reply StaffMe(const std::string& username, const std::string& lang);
    // GET /api/v1/staff/files?school=&status=&outcome=&reason=&late=&sector=&q=&sort=&order=
    // &cursor=&limit=: one page of the staff member's files.
    Reply StaffFiles(const std::string& username, const QueryParam& param, const std::string& lang);
    // GET /api/v1/staff/export.csv?… (the same filters): the whole list as CSV.
    Reply Export(const std::string& username, const QueryParam& param, const std::string& lang);
    // GET /api/v1/staff/files/{reference}: the file, its audit trail and its messages.
    Reply StaffFile(const std::string& username, const std::string& reference,
                    const std::string& lang);
    // POST /api/v1/staff/files/{reference}/decision {decision, reason_code, note, change,
    // preview}: approve | reject | request_info; `change` (directorate) decides again;
    // `preview` returns what the guardian would be told and decides nothing.
    Reply Decide(const std::string& username, const std::string& reference, const std::string& body,
                 const std::string& lang);
    // POST /api/v1/staff/decisions {decision: "approve", references: […]}: each file approved
    // once, if eligible and still pending.
    Reply BulkApprove(const std::string& username, const std::string& body,
                      const std::string& lang);
    // POST /api/v1/staff/files/{reference}/move {school_code, note} (directorate).
    Reply Move(const std::string& username, const std::string& reference, const std::string& body,
               const std::string& lang);
    // GET /api/v1/staff/files/{reference}/export (directorate): everything stored about the file
    // — its answers as the parent entered them (as corrected since), statuses, audit trail and
    // the messages sent — for the parent's right of access (law 09-08, art. 7). Audited.
    Reply ExportFile(const std::string& username, const std::string& reference,
                     const std::string& lang);
    // POST /api/v1/staff/files/{reference}/rectification {changes: [{pointer, value}], note}
    // (directorate): corrects answers at the parent's request (law 09-08, art. 8), checked as
    // intake checks them, audited, the guardian told; the status stays.
    Reply Rectify(const std::string& username, const std::string& reference,
                  const std::string& body, const std::string& lang);
    // Fills the list columns of files stored before they existed; returns how many.
    std::size_t IndexStoredFiles();
    // Fills the list columns of `stored` from its file and reasons.
    void IndexFile(StoredFile& stored, const core::ElectronicFile& file,
                   const core::FieldErrors& reasons) const;
    // The pre-check outcome that stored reasons stand for.
    static core::Outcome OutcomeOf(const core::FieldErrors& reasons);

    // Creates or updates a staff account (tasjil-server admin create-staff), active with that
    // password. The password "" makes it waiting for activation instead, and returns the code.
    std::string CreateStaff(const std::string& username, const std::string& password,
                            const std::string& role, const std::string& scope);

    // Accounts managed in the console (accounts.cpp). A directorate manages the school accounts
    // of its province (every school of the account in it), the national administrator the
    // directorates'; any other account is unknown to them (404, as out-of-scope files).
    // GET /api/v1/staff/accounts: the accounts the staff member manages.
    Reply Accounts(const std::string& username, const std::string& lang);
    // GET /api/v1/staff/accounts/{account}: one of them, with its changes.
    Reply Account(const std::string& username, const std::string& account, const std::string& lang);
    // POST /api/v1/staff/accounts {username, display_name, schools | province, second_factor}:
    // a new account waiting for its owner, with its activation code.
    Reply CreateAccount(const std::string& username, const std::string& body,
                        const std::string& lang);
    // POST /api/v1/staff/accounts/import (text/csv: massar_code,name): one school account per
    // row, all or none, each with its activation code.
    Reply ImportAccounts(const std::string& username, const std::string& body,
                         const std::string& lang);
    // POST /api/v1/staff/accounts/{account}/{disable|enable|reset}.
    Reply ChangeAccount(const std::string& username, const std::string& account,
                        AccountAction action, const std::string& lang);
    // POST /api/v1/staff/activation/start {code}: the account an activation code opens, and a
    // new second-factor key for its owner's app.
    Reply StartActivation(const std::string& body, const std::string& lang,
                          const LoginOrigin& origin);
    // POST /api/v1/staff/activation {code, password, totp_code}: the owner's password and
    // second factor; the account becomes active, with ten recovery codes.
    Reply Activate(const std::string& body, const std::string& lang, const LoginOrigin& origin);

    // A refusal: {code, message} in the caller's language.
    Reply Error(ResultKind result, const std::string& code, const std::string& lang,
                const std::vector<core::Param>& params = {}) const;
    // The body of such a refusal, for the route layer's own (405, 415, 429, 503…).
    std::string ErrorBody(const std::string& code, const std::string& lang,
                          const std::vector<core::Param>& params = {}) const;

    // The rules and map requests start with now.
    std::shared_ptr<const Reference> reference() const;
    // Replaces the rules and the map for the requests that start from now on (SIGHUP). Returns
    // the schools that left the map but still have files.
    std::vector<SchoolLeftMap> Reload(core::Rules rules, core::SchoolMap map);
    // Schools no longer in the current map that still have files, within a province ("" = all).
    std::vector<SchoolLeftMap> SchoolsLeftMap(const std::string& province);
    Storage& storage() { return storage_; }
    // The service's time (a rehearsal's --today included): the Date header of every answer.
    std::int64_t Now() const { return clock_(); }
    // The public address of the parents' app ("https://tasjil.men.gov.ma"): every message links
    // to its status look-up with the reference filled in (…/?ref=REFERENCE), never the birth date.
    void SetPublicUrl(std::string url) { public_url_ = std::move(url); }

  private:
    const core::Catalogue& Catalogue(const std::string& lang) const;
    std::vector<OutboxMessage> Messages(const core::ElectronicFile& file,
                                        const std::string& reference, FileStatus status,
                                        MessageKind kind, const std::string& reasons_text,
                                        std::int64_t now);
    bool InScope(const StaffAccount& staff, const StoredFile& file) const;
    std::vector<const core::MapSchool*> SchoolsOf(const Reference& ref,
                                                  const StaffAccount& staff) const;
    // The file of `reference` when it is in the staff member's scope (else none).
    std::optional<StoredFile> FileInScope(const StaffAccount& staff, const std::string& reference);
    // The file of `reference` for an action only a directorate takes; none, with `refusal` set
    // (unauthenticated, not found when unknown or out of scope, or forbidden with the code
    // `forbidden`), when it may not.
    std::optional<StoredFile> DirectorateFile(const std::string& username,
                                              const std::string& reference,
                                              const std::string& forbidden, const std::string& lang,
                                              Reply& refusal);
    std::optional<StaffAccount> Staff(const std::string& username);
    // The account `account` when `manager` manages it (accounts.cpp); else none, with `refusal`.
    std::optional<StaffAccount> ManagedAccount(const std::string& manager,
                                               const std::string& account, const std::string& lang,
                                               Reply& refusal);
    // Whether the account `manager` manages `account` (role and scope).
    bool Manages(const Reference& ref, const StaffAccount& manager,
                 const StaffAccount& account) const;
    nlohmann::ordered_json AccountJson(const StaffAccount& account) const;
    // The account waiting for activation whose code `j` carries (its "code" a string); none
    // with `refusal` when the address is slowed, or the code unknown, used or expired.
    std::optional<StaffAccount> ActivationAccount(const nlohmann::ordered_json& j,
                                                  const std::string& lang,
                                                  const LoginOrigin& origin, Reply& refusal);
    // {code, expires_at, link} of a new activation code, set on `account`.
    nlohmann::ordered_json NewActivation(StaffAccount& account, std::int64_t now) const;
    // A log-in's second factor: whether `code` (a one-time password or a recovery code) is
    // right for `account`; when it is, it is used up (`recovery_left` then says how many
    // recovery codes remain if it was one).
    enum class SecondFactor { kAccepted, kWrong, kReplayed };
    SecondFactor CheckSecondFactor(const StaffAccount& account, const std::string& code,
                                   std::int64_t now, int& recovery_left);
    // Reads a list's parameters into `q`; the refusal when one is wrong.
    std::optional<Reply> ReadQuery(const Reference& ref, const StaffAccount& staff,
                                   const QueryParam& param, const std::string& lang,
                                   FileQuery& q) const;
    nlohmann::ordered_json RowJson(const StoredFile& file, const std::string& lang);

    Storage& storage_;
    mutable std::mutex reference_mutex_;
    std::shared_ptr<const Reference> reference_;
    std::map<std::string, core::Catalogue> catalogues_;
    Clock clock_;
    std::string public_url_;
    ServiceCounters counters_;
    // The last readiness probe, reused for kReadinessCacheSeconds.
    static constexpr std::int64_t kReadinessCacheSeconds = 5;
    std::mutex readiness_mutex_;
    std::int64_t readiness_checked_at_ = 0;
    std::string readiness_;
};

}  // namespace tasjil::server
