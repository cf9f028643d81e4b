#include "server/backup.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "server/db.h"
#include "server/files.h"

namespace tasjil::server {

namespace {

namespace fs = std::filesystem;

// The tables whose rows a summary counts (schema_migrations gives the version).
constexpr const char* kTables[] = {"files", "status_history", "audit",    "outbox",
                                   "staff", "sessions",       "throttle", "retention_counts"};

struct Db {
    sqlite3* db = nullptr;
    ~Db() { sqlite3_close(db); }
};

std::string Open(const std::string& path, int flags, Db& out) {
    if (sqlite3_open_v2(path.c_str(), &out.db, flags, nullptr) != SQLITE_OK) {
        return "cannot open " + path + ": " + (out.db ? sqlite3_errmsg(out.db) : "out of memory");
    }
    sqlite3_busy_timeout(out.db, 10000);
    return "";
}

// The first column of the first row of `sql`, as text ("" when there is none).
std::string One(sqlite3* db, const std::string& sql, bool& ok) {
    sqlite3_stmt* stmt = nullptr;
    ok = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK;
    std::string out;
    if (ok) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
            out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        }
        ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
    }
    sqlite3_finalize(stmt);
    return out;
}

std::string Describe(sqlite3* db, const std::string& path, BackupSummary& summary) {
    bool ok = false;
    const std::string integrity = One(db, "PRAGMA integrity_check", ok);
    if (!ok) return path + " is not a database: " + sqlite3_errmsg(db);
    if (integrity != "ok") return path + " is damaged: " + integrity;
    const std::string version = One(db, "SELECT MAX(version) FROM schema_migrations", ok);
    if (!ok || version.empty()) return path + " is not a Tasjil database (no schema version)";
    summary.schema_version = std::stoll(version);
    summary.rows.clear();
    for (const char* table : kTables) {
        const std::string n = One(db, std::string("SELECT COUNT(*) FROM ") + table, ok);
        if (ok) summary.rows[table] = std::stoll(n);
    }
    std::error_code ec;
    summary.bytes = static_cast<std::int64_t>(fs::file_size(path, ec));
    return "";
}

// Copies every page of `from` into `to` with the online backup API.
std::string Copy(sqlite3* from, sqlite3* to) {
    sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) return std::string("cannot start the copy: ") + sqlite3_errmsg(to);
    // All pages in one step: the copy is one read transaction, one consistent moment. The
    // writer is not blocked (WAL), only new checkpoints wait until it ends.
    const int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) return std::string("the copy failed: ") + sqlite3_errstr(rc);
    return "";
}

double Since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs a program (no shell: arguments are passed as they are) and waits for it.
std::string Run(const std::vector<std::string>& argv) {
    const pid_t pid = fork();
    if (pid < 0) return "cannot start " + argv[0];
    if (pid == 0) {
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return argv[0] + " is not installed";
    return argv[0] + " failed";
}

}  // namespace

std::string DescribeSqlite(const std::string& path, BackupSummary& summary) {
    Db db;
    if (auto why = Open(path, SQLITE_OPEN_READONLY, db); !why.empty()) return why;
    return Describe(db.db, path, summary);
}

std::string BackupSqlite(const std::string& database, const std::string& to,
                         BackupSummary& summary) {
    const auto start = std::chrono::steady_clock::now();
    std::error_code ec;
    if (fs::exists(to, ec)) return to + " exists already: a backup never overwrites one";
    if (!fs::exists(database, ec)) return "no database at " + database;
    const std::string partial = to + ".partial";
    fs::remove(partial, ec);
    {
        Db from, copy;
        if (auto why = Open(database, SQLITE_OPEN_READONLY, from); !why.empty()) return why;
        if (auto why = Open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, copy);
            !why.empty())
            return why;
        std::string why = Copy(from.db, copy.db);
        // A single file that needs nothing beside it.
        bool ok = false;
        if (why.empty()) One(copy.db, "PRAGMA journal_mode=DELETE", ok);
        if (why.empty()) why = Describe(copy.db, partial, summary);
        if (!why.empty()) {
            fs::remove(partial, ec);
            return why;
        }
    }
    if (auto why = SyncFile(partial); !why.empty()) {
        fs::remove(partial, ec);
        return why;
    }
    fs::rename(partial, to, ec);
    if (ec) return "cannot put the copy in place: " + ec.message();
    summary.seconds = Since(start);
    return "";
}

std::string RestoreSqlite(const std::string& from, const std::string& data_dir,
                          BackupSummary& summary) {
    const auto start = std::chrono::steady_clock::now();
    std::error_code ec;
    if (fs::exists(data_dir, ec) && !fs::is_empty(data_dir, ec)) {
        return data_dir + " is not empty: a copy is restored into a new folder, never over data";
    }
    if (auto why = DescribeSqlite(from, summary); !why.empty()) return why;
    fs::create_directories(data_dir, ec);
    if (ec) return "cannot create " + data_dir + ": " + ec.message();
    // No server may start on the folder while it is being filled.
    FolderLock lock;
    if (auto why = lock.Acquire(data_dir); !why.empty()) return why;
    const std::string target = (fs::path(data_dir) / "tasjil.db").string();
    {
        Db source, db;
        if (auto why = Open(from, SQLITE_OPEN_READONLY, source); !why.empty()) return why;
        if (auto why = Open(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, db); !why.empty())
            return why;
        if (auto why = Copy(source.db, db.db); !why.empty()) {
            fs::remove(target, ec);
            return why;
        }
        bool ok = false;
        One(db.db, "PRAGMA journal_mode=WAL", ok);  // as the server keeps it
    }
    if (auto why = SyncFile(target); !why.empty()) return why;
    summary.seconds = Since(start);
    return "";
}

std::string DumpPostgres(const std::string& url, const std::string& to) {
    std::error_code ec;
    if (fs::exists(to, ec)) return to + " exists already: a backup never overwrites one";
    const std::string partial = to + ".partial";
    if (auto why =
            Run({"pg_dump", "--format=custom", "--no-owner", "--file", partial, "--dbname", url});
        !why.empty()) {
        fs::remove(partial, ec);
        return why;
    }
    if (auto why = SyncFile(partial); !why.empty()) return why;
    fs::rename(partial, to, ec);
    return ec ? "cannot put the copy in place: " + ec.message() : "";
}

std::string RestorePostgres(const std::string& from, const std::string& url) {
    try {
        auto c = OpenPostgres(url);
        if (!c->Query("SELECT 1 FROM information_schema.tables WHERE table_name = 'files'")
                 .empty()) {
            return "the database already holds Tasjil tables: restore into an empty database";
        }
    } catch (const DbError& e) {
        return e.what();
    }
    return Run({"pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname",
                url, from});
}

bool ArchivingCheck::ok() const {
    for (const auto& i : items) {
        if (!i.ok) return false;
    }
    return true;
}

std::string CheckPostgresArchiving(const std::string& url, ArchivingCheck& check) {
    try {
        auto c = OpenPostgres(url);
        auto setting = [&](const std::string& name) {
            const auto rows = c->Query("SELECT current_setting(?)", {name});
            return rows.empty() || !rows[0][0] ? std::string() : *rows[0][0];
        };
        const std::string wal_level = setting("wal_level");
        check.items.push_back({"wal_level", wal_level, "replica or logical",
                               wal_level == "replica" || wal_level == "logical"});
        const std::string mode = setting("archive_mode");
        check.items.push_back(
            {"archive_mode", mode, "on or always", mode == "on" || mode == "always"});
        const std::string command = setting("archive_command");
        check.items.push_back({"archive_command", command,
                               "a command that copies %p to the archive (not empty)",
                               !command.empty() && command != "(disabled)"});
        const std::string timeout = setting("archive_timeout");
        check.items.push_back({"archive_timeout", timeout, "at most 60s (the RPO of a restore)",
                               timeout != "0" && timeout != "0s"});
        const std::string standby = setting("synchronous_standby_names");
        check.items.push_back({"synchronous_standby_names", standby,
                               "a standby (an acknowledged file on two machines)",
                               !standby.empty()});
    } catch (const DbError& e) {
        return e.what();
    }
    return "";
}

}  // namespace tasjil::server
