#include <catch2/catch.hpp>

#include <algorithm>

#include "app/draft.h"
#include "app/flow.h"
#include "app_fixture.h"
#include "core/field_error.h"
#include "support/fixtures.h"

using namespace tasjil::app;
using tasjil::test::ScreenField;
using tasjil::test::ScreenValue;
using tasjil::test::TestApp;

namespace {
// Whether `errors` has `code` at `pointer`.
bool HasCode(const tasjil::core::FieldErrors& errors, const std::string& pointer,
             const std::string& code) {
    for (const auto& e : errors) {
        if (e.pointer == pointer && e.code == code) return true;
    }
    return false;
}

void Push(AppState& s, Intent i) {
    s.ui.intents.push_back(std::move(i));
    ApplyIntents(s);
}
}  // namespace

TEST_CASE("The flow visits every question in order and skips the guardian when not needed",
          "[app][flow]") {
    TestApp t;
    auto& s = t.state();
    std::vector<ScreenId> seen;
    for (ScreenId id = ScreenId::kStart;;) {
        seen.push_back(id);
        const ScreenId next = NextScreen(s, id);
        if (next == id) break;
        id = next;
    }
    CHECK(seen ==
          std::vector<ScreenId>{ScreenId::kStart, ScreenId{"child"}, ScreenId{"civil_status"},
                                ScreenId{"parents"}, ScreenId{"contact"}, ScreenId{"siblings"},
                                ScreenId{"residence"}, ScreenId{"school"}, ScreenId{"eligibility"},
                                ScreenId::kCheckAnswers, ScreenId::kDeclarations});
    *ScreenValue(s, "parents", "has_guardian").text = "yes";
    CHECK(NextScreen(s, ScreenId{"parents"}) == ScreenId{"guardian"});
    CHECK(PreviousScreen(s, ScreenId{"contact"}) == ScreenId{"guardian"});
}

TEST_CASE("Step numbers count the questions that apply now", "[app][flow]") {
    TestApp t;
    auto& s = t.state();
    const auto before = StepOf(s, ScreenId{"contact"});
    *ScreenValue(s, "parents", "has_guardian").text = "yes";
    const auto after = StepOf(s, ScreenId{"contact"});
    CHECK(after.total == before.total + 1);
    CHECK(after.n == before.n + 1);
    CHECK(StepOf(s, ScreenId::kStart).n == 0);  // a page, not a step
}

TEST_CASE("Continue shows the screen's errors in field order and stays on the screen",
          "[app][flow][validation]") {
    TestApp t;
    auto& s = t.state();
    EnterScreen(s, ScreenId{"child"});
    s.file.child.given_name_ar = "Yasmine";  // Latin letters in the Arabic field
    *ScreenValue(s, "child", "birth_date").date = {"14", "", "2020"};
    Push(s, {Intent::Kind::kContinue});
    CHECK(s.ui.screen == ScreenId{"child"});
    CHECK(s.ui.errors_visible);
    CHECK(s.ui.focus_request == "error-summary");
    REQUIRE(s.ui.errors.size() >= 4);
    CHECK(s.ui.errors[0].pointer == "/child/family_name_ar");
    CHECK(HasCode(s.ui.errors, "/child/given_name_ar", "name.not_arabic"));
    CHECK(HasCode(s.ui.errors, "/child/birth_date", "ui.birth_date.incomplete"));
    // Only this screen's questions: nothing about the parents or the school.
    for (const auto& e : s.ui.errors) CHECK(e.pointer.rfind("/child", 0) == 0);
    // Nothing typed is cleared.
    CHECK(s.file.child.given_name_ar == "Yasmine");
    CHECK(ScreenValue(s, "child", "birth_date").date->day == "14");
}

TEST_CASE("A fix clears its message at once; new problems wait for Continue", "[app][flow]") {
    TestApp t;
    auto& s = t.state();
    EnterScreen(s, ScreenId{"civil_status"});
    Push(s, {Intent::Kind::kContinue});
    REQUIRE(HasCode(s.ui.errors, "/child/civil_status/act_number", "field.required"));
    s.file.child.civil_status.act_number = "1432";
    OnModelChanged(s);
    CHECK_FALSE(HasCode(s.ui.errors, "/child/civil_status/act_number", "field.required"));
    *ScreenValue(s, "civil_status", "act_year").text = "20x0";
    OnModelChanged(s);
    CHECK(HasCode(s.ui.errors, "/child/civil_status/act_year", "ui.year.not_a_year"));
}

TEST_CASE("Back and language switches never lose an answer", "[app][flow][intents]") {
    TestApp t;
    auto& s = t.state();
    t.FillValidFile();
    EnterScreen(s, ScreenId{"civil_status"});
    Push(s, {Intent::Kind::kBack});
    CHECK(s.ui.screen == ScreenId{"child"});
    Push(s, {Intent::Kind::kSetLocale, ScreenId::kStart, "fr"});
    CHECK(s.ui.locale == "fr");
    CHECK(s.file.locale == "fr");
    CHECK(s.file.child.given_name_ar == "ياسمين");
    CHECK(*ScreenValue(s, "civil_status", "act_year").text == "2020");
    Push(s, {Intent::Kind::kSetLocale, ScreenId::kStart, "xx"});
    CHECK(s.ui.locale == "fr");  // an unknown language is ignored
}

TEST_CASE("A Change link returns to Check your answers after Continue", "[app][flow][intents]") {
    TestApp t;
    t.Settle();
    auto& s = t.state();
    t.FillValidFile();
    t.Settle();
    EnterScreen(s, ScreenId::kCheckAnswers);
    Intent go{Intent::Kind::kGoTo, ScreenId{"civil_status"}};
    go.returns = true;
    Push(s, go);
    CHECK(s.ui.screen == ScreenId{"civil_status"});
    s.file.child.civil_status.act_number = "99";
    Push(s, {Intent::Kind::kContinue});
    CHECK(s.ui.screen == ScreenId::kCheckAnswers);
    CHECK_FALSE(s.ui.return_to);
}

TEST_CASE("The whole valid file has no errors and the device's pre-check decides it",
          "[app][flow][precheck]") {
    TestApp t;
    t.Settle();
    t.FillValidFile();
    t.Settle();
    auto& s = t.state();
    CHECK(FileErrors(s).empty());
    const auto e = DevicePrecheck(s);
    REQUIRE(e);
    CHECK(e->outcome == tasjil::core::Outcome::kEligible);
    // The declarations are made after the pre-check: it does not wait for them.
    s.file.declarations = {false, false};
    CHECK(DevicePrecheck(s));
    CHECK_FALSE(FileErrors(s).empty());
}

TEST_CASE("An error from the server is shown on the screen that asked the question",
          "[app][flow][send]") {
    TestApp t;
    auto& s = t.state();
    CHECK(ScreenOwning(s, "/mother/cin") == ScreenId{"parents"});
    CHECK(ScreenOwning(s, "/siblings_under_school_age/0/birth_date") == ScreenId::kCheckAnswers);
    s.file.siblings_under_school_age.push_back({});
    CHECK(ScreenOwning(s, "/siblings_under_school_age/0/birth_date") == ScreenId{"siblings"});
    CHECK(ScreenOwning(s, "/residence/sector") == ScreenId{"residence"});
    CHECK(ScreenOwning(s, "/declarations/information_accurate") == ScreenId::kDeclarations);
}

TEST_CASE("A device whose clock is in another year files for the year the server takes",
          "[app][flow][send][year]") {
    // The device believes it is May 2027 (2027-2028 by its clock); the server takes 2026-2027.
    TestApp t("2027-05-10");
    t.open_year = "2026-2027";
    t.Settle();
    auto& s = t.state();
    CHECK(s.file.school_year == "2026-2027");
    CHECK(std::count(t.urls.begin(), t.urls.end(), "/api/v1/rules/current") == 1);
    REQUIRE(s.data.rules);
    CHECK(s.data.rules->school_year == "2026-2027");
}

TEST_CASE("A refusal no answer can fix is explained where the parent is, never a loop",
          "[app][flow][send][year]") {
    TestApp t;
    t.ReadyToSend();
    auto& s = t.state();
    // The year changed on the server since the rules were read: the file takes the server's
    // year, its rules are asked for again, and one more Send goes through.
    t.submit_status = 422;
    t.submit_body = R"({"code":"file.invalid","message":"…","errors":[{"pointer":"/school_year",
        "code":"school_year.not_open","message":"…","params":{"school_year":"2027-2028"}}]})";
    t.open_year = "2027-2028";
    t.app.Activate("continue");
    t.Settle();
    CHECK(s.ui.screen == ScreenId::kDeclarations);
    CHECK(s.submission.problem == "ui.send.year_changed");
    CHECK(s.file.school_year == "2027-2028");
    REQUIRE(s.data.rules);
    CHECK(s.data.rules->school_year == "2027-2028");
    CHECK_FALSE(s.ui.errors_visible);

    // The window, as the server sees it (the device's date says it is open): nothing to
    // correct, so nothing to send the parent back to.
    s.today = tasjil::test::D("2027-04-10");
    t.submit_body = R"({"code":"file.invalid","message":"…","errors":[{"pointer":"",
        "code":"window.not_open","message":"…","params":{"opens":"2027-04-01"}}]})";
    const int before = t.submits;
    t.app.Activate("continue");
    t.Settle();
    CHECK(t.submits == before + 1);
    CHECK(s.ui.screen == ScreenId::kDeclarations);
    CHECK(s.submission.problem == "ui.send.refused");
    REQUIRE(s.submission.refusals.size() == 1);
    CHECK(s.submission.refusals[0].code == "window.not_open");
    CHECK_FALSE(s.ui.errors_visible);
    CHECK(s.submission.state == Submission::State::kFailed);

    // Accepted at last: the receipt.
    t.submit_status = 201;
    t.submit_body = R"({"reference":"YKQRY-7MKVP","status":"pending_review","reasons":[],
        "received_at":"2026-04-10T08:10:00Z","serving_unit":""})";
    t.app.Activate("continue");
    t.Settle();
    CHECK(s.ui.screen == ScreenId::kReceipt);
    CHECK(s.submission.refusals.empty());
}

TEST_CASE("Starting a new file forgets the family before: every screen's state, the look-up",
          "[app][flow][privacy]") {
    TestApp t;
    t.ReadyToSend();
    auto& s = t.state();
    // (The catalogue's example reference is YKQRY-7MKVP: A's is another.)
    t.submit_body = R"({"reference":"H3NQA-2ZP4C","status":"pending_review","reasons":[],
        "received_at":"2026-04-10T08:10:00Z","serving_unit":""})";
    t.app.Activate("continue");
    t.Settle();
    REQUIRE(s.ui.screen == ScreenId::kReceipt);
    // From the receipt to the status look-up and Back: the receipt again, not the start page.
    t.app.Activate("receipt-status");
    t.Settle();
    REQUIRE(s.ui.screen == ScreenId::kStatus);
    t.app.Activate("status-back");
    t.Settle();
    CHECK(s.ui.screen == ScreenId::kReceipt);
    // Family A looked up its status from its receipt and chose e-mail too.
    *ScreenField(s, ScreenId::kStatus, "/status/reference").text = "H3NQA-2ZP4C";
    *ScreenField(s, ScreenId::kStatus, "/status/birth_date").date = {"14", "09", "2020"};
    *ScreenValue(s, "contact", "email").flag = true;
    const std::string locale = s.ui.locale;
    const std::string year = s.file.school_year;

    StartNewFile(s, "9b2f6c1e-1d4a-4e6b-8a7c-000000000999");
    CHECK(s.file.file_id == "9b2f6c1e-1d4a-4e6b-8a7c-000000000999");
    CHECK(s.file.school_year == year);
    CHECK(s.ui.locale == locale);
    CHECK(s.data.rules);  // the server's public data stays
    CHECK(s.submission.state == Submission::State::kIdle);
    CHECK(s.submission.reference.empty());
    CHECK(ScreenField(s, ScreenId::kStatus, "/status/reference").text->empty());
    CHECK(ScreenField(s, ScreenId::kStatus, "/status/birth_date").date->empty());
    CHECK_FALSE(*ScreenValue(s, "contact", "email").flag);
    // Nothing of A on the screens family B reaches: not the reference, not a name, not a date.
    for (ScreenId id :
         {ScreenId::kStatus, ScreenId::kStart, ScreenId{"child"}, ScreenId{"contact"}}) {
        EnterScreen(s, id);
        const std::string tree = t.Settle();
        INFO(id.name);
        CHECK(tree.find("H3NQA") == std::string::npos);
        CHECK(tree.find("Yasmine") == std::string::npos);
        CHECK(tree.find("ياسمين") == std::string::npos);
        CHECK(tree.find("f.benaissa") == std::string::npos);
    }
}

TEST_CASE("Before registration opens a parent prepares the whole file and Send waits for the day",
          "[app][flow][send][window]") {
    // 3 December: the 2027-2028 window is 1–30 April 2027.
    TestApp t("2026-12-03");
    t.ReadyToSend();
    auto& s = t.state();
    REQUIRE(s.data.rules);
    CHECK(s.data.rules->school_year == "2027-2028");
    CHECK(RegistrationWindow(s) == WindowToday::kNotYetOpen);
    // The whole file is there, without errors; the page says when Send becomes available.
    CHECK(FileErrors(s).empty());
    t.Settle();
    // In words, in the page's language (Arabic).
    CHECK(t.app.semantics.ToOutline().find("1 أبريل 2027") != std::string::npos);
    bool disabled = false, notice = false;
    for (const auto& n : t.app.semantics.nodes()) {
        if (n.id == "continue") disabled = n.disabled;
        if (n.id == "send-window") notice = true;
    }
    CHECK(disabled);
    CHECK(notice);
    t.app.Activate("continue");
    t.Settle();
    CHECK(t.submits == 0);  // nothing sent, nothing lost
    CHECK(s.ui.screen == ScreenId::kDeclarations);
    // On the opening day Send is there.
    s.today = tasjil::test::D("2027-04-01");
    t.Settle();
    for (const auto& n : t.app.semantics.nodes()) {
        if (n.id == "continue") CHECK_FALSE(n.disabled);
        CHECK(n.id != "send-window");
    }
    t.app.Activate("continue");
    t.Settle();
    CHECK(t.submits == 1);
}

TEST_CASE("After the window closes the parent is told before sending that the file will be late",
          "[app][flow][send][window]") {
    TestApp t("2026-05-02");  // the 2026-2027 window closed on 30 April
    t.open_year = "2026-2027";
    t.ReadyToSend();
    auto& s = t.state();
    CHECK(RegistrationWindow(s) == WindowToday::kClosed);
    t.Settle();
    const std::string outline = t.app.semantics.ToOutline();
    CHECK(outline.find("send-window") != std::string::npos);
    CHECK(outline.find(Tr(s, "ui.window.closed",
                          {{"school_year", "2026-2027"}, {"closes", "2026-04-30"}})) !=
          std::string::npos);
    t.app.Activate("continue");
    t.Settle();
    CHECK(t.submits == 1);  // a late file is still received
}

TEST_CASE("A device whose clock is behind still sends once the server's date is in the window",
          "[app][flow][send][window][year]") {
    TestApp t("2025-06-02");  // the device's clock; the server takes 2026-2027 files
    t.open_year = "2026-2027";
    t.ReadyToSend();
    auto& s = t.state();
    CHECK(RegistrationWindow(s) == WindowToday::kNotYetOpen);  // by the device's clock alone
    t.app.ServerDate("not a date");
    CHECK_FALSE(s.server_today);
    t.app.ServerDate("2026-04-10");  // the Date header of the server's last reply
    CHECK(RegistrationWindow(s) == WindowToday::kOpen);
    t.app.Activate("continue");
    t.Settle();
    CHECK(t.submits == 1);
    // A new file keeps what the device learnt of the server's date.
    StartNewFile(s, "0b6f3c2a-1d4e-4f5a-8b7c-9d0e1f2a3b4c");
    CHECK(s.server_today == tasjil::test::D("2026-04-10"));
}

TEST_CASE("A sent file is closed: the device keeps its receipt, never its answers",
          "[app][flow][send][privacy]") {
    std::string saved;
    {
        TestApp t;
        t.ReadyToSend();
        auto& s = t.state();
        const std::string file_id = s.file.file_id;
        const std::string family = s.file.child.family_name_ar;
        REQUIRE_FALSE(family.empty());
        t.app.Activate("continue");
        t.Settle();
        REQUIRE(s.ui.screen == ScreenId::kReceipt);
        // What the receipt shows stays; the answers are gone from the state and the draft.
        CHECK(s.file.file_id == file_id);
        CHECK(s.submission.reference == "YKQRY-7MKVP");
        CHECK_FALSE(s.file.child.given_name_ar.empty());
        CHECK(s.file.child.family_name_ar.empty());
        CHECK(s.file.child.birth_date.empty());
        CHECK(s.file.mother.cin.empty());
        CHECK(s.file.contact.phone.empty());
        const auto draft = t.app.TakeDraft();
        REQUIRE(draft);
        CHECK(draft->find(family) == std::string::npos);
        CHECK(draft->find("2020-09-14") == std::string::npos);
        saved = *draft;
        // The start page offers the receipt, the look-up and another child; never the answers.
        EnterScreen(s, ScreenId::kStart);
        t.Settle();
        const std::string outline = t.app.semantics.ToOutline();
        CHECK(outline.find("#sent-receipt") != std::string::npos);
        CHECK(outline.find("#sent-status") != std::string::npos);
        CHECK(outline.find("#sent-new") != std::string::npos);
        CHECK(outline.find("#draft-continue") == std::string::npos);
        t.app.Activate("sent-status");
        t.Settle();
        CHECK(s.ui.screen == ScreenId::kStatus);
        CHECK(*ScreenField(s, ScreenId::kStatus, "/status/reference").text == "YKQRY-7MKVP");
        t.app.Activate("status-back");
        t.Settle();
        CHECK(s.ui.screen == ScreenId::kStart);
        t.app.Activate("sent-receipt");
        t.Settle();
        CHECK(s.ui.screen == ScreenId::kReceipt);
    }
    // A reload resumes the receipt, not a file to edit.
    TestApp after;
    after.Settle();
    REQUIRE(after.app.Resume(saved) == "");
    CHECK(after.state().submission.state == Submission::State::kSent);
    CHECK(after.state().ui.screen == ScreenId::kStart);
    CHECK(after.state().file.child.family_name_ar.empty());
}

// [SECTION] A screen added by its file and one line of the flow table ---------------------------

namespace {

// A screen the parents' flow does not have, written as a screen file writes one: its own state,
// its fields, what it keeps in a draft and how it reads a stored file.
struct NicknameState {
    std::string nickname;  // what the family calls the child
    bool asked = false;
};

std::vector<Field> NicknameFields(AppState& s) {
    auto& st = s.screens.Of<NicknameState>();
    return {TextField("/nickname", "ui.field.given_name", &st.nickname).As(Script::kLatin)};
}

void NicknameSync(AppState& s, tasjil::core::FieldErrors& errors) {
    if (s.screens.Of<NicknameState>().nickname == "?")
        errors.push_back({"/nickname", "field.required", {}});
}

std::vector<DraftValue> NicknameDraft(AppState& s) {
    auto& st = s.screens.Of<NicknameState>();
    return {{.name = "nickname", .text = &st.nickname}, {.name = "asked", .flag = &st.asked}};
}

void NicknameFromFile(AppState& s) {
    s.screens.Of<NicknameState>().nickname = s.file.child.given_name_latin;
}

const ScreenSpec kNickname{.id = {"nickname"},
                           .heading = "ui.child.heading",
                           .fields = NicknameFields,
                           .sync = NicknameSync,
                           .draft = NicknameDraft,
                           .from_file = NicknameFromFile};

// The parents' flow with the nickname screen after the child's.
FlowTable WithNickname() {
    FlowTable flow = ParentsFlow();
    flow.insert(flow.begin() + 2, &kNickname);
    return flow;
}

}  // namespace

TEST_CASE("A screen defined only by its spec takes part in navigation, steps, drafts and resets",
          "[app][flow][recipe]") {
    const FlowTable flow = WithNickname();
    TestApp t;
    auto& s = t.state();
    const int parents_steps = StepOf(s, ScreenId{"child"}).total;
    s.flow = &flow;
    t.Settle();

    // Navigation and steps: between the child and the civil status, counted.
    CHECK(NextScreen(s, ScreenId{"child"}) == ScreenId{"nickname"});
    CHECK(PreviousScreen(s, ScreenId{"civil_status"}) == ScreenId{"nickname"});
    CHECK(StepOf(s, ScreenId{"nickname"}).n == 2);
    CHECK(StepOf(s, ScreenId{"nickname"}).total == parents_steps + 1);

    // Drawn from its field table, validated by its own sync, on its own page.
    EnterScreen(s, ScreenId{"nickname"});
    t.app.Input("nickname", "Yasmi");
    const std::string tree = t.Settle();
    CHECK(tree.find(R"("id":"nickname")") != std::string::npos);
    CHECK(s.screens.Of<NicknameState>().nickname == "Yasmi");
    s.screens.Of<NicknameState>().nickname = "?";
    CHECK(ScreenErrors(s, kNickname).size() == 1);
    CHECK(ScreenOwning(s, "/nickname") == ScreenId{"nickname"});
    s.screens.Of<NicknameState>().nickname = "Yasmi";
    s.screens.Of<NicknameState>().asked = true;

    // Kept in the draft under its name, and read back, the page included.
    const std::string draft = DraftToJson(s);
    CHECK(draft.find(R"("nickname":{"asked":true,"nickname":"Yasmi"})") != std::string::npos);
    AppState back;
    back.flow = &flow;
    REQUIRE(RestoreDraft(back, draft) == "");
    CHECK(back.ui.screen == ScreenId{"nickname"});
    CHECK(back.screens.Of<NicknameState>().nickname == "Yasmi");
    CHECK(back.screens.Of<NicknameState>().asked);
    // A draft without it is not one of this flow's.
    AppState parents_only;
    CHECK(RestoreDraft(back, [&] {
              parents_only.file = s.file;
              return DraftToJson(parents_only);
          }()) == "the draft's screens has no nickname");

    // From a stored file (the staff view), and forgotten with the family.
    s.file.child.given_name_latin = "Yasmine";
    kNickname.from_file(s);
    CHECK(s.screens.Of<NicknameState>().nickname == "Yasmine");
    StartNewFile(s, "9b2f6c1e-1d4a-4e6b-8a7c-000000000998");
    CHECK(s.screens.Of<NicknameState>().nickname.empty());
    CHECK_FALSE(s.screens.Of<NicknameState>().asked);
    CHECK(s.flow == &flow);
}

TEST_CASE("Every screen of the parents' flow has its own name", "[app][flow][recipe]") {
    const auto& flow = ParentsFlow();
    for (std::size_t i = 0; i < flow.size(); ++i) {
        for (std::size_t j = i + 1; j < flow.size(); ++j) CHECK(flow[i]->id != flow[j]->id);
    }
}
