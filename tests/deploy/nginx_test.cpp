// The production set-up on one machine: a real nginx (deploy/nginx/tasjil.conf, TLS) in front of
// two tasjil-server processes sharing one PostgreSQL, with e-mail to a real SMTP server. Files
// sent through nginx, each twice (a retry), land on both servers and are stored once; each
// message is delivered once. (Which X-Forwarded-For entry a server believes is tested in
// server/security_test.cpp: here the test client and nginx share one loopback address.)
#include <catch2/catch.hpp>

#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "server/storage.h"
#include "services.h"
#include "support/fixtures.h"

using namespace tasjil;
using Json = nlohmann::json;

namespace {

std::unique_ptr<test::Process> StartServer(const std::filesystem::path& dir, int port,
                                           int metrics_port, const std::string& database,
                                           int smtp_port, const std::string& web) {
    auto p = std::make_unique<test::Process>(
        std::vector<std::string>{TASJIL_SERVER,
                                 "--listen",
                                 "127.0.0.1:" + std::to_string(port),
                                 "--metrics-listen",
                                 "127.0.0.1:" + std::to_string(metrics_port),
                                 "--data",
                                 dir.string(),
                                 "--database",
                                 database,
                                 "--web",
                                 web,
                                 "--school-year",
                                 "2026-2027",
                                 "--trusted-proxies",
                                 "127.0.0.1",
                                 "--rate-submit",
                                 "1000",
                                 "--smtp-url",
                                 "smtp://127.0.0.1:" + std::to_string(smtp_port),
                                 "--notifier-workers",
                                 "2"},
        (dir.parent_path() / (dir.filename().string() + ".log")).string());
    REQUIRE(test::WaitForPort(port, 20));
    return p;
}

std::int64_t SubmissionsSeen(int metrics_port) {
    httplib::Client m("127.0.0.1", metrics_port);
    auto r = m.Get("/metrics");
    if (!r) return -1;
    std::int64_t total = 0;
    std::istringstream lines(r->body);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("tasjil_http_requests_total{route=\"/api/v1/files\"", 0) == 0)
            total += std::stoll(line.substr(line.rfind(' ') + 1));
    }
    return total;
}

}  // namespace

TEST_CASE(
    "nginx in front of two servers on one PostgreSQL stores each file once and delivers "
    "each message once",
    "[deploy][nginx][postgresql]") {
    test::PostgresCluster pg;
    INFO(pg.error);
    REQUIRE(pg.ok);
    test::SmtpServer smtp;
    const auto root =
        std::filesystem::temp_directory_path() / ("tasjil-deploy-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root / "web");
    std::filesystem::create_directories(root / "nginx");
    std::ofstream(root / "web" / "index.html") << "<!doctype html><title>Tasjil</title>";
    const std::string cert = (root / "cert.pem").string(), key = (root / "key.pem").string();
    REQUIRE(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                         "-keyout " +
                         key + " -out " + cert + " >/dev/null 2>&1")
                            .c_str()) == 0);
    const int p1 = test::FreePort(), p2 = test::FreePort(), m1 = test::FreePort(),
              m2 = test::FreePort(), https = test::FreePort(), http = test::FreePort();
    auto s1 = StartServer(root / "one", p1, m1, pg.url, smtp.port, (root / "web").string());
    auto s2 = StartServer(root / "two", p2, m2, pg.url, smtp.port, (root / "web").string());

    const std::string conf = (root / "nginx.conf").string();
    // One test client sends every file: the per-address rates are raised for it.
    REQUIRE(std::system(("SUBMIT_RATE=60000r/m " + std::string(TASJIL_SOURCE_DIR) +
                         "/deploy/render-nginx-conf root " + (root / "nginx").string() + " " +
                         std::to_string(https) + " " + std::to_string(http) + " " + cert + " " +
                         key + " 127.0.0.1:" + std::to_string(p1) +
                         " 127.0.0.1:" + std::to_string(p2) + " > " + conf)
                            .c_str()) == 0);
    REQUIRE(std::system(("nginx -t -q -c " + conf).c_str()) == 0);
    test::Process nginx({"/usr/sbin/nginx", "-c", conf, "-g", "daemon off;"},
                        (root / "nginx.out").string());
    REQUIRE(test::WaitForPort(https, 20));

    httplib::SSLClient c("127.0.0.1", https);
    c.enable_server_certificate_verification(false);
    c.set_read_timeout(20);
    // The app's page over TLS, with HSTS; metrics are not public.
    auto page = c.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Strict-Transport-Security").find("max-age=") == 0);
    CHECK(c.Get("/metrics")->status == 404);
    httplib::Client plain("127.0.0.1", http);
    CHECK(plain.Get("/")->status == 301);

    const int n = 40;
    std::set<std::string> references;
    for (int i = 0; i < n; ++i) {
        Json file = test::SampleFileJson();
        char id[40];
        std::snprintf(id, sizeof id, "%08x-0000-4000-a000-%012x", static_cast<unsigned>(::getpid()),
                      i);
        file["file_id"] = id;
        const httplib::Headers forged = {{"X-Forwarded-For", "203.0.113.77"}};
        auto first = c.Post("/api/v1/files", forged, file.dump(), "application/json");
        auto retry = c.Post("/api/v1/files", forged, file.dump(), "application/json");
        REQUIRE(first);
        REQUIRE(retry);
        CHECK(first->status == 201);
        CHECK(retry->status == 200);
        const std::string ref = Json::parse(first->body)["reference"];
        CHECK(Json::parse(retry->body)["reference"] == ref);
        references.insert(ref);
    }
    CHECK(references.size() == static_cast<std::size_t>(n));
    // Both servers took part.
    CHECK(SubmissionsSeen(m1) > 0);
    CHECK(SubmissionsSeen(m2) > 0);
    CHECK(SubmissionsSeen(m1) + SubmissionsSeen(m2) == 2 * n);

    auto storage = server::OpenStorage(pg.url);
    CHECK(storage->CountFilesByStatus()["pending_review"] == n);
    // The outbox drains through both servers' workers; each message exactly once.
    CHECK(test::WaitForOutboxDrained(*storage, 30) == 0);
    CHECK(storage->CountMessagesByStatus()["sent"] == 2 * n);  // e-mail and SMS per file
    const Json mails = Json::parse(smtp.MessagesJson());
    std::set<std::string> ids;
    for (const auto& m : mails) ids.insert(m["message_id"].get<std::string>());
    CHECK(mails.size() == static_cast<std::size_t>(n));
    CHECK(ids.size() == static_cast<std::size_t>(n));
    std::size_t sms = 0;
    for (const char* dir : {"one", "two"}) {
        if (!std::filesystem::exists(root / dir / "outbox")) continue;
        for (const auto& e : std::filesystem::directory_iterator(root / dir / "outbox"))
            sms += e.path().extension() == ".json";
    }
    CHECK(sms == static_cast<std::size_t>(n));
    nginx.Kill(SIGTERM);
    s1.reset();
    s2.reset();
    std::filesystem::remove_all(root);
}
