// Tasjil server: the small SQL driver interface that SQLite and PostgreSQL implement, so that
// one storage implementation (sql_storage.cpp) serves both, and the pool that hands out their
// connections. Statements use `?` placeholders (rewritten to $n for PostgreSQL); every value
// travels as text or NULL.
//
// A database that is away (restarted, failed over, disk full, read-only) is an ordinary day:
// the drivers classify such errors as `unavailable`, the pool replaces broken connections with
// backoff and retries an operation once where the caller says that is safe, and the HTTP layer
// answers 503 with Retry-After instead of 500.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tasjil::server {

using Value = std::optional<std::string>;
using Row = std::vector<Value>;

// Why a statement failed, as far as the caller needs to know.
enum class DbFault {
    kOther,        // a bug or a schema problem: the request fails (500)
    kUnique,       // a UNIQUE or PRIMARY KEY constraint refused the write
    kUnavailable,  // the database cannot serve now (connection lost, restarting, read-only,
                   // disk full, busy): the request may succeed later (503 + Retry-After)
};

struct DbError : std::runtime_error {
    DbError(const std::string& what, DbFault why) : std::runtime_error(what), fault(why) {}
    DbFault fault;
    bool unique_violation() const { return fault == DbFault::kUnique; }
    bool unavailable() const { return fault == DbFault::kUnavailable; }
};

// The SQL a connection speaks: where the two differ (auto-increment keys, the audit trail's
// triggers or rules, SKIP LOCKED, a probe's padding), the storage writes each its own.
enum class SqlDialect { kSqlite, kPostgresql };

class Connection {
  public:
    virtual ~Connection() = default;
    virtual void Exec(const std::string& sql, const std::vector<Value>& params = {}) = 0;
    virtual std::vector<Row> Query(const std::string& sql,
                                   const std::vector<Value>& params = {}) = 0;
    // Rows changed by the last Exec.
    virtual std::int64_t Changes() = 0;
    // Starts a write transaction (SQLite takes the write lock at once).
    virtual void Begin() = 0;
    virtual SqlDialect Dialect() const = 0;
    // True once the connection itself is lost (the server closed it, restarted or failed
    // over): it can never be used again.
    virtual bool Broken() const = 0;
};

// Whether an operation may run a second time after meeting a database that is away.
enum class Retry {
    kNo,   // a write whose second run could do it twice or answer differently
    kYes,  // a read, or a write that is idempotent (the intake by file_id, marking sent)
};

// What the pool has seen, for /metrics.
struct PoolStats {
    std::int64_t open = 0;               // connections open now
    std::int64_t size = 0;               // connections at most
    std::uint64_t connects = 0;          // connections opened since start
    std::uint64_t connect_failures = 0;  // attempts that failed
    std::uint64_t broken = 0;            // connections found lost and closed
    std::uint64_t unavailable = 0;       // operations that failed because the database was away
    std::uint64_t retried = 0;           // operations run a second time on a fresh connection
    bool available = true;               // the last operation or connection attempt succeeded
};

// Up to `size` connections, opened when first needed and replaced when lost. When the database
// cannot be reached, new attempts wait out a backoff (0.2 s doubling to 2 s) and requests in
// between fail at once as unavailable rather than queueing behind a dead server.
class Pool {
  public:
    using Opener = std::function<std::unique_ptr<Connection>()>;
    // Opens the first connection now, so a server that cannot reach its database at start
    // says so and exits.
    Pool(Opener open, int size);

    // Runs `work` with a connection; inside a transaction when `transaction` is true (committed
    // when `work` returns, rolled back when it throws). With Retry::kYes an operation that meets
    // a database that is away runs once more on a fresh connection: `work` must then start
    // from nothing (assign its results, never append to them).
    void With(const std::function<void(Connection&)>& work, bool transaction = false,
              Retry retry = Retry::kNo);
    SqlDialect Dialect() const { return dialect_; }
    PoolStats Stats() const;

  private:
    struct Slot {
        std::unique_ptr<Connection> connection;
        std::uint64_t generation = 0;  // the pool's generation when it was opened
    };
    Slot* Acquire();
    void Release(Slot* slot, bool discard);
    // Runs `work` once; `unusable` is set when a failed transaction could not be rolled back.
    void RunOnce(Slot& slot, const std::function<void(Connection&)>& work, bool transaction,
                 bool& unusable);

    Opener open_;
    SqlDialect dialect_ = SqlDialect::kSqlite;
    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::vector<Slot> slots_;
    std::vector<Slot*> free_;
    // Bumped when a connection is found lost: the idle ones of older generations went to the
    // same server and are replaced before use instead of failing one request each.
    std::uint64_t generation_ = 0;
    std::chrono::steady_clock::time_point next_connect_at_{};
    std::chrono::milliseconds backoff_{0};
    PoolStats stats_;
};

std::unique_ptr<Connection> OpenSqlite(const std::string& path);
// `conninfo` as libpq takes it, multi-host lists and target_session_attrs included.
std::unique_ptr<Connection> OpenPostgres(const std::string& conninfo);

}  // namespace tasjil::server
