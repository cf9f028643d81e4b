// The server as an attacker meets it: hostile paths, ranges, headers, framing, slow and idle
// clients, metric labels, guessing of birth dates and passwords. Each case is a regression test
// of a reproduction in docs/security.md.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "raw_http.h"
#include "server/http.h"
#include "server_fixture.h"
#include "services.h"

using namespace tasjil;
using tasjil::test::NewFile;
using tasjil::test::ServerFixture;
using Json = nlohmann::json;

namespace {

std::string Get(const std::string& target, const std::string& extra = "") {
    return "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extra + "\r\n";
}

// The process's resident memory in MiB.
long ResidentMiB() {
    std::ifstream in("/proc/self/statm");
    long pages = 0, resident = 0;
    in >> pages >> resident;
    return resident * sysconf(_SC_PAGESIZE) / (1024 * 1024);
}

void RaiseFileLimit() {
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

// A server that believes the loopback's X-Forwarded-For, so that a test speaks from many
// addresses, and counts log-in failures alone (no limit of requests a minute), with a school
// account in Martil and one in M'diq.
class StaffLogins {
  public:
    StaffLogins() : s("", Config()), c(s.Client()) {
        s.service->CreateStaff("martil.director", "correct horse battery", "school", "01.551.01");
        s.service->CreateStaff("mdiq.director", "another long secret", "school", "57301A");
    }
    // POST /api/v1/staff/sessions from `from`, with a device token and a User-Agent when given.
    httplib::Result LogIn(const std::string& user, const std::string& password,
                          const std::string& from, const std::string& device = "",
                          const std::string& agent = "") {
        httplib::Headers h = {{"X-Forwarded-For", from}};
        if (!device.empty()) h.emplace("X-Tasjil-Device", device);
        if (!agent.empty()) h.emplace("User-Agent", agent);
        return c.Post("/api/v1/staff/sessions", h,
                      Json{{"username", user}, {"password", password}}.dump(), "application/json");
    }

    ServerFixture s;
    httplib::Client c;

  private:
    static server::HttpConfig Config() {
        server::HttpConfig config;
        config.api.login_per_minute = 0;
        config.trusted_proxies = {"127.0.0.1"};
        return config;
    }
};

}  // namespace

TEST_CASE("No path reaches a file outside the built app", "[server][security][static]") {
    ServerFixture s;
    // A file beside the web folder, and links inside it that lead out.
    std::ofstream(s.dir / "secret.txt") << "secret";
    std::filesystem::create_symlink("/etc/passwd", s.dir / "web" / "passwd");
    std::filesystem::create_symlink(s.dir / "secret.txt", s.dir / "web" / "secret.txt");
    std::filesystem::create_directory_symlink("/etc", s.dir / "web" / "etc");
    std::ofstream(s.dir / "web" / ".env") << "TOKEN=1";
    std::filesystem::create_symlink(s.dir / "web" / "index.html", s.dir / "web" / "home.html");
    s.http->api().site().Reload();
    for (const std::string& target : std::vector<std::string>{
             "//etc/passwd", "/%2fetc%2fpasswd", "/%2Fetc%2Fpasswd", "/..%2f..%2f..%2fetc%2fpasswd",
             "/../secret.txt", "/%2e%2e/secret.txt", "/passwd", "/secret.txt", "/etc/passwd",
             "/etc/hostname", "/.env", "/proc/self/environ", "//proc/self/environ",
             "/" + (s.dir / "tasjil.db").string(), "/%00index.html", "/index.html%00.js",
             "/index.html/", "/web/index.html"}) {
        INFO(target);
        const std::string answer = test::RawExchange(s.port, Get(target));
        const int status = test::StatusOf(answer);
        CHECK((status == 404 || status == 400));
        CHECK(answer.find("root:") == std::string::npos);
        CHECK(answer.find("secret") == std::string::npos);
    }
    // A link that stays inside the web folder is served.
    CHECK(test::StatusOf(test::RawExchange(s.port, Get("/home.html"))) == 200);
    // The database is never read by anything but SQLite: nothing of it can come back.
    CHECK(test::BodyOf(test::RawExchange(s.port, Get("/tasjil.db"))) == "not found");
}

TEST_CASE("Ranges are clipped to the representation sent, and an unsatisfiable one is 416",
          "[server][security][static][range]") {
    ServerFixture s;
    const std::string br = "Accept-Encoding: br\r\n";
    // index.html.br is 6 bytes ("BROTLI"); index.html is 31.
    auto over = test::RawExchange(s.port, Get("/index.html", br + "Range: bytes=100-99999999\r\n"));
    CHECK(test::StatusOf(over) == 416);
    CHECK(test::HeaderOf(over, "Content-Range") == "bytes */6");
    CHECK(test::BodyOf(over).size() < 200);

    auto clipped =
        test::RawExchange(s.port, Get("/index.html", br + "Range: bytes=2-99999999\r\n"));
    CHECK(test::StatusOf(clipped) == 206);
    CHECK(test::HeaderOf(clipped, "Content-Range") == "bytes 2-5/6");
    CHECK(test::BodyOf(clipped) == "OTLI");

    auto suffix = test::RawExchange(s.port, Get("/index.html", "Range: bytes=-5\r\n"));
    CHECK(test::StatusOf(suffix) == 206);
    CHECK(test::BodyOf(suffix) == "itle>");

    // Many ranges: the whole file once, never more bytes than it has.
    std::string many = "Range: bytes=0-0";
    for (int i = 1; i < 2001; ++i) many += ",0-" + std::to_string(i % 7);
    auto all = test::RawExchange(s.port, Get("/index.html", br + many + "\r\n"));
    const int status = test::StatusOf(all);
    CHECK((status == 200 || status == 431));
    CHECK(test::BodyOf(all).size() <= 256);
    // Malformed ranges are ignored (RFC 9110): the whole file.
    for (const char* bad :
         {"bytes=5-2", "bytes=x-1", "items=0-1", "bytes=-", "bytes=18446744073709551616-"}) {
        INFO(bad);
        auto r =
            test::RawExchange(s.port, Get("/index.html", std::string("Range: ") + bad + "\r\n"));
        CHECK(test::StatusOf(r) == 200);
        CHECK(test::BodyOf(r) == "<!doctype html><title>t</title>");
    }
    // A stale If-Range gets the whole new file, not a piece of it.
    auto stale = test::RawExchange(
        s.port, Get("/index.html", "Range: bytes=0-1\r\nIf-Range: \"0000000000000000\"\r\n"));
    CHECK(test::StatusOf(stale) == 200);
}

TEST_CASE("Too many or too large headers are refused with 431", "[server][security][headers]") {
    ServerFixture s;
    std::string many;
    for (int i = 0; i < 150; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
    CHECK(test::StatusOf(test::RawExchange(s.port, Get("/healthz", many))) == 431);
    const std::string one_big = "X-Big: " + std::string(20000, 'a') + "\r\n";
    const int big = test::StatusOf(test::RawExchange(s.port, Get("/healthz", one_big)));
    CHECK(big == 431);
    // 20,000 headers of 4 KB: refused long before they are all read, memory stays flat.
    const long before = ResidentMiB();
    test::RawSocket flood(s.port);
    REQUIRE(flood.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
    const std::string header = "X-Pad: " + std::string(4096, 'p') + "\r\n";
    int sent = 0;
    for (; sent < 20000; ++sent) {
        if (!flood.Send(header)) break;
    }
    CHECK(sent < 20000);  // the server hung up
    CHECK(ResidentMiB() - before < 64);
    // A normal request still works.
    CHECK(test::StatusOf(test::RawExchange(s.port, Get("/healthz"))) == 200);
}

TEST_CASE("Framing is strict: Transfer-Encoding is exactly chunked or the request is 400",
          "[server][security][http]") {
    ServerFixture s;
    const std::string body = NewFile().dump();
    const auto post = [&](const std::string& headers, const std::string& payload) {
        return test::RawExchange(s.port,
                                 "POST /api/v1/files HTTP/1.1\r\nHost: x\r\nConnection: "
                                 "close\r\nContent-Type: application/json\r\n" +
                                     headers + "\r\n" + payload);
    };
    char size[16];
    std::snprintf(size, sizeof size, "%zx", body.size());
    const std::string chunked = std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n";
    CHECK(test::StatusOf(post("Transfer-Encoding: chunked\r\n", chunked)) == 201);
    for (const char* te : {"gzip, chunked", "chunked, gzip", "identity", "xchunked", "chunked "}) {
        INFO(te);
        CHECK(test::StatusOf(post(std::string("Transfer-Encoding: ") + te + "\r\n", chunked)) ==
              400);
    }
    // Two of them, or both framings at once, is how requests are smuggled past a proxy.
    CHECK(test::StatusOf(
              post("Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n", chunked)) == 400);
    CHECK(test::StatusOf(post("Content-Length: " + std::to_string(body.size()) +
                                  "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n",
                              body)) == 400);
    CHECK(test::StatusOf(post("Transfer-Encoding: chunked\r\nContent-Length: " +
                                  std::to_string(chunked.size()) + "\r\n",
                              chunked)) == 400);
}

TEST_CASE("A file followed by a NUL and a second file is refused as malformed",
          "[server][security][file]") {
    ServerFixture s;
    auto c = s.Client();
    Json young = NewFile();
    young["child"]["birth_date"] = "2024-01-01";
    auto r = c.Post("/api/v1/files", NewFile().dump() + std::string(1, '\0') + young.dump(),
                    "application/json");
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(Json::parse(r->body)["code"] == "request.malformed_json");
    CHECK(s.storage->CountFilesByStatus().empty());
}

TEST_CASE("Content-Type is matched as a media type", "[server][security][http]") {
    ServerFixture s;
    auto c = s.Client();
    for (const char* type : {"application/jsonfoo", "application/json-seq", "text/json",
                             "application/x-www-form-urlencoded", "multipart/form-data"}) {
        INFO(type);
        auto r = c.Post("/api/v1/files", NewFile().dump(), type);
        REQUIRE(r);
        CHECK(r->status == 415);
    }
    for (const char* type : {"application/json", "Application/JSON",
                             "application/json; charset=utf-8", "application/json;charset=UTF-8"}) {
        INFO(type);
        auto r = c.Post("/api/v1/files", NewFile().dump(), type);
        REQUIRE(r);
        CHECK(r->status == 201);
    }
}

TEST_CASE("Metric labels come from the route table, and metrics are not public",
          "[server][security][metrics]") {
    ServerFixture s;
    auto c = s.Client();
    CHECK(c.Get("/metrics")->status == 404);
    CHECK(c.Get("/api/v1/x\"} 1\ntasjil_files{status=\"approved\"} 999999\n#")->status == 404);
    for (int i = 0; i < 2000; ++i) c.Get(("/api/v1/unknown/" + std::to_string(i)).c_str());
    c.Get("/api/v1/files/ABCDE-12345?birth_date=2020-01-01");
    auto m = s.MetricsClient();
    const auto first = m.Get("/metrics");
    REQUIRE(first->status == 200);
    CHECK(first->body.find("999999") == std::string::npos);
    CHECK(first->body.find("unknown") == std::string::npos);
    CHECK(first->body.find("ABCDE") == std::string::npos);
    CHECK(first->body.find("route=\"other\",status=\"404\"") != std::string::npos);
    CHECK(first->body.find("route=\"/api/v1/files/{reference}\"") != std::string::npos);
    for (int i = 2000; i < 4000; ++i) c.Get(("/api/v1/unknown/" + std::to_string(i)).c_str());
    const auto second = m.Get("/metrics");
    // Twice the unknown paths, the same size of output (only counts changed).
    CHECK(second->body.size() < first->body.size() + 64);
    // Every line is a comment or a sample of our own metric names.
    std::istringstream lines(second->body);
    for (std::string line; std::getline(lines, line);) {
        INFO(line);
        CHECK((line.rfind("# ", 0) == 0 || line.rfind("tasjil_", 0) == 0));
    }
}

TEST_CASE("Status look-ups: wrong dates for a reference are limited, whoever asks",
          "[server][security][status]") {
    server::HttpConfig config;
    config.api.status_per_minute = 0;  // the per-reference limit alone
    ServerFixture s("", config);
    auto c = s.Client();
    const Json file = NewFile();
    auto r = c.Post("/api/v1/files", file.dump(), "application/json");
    REQUIRE(r->status == 201);
    const std::string ref = Json::parse(r->body)["reference"];
    const std::string right = file["child"]["birth_date"];
    const auto look = [&](const std::string& date) {
        return c.Get(("/api/v1/files/" + ref + "?birth_date=" + date).c_str())->status;
    };
    CHECK(look(right) == 200);
    for (int d = 1; d <= 5; ++d) CHECK(look("2019-01-0" + std::to_string(d)) == 404);
    // The sixth try is refused, even with the right date, until the wait is over.
    auto refused = c.Get(("/api/v1/files/" + ref + "?birth_date=" + right).c_str());
    CHECK(refused->status == 429);
    CHECK(std::stoi(refused->get_header_value("Retry-After")) >= 60);
    s.clock->now += 61;
    CHECK(look(right) == 200);
    // An unknown reference is answered exactly like a wrong date, and limited the same way.
    for (int d = 1; d <= 5; ++d)
        CHECK(c.Get(("/api/v1/files/ZZZZZ-ZZZZZ?birth_date=2019-01-0" + std::to_string(d)).c_str())
                  ->status == 404);
}

TEST_CASE("Staff log-in is slowed down per account and address, and log-out revokes the token",
          "[server][security][staff]") {
    server::HttpConfig config;
    config.api.login_per_minute = 0;  // the failure counts alone
    ServerFixture s("", config);
    s.service->CreateStaff("martil.director", "correct horse battery", "school", "01.551.01");
    auto c = s.Client();
    const auto login = [&](const std::string& password) {
        return c.Post("/api/v1/staff/sessions",
                      Json{{"username", "martil.director"}, {"password", password}}.dump(),
                      "application/json");
    };
    for (int i = 0; i < 5; ++i) CHECK(login("wrong password " + std::to_string(i))->status == 401);
    auto slowed = login("correct horse battery");
    CHECK(slowed->status == 429);
    CHECK(Json::parse(slowed->body)["code"] == "auth.throttled");
    CHECK(std::stoi(slowed->get_header_value("Retry-After")) == 30);
    s.clock->now += 31;
    CHECK(login("wrong again")->status == 401);  // the sixth failure: the wait doubles
    CHECK(std::stoi(login("correct horse battery")->get_header_value("Retry-After")) == 60);
    s.clock->now += 61;
    auto ok = login("correct horse battery");
    REQUIRE(ok->status == 201);
    // Another account is not affected by this one's failures.
    const std::string token = Json::parse(ok->body)["token"];
    const httplib::Headers auth = {{"Authorization", "Bearer " + token}};
    CHECK(c.Get("/api/v1/staff/files?status=pending_review", auth)->status == 200);
    CHECK(c.Delete("/api/v1/staff/sessions", auth)->status == 204);
    CHECK(c.Get("/api/v1/staff/files?status=pending_review", auth)->status == 401);
    CHECK(c.Delete("/api/v1/staff/sessions", auth)->status == 401);
    // After a success the account starts again from zero failures.
    CHECK(login("wrong")->status == 401);
    CHECK(login("correct horse battery")->status == 201);
    auto m = s.MetricsClient().Get("/metrics");
    CHECK(m->body.find("tasjil_login_throttled_total 2") != std::string::npos);
}

TEST_CASE(
    "No number of wrong passwords keeps a staff member out: they slow the address "
    "that makes them",
    "[server][security][staff]") {
    StaffLogins t;
    auto& s = t.s;
    const auto login = [&](const std::string& password, const std::string& from,
                           const std::string& device = "") {
        return t.LogIn("martil.director", password, from, device);
    };
    // The owner logs in once from the school's computer: the console keeps its device token.
    auto first = login("correct horse battery", "203.0.113.10");
    REQUIRE(first->status == 201);
    const std::string device = Json::parse(first->body)["device"];
    CHECK(device.size() == 64);
    CHECK(Json::parse(first->body)["failures_since_last_visit"] == 0);

    // An attacker tries 50 wrong passwords from one address: that address is slowed.
    const std::string attacker = "198.51.100.66";
    int refused = 0, slowed = 0;
    for (int i = 0; i < 50; ++i) {
        const auto r = login("guess number " + std::to_string(i), attacker);
        (r->status == 401 ? refused : slowed) += 1;
        CHECK((r->status == 401 || r->status == 429));
        s.clock->now += 1;
    }
    CHECK(refused >= 5);
    CHECK(slowed > 0);
    auto from_attacker = login("correct horse battery", attacker);
    CHECK(from_attacker->status == 429);
    CHECK(Json::parse(from_attacker->body)["code"] == "auth.throttled");
    CHECK(std::stoi(from_attacker->get_header_value("Retry-After")) > 0);

    // The owner, from the known device at another address, is in at once, and is told.
    auto owner = login("correct horse battery", "203.0.113.11", device);
    REQUIRE(owner->status == 201);
    const Json told = Json::parse(owner->body);
    CHECK(told["device"] == device);  // the same device stays known
    CHECK(told["failures_since_last_visit"] == refused);
    REQUIRE(told["failure_addresses"].size() == 1);
    CHECK(told["failure_addresses"][0]["address"] == attacker);
    CHECK(told["failure_addresses"][0]["failures"] == refused);
    // Told once: the next log-in starts from zero.
    auto again = login("correct horse battery", "203.0.113.11", device);
    REQUIRE(again->status == 201);
    CHECK(Json::parse(again->body)["failures_since_last_visit"] == 0);

    // From a new device at another address too: failures at one address do not reach another.
    auto elsewhere = login("correct horse battery", "192.0.2.40");
    REQUIRE(elsewhere->status == 201);
    CHECK(Json::parse(elsewhere->body)["device"] != device);  // a new device, now known

    // Even the known device's own address being the attacker's does not slow the device.
    CHECK(login("correct horse battery", attacker, device)->status == 201);
    // A made-up device token is an unknown device: the attacker is still slowed.
    CHECK(login("correct horse battery", attacker, std::string(64, 'a'))->status == 429);
}

TEST_CASE("Log-in failures spread over many addresses slow only devices the account never used",
          "[server][security][staff]") {
    StaffLogins t;
    const auto login = [&](const std::string& user, const std::string& password,
                           const std::string& from, const std::string& device = "") {
        return t.LogIn(user, password, from, device);
    };
    auto first = login("martil.director", "correct horse battery", "203.0.113.10");
    REQUIRE(first->status == 201);
    const std::string device = Json::parse(first->body)["device"];
    // 100 addresses, one wrong password each (under every per-address count).
    for (int i = 0; i < 100; ++i)
        REQUIRE(login("martil.director", "wrong", "198.51.100." + std::to_string(i))->status ==
                401);
    // Now a device the account never used waits (a short wait), from any address…
    auto unknown = login("martil.director", "correct horse battery", "192.0.2.7");
    CHECK(unknown->status == 429);
    CHECK(std::stoi(unknown->get_header_value("Retry-After")) <= 15 * 60);
    // …but the owner's device does not, and another account is not touched.
    CHECK(login("martil.director", "correct horse battery", "192.0.2.7", device)->status == 201);
    CHECK(login("mdiq.director", "another long secret", "192.0.2.7")->status == 201);

    // One address trying many accounts is slowed for all of them after 20 failures.
    for (int i = 0; i < 20; ++i)
        CHECK(login("user" + std::to_string(i), "wrong", "198.51.100.200")->status == 401);
    CHECK(login("mdiq.director", "another long secret", "198.51.100.200")->status == 429);
    CHECK(login("mdiq.director", "another long secret", "198.51.100.201")->status == 201);
}

TEST_CASE(
    "A staff member sees their open sessions and ends any; a session ends unused or at "
    "its end",
    "[server][security][staff][sessions]") {
    StaffLogins t;
    auto& s = t.s;
    auto& c = t.c;
    const auto login = [&](const std::string& user, const std::string& password,
                           const std::string& from, const std::string& agent) {
        auto r = t.LogIn(user, password, from, "", agent);
        REQUIRE(r->status == 201);
        return Json::parse(r->body)["token"].get<std::string>();
    };
    const auto auth = [](const std::string& token) {
        return httplib::Headers{{"Authorization", "Bearer " + token}};
    };
    const std::string office = login("martil.director", "correct horse battery", "203.0.113.10",
                                     "Mozilla/5.0 (Windows NT 10.0) Firefox/128.0");
    const std::string phone = login("martil.director", "correct horse battery", "198.51.100.20",
                                    "Mozilla/5.0 (Linux; Android 14)\x01 Chrome/131");
    const std::string other = login("mdiq.director", "another long secret", "192.0.2.30", "x");

    auto listed = c.Get("/api/v1/staff/sessions", auth(office));
    REQUIRE(listed->status == 200);
    CHECK(listed->get_header_value("Cache-Control") == "no-store");
    const Json sessions = Json::parse(listed->body)["sessions"];
    REQUIRE(sessions.size() == 2);  // this account's only
    std::string phone_id;
    for (const auto& x : sessions) {
        CHECK(x["id"].get<std::string>().size() == 16);
        if (x["current"] == true) {
            CHECK(x["address"] == "203.0.113.10");
            CHECK(x["agent"] == "Mozilla/5.0 (Windows NT 10.0) Firefox/128.0");
        } else {
            phone_id = x["id"];
            CHECK(x["address"] == "198.51.100.20");
            CHECK(x["agent"] == "Mozilla/5.0 (Linux; Android 14) Chrome/131");  // no control
        }
    }
    REQUIRE(!phone_id.empty());
    // Another account cannot end it; a malformed or unknown id is not found.
    for (const std::string& id :
         {phone_id, std::string("zzzzzzzzzzzzzzzz"), std::string(16, '0'), std::string(17, 'a')}) {
        auto r = c.Delete(("/api/v1/staff/sessions/" + id).c_str(),
                          auth(id == phone_id ? other : office));
        CHECK(r->status == 404);
        CHECK(Json::parse(r->body)["code"] == "session.not_found");
    }
    CHECK(c.Delete("/api/v1/staff/sessions/%27%3B%20--", auth(office))->status == 404);
    CHECK(c.Get("/api/v1/staff/me", auth(phone))->status == 200);
    // The owner ends the phone's session from the office: it is gone at once.
    CHECK(c.Delete(("/api/v1/staff/sessions/" + phone_id).c_str(), auth(office))->status == 200);
    CHECK(c.Get("/api/v1/staff/me", auth(phone))->status == 401);
    CHECK(Json::parse(c.Get("/api/v1/staff/sessions", auth(office))->body)["sessions"].size() == 1);
    CHECK(c.Get("/api/v1/staff/sessions")->status == 401);

    // Unused for 30 minutes, a session ends; used, it goes on, but not past 10 hours.
    s.clock->now += 29 * 60;
    CHECK(c.Get("/api/v1/staff/me", auth(office))->status == 200);
    s.clock->now += 29 * 60;
    CHECK(c.Get("/api/v1/staff/me", auth(office))->status == 200);
    s.clock->now += 31 * 60;
    CHECK(c.Get("/api/v1/staff/me", auth(office))->status == 401);
    const std::string day = login("martil.director", "correct horse battery", "203.0.113.10", "x");
    std::int64_t used = 0;
    for (; used + 29 * 60 < 10 * 3600; used += 29 * 60) {
        s.clock->now += 29 * 60;
        CHECK(c.Get("/api/v1/staff/me", auth(day))->status == 200);
    }
    s.clock->now += 29 * 60;
    CHECK(c.Get("/api/v1/staff/me", auth(day))->status == 401);
}

TEST_CASE("Slow and idle clients do not keep a normal client from being served",
          "[server][security][slow]") {
    RaiseFileLimit();
    server::HttpConfig config;
    config.idle_timeout_seconds = 30;
    ServerFixture s("", config);
    const long before = ResidentMiB();
    // 200 slow-header connections from 10 addresses, one byte each 200 ms, and 2,000 idle
    // keep-alive connections from 100 other addresses (20 each, under the per-address limit).
    std::vector<std::unique_ptr<test::RawSocket>> slow, idle;
    for (int i = 0; i < 200; ++i) {
        slow.push_back(
            std::make_unique<test::RawSocket>(s.port, "127.0.1." + std::to_string(1 + i % 10)));
        REQUIRE(slow.back()->connected());
        slow.back()->Send("G");
    }
    for (int i = 0; i < 2000; ++i) {
        idle.push_back(
            std::make_unique<test::RawSocket>(s.port, "127.0.2." + std::to_string(1 + i % 100)));
        REQUIRE(idle.back()->connected());
    }
    std::atomic<bool> stop{false};
    std::thread trickle([&] {
        const std::string line = "ET / HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaa";
        for (std::size_t k = 0; k < line.size() && !stop; ++k) {
            for (auto& c : slow) c->Send(std::string(1, line[k]));
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    });
    // A normal client: every request answered within its 2 s timeout.
    auto c = s.Client();
    c.set_read_timeout(2);
    c.set_connection_timeout(2);
    int ok = 0;
    for (int i = 0; i < 100; ++i) {
        auto r = i % 2 ? c.Get("/healthz")
                       : c.Post("/api/v1/files", NewFile().dump(), "application/json");
        ok += r && (r->status == 200 || r->status == 201);
    }
    CHECK(ok == 100);
    CHECK(ResidentMiB() - before < 200);
    stop = true;
    trickle.join();
}

TEST_CASE("One address cannot hold more than its share of connections",
          "[server][security][slow]") {
    server::HttpConfig config;
    config.max_connections_per_client = 8;
    ServerFixture s("", config);
    std::vector<std::unique_ptr<test::RawSocket>> held;
    for (int i = 0; i < 8; ++i) {
        held.push_back(std::make_unique<test::RawSocket>(s.port, "127.0.3.1"));
        held.back()->Send("G");  // accepted and started
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    test::RawSocket extra(s.port, "127.0.3.1");
    REQUIRE(extra.connected());  // the kernel accepts; the server closes it at once
    CHECK(extra.ClosedWithin(2000));
    // Another address is served.
    test::RawSocket other(s.port, "127.0.3.2");
    REQUIRE(other.Send(Get("/healthz")));
    CHECK(test::StatusOf(other.ReceiveResponse()) == 200);
}

TEST_CASE("X-Forwarded-For is believed only from a configured proxy", "[server][security][proxy]") {
    const std::vector<std::string> proxies = {"127.0.0.1", "10.0.0.2"};
    CHECK(server::ClientAddress("203.0.113.9", nullptr, proxies) == "203.0.113.9");
    const std::string forged = "198.51.100.1";
    CHECK(server::ClientAddress("203.0.113.9", &forged, proxies) == "203.0.113.9");
    const std::string chain = "198.51.100.1, 203.0.113.7, 10.0.0.2";
    CHECK(server::ClientAddress("127.0.0.1", &chain, proxies) == "203.0.113.7");
    const std::string garbage = "198.51.100.1, not-an-ip";
    CHECK(server::ClientAddress("127.0.0.1", &garbage, proxies) == "127.0.0.1");
    const std::string v6 = "2001:DB8::1";
    CHECK(server::ClientAddress("127.0.0.1", &v6, proxies) == "2001:db8::1");

    // Through the server: the rate limit counts the forwarded address of a trusted proxy.
    server::HttpConfig config;
    config.api.submit_per_minute = 1;
    config.trusted_proxies = {"127.0.0.1"};
    ServerFixture s("", config);
    auto c = s.Client();
    const auto post = [&](const std::string& from) {
        return c
            .Post("/api/v1/files", {{"X-Forwarded-For", from}}, NewFile().dump(),
                  "application/json")
            ->status;
    };
    CHECK(post("198.51.100.1") == 201);
    CHECK(post("198.51.100.1") == 429);
    CHECK(post("198.51.100.2") == 201);
}

TEST_CASE("Header values are parsed strictly", "[server][security][http]") {
    CHECK(server::MediaTypeIs("application/json", "application/json"));
    CHECK(server::MediaTypeIs(" APPLICATION/JSON ;charset=utf-8", "application/json"));
    CHECK_FALSE(server::MediaTypeIs("application/jsonfoo", "application/json"));
    CHECK_FALSE(server::MediaTypeIs("", "application/json"));
    using K = server::ByteRange::Kind;
    CHECK(server::ParseRange("bytes=0-0", 0).kind == K::kUnsatisfiable);
    CHECK(server::ParseRange("bytes=-0", 10).kind == K::kUnsatisfiable);
    CHECK(server::ParseRange("bytes=0-", 10).length == 10);
    CHECK(server::ParseRange("bytes=9-", 10).length == 1);
    CHECK(server::ParseRange("bytes=10-", 10).kind == K::kUnsatisfiable);
    CHECK(server::ParseRange("bytes=-100", 10).length == 10);
    CHECK(server::ParseRange("bytes=0-1,3-4", 10).kind == K::kWhole);
    CHECK(server::ParseRange("bytes=99999999999999999999-", 10).kind == K::kWhole);
    CHECK(server::LanguageOf("fr-MA,ar;q=0.9") == "fr");
    CHECK(server::LanguageOf("en, ar;q=0.5, fr;q=0.8") == "fr");
    CHECK(server::LanguageOf("fr;q=0, zgh") == "zgh");
    CHECK(server::LanguageOf("") == "ar");
}

TEST_CASE("A full disk makes the server not ready and leaves no partial outbox file",
          "[server][security][disk]") {
    // A small file system of its own (tmpfs, as root) holds the database and the outbox.
    test::TmpfsMount tmpfs("tasjil-full-", "4m");
    REQUIRE(tmpfs.ok);
    const auto& mnt = tmpfs.path;
    {
        ServerFixture s("sqlite:" + (mnt / "t.db").string());
        auto c = s.Client();
        REQUIRE(c.Get("/readyz")->status == 200);
        REQUIRE(c.Post("/api/v1/files", NewFile().dump(), "application/json")->status == 201);
        // Fill the disk.
        {
            std::ofstream filler(mnt / "filler", std::ios::binary);
            const std::string block(1 << 16, 'x');
            while (filler.write(block.data(), block.size())) {
            }
        }
        s.clock->now += 10;  // past the probe's cache
        auto not_ready = c.Get("/readyz");
        CHECK(not_ready->status == 503);
        CHECK(Json::parse(not_ready->body)["status"] == "not_ready");
        auto refused = c.Post("/api/v1/files", NewFile().dump(), "application/json");
        // Never a 201 that was not stored, and never a 500 for a disk that is merely full.
        CHECK(refused->status == 503);
        CHECK(refused->get_header_value("Retry-After") == "5");
        CHECK(Json::parse(refused->body)["code"] == "server.unavailable");
        // The outbox's file sender fails cleanly: no temporary file is left.
        auto sender = server::MakeFileSender((mnt / "outbox").string(), "tasjil@men.gov.ma");
        server::OutboxMessage m;
        m.id = "0b7c2d6e-0000-4000-8000-000000000001";
        m.channel = server::Channel::kEmail;
        m.recipient = "parent@example.ma";
        m.body = std::string(200000, 'a');
        CHECK_FALSE(sender->Send(m).empty());
        for (const auto& e : std::filesystem::directory_iterator(mnt / "outbox")) {
            INFO(e.path());
            CHECK(e.path().extension() != ".tmp");
        }
        // Space again: ready again, and nothing that was acknowledged is lost.
        std::filesystem::remove(mnt / "filler");
        CHECK(c.Get("/readyz")->status == 503);  // the last probe's answer, for a few seconds
        s.clock->now += 10;
        CHECK(c.Get("/readyz")->status == 200);
        CHECK(c.Post("/api/v1/files", NewFile().dump(), "application/json")->status == 201);
        CHECK(s.storage->CountFilesByStatus()["pending_review"] == 2);
    }
}

TEST_CASE("A decision note follows the same Unicode policy as the file",
          "[server][security][staff]") {
    ServerFixture s;
    s.service->CreateStaff("martil.director", "correct horse battery", "school", "57303B");
    auto c = s.Client();
    Json late = NewFile();
    late["child"]["birth_date"] = "2018-01-01";  // a late start: pending review
    late["child"]["civil_status"]["act_year"] = 2018;
    late["siblings_under_school_age"] = Json::array();
    auto r = c.Post("/api/v1/files", late.dump(), "application/json");
    REQUIRE(r->status == 201);
    const std::string ref = Json::parse(r->body)["reference"];
    auto login =
        c.Post("/api/v1/staff/sessions",
               Json{{"username", "martil.director"}, {"password", "correct horse battery"}}.dump(),
               "application/json");
    REQUIRE(login->status == 201);
    const httplib::Headers auth = {
        {"Authorization", "Bearer " + Json::parse(login->body)["token"].get<std::string>()}};
    const auto decide = [&](const std::string& note) {
        return c.Post(
            ("/api/v1/staff/files/" + ref + "/decision").c_str(), auth,
            Json{{"decision", "reject"}, {"reason_code", "decision.other"}, {"note", note}}.dump(),
            "application/json");
    };
    auto rlo = decide(
        "Dossier incomplet \xE2\x80\xAE"
        "etelpmoc");
    CHECK(rlo->status == 422);
    CHECK(Json::parse(rlo->body)["code"] == "decision.note_invalid");
    std::string long_arabic;
    for (int i = 0; i < 400; ++i) long_arabic += "\xD8\xA8";  // 400 characters, 800 bytes
    auto ok = decide(long_arabic);
    CHECK(ok->status == 200);
}

TEST_CASE("Headers that trickle in past the deadline close the connection",
          "[server][security][slow]") {
    server::HttpConfig config;
    config.header_timeout_seconds = 2;
    config.idle_timeout_seconds = 30;
    ServerFixture s("", config);
    test::RawSocket slow(s.port);
    const auto start = std::chrono::steady_clock::now();
    bool closed = false;
    // One byte every 200 ms: never silent long enough for the idle timeout.
    for (int i = 0; i < 40 && !closed; ++i) {
        if (!slow.Send(i == 0 ? "GET / HTTP/1.1\r\nX-Slow: " : "a")) closed = true;
        if (!closed && slow.ClosedWithin(200)) closed = true;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(closed);
    CHECK(seconds < 6);
    // A keep-alive connection that sends its next request in time is served again and again.
    test::RawSocket kept(s.port);
    for (int i = 0; i < 3; ++i) {
        REQUIRE(kept.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
        CHECK(test::StatusOf(kept.ReceiveResponse()) == 200);
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
}
