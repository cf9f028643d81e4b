// Failover as production runs it: a PostgreSQL primary with a synchronous standby (an
// acknowledged file is on two machines), libpq's multi-host address with
// target_session_attrs=read-write, nginx in front of two servers. Files are posted without pause
// while the primary is killed (-9) and the standby promoted.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "deployment.h"
#include "server/storage.h"

using namespace tasjil;
using Json = nlohmann::json;

TEST_CASE(
    "When the primary dies and the standby is promoted, every acknowledged file survives, "
    "none twice, no 500, and each message is delivered once",
    "[deploy][failover][postgresql]") {
    test::PostgresCluster primary;
    INFO(primary.error);
    REQUIRE(primary.ok);
    test::PostgresCluster standby(primary, "standby1");
    INFO(standby.error);
    REQUIRE(standby.ok);
    // From now on a commit waits until the standby has it: an acknowledged file is on two
    // machines.
    primary.Psql("ALTER SYSTEM SET synchronous_standby_names = 'standby1'");
    primary.Psql("SELECT pg_reload_conf()");
    for (int i = 0;
         i < 100 && primary.Psql("SELECT sync_state FROM pg_stat_replication") != "sync\n"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    REQUIRE(primary.Psql("SELECT sync_state FROM pg_stat_replication") == "sync\n");

    test::SmtpServer smtp;
    const std::string database = "postgresql://test@127.0.0.1:" + std::to_string(primary.port) +
                                 ",127.0.0.1:" + std::to_string(standby.port) +
                                 "/tasjil?target_session_attrs=read-write&connect_timeout=2";
    test::Deployment d(database, smtp.port);
    test::FileLoad load("https://127.0.0.1:" + std::to_string(d.https), 4);
    std::this_thread::sleep_for(std::chrono::seconds(2));
    REQUIRE(primary.KillPostmaster());
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const bool promoted = standby.Promote();
    INFO(standby.error);
    REQUIRE(promoted);
    const auto promoted_at = std::chrono::steady_clock::now();
    for (int i = 0; i < 100 && !load.FirstCreatedAfter(promoted_at); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::this_thread::sleep_for(std::chrono::seconds(2));
    load.Stop();

    const auto statuses = load.Statuses();
    for (const auto& [status, n] : statuses) INFO("status " << status << ": " << n);
    CHECK(statuses.count(500) == 0);
    CHECK(statuses.count(502) == 0);  // nginx never lost a server
    CHECK(statuses.count(0) == 0);
    CHECK_FALSE(load.Missing503RetryAfter());
    const auto back = load.FirstCreatedAfter(promoted_at);
    REQUIRE(back);
    const double seconds = std::chrono::duration<double>(*back - promoted_at).count();
    std::printf("failover: files accepted again %.3f s after the promotion\n", seconds);
    CHECK(seconds < 10);

    const auto once = test::CheckStoredOnce(standby, load.Acknowledged());
    INFO(once.acknowledged << " files acknowledged");
    CHECK(once.acknowledged > 0);
    CHECK(once.missing == 0);
    CHECK(once.twice == 0);
    CHECK(once.stored == once.acknowledged);

    // The outbox drains on the new primary: every message delivered once (e-mail and SMS).
    auto storage = server::OpenStorage(standby.url);
    CHECK(test::WaitForOutboxDrained(*storage, 60) == 0);
    const auto n = static_cast<std::int64_t>(once.stored);
    CHECK(storage->CountMessagesByStatus()["sent"] == 2 * n);
    const auto delivered = d.Delivered(smtp);
    CHECK(delivered.mails == static_cast<std::size_t>(n));
    CHECK(delivered.distinct_mails == static_cast<std::size_t>(n));
    CHECK(delivered.sms == static_cast<std::size_t>(n));
}
