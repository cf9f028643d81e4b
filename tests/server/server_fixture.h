// A real tasjil server for tests: temporary data folder, SQLite (or a given database URL), the
// sample rules and school map, the HTTP layer on a free loopback port, and an httplib client.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "server/http_server.h"
#include "server/notifier.h"
#include "server/service.h"
#include "server/storage.h"
#include "support/fixtures.h"

namespace tasjil::test {

// A clock the test moves by hand: 2026-04-10 09:00 UTC, inside the registration window.
struct TestClock {
    std::int64_t now = 1775811600;
};

struct ServerFixture {
    explicit ServerFixture(const std::string& database = "", server::HttpConfig http = {});
    ~ServerFixture();

    httplib::Client Client() const;
    httplib::Client MetricsClient() const;  // the private listener
    std::filesystem::path dir;
    std::shared_ptr<TestClock> clock = std::make_shared<TestClock>();
    std::unique_ptr<server::Storage> storage;
    std::unique_ptr<server::Service> service;
    std::unique_ptr<server::HttpServer> http;
    std::thread thread;
    int port = 0;
    int metrics_port = 0;
};

// The delivery-report secret every test server is given.
inline constexpr const char* kDlrSecret = "a test secret for delivery reports, 32+ chars";

// The sample file with a fresh file_id (each call a new file).
nlohmann::json NewFile();

}  // namespace tasjil::test
