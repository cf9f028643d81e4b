#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/flow.h"
#include "app_fixture.h"

using namespace tasjil::app;
using tasjil::test::ScreenField;
using tasjil::test::ScreenValue;
using tasjil::test::TestApp;
using Json = nlohmann::json;

TEST_CASE("The first frames fetch the service notice and the rules once; the provinces come with "
          "the first screen that names places",
          "[app][data]") {
    TestApp t;
    t.Settle();
    CHECK(t.answered == 2);
    CHECK(t.state().data.rules);
    CHECK(t.state().data.provinces.empty());  // not part of the first load
    t.Settle();
    CHECK(t.answered == 2);  // nothing fetched twice
    EnterScreen(t.state(), ScreenId{"child"});
    t.Settle();
    CHECK_FALSE(t.state().data.provinces.empty());
    CHECK(std::count(t.urls.begin(), t.urls.end(), "/api/v1/provinces") == 1);
    EnterScreen(t.state(), ScreenId{"residence"});
    t.Settle();
    CHECK(std::count(t.urls.begin(), t.urls.end(), "/api/v1/provinces") == 1);
}

TEST_CASE("A failed fetch shows a retry, and Retry fetches again", "[app][data]") {
    TestApp t;
    t.online = false;
    const Json tree = Json::parse(t.Settle());
    CHECK(t.state().data.rules_state.state == Remote::State::kFailed);
    bool retry = false;
    for (const auto& n : tree["nodes"]) retry |= n["id"] == "start-rules-retry";
    CHECK(retry);
    t.online = true;
    t.app.Activate("start-rules-retry");
    t.Settle();
    CHECK(t.state().data.rules);
}

TEST_CASE("Send posts the normalised file once, however often it is pressed", "[app][send]") {
    TestApp t;
    t.Settle();
    t.FillValidFile();
    t.Settle();
    auto& s = t.state();
    EnterScreen(s, ScreenId::kDeclarations);
    s.ui.intents.push_back({Intent::Kind::kSubmit});
    s.ui.intents.push_back({Intent::Kind::kSubmit});  // a double tap
    ApplyIntents(s);
    REQUIRE(s.requests.size() == 1);
    const Json body = Json::parse(s.requests[0].body);
    CHECK(body["child"]["birth_date"] == "2020-09-14");
    CHECK(body["contact"]["phone"] == "+212700112233");  // normalised as the server stores it
    CHECK(body["submitted_at"].is_string());
    t.Settle();
    CHECK(t.submits == 1);
    CHECK(s.ui.screen == ScreenId::kReceipt);
    CHECK(s.submission.reference == "YKQRY-7MKVP");
    s.ui.intents.push_back({Intent::Kind::kSubmit});  // Back, then Send again
    ApplyIntents(s);
    CHECK(s.requests.empty());
}

TEST_CASE("A network failure keeps the file intact and sendable with the same id and date",
          "[app][send]") {
    TestApp t;
    t.Settle();
    t.FillValidFile();
    t.Settle();
    auto& s = t.state();
    EnterScreen(s, ScreenId::kDeclarations);
    t.online = false;
    s.ui.intents.push_back({Intent::Kind::kSubmit});
    t.Settle();
    CHECK(s.submission.state == Submission::State::kFailed);
    CHECK(s.submission.problem == "ui.send.offline");
    CHECK(s.ui.screen == ScreenId::kDeclarations);
    const auto sent_at = s.file.submitted_at;
    t.online = true;
    s.ui.intents.push_back({Intent::Kind::kSubmit});
    ApplyIntents(s);
    REQUIRE(s.requests.size() == 1);
    CHECK(Json::parse(s.requests[0].body)["submitted_at"] == *sent_at);
    CHECK(Json::parse(s.requests[0].body)["file_id"] == s.file.file_id);
}

TEST_CASE("A 422 takes the parent to the screen and field of the first error", "[app][send]") {
    TestApp t;
    t.Settle();
    t.FillValidFile();
    t.Settle();
    auto& s = t.state();
    EnterScreen(s, ScreenId::kDeclarations);
    t.submit_status = 422;
    t.submit_body =
        R"({"code":"file.invalid","errors":[{"pointer":"/mother/cin","code":"cin.invalid","message":"","params":{}}]})";
    s.ui.intents.push_back({Intent::Kind::kSubmit});
    const Json tree = Json::parse(t.Settle());
    CHECK(s.ui.screen == ScreenId{"parents"});
    CHECK(s.ui.errors_visible);
    bool linked = false;
    for (const auto& n : tree["nodes"]) linked |= n.value("for", "") == "mother-cin";
    CHECK(linked);
    CHECK(s.submission.state == Submission::State::kFailed);
}

TEST_CASE("A 409 explains and offers a new file with a new id", "[app][send]") {
    TestApp t;
    t.Settle();
    t.FillValidFile();
    t.Settle();
    auto& s = t.state();
    EnterScreen(s, ScreenId::kDeclarations);
    t.submit_status = 409;
    t.submit_body = R"({"code":"file.conflict"})";
    s.ui.intents.push_back({Intent::Kind::kSubmit});
    t.Settle();
    CHECK(s.submission.conflict);
    const std::string old_id = s.file.file_id;
    t.app.Activate("send-new-file");
    t.Settle();
    CHECK(s.ui.screen == ScreenId::kStart);
    CHECK(s.file.file_id != old_id);
    CHECK(s.file.child.given_name_ar.empty());
}

TEST_CASE("The published tree is versioned and sent only when it changed", "[app][semantics]") {
    TestApp t;
    const Json tree = Json::parse(t.Settle());
    CHECK(tree["version"] == kSemanticTreeVersion);
    CHECK(tree["height"].get<double>() > 0);
    tasjil::app::FrameInput in;
    in.css_width = 1024;
    in.css_height = 900;
    CHECK(t.app.Frame(in).empty());
}

TEST_CASE("Hostile or broken replies leave every answer and show a problem, never a crash",
          "[app][send][negative]") {
    TestApp t;
    t.Settle();
    t.FillValidFile();
    auto& s = t.state();
    const std::string before = tasjil::core::ToJson(s.file);
    const Request submit{Request::Purpose::kSubmit, 0, "POST", "/api/v1/files", "", ""};
    for (const auto& [status, body] : std::vector<std::pair<int, std::string>>{
             {201, "not json"},
             {201, "[]"},
             {422,
              R"({"errors":[{"pointer":7,"code":null},"x",{"pointer":"/nowhere","code":"x"}]})"},
             {422, R"({"errors":"nope"})"},
             {500, std::string(100000, '{')},
             {200, R"({"reference":{"a":1}})"}}) {
        s.submission.state = Submission::State::kSending;
        OnReply(s, submit, status, body);
        CHECK(tasjil::core::ToJson(s.file) == before);
    }
    const Request rules{Request::Purpose::kRules, 0, "GET", "/api/v1/rules/2026-2027", "", ""};
    s.data.rules.reset();
    OnReply(s, rules, 200, R"({"school_year":"1900-1901"})");
    CHECK_FALSE(s.data.rules);
    CHECK(s.data.rules_state.state == Remote::State::kFailed);
    const Request map{Request::Purpose::kProvinceMap, 0,  "GET",
                      "/api/v1/schoolmap/01.573",     "", "01.573"};
    OnReply(s, map, 200, "{\"schema_version\":1}");
    CHECK(s.data.map_state["01.573"].state == Remote::State::kFailed);
}

TEST_CASE("A language other than the default is fetched when chosen, then the page switches to it",
          "[app][i18n]") {
    TestApp t;
    t.state().catalogues.erase("fr");  // as in the browser: only Arabic ships in the data
    t.Settle();
    t.online = false;
    t.app.Activate("lang-fr");
    t.Settle();
    CHECK(t.state().ui.locale == "ar");  // the fetch failed: still Arabic, nothing lost
    CHECK(t.state().ui.pending_locale.empty());
    t.online = true;
    t.app.Activate("lang-fr");
    t.Settle();
    CHECK(t.state().ui.locale == "fr");
    CHECK(t.state().catalogues.count("fr") == 1);
    CHECK(Tr(t.state(), "ui.button.continue") == "Continuer");
    const int answered = t.answered;
    t.app.Activate("lang-ar");
    t.Settle();
    t.app.Activate("lang-fr");
    t.Settle();
    CHECK(t.state().ui.locale == "fr");
    CHECK(t.answered == answered);  // fetched once
}

TEST_CASE("A message's link opens the status look-up with its reference, never a birth date",
          "[app][status][messages]") {
    {
        TestApp t;
        t.Settle();
        CHECK(t.app.FollowReference("ykqry 7mkvp"));  // as typed or as linked: canonical form
        CHECK(t.state().ui.screen == ScreenId::kStatus);
        CHECK(*ScreenField(t.state(), ScreenId::kStatus, "/status/reference").text ==
              "YKQRY-7MKVP");
        CHECK(ScreenField(t.state(), ScreenId::kStatus, "/status/birth_date").date->empty());
        CHECK(t.state().ui.previous_screen == ScreenId::kStart);  // Back: the start page
    }
    TestApp u;
    u.Settle();
    CHECK_FALSE(u.app.FollowReference("YKQRY-7MKVQ"));  // a wrong check symbol
    CHECK_FALSE(u.app.FollowReference(""));
    CHECK(u.state().ui.screen == ScreenId::kStart);
}
