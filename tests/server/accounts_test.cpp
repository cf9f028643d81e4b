// Staff accounts managed in the console, through the real HTTP API: a directorate makes its
// schools' accounts (one, or a CSV of them), disables, enables and resets them; the owner opens
// the account with its activation code, a password and a second factor; every refusal has its
// status and message (scope, expired activation, replayed code, weak password).
#include <catch2/catch.hpp>

#include "server/credentials.h"
#include "server_fixture.h"

using namespace tasjil;
using tasjil::test::ServerFixture;
using Json = nlohmann::json;

namespace {

// A server with the national administrator, the M'diq-Fnideq directorate (01.573) and the
// Fahs-Anjra one (01.227), each with a password; log-ins are not limited per minute.
class Accounts {
  public:
    Accounts() : s("", Config()), c(s.Client()) {
        s.service->CreateStaff("national.admin", "the ministry's own secret", "national", "");
        s.service->CreateStaff("mdiq.directorate", "tetouan coast directorate", "directorate",
                               "01.573");
        s.service->CreateStaff("fahs.directorate", "tangier hills directorate", "directorate",
                               "01.227");
    }
    // Logs in with a password (and a second factor) and returns the session's header.
    httplib::Headers As(const std::string& user, const std::string& password,
                        const std::string& code = "") {
        const auto r = LogIn(user, password, code);
        REQUIRE(r);
        INFO(r->body);
        REQUIRE(r->status == 201);
        return {{"Authorization", "Bearer " + Json::parse(r->body)["token"].get<std::string>()}};
    }
    httplib::Result LogIn(const std::string& user, const std::string& password,
                          const std::string& code = "") {
        Json body = {{"username", user}, {"password", password}};
        if (!code.empty()) body["code"] = code;
        return c.Post("/api/v1/staff/sessions", body.dump(), "application/json");
    }
    httplib::Result Post(const std::string& path, const httplib::Headers& h, const Json& body) {
        return c.Post(path, h, body.dump(), "application/json");
    }
    // The owner's authenticator app at the server's time (plus `offset` seconds).
    std::string Code(const std::string& secret, std::int64_t offset = 0) {
        return server::TotpCodeOf(secret, s.clock->now + offset);
    }
    // Makes the school account 57303a (Martil) as the M'diq directorate; returns its code.
    std::string MakeMartil(const httplib::Headers& directorate) {
        const auto r = Post("/api/v1/staff/accounts", directorate,
                            {{"username", "57303a"},
                             {"display_name", "École Oqba Ibn Nafii - Martil"},
                             {"schools", {"57303A"}}});
        REQUIRE(r);
        INFO(r->body);
        REQUIRE(r->status == 201);
        return Json::parse(r->body)["activation"]["code"];
    }
    // Opens and completes the activation with a password and the app's code; returns the key.
    std::string Activate(const std::string& code, const std::string& password) {
        const auto start = Post("/api/v1/staff/activation/start", {}, {{"code", code}});
        REQUIRE(start->status == 200);
        const std::string secret = Json::parse(start->body)["totp_secret"];
        const auto done =
            Post("/api/v1/staff/activation", {},
                 {{"code", code}, {"password", password}, {"totp_code", Code(secret)}});
        INFO(done->body);
        REQUIRE(done->status == 201);
        return secret;
    }
    // The Martil account made by the M'diq directorate, activated and logged in with its app.
    struct Martil {
        httplib::Headers directorate;  // the directorate's session
        std::string secret;            // the director's app's key
        httplib::Headers director;     // the director's session
    };
    Martil ActiveMartil() {
        Martil m;
        m.directorate = As("mdiq.directorate", "tetouan coast directorate");
        m.secret = Activate(MakeMartil(m.directorate), "olive trees by the sea");
        s.clock->now += 30;  // the activation used this step's code
        m.director = As("57303a", "olive trees by the sea", Code(m.secret));
        return m;
    }
    // Status and message code of a refusal, with a message in words.
    static void Refused(const httplib::Result& r, int status, const std::string& code) {
        REQUIRE(r);
        INFO(r->body);
        CHECK(r->status == status);
        const Json j = Json::parse(r->body, nullptr, false);
        CHECK(j.value("code", "") == code);
        CHECK(j.value("message", "").size() > 10);
        CHECK(j.value("message", "") != code);
    }

    ServerFixture s;
    httplib::Client c;

  private:
    static server::HttpConfig Config() {
        server::HttpConfig config;
        config.api.login_per_minute = 0;
        return config;
    }
};

}  // namespace

TEST_CASE(
    "A directorate makes a school account; its director activates it with a password and a "
    "second factor, then logs in with both",
    "[server][accounts]") {
    Accounts t;
    const auto directorate = t.As("mdiq.directorate", "tetouan coast directorate");
    const std::string code = t.MakeMartil(directorate);
    CHECK(code.size() == 19);

    // Listed for the directorate, waiting for its owner, the second factor required.
    const auto list = t.c.Get("/api/v1/staff/accounts", directorate);
    REQUIRE(list->status == 200);
    const Json accounts = Json::parse(list->body)["accounts"];
    REQUIRE(accounts.size() == 1);
    CHECK(accounts[0]["username"] == "57303a");
    CHECK(accounts[0]["state"] == "pending");
    CHECK(accounts[0]["schools"] == Json{"57303A"});
    CHECK(accounts[0]["second_factor_required"] == true);
    CHECK(accounts[0]["created_by"] == "mdiq.directorate");
    // No password works before the activation.
    Accounts::Refused(t.LogIn("57303a", ""), 401, "auth.invalid_credentials");

    // The director opens the code (typed in lower case from the letter) and gets a key.
    auto lower = code;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto start = t.Post("/api/v1/staff/activation/start", {}, {{"code", lower}});
    REQUIRE(start->status == 200);
    const Json opened = Json::parse(start->body);
    CHECK(opened["username"] == "57303a");
    const std::string secret = opened["totp_secret"];
    CHECK(opened["otpauth_uri"].get<std::string>().rfind(
              "otpauth://totp/Tasjil:57303a?secret=" + secret, 0) == 0);

    // A weak password, then a wrong one-time password, are refused with their reasons.
    Accounts::Refused(
        t.Post("/api/v1/staff/activation", {},
               {{"code", code}, {"password", "short"}, {"totp_code", t.Code(secret)}}),
        422, "password.too_short");
    Accounts::Refused(
        t.Post("/api/v1/staff/activation", {},
               {{"code", code}, {"password", "password12345"}, {"totp_code", t.Code(secret)}}),
        422, "password.common");
    std::string wrong = t.Code(secret);
    wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
    Accounts::Refused(
        t.Post("/api/v1/staff/activation", {},
               {{"code", code}, {"password", "olive trees by the sea"}, {"totp_code", wrong}}),
        422, "activation.code_wrong");
    // A directorate's school may not skip the second factor.
    Accounts::Refused(t.Post("/api/v1/staff/activation", {},
                             {{"code", code}, {"password", "olive trees by the sea"}}),
                      422, "activation.code_wrong");

    const auto done = t.Post(
        "/api/v1/staff/activation", {},
        {{"code", code}, {"password", "olive trees by the sea"}, {"totp_code", t.Code(secret)}});
    REQUIRE(done->status == 201);
    const Json recovery = Json::parse(done->body)["recovery_codes"];
    REQUIRE(recovery.size() == 10);
    CHECK(Json::parse(done->body)["state"] == "active");
    // The code worked once.
    Accounts::Refused(t.Post("/api/v1/staff/activation/start", {}, {{"code", code}}), 404,
                      "activation.not_found");

    // The password alone asks for the second factor; a wrong password still says only that.
    Accounts::Refused(t.LogIn("57303a", "olive trees by the sea"), 401, "auth.code_needed");
    Accounts::Refused(t.LogIn("57303a", "olive trees by the se", t.Code(secret)), 401,
                      "auth.invalid_credentials");
    // The code just used at the activation is a replay.
    Accounts::Refused(t.LogIn("57303a", "olive trees by the sea", t.Code(secret)), 401,
                      "auth.code_used");
    t.s.clock->now += 30;
    const auto in = t.LogIn("57303a", "olive trees by the sea", t.Code(secret));
    REQUIRE(in->status == 201);
    CHECK(Json::parse(in->body)["role"] == "school");
    // Replayed within its 30 seconds, it is refused.
    Accounts::Refused(t.LogIn("57303a", "olive trees by the sea", t.Code(secret)), 401,
                      "auth.code_used");
    // A phone half a minute ahead is accepted; a minute ahead, or an old code, is not.
    t.s.clock->now += 90;
    Accounts::Refused(t.LogIn("57303a", "olive trees by the sea", t.Code(secret, 60)), 401,
                      "auth.code_wrong");
    CHECK(t.LogIn("57303a", "olive trees by the sea", t.Code(secret, 30))->status == 201);
    Accounts::Refused(t.LogIn("57303a", "olive trees by the sea", t.Code(secret)), 401,
                      "auth.code_used");

    // A recovery code works once, in place of the phone.
    const std::string spare = recovery[3];
    const auto recovered = t.LogIn("57303a", "olive trees by the sea", spare);
    REQUIRE(recovered->status == 201);
    CHECK(Json::parse(recovered->body)["recovery_codes_left"] == 9);
    Accounts::Refused(t.LogIn("57303a", "olive trees by the sea", spare), 401, "auth.code_wrong");

    // Every change is in the account's trail, seen by its directorate.
    const auto one = t.c.Get("/api/v1/staff/accounts/57303a", directorate);
    REQUIRE(one->status == 200);
    std::vector<std::string> actions;
    const Json trail = Json::parse(one->body);
    for (const auto& e : trail["history"]) actions.push_back(e["action"]);
    CHECK(actions == std::vector<std::string>{"create", "open", "activate", "recovery"});
    CHECK(Json::parse(one->body)["recovery_codes_left"] == 9);
    CHECK(Json::parse(one->body)["second_factor"] == true);
}

TEST_CASE("A disabled account's sessions end at once and it cannot log in until enabled again",
          "[server][accounts]") {
    Accounts t;
    const auto [directorate, secret, director] = t.ActiveMartil();
    REQUIRE(t.c.Get("/api/v1/staff/me", director)->status == 200);

    const auto disabled = t.Post("/api/v1/staff/accounts/57303a/disable", directorate, Json{});
    REQUIRE(disabled->status == 200);
    CHECK(Json::parse(disabled->body)["account"]["state"] == "disabled");
    Accounts::Refused(t.c.Get("/api/v1/staff/me", director), 401, "auth.required");
    t.s.clock->now += 30;
    Accounts::Refused(t.LogIn("57303a", "olive trees by the sea", t.Code(secret)), 403,
                      "auth.account_disabled");
    // A wrong password does not tell that the account is disabled.
    Accounts::Refused(t.LogIn("57303a", "olive trees by the se"), 401, "auth.invalid_credentials");
    Accounts::Refused(t.Post("/api/v1/staff/accounts/57303a/disable", directorate, Json{}), 409,
                      "account.already_disabled");

    // A session written for the account after it was disabled (a log-in racing with the
    // disabling) opens nothing.
    const std::string raced(64, 'a');
    t.s.storage->PutSession(server::Sha256(raced), "57303a",
                            {"", t.s.clock->now, t.s.clock->now, t.s.clock->now + 3600, "", ""});
    const httplib::Headers raced_session = {{"Authorization", "Bearer " + raced}};
    Accounts::Refused(t.c.Get("/api/v1/staff/me", raced_session), 401, "auth.required");
    REQUIRE(t.Post("/api/v1/staff/accounts/57303a/enable", directorate, Json{})->status == 200);
    CHECK(t.c.Get("/api/v1/staff/me", raced_session)->status == 200);
    Accounts::Refused(t.Post("/api/v1/staff/accounts/57303a/enable", directorate, Json{}), 409,
                      "account.not_disabled");
    t.s.clock->now += 30;
    CHECK(t.LogIn("57303a", "olive trees by the sea", t.Code(secret))->status == 201);
}

TEST_CASE(
    "A reset ends the sessions and gives a new code; the old password and key no longer "
    "work",
    "[server][accounts]") {
    Accounts t;
    const auto [directorate, secret, director] = t.ActiveMartil();

    const auto reset = t.Post("/api/v1/staff/accounts/57303a/reset", directorate, Json{});
    REQUIRE(reset->status == 200);
    const Json answer = Json::parse(reset->body);
    CHECK(answer["account"]["state"] == "pending");
    CHECK(answer["account"]["second_factor"] == false);
    const std::string code = answer["activation"]["code"];
    CHECK(answer["activation"]["link"].get<std::string>().find("#activate=" + code) !=
          std::string::npos);
    Accounts::Refused(t.c.Get("/api/v1/staff/me", director), 401, "auth.required");
    t.s.clock->now += 30;
    Accounts::Refused(t.LogIn("57303a", "olive trees by the sea", t.Code(secret)), 401,
                      "auth.invalid_credentials");
    // The owner starts again with the new code: a new key, a new password.
    const std::string again = t.Activate(code, "a new sentence to remember");
    CHECK(again != secret);
    t.s.clock->now += 30;
    CHECK(t.LogIn("57303a", "a new sentence to remember", t.Code(again))->status == 201);
}

TEST_CASE("An activation code expires after 72 hours", "[server][accounts]") {
    Accounts t;
    const auto directorate = t.As("mdiq.directorate", "tetouan coast directorate");
    const std::string code = t.MakeMartil(directorate);
    t.s.clock->now += 72 * 3600 - 1;
    CHECK(t.Post("/api/v1/staff/activation/start", {}, {{"code", code}})->status == 200);
    t.s.clock->now += 1;
    Accounts::Refused(t.Post("/api/v1/staff/activation/start", {}, {{"code", code}}), 422,
                      "activation.expired");
    Accounts::Refused(t.Post("/api/v1/staff/activation", {},
                             {{"code", code}, {"password", "olive trees by the sea"}}),
                      422, "activation.expired");
    // A code that is no code, malformed or made up, is unknown.
    for (const char* junk : {"", "ABCD", "0000-0000-0000-0000", "ÀBCD-ÉFGH", "a\"b"})
        Accounts::Refused(t.Post("/api/v1/staff/activation/start", {}, {{"code", junk}}), 404,
                          "activation.not_found");
    Accounts::Refused(t.Post("/api/v1/staff/activation/start", {}, {{"code", 7}}), 400,
                      "request.malformed_json");
}

TEST_CASE("A directorate manages its own province's school accounts only; a school account none",
          "[server][accounts][scope]") {
    Accounts t;
    const auto mdiq = t.As("mdiq.directorate", "tetouan coast directorate");
    const auto fahs = t.As("fahs.directorate", "tangier hills directorate");
    const std::string code = t.MakeMartil(mdiq);

    // Fahs-Anjra cannot make, see or change a Martil school's account.
    Accounts::Refused(
        t.Post("/api/v1/staff/accounts", fahs,
               {{"username", "martil.other"}, {"display_name", "Martil"}, {"schools", {"57303B"}}}),
        422, "account.out_of_scope");
    Accounts::Refused(t.Post("/api/v1/staff/accounts", fahs,
                             {{"username", "mixed"},
                              {"display_name", "Two provinces"},
                              {"schools", {"22706A", "57303B"}}}),
                      422, "account.out_of_scope");
    CHECK(Json::parse(t.c.Get("/api/v1/staff/accounts", fahs)->body)["accounts"].empty());
    Accounts::Refused(t.c.Get("/api/v1/staff/accounts/57303a", fahs), 404, "account.not_found");
    for (const char* action : {"disable", "enable", "reset"})
        Accounts::Refused(
            t.Post(std::string("/api/v1/staff/accounts/57303a/") + action, fahs, Json{}), 404,
            "account.not_found");
    // Nor another directorate's account, nor the national administrator's.
    Accounts::Refused(t.Post("/api/v1/staff/accounts/mdiq.directorate/disable", fahs, Json{}), 404,
                      "account.not_found");
    Accounts::Refused(t.Post("/api/v1/staff/accounts/national.admin/reset", mdiq, Json{}), 404,
                      "account.not_found");

    // A school account manages nothing.
    const std::string secret = t.Activate(code, "olive trees by the sea");
    t.s.clock->now += 30;
    const auto school = t.As("57303a", "olive trees by the sea", t.Code(secret));
    Accounts::Refused(t.c.Get("/api/v1/staff/accounts", school), 403, "accounts.forbidden");
    Accounts::Refused(
        t.Post("/api/v1/staff/accounts", school,
               {{"username", "x.y.z"}, {"display_name", "X"}, {"schools", {"57303B"}}}),
        403, "accounts.forbidden");
    Accounts::Refused(t.Post("/api/v1/staff/accounts/57303a/disable", school, Json{}), 403,
                      "accounts.forbidden");
    // Without a session, nothing.
    Accounts::Refused(t.c.Get("/api/v1/staff/accounts"), 401, "auth.required");
}

TEST_CASE("The national administrator makes directorates' accounts, always with a second factor",
          "[server][accounts][scope]") {
    Accounts t;
    const auto national = t.As("national.admin", "the ministry's own secret");
    Accounts::Refused(t.Post("/api/v1/staff/accounts", national,
                             {{"username", "nowhere.directorate"},
                              {"display_name", "Nowhere"},
                              {"province", "99.999"}}),
                      422, "account.province_unknown");
    const auto made = t.Post("/api/v1/staff/accounts", national,
                             {{"username", "fahs.deputy"},
                              {"display_name", "Direction provinciale de Fahs-Anjra"},
                              {"province", "01.227"},
                              {"second_factor", false}});
    REQUIRE(made->status == 201);
    CHECK(Json::parse(made->body)["account"]["role"] == "directorate");
    CHECK(Json::parse(made->body)["account"]["second_factor_required"] == true);
    const auto list = Json::parse(t.c.Get("/api/v1/staff/accounts", national)->body);
    CHECK(list["role"] == "directorate");
    CHECK(list["accounts"].size() == 3);  // the two made on the server, and this one
    // The national administrator sees no file.
    const auto me = t.c.Get("/api/v1/staff/me", national);
    REQUIRE(me->status == 200);
    CHECK(Json::parse(me->body)["schools"].empty());
    // It may disable a directorate, whose sessions end.
    const auto fahs = t.As("fahs.directorate", "tangier hills directorate");
    REQUIRE(t.Post("/api/v1/staff/accounts/fahs.directorate/disable", national, Json{})->status ==
            200);
    Accounts::Refused(t.c.Get("/api/v1/staff/accounts", fahs), 401, "auth.required");
}

TEST_CASE(
    "A new account's username, name and schools are checked, and a username is never taken "
    "twice",
    "[server][accounts]") {
    Accounts t;
    const auto mdiq = t.As("mdiq.directorate", "tetouan coast directorate");
    const auto make = [&](const Json& body) {
        return t.Post("/api/v1/staff/accounts", mdiq, body);
    };
    const Json good = {
        {"username", "57303b"}, {"display_name", "Al Andalous"}, {"schools", {"57303B"}}};
    for (const char* name : {"", "ab", "Upper", "-lead", "space s", "ç", "a/b", "x\ny"}) {
        Json body = good;
        body["username"] = name;
        Accounts::Refused(make(body), 422, "account.username_invalid");
    }
    for (const std::string& name : {std::string(""), std::string("   "), std::string(201, 'x'),
                                    std::string("a\x01z"), std::string("a\xe2\x80\xaez")}) {
        Json body = good;
        body["display_name"] = name;
        Accounts::Refused(make(body), 422, "account.name_invalid");
    }
    for (const Json& schools :
         {Json::array(), Json{"57303B", "57303B"}, Json{7}, Json("57303B"), Json{"57303B;DROP"}}) {
        Json body = good;
        body["schools"] = schools;
        INFO(schools.dump());
        const auto r = make(body);
        CHECK(r->status == 422);
    }
    Accounts::Refused(t.c.Post("/api/v1/staff/accounts", mdiq, "{", "application/json"), 400,
                      "request.malformed_json");
    Accounts::Refused(t.c.Post("/api/v1/staff/accounts", mdiq, good.dump(), "text/plain"), 415,
                      "request.unsupported_media_type");
    REQUIRE(make(good)->status == 201);
    Accounts::Refused(make(good), 409, "account.username_taken");
    // The server's own accounts' names are taken too.
    Json clash = good;
    clash["username"] = "fahs.directorate";
    clash["schools"] = {"57303C"};
    Accounts::Refused(make(clash), 409, "account.username_taken");
}

TEST_CASE("A CSV of Massar codes and names makes one school account per row, all or none",
          "[server][accounts][import]") {
    Accounts t;
    const auto mdiq = t.As("mdiq.directorate", "tetouan coast directorate");
    const auto import = [&](const std::string& csv, const std::string& type = "text/csv") {
        return t.c.Post("/api/v1/staff/accounts/import", mdiq, csv, type.c_str());
    };
    // Problems are told per line, and nothing is made.
    const auto bad = import(
        "massar_code;nom\n57301A;École Ibn Battouta\n22706A;Ksar Sghir\n57301A;Again\n"
        "57301B;\n5730 1C;Spaced\n");
    Accounts::Refused(bad, 422, "accounts.import.invalid");
    std::vector<std::pair<int, std::string>> problems;
    const Json told = Json::parse(bad->body);
    for (const auto& p : told["problems"]) {
        problems.emplace_back(p["line"], p["code"]);
        CHECK(p["message"].get<std::string>().size() > 10);
    }
    CHECK(problems == std::vector<std::pair<int, std::string>>{{3, "accounts.import.out_of_scope"},
                                                               {4, "accounts.import.twice"},
                                                               {5, "accounts.import.bad_name"},
                                                               {6, "accounts.import.bad_code"}});
    CHECK(Json::parse(t.c.Get("/api/v1/staff/accounts", mdiq)->body)["accounts"].empty());
    Accounts::Refused(import("code,school\n57301A,x\n"), 422, "accounts.import.invalid");
    Accounts::Refused(import("massar_code,name\n"), 422, "accounts.import.invalid");
    Accounts::Refused(import("massar_code,name\n57301A,x\n", "application/json"), 415,
                      "accounts.import.media_type");

    const auto made = import(
        "\xEF\xBB\xBFname,massar_code\r\n\"École Ibn Battouta, M'diq\",57301A\r\n"
        "École Zerktouni,57301B\r\n");
    INFO(made->body);
    REQUIRE(made->status == 201);
    const Json accounts = Json::parse(made->body)["accounts"];
    REQUIRE(accounts.size() == 2);
    CHECK(accounts[0]["account"]["username"] == "57301a");
    CHECK(accounts[0]["account"]["display_name"] == "École Ibn Battouta, M'diq");
    CHECK(accounts[0]["activation"]["code"].get<std::string>().size() == 19);
    CHECK(accounts[1]["line"] == 3);
    // Each was audited as made by the directorate; a second import of the same is refused.
    const auto one = Json::parse(t.c.Get("/api/v1/staff/accounts/57301b", mdiq)->body);
    CHECK(one["history"][0]["action"] == "create");
    CHECK(one["history"][0]["staff"] == "mdiq.directorate");
    const auto again = import("massar_code,name\n57301C,Tariq\n57301A,Ibn Battouta\n");
    Accounts::Refused(again, 422, "accounts.import.invalid");
    CHECK(Json::parse(again->body)["problems"][0]["code"] == "accounts.import.exists");
    CHECK(Json::parse(t.c.Get("/api/v1/staff/accounts", mdiq)->body)["accounts"].size() == 2);
}
