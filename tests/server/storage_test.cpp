// One storage suite, run against SQLite and against a real PostgreSQL 15 cluster that the test
// starts on loopback.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <set>
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
    server::StoredFile f;
    f.reference = reference;
    f.file_id = file_id;
    f.content_hash = hash;
    f.json = "{}";
    f.reasons_json = "[]";
    f.school_code = "57303B";
    f.province = "01.573";
    f.birth_date = "2020-09-14";
    f.received_at = "2026-04-10T09:00:00Z";
    f.outcome = tasjil::core::Outcome::kEligible;
    f.search = " " + reference;
    return f;
}

// A file for the list tests: its name, sector, outcome and time of arrival.
server::StoredFile Listed(int n, const std::string& name, const std::string& outcome,
                          const std::string& school = "57303B") {
    const std::string ref = "L" + std::to_string(1000 + n);
    server::StoredFile f = File(ref, "id-" + ref);
    f.child_name_latin = name;
    f.child_name_ar = "اسم " + std::to_string(n);
    f.sector = n % 2 ? "01.573.01.01.001" : "01.573.01.01.002";
    f.outcome = tasjil::core::ParseOutcome(outcome);
    f.late = n % 5 == 0;
    f.school_code = school;
    f.received_at = "2026-04-" + std::to_string(10 + n % 10) + "T09:00:00Z";
    f.reasons_json =
        outcome == "review" ? R"([{"code":"window.late_file","pointer":"","params":{}}])" : "[]";
    // As the service stores it: folded (lower case).
    std::string folded = " " + ref + " " + name;
    for (auto& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    f.search = folded;
    return f;
}

server::OutboxMessage Message(const std::string& id, const std::string& reference,
                              std::int64_t at) {
    server::OutboxMessage m;
    m.id = id;
    m.reference = reference;
    m.channel = server::Channel::kEmail;
    m.recipient = "a@b.ma";
    m.language = "fr";
    m.kind = server::MessageKind::kAcknowledgement;
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
            CHECK(e.unique_violation());
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
                             server::AuditAction::kDecision,
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
        server::FileQuery q;
        q.status = FileStatus::kApproved;
        q.schools = {"57303B"};
        CHECK(st.ListFiles(q).files.size() == 1);
        q.schools = {};
        q.province = "01.573";
        CHECK(st.ListFiles(q).files.size() == 1);
        q.schools = {"57301A"};
        CHECK(st.ListFiles(q).files.empty());
        CHECK(st.AuditTrail("DDDDD-DDDDD")[0].action == server::AuditAction::kDecision);
    }
    SECTION("a list pages by cursor in a stable order, with filters and its total") {
        for (int n = 0; n < 25; ++n)
            st.InsertFile(Listed(n, n % 3 ? "Salma Idrissi" : "Yassine Alaoui",
                                 n % 4 ? "eligible" : "review"),
                          {}, stored);
        st.InsertFile(Listed(99, "Other School", "eligible", "57301A"), {}, stored);
        server::FileQuery q;
        q.schools = {"57303B"};
        q.sort = server::SortKey::kChildNameLatin;
        q.descending = false;
        q.limit = 10;
        std::vector<std::string> seen;
        for (int page = 0; page < 5; ++page) {
            const auto p = st.ListFiles(q);
            CHECK(p.total == 25);
            for (const auto& f : p.files) seen.push_back(f.child_name_latin + "|" + f.reference);
            if (!p.more) break;
            q.after =
                std::pair{server::SortValue(p.files.back(), q.sort), p.files.back().reference};
        }
        // Every file once, in name then reference order, across pages.
        CHECK(seen.size() == 25);
        CHECK(std::is_sorted(seen.begin(), seen.end()));
        CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 25);

        server::FileQuery f;
        f.schools = {"57303B"};
        f.outcome = tasjil::core::Outcome::kReview;
        CHECK(st.ListFiles(f).total == 7);
        f.outcome.reset();
        f.reason = "window.late_file";
        CHECK(st.ListFiles(f).total == 7);
        f.reason.clear();
        f.late = true;
        CHECK(st.ListFiles(f).total == 5);
        f.late.reset();
        f.sector = "01.573.01.01.001";
        CHECK(st.ListFiles(f).total == 12);
        f.sector.clear();
        f.search_words = {"yass"};
        CHECK(st.ListFiles(f).total == 9);
        f.search_words = {"ssine"};  // inside a word: not the start of one
        CHECK(st.ListFiles(f).total == 0);
        f.search_words = {"100%"};  // LIKE's own characters are plain text
        CHECK(st.ListFiles(f).total == 0);
        f.search_words = {"l1003"};
        CHECK(st.ListFiles(f).total == 1);
        f.search_words = {"alaoui", "yass"};  // every word, in any order
        CHECK(st.ListFiles(f).total == 9);

        const auto counts = st.CountBySchool({}, "01.573");
        std::int64_t total = 0;
        for (const auto& c : counts) total += c.count;
        CHECK(total == 26);
    }
    SECTION("a move changes the school once, with its audit entry; a record keeps the status") {
        using server::FileStatus;
        st.InsertFile(File("MMMMM-MMMMM", "id-m"), {}, stored);
        server::AuditEntry a{"2026-05-20T10:00:00Z",     "province",
                             server::AuditAction::kMove, "MMMMM-MMMMM",
                             FileStatus::kPendingReview, FileStatus::kPendingReview,
                             "57303B » 57301A"};
        CHECK(st.Move("MMMMM-MMMMM", "57303B", "57301A", tasjil::core::Outcome::kIneligible, "[]",
                      a, {Message("m9", "MMMMM-MMMMM", 300)}));
        CHECK_FALSE(st.Move("MMMMM-MMMMM", "57303B", "57302A", tasjil::core::Outcome::kEligible,
                            "[]", a, {}));
        CHECK(st.FindByReference("MMMMM-MMMMM")->school_code == "57301A");
        CHECK(st.FindByReference("MMMMM-MMMMM")->outcome == tasjil::core::Outcome::kIneligible);
        a.action = server::AuditAction::kInfoRequest;
        st.Record(a, {});
        const auto trail = st.AuditTrail("MMMMM-MMMMM");
        REQUIRE(trail.size() == 2);
        CHECK(trail[0].action == server::AuditAction::kMove);
        CHECK(trail[1].action == server::AuditAction::kInfoRequest);
        CHECK(st.FindByReference("MMMMM-MMMMM")->status == FileStatus::kPendingReview);
        CHECK(st.MessagesFor("MMMMM-MMMMM").size() == 1);
    }
    SECTION("a rectification replaces the answers once, moves the look-up key, keeps the hash") {
        using server::FileStatus;
        st.InsertFile(File("RRRRR-RRRRR", "id-r"), {}, stored);
        server::StoredFile fixed = *st.FindByReference("RRRRR-RRRRR");
        fixed.json = R"({"corrected":true})";
        fixed.birth_date = "2020-10-01";
        fixed.outcome = tasjil::core::Outcome::kReview;
        fixed.child_name_latin = "Yassmine E";
        fixed.search = " yassmine e";
        fixed.reasons_json = R"([{"pointer":"","code":"age.late_starter","params":{}}])";
        server::AuditEntry a{"2026-05-20T10:00:00Z",        "province",
                             server::AuditAction::kRectify, "RRRRR-RRRRR",
                             FileStatus::kPendingReview,    FileStatus::kPendingReview,
                             "/child/birth_date: demande"};
        CHECK(st.Rectify(fixed, "{}", true, a, {Message("m10", "RRRRR-RRRRR", 300)}));
        // Read before the first one: the file is no longer what it was.
        CHECK_FALSE(st.Rectify(fixed, "{}", true, a, {}));
        const auto now = st.FindByReference("RRRRR-RRRRR");
        CHECK(now->json == R"({"corrected":true})");
        CHECK(now->content_hash == "h1");
        CHECK(now->outcome == tasjil::core::Outcome::kReview);
        CHECK(now->reasons_json == fixed.reasons_json);
        CHECK(now->child_name_latin == "Yassmine E");
        CHECK_FALSE(st.FindForParent("RRRRR-RRRRR", "2020-09-14"));
        CHECK(st.FindForParent("RRRRR-RRRRR", "2020-10-01"));
        // Without its reasons (a decided file keeps its decision's).
        fixed.json = R"({"corrected":2})";
        fixed.reasons_json = "[]";
        CHECK(st.Rectify(fixed, R"({"corrected":true})", false, a, {}));
        CHECK(st.FindByReference("RRRRR-RRRRR")->reasons_json != "[]");
        const auto trail = st.AuditTrail("RRRRR-RRRRR");
        REQUIRE(trail.size() == 2);
        CHECK(trail[0].action == server::AuditAction::kRectify);
        CHECK(st.MessagesFor("RRRRR-RRRRR").size() == 1);
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
        st.PutStaff({"u", "hash", server::StaffRole::kSchool, {.schools = {"57303B"}}});
        CHECK(st.FindStaff("u")->scope.schools == std::vector<std::string>{"57303B"});
        st.PutStaff({"u", "hash2", server::StaffRole::kDirectorate, {.province = "01.573"}});
        CHECK(st.FindStaff("u")->role == server::StaffRole::kDirectorate);
        CHECK(st.FindStaff("u")->scope.province == "01.573");
        CHECK(st.FindStaff("u")->scope.schools.empty());
        const std::string a(64, 'a'), b = std::string(16, 'b') + std::string(48, 'c');
        st.PutSession(a, "u", {"", 100, 100, 1000, "203.0.113.5", "Firefox"});
        st.PutSession(b, "u", {"", 200, 200, 1100, "198.51.100.7", "Chromium"});
        CHECK(st.FindSession(a, 999, 1800) == "u");
        CHECK_FALSE(st.FindSession(a, 1000, 1800));    // past its end
        CHECK_FALSE(st.FindSession(b, 200 + 60, 50));  // unused longer than the idle time
        CHECK(st.FindSession(b, 270, 1800) == "u");    // used: its last use moves on…
        CHECK(st.FindSession(b, 300, 1800) == "u");    // …at most once a minute
        const auto listed = st.ListSessions("u", 300, 1800);
        REQUIRE(listed.size() == 2);
        // The most recently used first: `a` was used at 999.
        CHECK(listed[0].id == std::string(16, 'a'));
        CHECK(listed[0].last_used_at == 999);
        CHECK(listed[0].created_at == 100);
        CHECK(listed[1].id == std::string(16, 'b'));
        CHECK(listed[1].last_used_at == 270);
        CHECK(listed[1].address == "198.51.100.7");
        CHECK(listed[1].agent == "Chromium");
        CHECK_FALSE(st.DeleteSessionById("someone else", std::string(16, 'a')));
        CHECK(st.DeleteSessionById("u", std::string(16, 'a')));
        CHECK_FALSE(st.FindSession(a, 300, 1800));
        CHECK(st.ListSessions("u", 300, 1800).size() == 1);
    }
    SECTION("known devices and the failures an owner is told of") {
        const std::string d(64, 'd');
        CHECK_FALSE(st.KnownDevice(d, "u", 0));
        CHECK_FALSE(st.IssuedDevice(d, 0));
        st.PutKnownDevice(d, "u", 500);
        CHECK(st.KnownDevice(d, "u", 400));
        CHECK_FALSE(st.KnownDevice(d, "u", 600));  // not used since
        CHECK_FALSE(st.KnownDevice(d, "v", 0));    // another account's
        CHECK(st.IssuedDevice(d, 400));
        st.RecordLoginFailure("u", "198.51.100.1", 10);
        st.RecordLoginFailure("u", "198.51.100.1", 20);
        st.RecordLoginFailure("u", "203.0.113.9", 15);
        st.RecordLoginFailure("v", "203.0.113.9", 15);
        const auto told = st.TakeLoginFailures("u");
        REQUIRE(told.size() == 2);
        CHECK(told[0].address == "198.51.100.1");
        CHECK(told[0].failures == 2);
        CHECK(told[0].last_at == 20);
        CHECK(told[1].failures == 1);
        CHECK(st.TakeLoginFailures("u").empty());  // told once
        CHECK(st.TakeLoginFailures("v").size() == 1);
    }
    SECTION("managed accounts: made all or none, changed as read, codes used once, audited") {
        server::StaffAccount a;
        a.username = "57303a";
        a.role = server::StaffRole::kSchool;
        a.scope.schools = {"57303A"};
        a.state = server::AccountState::kPending;
        a.display_name = "École Oqba Ibn Nafii";
        a.second_factor_required = true;
        a.activation_hash = std::string(64, 'c');
        a.activation_expires_at = 5000;
        a.created_by = "mdiq.directorate";
        a.created_at = 100;
        const server::AccountAuditEntry made{"2026-04-10T09:00:00Z", "mdiq.directorate",
                                             server::AccountAction::kCreate, "57303a", "x"};
        std::string taken;
        REQUIRE(st.CreateAccounts({a}, {made}, taken));
        const auto found = st.FindByActivation(std::string(64, 'c'));
        REQUIRE(found);
        CHECK(found->username == "57303a");
        CHECK(found->state == server::AccountState::kPending);
        CHECK(found->display_name == "École Oqba Ibn Nafii");
        CHECK(found->second_factor_required);
        CHECK(found->activation_expires_at == 5000);
        CHECK(found->created_by == "mdiq.directorate");
        CHECK_FALSE(st.FindByActivation(""));
        // A batch with one taken username makes none of its accounts.
        server::StaffAccount b = a;
        b.username = "57303b";
        b.activation_hash.clear();
        CHECK_FALSE(st.CreateAccounts({b, a}, {made, made}, taken));
        CHECK(taken == "57303a");
        CHECK_FALSE(st.FindStaff("57303b"));
        CHECK(st.ListStaff(server::StaffRole::kSchool).size() == 1);
        // Activated as read (pending), with its recovery codes; a stale change is refused.
        a.state = server::AccountState::kActive;
        a.totp_secret = "JBSWY3DPEHPK3PXP";
        a.totp_enabled = true;
        a.totp_last_step = 10;
        a.activation_hash.clear();
        st.PutSession(std::string(64, 'e'), "57303a", {"", 100, 100, 9000, "", ""});
        server::AccountChange activation;
        activation.recovery_hashes = std::vector<std::string>{"r1", "r2"};
        const server::AccountAuditEntry activated{"2026-04-10T09:01:00Z", "57303a",
                                                  server::AccountAction::kActivate, "57303a", ""};
        CHECK(st.UpdateAccount(a, server::AccountState::kPending, activated, activation));
        CHECK_FALSE(st.UpdateAccount(a, server::AccountState::kPending, activated, activation));
        CHECK(st.RecoveryCodesLeft("57303a") == 2);
        CHECK(st.FindSession(std::string(64, 'e'), 200, 1800) == "57303a");
        // One-time password steps only move forward.
        CHECK_FALSE(st.UseTotpStep("57303a", 10));
        CHECK(st.UseTotpStep("57303a", 11));
        CHECK_FALSE(st.UseTotpStep("57303a", 11));
        CHECK(st.FindStaff("57303a")->totp_last_step == 11);
        const server::AccountAuditEntry recovered{"2026-04-10T09:02:00Z", "57303a",
                                                  server::AccountAction::kRecovery, "57303a", ""};
        CHECK(st.UseRecoveryCode("57303a", "r1", recovered));
        CHECK_FALSE(st.UseRecoveryCode("57303a", "r1", recovered));
        CHECK_FALSE(st.UseRecoveryCode("someone", "r2", recovered));
        CHECK(st.RecoveryCodesLeft("57303a") == 1);
        // Disabled: its sessions end in the same transaction.
        a.state = server::AccountState::kDisabled;
        server::AccountChange disable;
        disable.end_sessions = true;
        CHECK(st.UpdateAccount(a, server::AccountState::kActive,
                               {"2026-04-10T09:03:00Z", "mdiq.directorate",
                                server::AccountAction::kDisable, "57303a", ""},
                               disable));
        CHECK_FALSE(st.FindSession(std::string(64, 'e'), 200, 1800));
        CHECK(st.FindStaff("57303a")->state == server::AccountState::kDisabled);
        const auto trail = st.AccountTrail("57303a");
        REQUIRE(trail.size() == 4);
        CHECK(trail[0].action == server::AccountAction::kCreate);
        CHECK(trail[1].action == server::AccountAction::kActivate);
        CHECK(trail[2].action == server::AccountAction::kRecovery);
        CHECK(trail[3].action == server::AccountAction::kDisable);
        CHECK(trail[3].staff == "mdiq.directorate");
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
