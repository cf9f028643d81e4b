// The database away on an ordinary day (src/server/db.cpp): a PostgreSQL restarted or crashed
// under load, a SQLite file system turned read-only. Nothing acknowledged is lost, nothing is
// stored twice, no request answers 500, and the server recovers without being restarted.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "server_fixture.h"
#include "services.h"

using namespace tasjil;
using namespace tasjil::test;
using Json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

namespace {

// Parents posting files without pause, as the app's outbox does: a file is sent again after
// 503 (or no answer) until it is acknowledged. Every answer is recorded.
class Load {
  public:
    Load(const ServerFixture& server, int clients) {
        for (int i = 0; i < clients; ++i) {
            threads_.emplace_back([this, &server] { Run(server); });
        }
    }
    ~Load() { Stop(); }
    void Stop() {
        running_ = false;
        for (auto& t : threads_) {
            if (t.joinable()) t.join();
        }
    }
    // The file ids acknowledged (201 or 200), and how many answers had each status.
    std::vector<std::string> Acknowledged() {
        std::lock_guard lock(mutex_);
        return acknowledged_;
    }
    std::map<int, int> Statuses() {
        std::lock_guard lock(mutex_);
        return statuses_;
    }
    // When the last 201 after `since` came (the service accepts files again).
    std::optional<SteadyClock::time_point> FirstCreatedAfter(SteadyClock::time_point since) {
        std::lock_guard lock(mutex_);
        for (auto t : created_at_) {
            if (t >= since) return t;
        }
        return std::nullopt;
    }
    bool Missing503RetryAfter() const { return missing_retry_after_; }

  private:
    void Run(const ServerFixture& server) {
        auto c = server.Client();
        c.set_connection_timeout(2);
        c.set_read_timeout(20);
        while (running_) {
            const Json file = NewFile();
            for (;;) {
                auto r = c.Post("/api/v1/files", file.dump(), "application/json");
                const int status = r ? r->status : 0;
                {
                    std::lock_guard lock(mutex_);
                    ++statuses_[status];
                    if (status == 201) created_at_.push_back(SteadyClock::now());
                    if (status == 201 || status == 200) acknowledged_.push_back(file["file_id"]);
                    if (status == 503 && r->get_header_value("Retry-After").empty())
                        missing_retry_after_ = true;
                }
                if (status == 201 || status == 200) break;
                if (status != 503 && status != 0) break;  // counted: the test fails on it
                // The app waits Retry-After; the test retries sooner to see the recovery.
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
    }
    std::atomic<bool> running_{true};
    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::vector<std::string> acknowledged_;
    std::vector<SteadyClock::time_point> created_at_;
    std::map<int, int> statuses_;
    bool missing_retry_after_ = false;
};

// Every acknowledged file is stored, once.
void CheckAllStoredOnce(PostgresCluster& pg, const std::vector<std::string>& acknowledged) {
    const std::set<std::string> ids(acknowledged.begin(), acknowledged.end());
    const auto rows = pg.Psql("SELECT file_id FROM files");
    std::multiset<std::string> stored;
    std::istringstream lines(rows);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) stored.insert(line);
    }
    std::size_t missing = 0, twice = 0;
    for (const auto& id : ids) {
        const auto n = stored.count(id);
        missing += n == 0;
        twice += n > 1;
    }
    INFO(ids.size() << " files acknowledged");
    CHECK(missing == 0);
    CHECK(twice == 0);
    CHECK(stored.size() == ids.size());  // no file stored that was never acknowledged either
}

std::string Metric(const ServerFixture& s, const std::string& name) {
    auto r = s.MetricsClient().Get("/metrics");
    if (!r) return "";
    std::istringstream lines(r->body);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(name + " ", 0) == 0) return line.substr(name.size() + 1);
    }
    return "";
}

double SecondsBetween(SteadyClock::time_point a, SteadyClock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

// One test client posts for many parents: no per-address limit.
server::HttpConfig Unlimited() {
    server::HttpConfig config;
    config.api.submit_per_minute = 0;
    return config;
}

}  // namespace

TEST_CASE("A PostgreSQL restart under load costs a few 503s, never a 500 or a file",
          "[server][db][postgresql]") {
    PostgresCluster pg;
    INFO(pg.error);
    REQUIRE(pg.ok);
    ServerFixture s(pg.url, Unlimited());
    auto c = s.Client();
    for (int i = 0; i < 10; ++i) {
        REQUIRE(c.Post("/api/v1/files", NewFile().dump(), "application/json")->status == 201);
    }
    Load load(s, 4);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const bool restarted_ok = pg.Restart();
    INFO(pg.error);
    REQUIRE(restarted_ok);
    const auto restarted = SteadyClock::now();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    load.Stop();
    const auto statuses = load.Statuses();
    for (const auto& [status, n] : statuses) INFO("status " << status << ": " << n);
    CHECK(statuses.count(500) == 0);
    CHECK(statuses.count(0) == 0);  // every request was answered
    CHECK_FALSE(load.Missing503RetryAfter());
    const auto back = load.FirstCreatedAfter(restarted);
    REQUIRE(back);
    std::printf("PostgreSQL restart: files accepted again %.3f s after the restart returned\n",
                SecondsBetween(restarted, *back));
    CHECK(SecondsBetween(restarted, *back) < 10);
    // The same server, without being restarted: plain requests work and readiness recovers.
    CHECK(c.Post("/api/v1/files", NewFile().dump(), "application/json")->status == 201);
    s.clock->now += 10;  // past the readiness probe's cache
    CHECK(c.Get("/readyz")->status == 200);
    auto acknowledged = load.Acknowledged();
    CHECK(acknowledged.size() > 10);
    CHECK(Metric(s, "tasjil_database_up") == "1");
    CHECK(Metric(s, "tasjil_database_events_total{event=\"connection_lost\"}") != "0");
    // The first ten, the load's and the last one.
    const auto stored = pg.Psql("SELECT COUNT(*) FROM files");
    CHECK(std::stoul(stored) ==
          std::set<std::string>(acknowledged.begin(), acknowledged.end()).size() + 11);
}

TEST_CASE("A PostgreSQL crash under load loses no acknowledged file and the server reconnects",
          "[server][db][postgresql]") {
    PostgresCluster pg;
    INFO(pg.error);
    REQUIRE(pg.ok);
    ServerFixture s(pg.url, Unlimited());
    Load load(s, 4);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const bool killed = pg.KillPostmaster();
    INFO(pg.error);
    REQUIRE(killed);
    // While it is down: refused with 503 and Retry-After, and not ready.
    auto c = s.Client();
    auto refused = c.Post("/api/v1/files", NewFile().dump(), "application/json");
    REQUIRE(refused);
    CHECK(refused->status == 503);
    CHECK(refused->get_header_value("Retry-After") == "5");
    CHECK(Json::parse(refused->body)["code"] == "server.unavailable");
    s.clock->now += 10;
    CHECK(c.Get("/readyz")->status == 503);
    CHECK(Metric(s, "tasjil_database_up") == "0");
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const bool started_again = pg.Start();  // crash recovery from the WAL
    INFO(pg.error);
    REQUIRE(started_again);
    const auto started = SteadyClock::now();
    std::this_thread::sleep_for(std::chrono::seconds(3));
    load.Stop();
    const auto statuses = load.Statuses();
    for (const auto& [status, n] : statuses) INFO("status " << status << ": " << n);
    CHECK(statuses.count(500) == 0);
    CHECK(statuses.count(0) == 0);
    CHECK(statuses.find(503) != statuses.end());  // the load saw the database away
    const auto back = load.FirstCreatedAfter(started);
    REQUIRE(back);
    std::printf("PostgreSQL crash: files accepted again %.3f s after it started again\n",
                SecondsBetween(started, *back));
    CHECK(SecondsBetween(started, *back) < 10);
    s.clock->now += 10;
    CHECK(c.Get("/readyz")->status == 200);
    CheckAllStoredOnce(pg, load.Acknowledged());
}

TEST_CASE("A SQLite database on a read-only file system is refused as unavailable, not broken",
          "[server][db][sqlite]") {
    // A file system the kernel turned read-only (after an I/O error) or mounted so: SQLite
    // would quietly open the file for reading only, and every write would fail later.
    const auto mnt =
        std::filesystem::temp_directory_path() / ("tasjil-ro-" + std::to_string(::getpid()));
    std::filesystem::create_directories(mnt);
    REQUIRE(std::system(("mount -t tmpfs -o size=16m tmpfs " + mnt.string()).c_str()) == 0);
    struct Unmount {
        std::filesystem::path p;
        ~Unmount() {
            std::system(("umount " + p.string()).c_str());
            std::filesystem::remove_all(p);
        }
    } unmount{mnt};
    const std::string url = "sqlite:" + (mnt / "t.db").string();
    server::OpenStorage(url);  // created and migrated, then closed
    REQUIRE(std::system(("mount -o remount,ro " + mnt.string()).c_str()) == 0);
    try {
        server::OpenStorage(url);
        FAIL("a read-only database was opened");
    } catch (const server::DbError& e) {
        CHECK(e.unavailable());
        CHECK(std::string(e.what()).find("read-only") != std::string::npos);
    }
    REQUIRE(std::system(("mount -o remount,rw " + mnt.string()).c_str()) == 0);
    CHECK(server::OpenStorage(url)->CountFilesByStatus().empty());
}
