#include "deployment.h"

#include <unistd.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace tasjil::test {

namespace {
const char* const kNames[2] = {"one", "two"};

std::unique_ptr<Process> StartServer(const std::filesystem::path& dir, int port, int metrics_port,
                                     const std::string& database, int smtp_port,
                                     const std::string& web) {
    auto p = std::make_unique<Process>(
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
                                 "0",
                                 "--smtp-url",
                                 "smtp://127.0.0.1:" + std::to_string(smtp_port),
                                 "--notifier-workers",
                                 "2"},
        (dir.parent_path() / (dir.filename().string() + ".log")).string());
    REQUIRE(WaitForPort(port, 20));
    return p;
}
}  // namespace

Deployment::Deployment(const std::string& database, int smtp_port)
    : root(std::filesystem::temp_directory_path() /
           ("tasjil-deploy-" + std::to_string(::getpid()) + "-" + std::to_string(FreePort()))) {
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root / "web");
    std::filesystem::create_directories(root / "nginx");
    std::ofstream(root / "web" / "index.html") << "<!doctype html><title>Tasjil</title>";
    const std::string cert = (root / "cert.pem").string(), key = (root / "key.pem").string();
    REQUIRE(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                         "-keyout " +
                         key + " -out " + cert + " >/dev/null 2>&1")
                            .c_str()) == 0);
    for (int i = 0; i < 2; ++i) {
        ports[i] = FreePort();
        metrics_ports[i] = FreePort();
    }
    https = FreePort();
    http = FreePort();
    for (int i = 0; i < 2; ++i) {
        servers[i] = StartServer(root / kNames[i], ports[i], metrics_ports[i], database, smtp_port,
                                 (root / "web").string());
    }
    const std::string conf = (root / "nginx.conf").string();
    // One test client sends every file: the per-address rates are raised for it.
    REQUIRE(std::system(("SUBMIT_RATE=60000r/m " + std::string(TASJIL_SOURCE_DIR) +
                         "/deploy/render-nginx-conf root " + (root / "nginx").string() + " " +
                         std::to_string(https) + " " + std::to_string(http) + " " + cert + " " +
                         key + " 127.0.0.1:" + std::to_string(ports[0]) +
                         " 127.0.0.1:" + std::to_string(ports[1]) + " > " + conf)
                            .c_str()) == 0);
    REQUIRE(std::system(("nginx -t -q -c " + conf).c_str()) == 0);
    nginx = std::make_unique<Process>(
        std::vector<std::string>{"/usr/sbin/nginx", "-c", conf, "-g", "daemon off;"},
        (root / "nginx.out").string());
    REQUIRE(WaitForPort(https, 20));
}

Deployment::~Deployment() {
    nginx.reset();
    servers[0].reset();
    servers[1].reset();
    std::error_code ec;
    // TASJIL_KEEP=1 keeps the folder (the servers' and nginx's logs) to read after a failure.
    if (!std::getenv("TASJIL_KEEP")) std::filesystem::remove_all(root, ec);
}

httplib::Client Deployment::Client() const {
    httplib::Client c("https://127.0.0.1:" + std::to_string(https));
    c.enable_server_certificate_verification(false);
    c.set_read_timeout(20);
    return c;
}

httplib::Client Deployment::PlainClient() const {
    return httplib::Client("127.0.0.1", http);
}

std::int64_t Deployment::SubmissionsSeen(int server) const {
    httplib::Client m("127.0.0.1", metrics_ports[server]);
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

Deployment::Deliveries Deployment::Delivered(const SmtpServer& smtp) const {
    const auto mails = nlohmann::json::parse(smtp.MessagesJson());
    std::set<std::string> ids;
    for (const auto& m : mails) ids.insert(m["message_id"].get<std::string>());
    return {mails.size(), ids.size(), SmsWritten()};
}

std::size_t Deployment::SmsWritten() const {
    std::size_t sms = 0;
    for (const char* dir : kNames) {
        if (!std::filesystem::exists(root / dir / "outbox")) continue;
        for (const auto& e : std::filesystem::directory_iterator(root / dir / "outbox"))
            sms += e.path().extension() == ".json";
    }
    return sms;
}

}  // namespace tasjil::test
