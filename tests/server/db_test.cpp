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

std::string Metric(const ServerFixture& s, const std::string& name) {
    auto r = s.MetricsClient().Get("/metrics");
    if (!r) return "";
    std::istringstream lines(r->body);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(name + " ", 0) == 0) return line.substr(name.size() + 1);
    }
    return "";
}

double SecondsBetween(FileLoad::TimePoint a, FileLoad::TimePoint b) {
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
    FileLoad load("http://127.0.0.1:" + std::to_string(s.port), 4);
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
    FileLoad load("http://127.0.0.1:" + std::to_string(s.port), 4);
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
    const auto once = CheckStoredOnce(pg, load.Acknowledged());
    INFO(once.acknowledged << " files acknowledged");
    CHECK(once.missing == 0);
    CHECK(once.twice == 0);
    CHECK(once.stored == once.acknowledged);  // nothing stored that was not acknowledged
}

TEST_CASE("A SQLite database on a read-only file system is refused as unavailable, not broken",
          "[server][db][sqlite]") {
    // A file system the kernel turned read-only (after an I/O error) or mounted so: SQLite
    // would quietly open the file for reading only, and every write would fail later.
    TmpfsMount mnt("tasjil-ro-", "16m");
    REQUIRE(mnt.ok);
    const std::string url = "sqlite:" + (mnt.path / "t.db").string();
    server::OpenStorage(url);  // created and migrated, then closed
    REQUIRE(mnt.Remount(true));
    try {
        server::OpenStorage(url);
        FAIL("a read-only database was opened");
    } catch (const server::DbError& e) {
        CHECK(e.unavailable());
        CHECK(std::string(e.what()).find("read-only") != std::string::npos);
    }
    REQUIRE(mnt.Remount(false));
    CHECK(server::OpenStorage(url)->CountFilesByStatus().empty());
}
