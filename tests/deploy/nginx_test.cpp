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

#include "deployment.h"
#include "server/storage.h"
#include "support/fixtures.h"

using namespace tasjil;
using Json = nlohmann::json;

TEST_CASE(
    "nginx in front of two servers on one PostgreSQL stores each file once and delivers "
    "each message once",
    "[deploy][nginx][postgresql]") {
    test::PostgresCluster pg;
    INFO(pg.error);
    REQUIRE(pg.ok);
    test::SmtpServer smtp;
    test::Deployment d(pg.url, smtp.port);
    auto c = d.Client();
    // The app's page over TLS, with HSTS; metrics are not public.
    auto page = c.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Strict-Transport-Security").find("max-age=") == 0);
    CHECK(c.Get("/metrics")->status == 404);
    CHECK(d.PlainClient().Get("/")->status == 301);

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
    CHECK(d.SubmissionsSeen(0) > 0);
    CHECK(d.SubmissionsSeen(1) > 0);
    CHECK(d.SubmissionsSeen(0) + d.SubmissionsSeen(1) == 2 * n);

    auto storage = server::OpenStorage(pg.url);
    CHECK(storage->CountFilesByStatus()["pending_review"] == n);
    // The outbox drains through both servers' workers; each message exactly once.
    CHECK(test::WaitForOutboxDrained(*storage, 30) == 0);
    CHECK(storage->CountMessagesByStatus()["sent"] == 2 * n);  // e-mail and SMS per file
    const auto delivered = d.Delivered(smtp);
    CHECK(delivered.mails == static_cast<std::size_t>(n));
    CHECK(delivered.distinct_mails == static_cast<std::size_t>(n));
    CHECK(delivered.sms == static_cast<std::size_t>(n));
}
