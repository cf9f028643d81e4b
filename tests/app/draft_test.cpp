#include <catch2/catch.hpp>

#include <functional>

#include <nlohmann/json.hpp>

#include "app/draft.h"
#include "app/flow.h"
#include "app_fixture.h"
#include "support/fixtures.h"

using namespace tasjil::app;
using tasjil::test::ScreenField;
using tasjil::test::ScreenValue;
using tasjil::test::TestApp;
using Json = nlohmann::json;

namespace {

// A draft of a file filled in part: a name, half a date, a search, and the screen.
AppState PartlyFilled() {
    AppState s;
    s.file = NewDraft("3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b6c", "2026-04-10T08:00:00Z", "2026-2027");
    s.file.child.given_name_ar = "ياسمين";
    s.file.child.given_name_latin = "Yasmine";
    s.file.siblings_under_school_age.push_back({"Adam", "2023-05-02"});
    *ScreenValue(s, "child", "birth_date").date = {"31", "03", ""};
    *ScreenValue(s, "child", "commune_query").text = "مرتي";
    *ScreenValue(s, "civil_status", "act_year").text = "20";
    *ScreenValue(s, "parents", "has_guardian").text = "yes";
    *ScreenValue(s, "contact", "email").flag = true;
    *ScreenValue(s, "siblings", "birth_dates").dates = {{"02", "05", "2023"}};
    *ScreenValue(s, "residence", "sector_query").text = "Martil";
    *ScreenValue(s, "school", "show_others").flag = true;
    s.ui.screen = ScreenId{"residence"};
    s.ui.locale = "zgh";
    return s;
}

std::string Altered(const std::string& draft, const std::function<void(Json&)>& change) {
    Json j = Json::parse(draft);
    change(j);
    return j.dump();
}

}  // namespace

TEST_CASE("A draft read back gives the same file, screen, language and half-typed values",
          "[app][draft]") {
    AppState before = PartlyFilled();
    AppState after;
    REQUIRE(RestoreDraft(after, DraftToJson(before)) == "");
    CHECK(tasjil::core::ToJson(after.file) == tasjil::core::ToJson(before.file));
    CHECK(after.ui.screen == ScreenId{"residence"});
    CHECK(after.ui.locale == "zgh");
    CHECK(ScreenValue(after, "child", "birth_date").date->day == "31");
    CHECK(ScreenValue(after, "child", "birth_date").date->year.empty());
    CHECK(*ScreenValue(after, "child", "commune_query").text == "مرتي");
    CHECK(*ScreenValue(after, "civil_status", "act_year").text == "20");
    CHECK(*ScreenValue(after, "parents", "has_guardian").text == "yes");
    CHECK(*ScreenValue(after, "contact", "email").flag);
    CHECK(ScreenValue(after, "siblings", "birth_dates").dates->size() == 1);
    CHECK(*ScreenValue(after, "residence", "sector_query").text == "Martil");
    CHECK(*ScreenValue(after, "school", "show_others").flag);
    CHECK(after.device.resumed);
    CHECK(DraftToJson(after) == DraftToJson(before));
}

TEST_CASE("A file that was on its way when the page closed resumes as queued in the outbox",
          "[app][draft]") {
    AppState s = PartlyFilled();
    s.submission.state = Submission::State::kSending;
    AppState after;
    REQUIRE(RestoreDraft(after, DraftToJson(s)) == "");
    CHECK(after.submission.state == Submission::State::kQueued);
}

TEST_CASE("A receipt resumes with its reference and reasons, on the start page that offers it",
          "[app][draft]") {
    AppState s = PartlyFilled();
    s.submission.state = Submission::State::kSent;
    s.submission.reference = "K7Q2M-9XPLA";
    s.submission.reasons = {{"/school_choice", "school.not_serving_residence", {{"a", "b"}}}};
    s.ui.screen = ScreenId::kReceipt;
    AppState after;
    REQUIRE(RestoreDraft(after, DraftToJson(s)) == "");
    CHECK(after.submission.reference == "K7Q2M-9XPLA");
    REQUIRE(after.submission.reasons.size() == 1);
    CHECK(after.submission.reasons[0].code == "school.not_serving_residence");
    CHECK(after.ui.screen == ScreenId::kStart);
}

TEST_CASE("A status look-up is not where a draft resumes", "[app][draft]") {
    AppState s = PartlyFilled();
    s.ui.screen = ScreenId::kStatus;
    CHECK(Json::parse(DraftToJson(s))["screen"] == "start");
}

TEST_CASE("Every screen has a draft name that reads back as itself", "[app][draft]") {
    for (const auto* spec : ParentsFlow()) {
        const auto back = ScreenFromName(AppState{}, spec->id.name);
        REQUIRE(back);
        CHECK(*back == spec->id);
    }
    CHECK_FALSE(ScreenFromName(AppState{}, "admin"));
}

TEST_CASE("A draft that is not sound is refused whole and changes nothing",
          "[app][draft][negative]") {
    AppState filled = PartlyFilled();
    const std::string good = DraftToJson(filled);
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"", "not a JSON object"},
        {"[]", "not a JSON object"},
        {"{\"draft_version\":1", "not a JSON object"},
        {std::string(kMaxDraftBytes + 1, ' '), "larger"},
        {Altered(good, [](Json& j) { j["draft_version"] = 2; }), "version"},
        {Altered(good, [](Json& j) { j.erase("file"); }), "has no file"},
        {Altered(good, [](Json& j) { j["file"]["child"]["given_name_ar"] = 7; }),
         "electronic file"},
        {Altered(good, [](Json& j) { j["file"]["schema_version"] = 99; }), "electronic file"},
        {Altered(good, [](Json& j) { j["file"]["extra"] = "x"; }), "electronic file"},
        {Altered(good, [](Json& j) { j["screen"] = "admin"; }), "screen"},
        {Altered(good, [](Json& j) { j["locale"] = "en"; }), "language"},
        {Altered(good, [](Json& j) { j["screens"]["child"]["birth_date"] = "31/03/2021"; }),
         "date"},
        {Altered(good,
                 [](Json& j) { j["screens"]["child"]["birth_date"][0] = std::string(9, '1'); }),
         "date"},
        {Altered(good, [](Json& j) { j["screens"]["contact"]["sms"] = "yes"; }), "true or false"},
        {Altered(
             good,
             [](Json& j) { j["screens"]["residence"]["sector_query"] = std::string(600, 'a'); }),
         "too long"},
        {[&] {
             std::string t = good;  // a byte that is not UTF-8, as the bytes arrive
             t.replace(t.find("Martil"), 6, "Mar\xfftil");
             return t;
         }(),
         "not a JSON object"},
        {Altered(good,
                 [](Json& j) {
                     j["screens"]["siblings"]["birth_dates"] = Json::array({1, 2});
                 }),
         "date"},
        {Altered(good, [](Json& j) { j["screens"].erase("parents"); }), "has no parents"},
        {Altered(good, [](Json& j) { j["submission"]["state"] = "approved"; }), "submission state"},
        {Altered(good, [](Json& j) { j["submission"]["state"] = "sent"; }), "without a reference"},
        {Altered(good, [](Json& j) { j["submission"]["reasons"] = "none"; }), "reasons"},
    };
    for (const auto& [text, reason] : bad) {
        CAPTURE(text.substr(0, 200));
        AppState s;
        s.file.file_id = "kept";
        s.ui.screen = ScreenId{"child"};
        const std::string problem = RestoreDraft(s, text);
        CHECK_THAT(problem, Catch::Matchers::Contains(reason));
        CHECK(s.file.file_id == "kept");
        CHECK(s.ui.screen == ScreenId{"child"});
        CHECK_FALSE(s.device.resumed);
    }
}

TEST_CASE("Nothing is stored before the parent leaves the Start screen; then every change is",
          "[app][draft]") {
    TestApp t;
    t.Settle();
    CHECK_FALSE(t.app.TakeDraft());
    t.app.Activate("start-now");
    t.Settle();
    const auto first = t.app.TakeDraft();
    REQUIRE(first);
    CHECK(Json::parse(*first)["screen"] == "child");
    CHECK(Json::parse(*first)["file"]["file_id"] == t.state().file.file_id);
    CHECK_FALSE(t.app.TakeDraft());  // nothing changed since
    t.app.Input("child-given_name_ar", "ياسمين");
    t.Settle();
    const auto second = t.app.TakeDraft();
    REQUIRE(second);
    CHECK(Json::parse(*second)["file"]["child"]["given_name_ar"] == "ياسمين");
}

TEST_CASE("A resumed draft opens on its screen with what was typed", "[app][draft]") {
    std::string saved;
    {
        TestApp t;
        t.Settle();
        t.app.Activate("start-now");
        t.Settle();
        t.app.Input("child-given_name_latin", "Yasmine");
        t.app.Input("child-birth_date-day", "31");
        t.Settle();
        saved = *t.app.TakeDraft();
    }
    TestApp t;
    REQUIRE(t.app.Resume(saved) == "");
    t.Settle();
    CHECK(t.state().ui.screen == ScreenId{"child"});
    CHECK(t.state().file.child.given_name_latin == "Yasmine");
    CHECK((*ScreenValue(t.state(), "child", "birth_date").date).day == "31");
    CHECK_FALSE(t.app.TakeDraft());  // what was resumed is what the device has
}

TEST_CASE("Deleting the saved answers asks first, then forgets the draft and starts anew",
          "[app][draft]") {
    TestApp t;
    t.Settle();
    t.app.Activate("start-now");
    t.Settle();
    t.app.Input("child-given_name_latin", "Yasmine");
    t.Settle();
    REQUIRE(t.app.TakeDraft());
    const std::string old_id = t.state().file.file_id;
    t.app.Activate("back");
    t.Settle();
    REQUIRE(t.state().ui.screen == ScreenId::kStart);
    t.app.Activate("draft-delete");
    t.Settle();
    CHECK(t.state().ui.confirm_delete);
    CHECK(t.state().file.child.given_name_latin == "Yasmine");  // not yet
    t.app.Activate("draft-delete-yes");
    t.Settle();
    CHECK(t.state().device.drafts_to_delete == std::vector<std::string>{old_id});
    CHECK(t.state().file.file_id != old_id);
    CHECK(t.state().file.child.given_name_latin.empty());
    CHECK_FALSE(t.state().device.draft_stored);
}

TEST_CASE("The outbox's states show on the Send screen and its final answer makes the receipt",
          "[app][draft][outbox]") {
    TestApp t;
    t.FillValidFile();
    t.Settle();
    const std::string id = t.state().file.file_id;
    t.app.Outbox("another-file", "queued", 0, "");
    CHECK(t.state().submission.state == Submission::State::kIdle);
    t.app.Outbox(id, "queued", -1, "");
    CHECK(t.state().submission.state == Submission::State::kQueued);
    CHECK(t.state().submission.problem == "ui.send.queued");
    t.app.Outbox(id, "queued", 0, "");
    CHECK(t.state().submission.problem == "ui.send.offline");
    t.app.Outbox(id, "sending", 0, "");
    CHECK(t.state().submission.state == Submission::State::kSending);
    t.app.Outbox(
        id, "sent", 201,
        R"({"reference":"K7Q2M-9XPLA","status":"approved","received_at":"2026-04-10T09:00:00Z"})");
    CHECK(t.state().submission.state == Submission::State::kSent);
    CHECK(t.state().ui.screen == ScreenId::kReceipt);
    t.app.Outbox(id, "queued", 0, "");  // a late echo changes nothing
    CHECK(t.state().submission.state == Submission::State::kSent);
}

TEST_CASE("A refusal from the outbox brings the parent back to the file", "[app][draft][outbox]") {
    TestApp t;
    t.FillValidFile();
    t.Settle();
    t.app.Outbox(t.state().file.file_id, "attention", 422,
                 R"({"errors":[{"pointer":"/mother/cin","code":"cin.invalid","params":{}}]})");
    CHECK(t.state().submission.state == Submission::State::kFailed);
    CHECK(t.state().ui.screen == ScreenId{"parents"});
    CHECK(t.state().ui.errors_visible);
}

TEST_CASE("The seeds of the draft fuzz target are a draft and a list the app accepts",
          "[app][draft]") {
    AppState s;
    // The first byte chooses the fuzz target's reader ('d': the draft's).
    const std::string seed = tasjil::test::ReadSourceFile("tests/fuzz/corpus/draft/queued.json");
    REQUIRE(seed.front() == 'd');
    CHECK(RestoreDraft(s, seed.substr(1)) == "");
    CHECK(s.submission.state == Submission::State::kQueued);
    CHECK(s.ui.screen == ScreenId{"residence"});
    const std::string list = tasjil::test::ReadSourceFile("tests/fuzz/corpus/draft/files.json");
    REQUIRE(list.front() == 'e');
    CHECK(ReadDeviceFiles(list.substr(1)).size() == 2);
}

TEST_CASE("The device's files are read from the page's list, the outbox's state first",
          "[app][draft][tablet]") {
    AppState filled = PartlyFilled();
    const std::string draft = DraftToJson(filled);
    Json list = Json::array({
        {{"file_id", "a"}, {"changed", "2026-04-10T09:12"}, {"draft", draft}, {"outbox", nullptr}},
        {{"file_id", "b"},
         {"changed", "2026-04-10T09:13"},
         {"draft", draft},
         {"outbox", {{"state", "sent"}, {"reference", "YKQRY-7MKVP"}}}},
        {{"file_id", "c"},
         {"changed", "2026-04-10T09:14"},
         {"draft", "not json"},
         {"outbox", {{"state", "queued"}}}},
    });
    const auto files = ReadDeviceFiles(list.dump());
    REQUIRE(files.size() == 3);
    CHECK(files[0].child_ar == "ياسمين");
    CHECK(files[0].child_latin == "Yasmine");
    CHECK(files[0].state == DeviceFile::State::kDraft);
    CHECK(files[1].state == DeviceFile::State::kSent);
    CHECK(files[1].reference == "YKQRY-7MKVP");
    CHECK(files[2].child_ar.empty());  // a draft that does not read is still listed
    CHECK(files[2].state == DeviceFile::State::kQueued);
}

TEST_CASE("A list of files that is not sound gives what is sound in it, never more",
          "[app][draft][tablet][negative]") {
    CHECK(ReadDeviceFiles("").empty());
    CHECK(ReadDeviceFiles("{}").empty());
    CHECK(ReadDeviceFiles("[1, \"a\", null, {}]").empty());
    CHECK(ReadDeviceFiles(R"([{"file_id": 7}])").empty());
    CHECK(ReadDeviceFiles(R"([{"file_id": ")" + std::string(100, 'x') + R"("}])").empty());
    Json many = Json::array();
    for (std::size_t i = 0; i < kMaxDeviceFiles + 10; ++i)
        many.push_back({{"file_id", std::to_string(i)}, {"changed", ""}});
    CHECK(ReadDeviceFiles(many.dump()).size() == kMaxDeviceFiles);
}

TEST_CASE("A tablet opens on its files, and a new file keeps the one before on the tablet",
          "[app][draft][tablet]") {
    TestApp t;
    t.app.SetMode(DeviceMode::kTablet);
    t.Settle();
    CHECK(t.state().ui.screen == ScreenId::kFiles);
    CHECK_FALSE(t.app.TakeDraft());
    t.app.Activate("files-new");
    t.Settle();
    CHECK(t.state().ui.screen == ScreenId{"child"});
    t.app.Input("child-given_name_latin", "Yasmine");
    t.Settle();
    REQUIRE(t.app.TakeDraft());
    const std::string first = t.state().file.file_id;
    const std::string saved = t.state().device.saved_draft;
    t.app.Activate("back");
    t.Settle();
    t.app.Activate("start-files");
    t.Settle();
    REQUIRE(t.state().ui.screen == ScreenId::kFiles);
    t.app.Activate("files-new");
    t.Settle();
    CHECK(t.state().file.file_id != first);
    CHECK(t.state().device.drafts_to_delete.empty());  // the first is still on the tablet
    // Opening the first again puts it back on screen, where it was left.
    REQUIRE(t.app.Open(saved) == "");
    t.Settle();
    CHECK(t.state().file.file_id == first);
    CHECK(t.state().file.child.given_name_latin == "Yasmine");
    CHECK(t.state().ui.screen == ScreenId{"child"});
}
