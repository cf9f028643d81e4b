// kill -9 the real tasjil-server under load, with admin commands run beside it, start it again:
// every file acknowledged with 201 is there, and the outbox resumes and delivers each message to
// the SMTP server.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "server/storage.h"
#include "services.h"
#include "support/fixtures.h"

using namespace tasjil;
using Json = nlohmann::json;

namespace {

Json NewFileJson(int n) {
    auto j = test::SampleFileJson();
    char id[40];
    std::snprintf(id, sizeof id, "%08x-0000-4000-8000-%012x", static_cast<unsigned>(::getpid()), n);
    j["file_id"] = id;
    return j;
}

std::unique_ptr<test::Process> StartServer(const std::filesystem::path& dir, int port,
                                           int smtp_port) {
    auto p = std::make_unique<test::Process>(
        std::vector<std::string>{TASJIL_SERVER, "--listen", "127.0.0.1:" + std::to_string(port),
                                 "--data", dir.string(), "--school-year", "2026-2027",
                                 "--rate-submit", "0", "--smtp-url",
                                 "smtp://127.0.0.1:" + std::to_string(smtp_port),
                                 "--notifier-claim-timeout", "2", "--web", (dir / "web").string()},
        (dir / "server.log").string());
    REQUIRE(test::WaitForPort(port, 20));
    return p;
}

}  // namespace

TEST_CASE("After kill -9 under load, every acknowledged file is there and the outbox resumes",
          "[server][crash]") {
    test::SmtpServer smtp;
    const auto dir =
        std::filesystem::temp_directory_path() / ("tasjil-crash-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const int port = test::FreePort();
    auto server = StartServer(dir, port, smtp.port);

    std::mutex mutex;
    std::set<std::string> acknowledged;  // references answered 201
    std::atomic<int> next{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t) {
        clients.emplace_back([&] {
            httplib::Client c("127.0.0.1", port);
            c.set_read_timeout(5);
            while (!stop) {
                auto r = c.Post("/api/v1/files", NewFileJson(next++).dump(), "application/json");
                if (r && r->status == 201) {
                    std::lock_guard lock(mutex);
                    acknowledged.insert(Json::parse(r->body)["reference"]);
                }
            }
        });
    }
    // Beside the live server: admin commands, a second server on the same folder (refused), and
    // the read of the database through the web server that once dropped SQLite's locks.
    for (int i = 0; i < 3; ++i) {
        const std::string out = test::RunCapture(
            "echo 'a long enough password' | " + std::string(TASJIL_SERVER) +
            " admin create-staff --username staff" + std::to_string(i) +
            " --role school --scope 01.551.01 --password-stdin --data " + dir.string() + " 2>&1");
        CHECK(out.find("saved") != std::string::npos);
        httplib::Client probe("127.0.0.1", port);
        auto leak = probe.Get(("/" + (dir / "tasjil.db").string()).c_str());
        CHECK((leak && leak->status == 404));
    }
    const int other_port = test::FreePort();
    const std::string second = test::RunCapture(
        std::string(TASJIL_SERVER) + " --listen 127.0.0.1:" + std::to_string(other_port) +
        " --data " + dir.string() + " --school-year 2026-2027 --web " + (dir / "web").string() +
        " 2>&1; echo exit=$?");
    CHECK(second.find("another tasjil-server is already using") != std::string::npos);
    CHECK(second.find("exit=1") != std::string::npos);
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    server->Kill(SIGKILL);
    stop = true;
    for (auto& t : clients) t.join();
    server.reset();
    REQUIRE(acknowledged.size() > 10);
    // E-mails a worker had in hand when it was killed: their SMTP transaction may or may not
    // have completed.
    std::int64_t in_flight = 0;
    {
        auto before = server::OpenStorage("sqlite:" + (dir / "tasjil.db").string());
        for (const auto& ref : acknowledged) {
            for (const auto& m : before->MessagesFor(ref))
                in_flight += m.status == server::OutboxState::kSending &&
                             m.channel == server::Channel::kEmail;
        }
    }

    server = StartServer(dir, port, smtp.port);
    auto storage = server::OpenStorage("sqlite:" + (dir / "tasjil.db").string());
    for (const auto& ref : acknowledged) {
        INFO(ref);
        REQUIRE(storage->FindByReference(ref));
    }
    // The outbox drains: everything stored is delivered (messages a killed worker had in hand
    // come back after the 2 s claim timeout).
    CHECK(test::WaitForOutboxDrained(*storage, 60) == 0);
    const auto sent = storage->CountMessagesByStatus()["sent"];
    const Json mails = Json::parse(smtp.MessagesJson());
    std::set<std::string> ids;
    for (const auto& m : mails) ids.insert(m["message_id"].get<std::string>());
    // Each e-mail carries its outbox id as Message-ID. Only an e-mail a worker had in hand at
    // the kill can arrive twice (SMTP has no idempotency key), and then with the same
    // Message-ID, so mail systems drop the copy. Everything else arrives exactly once.
    CHECK(static_cast<std::int64_t>(mails.size() - ids.size()) <= in_flight);
    CHECK(static_cast<std::int64_t>(ids.size()) * 2 == sent);  // e-mail + SMS per acknowledgement
    server.reset();
    std::filesystem::remove_all(dir);
}
