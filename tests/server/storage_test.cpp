// One storage suite, run against SQLite and against a real PostgreSQL 15 cluster that the test
// starts on loopback.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "server/db.h"
#include "server/storage.h"
#include "server_fixture.h"
#include "services.h"

using namespace tasjil;
using Json = nlohmann::json;

namespace {

server::StoredFile File(const std::string& reference, const std::string& file_id,
                        const std::string& hash = "h1") {
    return {reference, file_id,  hash,     "{}",         server::FileStatus::kPendingReview,
            "[]",      "57303B", "01.573", "2020-09-14", "2026-04-10T09:00:00Z"};
}

server::OutboxMessage Message(const std::string& id, const std::string& reference,
                              std::int64_t at) {
    server::OutboxMessage m;
    m.id = id;
    m.reference = reference;
    m.channel = "email";
    m.recipient = "a@b.ma";
    m.language = "fr";
    m.kind = "acknowledgement";
    m.subject = "s";
    m.body = "b";
    m.created_at = at;
    m.next_attempt_at = at;
    return m;
}

void Suite(server::Storage& st) {
    server::StoredFile stored;
    SECTION("a file is stored once; a retry is a replay, other content a conflict") {
        CHECK(st.InsertFile(File("AAAAA-AAAAA", "id-1"), {Message("m1", "AAAAA-AAAAA", 100)},
                            stored) == server::InsertResult::kCreated);
        CHECK(st.InsertFile(File("BBBBB-BBBBB", "id-1"), {}, stored) ==
              server::InsertResult::kReplay);
        CHECK(stored.reference == "AAAAA-AAAAA");
        CHECK(st.InsertFile(File("CCCCC-CCCCC", "id-1", "h2"), {}, stored) ==
              server::InsertResult::kConflict);
        CHECK(st.FindByReference("AAAAA-AAAAA")->file_id == "id-1");
        CHECK_FALSE(st.FindByReference("BBBBB-BBBBB"));
        CHECK(st.MessagesFor("AAAAA-AAAAA").size() == 1);
        CHECK(st.StatusHistory("AAAAA-AAAAA").size() == 1);
        // A reference collision is an error the caller retries with another reference.
        try {
            st.InsertFile(File("AAAAA-AAAAA", "id-2"), {}, stored);
            FAIL("a duplicate reference was accepted");
        } catch (const server::DbError& e) {
            CHECK(e.unique_violation);
        }
    }
    SECTION("parallel inserts of one file_id store exactly one file") {
        std::atomic<int> created{0}, replays{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 8; ++i) {
            threads.emplace_back([&, i] {
                server::StoredFile out;
                const auto r = st.InsertFile(File("REF" + std::to_string(i), "same-id"), {}, out);
                if (r == server::InsertResult::kCreated) ++created;
                if (r == server::InsertResult::kReplay) ++replays;
            });
        }
        for (auto& t : threads) t.join();
        CHECK(created == 1);
        CHECK(replays == 7);
        CHECK(st.CountFilesByStatus()["pending_review"] == 1);
    }
    SECTION("a parent finds a file by reference and birth date, and by nothing less") {
        st.InsertFile(File("FFFFF-FFFFF", "id-f"), {}, stored);
        CHECK(st.FindForParent("FFFFF-FFFFF", "2020-09-14"));
        CHECK_FALSE(st.FindForParent("FFFFF-FFFFF", "2020-09-15"));
        CHECK_FALSE(st.FindForParent("GGGGG-GGGGG", "2020-09-14"));
    }
    SECTION("failures are counted per key and forgotten after a while") {
        CHECK(st.GetThrottle("status:X").failures == 0);
        CHECK(st.RecordFailure("status:X", 1000, 600).failures == 1);
        CHECK(st.RecordFailure("status:X", 1100, 600).failures == 2);
        CHECK(st.GetThrottle("status:X").last_failure_at == 1100);
        CHECK(st.RecordFailure("status:X", 5000, 600).failures == 1);  // forgotten
        st.ClearThrottle("status:X");
        CHECK(st.GetThrottle("status:X").failures == 0);
        CHECK(st.GetThrottle("status:Y").failures == 0);
    }
    SECTION("a decision changes the status once, with its audit entry and messages") {
        st.InsertFile(File("DDDDD-DDDDD", "id-d"), {}, stored);
        using server::FileStatus;
        server::AuditEntry a{"2026-05-02T10:00:00Z",
                             "director",
                             "decision",
                             "DDDDD-DDDDD",
                             FileStatus::kPendingReview,
                             FileStatus::kApproved,
                             ""};
        CHECK(st.Decide("DDDDD-DDDDD", FileStatus::kPendingReview, FileStatus::kApproved, "[]", a,
                        {Message("m2", "DDDDD-DDDDD", 200)}));
        CHECK_FALSE(st.Decide("DDDDD-DDDDD", FileStatus::kPendingReview, FileStatus::kRejected,
                              "[]", a, {}));
        CHECK(st.FindByReference("DDDDD-DDDDD")->status == FileStatus::kApproved);
        CHECK(st.AuditTrail("DDDDD-DDDDD").size() == 1);
        CHECK(st.StatusHistory("DDDDD-DDDDD").size() == 2);
        CHECK(st.ListFiles(server::FileStatus::kApproved, {"57303B"}, "", 10).size() == 1);
        CHECK(st.ListFiles(server::FileStatus::kApproved, {}, "01.573", 10).size() == 1);
        CHECK(st.ListFiles(server::FileStatus::kApproved, {"57301A"}, "", 10).empty());
    }
    SECTION("the outbox hands each due message to one worker, and retries after a crash") {
        st.InsertFile(File("EEEEE-EEEEE", "id-e"),
                      {Message("m3", "EEEEE-EEEEE", 100), Message("m4", "EEEEE-EEEEE", 100)},
                      stored);
        auto first = st.ClaimDue(100, 10, 300);
        CHECK(first.size() == 2);
        CHECK(st.ClaimDue(101, 10, 300).empty());  // claimed: not handed out twice
        st.MarkSent("m3");
        // m4's worker died: due again once the claim is stale.
        auto again = st.ClaimDue(100 + 301, 10, 300);
        REQUIRE(again.size() == 1);
        CHECK(again[0].id == "m4");
        CHECK(again[0].attempts == 2);
        st.MarkRetry("m4", 1000, "timeout");
        CHECK(st.ClaimDue(999, 10, 300).empty());
        CHECK(st.ClaimDue(1000, 10, 300).size() == 1);
        st.MarkFailed("m4", "gave up");
        CHECK(st.CountMessagesByStatus()["failed"] == 1);
        CHECK(st.RecordDeliveryReport("m3", "1"));
        CHECK(st.FindMessage("m3")->delivery_report == "1");
        CHECK_FALSE(st.RecordDeliveryReport("nope", "1"));
    }
    SECTION("staff accounts and sessions") {
        st.PutStaff({"u", "hash", server::StaffRole::kSchool, "57303B"});
        CHECK(st.FindStaff("u")->scope == "57303B");
        st.PutStaff({"u", "hash2", server::StaffRole::kDirectorate, "01.573"});
        CHECK(st.FindStaff("u")->role == server::StaffRole::kDirectorate);
        st.PutSession("t", "u", 1000);
        CHECK(st.FindSession("t", 999) == "u");
        CHECK_FALSE(st.FindSession("t", 1000));
    }
}

test::PostgresCluster& SharedPostgres() {
    static test::PostgresCluster pg;
    return pg;
}

}  // namespace

TEST_CASE("Storage on SQLite", "[server][storage][sqlite]") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("tasjil-storage-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto st = server::OpenStorage("sqlite:" + (dir / "t.db").string());
    Suite(*st);
    st.reset();
    std::filesystem::remove_all(dir);
}

TEST_CASE("Files stored before the status look-up key get theirs on upgrade",
          "[server][storage][sqlite][migration]") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("tasjil-migrate-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "t.db").string();
    {
        auto st = server::OpenStorage("sqlite:" + path);
        server::StoredFile stored;
        st->InsertFile(File("HHHHH-HHHHH", "id-h"), {}, stored);
    }
    // As a database written before the key existed has it.
    server::OpenSqlite(path)->Exec("UPDATE files SET parent_key = NULL", {});
    auto st = server::OpenStorage("sqlite:" + path);
    CHECK(st->FindForParent("HHHHH-HHHHH", "2020-09-14"));
    st.reset();
    std::filesystem::remove_all(dir);
}

TEST_CASE("Storage on PostgreSQL", "[server][storage][postgresql]") {
    auto& pg = SharedPostgres();
    INFO(pg.error);
    REQUIRE(pg.ok);
    auto st = server::OpenStorage(pg.url);
    Suite(*st);
    // Each section starts from empty tables.
    st.reset();
    auto c = server::OpenPostgres(pg.url);
    c->Exec("DROP SCHEMA public CASCADE", {});
    c->Exec("CREATE SCHEMA public", {});
}

TEST_CASE("The API on PostgreSQL: concurrent duplicates store one file",
          "[server][api][postgresql]") {
    auto& pg = SharedPostgres();
    REQUIRE(pg.ok);
    auto reset = server::OpenPostgres(pg.url);
    reset->Exec("DROP SCHEMA public CASCADE", {});
    reset->Exec("CREATE SCHEMA public", {});
    test::ServerFixture s(pg.url);
    const Json file = test::NewFile();
    std::atomic<int> created{0}, replayed{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 12; ++i) {
        clients.emplace_back([&] {
            auto c = s.Client();
            auto r = c.Post("/api/v1/files", file.dump(), "application/json");
            if (r && r->status == 201) ++created;
            if (r && r->status == 200) ++replayed;
        });
    }
    for (auto& t : clients) t.join();
    CHECK(created == 1);
    CHECK(replayed == 11);
}
