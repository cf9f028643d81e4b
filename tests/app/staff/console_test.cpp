// The staff console driven natively: its requests answered here as the server would, its
// frames drawn with ImGui's default font, its semantic tree and annotations read back.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <set>

#include "app/staff/answers.h"
#include "app/staff/console.h"
#include "app/ui.h"
#include "io/files.h"
#include "support/fixtures.h"

using namespace tasjil;
using Json = nlohmann::json;
using app::staff::StaffRequest;
using app::staff::StaffScreen;

namespace {

class TestConsole {
  public:
    TestConsole() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        ImFont* font = io.Fonts->AddFontDefault();
        io.Fonts->Build();
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
        c.fonts.small = c.fonts.body = c.fonts.heading = font;
        REQUIRE(io::LoadCatalogues(std::string(TASJIL_SOURCE_DIR) + "/assets/i18n", TASJIL_CLDR_DIR,
                                   c.state.page.catalogues.All())
                    .empty());
        c.state.page.ui.locale = "fr";
    }
    ~TestConsole() { ImGui::DestroyContext(); }

    app::staff::Console c;
    std::vector<StaffRequest> sent;
    float scroll = 0;
    float width = 1280;

    std::string Frame() {
        app::FrameInput in;
        in.css_width = width;
        in.css_height = 800;
        in.scroll_y = scroll;
        const std::string json = c.Frame(in);
        for (auto& r : c.TakeRequests()) sent.push_back(r);
        return json;
    }
    // The last request sent for `purpose`, taken off the list.
    StaffRequest Take(StaffRequest::Purpose purpose) {
        for (auto it = sent.rbegin(); it != sent.rend(); ++it) {
            if (it->purpose == purpose) {
                StaffRequest r = *it;
                sent.erase(std::next(it).base());
                return r;
            }
        }
        FAIL("no request of purpose " << static_cast<int>(purpose) << " was sent");
        return {};
    }
    bool Sent(StaffRequest::Purpose purpose) const {
        for (const auto& r : sent) {
            if (r.purpose == purpose) return true;
        }
        return false;
    }
    void LogIn(const std::string& role = "school", const Json& told = Json::object()) {
        Frame();
        c.Input("login-username", "martil.director");
        c.Input("login-password", "correct horse battery");
        Frame();
        c.Activate("login");
        Frame();
        const auto login = Take(StaffRequest::Purpose::kLogin);
        CHECK(Json::parse(login.body)["password"] == "correct horse battery");
        Json answer = {{"username", "martil.director"},
                       {"role", role},
                       {"expires_at", "2026-05-02T10:30:00Z"}};
        answer.update(told);
        c.Reply(login.id, 201, answer.dump());
        Frame();
    }
    // Logged in as a school, its list's first page (`n` rows of `total`) answered and drawn.
    void ShowList(int n, int total) {
        LogIn();
        AnswerMe();
        const auto list = Take(StaffRequest::Purpose::kList);
        c.Reply(list.id, 200, Page(0, n, total, n < total));
        Frame();
    }
    void AnswerMe() {
        const auto me = Take(StaffRequest::Purpose::kMe);
        c.Reply(me.id, 200, R"({"username":"martil.director","role":"school","scope":"57303B",
            "validation_closes":"2026-05-15","today":"2026-05-02","sectors":[],
            "schools":[{"code":"57303B","name_ar":"م","name_fr":"École Martil","kind":"school",
            "counts":{"pending_review":9990,"approved":10,"rejected":0},"eligible_pending":9000,
            "late_undecided":0,"first_year_places":90,"places_left":80}]})");
    }
    // A page of `n` rows (from `first`) of a list of `total`.
    static std::string Page(int first, int n, int total, bool more) {
        Json files = Json::array();
        for (int i = first; i < first + n; ++i) {
            files.push_back({{"reference", "R" + std::to_string(100000 + i)},
                             {"child_name_ar", "سلمى"},
                             {"child_name_latin", "Salma " + std::to_string(i)},
                             {"birth_date", "2020-09-14"},
                             {"sector", "01.573.01.03.002"},
                             {"outcome", "eligible"},
                             {"reasons", Json::array()},
                             {"late", false},
                             {"status", "pending_review"},
                             {"school_code", "57303B"},
                             {"received_at", "2026-04-10T09:00:00Z"},
                             {"notification", "sent"}});
        }
        return Json{
            {"files", files},
            {"total", total},
            {"next_cursor", more ? Json("received_at.00.R" + std::to_string(first + n)) : Json()}}
            .dump();
    }
    // Logged in with `role`, one file of the sample family opened, its places' maps answered.
    void OpenSampleFile(const std::string& role) {
        LogIn(role);
        AnswerMe();
        if (role == "directorate") {
            c.Activate("school-57303B");
            Frame();
        }
        c.Reply(Take(StaffRequest::Purpose::kList).id, 200, Page(0, 3, 3, false));
        Frame();
        c.Activate("open-R100001");
        Frame();
        Json view = Json::parse(Page(1, 1, 1, false))["files"][0];
        view["file"] = test::SampleFileJson();
        view["history"] = Json::array();
        view["messages"] = Json::array();
        view["statuses"] = Json::array();
        c.Reply(Take(StaffRequest::Purpose::kFile).id, 200, view.dump());
        Frame();
        const std::string sample_map = test::ReadSourceFile("assets/schoolmap/sample.json");
        c.Reply(Take(StaffRequest::Purpose::kProvinces).id, 200, sample_map);
        while (Sent(StaffRequest::Purpose::kMap))
            c.Reply(Take(StaffRequest::Purpose::kMap).id, 200, sample_map);
        Frame();
    }
    Json Tree(const std::string& json) { return Json::parse(json); }
    // The sessions list of an account logged in at the office and on a phone.
    static constexpr const char* kTwoSessions = R"({"sessions":[
        {"id":"0123456789abcdef","created_at":"2026-05-02T08:00:00Z",
         "last_used_at":"2026-05-02T09:55:00Z","ends_at":"2026-05-02T10:25:00Z",
         "address":"203.0.113.10","agent":"Mozilla/5.0 (Windows NT 10.0) Firefox/128.0",
         "current":true},
        {"id":"fedcba9876543210","created_at":"2026-05-01T18:30:00Z",
         "last_used_at":"2026-05-02T07:10:00Z","ends_at":"2026-05-02T04:30:00Z",
         "address":"198.51.100.20","agent":"Mozilla/5.0 (Linux; Android 14) Chrome/131",
         "current":false},
        {"id":5},"junk"]})";
    // A directorate's accounts: one active with its app, one waiting, one disabled.
    static constexpr const char* kAccounts = R"({"role":"school","accounts":[
        {"username":"57303b","display_name":"École Al Andalous - Martil","role":"school",
         "state":"active","second_factor_required":true,"second_factor":true,
         "created_by":"mdiq.directorate","created_at":"2026-04-01T09:00:00Z","schools":["57303B"]},
        {"username":"57303c","display_name":"École Ibn Battouta - Martil","role":"school",
         "state":"pending","second_factor_required":true,"second_factor":false,
         "created_by":"mdiq.directorate","created_at":"2026-05-01T09:00:00Z","schools":["57303C"],
         "activation_expires_at":"2026-05-04T09:00:00Z"},
        {"username":"57303d","display_name":"École Zerktouni - Martil","role":"school",
         "state":"disabled","second_factor_required":false,"second_factor":false,
         "created_by":"","created_at":"","schools":["57303D","57303E"]}]})";
    static constexpr const char* kActivationOpened = R"({"username":"57303a",
        "display_name":"École Oqba Ibn Nafii - Martil","role":"school","state":"pending",
        "second_factor_required":true,"second_factor":false,"created_by":"mdiq.directorate",
        "created_at":"2026-05-01T09:00:00Z","schools":["57303A"],
        "activation_expires_at":"2026-05-04T09:00:00Z","totp_secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
        "otpauth_uri":"otpauth://totp/Tasjil:57303a?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Tasjil&algorithm=SHA1&digits=6&period=30"})";

    const app::SemanticNode* Node(const std::string& id) { return c.semantics.Find(id); }
};

}  // namespace

TEST_CASE("A school account logs in and its files are listed in a grid", "[staff][console]") {
    TestConsole t;
    t.LogIn();
    CHECK(t.c.state.screen == StaffScreen::kList);
    CHECK(t.c.state.session.active);
    t.AnswerMe();
    const auto list = t.Take(StaffRequest::Purpose::kList);
    CHECK(list.url.find("sort=received_at&order=desc") != std::string::npos);
    t.c.Reply(list.id, 200, TestConsole::Page(0, 20, 20, false));
    t.Frame();
    REQUIRE(t.Node("files"));
    CHECK(t.Node("open-R100000"));
    CHECK(t.Node("sort-child_name_latin"));
    const Json notes = Json::parse(t.c.TakeAnnotations());
    CHECK(notes["grid"]["rowcount"] == 20);
    CHECK(notes["grid"]["rows"][1][1] == 2);  // the first file is row 2, after the header
    // Counts and places are always in view.
    REQUIRE(t.Node("counts"));
}

TEST_CASE("On a phone-width screen the banner grows to hold the console's wrapped name",
          "[staff][console][layout]") {
    TestConsole t;
    t.width = 360;
    t.Frame();
    t.Frame();
    const auto* banner = t.Node("banner");
    const auto* name = t.Node("service-name");
    REQUIRE(banner != nullptr);
    REQUIRE(name != nullptr);
    CHECK(name->rect.h > 40);  // the name takes more than one line at this width
    CHECK(banner->rect.y + banner->rect.h >= name->rect.y + name->rect.h);
    // The green band is painted under the whole name (white text on the page would not show).
    float painted = 0;
    const ImDrawData* data = ImGui::GetDrawData();
    REQUIRE(data != nullptr);
    for (int l = 0; l < data->CmdListsCount; ++l) {
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer) {
            if (v.col == app::colors::kHeader) painted = std::max(painted, v.pos.y);
        }
    }
    CHECK(painted >= name->rect.y + name->rect.h);
    // The log-in heading starts below the band, not under it.
    const auto* heading = t.Node("heading");
    REQUIRE(heading != nullptr);
    CHECK(heading->rect.y >= banner->rect.y + banner->rect.h);
}

TEST_CASE("On a phone-width screen a table row wraps its cells, each wide enough to read",
          "[staff][console][layout]") {
    TestConsole t;
    t.width = 360;
    t.ShowList(200, 10000);
    const auto* grid = t.Node("files");
    REQUIRE(grid != nullptr);
    std::set<float> tops;
    int cells = 0;
    for (const auto& n : t.c.semantics.nodes()) {
        if (n.id.rfind("files-r0-c", 0) != 0) continue;
        ++cells;
        CHECK(n.rect.w >= app::sizes::kGridMinCell);
        CHECK(n.rect.x >= grid->rect.x);
        CHECK(n.rect.x + n.rect.w <= grid->rect.x + grid->rect.w + 1);
        tops.insert(n.rect.y);
    }
    CHECK(cells == 9);
    CHECK(tops.size() > 1);  // the row's cells are on more than one line
    // Still only the rows in view are drawn.
    int rows = 0;
    for (const auto& n : t.c.semantics.nodes()) rows += n.id.rfind("open-", 0) == 0;
    CHECK(rows > 2);
    CHECK(rows < 30);
}

TEST_CASE("Only the rows in view are drawn for a list of 10,000 files", "[staff][console]") {
    TestConsole t;
    t.ShowList(200, 10000);
    int rows = 0;
    for (const auto& n : t.c.semantics.nodes()) rows += n.id.rfind("open-", 0) == 0;
    CHECK(rows > 5);
    CHECK(rows < 40);
    // Scrolled near the end of what is loaded: the next page is asked for, once.
    t.scroll = 7500;
    t.Frame();
    t.Frame();
    int more = 0;
    for (const auto& r : t.sent) more += r.purpose == StaffRequest::Purpose::kList;
    CHECK(more == 1);
    CHECK(t.sent.back().url.find("cursor=received_at.00.R200") != std::string::npos);
    const Json notes = Json::parse(t.c.TakeAnnotations());
    CHECK(notes["grid"]["rowcount"] == 10000);
}

TEST_CASE("Arrow keys move the table's row and focus follows it", "[staff][console][keyboard]") {
    TestConsole t;
    t.ShowList(50, 50);
    t.c.Activate("key:down");
    t.c.Activate("key:down");
    t.Frame();
    CHECK(t.c.state.list.current == 2);
    t.c.Activate("key:end");
    t.Frame();  // the move runs after the frame; the next one draws and focuses the row
    const std::string json = t.Frame();
    CHECK(t.c.state.list.current == 49);
    CHECK(Json::parse(json)["focus"] == "open-R100049");
    // The row far below the viewport is drawn, so that it can hold the focus.
    CHECK(t.Node("open-R100049"));
}

TEST_CASE("A decision is previewed, confirmed, and a refusal is explained",
          "[staff][console][decision]") {
    TestConsole t;
    t.LogIn();
    t.AnswerMe();
    t.c.Reply(t.Take(StaffRequest::Purpose::kList).id, 200, TestConsole::Page(0, 3, 3, false));
    t.Frame();
    t.c.Activate("open-R100001");
    t.Frame();
    CHECK(t.c.state.screen == StaffScreen::kFile);
    const auto file = t.Take(StaffRequest::Purpose::kFile);
    Json view = Json::parse(TestConsole::Page(1, 1, 1, false))["files"][0];
    view["file"] = test::SampleFileJson();
    view["history"] = Json::array();
    view["messages"] = Json::array();
    view["statuses"] = Json::array();
    t.c.Reply(file.id, 200, view.dump());
    t.Frame();
    // Places are named from the school map (fetched once), not shown as codes.
    const std::string sample_map = test::ReadSourceFile("assets/schoolmap/sample.json");
    t.c.Reply(t.Take(StaffRequest::Purpose::kProvinces).id, 200, sample_map);
    while (t.Sent(StaffRequest::Purpose::kMap))
        t.c.Reply(t.Take(StaffRequest::Purpose::kMap).id, 200, sample_map);
    t.Frame();
    bool commune = false;
    for (const auto& n : t.c.semantics.nodes()) commune = commune || n.name == "Martil";
    CHECK(commune);
    // The answers as the parent entered them: the child's names under the parents' screen.
    bool names = false;
    for (const auto& n : t.c.semantics.nodes()) names = names || n.name == "Yasmine";
    CHECK(names);
    t.c.Activate("key:reject");
    t.Frame();
    CHECK(t.c.state.decision.decision == "reject");
    t.c.Activate("decision-preview");
    t.Frame();
    CHECK_FALSE(t.Sent(StaffRequest::Purpose::kPreview));  // no reason chosen yet
    CHECK_FALSE(t.c.state.decision.problem.empty());
    t.c.Input("decision-reason", "school.capacity_reached");
    t.Frame();
    t.c.Activate("decision-preview");
    t.Frame();
    const auto preview = t.Take(StaffRequest::Purpose::kPreview);
    CHECK(Json::parse(preview.body)["preview"] == true);
    t.c.Reply(
        preview.id, 200,
        R"({"reference":"R100001","status":"rejected","messages":[{"channel":"email","language":"ar","subject":"قرار","body":"لم تعد بالمؤسسة مقاعد"}]})");
    t.Frame();
    CHECK(t.c.state.decision.stage == app::staff::DecisionDraft::Stage::kPreview);
    t.c.Activate("decision-confirm");
    t.Frame();
    const auto decide = t.Take(StaffRequest::Purpose::kDecide);
    CHECK(Json::parse(decide.body)["reason_code"] == "school.capacity_reached");
    t.c.Reply(decide.id, 409,
              R"({"code":"decision.not_pending","message":"Ce dossier a déjà été décidé."})");
    t.Frame();
    CHECK(t.c.state.decision.problem == "Ce dossier a déjà été décidé.");
    CHECK(t.c.state.decision.stage == app::staff::DecisionDraft::Stage::kEditing);
    CHECK(t.c.state.decision.reason == "school.capacity_reached");  // nothing typed is lost
}

TEST_CASE("After the session expires the console asks to log in and keeps the decision typed",
          "[staff][console][session]") {
    TestConsole t;
    t.LogIn();
    t.AnswerMe();
    t.c.Reply(t.Take(StaffRequest::Purpose::kList).id, 200, TestConsole::Page(0, 3, 3, false));
    t.Frame();
    t.c.Activate("open-R100002");
    t.Frame();
    t.c.Reply(t.Take(StaffRequest::Purpose::kFile).id, 401,
              R"({"code":"auth.required","message":"x"})");
    t.Frame();
    CHECK(t.c.state.screen == StaffScreen::kLogin);
    CHECK(t.c.state.session.expired);
    t.LogIn();
    // Back on the file, its request sent again.
    CHECK(t.c.state.screen == StaffScreen::kFile);
    const auto again = t.Take(StaffRequest::Purpose::kFile);
    CHECK(again.url == "/api/v1/staff/files/R100002");
    Json view = Json::parse(TestConsole::Page(2, 1, 1, false))["files"][0];
    view["file"] = test::SampleFileJson();
    t.c.Reply(again.id, 200, view.dump());
    t.Frame();

    t.c.state.decision.decision = "request_info";
    t.c.state.decision.note = "Copie de l'acte de naissance";
    t.c.Activate("decision-preview");
    t.Frame();
    t.c.Reply(t.Take(StaffRequest::Purpose::kPreview).id, 401, "{}");
    t.Frame();
    CHECK(t.c.state.screen == StaffScreen::kLogin);
    t.LogIn();
    CHECK(t.c.state.screen == StaffScreen::kFile);
    CHECK(t.c.state.decision.note == "Copie de l'acte de naissance");
    CHECK(t.c.state.decision.decision == "request_info");
}

TEST_CASE("Another person logging in after an expiry finds nothing of the one before",
          "[staff][console][session]") {
    TestConsole t;
    t.LogIn();
    t.c.state.decision.note = "private";
    t.c.state.rectify.note = "private request";
    t.c.state.rectifiable.key = "a file's answers";
    t.c.state.screen = StaffScreen::kFile;
    t.c.Reply(t.c.state.next_request_id, 0, "");  // unknown id: ignored
    t.c.state.session.active = true;
    t.Frame();
    t.c.Activate("logout");
    t.Frame();
    CHECK(t.Sent(StaffRequest::Purpose::kLogout));
    CHECK(t.c.state.decision.note.empty());
    CHECK(t.c.state.rectify.note.empty());
    CHECK(t.c.state.rectifiable.key.empty());
    CHECK(t.c.state.screen == StaffScreen::kLogin);
}

TEST_CASE(
    "On log-in a staff member is told of others' failed tries, from where, until they "
    "close the notice",
    "[staff][console][login]") {
    TestConsole t;
    t.LogIn("school", {{"failures_since_last_visit", 48},
                       {"failure_addresses", Json::array({{{"address", "198.51.100.66"},
                                                           {"failures", 47},
                                                           {"last_at", "2026-05-02T03:12:09Z"}},
                                                          {{"address", "203.0.113.9"},
                                                           {"failures", 1},
                                                           {"last_at", "2026-05-01T22:40:00Z"}},
                                                          {{"address", 5}},  // not text: left out
                                                          "junk"})}});
    t.AnswerMe();
    t.Frame();
    const auto* notice = t.Node("failed-logins");
    REQUIRE(notice != nullptr);
    CHECK(notice->role == "alert");
    const std::string shown = notice->name;
    CHECK(shown.find("48") != std::string::npos);
    CHECK(shown.find("198.51.100.66 : 47") != std::string::npos);
    CHECK(shown.find("2 mai 2026") != std::string::npos);
    CHECK(shown.find("203.0.113.9") != std::string::npos);
    CHECK(t.c.state.session.failure_addresses.size() == 2);
    t.c.Activate("failed-logins-close");
    t.Frame();
    t.Frame();
    CHECK(t.Node("failed-logins") == nullptr);
    CHECK(t.c.state.session.failures == 0);
}

TEST_CASE("Nobody tried to log in to the account: no notice", "[staff][console][login]") {
    TestConsole t;
    t.LogIn("school", {{"failures_since_last_visit", 0}, {"failure_addresses", Json::array()}});
    t.AnswerMe();
    t.Frame();
    CHECK(t.Node("failed-logins") == nullptr);
}

TEST_CASE("The password box is secret: never drawn as text, marked for the platform",
          "[staff][console][login]") {
    TestConsole t;
    t.Frame();
    t.c.Input("login-password", "s3cret-pass");
    t.Frame();
    const Json notes = Json::parse(t.c.TakeAnnotations());
    CHECK(notes["passwords"][0] == "login-password");
}

TEST_CASE("The staff catalogues have the same codes and placeholders in every language",
          "[staff][i18n]") {
    std::map<std::string, core::Catalogue> staff;
    for (const char* l : {"ar", "zgh", "fr"})
        REQUIRE(io::MergeCatalogue(std::string(TASJIL_SOURCE_DIR) + "/assets/i18n/staff", l, staff)
                    .empty());
    const std::regex placeholder("\\{[a-z_]+\\}");
    auto names = [&](const std::string& text) {
        std::set<std::string> out;
        for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder);
             it != std::sregex_iterator(); ++it)
            out.insert(it->str());
        return out;
    };
    for (const char* l : {"ar", "zgh"}) {
        CHECK(staff[l].messages.size() == staff["fr"].messages.size());
        for (const auto& [code, text] : staff["fr"].messages) {
            INFO(l << " " << code);
            REQUIRE(staff[l].messages.count(code) == 1);
            CHECK(names(staff[l].messages.at(code)) == names(text));
        }
    }
}

TEST_CASE("Each console screen's semantic tree equals its approved outline in Arabic and French",
          "[staff][console][approved]") {
    for (const char* lang : {"ar", "fr"}) {
        TestConsole t;
        t.c.state.page.ui.locale = lang;
        auto compare = [&](const std::string& screen) {
            t.Frame();
            const std::string name = "staff-" + screen + "." + lang;
            INFO("approved file tests/app/approved/" << name
                                                     << ".txt (TASJIL_APPROVE=1 writes it)");
            CHECK(t.c.semantics.ToOutline() == test::ApprovedText(name, t.c.semantics.ToOutline()));
        };
        compare("login");
        t.LogIn("directorate");
        t.AnswerMe();
        compare("province");
        t.c.Activate("school-57303B");
        t.Frame();
        t.c.Reply(t.Take(StaffRequest::Purpose::kList).id, 200,
                  TestConsole::Page(0, 30, 30, false));
        compare("list");
        t.c.Activate("open-R100003");
        t.Frame();
        Json view = Json::parse(TestConsole::Page(3, 1, 1, false))["files"][0];
        view["file"] = test::SampleFileJson();
        view["history"] = Json::array({{{"at", "2026-04-20T10:00:00Z"},
                                        {"staff", "martil.director"},
                                        {"action", "info_request"},
                                        {"from", "pending_review"},
                                        {"to", "pending_review"},
                                        {"detail", "Livret de famille"}}});
        view["messages"] = Json::array({{{"channel", "email"},
                                         {"kind", "acknowledgement"},
                                         {"language", "ar"},
                                         {"subject", "تم استلام طلب التسجيل"},
                                         {"body", "…"},
                                         {"status", "sent"},
                                         {"attempts", 1},
                                         {"created_at", "2026-04-20T08:05:00Z"},
                                         {"last_error", ""},
                                         {"delivery_report", ""}}});
        t.c.Reply(t.Take(StaffRequest::Purpose::kFile).id, 200, view.dump());
        t.Frame();
        const std::string sample_map = test::ReadSourceFile("assets/schoolmap/sample.json");
        t.c.Reply(t.Take(StaffRequest::Purpose::kProvinces).id, 200, sample_map);
        while (t.Sent(StaffRequest::Purpose::kMap))
            t.c.Reply(t.Take(StaffRequest::Purpose::kMap).id, 200, sample_map);
        compare("file");
        t.c.Activate("sessions");
        t.Frame();
        t.c.Reply(t.Take(StaffRequest::Purpose::kSessions).id, 200, TestConsole::kTwoSessions);
        compare("sessions");
        t.c.Activate("accounts");
        t.Frame();
        t.c.Reply(t.Take(StaffRequest::Purpose::kAccounts).id, 200, TestConsole::kAccounts);
        compare("accounts");
    }
}

TEST_CASE("The activation screen's semantic tree equals its approved outline in Arabic and French",
          "[staff][console][approved][activation]") {
    for (const char* lang : {"ar", "fr"}) {
        TestConsole t;
        t.c.state.page.ui.locale = lang;
        const auto compare = [&](const std::string& stage) {
            t.Frame();
            const std::string name = "staff-activation-" + stage + "." + lang;
            INFO("approved file tests/app/approved/" << name
                                                     << ".txt (TASJIL_APPROVE=1 writes it)");
            CHECK(t.c.semantics.ToOutline() == test::ApprovedText(name, t.c.semantics.ToOutline()));
        };
        t.Frame();
        t.c.Activate("open-activation");
        t.Frame();
        compare("code");
        t.c.Input("activation-code", "7k3m-q9tb-2xwd-hf4n");
        t.Frame();
        t.c.Activate("activation-open");
        t.Frame();
        t.c.Reply(t.Take(StaffRequest::Purpose::kActivationStart).id, 200,
                  TestConsole::kActivationOpened);
        compare("setup");
        t.c.Input("activation-password", "olive trees by the sea");
        t.c.Input("activation-password-again", "olive trees by the sea");
        t.c.Input("activation-totp", "123456");
        t.Frame();
        t.c.Activate("activation-send");
        t.Frame();
        t.c.Reply(t.Take(StaffRequest::Purpose::kActivate).id, 201,
                  R"({"username":"57303a","recovery_codes":["ABCDE-FGH12","JKMNP-QRST3"]})");
        compare("done");
    }
}

TEST_CASE(
    "An owner opens an account with its code, a password and the app's code; a refusal keeps "
    "what was typed",
    "[staff][console][activation]") {
    TestConsole t;
    t.Frame();
    t.c.Activate("open-activation");
    t.Frame();
    REQUIRE(t.c.state.screen == StaffScreen::kActivation);
    // Nothing typed: told so, nothing sent.
    t.c.Activate("activation-open");
    t.Frame();
    t.Frame();
    CHECK_FALSE(t.Sent(StaffRequest::Purpose::kActivationStart));
    CHECK(t.Node("activation-problem") != nullptr);
    t.c.Input("activation-code", "7K3M-Q9TB-2XWD-HF4N");
    t.Frame();
    t.c.Activate("activation-open");
    t.Frame();
    const auto start = t.Take(StaffRequest::Purpose::kActivationStart);
    CHECK(start.url == "/api/v1/staff/activation/start");
    CHECK(Json::parse(start.body)["code"] == "7K3M-Q9TB-2XWD-HF4N");
    t.c.Reply(start.id, 200, TestConsole::kActivationOpened);
    t.Frame();
    // The key as a QR code for the app's camera, and in groups of four to type.
    REQUIRE(t.Node("activation-qr") != nullptr);
    CHECK(t.Node("activation-qr")->role == "img");
    REQUIRE(t.Node("activation-key") != nullptr);
    CHECK(t.Node("activation-key")->name.find("JBSW Y3DP EHPK 3PXP") != std::string::npos);
    // Two different passwords: told, nothing sent.
    t.c.Input("activation-password", "olive trees by the sea");
    t.c.Input("activation-password-again", "olive trees by the se");
    t.c.Input("activation-totp", "123456");
    t.Frame();
    t.c.Activate("activation-send");
    t.Frame();
    CHECK_FALSE(t.Sent(StaffRequest::Purpose::kActivate));
    t.c.Input("activation-password-again", "olive trees by the sea");
    t.Frame();
    t.c.Activate("activation-send");
    t.Frame();
    auto sent = t.Take(StaffRequest::Purpose::kActivate);
    CHECK(Json::parse(sent.body) == Json{{"code", "7K3M-Q9TB-2XWD-HF4N"},
                                         {"password", "olive trees by the sea"},
                                         {"totp_code", "123456"}});
    // A wrong app code: the passwords stay, the code is cleared, the server's words shown.
    t.c.Reply(
        sent.id, 422,
        R"({"code":"activation.code_wrong","message":"Le code à 6 chiffres est incorrect."})");
    t.Frame();
    CHECK(t.c.state.activation.stage == app::staff::ActivationView::Stage::kSetup);
    CHECK(t.c.state.activation.password == "olive trees by the sea");
    CHECK(t.c.state.activation.totp_code.empty());
    CHECK(t.Node("activation-problem")->name == "Le code à 6 chiffres est incorrect.");
    t.c.Input("activation-totp", "654321");
    t.Frame();
    t.c.Activate("activation-send");
    t.Frame();
    sent = t.Take(StaffRequest::Purpose::kActivate);
    t.c.Reply(sent.id, 201,
              R"({"username":"57303a","recovery_codes":["ABCDE-FGH12","JKMNP-QRST3"]})");
    t.Frame();
    // The recovery codes, once; the secrets are gone from the state.
    REQUIRE(t.Node("recovery-codes") != nullptr);
    CHECK(t.Node("recovery-codes")->name.find("JKMNP-QRST3") != std::string::npos);
    CHECK(t.c.state.activation.password.empty());
    CHECK(t.c.state.activation.secret.empty());
    t.c.Activate("activation-login");
    t.Frame();
    CHECK(t.c.state.screen == StaffScreen::kLogin);
    CHECK(t.c.state.username == "57303a");
}

TEST_CASE("An expired activation code sends the owner back to typing a code, told why",
          "[staff][console][activation]") {
    TestConsole t;
    t.Frame();
    t.c.Activate("open-activation");
    t.Frame();
    t.c.Input("activation-code", "7K3M-Q9TB-2XWD-HF4N");
    t.Frame();
    t.c.Activate("activation-open");
    t.Frame();
    t.c.Reply(
        t.Take(StaffRequest::Purpose::kActivationStart).id, 422,
        R"({"code":"activation.expired","message":"Ce code d'activation a expiré (72 heures)."})");
    t.Frame();
    CHECK(t.c.state.activation.stage == app::staff::ActivationView::Stage::kCode);
    CHECK(t.c.state.activation.code == "7K3M-Q9TB-2XWD-HF4N");
    CHECK(t.Node("activation-problem")->name == "Ce code d'activation a expiré (72 heures).");
}

TEST_CASE("An account with a second factor is asked for its code after the right password",
          "[staff][console][login]") {
    TestConsole t;
    t.Frame();
    t.c.Input("login-username", "57303a");
    t.c.Input("login-password", "olive trees by the sea");
    t.Frame();
    CHECK(t.Node("login-code") == nullptr);
    t.c.Activate("login");
    t.Frame();
    t.c.Reply(t.Take(StaffRequest::Purpose::kLogin).id, 401,
              R"({"code":"auth.code_needed","message":"Saisissez le code à 6 chiffres."})");
    t.Frame();
    REQUIRE(t.Node("login-code") != nullptr);
    // No code typed: told, nothing sent.
    t.c.Activate("login");
    t.Frame();
    CHECK_FALSE(t.Sent(StaffRequest::Purpose::kLogin));
    t.c.Input("login-code", "123456");
    t.Frame();
    t.c.Activate("login");
    t.Frame();
    auto login = t.Take(StaffRequest::Purpose::kLogin);
    CHECK(Json::parse(login.body)["code"] == "123456");
    // A code already used: cleared, the password kept.
    t.c.Reply(login.id, 401, R"({"code":"auth.code_used","message":"Ce code a déjà servi."})");
    t.Frame();
    CHECK(t.c.state.login_code.empty());
    CHECK(t.c.state.password == "olive trees by the sea");
    t.c.Input("login-code", "654321");
    t.Frame();
    t.c.Activate("login");
    t.Frame();
    login = t.Take(StaffRequest::Purpose::kLogin);
    t.c.Reply(login.id, 201,
              R"({"username":"57303a","role":"school","expires_at":"2026-05-02T10:30:00Z"})");
    t.Frame();
    CHECK(t.c.state.session.active);
    CHECK(t.c.state.login_code.empty());
    CHECK_FALSE(t.c.state.login_needs_code);
}

TEST_CASE("A directorate makes a school account, hands over its code, disables and resets it",
          "[staff][console][accounts]") {
    TestConsole t;
    t.LogIn("directorate");
    t.AnswerMe();
    t.Frame();
    t.c.Activate("accounts");
    t.Frame();
    REQUIRE(t.c.state.screen == StaffScreen::kAccounts);
    t.c.Reply(t.Take(StaffRequest::Purpose::kAccounts).id, 200, TestConsole::kAccounts);
    t.Frame();
    REQUIRE(t.Node("account-57303b") != nullptr);
    // An empty form: told, nothing sent.
    t.c.Activate("create-account");
    t.Frame();
    t.Frame();
    CHECK_FALSE(t.Sent(StaffRequest::Purpose::kCreateAccount));
    CHECK(t.Node("accounts-problem") != nullptr);
    t.c.Input("account-username", "57303a");
    t.c.Input("account-name", "École Oqba Ibn Nafii");
    t.c.Input("account-scope", "57303A, 57303C");
    t.Frame();
    t.c.Activate("account-second-factor");  // turned off for this school
    t.Frame();
    t.c.Activate("create-account");
    t.Frame();
    auto made = t.Take(StaffRequest::Purpose::kCreateAccount);
    CHECK(Json::parse(made.body) == Json{{"username", "57303a"},
                                         {"display_name", "École Oqba Ibn Nafii"},
                                         {"schools", {"57303A", "57303C"}},
                                         {"second_factor", false}});
    // Refused: the form stays as typed, the server's words shown.
    t.c.Reply(
        made.id, 409,
        R"({"code":"account.username_taken","message":"L'identifiant 57303a est déjà pris."})");
    t.Frame();
    CHECK(t.c.state.accounts.username == "57303a");
    CHECK(t.Node("accounts-problem")->name == "L'identifiant 57303a est déjà pris.");
    t.c.Activate("create-account");
    t.Frame();
    made = t.Take(StaffRequest::Purpose::kCreateAccount);
    t.c.Reply(made.id, 201,
              R"({"account":{"username":"57303a","display_name":"École Oqba Ibn Nafii",
        "role":"school","state":"pending","schools":["57303A","57303C"]},
        "activation":{"code":"7K3M-Q9TB-2XWD-HF4N","expires_at":"2026-05-05T10:00:00Z",
        "link":"https://tasjil.men.gov.ma/staff/#activate=7K3M-Q9TB-2XWD-HF4N"}})");
    t.Frame();
    // The code to hand over, the form emptied, the list fetched again.
    REQUIRE(t.Node("letter-57303a") != nullptr);
    CHECK(t.Node("letter-57303a")->name.find("7K3M-Q9TB-2XWD-HF4N") != std::string::npos);
    CHECK(t.c.state.accounts.username.empty());
    t.c.Reply(t.Take(StaffRequest::Purpose::kAccounts).id, 200, TestConsole::kAccounts);
    t.Frame();
    t.c.Activate("disable-57303b");
    t.Frame();
    const auto disabled = t.Take(StaffRequest::Purpose::kChangeAccount);
    CHECK(disabled.url == "/api/v1/staff/accounts/57303b/disable");
    t.c.Reply(disabled.id, 200, R"({"account":{"username":"57303b","state":"disabled"}})");
    t.Frame();
    REQUIRE(t.Node("accounts-done") != nullptr);
    CHECK(t.Node("accounts-done")->name.find("57303b") != std::string::npos);
    t.c.Activate("reset-57303b");
    t.Frame();
    const auto reset = t.Take(StaffRequest::Purpose::kChangeAccount);
    CHECK(reset.url == "/api/v1/staff/accounts/57303b/reset");
    t.c.Reply(reset.id, 200, R"({"account":{"username":"57303b","state":"pending"},
        "activation":{"code":"AAAA-BBBB-CCCC-DDDD","expires_at":"2026-05-05T10:00:00Z","link":"x"}})");
    t.Frame();
    REQUIRE(t.Node("letter-57303b") != nullptr);
    CHECK(t.c.state.accounts.letters.size() == 2);
    CHECK(t.c.state.accounts.letters[0].username == "57303b");
    // The letters on paper: one each, the code apart, in the interface language.
    t.c.Activate("print-letters");
    t.Frame();
    CHECK(std::exchange(t.c.state.letters_print_wanted, false));
    const Json sheet = Json::parse(app::staff::LettersPrintJson(t.c.state));
    CHECK(sheet["dir"] == "ltr");
    REQUIRE(sheet["letters"].size() == 2);
    CHECK(sheet["letters"][1]["code"] == "7K3M-Q9TB-2XWD-HF4N");
    CHECK(sheet["letters"][1]["lines"][0].get<std::string>().find("École Oqba Ibn Nafii") !=
          std::string::npos);
}

TEST_CASE("A school account has no link to accounts", "[staff][console][accounts]") {
    TestConsole t;
    t.LogIn("school");
    CHECK(t.Node("accounts") == nullptr);
    CHECK(t.Node("sessions") != nullptr);
}

TEST_CASE("The national administrator starts on the directorates' accounts",
          "[staff][console][accounts]") {
    TestConsole t;
    t.LogIn("national");
    CHECK(t.c.state.screen == StaffScreen::kAccounts);
    CHECK(t.c.state.accounts.managed == core::StaffRole::kDirectorate);
    REQUIRE(t.Sent(StaffRequest::Purpose::kAccounts));
    CHECK(t.Node("account-scope")->name.find("province") != std::string::npos);
}

TEST_CASE("A staff member ends another of their sessions, and is told when it cannot be",
          "[staff][console][sessions]") {
    TestConsole t;
    t.LogIn();
    t.AnswerMe();
    t.Frame();
    t.c.Activate("sessions");
    t.Frame();
    CHECK(t.c.state.screen == StaffScreen::kSessions);
    const auto listed = t.Take(StaffRequest::Purpose::kSessions);
    CHECK(listed.method == "GET");
    CHECK(listed.url == "/api/v1/staff/sessions");
    t.c.Reply(listed.id, 200, TestConsole::kTwoSessions);
    t.Frame();
    // This session cannot be ended here (log out does it); the other one can.
    CHECK(t.Node("end-0123456789abcdef") == nullptr);
    REQUIRE(t.Node("end-fedcba9876543210") != nullptr);
    t.c.Activate("end-fedcba9876543210");
    t.Frame();
    const auto ended = t.Take(StaffRequest::Purpose::kEndSession);
    CHECK(ended.method == "DELETE");
    CHECK(ended.url == "/api/v1/staff/sessions/fedcba9876543210");
    t.c.Reply(ended.id, 200, R"({"ended":"fedcba9876543210"})");
    t.Frame();
    CHECK(t.Node("sessions-done") != nullptr);
    // The list is fetched again.
    t.c.Reply(t.Take(StaffRequest::Purpose::kSessions).id, 200,
              R"({"sessions":[{"id":"0123456789abcdef","created_at":"2026-05-02T08:00:00Z",
              "last_used_at":"2026-05-02T09:55:00Z","ends_at":"2026-05-02T10:25:00Z",
              "address":"203.0.113.10","agent":"Firefox","current":true}]})");
    t.Frame();
    CHECK(t.Node("session-fedcba9876543210") == nullptr);
    // An ending the server refuses (already ended elsewhere) is explained.
    t.c.state.sessions.open.push_back({.id = "1111111111111111", .address = "192.0.2.1"});
    t.Frame();
    t.c.Activate("end-1111111111111111");
    t.Frame();
    t.c.Reply(
        t.Take(StaffRequest::Purpose::kEndSession).id, 404,
        R"({"code":"session.not_found","message":"Cette session n'existe pas ou est déjà terminée."})");
    t.Frame();
    REQUIRE(t.Node("sessions-problem") != nullptr);
    CHECK(t.Node("sessions-problem")->name == "Cette session n'existe pas ou est déjà terminée.");
    // Back to the staff member's first screen.
    t.c.Activate("back");
    t.Frame();
    CHECK(t.c.state.screen == StaffScreen::kList);
}

TEST_CASE("A directorate is told which schools left the school map with files still waiting",
          "[staff][console][province]") {
    {
        TestConsole t;
        t.c.state.page.ui.locale = "fr";
        t.LogIn("directorate");
        const auto me = t.Take(StaffRequest::Purpose::kMe);
        t.c.Reply(me.id, 200, R"({"username":"mdiq.province","role":"directorate","scope":"01.573",
            "validation_closes":"2026-05-15","today":"2026-05-02","sectors":[],"schools":[],
            "schools_left_map":[{"code":"57303B","files":12}]})");
        t.Frame();
        REQUIRE(t.Node("left-map"));
        CHECK(t.c.semantics.ToOutline().find("57303B (12)") != std::string::npos);
    }
    {
        // Without such schools, no notice (one console at a time: ImGui has one context).
        TestConsole plain;
        plain.LogIn("directorate");
        plain.AnswerMe();
        plain.Frame();
        CHECK_FALSE(plain.Node("left-map"));
    }
}

TEST_CASE("A directorate corrects answers at the parent's request, and a refusal keeps them",
          "[staff][console][rights]") {
    TestConsole t;
    t.OpenSampleFile("directorate");
    auto& r = t.c.state.rectify;
    REQUIRE(t.Node("rectify"));
    REQUIRE(t.Node("file-export"));
    // Only answers a correction may change are offered: not the school, not the declarations.
    const auto answers = app::staff::RectifiableAnswers(t.c.state);
    std::set<std::string> pointers;
    for (const auto& a : answers) pointers.insert(a.pointer);
    CHECK(pointers.count("/child/given_name_latin"));
    CHECK(pointers.count("/residence/sector"));
    CHECK(pointers.count("/siblings_under_school_age/0/birth_date"));
    CHECK_FALSE(pointers.count("/school_choice/school_code"));
    CHECK_FALSE(pointers.count("/declarations/information_accurate"));
    CHECK_FALSE(pointers.count("/child/birth_place/province"));  // not in the file

    // Chosen, it starts from the answer as it stands.
    t.c.Input("rectify-field", "/child/given_name_latin");
    t.Frame();
    CHECK(r.value == "Yasmine");
    t.c.Input("rectify-value", "Yassmine");
    t.Frame();
    t.c.Activate("rectify-add");
    t.Frame();
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].from == "Yasmine");
    CHECK(r.changes[0].to == "Yassmine");
    CHECK(r.pointer.empty());
    t.c.Input("rectify-field", "/child/civil_status/act_year");
    t.Frame();
    CHECK(r.value == "2020");
    t.c.Input("rectify-value", "2021");
    t.Frame();
    t.c.Activate("rectify-add");
    t.Frame();
    // An answer chosen from a list is corrected from its list, and shown by its label.
    t.c.Input("rectify-field", "/child/sex");
    t.Frame();
    t.c.Input("rectify-value", "M");
    t.Frame();
    t.c.Activate("rectify-add");
    t.Frame();
    REQUIRE(r.changes.size() == 3);
    CHECK(r.changes[2].to != "M");
    CHECK_FALSE(r.changes[2].to.empty());
    t.c.Activate("rectify-change-2-remove");
    t.Frame();
    CHECK(r.changes.size() == 2);
    t.c.Input("rectify-note", "Demande de la mère, acte de naissance vu");
    t.Frame();
    t.c.Activate("rectify-button");
    t.Frame();
    auto sent = t.Take(StaffRequest::Purpose::kRectify);
    CHECK(sent.url == "/api/v1/staff/files/R100001/rectification");
    Json body = Json::parse(sent.body);
    CHECK(body["changes"][0] ==
          Json{{"pointer", "/child/given_name_latin"}, {"value", "Yassmine"}});
    CHECK(body["changes"][1]["value"] == 2021);  // the file stores a number there
    CHECK(body["note"] == "Demande de la mère, acte de naissance vu");

    // Refused: the server's words, each reason at its answer; nothing typed is lost.
    t.c.Reply(sent.id, 422,
              R"({"code":"rectify.invalid","message":"La valeur rectifiée n'est pas acceptée.",
        "errors":[{"pointer":"/child/civil_status/act_year","code":"civil_status.act_before_birth",
        "message":"L'acte est enregistré avant la naissance.","params":{}}]})");
    t.Frame();
    REQUIRE(r.problem.size() == 2);
    CHECK(r.problem[0] == "La valeur rectifiée n'est pas acceptée.");
    CHECK(r.problem[1].find("L'acte est enregistré avant la naissance.") != std::string::npos);
    CHECK(r.problem[1].find(r.changes[1].label) == 0);
    CHECK(r.changes.size() == 2);
    CHECK(r.note == "Demande de la mère, acte de naissance vu");
    CHECK(t.Node("rectify-problem"));

    // Taken: the file is read again and what was recorded is said.
    t.c.Activate("rectify-button");
    t.Frame();
    sent = t.Take(StaffRequest::Purpose::kRectify);
    t.c.Reply(sent.id, 200,
              R"({"reference":"R100001","status":"pending_review","outcome":"ineligible",
        "reasons":[],"changed":["/child/given_name_latin","/child/civil_status/act_year"]})");
    t.Frame();
    CHECK(t.Sent(StaffRequest::Purpose::kFile));
    CHECK(r.changes.empty());
    CHECK(r.note.empty());
    CHECK(r.done.find("non éligible") != std::string::npos);
}

TEST_CASE("A file is exported and printed for the parent; a school may print, not export",
          "[staff][console][rights]") {
    {
        TestConsole t;
        t.OpenSampleFile("directorate");
        t.c.Activate("file-export");
        t.Frame();
        CHECK(t.c.state.file_export_wanted);
        t.c.Activate("file-print");
        t.Frame();
        CHECK(t.c.state.file_print_wanted);
        const Json sheet = Json::parse(app::staff::FilePrintJson(t.c.state, "04/12/2026"));
        CHECK(sheet["title"] == "Dossier R100001");
        CHECK(sheet["printed_at"].get<std::string>().find("04/12/2026") != std::string::npos);
        bool name = false;
        for (const auto& g : sheet["groups"])
            for (const auto& row : g["rows"]) name = name || row[1] == "Yasmine";
        CHECK(name);
        CHECK(sheet["dir"] == "ltr");
    }
    {
        TestConsole school;
        school.OpenSampleFile("school");
        CHECK(school.Node("file-print"));
        CHECK_FALSE(school.Node("file-export"));
        CHECK_FALSE(school.Node("rectify"));
    }
}

TEST_CASE("A directorate imports a CSV of schools; a refused file is explained line by line",
          "[staff][console][accounts][import]") {
    TestConsole t;
    t.LogIn("directorate");
    t.AnswerMe();
    t.Frame();
    t.c.Activate("accounts");
    t.Frame();
    t.c.Reply(t.Take(StaffRequest::Purpose::kAccounts).id, 200, TestConsole::kAccounts);
    t.Frame();
    // The page is asked for a file; none chosen: nothing sent, the button back.
    t.c.Activate("import-file");
    t.Frame();
    auto chosen = t.Take(StaffRequest::Purpose::kImportFile);
    CHECK(chosen.method == app::staff::kPageMethod);
    CHECK(chosen.url == "csv");
    t.c.Reply(chosen.id, 204, "");
    t.Frame();
    CHECK_FALSE(t.c.state.accounts.importing);
    CHECK_FALSE(t.Sent(StaffRequest::Purpose::kImportAccounts));
    // A file too large for the page is explained.
    t.c.Activate("import-file");
    t.Frame();
    t.c.Reply(t.Take(StaffRequest::Purpose::kImportFile).id, 413, "");
    t.Frame();
    REQUIRE(t.Node("accounts-problem") != nullptr);
    // A file chosen is sent as it is; the server's problems are listed per line.
    const std::string csv = "massar_code,name\n57301A,Ibn Battouta\n22706A,Ksar Sghir\n";
    t.c.Activate("import-file");
    t.Frame();
    t.c.Reply(t.Take(StaffRequest::Purpose::kImportFile).id, 200, csv);
    t.Frame();
    auto sent = t.Take(StaffRequest::Purpose::kImportAccounts);
    CHECK(sent.method == "POST");
    CHECK(sent.url == "/api/v1/staff/accounts/import");
    CHECK(sent.body == csv);
    t.c.Reply(
        sent.id, 422,
        R"({"code":"accounts.import.invalid","message":"Aucun compte créé : 1 ligne(s) à corriger.",
        "problems":[{"line":3,"code":"accounts.import.out_of_scope","message":"Établissement hors de votre province."}]})");
    t.Frame();
    REQUIRE(t.Node("import-problems") != nullptr);
    CHECK(t.Node("import-problems")->name.find("Ligne 3 : Établissement hors de votre province.") !=
          std::string::npos);
    CHECK(t.Node("accounts-problem")->name == "Aucun compte créé : 1 ligne(s) à corriger.");
    // Made: one code per school, in the file's order, and the list fetched again.
    t.c.Activate("import-file");
    t.Frame();
    t.c.Reply(t.Take(StaffRequest::Purpose::kImportFile).id, 200, csv);
    t.Frame();
    t.c.Reply(t.Take(StaffRequest::Purpose::kImportAccounts).id, 201, R"({"accounts":[
        {"line":2,"account":{"username":"57301a","display_name":"Ibn Battouta"},
         "activation":{"code":"AAAA-AAAA-AAAA-AAAA","expires_at":"2026-05-05T10:00:00Z","link":"x"}},
        {"line":3,"account":{"username":"57301b","display_name":"Zerktouni"},
         "activation":{"code":"BBBB-BBBB-BBBB-BBBB","expires_at":"2026-05-05T10:00:00Z","link":"y"}}]})");
    t.Frame();
    REQUIRE(t.c.state.accounts.letters.size() == 2);
    CHECK(t.c.state.accounts.letters[0].username == "57301a");
    CHECK(t.Node("import-problems") == nullptr);
    CHECK(t.Node("accounts-done")->name.find('2') != std::string::npos);
    CHECK(t.Sent(StaffRequest::Purpose::kAccounts));
}

TEST_CASE(
    "A page opened with an activation link opens the activation with its code, one "
    "opened without stays on the log-in",
    "[staff][console][activation]") {
    // The page answers the console's question with the link's code ("" without one).
    const auto opened_with = [](TestConsole& t, const std::string& code) {
        const int id = app::staff::Send(t.c.state, StaffRequest::Purpose::kLinkedActivation,
                                        app::staff::kPageMethod, "activation");
        t.Frame();
        t.c.Reply(id, 200, code);
        t.Frame();
    };
    {
        TestConsole t;
        opened_with(t, "7K3M-Q9TB-2XWD-HF4N");
        CHECK(t.c.state.screen == StaffScreen::kActivation);
        const auto start = t.Take(StaffRequest::Purpose::kActivationStart);
        CHECK(Json::parse(start.body)["code"] == "7K3M-Q9TB-2XWD-HF4N");
    }
    {
        TestConsole t;
        opened_with(t, "");
        CHECK(t.c.state.screen == StaffScreen::kLogin);
        CHECK_FALSE(t.Sent(StaffRequest::Purpose::kActivationStart));
    }
}

TEST_CASE("A staff member who logged in with a recovery code is told how many are left",
          "[staff][console][login]") {
    TestConsole t;
    t.LogIn("school", {{"recovery_codes_left", 2}});
    REQUIRE(t.Node("recovery-left") != nullptr);
    CHECK(t.Node("recovery-left")->role == "alert");
    CHECK(t.Node("recovery-left")->name.find('2') != std::string::npos);
    t.c.Activate("recovery-left-close");
    t.Frame();
    t.Frame();
    CHECK(t.Node("recovery-left") == nullptr);
}

TEST_CASE("A log-in with the app's code says nothing of recovery codes",
          "[staff][console][login]") {
    TestConsole t;
    t.LogIn("school");
    CHECK(t.Node("recovery-left") == nullptr);
}
