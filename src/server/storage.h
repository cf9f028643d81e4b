// Tasjil server: durable storage of electronic files, their status history, staff accounts and
// sessions, the audit trail and the notification outbox. One interface; SQLite (embedded
// default) and PostgreSQL implement it and pass the same test suite.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/rules.h"
#include "core/staff.h"
#include "server/db.h"

namespace tasjil::server {

// Where a file stands. Stored and sent as its name ("pending_review", …).
enum class FileStatus { kPendingReview, kRejected, kApproved };
std::string_view StatusName(FileStatus status);
std::optional<FileStatus> ParseFileStatus(std::string_view name);
// A stored outcome as its column and the API write it ("" for a file not indexed yet).
std::string_view OutcomeText(const std::optional<core::Outcome>& outcome);

// What a staff account may see and decide (core/staff.h). Stored and sent as its name.
using core::ParseStaffRole;
using core::RoleName;
using core::StaffRole;
using core::StaffScope;

// What an audit entry records. Stored and sent as its name ("decision", …).
enum class AuditAction {
    kDecision,     // a school's (or directorate's) first decision on a file
    kChange,       // the directorate changes a decision already taken
    kInfoRequest,  // the parent is asked for information; the status stays
    kMove,         // the directorate moves a file to another school of the province
    kPurge,        // a school year's personal data was deleted (retention); no reference
    kRectify,      // answers corrected at the parent's request (law 09-08, art. 8)
    kExport,       // the file's data exported for the parent's right of access (art. 7)
};
std::string_view ActionName(AuditAction action);
std::optional<AuditAction> ParseAuditAction(std::string_view name);

// How a message reaches the guardian: the file's contact channels. Stored as "email", "sms".
enum class Channel { kEmail, kSms };
std::string_view ChannelName(Channel channel);
std::optional<Channel> ParseChannel(std::string_view name);

// What a message tells (its templates are notify.<name>…). Stored as its name.
enum class MessageKind {
    kAcknowledgement,  // the file was received
    kDecision,         // approved or rejected
    kInfoRequest,      // the school asks for information
    kMove,             // the directorate moved the file to another school
    kRectification,    // answers were corrected at the parent's request
};
std::string_view KindName(MessageKind kind);
std::optional<MessageKind> ParseMessageKind(std::string_view name);

// Where a message stands in the outbox. Stored as "pending", "sending", "sent", "failed".
enum class OutboxState { kPending, kSending, kSent, kFailed };
std::string_view OutboxStateName(OutboxState state);
std::optional<OutboxState> ParseOutboxState(std::string_view name);

// A file as stored: its canonical JSON and the fields the API filters and sorts on.
struct StoredFile {
    std::string reference;  // receipt reference "XXXXX-XXXXX"
    std::string file_id;    // UUIDv4 from the app; unique
    std::string
        content_hash;  // SHA-256 (hex) of the canonical JSON, to tell retries from conflicts
    std::string json;  // the normalised electronic file
    FileStatus status = FileStatus::kPendingReview;  // where the file stands
    std::string reasons_json;                        // JSON array of {code, pointer, params}
    std::string school_code;                         // chosen school (staff scope)
    std::string province;                            // residence province (directorate scope)
    std::string birth_date;                          // the child's birth date (status look-up key)
    std::string received_at;                         // RFC 3339 UTC
    // Copied out of the file for the staff lists (filters, sorting, search).
    std::string child_name_ar;             // "first last" in Arabic script
    std::string child_name_latin;          // "first last" in Latin script
    std::string sector;                    // residence sector code
    std::optional<core::Outcome> outcome;  // the pre-check's outcome (none until indexed)
    bool late = false;        // sent after the parents' window closed (window.late_file)
    std::string school_year;  // "2026-2027": its retention ends with that year's rules
    std::string search;       // " " + reference and names folded (FoldForSearch), for search
};

// The columns a staff list can be sorted on.
enum class SortKey {
    kReceivedAt,
    kReference,
    kChildNameAr,
    kChildNameLatin,
    kBirthDate,
    kSector,
    kOutcome,
    kStatus,
    kSchool,
};
std::string_view SortKeyName(SortKey key);  // "received_at", "reference", …
std::optional<SortKey> ParseSortKey(std::string_view name);

// A staff list: its scope (schools, or a province), its filters, its order and where the
// page starts. Every filter is optional ("" or nullopt = any).
struct FileQuery {
    std::vector<std::string> schools;  // scope: any of these schools…
    std::string province;              // …or this province (when schools is empty)
    std::optional<FileStatus> status;
    std::optional<core::Outcome> outcome;
    std::string reason;  // a reason code the pre-check or decision gave
    std::optional<bool> late;
    std::string sector;
    // Folded words (FoldForSearch); each must start a word of the reference or a name.
    std::vector<std::string> search_words;
    SortKey sort = SortKey::kReceivedAt;
    bool descending = true;
    // Keyset cursor: the page starts after the row with this sort value and reference.
    std::optional<std::pair<std::string, std::string>> after;
    int limit = 100;
};
struct FilePage {
    std::vector<StoredFile> files;  // at most limit, in order
    std::int64_t total = 0;         // rows matching the filters (all pages)
    bool more = false;              // a further page exists
};
// The sort value of a file for `key` (what a cursor carries).
std::string SortValue(const StoredFile& file, SortKey key);

// Files of one school in one status (a staff summary).
struct SchoolCount {
    std::string school_code;
    FileStatus status = FileStatus::kPendingReview;
    std::optional<core::Outcome> outcome;  // none: files not indexed yet
    std::int64_t count = 0;
};

// How many files a school has, per residence province (all statuses).
struct SchoolFiles {
    std::string school_code;
    std::string province;
    std::int64_t files = 0;
};

// A notification to deliver. Written in the same transaction as the file or the decision.
struct OutboxMessage {
    std::string id;         // UUIDv4: the idempotency key of the delivery
    std::string reference;  // the file it is about
    Channel channel = Channel::kEmail;
    std::string recipient;  // e-mail address or E.164 number
    std::string language;   // ar | zgh | fr
    MessageKind kind = MessageKind::kAcknowledgement;
    std::string subject;  // e-mail subject ("" for SMS)
    std::string body;     // text
    OutboxState status = OutboxState::kPending;
    int attempts = 0;
    std::int64_t next_attempt_at = 0;  // unix seconds
    std::int64_t created_at = 0;       // unix seconds
    std::string last_error;
    std::string delivery_report;  // SMS delivery report, last one received
};

using core::AccountState;

struct StaffAccount {
    std::string username;
    std::string password_hash;            // Argon2id (libsodium crypto_pwhash_str); "" = none yet
    StaffRole role = StaffRole::kSchool;  // school, directorate or national
    StaffScope scope;                     // its schools or its province (stored as ScopeText)
    AccountState state = AccountState::kActive;  // active, waiting for activation, or disabled
    std::string display_name;                    // the school's or directorate's name
    bool second_factor_required = false;         // its owner may not do without a one-time password
    std::string totp_secret;                     // base32 key of its second factor ("" = none)
    bool totp_enabled = false;               // the second factor is set up and asked at each log-in
    std::int64_t totp_last_step = 0;         // the step of the last code accepted (replays refused)
    std::string activation_hash;             // CodeHash of its activation code ("" = none)
    std::int64_t activation_expires_at = 0;  // unix seconds
    std::string created_by;                  // the manager who made it ("" = on the server)
    std::int64_t created_at = 0;             // unix seconds (0 = before accounts were managed)
};

// What an account change records. Stored and sent as its name ("create", …).
enum class AccountAction {
    kCreate,    // a manager made the account (or the server's command)
    kDisable,   // its manager disabled it: its sessions ended
    kEnable,    // its manager enabled it again
    kReset,     // its manager gave a new activation code: password and second factor cleared
    kActivate,  // its owner set a password (and a second factor) with the code
    kRecovery,  // its owner logged in with a recovery code (one less left)
    kOpen,      // its owner opened the activation code: a new key for the app was made
};
std::string_view AccountActionName(AccountAction action);
std::optional<AccountAction> ParseAccountAction(std::string_view name);

// One change of an account, kept for good (append-only, like the files' trail).
struct AccountAuditEntry {
    std::string at;     // RFC 3339 UTC
    std::string staff;  // who changed it (the owner, for an activation)
    AccountAction action = AccountAction::kCreate;
    std::string account;  // the account changed
    std::string detail;   // what else: a reset's reason, how many accounts an import made
};

// What else a change of an account does, in the same transaction.
struct AccountChange {
    bool end_sessions = false;  // its sessions end (disabled, reset)
    // Its recovery codes are replaced by these hashes (an activation), or dropped (a reset).
    std::optional<std::vector<std::string>> recovery_hashes;
};

struct AuditEntry {
    std::string at;                               // RFC 3339 UTC
    std::string staff;                            // username
    AuditAction action = AuditAction::kDecision;  // what was done
    std::string reference;
    FileStatus status_before = FileStatus::kPendingReview;
    FileStatus status_after = FileStatus::kPendingReview;
    std::string detail;  // reason code and note; for a move, "from » to" school codes
};

enum class InsertResult { kCreated, kReplay, kConflict };

// What a purge deleted for one school year.
struct PurgeResult {
    std::string school_year;
    std::int64_t files = 0;     // files, with their answers and look-up keys
    std::int64_t history = 0;   // status changes
    std::int64_t audit = 0;     // audit entries about those files
    std::int64_t messages = 0;  // outbox messages (addresses, numbers, texts)
    std::int64_t throttle = 0;  // status look-up failure counters
};

// Files of a school year that outlive the purge as numbers only: per school, status and reason
// ("" = none), for planning.
struct RetainedCount {
    std::string school_year;
    std::string school_code;
    FileStatus status = FileStatus::kPendingReview;
    std::string reason;
    std::int64_t files = 0;
};

// An open staff session, as its owner sees it in the list of their sessions.
struct StaffSession {
    std::string id;                 // public: the first 16 hex digits of its token's hash
    std::int64_t created_at = 0;    // unix seconds of the log-in
    std::int64_t last_used_at = 0;  // of its last request
    std::int64_t expires_at = 0;    // its absolute end, whatever its use
    std::string address;            // the client's address at the log-in
    std::string agent;              // the browser's User-Agent (printable ASCII, at most 200)
};

// Failed log-ins of one account from one address, kept until its owner logs in and is told.
struct LoginFailures {
    std::string address;        // the client's address (after trusted proxies)
    std::int64_t failures = 0;  // how many since the owner's last log-in
    std::int64_t last_at = 0;   // unix seconds of the latest
};

struct ThrottleState {
    int failures = 0;                  // consecutive failures still remembered
    std::int64_t last_failure_at = 0;  // unix seconds
};

class Storage {
  public:
    virtual ~Storage() = default;

    // Creates or upgrades the schema (versioned migrations, each in a transaction).
    virtual void Migrate() = 0;

    // Stores a new file with its first status and its messages in one transaction. A file_id
    // already stored gives kReplay (same content hash) or kConflict, and `stored` is the
    // existing file. A reference collision is retried by the caller.
    virtual InsertResult InsertFile(const StoredFile& file,
                                    const std::vector<OutboxMessage>& messages,
                                    StoredFile& stored) = 0;
    virtual std::optional<StoredFile> FindByReference(const std::string& reference) = 0;
    // The file with that reference and that child's birth date. The look-up is one probe of a
    // unique key made of both (a hash), so a wrong date and an unknown reference cost the same.
    virtual std::optional<StoredFile> FindForParent(const std::string& reference,
                                                    const std::string& birth_date) = 0;
    // One page of a staff list (filters, order and cursor in `query`), in a stable order (the
    // sort column, then the reference).
    virtual FilePage ListFiles(const FileQuery& query) = 0;
    // Files per school, status and outcome within a scope (schools, or a province).
    virtual std::vector<SchoolCount> CountBySchool(const std::vector<std::string>& schools,
                                                   const std::string& province) = 0;
    // Every school that has files, with how many, per province; only `province`'s unless "".
    virtual std::vector<SchoolFiles> SchoolsWithFiles(const std::string& province) = 0;
    // Files whose list columns (child_name_ar … search) are not filled yet, and filling them.
    virtual std::vector<StoredFile> FilesToIndex(int limit) = 0;
    virtual void SetIndex(const StoredFile& file) = 0;
    // Changes a file's status with its audit entry and messages in one transaction, only if the
    // status is still `expected_before`. Returns false when it was not.
    virtual bool Decide(const std::string& reference, FileStatus expected_before,
                        FileStatus status_after, const std::string& reasons_json,
                        const AuditEntry& audit, const std::vector<OutboxMessage>& messages) = 0;
    // Moves a file to another school, only if it is still at `expected_school`: its school,
    // outcome and reasons change, its status becomes pending_review (the new school decides),
    // with the audit entry and messages, in one transaction. False when it was not there.
    virtual bool Move(const std::string& reference, const std::string& expected_school,
                      const std::string& new_school, core::Outcome outcome,
                      const std::string& reasons_json, const AuditEntry& audit,
                      const std::vector<OutboxMessage>& messages) = 0;
    // Replaces a file's answers after a rectification, only if they are still `expected_json`:
    // its JSON, status look-up key, list columns and pre-check outcome, and its reasons when
    // `with_reasons` (a file still waiting for its decision keeps the pre-check's reasons; a
    // decided one keeps its decision's), with the audit entry and messages, in one transaction.
    // The content hash stays the one of the file as received, so that the parent's app sending
    // it again is still a replay. False when the file had changed.
    virtual bool Rectify(const StoredFile& file, const std::string& expected_json,
                         bool with_reasons, const AuditEntry& audit,
                         const std::vector<OutboxMessage>& messages) = 0;
    // An audit entry and its messages with no change of status (a request for information).
    virtual void Record(const AuditEntry& audit, const std::vector<OutboxMessage>& messages) = 0;
    virtual std::vector<AuditEntry> AuditTrail(const std::string& reference) = 0;
    // Status changes of a file: {status, at}.
    virtual std::vector<std::pair<FileStatus, std::string>> StatusHistory(
        const std::string& reference) = 0;

    // Creates or replaces an account (the server's command).
    virtual void PutStaff(const StaffAccount& account) = 0;
    virtual std::optional<StaffAccount> FindStaff(const std::string& username) = 0;
    // Creates accounts, all or none, with their audit entries: false (and nothing made) when one
    // of the usernames is taken; `taken` is then that username.
    virtual bool CreateAccounts(const std::vector<StaffAccount>& accounts,
                                const std::vector<AccountAuditEntry>& audit,
                                std::string& taken) = 0;
    // Replaces an account as it was read (`expected_state`), with its audit entry and `change`,
    // in one transaction. False when its state had changed meanwhile.
    virtual bool UpdateAccount(const StaffAccount& account, AccountState expected_state,
                               const AccountAuditEntry& audit, const AccountChange& change) = 0;
    // The account whose activation code hashes to `hash` (whatever its expiry).
    virtual std::optional<StaffAccount> FindByActivation(const std::string& hash) = 0;
    // Every account of a role, by username.
    virtual std::vector<StaffAccount> ListStaff(StaffRole role) = 0;
    // Records that a one-time password of `step` was used, if no later or equal step was:
    // false when it was (a replay, or two log-ins racing with one code).
    virtual bool UseTotpStep(const std::string& username, std::int64_t step) = 0;
    // Uses up a recovery code; false when the account has no such code (left).
    virtual bool UseRecoveryCode(const std::string& username, const std::string& hash,
                                 const AccountAuditEntry& audit) = 0;
    virtual int RecoveryCodesLeft(const std::string& username) = 0;
    // An account's changes, oldest first.
    virtual std::vector<AccountAuditEntry> AccountTrail(const std::string& account) = 0;
    virtual void PutSession(const std::string& token_hash, const std::string& username,
                            const StaffSession& session) = 0;
    // The account of a live session: before its absolute end and used within `idle` seconds.
    // Records the use (at most once a minute: a busy console does not write per request).
    virtual std::optional<std::string> FindSession(const std::string& token_hash, std::int64_t now,
                                                   std::int64_t idle) = 0;
    // Revokes a session; false when there was none.
    virtual bool DeleteSession(const std::string& token_hash) = 0;
    // The live sessions of an account, the most recently used first.
    virtual std::vector<StaffSession> ListSessions(const std::string& username, std::int64_t now,
                                                   std::int64_t idle) = 0;
    // Ends the session of `username` whose public id is `id`; false when it has none such.
    virtual bool DeleteSessionById(const std::string& username, const std::string& id) = 0;

    // Failures counted against a key ("login:<username>", "status:<reference>"), shared by
    // every server on the database. A key whose last failure is older than `forget_after`
    // seconds starts again from zero.
    virtual ThrottleState GetThrottle(const std::string& key) = 0;
    virtual ThrottleState RecordFailure(const std::string& key, std::int64_t now,
                                        std::int64_t forget_after) = 0;
    virtual void ClearThrottle(const std::string& key) = 0;

    // Devices a staff member logged in from (the console keeps the token; its hash is kept
    // here): failures from elsewhere do not slow them. Known if used within `since`.
    virtual bool KnownDevice(const std::string& token_hash, const std::string& username,
                             std::int64_t since) = 0;
    // Whether the server issued this token (to anyone) and it was used within `since`.
    virtual bool IssuedDevice(const std::string& token_hash, std::int64_t since) = 0;
    virtual void PutKnownDevice(const std::string& token_hash, const std::string& username,
                                std::int64_t now) = 0;
    // A failed log-in of an existing account, counted per address for its owner.
    virtual void RecordLoginFailure(const std::string& username, const std::string& address,
                                    std::int64_t at) = 0;
    // The failures since the owner's last log-in, the most first, and forgets them (the
    // owner is being told).
    virtual std::vector<LoginFailures> TakeLoginFailures(const std::string& username) = 0;

    // Gives files without a school year (written by a server older than the column, during a
    // rolling upgrade) the one their own JSON names. Returns how many.
    virtual std::int64_t FillSchoolYears() = 0;
    // School years that still have files.
    virtual std::vector<std::string> SchoolYearsStored() = 0;
    // Deletes every file of `school_year` with everything that holds personal data about it,
    // in one transaction that also adds its anonymous counts and the audit entry `audit`.
    virtual PurgeResult PurgeSchoolYear(const std::string& school_year,
                                        const AuditEntry& audit) = 0;
    virtual std::vector<RetainedCount> RetainedCounts() = 0;

    // Writes to the database (one row of its own) and commits: throws when it cannot, as on a
    // full disk. /readyz uses it.
    virtual void ProbeWrite(std::int64_t now) = 0;

    // Marks up to `limit` due pending messages as sending and returns them. Messages left in
    // sending by a crash are due again after `stale_after` seconds.
    virtual std::vector<OutboxMessage> ClaimDue(std::int64_t now, int limit,
                                                std::int64_t stale_after) = 0;
    virtual void MarkSent(const std::string& id) = 0;
    // Several at once, in one transaction (a worker's batch).
    virtual void MarkSentMany(const std::vector<std::string>& ids) = 0;
    virtual void MarkRetry(const std::string& id, std::int64_t next_attempt_at,
                           const std::string& error) = 0;
    virtual void MarkFailed(const std::string& id, const std::string& error) = 0;
    virtual bool RecordDeliveryReport(const std::string& id, const std::string& report) = 0;
    virtual std::optional<OutboxMessage> FindMessage(const std::string& id) = 0;
    virtual std::vector<OutboxMessage> MessagesFor(const std::string& reference) = 0;

    // For /metrics.
    virtual PoolStats DatabaseStats() const = 0;
    virtual std::map<std::string, std::int64_t> CountFilesByStatus() = 0;
    virtual std::map<std::string, std::int64_t> CountMessagesByStatus() = 0;
    // When the oldest message still waiting (pending or sending) was created; none when none.
    virtual std::optional<std::int64_t> OldestPendingMessage() = 0;
};

// "sqlite:PATH" (or a bare path) or "postgresql://…". Throws std::runtime_error with the
// reason when the database cannot be opened.
std::unique_ptr<Storage> OpenStorage(const std::string& url);

}  // namespace tasjil::server
