// Tasjil server: the small SQL driver interface that SQLite and PostgreSQL implement, so that
// one storage implementation (sql_storage.cpp) serves both. Statements use `?` placeholders
// (rewritten to $n for PostgreSQL); every value travels as text or NULL.
#pragma once

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

struct DbError : std::runtime_error {
    DbError(const std::string& what, bool unique)
        : std::runtime_error(what), unique_violation(unique) {}
    bool unique_violation;  // a UNIQUE or PRIMARY KEY constraint refused the write
};

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
    virtual const char* Dialect() const = 0;  // "sqlite" | "postgresql"
};

// A fixed set of connections handed out one at a time.
class Pool {
  public:
    explicit Pool(std::vector<std::unique_ptr<Connection>> connections);

    // Runs `work` with a connection; inside a transaction when `transaction` is true (committed
    // when `work` returns, rolled back when it throws).
    void With(const std::function<void(Connection&)>& work, bool transaction = false);
    const char* Dialect() const;

  private:
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> all_;
    std::vector<Connection*> free_;
};

std::unique_ptr<Connection> OpenSqlite(const std::string& path);
std::unique_ptr<Connection> OpenPostgres(const std::string& conninfo);

}  // namespace tasjil::server
