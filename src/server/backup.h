// Tasjil server: consistent copies of the database while the server serves, and restoring one
// into a new data folder (tasjil-server admin backup | restore).
//
// SQLite: the online backup API copies the database page by page under a read transaction, so
// the copy is one consistent moment even while files keep arriving (WAL readers never block the
// writer). The copy is a SQLite database itself, checked (integrity_check) before it is kept.
// PostgreSQL: pg_dump's custom format for a logical copy; physical backups (pg_basebackup and
// WAL archiving, for point-in-time recovery) are the cluster's own, and `CheckPostgresArchiving`
// says whether the cluster is set up for them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tasjil::server {

// What a copy holds: rows per table (files, status_history, audit, outbox, staff, …) and the
// schema version, so an operator sees at once that it is the copy they expect.
struct BackupSummary {
    std::map<std::string, std::int64_t> rows;
    std::int64_t schema_version = 0;
    std::int64_t bytes = 0;  // size of the copy
    double seconds = 0;      // how long it took
};

// Copies the SQLite database `database` to `to` (written beside it, checked, then renamed into
// place; an existing `to` is refused). Returns "" or the reason.
std::string BackupSqlite(const std::string& database, const std::string& to,
                         BackupSummary& summary);

// Restores the copy `from` as `data_dir`/tasjil.db. `data_dir` must be empty or absent, and no
// server may hold it. The copy is checked before anything is written. Returns "" or the reason.
std::string RestoreSqlite(const std::string& from, const std::string& data_dir,
                          BackupSummary& summary);

// Reads what a copy holds (integrity checked). Returns "" or the reason.
std::string DescribeSqlite(const std::string& path, BackupSummary& summary);

// pg_dump --format=custom of `url` into `to`. Returns "" or the reason.
std::string DumpPostgres(const std::string& url, const std::string& to);
// pg_restore of `from` into the database at `url`, which must hold no Tasjil tables yet.
std::string RestorePostgres(const std::string& from, const std::string& url);

// The cluster's settings for physical backups, each with what it should be.
struct ArchivingCheck {
    struct Item {
        std::string setting, value, expected;
        bool ok = false;
    };
    std::vector<Item> items;
    bool ok() const;
};
// Reads wal_level, archive_mode, archive_command, synchronous_standby_names … of the cluster at
// `url`. Returns "" or the reason it could not ask.
std::string CheckPostgresArchiving(const std::string& url, ArchivingCheck& check);

}  // namespace tasjil::server
