// Storage over the SQL driver interface: one implementation for SQLite and PostgreSQL.
//
// Index
//   [SECTION] Schema and migrations
//   [SECTION] Files
//   [SECTION] Staff, sessions, audit
//   [SECTION] Outbox
//   [SECTION] Retention
//   [SECTION] Opening
#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <sstream>
#include <tuple>

#include <sodium.h>
#include <nlohmann/json.hpp>

#include "core/names.h"
#include "core/uuid.h"
#include "server/db.h"
#include "server/storage.h"

namespace tasjil::server {

std::string_view StatusName(FileStatus status) {
    switch (status) {
        case FileStatus::kPendingReview:
            return "pending_review";
        case FileStatus::kRejected:
            return "rejected";
        case FileStatus::kApproved:
            return "approved";
    }
    return "pending_review";
}

namespace {

constexpr std::array<std::string_view, 2> kChannelNames = {"email", "sms"};
constexpr std::array<std::string_view, 5> kKindNames = {"acknowledgement", "decision",
                                                        "info_request", "move", "rectification"};
constexpr std::array<std::string_view, 4> kOutboxStateNames = {"pending", "sending", "sent",
                                                               "failed"};

}  // namespace

std::string_view ChannelName(Channel channel) {
    return kChannelNames[static_cast<std::size_t>(channel)];
}
std::optional<Channel> ParseChannel(std::string_view name) {
    return core::EnumFromName<Channel>(kChannelNames, name);
}
std::string_view KindName(MessageKind kind) {
    return kKindNames[static_cast<std::size_t>(kind)];
}
std::optional<MessageKind> ParseMessageKind(std::string_view name) {
    return core::EnumFromName<MessageKind>(kKindNames, name);
}
std::string_view OutboxStateName(OutboxState state) {
    return kOutboxStateNames[static_cast<std::size_t>(state)];
}
std::optional<OutboxState> ParseOutboxState(std::string_view name) {
    return core::EnumFromName<OutboxState>(kOutboxStateNames, name);
}

std::string_view OutcomeText(const std::optional<core::Outcome>& outcome) {
    return outcome ? core::OutcomeName(*outcome) : std::string_view();
}

std::optional<FileStatus> ParseFileStatus(std::string_view name) {
    for (auto s : {FileStatus::kPendingReview, FileStatus::kRejected, FileStatus::kApproved}) {
        if (StatusName(s) == name) return s;
    }
    return std::nullopt;
}

std::string_view ActionName(AuditAction action) {
    switch (action) {
        case AuditAction::kDecision:
            return "decision";
        case AuditAction::kChange:
            return "change";
        case AuditAction::kInfoRequest:
            return "info_request";
        case AuditAction::kMove:
            return "move";
        case AuditAction::kPurge:
            return "purge";
        case AuditAction::kRectify:
            return "rectification";
        case AuditAction::kExport:
            return "export";
    }
    return "decision";
}

std::optional<AuditAction> ParseAuditAction(std::string_view name) {
    for (auto a :
         {AuditAction::kDecision, AuditAction::kChange, AuditAction::kInfoRequest,
          AuditAction::kMove, AuditAction::kPurge, AuditAction::kRectify, AuditAction::kExport}) {
        if (ActionName(a) == name) return a;
    }
    return std::nullopt;
}

namespace {
constexpr std::array<std::string_view, 7> kAccountActionNames = {
    "create", "disable", "enable", "reset", "activate", "recovery", "open"};
}  // namespace

std::string_view AccountActionName(AccountAction action) {
    return kAccountActionNames[static_cast<std::size_t>(action)];
}

std::optional<AccountAction> ParseAccountAction(std::string_view name) {
    return core::EnumFromName<AccountAction>(kAccountActionNames, name);
}

namespace {
// Each sort key with its column (the only column names a list's SQL is built from).
struct SortColumn {
    SortKey key;
    const char* name;
    const char* column;
};
constexpr SortColumn kSortColumns[] = {
    {SortKey::kReceivedAt, "received_at", "received_at"},
    {SortKey::kReference, "reference", "reference"},
    {SortKey::kChildNameAr, "child_name_ar", "child_name_ar"},
    {SortKey::kChildNameLatin, "child_name_latin", "child_name_latin"},
    {SortKey::kBirthDate, "birth_date", "birth_date"},
    {SortKey::kSector, "sector", "sector"},
    {SortKey::kOutcome, "outcome", "outcome"},
    {SortKey::kStatus, "status", "status"},
    {SortKey::kSchool, "school_code", "school_code"},
};
const SortColumn& ColumnOf(SortKey key) {
    for (const auto& c : kSortColumns) {
        if (c.key == key) return c;
    }
    return kSortColumns[0];
}
}  // namespace

std::string_view SortKeyName(SortKey key) {
    return ColumnOf(key).name;
}

std::optional<SortKey> ParseSortKey(std::string_view name) {
    for (const auto& c : kSortColumns) {
        if (c.name == name) return c.key;
    }
    return std::nullopt;
}

std::string SortValue(const StoredFile& f, SortKey key) {
    switch (key) {
        case SortKey::kReceivedAt:
            return f.received_at;
        case SortKey::kReference:
            return f.reference;
        case SortKey::kChildNameAr:
            return f.child_name_ar;
        case SortKey::kChildNameLatin:
            return f.child_name_latin;
        case SortKey::kBirthDate:
            return f.birth_date;
        case SortKey::kSector:
            return f.sector;
        case SortKey::kOutcome:
            return std::string(OutcomeText(f.outcome));
        case SortKey::kStatus:
            return std::string(StatusName(f.status));
        case SortKey::kSchool:
            return f.school_code;
    }
    return f.received_at;
}

namespace {

// [SECTION] Schema and migrations ----------------------------------------------------------------

// Each migration is a list of statements; {ID} is the dialect's auto-increment key.
const std::vector<std::vector<std::string>> kMigrations = {
    {
        "CREATE TABLE files (reference TEXT PRIMARY KEY, file_id TEXT NOT NULL UNIQUE, "
        "content_hash TEXT NOT NULL, json TEXT NOT NULL, status TEXT NOT NULL, reasons TEXT NOT "
        "NULL, "
        "school_code TEXT NOT NULL, province TEXT NOT NULL, birth_date TEXT NOT NULL, "
        "received_at TEXT NOT NULL)",
        "CREATE INDEX files_by_status_school ON files (status, school_code)",
        "CREATE INDEX files_by_status_province ON files (status, province)",
        "CREATE TABLE status_history (id {ID}, reference TEXT NOT NULL REFERENCES files "
        "(reference), "
        "status TEXT NOT NULL, at TEXT NOT NULL)",
        "CREATE INDEX status_history_by_reference ON status_history (reference)",
        "CREATE TABLE outbox (id TEXT PRIMARY KEY, reference TEXT NOT NULL, channel TEXT NOT NULL, "
        "recipient TEXT NOT NULL, language TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT "
        "NULL, "
        "body TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, "
        "next_attempt_at BIGINT NOT NULL, created_at BIGINT NOT NULL, claimed_at BIGINT NOT NULL, "
        "last_error TEXT NOT NULL, delivery_report TEXT NOT NULL)",
        "CREATE INDEX outbox_due ON outbox (status, next_attempt_at)",
        "CREATE INDEX outbox_by_reference ON outbox (reference)",
        "CREATE TABLE staff (username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, "
        "role TEXT NOT NULL, scope TEXT NOT NULL)",
        "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, "
        "expires_at BIGINT NOT NULL)",
        "CREATE TABLE audit (id {ID}, at TEXT NOT NULL, staff TEXT NOT NULL, action TEXT NOT NULL, "
        "reference TEXT NOT NULL, status_before TEXT NOT NULL, status_after TEXT NOT NULL, "
        "detail TEXT NOT NULL)",
        "CREATE INDEX audit_by_reference ON audit (reference)",
        "{AUDIT_APPEND_ONLY}",
    },
    {
        // The parents' status look-up: one unique key for (reference, birth date), so a wrong
        // date and an unknown reference are the same probe for a key that is not there.
        "ALTER TABLE files ADD COLUMN parent_key TEXT",
        "CREATE UNIQUE INDEX files_by_parent_key ON files (parent_key)",
        "CREATE TABLE throttle (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, "
        "last_failure_at BIGINT NOT NULL)",
        "CREATE TABLE health (id INTEGER PRIMARY KEY, at BIGINT NOT NULL, pad TEXT NOT NULL)",
    },
    {
        // The staff lists: columns to filter, sort and search on, filled from the file (files
        // stored before get theirs when the server starts: indexed = 0).
        "ALTER TABLE files ADD COLUMN child_name_ar TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE files ADD COLUMN child_name_latin TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE files ADD COLUMN sector TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE files ADD COLUMN outcome TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE files ADD COLUMN late INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE files ADD COLUMN search TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE files ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX files_by_school_received ON files (school_code, received_at, reference)",
        "CREATE INDEX files_by_province_received ON files (province, received_at, reference)",
    },
    {
        // Retention (law 09-08 art. 3.1.e): files know their school year (filled from the file
        // when the server starts: indexed = 0), the counts that outlive a purge, and an audit
        // trail whose entries about a file can go only once the file itself is gone.
        "ALTER TABLE files ADD COLUMN school_year TEXT NOT NULL DEFAULT ''",
        "UPDATE files SET indexed = 0",
        "CREATE INDEX files_by_school_year ON files (school_year)",
        "CREATE TABLE retention_counts (school_year TEXT NOT NULL, school_code TEXT NOT NULL, "
        "status TEXT NOT NULL, reason TEXT NOT NULL, files BIGINT NOT NULL, "
        "PRIMARY KEY (school_year, school_code, status, reason))",
        "{AUDIT_DELETE_WITH_FILE}",
    },
    {
        // Log-ins that cannot be turned against an account: the devices each account logged in
        // from (their tokens' hashes), and the failures to tell its owner, per address.
        "CREATE TABLE known_devices (token_hash TEXT NOT NULL, username TEXT NOT NULL, "
        "created_at BIGINT NOT NULL, last_used_at BIGINT NOT NULL, "
        "PRIMARY KEY (token_hash, username))",
        "CREATE TABLE login_failures (username TEXT NOT NULL, address TEXT NOT NULL, "
        "failures BIGINT NOT NULL, last_at BIGINT NOT NULL, PRIMARY KEY (username, address))",
        // Sessions their owner can list and end: when and where each began, its last use (a
        // session unused for a while ends before its absolute end). Sessions of an older
        // server have no use recorded: they end, and their owners log in again.
        "ALTER TABLE sessions ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN last_used_at BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sessions ADD COLUMN agent TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX sessions_by_username ON sessions (username)",
    },
    {
        // Accounts managed in the console: their state, name, second factor (its key, and the
        // last step used so a code cannot be replayed), activation code (hashed) and maker;
        // recovery codes (hashed); every change of an account, append-only.
        "ALTER TABLE staff ADD COLUMN state TEXT NOT NULL DEFAULT 'active'",
        "ALTER TABLE staff ADD COLUMN display_name TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE staff ADD COLUMN second_factor_required INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE staff ADD COLUMN totp_secret TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE staff ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE staff ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE staff ADD COLUMN activation_hash TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE staff ADD COLUMN activation_expires_at BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE staff ADD COLUMN created_by TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE staff ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0",
        "CREATE INDEX staff_by_activation ON staff (activation_hash)",
        "CREATE INDEX staff_by_role ON staff (role, username)",
        "CREATE TABLE recovery_codes (username TEXT NOT NULL, code_hash TEXT NOT NULL, "
        "PRIMARY KEY (username, code_hash))",
        "CREATE TABLE account_audit (id {ID}, at TEXT NOT NULL, staff TEXT NOT NULL, "
        "action TEXT NOT NULL, account TEXT NOT NULL, detail TEXT NOT NULL)",
        "CREATE INDEX account_audit_by_account ON account_audit (account)",
        "{ACCOUNT_AUDIT_APPEND_ONLY}",
    },
};

std::vector<std::string> Dialected(const std::string& sql, SqlDialect dialect) {
    if (sql == "{AUDIT_APPEND_ONLY}") {
        // The audit trail can only grow, whatever a caller tries.
        if (dialect == SqlDialect::kSqlite) {
            return {
                "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN "
                "SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
                "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN "
                "SELECT RAISE(ABORT, 'the audit trail is append-only'); END"};
        }
        return {"CREATE RULE audit_no_update AS ON UPDATE TO audit DO INSTEAD NOTHING",
                "CREATE RULE audit_no_delete AS ON DELETE TO audit DO INSTEAD NOTHING"};
    }
    if (sql == "{ACCOUNT_AUDIT_APPEND_ONLY}") {
        if (dialect == SqlDialect::kSqlite) {
            return {
                "CREATE TRIGGER account_audit_no_update BEFORE UPDATE ON account_audit BEGIN "
                "SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
                "CREATE TRIGGER account_audit_no_delete BEFORE DELETE ON account_audit BEGIN "
                "SELECT RAISE(ABORT, 'the audit trail is append-only'); END"};
        }
        return {
            "CREATE RULE account_audit_no_update AS ON UPDATE TO account_audit DO INSTEAD "
            "NOTHING",
            "CREATE RULE account_audit_no_delete AS ON DELETE TO account_audit DO INSTEAD "
            "NOTHING"};
    }
    if (sql == "{AUDIT_DELETE_WITH_FILE}") {
        // Still append-only while the file exists; a purge entry (no reference) stays for good.
        if (dialect == SqlDialect::kSqlite) {
            return {"DROP TRIGGER audit_no_delete",
                    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN OLD.reference = '' "
                    "OR EXISTS (SELECT 1 FROM files WHERE files.reference = OLD.reference) BEGIN "
                    "SELECT RAISE(ABORT, 'the audit trail is append-only'); END"};
        }
        return {"DROP RULE audit_no_delete ON audit",
                "CREATE RULE audit_no_delete AS ON DELETE TO audit WHERE OLD.reference = '' OR "
                "EXISTS (SELECT 1 FROM files WHERE files.reference = OLD.reference) "
                "DO INSTEAD NOTHING"};
    }
    std::string out = sql;
    const std::string id =
        dialect == SqlDialect::kSqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY";
    for (auto pos = out.find("{ID}"); pos != std::string::npos; pos = out.find("{ID}")) {
        out.replace(pos, 4, id);
    }
    return {out};
}

const std::string S(const Value& v) {
    return v.value_or("");
}
std::int64_t I(const Value& v) {
    return v ? std::stoll(*v) : 0;
}

// Every column of a staff account, in StaffFromRow's and StaffValues' order.
const char* kStaffColumns =
    "username, password_hash, role, scope, state, display_name, second_factor_required, "
    "totp_secret, totp_enabled, totp_last_step, activation_hash, activation_expires_at, "
    "created_by, created_at";
// The same columns set from the values of an insert that met the username.
const char* kStaffUpdate =
    "password_hash = excluded.password_hash, role = excluded.role, scope = excluded.scope, "
    "state = excluded.state, display_name = excluded.display_name, "
    "second_factor_required = excluded.second_factor_required, "
    "totp_secret = excluded.totp_secret, totp_enabled = excluded.totp_enabled, "
    "totp_last_step = excluded.totp_last_step, activation_hash = excluded.activation_hash, "
    "activation_expires_at = excluded.activation_expires_at, created_by = excluded.created_by, "
    "created_at = excluded.created_at";
// …and from StaffValues in an UPDATE (the username too: it stays what it was).
const char* kStaffUpdateFromValues =
    "username = ?, password_hash = ?, role = ?, scope = ?, state = ?, display_name = ?, "
    "second_factor_required = ?, totp_secret = ?, totp_enabled = ?, totp_last_step = ?, "
    "activation_hash = ?, activation_expires_at = ?, created_by = ?, created_at = ?";

std::vector<Value> StaffValues(const StaffAccount& a) {
    return {a.username,
            a.password_hash,
            std::string(RoleName(a.role)),
            core::ScopeText(a.scope),
            std::string(core::AccountStateName(a.state)),
            a.display_name,
            a.second_factor_required ? "1" : "0",
            a.totp_secret,
            a.totp_enabled ? "1" : "0",
            std::to_string(a.totp_last_step),
            a.activation_hash,
            std::to_string(a.activation_expires_at),
            a.created_by,
            std::to_string(a.created_at)};
}

StaffAccount StaffFromRow(const Row& r) {
    StaffAccount a;
    a.username = S(r[0]);
    a.password_hash = S(r[1]);
    // A role, scope or state the server did not write sees nothing and cannot log in.
    const auto role = ParseStaffRole(S(r[2]));
    a.role = role.value_or(StaffRole::kSchool);
    a.scope = core::ParseStaffScope(a.role, S(r[3])).value_or(StaffScope{});
    a.state = role ? core::ParseAccountState(S(r[4])).value_or(AccountState::kDisabled)
                   : AccountState::kDisabled;
    a.display_name = S(r[5]);
    a.second_factor_required = I(r[6]) != 0;
    a.totp_secret = S(r[7]);
    a.totp_enabled = I(r[8]) != 0;
    a.totp_last_step = I(r[9]);
    a.activation_hash = S(r[10]);
    a.activation_expires_at = I(r[11]);
    a.created_by = S(r[12]);
    a.created_at = I(r[13]);
    return a;
}

void InsertAccountAudit(Connection& c, const AccountAuditEntry& e) {
    c.Exec("INSERT INTO account_audit (at, staff, action, account, detail) VALUES (?, ?, ?, ?, ?)",
           {e.at, e.staff, std::string(AccountActionName(e.action)), e.account, e.detail});
}

const char* kFileColumns =
    "reference, file_id, content_hash, json, status, reasons, school_code, province, birth_date, "
    "received_at, child_name_ar, child_name_latin, sector, outcome, late, search, school_year";

FileStatus StatusOf(const Value& v) {
    // The database only ever holds names written by StatusName.
    return ParseFileStatus(S(v)).value_or(FileStatus::kPendingReview);
}

StoredFile FileFromRow(const Row& r) {
    StoredFile f;
    f.reference = S(r[0]);
    f.file_id = S(r[1]);
    f.content_hash = S(r[2]);
    f.json = S(r[3]);
    f.status = StatusOf(r[4]);
    f.reasons_json = S(r[5]);
    f.school_code = S(r[6]);
    f.province = S(r[7]);
    f.birth_date = S(r[8]);
    f.received_at = S(r[9]);
    f.child_name_ar = S(r[10]);
    f.child_name_latin = S(r[11]);
    f.sector = S(r[12]);
    f.outcome = core::ParseOutcome(S(r[13]));
    f.late = I(r[14]) != 0;
    f.search = S(r[15]);
    f.school_year = S(r[16]);
    return f;
}

// A LIKE pattern that matches `text` anywhere, with LIKE's own characters escaped.
std::string Contains(const std::string& text) {
    std::string out = "%";
    for (char ch : text) {
        if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
        out += ch;
    }
    return out + "%";
}

// The WHERE clause of a scope: any of `schools`, or `province`.
void ScopeClause(const std::vector<std::string>& schools, const std::string& province,
                 std::string& sql, std::vector<Value>& params) {
    if (schools.empty()) {
        sql += "province = ?";
        params.emplace_back(province);
        return;
    }
    sql += "school_code IN (";
    for (std::size_t i = 0; i < schools.size(); ++i) {
        sql += i ? ", ?" : "?";
        params.emplace_back(schools[i]);
    }
    sql += ")";
}

const char* kMessageColumns =
    "id, reference, channel, recipient, language, kind, subject, body, status, attempts, "
    "next_attempt_at, created_at, last_error, delivery_report";

OutboxMessage MessageFromRow(const Row& r) {
    OutboxMessage m;
    m.id = S(r[0]);
    m.reference = S(r[1]);
    // The server writes every row: a name it does not know is a row written by hand, read as
    // the message that can harm least (an e-mail, a decision, failed: never sent again).
    m.channel = ParseChannel(S(r[2])).value_or(Channel::kEmail);
    m.recipient = S(r[3]);
    m.language = S(r[4]);
    m.kind = ParseMessageKind(S(r[5])).value_or(MessageKind::kDecision);
    m.subject = S(r[6]);
    m.body = S(r[7]);
    m.status = ParseOutboxState(S(r[8])).value_or(OutboxState::kFailed);
    m.attempts = static_cast<int>(I(r[9]));
    m.next_attempt_at = I(r[10]);
    m.created_at = I(r[11]);
    m.last_error = S(r[12]);
    m.delivery_report = S(r[13]);
    return m;
}

void InsertMessages(Connection& c, const std::vector<OutboxMessage>& messages) {
    for (const auto& m : messages) {
        c.Exec(
            "INSERT INTO outbox (id, reference, channel, recipient, language, kind, subject, body, "
            "status, attempts, next_attempt_at, created_at, claimed_at, last_error, "
            "delivery_report) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, 0, '', '')",
            {m.id, m.reference, std::string(ChannelName(m.channel)), m.recipient, m.language,
             std::string(KindName(m.kind)), m.subject, m.body, std::to_string(m.next_attempt_at),
             std::to_string(m.created_at)});
    }
}

void InsertAudit(Connection& c, const AuditEntry& a) {
    c.Exec(
        "INSERT INTO audit (at, staff, action, reference, status_before, status_after, "
        "detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {a.at, a.staff, std::string(ActionName(a.action)), a.reference,
         std::string(StatusName(a.status_before)), std::string(StatusName(a.status_after)),
         a.detail});
}

// The status look-up key of a file: SHA-256 of "reference birth_date".
std::string ParentKey(const std::string& reference, const std::string& birth_date) {
    const std::string text = reference + " " + birth_date;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    return core::HexEncode(h, sizeof h);
}

class SqlStorage final : public Storage {
  public:
    explicit SqlStorage(std::unique_ptr<Pool> pool) : pool_(std::move(pool)) {}

    void Migrate() override {
        const SqlDialect dialect = pool_->Dialect();
        pool_->With([](Connection& c) {
            c.Exec(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "applied_at TEXT NOT NULL)");
        });
        for (std::size_t v = 1; v <= kMigrations.size(); ++v) {
            pool_->With(
                [&](Connection& c) {
                    if (!c.Query("SELECT version FROM schema_migrations WHERE version = ?",
                                 {std::to_string(v)})
                             .empty()) {
                        return;
                    }
                    for (const auto& statement : kMigrations[v - 1]) {
                        for (const auto& sql : Dialected(statement, dialect)) c.Exec(sql);
                    }
                    c.Exec("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                           {std::to_string(v), "migration"});
                },
                true);
        }
        // Files stored before the look-up key existed get theirs (computed here, not in SQL).
        pool_->With(
            [&](Connection& c) {
                for (const auto& r :
                     c.Query("SELECT reference, birth_date FROM files WHERE parent_key IS NULL")) {
                    c.Exec("UPDATE files SET parent_key = ? WHERE reference = ?",
                           {ParentKey(S(r[0]), S(r[1])), S(r[0])});
                }
            },
            true);
    }

    // [SECTION] Files ----------------------------------------------------------------------------

    InsertResult InsertFile(const StoredFile& f, const std::vector<OutboxMessage>& messages,
                            StoredFile& stored) override {
        if (!group_commit_) {
            InsertResult result = InsertResult::kCreated;
            // Idempotent by file_id: a second run after an unknown commit finds the file (replay).
            pool_->With([&](Connection& c) { result = InsertOne(c, f, messages, stored); }, true,
                        Retry::kYes);
            return result;
        }
        // Group commit (SQLite): requests that arrive while a commit is in progress are written
        // together in the next transaction, each in its own savepoint, so one fsync covers many
        // files. The caller is answered only after that commit.
        InsertJob job{&f, &messages, &stored, InsertResult::kCreated, nullptr, false};
        std::unique_lock lock(queue_mutex_);
        queue_.push_back(&job);
        while (!job.done) {
            if (committing_) {
                queue_done_.wait(lock);
                continue;
            }
            committing_ = true;
            std::vector<InsertJob*> batch;
            while (!queue_.empty() && batch.size() < 256) {
                batch.push_back(queue_.front());
                queue_.pop_front();
            }
            lock.unlock();
            CommitBatch(batch);
            lock.lock();
            for (auto* j : batch) j->done = true;
            committing_ = false;
            queue_done_.notify_all();
        }
        if (job.error) std::rethrow_exception(job.error);
        return job.result;
    }

    std::optional<StoredFile> FindByReference(const std::string& reference) override {
        std::optional<StoredFile> out;
        pool_->With(
            [&](Connection& c) {
                out.reset();
                const auto rows = c.Query(
                    std::string("SELECT ") + kFileColumns + " FROM files WHERE reference = ?",
                    {reference});
                if (!rows.empty()) out = FileFromRow(rows[0]);
            },
            false, Retry::kYes);
        return out;
    }

    std::optional<StoredFile> FindForParent(const std::string& reference,
                                            const std::string& birth_date) override {
        std::optional<StoredFile> out;
        pool_->With(
            [&](Connection& c) {
                out.reset();
                const auto rows = c.Query(
                    std::string("SELECT ") + kFileColumns + " FROM files WHERE parent_key = ?",
                    {ParentKey(reference, birth_date)});
                if (!rows.empty()) out = FileFromRow(rows[0]);
            },
            false, Retry::kYes);
        return out;
    }

    FilePage ListFiles(const FileQuery& q) override {
        std::string where = " WHERE ";
        std::vector<Value> params;
        ScopeClause(q.schools, q.province, where, params);
        if (q.status) {
            where += " AND status = ?";
            params.emplace_back(std::string(StatusName(*q.status)));
        }
        if (q.outcome) {
            where += " AND outcome = ?";
            params.emplace_back(std::string(OutcomeText(q.outcome)));
        }
        if (!q.reason.empty()) {
            // Reasons are stored as a JSON array of {"code": …}: the code in quotes is exact.
            where += " AND reasons LIKE ? ESCAPE '\\'";
            params.emplace_back(Contains("\"code\":\"" + q.reason + "\""));
        }
        if (q.late) {
            where += " AND late = ?";
            params.emplace_back(std::string(*q.late ? "1" : "0"));
        }
        if (!q.sector.empty()) {
            where += " AND sector = ?";
            params.emplace_back(q.sector);
        }
        for (const auto& word : q.search_words) {
            // The column starts with a space: " word" is the start of a word.
            where += " AND search LIKE ? ESCAPE '\\'";
            params.emplace_back(Contains(" " + word));
        }
        const std::string column = ColumnOf(q.sort).column;
        const char* cmp = q.descending ? "<" : ">";
        std::string page_where = where;
        std::vector<Value> page_params = params;
        if (q.after) {
            page_where += " AND (" + column + " " + cmp + " ? OR (" + column +
                          " = ? AND reference " + cmp + " ?))";
            page_params.emplace_back(q.after->first);
            page_params.emplace_back(q.after->first);
            page_params.emplace_back(q.after->second);
        }
        const char* dir = q.descending ? " DESC" : " ASC";
        const int limit = std::clamp(q.limit, 1, 1000);
        const std::string sql = std::string("SELECT ") + kFileColumns + " FROM files" + page_where +
                                " ORDER BY " + column + dir + ", reference" + dir + " LIMIT " +
                                std::to_string(limit + 1);
        FilePage out;
        pool_->With(
            [&](Connection& c) {
                out.files.clear();
                for (const auto& r : c.Query(sql, page_params)) out.files.push_back(FileFromRow(r));
                const auto count = c.Query("SELECT COUNT(*) FROM files" + where, params);
                out.total = count.empty() ? 0 : I(count[0][0]);
            },
            false, Retry::kYes);
        if (static_cast<int>(out.files.size()) > limit) {
            out.files.pop_back();
            out.more = true;
        }
        return out;
    }

    std::vector<SchoolCount> CountBySchool(const std::vector<std::string>& schools,
                                           const std::string& province) override {
        std::string sql = "SELECT school_code, status, outcome, COUNT(*) FROM files WHERE ";
        std::vector<Value> params;
        ScopeClause(schools, province, sql, params);
        sql += " GROUP BY school_code, status, outcome";
        std::vector<SchoolCount> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& r : c.Query(sql, params))
                    out.push_back({S(r[0]), StatusOf(r[1]), core::ParseOutcome(S(r[2])), I(r[3])});
            },
            false, Retry::kYes);
        return out;
    }

    std::vector<SchoolFiles> SchoolsWithFiles(const std::string& province) override {
        // A directorate's question reads its province only (files_by_province_received).
        const std::string sql = std::string("SELECT school_code, province, COUNT(*) FROM files") +
                                (province.empty() ? "" : " WHERE province = ?") +
                                " GROUP BY school_code, province ORDER BY school_code";
        std::vector<Value> params;
        if (!province.empty()) params.emplace_back(province);
        std::vector<SchoolFiles> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& r : c.Query(sql, params))
                    out.push_back({S(r[0]), S(r[1]), I(r[2])});
            },
            false, Retry::kYes);
        return out;
    }

    std::vector<StoredFile> FilesToIndex(int limit) override {
        std::vector<StoredFile> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& r :
                     c.Query(std::string("SELECT ") + kFileColumns +
                             " FROM files WHERE indexed = 0 LIMIT " + std::to_string(limit))) {
                    out.push_back(FileFromRow(r));
                }
            },
            false, Retry::kYes);
        return out;
    }

    void SetIndex(const StoredFile& f) override {
        pool_->With(
            [&](Connection& c) {
                c.Exec(
                    "UPDATE files SET child_name_ar = ?, child_name_latin = ?, sector = ?, "
                    "outcome = ?, late = ?, search = ?, school_year = ?, indexed = 1 "
                    "WHERE reference = ?",
                    {f.child_name_ar, f.child_name_latin, f.sector,
                     std::string(OutcomeText(f.outcome)), std::string(f.late ? "1" : "0"), f.search,
                     f.school_year, f.reference});
            },
            false, Retry::kYes);
    }

    bool Decide(const std::string& reference, FileStatus expected_before, FileStatus status_after,
                const std::string& reasons_json, const AuditEntry& a,
                const std::vector<OutboxMessage>& messages) override {
        bool done = false;
        pool_->With(
            [&](Connection& c) {
                c.Exec(
                    "UPDATE files SET status = ?, reasons = ? WHERE reference = ? AND status = ?",
                    {std::string(StatusName(status_after)), reasons_json, reference,
                     std::string(StatusName(expected_before))});
                if (c.Changes() != 1) return;
                c.Exec("INSERT INTO status_history (reference, status, at) VALUES (?, ?, ?)",
                       {reference, std::string(StatusName(status_after)), a.at});
                InsertAudit(c, a);
                InsertMessages(c, messages);
                done = true;
            },
            true);
        return done;
    }

    bool Move(const std::string& reference, const std::string& expected_school,
              const std::string& new_school, core::Outcome outcome, const std::string& reasons_json,
              const AuditEntry& a, const std::vector<OutboxMessage>& messages) override {
        bool done = false;
        pool_->With(
            [&](Connection& c) {
                c.Exec(
                    "UPDATE files SET school_code = ?, outcome = ?, reasons = ?, status = ? "
                    "WHERE reference = ? AND school_code = ?",
                    {new_school, std::string(core::OutcomeName(outcome)), reasons_json,
                     std::string(StatusName(FileStatus::kPendingReview)), reference,
                     expected_school});
                if (c.Changes() != 1) return;
                if (a.status_before != FileStatus::kPendingReview) {
                    c.Exec("INSERT INTO status_history (reference, status, at) VALUES (?, ?, ?)",
                           {reference, std::string(StatusName(FileStatus::kPendingReview)), a.at});
                }
                InsertAudit(c, a);
                InsertMessages(c, messages);
                done = true;
            },
            true);
        return done;
    }

    bool Rectify(const StoredFile& f, const std::string& expected_json, bool with_reasons,
                 const AuditEntry& a, const std::vector<OutboxMessage>& messages) override {
        bool done = false;
        pool_->With(
            [&](Connection& c) {
                std::vector<Value> values = {f.json,
                                             f.birth_date,
                                             ParentKey(f.reference, f.birth_date),
                                             std::string(OutcomeText(f.outcome)),
                                             f.child_name_ar,
                                             f.child_name_latin,
                                             f.sector,
                                             std::string(f.late ? "1" : "0"),
                                             f.search};
                if (with_reasons) values.push_back(f.reasons_json);
                values.push_back(f.reference);
                values.push_back(expected_json);
                c.Exec(std::string("UPDATE files SET json = ?, birth_date = ?, parent_key = ?, "
                                   "outcome = ?, child_name_ar = ?, child_name_latin = ?, "
                                   "sector = ?, late = ?, search = ?") +
                           (with_reasons ? ", reasons = ?" : "") +
                           " WHERE reference = ? AND json = ?",
                       values);
                if (c.Changes() != 1) return;
                InsertAudit(c, a);
                InsertMessages(c, messages);
                done = true;
            },
            true);
        return done;
    }

    void Record(const AuditEntry& a, const std::vector<OutboxMessage>& messages) override {
        pool_->With(
            [&](Connection& c) {
                InsertAudit(c, a);
                InsertMessages(c, messages);
            },
            true);
    }

    std::vector<std::pair<FileStatus, std::string>> StatusHistory(
        const std::string& reference) override {
        std::vector<std::pair<FileStatus, std::string>> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& r :
                     c.Query("SELECT status, at FROM status_history WHERE reference = ? "
                             "ORDER BY id",
                             {reference})) {
                    out.emplace_back(StatusOf(r[0]), S(r[1]));
                }
            },
            false, Retry::kYes);
        return out;
    }

    // [SECTION] Staff, sessions, audit -----------------------------------------------------------

    std::vector<AuditEntry> AuditTrail(const std::string& reference) override {
        std::vector<AuditEntry> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& r :
                     c.Query("SELECT at, staff, action, reference, status_before, "
                             "status_after, detail FROM audit WHERE reference = ? ORDER BY id",
                             {reference})) {
                    out.push_back({S(r[0]), S(r[1]),
                                   ParseAuditAction(S(r[2])).value_or(AuditAction::kDecision),
                                   S(r[3]), StatusOf(r[4]), StatusOf(r[5]), S(r[6])});
                }
            },
            false, Retry::kYes);
        return out;
    }

    // The one account where `condition` (one placeholder) holds for `value`.
    std::optional<StaffAccount> FindStaffWhere(const char* condition, const std::string& value) {
        std::optional<StaffAccount> out;
        pool_->With(
            [&](Connection& c) {
                out.reset();
                const auto rows = c.Query(
                    "SELECT " + std::string(kStaffColumns) + " FROM staff WHERE " + condition,
                    {value});
                if (!rows.empty()) out = StaffFromRow(rows[0]);
            },
            false, Retry::kYes);
        return out;
    }

    void PutStaff(const StaffAccount& a) override {
        pool_->With([&](Connection& c) {
            c.Exec("INSERT INTO staff (" + std::string(kStaffColumns) +
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                       "(username) DO UPDATE SET " +
                       kStaffUpdate,
                   StaffValues(a));
        });
    }

    std::optional<StaffAccount> FindStaff(const std::string& username) override {
        return FindStaffWhere("username = ?", username);
    }

    std::optional<StaffAccount> FindByActivation(const std::string& hash) override {
        if (hash.empty()) return std::nullopt;
        return FindStaffWhere("activation_hash = ?", hash);
    }

    std::vector<StaffAccount> ListStaff(StaffRole role) override {
        std::vector<StaffAccount> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& row : c.Query("SELECT " + std::string(kStaffColumns) +
                                                   " FROM staff WHERE role = ? ORDER BY username",
                                               {std::string(RoleName(role))}))
                    out.push_back(StaffFromRow(row));
            },
            false, Retry::kYes);
        return out;
    }

    bool CreateAccounts(const std::vector<StaffAccount>& accounts,
                        const std::vector<AccountAuditEntry>& audit, std::string& taken) override {
        // A username already there — or made by a request racing this one — undoes the batch.
        struct Taken {
            std::string username;
        };
        taken.clear();
        try {
            pool_->With(
                [&](Connection& c) {
                    for (const auto& a : accounts) {
                        c.Exec("INSERT INTO staff (" + std::string(kStaffColumns) +
                                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                   "ON CONFLICT (username) DO NOTHING",
                               StaffValues(a));
                        if (c.Changes() == 0) throw Taken{a.username};
                    }
                    for (const auto& e : audit) InsertAccountAudit(c, e);
                },
                true);
        } catch (const Taken& t) {
            taken = t.username;
            return false;
        }
        return true;
    }

    bool UpdateAccount(const StaffAccount& a, AccountState expected_state,
                       const AccountAuditEntry& audit, const AccountChange& change) override {
        bool updated = false;
        pool_->With(
            [&](Connection& c) {
                updated = false;
                auto values = StaffValues(a);
                values.push_back(a.username);
                values.push_back(std::string(core::AccountStateName(expected_state)));
                c.Exec("UPDATE staff SET " + std::string(kStaffUpdateFromValues) +
                           " WHERE username = ? AND state = ?",
                       values);
                if (c.Changes() == 0) return;
                if (change.end_sessions)
                    c.Exec("DELETE FROM sessions WHERE username = ?", {a.username});
                if (change.recovery_hashes) {
                    c.Exec("DELETE FROM recovery_codes WHERE username = ?", {a.username});
                    for (const auto& h : *change.recovery_hashes)
                        c.Exec("INSERT INTO recovery_codes (username, code_hash) VALUES (?, ?)",
                               {a.username, h});
                }
                InsertAccountAudit(c, audit);
                updated = true;
            },
            true);
        return updated;
    }

    bool UseTotpStep(const std::string& username, std::int64_t step) override {
        bool used = false;
        pool_->With([&](Connection& c) {
            c.Exec("UPDATE staff SET totp_last_step = ? WHERE username = ? AND totp_last_step < ?",
                   {std::to_string(step), username, std::to_string(step)});
            used = c.Changes() > 0;
        });
        return used;
    }

    bool UseRecoveryCode(const std::string& username, const std::string& hash,
                         const AccountAuditEntry& audit) override {
        bool used = false;
        pool_->With(
            [&](Connection& c) {
                c.Exec("DELETE FROM recovery_codes WHERE username = ? AND code_hash = ?",
                       {username, hash});
                used = c.Changes() > 0;
                if (used) InsertAccountAudit(c, audit);
            },
            true);
        return used;
    }

    int RecoveryCodesLeft(const std::string& username) override {
        int out = 0;
        pool_->With(
            [&](Connection& c) {
                const auto rows =
                    c.Query("SELECT COUNT(*) FROM recovery_codes WHERE username = ?", {username});
                out = rows.empty() ? 0 : static_cast<int>(I(rows[0][0]));
            },
            false, Retry::kYes);
        return out;
    }

    std::vector<AccountAuditEntry> AccountTrail(const std::string& account) override {
        std::vector<AccountAuditEntry> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& r :
                     c.Query("SELECT at, staff, action, account, detail FROM account_audit "
                             "WHERE account = ? ORDER BY id",
                             {account})) {
                    out.push_back({S(r[0]), S(r[1]),
                                   ParseAccountAction(S(r[2])).value_or(AccountAction::kCreate),
                                   S(r[3]), S(r[4])});
                }
            },
            false, Retry::kYes);
        return out;
    }

    void PutSession(const std::string& token_hash, const std::string& username,
                    const StaffSession& s) override {
        pool_->With([&](Connection& c) {
            // Sessions ended a day ago or more (past their end, or unused for that long) go.
            c.Exec("DELETE FROM sessions WHERE expires_at < ? OR last_used_at < ?",
                   {std::to_string(s.created_at - 86400), std::to_string(s.created_at - 86400)});
            c.Exec(
                "INSERT INTO sessions (token_hash, username, expires_at, created_at, "
                "last_used_at, address, agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
                {token_hash, username, std::to_string(s.expires_at), std::to_string(s.created_at),
                 std::to_string(s.last_used_at), s.address, s.agent});
        });
    }

    std::optional<std::string> FindSession(const std::string& token_hash, std::int64_t now,
                                           std::int64_t idle) override {
        std::optional<std::string> out;
        std::int64_t last_used = 0;
        pool_->With(
            [&](Connection& c) {
                out.reset();
                const auto rows = c.Query(
                    "SELECT username, last_used_at FROM sessions WHERE token_hash = ? AND "
                    "expires_at > ? AND last_used_at > ?",
                    {token_hash, std::to_string(now), std::to_string(now - idle)});
                if (!rows.empty()) {
                    out = S(rows[0][0]);
                    last_used = I(rows[0][1]);
                }
            },
            false, Retry::kYes);
        if (out && now - last_used >= 60) {
            pool_->With([&](Connection& c) {
                c.Exec("UPDATE sessions SET last_used_at = ? WHERE token_hash = ?",
                       {std::to_string(now), token_hash});
            });
        }
        return out;
    }

    std::vector<StaffSession> ListSessions(const std::string& username, std::int64_t now,
                                           std::int64_t idle) override {
        std::vector<StaffSession> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& row :
                     c.Query("SELECT substr(token_hash, 1, 16), created_at, last_used_at, "
                             "expires_at, address, agent FROM sessions WHERE username = ? AND "
                             "expires_at > ? AND last_used_at > ? ORDER BY last_used_at DESC",
                             {username, std::to_string(now), std::to_string(now - idle)}))
                    out.push_back(
                        {S(row[0]), I(row[1]), I(row[2]), I(row[3]), S(row[4]), S(row[5])});
            },
            false, Retry::kYes);
        return out;
    }

    bool DeleteSessionById(const std::string& username, const std::string& id) override {
        bool deleted = false;
        pool_->With([&](Connection& c) {
            c.Exec("DELETE FROM sessions WHERE username = ? AND substr(token_hash, 1, 16) = ?",
                   {username, id});
            deleted = c.Changes() > 0;
        });
        return deleted;
    }

    bool DeleteSession(const std::string& token_hash) override {
        bool deleted = false;
        pool_->With([&](Connection& c) {
            c.Exec("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
            deleted = c.Changes() > 0;
        });
        return deleted;
    }

    ThrottleState GetThrottle(const std::string& key) override {
        ThrottleState out;
        pool_->With(
            [&](Connection& c) {
                out = {};
                const auto rows =
                    c.Query("SELECT failures, last_failure_at FROM throttle WHERE key = ?", {key});
                if (!rows.empty()) out = {static_cast<int>(I(rows[0][0])), I(rows[0][1])};
            },
            false, Retry::kYes);
        return out;
    }

    ThrottleState RecordFailure(const std::string& key, std::int64_t now,
                                std::int64_t forget_after) override {
        ThrottleState out;
        pool_->With(
            [&](Connection& c) {
                c.Exec(
                    "INSERT INTO throttle (key, failures, last_failure_at) VALUES (?, 1, ?) "
                    "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN "
                    "throttle.last_failure_at < ? THEN 1 ELSE throttle.failures + 1 END, "
                    "last_failure_at = excluded.last_failure_at",
                    {key, std::to_string(now), std::to_string(now - forget_after)});
                const auto rows =
                    c.Query("SELECT failures, last_failure_at FROM throttle WHERE key = ?", {key});
                if (!rows.empty()) out = {static_cast<int>(I(rows[0][0])), I(rows[0][1])};
            },
            true);
        return out;
    }

    void ClearThrottle(const std::string& key) override {
        pool_->With([&](Connection& c) { c.Exec("DELETE FROM throttle WHERE key = ?", {key}); });
    }

    bool KnownDevice(const std::string& token_hash, const std::string& username,
                     std::int64_t since) override {
        bool out = false;
        pool_->With(
            [&](Connection& c) {
                out = !c.Query(
                            "SELECT 1 FROM known_devices WHERE token_hash = ? AND "
                            "username = ? AND last_used_at >= ?",
                            {token_hash, username, std::to_string(since)})
                           .empty();
            },
            false, Retry::kYes);
        return out;
    }

    bool IssuedDevice(const std::string& token_hash, std::int64_t since) override {
        bool out = false;
        pool_->With(
            [&](Connection& c) {
                out = !c.Query(
                            "SELECT 1 FROM known_devices WHERE token_hash = ? AND "
                            "last_used_at >= ?",
                            {token_hash, std::to_string(since)})
                           .empty();
            },
            false, Retry::kYes);
        return out;
    }

    void PutKnownDevice(const std::string& token_hash, const std::string& username,
                        std::int64_t now) override {
        pool_->With([&](Connection& c) {
            c.Exec(
                "INSERT INTO known_devices (token_hash, username, created_at, last_used_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (token_hash, username) DO UPDATE SET "
                "last_used_at = excluded.last_used_at",
                {token_hash, username, std::to_string(now), std::to_string(now)});
        });
    }

    void RecordLoginFailure(const std::string& username, const std::string& address,
                            std::int64_t at) override {
        pool_->With([&](Connection& c) {
            c.Exec(
                "INSERT INTO login_failures (username, address, failures, last_at) "
                "VALUES (?, ?, 1, ?) ON CONFLICT (username, address) DO UPDATE SET "
                "failures = login_failures.failures + 1, last_at = excluded.last_at",
                {username, address, std::to_string(at)});
        });
    }

    std::vector<LoginFailures> TakeLoginFailures(const std::string& username) override {
        std::vector<LoginFailures> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& row :
                     c.Query("SELECT address, failures, last_at FROM login_failures "
                             "WHERE username = ? ORDER BY failures DESC, address",
                             {username}))
                    out.push_back({S(row[0]), I(row[1]), I(row[2])});
                c.Exec("DELETE FROM login_failures WHERE username = ?", {username});
            },
            true);
        return out;
    }

    void ProbeWrite(std::int64_t now) override {
        // SQLite: as many new bytes as the largest file takes (128 KiB of random text, which
        // cannot fit in space the journal already has), so "ready" means a file can be stored.
        // PostgreSQL cannot commit anything once its disk is full.
        const bool sqlite = pool_->Dialect() == SqlDialect::kSqlite;
        pool_->With(
            [&](Connection& c) {
                c.Exec(std::string("INSERT INTO health (id, at, pad) VALUES (1, ?, ") +
                           (sqlite ? "hex(randomblob(65536))" : "''") +
                           ") ON CONFLICT (id) DO UPDATE SET at = excluded.at, pad = excluded.pad",
                       {std::to_string(now)});
            },
            true, Retry::kYes);
    }

    // [SECTION] Outbox ---------------------------------------------------------------------------

    std::vector<OutboxMessage> ClaimDue(std::int64_t now, int limit,
                                        std::int64_t stale_after) override {
        std::vector<OutboxMessage> out;
        const bool pg = pool_->Dialect() == SqlDialect::kPostgresql;
        pool_->With(
            [&](Connection& c) {
                const auto rows = c.Query(
                    std::string("SELECT ") + kMessageColumns +
                        " FROM outbox WHERE (status = 'pending' AND next_attempt_at <= ?) OR "
                        "(status = 'sending' AND claimed_at <= ?) ORDER BY next_attempt_at LIMIT " +
                        std::to_string(limit) + (pg ? " FOR UPDATE SKIP LOCKED" : ""),
                    {std::to_string(now), std::to_string(now - stale_after)});
                for (const auto& r : rows) {
                    OutboxMessage m = MessageFromRow(r);
                    c.Exec(
                        "UPDATE outbox SET status = 'sending', claimed_at = ?, attempts = attempts "
                        "+ 1 "
                        "WHERE id = ?",
                        {std::to_string(now), m.id});
                    m.status = OutboxState::kSending;
                    ++m.attempts;
                    out.push_back(std::move(m));
                }
            },
            true);
        return out;
    }

    void MarkSent(const std::string& id) override {
        pool_->With(
            [&](Connection& c) {
                c.Exec("UPDATE outbox SET status = 'sent', last_error = '' WHERE id = ?", {id});
            },
            false, Retry::kYes);
    }
    void MarkSentMany(const std::vector<std::string>& ids) override {
        if (ids.empty()) return;
        pool_->With(
            [&](Connection& c) {
                for (const auto& id : ids) {
                    c.Exec("UPDATE outbox SET status = 'sent', last_error = '' WHERE id = ?", {id});
                }
            },
            true, Retry::kYes);
    }
    void MarkRetry(const std::string& id, std::int64_t next, const std::string& error) override {
        pool_->With([&](Connection& c) {
            c.Exec(
                "UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE "
                "id = ?",
                {std::to_string(next), error, id});
        });
    }
    void MarkFailed(const std::string& id, const std::string& error) override {
        pool_->With([&](Connection& c) {
            c.Exec("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?", {error, id});
        });
    }
    bool RecordDeliveryReport(const std::string& id, const std::string& report) override {
        bool found = false;
        pool_->With([&](Connection& c) {
            c.Exec("UPDATE outbox SET delivery_report = ? WHERE id = ?", {report, id});
            found = c.Changes() == 1;
        });
        return found;
    }
    std::optional<OutboxMessage> FindMessage(const std::string& id) override {
        std::optional<OutboxMessage> out;
        pool_->With(
            [&](Connection& c) {
                out.reset();
                const auto rows = c.Query(
                    std::string("SELECT ") + kMessageColumns + " FROM outbox WHERE id = ?", {id});
                if (!rows.empty()) out = MessageFromRow(rows[0]);
            },
            false, Retry::kYes);
        return out;
    }
    std::vector<OutboxMessage> MessagesFor(const std::string& reference) override {
        std::vector<OutboxMessage> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& r :
                     c.Query(std::string("SELECT ") + kMessageColumns +
                                 " FROM outbox WHERE reference = ? ORDER BY created_at, id",
                             {reference})) {
                    out.push_back(MessageFromRow(r));
                }
            },
            false, Retry::kYes);
        return out;
    }

    // [SECTION] Retention ------------------------------------------------------------------------

    std::int64_t FillSchoolYears() override {
        std::int64_t filled = 0;
        pool_->With(
            [&](Connection& c) {
                filled = 0;
                for (const auto& r :
                     c.Query("SELECT reference, json FROM files WHERE school_year = ''")) {
                    std::string year;
                    try {
                        year = nlohmann::json::parse(S(r[1])).at("school_year").get<std::string>();
                    } catch (const nlohmann::json::exception&) {
                        continue;  // stays without a year: retention reports it, never guesses
                    }
                    c.Exec("UPDATE files SET school_year = ? WHERE reference = ?", {year, S(r[0])});
                    ++filled;
                }
            },
            true);
        return filled;
    }

    std::vector<std::string> SchoolYearsStored() override {
        std::vector<std::string> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& r :
                     c.Query("SELECT DISTINCT school_year FROM files ORDER BY school_year"))
                    out.push_back(S(r[0]));
            },
            false, Retry::kYes);
        return out;
    }

    PurgeResult PurgeSchoolYear(const std::string& year, const AuditEntry& audit) override {
        PurgeResult out;
        const bool pg = pool_->Dialect() == SqlDialect::kPostgresql;
        pool_->With(
            [&](Connection& c) {
                out = PurgeResult{year};
                // Locked first (PostgreSQL): a second server purging at the same moment waits,
                // then finds nothing, so nothing is counted twice.
                const auto rows =
                    c.Query(std::string("SELECT reference, school_code, status, reasons FROM files "
                                        "WHERE school_year = ?") +
                                (pg ? " FOR UPDATE" : ""),
                            {year});
                if (rows.empty()) return;
                std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> counts;
                for (const auto& r : rows) {
                    std::vector<std::string> reasons;
                    try {
                        for (const auto& reason : nlohmann::json::parse(S(r[3])))
                            reasons.push_back(reason.at("code").get<std::string>());
                    } catch (const nlohmann::json::exception&) {
                        reasons.push_back("unreadable");  // counted, never silently dropped
                    }
                    if (reasons.empty()) reasons.emplace_back();
                    for (const auto& reason : reasons) ++counts[{S(r[1]), S(r[2]), reason}];
                }
                for (const auto& [key, n] : counts) {
                    c.Exec(
                        "INSERT INTO retention_counts (school_year, school_code, status, reason, "
                        "files) VALUES (?, ?, ?, ?, ?) ON CONFLICT (school_year, school_code, "
                        "status, reason) DO UPDATE SET files = retention_counts.files + "
                        "excluded.files",
                        {year, std::get<0>(key), std::get<1>(key), std::get<2>(key),
                         std::to_string(n)});
                }
                const std::string of_year = "(SELECT reference FROM files WHERE school_year = ?)";
                c.Exec("DELETE FROM outbox WHERE reference IN " + of_year, {year});
                out.messages = c.Changes();
                c.Exec("DELETE FROM status_history WHERE reference IN " + of_year, {year});
                out.history = c.Changes();
                c.Exec(
                    "DELETE FROM throttle WHERE key IN (SELECT 'status:' || reference FROM "
                    "files WHERE school_year = ?)",
                    {year});
                out.throttle = c.Changes();
                // The audit entries go after their files (the trail refuses it before), named by
                // the references read above.
                c.Exec("DELETE FROM files WHERE school_year = ?", {year});
                out.files = c.Changes();
                for (const auto& r : rows) {
                    c.Exec("DELETE FROM audit WHERE reference = ?", {S(r[0])});
                    out.audit += c.Changes();
                }
                AuditEntry entry = audit;
                entry.detail += " " + std::to_string(out.files) + " files";
                InsertAudit(c, entry);
            },
            true);
        return out;
    }

    std::vector<RetainedCount> RetainedCounts() override {
        std::vector<RetainedCount> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& r :
                     c.Query("SELECT school_year, school_code, status, reason, files FROM "
                             "retention_counts ORDER BY school_year, school_code, status, reason"))
                    out.push_back({S(r[0]), S(r[1]), StatusOf(r[2]), S(r[3]), I(r[4])});
            },
            false, Retry::kYes);
        return out;
    }

    PoolStats DatabaseStats() const override { return pool_->Stats(); }
    std::map<std::string, std::int64_t> CountFilesByStatus() override {
        return Count("SELECT status, COUNT(*) FROM files GROUP BY status");
    }
    std::map<std::string, std::int64_t> CountMessagesByStatus() override {
        return Count("SELECT status, COUNT(*) FROM outbox GROUP BY status");
    }
    std::optional<std::int64_t> OldestPendingMessage() override {
        std::optional<std::int64_t> out;
        pool_->With(
            [&](Connection& c) {
                const auto rows = c.Query(
                    "SELECT MIN(created_at) FROM outbox WHERE status IN ('pending', 'sending')");
                out = rows.empty() || !rows[0][0] ? std::nullopt
                                                  : std::optional<std::int64_t>(I(rows[0][0]));
            },
            false, Retry::kYes);
        return out;
    }

  private:
    struct InsertJob {
        const StoredFile* file;
        const std::vector<OutboxMessage>* messages;
        StoredFile* stored;
        InsertResult result = InsertResult::kCreated;
        std::exception_ptr error;
        bool done = false;
    };

    static InsertResult InsertOne(Connection& c, const StoredFile& f,
                                  const std::vector<OutboxMessage>& messages, StoredFile& stored) {
        c.Exec(std::string("INSERT INTO files (") + kFileColumns +
                   ", parent_key, indexed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, 1) ON CONFLICT (file_id) DO NOTHING",
               {f.reference, f.file_id, f.content_hash, f.json, std::string(StatusName(f.status)),
                f.reasons_json, f.school_code, f.province, f.birth_date, f.received_at,
                f.child_name_ar, f.child_name_latin, f.sector, std::string(OutcomeText(f.outcome)),
                std::string(f.late ? "1" : "0"), f.search, f.school_year,
                ParentKey(f.reference, f.birth_date)});
        if (c.Changes() == 0) {
            const auto rows =
                c.Query(std::string("SELECT ") + kFileColumns + " FROM files WHERE file_id = ?",
                        {f.file_id});
            stored = FileFromRow(rows.at(0));
            return stored.content_hash == f.content_hash ? InsertResult::kReplay
                                                         : InsertResult::kConflict;
        }
        c.Exec("INSERT INTO status_history (reference, status, at) VALUES (?, ?, ?)",
               {f.reference, std::string(StatusName(f.status)), f.received_at});
        InsertMessages(c, messages);
        stored = f;
        return InsertResult::kCreated;
    }

    void CommitBatch(const std::vector<InsertJob*>& batch) {
        try {
            pool_->With(
                [&](Connection& c) {
                    for (auto* j : batch) {
                        j->error = nullptr;
                        c.Exec("SAVEPOINT one_file");
                        try {
                            j->result = InsertOne(c, *j->file, *j->messages, *j->stored);
                            c.Exec("RELEASE SAVEPOINT one_file");
                        } catch (...) {
                            // This file alone is refused (e.g. a reference collision).
                            j->error = std::current_exception();
                            c.Exec("ROLLBACK TO SAVEPOINT one_file");
                            c.Exec("RELEASE SAVEPOINT one_file");
                        }
                    }
                },
                true, Retry::kYes);
        } catch (...) {
            // The commit failed: nothing of the batch is stored, every caller is told.
            for (auto* j : batch) j->error = std::current_exception();
        }
    }

    std::map<std::string, std::int64_t> Count(const std::string& sql) {
        std::map<std::string, std::int64_t> out;
        pool_->With(
            [&](Connection& c) {
                out.clear();
                for (const auto& r : c.Query(sql)) out[S(r[0])] = I(r[1]);
            },
            false, Retry::kYes);
        return out;
    }

    std::unique_ptr<Pool> pool_;
    const bool group_commit_ = pool_->Dialect() == SqlDialect::kSqlite;
    std::mutex queue_mutex_;
    std::condition_variable queue_done_;
    std::deque<InsertJob*> queue_;
    bool committing_ = false;
};

}  // namespace

// [SECTION] Opening ------------------------------------------------------------------------------

std::unique_ptr<Storage> OpenStorage(const std::string& url) {
    std::unique_ptr<Pool> pool;
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        pool = std::make_unique<Pool>([url] { return OpenPostgres(url); }, 8);
    } else {
        const std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
        // One connection: SQLite has one writer at a time, and WAL readers are not the
        // bottleneck at this size.
        pool = std::make_unique<Pool>([path] { return OpenSqlite(path); }, 1);
    }
    auto storage = std::make_unique<SqlStorage>(std::move(pool));
    storage->Migrate();
    return storage;
}

}  // namespace tasjil::server
