// SQLite driver: WAL journal, synchronous=FULL (a commit survives a power cut), a busy timeout.
#include <sqlite3.h>

#include <unordered_map>

#include "server/db.h"

namespace tasjil::server {

namespace {

class SqliteConnection final : public Connection {
  public:
    explicit SqliteConnection(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                            nullptr) != SQLITE_OK) {
            const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw DbError("cannot open SQLite database " + path + ": " + why,
                          DbFault::kUnavailable);
        }
        if (sqlite3_db_readonly(db_, "main") == 1) {
            // SQLite falls back to reading when the file or its file system cannot be written:
            // that connection could never store a file.
            sqlite3_close(db_);
            throw DbError("SQLite database " + path + " is read-only", DbFault::kUnavailable);
        }
        sqlite3_busy_timeout(db_, 10000);
        Exec("PRAGMA journal_mode=WAL", {});
        Exec("PRAGMA synchronous=FULL", {});
        Exec("PRAGMA foreign_keys=ON", {});
    }
    ~SqliteConnection() override {
        for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
        sqlite3_close(db_);
    }

    void Exec(const std::string& sql, const std::vector<Value>& params) override {
        Run(sql, params, nullptr);
    }
    std::vector<Row> Query(const std::string& sql, const std::vector<Value>& params) override {
        std::vector<Row> rows;
        Run(sql, params, &rows);
        return rows;
    }
    std::int64_t Changes() override { return sqlite3_changes64(db_); }
    void Begin() override { Exec("BEGIN IMMEDIATE", {}); }
    SqlDialect Dialect() const override { return SqlDialect::kSqlite; }
    bool Broken() const override { return broken_; }

  private:
    void Run(const std::string& sql, const std::vector<Value>& params, std::vector<Row>* rows) {
        // Statements are compiled once and kept: compiling costs more than running them.
        sqlite3_stmt*& stmt = statements_[sql];
        if (!stmt && sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt,
                                        nullptr) != SQLITE_OK) {
            statements_.erase(sql);
            throw DbError(std::string("SQLite: ") + sqlite3_errmsg(db_),
                          Classify(sqlite3_extended_errcode(db_)));
        }
        struct Reset {
            sqlite3_stmt* s;
            ~Reset() {
                sqlite3_reset(s);
                sqlite3_clear_bindings(s);
            }
        } reset{stmt};
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int index = static_cast<int>(i + 1);
            if (params[i]) {
                sqlite3_bind_text(stmt, index, params[i]->data(),
                                  static_cast<int>(params[i]->size()), SQLITE_TRANSIENT);
            } else {
                sqlite3_bind_null(stmt, index);
            }
        }
        for (;;) {
            const int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) break;
            if (rc == SQLITE_ROW) {
                if (!rows) continue;
                Row row;
                const int n = sqlite3_column_count(stmt);
                for (int c = 0; c < n; ++c) {
                    if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
                        row.emplace_back(std::nullopt);
                    } else {
                        const auto* text =
                            reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                        row.emplace_back(std::string(
                            text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
                    }
                }
                rows->push_back(std::move(row));
                continue;
            }
            throw DbError("SQLite: " + std::string(sqlite3_errmsg(db_)),
                          Classify(sqlite3_extended_errcode(db_)));
        }
    }

    // Result codes (sqlite.org/rescode.html) that mean "not now": a full disk, a read-only
    // file or folder, an I/O error, another writer holding the lock past the busy timeout.
    DbFault Classify(int extended) {
        if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
            return DbFault::kUnique;
        switch (extended & 0xff) {
            case SQLITE_IOERR:
            case SQLITE_CANTOPEN:
                // The file may have gone or been replaced: a new connection opens it afresh.
                broken_ = true;
                return DbFault::kUnavailable;
            case SQLITE_READONLY:
                // A new connection sees whether the file can be written again.
                broken_ = true;
                return DbFault::kUnavailable;
            case SQLITE_FULL:
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
            case SQLITE_NOMEM:
                return DbFault::kUnavailable;
            default:
                return DbFault::kOther;
        }
    }

    sqlite3* db_ = nullptr;
    bool broken_ = false;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

std::unique_ptr<Connection> OpenSqlite(const std::string& path) {
    return std::make_unique<SqliteConnection>(path);
}

}  // namespace tasjil::server
