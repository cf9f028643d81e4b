// The retention the notice promises (src/server/retention.cpp): a school year's personal data
// is kept through the rules' personal_data_kept_until and deleted the day after, with the
// anonymous counts and the fact of the purge kept.
#include <catch2/catch.hpp>

#include "server/retention.h"
#include "server_fixture.h"
#include "services.h"

using namespace tasjil;
using namespace tasjil::test;
using Json = nlohmann::json;

namespace {

server::RulesForYear SampleRules() {
    return [](const std::string& year) -> std::optional<core::Rules> {
        if (year == "2026-2027") return Rules2026();
        return std::nullopt;
    };
}

core::Date Day(const char* iso) {
    return *core::ParseIsoDate(iso);
}

}  // namespace

namespace {

void CheckRetention(const std::string& database) {
    ServerFixture s(database);
    s.service->CreateStaff("martil.director", "correct horse battery", "school", "57303B");
    auto c = s.Client();
    const Json file = NewFile();
    auto created = c.Post("/api/v1/files", file.dump(), "application/json");
    REQUIRE(created->status == 201);
    const std::string ref = Json::parse(created->body)["reference"];
    REQUIRE(c.Post("/api/v1/files", NewFile().dump(), "application/json")->status == 201);
    auto login =
        c.Post("/api/v1/staff/sessions",
               Json{{"username", "martil.director"}, {"password", "correct horse battery"}}.dump(),
               "application/json");
    const httplib::Headers auth = {
        {"Authorization", "Bearer " + Json::parse(login->body)["token"].get<std::string>()}};
    REQUIRE(c.Post(("/api/v1/staff/files/" + ref + "/decision").c_str(), auth,
                   Json{{"decision", "reject"}, {"reason_code", "age.below_legal_age"}}.dump(),
                   "application/json")
                ->status == 200);
    const std::string look_up =
        "/api/v1/files/" + ref + "?birth_date=" + file["child"]["birth_date"].get<std::string>();
    CHECK(Rules2026().personal_data_kept_until == "2028-08-31");

    // The last day it is kept: nothing is deleted.
    auto kept = server::PurgeExpired(*s.storage, SampleRules(), Day("2028-08-31"), s.clock->now);
    CHECK(kept.purged.empty());
    REQUIRE(kept.kept.size() == 1);
    CHECK(kept.kept[0] == std::pair<std::string, std::string>{"2026-2027", "2028-08-31"});
    CHECK(c.Get(look_up.c_str())->status == 200);

    // The day after: the files, their history, audit entries and messages are gone.
    auto purged = server::PurgeExpired(*s.storage, SampleRules(), Day("2028-09-01"), s.clock->now);
    REQUIRE(purged.purged.size() == 1);
    CHECK(purged.purged[0].school_year == "2026-2027");
    CHECK(purged.purged[0].files == 2);
    CHECK(purged.purged[0].history == 3);  // two receipts and one decision
    CHECK(purged.purged[0].audit == 1);
    CHECK(purged.purged[0].messages ==
          6);  // acknowledgement ×2 and decision, each by e-mail and SMS
    CHECK(c.Get(look_up.c_str())->status == 404);
    CHECK_FALSE(s.storage->FindByReference(ref));
    CHECK(s.storage->MessagesFor(ref).empty());
    CHECK(s.storage->StatusHistory(ref).empty());
    CHECK(s.storage->AuditTrail(ref).empty());
    CHECK(s.storage->CountMessagesByStatus().empty());
    // The counts for planning stay, without a name or a reference.
    std::int64_t rejected = 0, pending = 0;
    for (const auto& r : s.storage->RetainedCounts()) {
        CHECK(r.school_year == "2026-2027");
        CHECK(r.school_code == "57303B");
        if (r.status == server::FileStatus::kRejected) {
            CHECK(r.reason == "age.below_legal_age");
            rejected += r.files;
        } else {
            pending += r.files;
        }
    }
    CHECK(rejected == 1);
    CHECK(pending == 1);
    // The audit keeps that a purge happened, and it cannot be deleted.
    const auto trail = s.storage->AuditTrail("");
    REQUIRE(trail.size() == 1);
    CHECK(trail[0].action == server::AuditAction::kPurge);
    CHECK(trail[0].detail == "school year 2026-2027, kept until 2028-08-31: 2 files");
    // A second run finds nothing more to delete, and counts nothing twice.
    auto again = server::PurgeExpired(*s.storage, SampleRules(), Day("2028-09-02"), s.clock->now);
    CHECK(again.purged.empty());
    CHECK(s.storage->RetainedCounts().size() == 2);
}

}  // namespace

TEST_CASE("A school year's files are kept through the notice's date and deleted the day after",
          "[server][retention]") {
    CheckRetention("");
}

TEST_CASE("PostgreSQL keeps the same retention, its audit rule included",
          "[server][retention][postgresql]") {
    PostgresCluster pg;
    INFO(pg.error);
    REQUIRE(pg.ok);
    CheckRetention(pg.url);
    // The rule keeps an entry whose file exists, or a purge entry, whatever a caller tries.
    CHECK(pg.Psql("DELETE FROM audit") == "DELETE 0\n");
    CHECK(pg.Psql("SELECT COUNT(*) FROM audit") == "1\n");
}

TEST_CASE("The audit trail of a file stays append-only while the file exists",
          "[server][retention]") {
    ServerFixture s;
    s.service->CreateStaff("martil.director", "correct horse battery", "school", "57303B");
    auto c = s.Client();
    const std::string ref = Json::parse(
        c.Post("/api/v1/files", NewFile().dump(), "application/json")->body)["reference"];
    server::AuditEntry entry;
    entry.at = "2026-04-10T09:00:00Z";
    entry.staff = "martil.director";
    entry.action = server::AuditAction::kInfoRequest;
    entry.reference = ref;
    s.storage->Record(entry, {});
    auto db = server::OpenSqlite((s.dir / "tasjil.db").string());
    CHECK_THROWS(db->Exec("DELETE FROM audit WHERE reference = ?", {ref}));
    CHECK_THROWS(db->Exec("DELETE FROM audit"));
    CHECK(s.storage->AuditTrail(ref).size() == 1);
}

TEST_CASE("A file an older server stored without its school year is purged with its year",
          "[server][retention]") {
    ServerFixture s;
    REQUIRE(s.Client().Post("/api/v1/files", NewFile().dump(), "application/json")->status == 201);
    // As a server from before the column writes it during a rolling upgrade.
    server::OpenSqlite((s.dir / "tasjil.db").string())->Exec("UPDATE files SET school_year = ''");
    auto report = server::PurgeExpired(*s.storage, SampleRules(), Day("2028-09-01"), s.clock->now);
    REQUIRE(report.purged.size() == 1);
    CHECK(report.purged[0].files == 1);
    CHECK(report.without_rules.empty());
}

TEST_CASE("A school year without rules is kept and reported, never deleted by guess",
          "[server][retention]") {
    ServerFixture s;
    REQUIRE(s.Client().Post("/api/v1/files", NewFile().dump(), "application/json")->status == 201);
    const auto none = [](const std::string&) -> std::optional<core::Rules> { return std::nullopt; };
    auto report = server::PurgeExpired(*s.storage, none, Day("2040-01-01"), s.clock->now);
    CHECK(report.purged.empty());
    CHECK(report.without_rules == std::vector<std::string>{"2026-2027"});
    CHECK(s.storage->CountFilesByStatus()["pending_review"] == 1);
}

TEST_CASE("tasjil-server admin purge deletes on the day after, not before, and says what",
          "[server][retention][cli]") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("tasjil-purge-" + std::to_string(FreePort()));
    std::filesystem::create_directories(dir);
    std::string reference, birth_date;
    {
        ServerFixture s("sqlite:" + (dir / "tasjil.db").string());
        const Json file = NewFile();
        birth_date = file["child"]["birth_date"];
        reference = Json::parse(
            s.Client().Post("/api/v1/files", file.dump(), "application/json")->body)["reference"];
    }
    const std::string purge = std::string(TASJIL_SERVER) + " admin purge --data " + dir.string() +
                              " --assets " + TASJIL_SOURCE_DIR + "/assets --today ";
    const std::string before = RunCapture(purge + "2028-08-31 2>&1");
    INFO(before);
    CHECK(before.find("kept school year 2026-2027 until 2028-08-31") != std::string::npos);
    {
        ServerFixture s("sqlite:" + (dir / "tasjil.db").string());
        CHECK(s.Client()
                  .Get(("/api/v1/files/" + reference + "?birth_date=" + birth_date).c_str())
                  ->status == 200);
    }
    const std::string after = RunCapture(purge + "2028-09-01 2>&1");
    INFO(after);
    CHECK(after.find("deleted school year 2026-2027: 1 files, 1 status changes, 0 audit "
                     "entries, 2 messages") != std::string::npos);
    {
        ServerFixture s("sqlite:" + (dir / "tasjil.db").string());
        CHECK(s.Client()
                  .Get(("/api/v1/files/" + reference + "?birth_date=" + birth_date).c_str())
                  ->status == 404);
        CHECK(s.storage->RetainedCounts().size() == 1);
    }
    std::filesystem::remove_all(dir);
}
