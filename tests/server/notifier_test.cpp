// Notifications over real parts: the SMTP server receives and decodes the e-mails, Kannel's
// simulated SMSC receives the SMS, the file sink writes files; retries and give-up are driven by
// the outbox rows.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "server/notifier.h"
#include "server_fixture.h"
#include "services.h"

using namespace tasjil;
using tasjil::test::NewFile;
using tasjil::test::ServerFixture;
using Json = nlohmann::json;

namespace {

std::string Submit(ServerFixture& s, Json file) {
    auto c = s.Client();
    auto r = c.Post("/api/v1/files", file.dump(), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return Json::parse(r->body)["reference"];
}

}  // namespace

TEST_CASE("Backoff doubles from 30 s up to an hour, with jitter", "[server][notifier]") {
    CHECK(server::BackoffSeconds(0, 500) == 30);
    CHECK(server::BackoffSeconds(1, 500) == 60);
    CHECK(server::BackoffSeconds(3, 500) == 240);
    CHECK(server::BackoffSeconds(20, 500) == 3600);
    CHECK(server::BackoffSeconds(0, 0) == 24);    // -20 %
    CHECK(server::BackoffSeconds(0, 999) == 35);  // about +20 %
}

TEST_CASE("SMS texts stay within two segments, Arabic counted in UCS-2",
          "[server][notifier][sms]") {
    CHECK(server::SmsSegments(std::string(160, 'a')) == 1);
    // GSM-7's extension characters take two septets.
    CHECK(server::SmsSegments(std::string(80, '[')) == 1);
    CHECK(server::SmsSegments(std::string(81, '[')) == 2);
    // French folded to GSM-7: one segment of 160, never UCS-2's 70.
    CHECK_FALSE(server::IsGsm7("reçue, être, à côté"));
    CHECK(server::FoldToGsm7("reçue, être, à côté, cœur «ici»") ==
          "recue, etre, à coté, coeur \"ici\"");
    CHECK(server::IsGsm7(server::FoldToGsm7("reçue, être, à côté, cœur «ici» — Aïcha")));
    CHECK_FALSE(server::IsGsm7("ياسمين"));
    CHECK(server::SmsSegments(std::string(161, 'a')) == 2);
    std::string arabic;
    for (int i = 0; i < 70; ++i) arabic += "ب";
    CHECK(server::SmsSegments(arabic) == 1);
    CHECK(server::SmsSegments(arabic + "ب") == 2);
    ServerFixture s;
    Json file = NewFile();
    file["child"]["given_name_ar"] = "فاطمة الزهراء مريم خديجة";
    const std::string ref = Submit(s, file);
    int sms = 0;
    for (const auto& m : s.storage->MessagesFor(ref)) {
        if (m.channel != server::Channel::kSms) continue;
        ++sms;
        CHECK(server::SmsSegments(m.body) <= 2);
    }
    CHECK(sms == 1);  // the acknowledgement: an SMS was made, and it fits
}

TEST_CASE("E-mails reach a real SMTP server in the contact's language, encoded correctly",
          "[server][notifier][smtp]") {
    test::SmtpServer smtp;
    ServerFixture s;
    const std::string ref = Submit(s, NewFile());
    server::Notifier notifier(
        *s.storage,
        server::MakeSmtpSender(
            {"smtp://127.0.0.1:" + std::to_string(smtp.port), "tasjil@men.gov.ma", "", "", false}),
        server::MakeFileSender((s.dir / "sms").string(), "tasjil@men.gov.ma"));
    CHECK(notifier.RunOnce(s.clock->now) == 2);
    const Json mails = Json::parse(smtp.MessagesJson());
    REQUIRE(mails.size() == 1);
    CHECK(mails[0]["to"] == "f.benaissa@example.ma");
    CHECK(mails[0]["language"] == "ar");
    CHECK(mails[0]["subject"].get<std::string>().find("تم استلام طلب التسجيل") !=
          std::string::npos);
    CHECK(mails[0]["subject"].get<std::string>().find(ref) != std::string::npos);
    CHECK(mails[0]["body"].get<std::string>().find("ياسمين") != std::string::npos);
    for (const auto& m : s.storage->MessagesFor(ref)) CHECK(m.status == server::OutboxState::kSent);
    // Delivered once: nothing is due any more.
    CHECK(notifier.RunOnce(s.clock->now + 3600) == 0);
    CHECK(Json::parse(smtp.MessagesJson()).size() == 1);
}

TEST_CASE("A failed delivery is retried later, then marked failed after 24 hours",
          "[server][notifier][retry]") {
    ServerFixture s;
    const std::string ref = Submit(s, NewFile());
    const int dead_port = test::FreePort();  // nothing listens there
    server::Notifier notifier(
        *s.storage,
        server::MakeSmtpSender(
            {"smtp://127.0.0.1:" + std::to_string(dead_port), "tasjil@men.gov.ma", "", "", false}),
        server::MakeFileSender((s.dir / "sms").string(), "tasjil@men.gov.ma"));
    CHECK(notifier.RunOnce(s.clock->now) == 2);  // SMS written, e-mail failed
    auto email = [&] {
        for (const auto& m : s.storage->MessagesFor(ref)) {
            if (m.channel == server::Channel::kEmail) return m;
        }
        FAIL("no e-mail message");
        return server::OutboxMessage{};
    };
    CHECK(email().status == server::OutboxState::kPending);
    CHECK(email().attempts == 1);
    CHECK(email().next_attempt_at >= s.clock->now + 24);
    CHECK_FALSE(email().last_error.empty());
    CHECK(notifier.RunOnce(s.clock->now + 1) == 0);  // not due yet
    CHECK(notifier.RunOnce(email().next_attempt_at) == 1);
    CHECK(email().attempts == 2);
    CHECK(notifier.RunOnce(s.clock->now + 25 * 3600) == 1);
    CHECK(email().status == server::OutboxState::kFailed);
    CHECK(s.storage->CountMessagesByStatus()["failed"] == 1);
}

TEST_CASE("Without SMTP or Kannel, messages are written as .eml and .json files",
          "[server][notifier][files]") {
    ServerFixture s;
    const std::string ref = Submit(s, NewFile());
    const auto dir = s.dir / "outbox";
    server::Notifier notifier(*s.storage, server::MakeFileSender(dir.string(), "tasjil@men.gov.ma"),
                              server::MakeFileSender(dir.string(), "tasjil@men.gov.ma"));
    notifier.RunOnce(s.clock->now);
    std::set<std::string> extensions;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        extensions.insert(e.path().extension().string());
    CHECK(extensions == std::set<std::string>{".eml", ".json"});
    for (const auto& m : s.storage->MessagesFor(ref)) {
        CHECK(std::filesystem::exists(
            dir / (m.id + (m.channel == server::Channel::kEmail ? ".eml" : ".json"))));
    }
}

TEST_CASE("SMS reach Kannel's simulated SMSC in UCS-2, with delivery reports",
          "[server][notifier][kannel]") {
    test::Kannel kannel;
    if (!kannel.ok) {
        FAIL("Kannel did not start (scripts/setup installs kannel and kannel-extras)");
    }
    ServerFixture s;
    const std::string ref = Submit(s, NewFile());
    server::Notifier notifier(
        *s.storage, server::MakeFileSender((s.dir / "mail").string(), "tasjil@men.gov.ma"),
        server::MakeKannelSender({kannel.sendsms_url, kannel.username, kannel.password, "TASJIL",
                                  "http://127.0.0.1:" + std::to_string(s.port) + "/api/v1/sms/dlr",
                                  test::kDlrSecret}));
    CHECK(notifier.RunOnce(s.clock->now) == 2);
    std::string sms_id;
    for (const auto& m : s.storage->MessagesFor(ref)) {
        CHECK(m.status == server::OutboxState::kSent);
        if (m.channel == server::Channel::kSms) sms_id = m.id;
    }
    REQUIRE_FALSE(sms_id.empty());
    std::vector<std::string> texts;
    for (int i = 0; i < 100 && texts.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        texts = kannel.ReceivedTexts();
    }
    REQUIRE(texts.size() == 1);
    CHECK(texts[0].find("تسجيل") != std::string::npos);
    CHECK(texts[0].find(ref) != std::string::npos);
    // Kannel calls our dlr-url back; the report is recorded against the message.
    std::string report;
    for (int i = 0; i < 100 && report.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        report = s.storage->FindMessage(sms_id)->delivery_report;
    }
    CHECK_FALSE(report.empty());
}

TEST_CASE("Unsigned or forged delivery reports are refused before the database",
          "[server][notifier][sms][security]") {
    ServerFixture s;
    const std::string ref = Submit(s, NewFile());
    std::string sms_id;
    for (const auto& m : s.storage->MessagesFor(ref)) {
        if (m.channel == server::Channel::kSms) sms_id = m.id;
    }
    REQUIRE_FALSE(sms_id.empty());
    auto c = s.Client();
    const std::string base = "/api/v1/sms/dlr?status=1&id=" + sms_id;
    const std::string good = server::DeliveryReportSignature(test::kDlrSecret, sms_id);
    std::string flipped = good;
    flipped[0] = flipped[0] == '0' ? '1' : '0';
    CHECK(c.Get(base.c_str())->status == 403);                                   // unsigned
    CHECK(c.Get((base + "&sig=" + flipped).c_str())->status == 403);             // forged
    CHECK(c.Get((base + "&sig=" + good.substr(0, 10)).c_str())->status == 403);  // cut short
    // Signed for another message: a signature never moves from one id to another.
    CHECK(c.Get(("/api/v1/sms/dlr?status=1&id=" + sms_id + "x&sig=" + good).c_str())->status ==
          403);
    // Signed with another server's secret.
    CHECK(
        c.Get((base + "&sig=" + server::DeliveryReportSignature("another secret", sms_id)).c_str())
            ->status == 403);
    CHECK(s.storage->FindMessage(sms_id)->delivery_report.empty());
    // The right signature is recorded; an unknown id with its own valid signature is a 404.
    CHECK(c.Get((base + "&sig=" + good).c_str())->status == 204);
    CHECK(s.storage->FindMessage(sms_id)->delivery_report == "1");
    CHECK(c.Get(("/api/v1/sms/dlr?status=1&id=unknown&sig=" +
                 server::DeliveryReportSignature(test::kDlrSecret, "unknown"))
                    .c_str())
              ->status == 404);
    // A server with no secret accepts no report at all.
    CHECK_FALSE(
        server::DeliveryReportSigned("", sms_id, server::DeliveryReportSignature("", sms_id)));
}

TEST_CASE("The Date header is written in English whatever the locale", "[server][clock]") {
    CHECK(server::HttpDate(1775811600) == "Fri, 10 Apr 2026 09:00:00 GMT");
    CHECK(server::HttpDate(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
}
