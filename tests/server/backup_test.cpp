// Backups and a tested restore (src/server/backup.cpp, tasjil-server admin backup | restore):
// a copy taken while files keep arriving holds every file acknowledged before it, with its
// status, history, audit and outbox state, and a server started on the restored folder works,
// staff log-ins included.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "server/backup.h"
#include "server_fixture.h"
#include "services.h"

using namespace tasjil;
using namespace tasjil::test;
using Json = nlohmann::json;

namespace {

int Admin(const std::string& args) {
    return std::system(
        (std::string(TASJIL_SERVER) + " admin " + args + " > /dev/null 2>&1").c_str());
}

httplib::Headers LogIn(httplib::Client& c) {
    auto login =
        c.Post("/api/v1/staff/sessions",
               Json{{"username", "martil.director"}, {"password", "correct horse battery"}}.dump(),
               "application/json");
    REQUIRE(login);
    REQUIRE(login->status == 201);
    return {{"Authorization", "Bearer " + Json::parse(login->body)["token"].get<std::string>()}};
}

}  // namespace

TEST_CASE("A backup taken under load restores every acknowledged file with its whole state",
          "[server][backup]") {
    const auto root =
        std::filesystem::temp_directory_path() / ("tasjil-backup-" + std::to_string(FreePort()));
    std::filesystem::create_directories(root);
    server::HttpConfig unlimited;
    unlimited.api.submit_per_minute = 0;
    std::vector<std::string> acknowledged_before;
    std::string decided;
    std::vector<server::AuditEntry> audit;
    std::vector<std::pair<server::FileStatus, std::string>> history;
    std::vector<server::OutboxMessage> messages;
    {
        ServerFixture s("", unlimited);
        s.service->CreateStaff("martil.director", "correct horse battery", "school", "57303B");
        auto c = s.Client();
        // A file decided by its school: status, history, audit and messages to find again.
        auto created = c.Post("/api/v1/files", NewFile().dump(), "application/json");
        REQUIRE(created->status == 201);
        decided = Json::parse(created->body)["reference"];
        auto auth = LogIn(c);
        auto decision =
            c.Post(("/api/v1/staff/files/" + decided + "/decision").c_str(), auth,
                   Json{{"decision", "reject"}, {"reason_code", "age.below_legal_age"}}.dump(),
                   "application/json");
        REQUIRE(decision->status == 200);
        audit = s.storage->AuditTrail(decided);
        history = s.storage->StatusHistory(decided);
        messages = s.storage->MessagesFor(decided);
        REQUIRE(audit.size() == 1);
        REQUIRE(history.size() == 2);

        FileLoad load("http://127.0.0.1:" + std::to_string(s.port), 4);
        std::this_thread::sleep_for(std::chrono::seconds(1));
        acknowledged_before = load.Acknowledged();
        REQUIRE(Admin("backup --data " + s.dir.string() + " --to " + (root / "copy.db").string()) ==
                0);
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        load.Stop();
        CHECK(load.Acknowledged().size() > acknowledged_before.size());  // it kept serving
        const auto statuses = load.Statuses();
        CHECK(statuses.size() == 1);  // 201 only: the copy never stopped the intake
        // A backup never overwrites one, and a restore never goes over a folder in use.
        CHECK(Admin("backup --data " + s.dir.string() + " --to " + (root / "copy.db").string()) !=
              0);
        CHECK(Admin("restore --from " + (root / "copy.db").string() + " --data " +
                    s.dir.string()) != 0);
    }
    CHECK(Admin("restore --from " + (root / "nothing.db").string() + " --data " +
                (root / "new").string()) != 0);
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(Admin("restore --from " + (root / "copy.db").string() + " --data " +
                  (root / "restored").string()) == 0);
    std::printf("restore of %zu files: %.3f s\n", acknowledged_before.size() + 1,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    // A new server on the restored folder.
    ServerFixture restored("sqlite:" + (root / "restored" / "tasjil.db").string());
    auto c = restored.Client();
    std::set<std::string> stored;
    for (const auto& row : server::OpenSqlite((root / "restored" / "tasjil.db").string())
                               ->Query("SELECT file_id FROM files"))
        stored.insert(*row[0]);
    std::size_t missing = 0;
    for (const auto& id : acknowledged_before) missing += stored.count(id) == 0;
    INFO(acknowledged_before.size() << " files acknowledged before the backup");
    CHECK(missing == 0);
    const auto file = restored.storage->FindByReference(decided);
    REQUIRE(file);
    CHECK(file->status == server::FileStatus::kRejected);
    CHECK(restored.storage->StatusHistory(decided) == history);
    const auto restored_audit = restored.storage->AuditTrail(decided);
    REQUIRE(restored_audit.size() == 1);
    CHECK(restored_audit[0].detail == audit[0].detail);
    CHECK(restored_audit[0].staff == audit[0].staff);
    const auto restored_messages = restored.storage->MessagesFor(decided);
    REQUIRE(restored_messages.size() == messages.size());
    for (std::size_t i = 0; i < messages.size(); ++i) {
        CHECK(restored_messages[i].id == messages[i].id);
        CHECK(restored_messages[i].status == messages[i].status);
    }
    // Staff accounts work, and the restored server takes new files.
    auto auth = LogIn(c);
    CHECK(c.Get(("/api/v1/staff/files/" + decided).c_str(), auth)->status == 200);
    CHECK(c.Post("/api/v1/files", NewFile().dump(), "application/json")->status == 201);
    std::filesystem::remove_all(root);
}

TEST_CASE("A damaged or foreign file is refused as a backup before anything is written",
          "[server][backup]") {
    const auto root = std::filesystem::temp_directory_path() /
                      ("tasjil-backup-bad-" + std::to_string(FreePort()));
    std::filesystem::create_directories(root);
    { std::ofstream(root / "garbage.db") << "not a database at all"; }
    server::BackupSummary summary;
    CHECK(server::RestoreSqlite((root / "garbage.db").string(), (root / "a").string(), summary)
              .find("not a database") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(root / "a" / "tasjil.db"));
    // A SQLite database that is not Tasjil's.
    server::OpenSqlite((root / "other.db").string())->Exec("CREATE TABLE t (x)");
    CHECK(server::RestoreSqlite((root / "other.db").string(), (root / "b").string(), summary)
              .find("not a Tasjil database") != std::string::npos);
    // A truncated copy.
    {
        ServerFixture s;
        s.Client().Post("/api/v1/files", NewFile().dump(), "application/json");
        REQUIRE(server::BackupSqlite((s.dir / "tasjil.db").string(), (root / "good.db").string(),
                                     summary) == "");
        CHECK(summary.rows["files"] == 1);
    }
    const auto size = std::filesystem::file_size(root / "good.db");
    std::filesystem::copy_file(root / "good.db", root / "cut.db");
    std::filesystem::resize_file(root / "cut.db", size / 2);
    CHECK_FALSE(
        server::RestoreSqlite((root / "cut.db").string(), (root / "c").string(), summary).empty());
    CHECK_FALSE(std::filesystem::exists(root / "c" / "tasjil.db"));
    std::filesystem::remove_all(root);
}

TEST_CASE(
    "PostgreSQL: a logical copy restores into an empty database and the archiving set-up "
    "is checked",
    "[server][backup][postgresql]") {
    PostgresCluster pg;
    INFO(pg.error);
    REQUIRE(pg.ok);
    PostgresCluster target;
    INFO(target.error);
    REQUIRE(target.ok);
    const auto root =
        std::filesystem::temp_directory_path() / ("tasjil-pgdump-" + std::to_string(FreePort()));
    std::filesystem::create_directories(root);
    {
        ServerFixture s(pg.url);
        for (int i = 0; i < 5; ++i)
            REQUIRE(
                s.Client().Post("/api/v1/files", NewFile().dump(), "application/json")->status ==
                201);
    }
    const std::string copy = (root / "tasjil.dump").string();
    const std::string out = RunCapture(std::string(TASJIL_SERVER) + " admin backup --database " +
                                       pg.url + " --to " + copy + " 2>&1");
    INFO(out);
    CHECK(std::filesystem::exists(copy));
    // A throw-away cluster has no WAL archive: the check says so, setting by setting.
    CHECK(out.find("MISSING archive_mode") != std::string::npos);
    CHECK(out.find("ok      wal_level") != std::string::npos);
    CHECK(Admin("restore --database " + target.url + " --from " + copy) == 0);
    CHECK(target.Psql("SELECT COUNT(*) FROM files") == "5\n");
    CHECK(target.Psql("SELECT COUNT(*) FROM status_history") == "5\n");
    // Never over a database that holds data.
    CHECK(Admin("restore --database " + target.url + " --from " + copy) != 0);
    CHECK(target.Psql("SELECT COUNT(*) FROM files") == "5\n");
    std::filesystem::remove_all(root);
}
