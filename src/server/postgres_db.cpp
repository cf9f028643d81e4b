// PostgreSQL driver over libpq: parameters as text, `?` rewritten to $n.
#include <libpq-fe.h>

#include "server/db.h"

namespace tasjil::server {

namespace {

std::string Dollarise(const std::string& sql) {
    std::string out;
    int n = 0;
    bool quoted = false;
    for (char c : sql) {
        if (c == '\'') quoted = !quoted;
        if (c == '?' && !quoted) {
            out += "$" + std::to_string(++n);
        } else {
            out.push_back(c);
        }
    }
    return out;
}

class PostgresConnection final : public Connection {
  public:
    explicit PostgresConnection(const std::string& conninfo)
        : conn_(PQconnectdb(conninfo.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) {
            const std::string why = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw DbError("cannot connect to PostgreSQL: " + why, DbFault::kUnavailable);
        }
        // libpq prints the server's notices (a shutdown's FATAL among them) on stderr; the
        // errors that matter reach the caller as DbError and are logged there.
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
        Exec("SET synchronous_commit = on", {});
    }
    ~PostgresConnection() override { PQfinish(conn_); }

    void Exec(const std::string& sql, const std::vector<Value>& params) override {
        PGresult* r = Run(sql, params);
        const char* tuples = PQcmdTuples(r);
        changes_ = tuples && *tuples ? std::stoll(tuples) : 0;
        PQclear(r);
    }
    std::vector<Row> Query(const std::string& sql, const std::vector<Value>& params) override {
        PGresult* r = Run(sql, params);
        std::vector<Row> rows;
        const int n = PQntuples(r), m = PQnfields(r);
        for (int i = 0; i < n; ++i) {
            Row row;
            for (int c = 0; c < m; ++c) {
                if (PQgetisnull(r, i, c)) {
                    row.emplace_back(std::nullopt);
                } else {
                    row.emplace_back(std::string(PQgetvalue(r, i, c),
                                                 static_cast<std::size_t>(PQgetlength(r, i, c))));
                }
            }
            rows.push_back(std::move(row));
        }
        PQclear(r);
        return rows;
    }
    std::int64_t Changes() override { return changes_; }
    void Begin() override { Exec("BEGIN ISOLATION LEVEL READ COMMITTED", {}); }
    SqlDialect Dialect() const override { return SqlDialect::kPostgresql; }
    bool Broken() const override { return broken_ || PQstatus(conn_) == CONNECTION_BAD; }

  private:
    PGresult* Run(const std::string& sql, const std::vector<Value>& params) {
        std::vector<const char*> values;
        for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
        PGresult* r = PQexecParams(conn_, Dollarise(sql).c_str(), static_cast<int>(params.size()),
                                   nullptr, values.data(), nullptr, nullptr, 0);
        const auto status = PQresultStatus(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
            const std::string why = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
            const DbFault fault = Classify(state ? state : "");
            PQclear(r);
            throw DbError("PostgreSQL: " + why, fault);
        }
        return r;
    }

    // SQLSTATE classes (PostgreSQL manual, appendix A) that mean "not now" rather than "never".
    DbFault Classify(const std::string& state) {
        if (state == "23505") return DbFault::kUnique;
        if (PQstatus(conn_) == CONNECTION_BAD || state.empty() || state.rfind("08", 0) == 0) {
            return DbFault::kUnavailable;  // connection exception, or no answer at all
        }
        if (state == "57P01" || state == "57P02" || state == "57P03" || state == "25006") {
            // Shut down, crashed, starting, or a standby that cannot write: this session is over
            // (a new one finds the primary through target_session_attrs=read-write).
            broken_ = true;
            return DbFault::kUnavailable;
        }
        if (state.rfind("53", 0) == 0 || state.rfind("58", 0) == 0 || state == "40001" ||
            state == "40P01" || state == "55P03" || state == "57014") {
            // Disk full, out of memory, too many connections, I/O error; serialization failure,
            // deadlock, lock not available, statement timeout.
            return DbFault::kUnavailable;
        }
        return DbFault::kOther;
    }

    PGconn* conn_;
    std::int64_t changes_ = 0;
    bool broken_ = false;
};

}  // namespace

std::unique_ptr<Connection> OpenPostgres(const std::string& conninfo) {
    return std::make_unique<PostgresConnection>(conninfo);
}

}  // namespace tasjil::server
