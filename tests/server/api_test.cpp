// The API over real HTTP, against a real SQLite database.
#include <catch2/catch.hpp>

#include "core/school_map.h"

#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include "core/reference.h"
#include "core/utf8.h"
#include "io/files.h"
#include "raw_http.h"
#include "server/clock.h"
#include "server/db.h"
#include "server_fixture.h"
#include "services.h"

using namespace tasjil;
using tasjil::test::NewFile;
using tasjil::test::ServerFixture;
using Json = nlohmann::json;

namespace {

httplib::Result Post(httplib::Client& c, const Json& body, const std::string& lang = "fr") {
    return c.Post("/api/v1/files", {{"Accept-Language", lang}}, body.dump(), "application/json");
}

}  // namespace

TEST_CASE("A new file is stored and acknowledged with 201 and a reference", "[server][api]") {
    ServerFixture s;
    auto c = s.Client();
    const Json file = NewFile();
    auto r = Post(c, file);
    REQUIRE(r);
    CHECK(r->status == 201);
    const Json body = Json::parse(r->body);
    CHECK(body["status"] == "pending_review");
    CHECK(body["reasons"].empty());
    CHECK(core::ParseReference(body["reference"].get<std::string>()) ==
          body["reference"].get<std::string>());
    CHECK(body["received_at"] == "2026-04-10T09:00:00Z");
    const auto stored = s.storage->FindByReference(body["reference"]);
    REQUIRE(stored);
    CHECK(stored->file_id == file["file_id"]);
    // Normalised before storage: phones in E.164.
    CHECK(Json::parse(stored->json)["contact"]["phone"] == "+212700112233");
    // The acknowledgement is in the outbox, one message per channel, in the contact's language.
    const auto messages = s.storage->MessagesFor(stored->reference);
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].language == "ar");
    CHECK(messages[0].kind == server::MessageKind::kAcknowledgement);
}

TEST_CASE("A retry of the same file gives 200 with the same reference",
          "[server][api][idempotency]") {
    ServerFixture s;
    auto c = s.Client();
    const Json file = NewFile();
    auto first = Post(c, file);
    auto again = Post(c, file);
    REQUIRE(first);
    REQUIRE(again);
    CHECK(first->status == 201);
    CHECK(again->status == 200);
    CHECK(Json::parse(first->body)["reference"] == Json::parse(again->body)["reference"]);
    CHECK(s.storage->MessagesFor(Json::parse(first->body)["reference"]).size() ==
          2);  // not re-sent
}

TEST_CASE("The same file_id with other content is a conflict", "[server][api][idempotency]") {
    ServerFixture s;
    auto c = s.Client();
    Json file = NewFile();
    REQUIRE(Post(c, file)->status == 201);
    file["child"]["given_name_latin"] = "Salma";
    auto r = Post(c, file);
    CHECK(r->status == 409);
    CHECK(Json::parse(r->body)["code"] == "file.conflict");
}

TEST_CASE("Concurrent duplicates of one file_id store exactly one file",
          "[server][api][idempotency]") {
    ServerFixture s;
    const Json file = NewFile();
    std::atomic<int> created{0}, replayed{0}, other{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 16; ++i) {
        clients.emplace_back([&] {
            auto c = s.Client();
            auto r = Post(c, file);
            if (r && r->status == 201)
                ++created;
            else if (r && r->status == 200)
                ++replayed;
            else
                ++other;
        });
    }
    for (auto& t : clients) t.join();
    CHECK(created == 1);
    CHECK(replayed == 15);
    CHECK(other == 0);
    CHECK(s.storage->CountFilesByStatus()["pending_review"] == 1);
}

TEST_CASE("An ineligible file is rejected at intake with the seed's reasons",
          "[server][api][decision]") {
    ServerFixture s;
    auto c = s.Client();
    Json file = NewFile();
    file["child"]["birth_date"] = "2021-04-01";
    file["child"]["civil_status"]["act_year"] = 2021;
    file["school_choice"]["school_code"] = "57301A";
    auto r = Post(c, file, "ar");
    REQUIRE(r->status == 201);
    const Json body = Json::parse(r->body);
    CHECK(body["status"] == "rejected");
    REQUIRE(body["reasons"].size() == 2);
    CHECK(body["reasons"][0]["code"] == "age.below_legal_age");
    CHECK(body["reasons"][1]["code"] == "school.not_serving_residence");
    CHECK(body["reasons"][0]["message"].get<std::string>().find("عدم استيفاء السن القانوني") !=
          std::string::npos);
    // The decision at once, with its reasons, on both channels: no acknowledgement saying the
    // school will examine a file already refused.
    const auto messages = s.storage->MessagesFor(body["reference"]);
    CHECK(messages.size() == 2);
    for (const auto& m : messages) CHECK(m.kind == server::MessageKind::kDecision);
    bool decision_email = false;
    for (const auto& m : messages) {
        if (m.kind == server::MessageKind::kDecision && m.channel == server::Channel::kEmail) {
            decision_email = true;
            CHECK(m.body.find("عدم مطابقة المؤسسة مع محل السكنى") != std::string::npos);
        }
    }
    CHECK(decision_email);
}

TEST_CASE("Late starters and late files go to review", "[server][api][decision]") {
    ServerFixture s;
    auto c = s.Client();
    s.clock->now += 30 * 86400;  // 10 May: after the window
    auto r = Post(c, NewFile());
    REQUIRE(r->status == 201);
    const Json body = Json::parse(r->body);
    CHECK(body["status"] == "pending_review");
    CHECK(body["reasons"][0]["code"] == "window.late_file");
}

TEST_CASE("A file sent before the window opens is refused with the day files are received",
          "[server][api][window]") {
    ServerFixture s;
    auto c = s.Client();
    s.clock->now -= 21 * 86400;  // 20 March 2026: the window opens on 1 April
    Json file = NewFile();
    file["created_at"] = "2026-03-20T08:00:00Z";
    file["submitted_at"] = "2026-03-20T08:05:00Z";
    auto r = Post(c, file);
    REQUIRE(r->status == 422);
    Json body = Json::parse(r->body);
    REQUIRE(body["errors"].size() == 1);
    CHECK(body["errors"][0]["code"] == "window.not_open");
    CHECK(body["errors"][0]["pointer"] == "");
    CHECK(body["errors"][0]["params"]["opens"] == "2026-04-01");
    CHECK(s.storage->CountFilesByStatus().empty());
    s.clock->now += 12 * 86400;  // 1 April: received
    r = Post(c, file);
    REQUIRE(r->status == 201);
}

TEST_CASE("Bad requests get a JSON error with a stable code, in the caller's language",
          "[server][api][errors]") {
    ServerFixture s;
    auto c = s.Client();
    auto malformed = c.Post("/api/v1/files", "{\"schema_version\": 1,", "application/json");
    CHECK(malformed->status == 400);
    CHECK(Json::parse(malformed->body)["code"] == "request.malformed_json");
    auto truncated = c.Post("/api/v1/files", NewFile().dump().substr(0, 300), "application/json");
    CHECK(truncated->status == 400);

    Json invalid = NewFile();
    invalid["child"]["given_name_ar"] = "Yasmine";
    auto r =
        c.Post("/api/v1/files", {{"Accept-Language", "ar"}}, invalid.dump(), "application/json");
    CHECK(r->status == 422);
    const Json body = Json::parse(r->body);
    CHECK(body["code"] == "file.invalid");
    CHECK(body["errors"][0]["pointer"] == "/child/given_name_ar");
    CHECK(body["errors"][0]["code"] == "name.not_arabic");
    CHECK(body["errors"][0]["message"].get<std::string>().find("بالحروف العربية") !=
          std::string::npos);

    Json unknown = NewFile();
    unknown["extra"] = true;
    CHECK(c.Post("/api/v1/files", unknown.dump(), "application/json")->status == 422);

    std::string big = NewFile().dump();
    big.insert(1, std::string(70 * 1024, ' '));
    auto too_big = c.Post("/api/v1/files", big, "application/json");
    CHECK(too_big->status == 413);
    CHECK(Json::parse(too_big->body)["code"] == "request.too_large");
    // A body announced as too large is refused from its headers, before it is sent.
    test::RawSocket huge(s.port);
    REQUIRE(
        huge.Send("POST /api/v1/files HTTP/1.1\r\nHost: x\r\nContent-Type: "
                  "application/json\r\nContent-Length: 2097152\r\n\r\n"));
    const std::string huge_answer = huge.ReceiveResponse();
    CHECK(test::StatusOf(huge_answer) == 413);
    CHECK(Json::parse(test::BodyOf(huge_answer))["code"] == "request.too_large");

    auto wrong_type = c.Post("/api/v1/files", NewFile().dump(), "text/plain");
    CHECK(wrong_type->status == 415);
    CHECK(Json::parse(wrong_type->body)["code"] == "request.unsupported_media_type");

    httplib::Headers big_headers = {{"X-Padding", std::string(20000, 'a')}};
    auto huge_header = c.Get("/healthz", big_headers);
    REQUIRE(huge_header);
    CHECK(huge_header->status >= 400);
}

TEST_CASE("Submissions over the per-client rate get 429 with Retry-After", "[server][api][rate]") {
    server::HttpConfig config;
    config.api.submit_per_minute = 3;
    ServerFixture s("", config);
    auto c = s.Client();
    for (int i = 0; i < 3; ++i) CHECK(Post(c, NewFile())->status == 201);
    auto r = Post(c, NewFile());
    CHECK(r->status == 429);
    CHECK(std::stoi(r->get_header_value("Retry-After")) >= 1);
    CHECK(Json::parse(r->body)["code"] == "request.rate_limited");
}

TEST_CASE("Parents look up a status with the reference and the birth date, nothing else",
          "[server][api][status]") {
    ServerFixture s;
    auto c = s.Client();
    const std::string ref = Json::parse(Post(c, NewFile())->body)["reference"];
    auto ok = c.Get(("/api/v1/files/" + ref + "?birth_date=2020-09-14").c_str(),
                    {{"Accept-Language", "fr"}});
    REQUIRE(ok->status == 200);
    const Json body = Json::parse(ok->body);
    CHECK(body["status"] == "pending_review");
    CHECK(body["status_text"] == "en cours d'examen par l'établissement");
    CHECK(body["history"].size() == 1);
    // Lower case and without the hyphen is the same reference.
    std::string typed;
    for (char ch : ref)
        if (ch != '-') typed.push_back(static_cast<char>(std::tolower(ch)));
    CHECK(c.Get(("/api/v1/files/" + typed + "?birth_date=2020-09-14").c_str())->status == 200);
    // Wrong date and unknown reference answer the same.
    auto wrong_date = c.Get(("/api/v1/files/" + ref + "?birth_date=2020-09-15").c_str());
    auto unknown = c.Get("/api/v1/files/22222-22222?birth_date=2020-09-14");
    CHECK(wrong_date->status == 404);
    CHECK(unknown->status == 404);
    CHECK(wrong_date->body == unknown->body);
}

TEST_CASE("Rules and the school map are served with ETag and 304", "[server][api][cache]") {
    ServerFixture s;
    auto c = s.Client();
    auto rules = c.Get("/api/v1/rules/2026-2027");
    REQUIRE(rules->status == 200);
    CHECK(Json::parse(rules->body)["school_year"] == "2026-2027");
    const std::string etag = rules->get_header_value("ETag");
    CHECK_FALSE(etag.empty());
    CHECK(c.Get("/api/v1/rules/2026-2027", {{"If-None-Match", etag}})->status == 304);
    CHECK(c.Get("/api/v1/rules/2030-2031")->status == 404);
    // The year open now, whatever the client's clock says: the same answer and ETag.
    auto current = c.Get("/api/v1/rules/current");
    REQUIRE(current->status == 200);
    CHECK(current->body == rules->body);
    CHECK(current->get_header_value("ETag") == etag);
    CHECK(current->get_header_value("Cache-Control") == "no-cache");
    CHECK(c.Get("/api/v1/rules/current", {{"If-None-Match", etag}})->status == 304);
    CHECK(c.Get("/api/v1/rules/Current")->status == 404);
    auto map = c.Get("/api/v1/schoolmap");
    REQUIRE(map->status == 200);
    CHECK(c.Get("/api/v1/schoolmap", {{"If-None-Match", map->get_header_value("ETag")}})->status ==
          304);
}

TEST_CASE("The list of provinces is a school map without communes, which the core loads",
          "[server][api][schoolmap]") {
    ServerFixture s;
    auto c = s.Client();
    auto res = c.Get("/api/v1/provinces");
    REQUIRE(res->status == 200);
    const auto load = tasjil::core::ParseSchoolMap(res->body);
    REQUIRE(load.map);
    CHECK(load.map->document().provinces.size() == 2);
    CHECK(load.map->document().communes.empty());
    CHECK(load.map->document().schools.empty());
    const std::string etag = res->get_header_value("ETag");
    CHECK(c.Get("/api/v1/provinces", {{"If-None-Match", etag}})->status == 304);
    CHECK(c.Post("/api/v1/provinces", "{}", "application/json")->status == 405);
    CHECK(c.Get("/api/v1/provinces/01.573")->status == 404);
}

TEST_CASE("A staff account is made only with a known role and a scope of well-formed codes",
          "[server][api][staff]") {
    ServerFixture s;
    auto refused = [&](const char* role, const char* scope) {
        try {
            s.service->CreateStaff("new.director", "a long enough secret", role, scope);
        } catch (const std::runtime_error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(refused("admin", "57303A") == "role is school, directorate or national");
    CHECK(refused("national", "01.573") == "the national administrator has no scope");
    CHECK(refused("school", "") == "scope is a list of school codes separated by commas");
    CHECK(refused("school", "57303A, 57303B") ==
          "scope is a list of school codes separated by commas");
    CHECK(refused("directorate", "01.573,01.227") == "scope is a province code");
    CHECK_FALSE(s.storage->FindStaff("new.director"));
    CHECK(refused("school", "57303A,57303B").empty());
    CHECK(s.storage->FindStaff("new.director")->scope.schools.size() == 2);
}

TEST_CASE("Staff log in, see only their schools' files, and decide with an audit trail",
          "[server][api][staff]") {
    ServerFixture s;
    s.service->CreateStaff("martil.director", "correct horse battery", "school", "57303A,57303B");
    s.service->CreateStaff("mdiq.director", "another long secret", "school", "57301A");
    auto c = s.Client();
    const std::string ref = Json::parse(Post(c, NewFile())->body)["reference"];

    CHECK(c.Post("/api/v1/staff/sessions",
                 Json{{"username", "martil.director"}, {"password", "wrong password!"}}.dump(),
                 "application/json")
              ->status == 401);
    CHECK(c.Get("/api/v1/staff/files?status=pending_review")->status == 401);
    auto login =
        c.Post("/api/v1/staff/sessions",
               Json{{"username", "martil.director"}, {"password", "correct horse battery"}}.dump(),
               "application/json");
    REQUIRE(login->status == 201);
    const std::string token = Json::parse(login->body)["token"];
    httplib::Headers auth = {{"Authorization", "Bearer " + token}};
    auto list = c.Get("/api/v1/staff/files?status=pending_review", auth);
    REQUIRE(list->status == 200);
    REQUIRE(Json::parse(list->body)["files"].size() == 1);
    // Staff see whether the acknowledgement reached the parent.
    CHECK(Json::parse(list->body)["files"][0]["notification"] == "pending");
    const Json notifications =
        Json::parse(c.Get(("/api/v1/staff/files/" + ref).c_str(), auth)->body)["messages"];
    REQUIRE(notifications.size() == 2);
    CHECK(notifications[0]["status"] == "pending");

    // Another school's staff does not see it and cannot decide it.
    auto other =
        c.Post("/api/v1/staff/sessions",
               Json{{"username", "mdiq.director"}, {"password", "another long secret"}}.dump(),
               "application/json");
    httplib::Headers other_auth = {
        {"Authorization", "Bearer " + Json::parse(other->body)["token"].get<std::string>()}};
    CHECK(Json::parse(c.Get("/api/v1/staff/files?status=pending_review", other_auth)->body)["files"]
              .empty());
    CHECK(c.Post(("/api/v1/staff/files/" + ref + "/decision").c_str(), other_auth,
                 Json{{"decision", "approve"}}.dump(), "application/json")
              ->status == 404);

    // A rejection needs a reason.
    CHECK(c.Post(("/api/v1/staff/files/" + ref + "/decision").c_str(), auth,
                 Json{{"decision", "reject"}}.dump(), "application/json")
              ->status == 422);
    auto decided = c.Post(("/api/v1/staff/files/" + ref + "/decision").c_str(), auth,
                          Json{{"decision", "approve"}, {"note", "Place confirmée"}}.dump(),
                          "application/json");
    REQUIRE(decided->status == 200);
    CHECK(Json::parse(decided->body)["status"] == "approved");
    CHECK(
        c.Post(
             ("/api/v1/staff/files/" + ref + "/decision").c_str(), auth,
             Json{{"decision", "reject"}, {"reason_code", "decision.other"}, {"note", "x"}}.dump(),
             "application/json")
            ->status == 409);

    const auto audit = s.storage->AuditTrail(ref);
    REQUIRE(audit.size() == 1);
    CHECK(audit[0].staff == "martil.director");
    CHECK(audit[0].status_before == server::FileStatus::kPendingReview);
    CHECK(audit[0].status_after == server::FileStatus::kApproved);
    // The decision message is queued for the parent.
    int decisions = 0;
    for (const auto& m : s.storage->MessagesFor(ref))
        decisions += m.kind == server::MessageKind::kDecision;
    CHECK(decisions == 2);
    // The audit trail cannot be edited, not even directly in the database.
    auto db = server::OpenSqlite((s.dir / "tasjil.db").string());
    CHECK_THROWS_AS(db->Exec("UPDATE audit SET staff = 'someone else'", {}), server::DbError);
    CHECK_THROWS_AS(db->Exec("DELETE FROM audit", {}), server::DbError);
}

namespace {

// Logs in and returns the Authorization header of the session.
httplib::Headers LogIn(httplib::Client& c, const std::string& user, const std::string& password) {
    auto r = c.Post("/api/v1/staff/sessions",
                    Json{{"username", user}, {"password", password}}.dump(), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return {{"Authorization", "Bearer " + Json::parse(r->body)["token"].get<std::string>()}};
}

// A file of the sample family with another child's names, sent to `school`.
std::string SendFile(httplib::Client& c, const std::string& given_latin,
                     const std::string& school = "57303B") {
    Json f = NewFile();
    f["child"]["given_name_latin"] = given_latin;
    f["school_choice"]["school_code"] = school;
    auto r = Post(c, f);
    REQUIRE(r);
    INFO(r->body);
    REQUIRE(r->status == 201);
    return Json::parse(r->body)["reference"];
}

Json GetJson(httplib::Client& c, const std::string& path, const httplib::Headers& h,
             int status = 200) {
    auto r = c.Get(path.c_str(), h);
    REQUIRE(r);
    INFO(path << " " << r->body);
    REQUIRE(r->status == status);
    return Json::parse(r->body);
}

int PostStatus(httplib::Client& c, const std::string& path, const httplib::Headers& h,
               const Json& body, Json* out = nullptr) {
    auto r = c.Post(path.c_str(), h, body.dump(), "application/json");
    REQUIRE(r);
    if (out) *out = Json::parse(r->body);
    return r->status;
}

}  // namespace

TEST_CASE("Staff lists are paged by cursor, filtered, searched and sorted on the server",
          "[server][api][staff]") {
    ServerFixture s;
    s.service->CreateStaff("martil.director", "correct horse battery", "school", "57303B");
    auto c = s.Client();
    for (int i = 0; i < 12; ++i) SendFile(c, i % 3 ? "Salma" : "Yassine");
    const auto auth = LogIn(c, "martil.director", "correct horse battery");
    std::set<std::string> seen;
    std::string cursor;
    int pages = 0;
    do {
        const Json page = GetJson(c,
                                  "/api/v1/staff/files?sort=child_name_latin&limit=5" +
                                      (cursor.empty() ? "" : "&cursor=" + cursor),
                                  auth);
        CHECK(page["total"] == 12);
        for (const auto& f : page["files"]) seen.insert(f["reference"].get<std::string>());
        cursor = page["next_cursor"].is_string() ? page["next_cursor"].get<std::string>() : "";
        ++pages;
    } while (!cursor.empty() && pages < 10);
    CHECK(pages == 3);
    CHECK(seen.size() == 12);
    // Search folds case and finds the start of a word.
    CHECK(GetJson(c, "/api/v1/staff/files?q=YASS", auth)["total"] == 4);
    CHECK(GetJson(c, "/api/v1/staff/files?q=alma", auth)["total"] == 0);
    CHECK(GetJson(c, "/api/v1/staff/files?outcome=eligible&status=pending_review", auth)["total"] ==
          12);
    CHECK(GetJson(c, "/api/v1/staff/files?late=true", auth)["total"] == 0);
    // Hostile parameters are refused by name, never passed to SQL.
    for (const char* bad : {"sort=received_at;DROP", "order=sideways", "limit=0", "limit=501",
                            "cursor=received_at.zz.AAAAA-AAAAA", "cursor=reference.41.x",
                            "reason=%27%20OR%201=1", "late=maybe", "outcome=x", "sector=nowhere"}) {
        INFO(bad);
        CHECK(GetJson(c, std::string("/api/v1/staff/files?") + bad, auth, 400)["code"] ==
              "request.invalid_query");
    }
    CHECK(GetJson(c, "/api/v1/staff/files?school=57301A", auth, 404)["code"] == "school.not_found");
    // The summary: counts per status and the school's places.
    const Json me = GetJson(c, "/api/v1/staff/me", auth);
    CHECK(me["role"] == "school");
    REQUIRE(me["schools"].size() == 1);
    CHECK(me["schools"][0]["counts"]["pending_review"] == 12);
    CHECK(me["schools"][0]["eligible_pending"] == 12);
    CHECK(me["schools"][0]["first_year_places"].is_number_integer());
    // The export: UTF-8 with a byte order mark, one line per file and a header.
    auto csv = c.Get("/api/v1/staff/export.csv", auth);
    REQUIRE(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
    CHECK(csv->get_header_value("Cache-Control") == "no-store");
    CHECK(csv->body.rfind("\xEF\xBB\xBF\"", 0) == 0);
    CHECK(std::count(csv->body.begin(), csv->body.end(), '\n') == 13);
}

TEST_CASE("Decisions: reasons, notes, preview, a second decision refused, bulk approval",
          "[server][api][staff]") {
    ServerFixture s;
    s.service->CreateStaff("martil.director", "correct horse battery", "school", "57303B");
    s.service->CreateStaff("mdiq.province", "province secret 01", "directorate", "01.573");
    s.service->CreateStaff("fahs.province", "province secret 02", "directorate", "01.227");
    auto c = s.Client();
    std::vector<std::string> refs;
    for (int i = 0; i < 6; ++i) refs.push_back(SendFile(c, "Child"));
    const auto school = LogIn(c, "martil.director", "correct horse battery");
    const auto province = LogIn(c, "mdiq.province", "province secret 01");
    const auto other_province = LogIn(c, "fahs.province", "province secret 02");
    const std::string path = "/api/v1/staff/files/" + refs[0] + "/decision";

    Json out;
    // The preview is what the guardian will read, in their language (the sample's is Arabic).
    CHECK(
        PostStatus(
            c, path, school,
            {{"decision", "reject"}, {"reason_code", "school.capacity_reached"}, {"preview", true}},
            &out) == 200);
    REQUIRE(out["messages"].size() == 2);
    CHECK(out["messages"][1]["language"] == "ar");
    CHECK(out["messages"][1]["body"].get<std::string>().find("مقاعد") != std::string::npos);
    CHECK(s.storage->AuditTrail(refs[0]).empty());  // nothing decided

    CHECK(PostStatus(c, path, school, {{"decision", "reject"}, {"reason_code", "made.up"}}) == 422);
    CHECK(PostStatus(c, path, school, {{"decision", "request_info"}}) == 422);  // needs a note
    CHECK(PostStatus(c, path, school,
                     {{"decision", "request_info"}, {"note", "Copie de l'acte de naissance"}}) ==
          200);
    CHECK(PostStatus(c, path, school,
                     {{"decision", "reject"}, {"reason_code", "school.capacity_reached"}}) == 200);
    // A second decision is refused, explained; a school cannot change it.
    CHECK(PostStatus(c, path, school, {{"decision", "approve"}}, &out) == 409);
    CHECK(out["code"] == "decision.not_pending");
    CHECK(PostStatus(c, path, school, {{"decision", "approve"}, {"change", true}, {"note", "n"}}) ==
          403);
    // The directorate changes it explicitly, with a note, audited as a change.
    CHECK(PostStatus(c, path, province, {{"decision", "approve"}, {"change", true}}) == 422);
    CHECK(PostStatus(c, path, province,
                     {{"decision", "approve"}, {"change", true}, {"note", "Place libérée"}}) ==
          200);
    const auto trail = s.storage->AuditTrail(refs[0]);
    REQUIRE(trail.size() == 3);
    CHECK(trail[0].action == server::AuditAction::kInfoRequest);
    CHECK(trail[1].action == server::AuditAction::kDecision);
    CHECK(trail[2].action == server::AuditAction::kChange);
    CHECK(trail[2].staff == "mdiq.province");
    const Json view = GetJson(c, "/api/v1/staff/files/" + refs[0], school);
    CHECK(view["history"].size() == 3);
    CHECK(view["history"][2]["from"] == "rejected");
    CHECK(view["history"][2]["to"] == "approved");
    CHECK(view["file"]["child"]["given_name_latin"] == "Child");

    // Another province sees nothing of it: not the list, not the file, not a decision.
    CHECK(GetJson(c, "/api/v1/staff/files", other_province)["total"] == 0);
    CHECK(GetJson(c, "/api/v1/staff/files/" + refs[1], other_province, 404)["code"] ==
          "file.not_found");
    CHECK(PostStatus(c, "/api/v1/staff/files/" + refs[1] + "/decision", other_province,
                     {{"decision", "approve"}}) == 404);

    // Bulk: each file once; refusals named; out of scope looks unknown.
    Json bulk;
    Json list = Json::array({refs[1], refs[2], refs[3], refs[0], "AAAAA-AAAAA", "junk"});
    CHECK(PostStatus(c, "/api/v1/staff/decisions", other_province,
                     {{"decision", "approve"}, {"references", list}}, &bulk) == 200);
    CHECK(bulk["approved"] == 0);
    CHECK(PostStatus(c, "/api/v1/staff/decisions", school,
                     {{"decision", "approve"}, {"references", list}}, &bulk) == 200);
    CHECK(bulk["approved"] == 3);
    CHECK(bulk["results"][3]["code"] == "decision.not_pending");
    CHECK(bulk["results"][4]["code"] == "file.not_found");
    CHECK(PostStatus(c, "/api/v1/staff/decisions", school,
                     {{"decision", "approve"}, {"references", list}}, &bulk) == 200);
    CHECK(bulk["approved"] == 0);
    for (int i = 1; i <= 3; ++i) {
        int decisions = 0;
        for (const auto& m : s.storage->MessagesFor(refs[i]))
            decisions += m.kind == server::MessageKind::kDecision;
        CHECK(decisions == 2);  // SMS and e-mail, once
        CHECK(s.storage->AuditTrail(refs[i]).size() == 1);
    }
    CHECK(PostStatus(c, "/api/v1/staff/decisions", school,
                     {{"decision", "reject"}, {"references", list}}) == 400);

    // A move: directorate only, to a school of the province that serves the residence or has
    // places; audited, the guardian told.
    const std::string move = "/api/v1/staff/files/" + refs[4] + "/move";
    CHECK(PostStatus(c, move, school, {{"school_code", "57303A"}}) == 403);
    CHECK(PostStatus(c, move, province, {{"school_code", "22706A"}}) == 422);  // other province
    CHECK(PostStatus(c, move, province, {{"school_code", "57303B"}}) == 409);  // where it is
    CHECK(PostStatus(c, move, province, {{"school_code", "57303A"}}, &out) == 200);
    CHECK(out["school_code"] == "57303A");
    CHECK(s.storage->AuditTrail(refs[4]).back().action == server::AuditAction::kMove);
    int moves = 0;
    for (const auto& m : s.storage->MessagesFor(refs[4]))
        moves += m.kind == server::MessageKind::kMove;
    CHECK(moves == 2);
    // The school it left no longer sees it.
    CHECK(GetJson(c, "/api/v1/staff/files/" + refs[4], school, 404)["code"] == "file.not_found");
}

TEST_CASE("A directorate exports a file for the parent and corrects it, audited and checked",
          "[server][api][staff][rights]") {
    ServerFixture s;
    s.service->CreateStaff("martil.director", "correct horse battery", "school", "57303B");
    s.service->CreateStaff("mdiq.province", "province secret 01", "directorate", "01.573");
    s.service->CreateStaff("fahs.province", "province secret 02", "directorate", "01.227");
    auto c = s.Client();
    Json original = NewFile();
    original["child"]["given_name_latin"] = "Yasmine";
    auto posted = Post(c, original);
    REQUIRE(posted);
    REQUIRE(posted->status == 201);
    const std::string ref = Json::parse(posted->body)["reference"];
    const auto school = LogIn(c, "martil.director", "correct horse battery");
    const auto province = LogIn(c, "mdiq.province", "province secret 01");
    const auto other_province = LogIn(c, "fahs.province", "province secret 02");
    const std::string exp = "/api/v1/staff/files/" + ref + "/export";
    const std::string fix = "/api/v1/staff/files/" + ref + "/rectification";

    // Access: the directorate of the province only; another province cannot tell it exists.
    CHECK(GetJson(c, exp, school, 403)["code"] == "export.forbidden");
    CHECK(GetJson(c, exp, other_province, 404)["code"] == "file.not_found");
    CHECK(GetJson(c, "/api/v1/staff/files/AAAAA-AAAAA/export", province, 404)["code"] ==
          "file.not_found");
    auto r = c.Get(exp.c_str(), province);
    REQUIRE(r);
    REQUIRE(r->status == 200);
    CHECK(r->get_header_value("Content-Disposition") ==
          "attachment; filename=\"tasjil-" + ref + ".json\"");
    CHECK(r->get_header_value("Cache-Control") == "no-store");
    Json exported = Json::parse(r->body);
    CHECK(exported["reference"] == ref);
    CHECK(exported["file"]["child"]["given_name_latin"] == "Yasmine");
    CHECK(exported["file"]["file_id"] == original["file_id"]);
    CHECK(exported["statuses"].size() == 1);
    REQUIRE(exported["messages"].size() == 2);  // the acknowledgement, by SMS and e-mail
    CHECK(exported["messages"][0]["recipient"].get<std::string>().size() > 5);
    CHECK(s.storage->AuditTrail(ref).back().action == server::AuditAction::kExport);

    // Rectification: refusals, each with its status and code; nothing changes.
    Json out;
    const Json name = {{"pointer", "/child/given_name_latin"}, {"value", "Yassmine"}};
    const Json note = "Demande de la mère du 12 avril, acte de naissance vu";
    CHECK(PostStatus(c, fix, school, {{"changes", {name}}, {"note", note}}, &out) == 403);
    CHECK(out["code"] == "rectify.forbidden");
    CHECK(PostStatus(c, fix, other_province, {{"changes", {name}}, {"note", note}}) == 404);
    CHECK(PostStatus(c, fix, province, {{"changes", {name}}}, &out) == 422);
    CHECK(out["code"] == "rectify.note_invalid");
    CHECK(PostStatus(c, fix, province, {{"changes", {name}}, {"note", "   "}}, &out) == 422);
    CHECK(out["code"] == "rectify.note_invalid");
    CHECK(
        PostStatus(c, fix, province,
                   {{"changes", {{{"pointer", "/school_choice/school_code"}, {"value", "57303A"}}}},
                    {"note", note}},
                   &out) == 422);
    CHECK(out["code"] == "rectify.field_forbidden");
    CHECK(out["errors"][0]["pointer"] == "/school_choice/school_code");
    CHECK(PostStatus(c, fix, province,
                     {{"changes", {{{"pointer", "/child/given_name_ar"}, {"value", "Yasmine"}}}},
                      {"note", note}},
                     &out) == 422);
    CHECK(out["code"] == "rectify.invalid");
    CHECK(out["errors"][0]["code"] == "name.not_arabic");
    CHECK_FALSE(out["errors"][0]["message"].get<std::string>().empty());
    CHECK(PostStatus(c, fix, province,
                     {{"changes", {{{"pointer", "/residence/province"}, {"value", "01.227"}}}},
                      {"note", note}},
                     &out) == 422);
    CHECK(out["code"] == "rectify.other_province");
    CHECK(PostStatus(c, fix, province,
                     {{"changes", {{{"pointer", "/child/given_name_latin"}, {"value", "Yasmine"}}}},
                      {"note", note}},
                     &out) == 422);
    CHECK(out["code"] == "rectify.no_change");
    CHECK(PostStatus(c, fix, province, Json::array()) == 400);
    CHECK(PostStatus(c, fix, province, {{"changes", "x"}, {"note", note}}) == 400);
    CHECK(PostStatus(c, fix, province,
                     {{"changes", {{{"pointer", "/child/sex"}}}}, {"note", note}}) == 400);
    CHECK(PostStatus(c, fix, province, {{"changes", Json::array({name, 7})}, {"note", note}}) ==
          400);
    CHECK(PostStatus(c, fix, province,
                     {{"changes", Json(std::vector<Json>(server::kMaxCorrections + 1, name))},
                      {"note", note}},
                     &out) == 413);
    CHECK(out["code"] == "rectify.too_many");
    auto wrong_type = c.Post(fix.c_str(), province, "{}", "text/plain");
    REQUIRE(wrong_type);
    CHECK(wrong_type->status == 415);
    CHECK(s.storage->AuditTrail(ref).size() == 1);  // the export only

    // Accepted: a birth date corrected with its act's year makes the child too young; the
    // status stays, the pre-check says so, the look-up key follows the date, the guardian is told.
    const Json born = {{"pointer", "/child/birth_date"}, {"value", "2021-04-01"}};
    CHECK(PostStatus(c, fix, province, {{"changes", {name, born}}, {"note", note}}, &out) == 422);
    CHECK(out["code"] == "rectify.invalid");  // the act's year is before the birth
    const Json act = {{"pointer", "/child/civil_status/act_year"}, {"value", 2021}};
    CHECK(PostStatus(c, fix, province, {{"changes", {name, born, act}}, {"note", note}}, &out) ==
          200);
    CHECK(out["status"] == "pending_review");
    CHECK(out["outcome"] == "ineligible");
    CHECK(out["reasons"][0]["code"] == "age.below_legal_age");
    CHECK(out["changed"] == Json::array({"/child/given_name_latin", "/child/birth_date",
                                         "/child/civil_status/act_year"}));
    const auto trail = s.storage->AuditTrail(ref);
    REQUIRE(trail.size() == 2);
    CHECK(trail[1].action == server::AuditAction::kRectify);
    CHECK(trail[1].staff == "mdiq.province");
    CHECK(trail[1].detail.find("/child/birth_date") != std::string::npos);
    CHECK(trail[1].detail.find("acte de naissance vu") != std::string::npos);
    int told = 0;
    for (const auto& m : s.storage->MessagesFor(ref))
        told += m.kind == server::MessageKind::kRectification;
    CHECK(told == 2);
    CHECK(GetJson(c, "/api/v1/files/" + ref + "?birth_date=2021-04-01", {})["status"] ==
          "pending_review");
    CHECK(GetJson(c, "/api/v1/files/" + ref + "?birth_date=2020-09-14", {}, 404)["code"] ==
          "file.not_found");
    const Json view = GetJson(c, "/api/v1/staff/files/" + ref, school);
    CHECK(view["file"]["child"]["given_name_latin"] == "Yassmine");
    CHECK(view["outcome"] == "ineligible");
    CHECK(view["history"][1]["action"] == "rectification");
    CHECK(GetJson(c, "/api/v1/staff/files?q=yassmine", school)["total"] == 1);

    // The parent's app sending the original again is still the same file, not a conflict.
    auto again = Post(c, original);
    REQUIRE(again);
    CHECK(again->status == 200);
    CHECK(Json::parse(again->body)["reference"] == ref);

    // A decided file keeps its decision and its reasons; the pre-check is shown again.
    CHECK(PostStatus(c, "/api/v1/staff/files/" + ref + "/decision", school,
                     {{"decision", "reject"}, {"reason_code", "school.capacity_reached"}}) == 200);
    CHECK(PostStatus(c, fix, province,
                     {{"changes", {{{"pointer", "/child/birth_date"}, {"value", "2021-03-01"}}}},
                      {"note", note}},
                     &out) == 200);
    CHECK(out["status"] == "rejected");
    CHECK(out["outcome"] == "eligible");
    const Json decided = GetJson(c, "/api/v1/staff/files/" + ref, school);
    CHECK(decided["status"] == "rejected");
    CHECK(decided["reasons"][0]["code"] == "school.capacity_reached");

    // Two corrections from the same reading of the file: the second finds it changed.
    const auto stored = s.storage->FindByReference(ref);
    REQUIRE(stored);
    server::AuditEntry audit{
        "2026-04-10T09:00:00Z", "mdiq.province", server::AuditAction::kRectify, ref, stored->status,
        stored->status,         "test"};
    CHECK_FALSE(s.storage->Rectify(*stored, "{}", false, audit, {}));
    CHECK(s.storage->AuditTrail(ref).size() == 4);
}

TEST_CASE("Health, metrics and the OpenAPI description are served", "[server][api][ops]") {
    ServerFixture s;
    auto c = s.Client();
    CHECK(c.Get("/healthz")->status == 200);
    CHECK(c.Get("/readyz")->status == 200);
    Post(c, NewFile());
    CHECK(c.Get("/metrics")->status == 404);  // not on the public listener
    auto m = s.MetricsClient();
    auto metrics = m.Get("/metrics");
    REQUIRE(metrics->status == 200);
    CHECK(metrics->body.find(
              "tasjil_http_requests_total{route=\"/api/v1/files\",status=\"201\"} 1") !=
          std::string::npos);
    CHECK(metrics->body.find("tasjil_files{status=\"pending_review\"} 1") != std::string::npos);
    CHECK(metrics->body.find("tasjil_notifications{status=\"pending\"} 2") != std::string::npos);
    auto openapi = c.Get("/api/v1/openapi.yaml");
    REQUIRE(openapi->status == 200);
    CHECK(openapi->body.rfind("openapi: 3.1", 0) == 0);
}

TEST_CASE("The web app is served with its compressed variant, types and security headers",
          "[server][static]") {
    ServerFixture s;
    auto c = s.Client();
    c.set_decompress(false);
    auto br = c.Get("/", {{"Accept-Encoding", "gzip, br"}});
    REQUIRE(br->status == 200);
    CHECK(br->get_header_value("Content-Encoding") == "br");
    CHECK(br->body == "BROTLI");
    CHECK(br->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(br->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(br->get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(br->get_header_value("Content-Security-Policy").find("default-src 'self'") !=
          std::string::npos);
    auto plain = c.Get("/index.html");
    CHECK(plain->body == "<!doctype html><title>t</title>");
    CHECK(plain->get_header_value("Cache-Control") == "no-cache");
    CHECK(c.Get("/index.html", {{"If-None-Match", plain->get_header_value("ETag")}})->status ==
          304);
    CHECK(c.Get("/index.wasm")->get_header_value("Content-Type") == "application/wasm");
    CHECK(c.Get("/app.0123abcd.js")->get_header_value("Cache-Control").find("immutable") !=
          std::string::npos);
    CHECK(c.Get("/missing.js")->status == 404);
    CHECK(c.Get("/../secret")->status >= 400);
}

TEST_CASE("The server refuses a file dated ahead of its clock and names the serving unit",
          "[server][api][plausibility]") {
    ServerFixture s;  // the clock says 2026-04-10T09:00:00Z
    auto c = s.Client();
    Json ahead = NewFile();
    ahead["created_at"] = "2026-04-10T09:05:00Z";    // within the allowed skew
    ahead["submitted_at"] = "2026-04-10T09:20:00Z";  // 20 minutes ahead
    auto r = Post(c, ahead);
    CHECK(r->status == 422);
    CHECK(Json::parse(r->body)["errors"][0]["code"] == "timestamp.in_future");
    CHECK(Json::parse(r->body)["errors"][0]["pointer"] == "/submitted_at");

    Json group = NewFile();
    group["residence"] = {{"province", "01.227"},
                          {"commune", "01.227.05.05"},
                          {"sector", "01.227.05.05.005"},
                          {"address", "دوار تاغزوت"}};
    group["school_choice"]["school_code"] = "22706A";  // the central school of the group
    auto g = Post(c, group);
    REQUIRE(g->status == 201);
    const Json body = Json::parse(g->body);
    CHECK(body["status"] == "pending_review");
    CHECK(body["serving_unit"] == "22706C");
}

TEST_CASE("A new school map replaces the old one under load; files keep the school they chose",
          "[server][api][reload]") {
    server::HttpConfig unlimited;
    unlimited.api.submit_per_minute = 0;
    ServerFixture s("", unlimited);
    s.service->CreateStaff("mdiq.province", "province secret 01", "directorate", "01.573");
    auto c = s.Client();
    const std::string ref = Json::parse(
        c.Post("/api/v1/files", NewFile().dump(), "application/json")->body)["reference"];
    const std::string old_etag = c.Get("/api/v1/schoolmap")->get_header_value("ETag");
    // The academy closes 57303B: 57303A takes its sectors.
    Json map = Json::parse(test::ReadSourceFile("assets/schoolmap/sample.json"));
    Json schools = Json::array();
    Json moved;
    for (const auto& school : map["schools"]) {
        if (school["code"] == "57303B") moved = school["sectors_served"];
    }
    for (auto school : map["schools"]) {
        if (school["code"] == "57303B") continue;
        if (school["code"] == "57303A") {
            for (const auto& sector : moved) {
                const auto& mine = school["sectors_served"];
                if (std::find(mine.begin(), mine.end(), sector) == mine.end())
                    school["sectors_served"].push_back(sector);
            }
        }
        schools.push_back(school);
    }
    map["schools"] = schools;
    const std::string rules = test::ReadSourceFile("assets/rules/2026-2027.json");

    // A broken map is refused and the old one stays.
    CHECK(s.http->api().Reload("{", rules) != "");
    Json unserved = map;
    unserved["schools"] = Json::array();
    CHECK(s.http->api().Reload(unserved.dump(), rules).find("no school serves") !=
          std::string::npos);
    CHECK(c.Get("/api/v1/schoolmap")->get_header_value("ETag") == old_etag);

    test::FileLoad load("http://127.0.0.1:" + std::to_string(s.port), 4);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::vector<server::SchoolLeftMap> left;
    REQUIRE(s.http->api().Reload(map.dump(), rules, &left) == "");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    load.Stop();
    const auto statuses = load.Statuses();
    for (const auto& [status, n] : statuses) INFO("status " << status << ": " << n);
    // Before: stored; after: the sample's school is no longer in the map (422); never a failure.
    CHECK(statuses.count(201) == 1);
    CHECK(statuses.count(422) == 1);
    CHECK(statuses.size() == 2);
    REQUIRE(left.size() == 1);
    CHECK(left[0].school_code == "57303B");
    CHECK(left[0].province == "01.573");
    // The new map is served; stored files keep their school; the directorate is told.
    auto served = c.Get("/api/v1/schoolmap");
    CHECK(served->get_header_value("ETag") != old_etag);
    CHECK(served->body.find("57303B") == std::string::npos);
    CHECK(c.Get("/api/v1/schoolmap/01.573")->body.find("57303B") == std::string::npos);
    CHECK(s.storage->FindByReference(ref)->school_code == "57303B");
    auto login =
        c.Post("/api/v1/staff/sessions",
               Json{{"username", "mdiq.province"}, {"password", "province secret 01"}}.dump(),
               "application/json");
    const httplib::Headers auth = {
        {"Authorization", "Bearer " + Json::parse(login->body)["token"].get<std::string>()}};
    const Json me = Json::parse(c.Get("/api/v1/staff/me", auth)->body);
    REQUIRE(me["schools_left_map"].size() == 1);
    CHECK(me["schools_left_map"][0]["code"] == "57303B");
    // Requests that started before the reload finished with the old map: counted now.
    std::int64_t files = 0;
    for (const auto& w : s.storage->SchoolsWithFiles("01.573")) {
        if (w.school_code == "57303B") files += w.files;
    }
    CHECK(me["schools_left_map"][0]["files"] == files);
    CHECK(files >= left[0].files);
    CHECK(c.Get(("/api/v1/staff/files/" + ref).c_str(), auth)->status == 200);
}

// [SECTION] Messages -----------------------------------------------------------------------------

TEST_CASE("Every message kind says what happens next, in the guardian's language (approved texts)",
          "[server][api][messages][approved]") {
    for (const char* lang : {"ar", "zgh", "fr"}) {
        ServerFixture s;
        s.service->CreateStaff("martil.director", "correct horse battery", "school", "57303B");
        s.service->CreateStaff("mdiq.province", "province secret 01", "directorate", "01.573");
        auto c = s.Client();
        const auto school = LogIn(c, "martil.director", "correct horse battery");
        const auto province = LogIn(c, "mdiq.province", "province secret 01");
        auto send = [&](const std::string& birth_date = "") {
            Json f = NewFile();
            f["contact"]["language"] = lang;
            if (!birth_date.empty()) {
                f["child"]["birth_date"] = birth_date;
                f["child"]["civil_status"]["act_year"] = std::stoi(birth_date.substr(0, 4));
            }
            auto r = Post(c, f);
            REQUIRE(r);
            INFO(r->body);
            REQUIRE(r->status == 201);
            return Json::parse(r->body)["reference"].get<std::string>();
        };
        const std::string staff = "/api/v1/staff/files/";
        // Each kind once: received (then approved), rejected by the pre-check, rejected by the
        // school, information asked for, moved, corrected.
        const std::string approved = send();
        REQUIRE(PostStatus(c, staff + approved + "/decision", school, {{"decision", "approve"}}) ==
                200);
        const std::string too_young = send("2021-09-02");
        const std::string rejected = send();
        REQUIRE(PostStatus(c, staff + rejected + "/decision", school,
                           {{"decision", "reject"}, {"reason_code", "school.capacity_reached"}}) ==
                200);
        const std::string info = send();
        REQUIRE(PostStatus(c, staff + info + "/decision", school,
                           {{"decision", "request_info"},
                            {"note", lang == std::string("fr") ? "Apportez le livret de famille."
                                                               : "livret de famille"}}) == 200);
        const std::string moved = send();
        REQUIRE(PostStatus(c, staff + moved + "/move", province, {{"school_code", "57303A"}}) ==
                200);
        const std::string fixed = send();
        REQUIRE(PostStatus(
                    c, staff + fixed + "/rectification", province,
                    {{"changes", {{{"pointer", "/child/given_name_latin"}, {"value", "Yasmina"}}}},
                     {"note", "acte"}}) == 200);
        std::string text;
        for (const auto& ref : {approved, too_young, rejected, info, moved, fixed}) {
            // In the order they were made, e-mail before SMS.
            auto messages = s.storage->MessagesFor(ref);
            std::stable_sort(messages.begin(), messages.end(), [](const auto& a, const auto& b) {
                return std::tie(a.created_at, a.kind, a.channel) <
                       std::tie(b.created_at, b.kind, b.channel);
            });
            for (const auto& m : messages) {
                INFO(lang << " " << server::KindName(m.kind) << " "
                          << server::ChannelName(m.channel));
                CHECK(m.language == lang);
                // Where to follow the request, with the reference and never the birth date.
                CHECK(m.body.find("https://tasjil.men.gov.ma/?ref=" + ref) != std::string::npos);
                CHECK(m.body.find("2020-09-14") == std::string::npos);
                CHECK(m.body.find(test::CatalogueFor(lang).LongDate(test::D("2020-09-14"))) ==
                      std::string::npos);
                if (m.channel == server::Channel::kSms) {
                    CHECK(server::SmsSegments(m.body) <= 2);
                    if (lang == std::string("fr")) CHECK(server::IsGsm7(m.body));
                }
                // The reference stands in for the file's own: the approved text stays the same.
                std::string body = m.body, subject = m.subject;
                for (auto* t : {&body, &subject}) {
                    for (auto at = t->find(ref); at != std::string::npos; at = t->find(ref))
                        t->replace(at, ref.size(), "REF");
                }
                text += "== " + std::string(server::KindName(m.kind)) + " · " +
                        std::string(server::ChannelName(m.channel)) + "\n";
                if (!subject.empty()) text += "Subject: " + subject + "\n\n";
                text += body + "\n\n";
            }
        }
        INFO("approved file tests/server/approved/messages."
             << lang << ".txt (TASJIL_APPROVE=1 writes it)");
        CHECK(text ==
              test::ApprovedText(std::string("messages.") + lang, text, "tests/server/approved"));
    }
}

TEST_CASE("Every SMS template fits in two segments at its longest, French in GSM-7",
          "[server][messages][sms]") {
    std::map<std::string, core::Catalogue> all;
    REQUIRE(
        io::LoadCatalogues(std::string(TASJIL_SOURCE_DIR) + "/assets/i18n", TASJIL_CLDR_DIR, all)
            .empty());
    for (const auto& [lang, c] : all) {
        // The longest value of each parameter an SMS may hold: the longest status name, the
        // longest date in words (a long month, two-digit day), the public address the service
        // runs at, a reference; the child's name is dropped when it would not fit (service.cpp).
        std::string status;
        for (const char* s : {"status.pending_review", "status.approved", "status.rejected"})
            if (c.Render(s).size() > status.size()) status = c.Render(s);
        std::string longest_date;
        for (int m = 1; m <= 12; ++m) {
            const std::string iso =
                "2027-" + std::string(m < 10 ? "0" : "") + std::to_string(m) + "-28";
            const std::string words = c.LongDate(*core::ParseIsoDate(iso));
            if (core::DecodeUtf8Lenient(words).size() >
                core::DecodeUtf8Lenient(longest_date).size())
                longest_date = iso;
        }
        for (const auto& [code, text] : c.messages) {
            if (code.rfind("notify.", 0) != 0 || code.size() < 4 ||
                code.substr(code.size() - 4) != ".sms")
                continue;
            const std::vector<core::Param> params = {
                {"reference", "YKQRY-7MKVP"},
                {"child", ""},
                {"status", status},
                {"results_from", longest_date},
                {"received", longest_date},
                {"status_url", "https://tasjil.men.gov.ma/?ref=YKQRY-7MKVP"}};
            std::string sms = c.Render(code, params);
            if (lang == "fr") sms = server::FoldToGsm7(sms);
            INFO(lang << " " << code << ": " << sms);
            CHECK(server::SmsSegments(sms) <= 2);
            if (lang == "fr") CHECK(server::IsGsm7(sms));
            // And with a child's name of a usual length, it still fits.
            std::vector<core::Param> named = params;
            named[1].value = lang == "ar"    ? "فاطمة الزهراء"
                             : lang == "zgh" ? "Fatima-Zahra"
                                             : "Fatima-Zahra";
            std::string with_name = c.Render(code, named);
            if (lang == "fr") with_name = server::FoldToGsm7(with_name);
            CHECK(server::SmsSegments(with_name) <= 2);
        }
    }
}

TEST_CASE("Every answer carries the server's date, a rehearsal's --today included",
          "[server][api][clock]") {
    ServerFixture s;
    auto c = s.Client();
    for (const char* path :
         {"/api/v1/rules/current", "/api/v1/files/AAAAA-AAAAA?birth_date=x", "/"}) {
        auto r = c.Get(path);
        REQUIRE(r);
        INFO(path);
        CHECK(r->get_header_value("Date") == "Fri, 10 Apr 2026 09:00:00 GMT");
        CHECK(r->get_header_value_count("Date") == 1);
    }
}
