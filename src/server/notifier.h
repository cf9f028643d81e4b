// Tasjil server: delivery of the outbox. Workers claim due messages and hand them to a sender:
// SMTP e-mail (libcurl), SMS through Kannel's sendsms interface, or files under the data folder
// when neither is configured. Failures retry with exponential backoff and jitter for 24 hours,
// then the message is marked failed. A message's id travels with it (Message-ID header, Kannel
// dlr-url), so a retry after a crash is recognisable as the same message.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/storage.h"

namespace tasjil::server {

// Sends one message; returns "" on success or the reason it failed.
class Sender {
  public:
    virtual ~Sender() = default;
    virtual std::string Send(const OutboxMessage& message) = 0;
};

struct SmtpConfig {
    std::string url;       // smtp://host:port or smtps://host:port
    std::string from;      // envelope and header sender
    std::string username;  // optional AUTH
    std::string password;
    bool starttls = false;  // require STARTTLS on smtp://
};

struct KannelConfig {
    std::string url;  // http://host:port/cgi-bin/sendsms
    std::string username;
    std::string password;
    std::string sender;      // "from"
    std::string dlr_url;     // our callback base, e.g. http://127.0.0.1:8080/api/v1/sms/dlr
    std::string dlr_secret;  // signs each report's URL (DeliveryReportSignature)
};

// The signature a delivery report's URL carries: HMAC-SHA-256 of the message id under the
// servers' shared secret, in hex. Kannel calls the URL back as it was given; a report without
// the right signature is refused before the database is touched.
std::string DeliveryReportSignature(const std::string& secret, const std::string& id);
// True when `signature` is that of `id` (compared in constant time); false for an empty secret.
bool DeliveryReportSigned(const std::string& secret, const std::string& id,
                          const std::string& signature);

std::unique_ptr<Sender> MakeSmtpSender(SmtpConfig config);
std::unique_ptr<Sender> MakeKannelSender(KannelConfig config);
// Writes <data>/outbox/<id>.eml (e-mail) or <id>.json (SMS).
std::unique_ptr<Sender> MakeFileSender(std::string directory, std::string from);

// The RFC 5322 message for an e-mail: UTF-8 body (quoted-printable), RFC 2047 subject,
// Message-ID from the message id.
std::string BuildEmail(const OutboxMessage& message, const std::string& from);

// Seconds to wait before attempt `attempts + 1`: 30 s doubling up to an hour, ±20 % jitter.
std::int64_t BackoffSeconds(int attempts, std::uint32_t random);
inline constexpr std::int64_t kGiveUpAfterSeconds = 24 * 3600;

class Notifier {
  public:
    // `claim_timeout`: seconds after which a message claimed by a worker that died (a crash
    // between claiming and recording the result) is delivered again.
    Notifier(Storage& storage, std::unique_ptr<Sender> email, std::unique_ptr<Sender> sms,
             int workers = 2, std::int64_t claim_timeout = 300);
    ~Notifier();
    void Start();
    void Stop();  // finishes the messages in hand, then returns
    // Delivers what is due now, on the calling thread (tests, shutdown). Returns how many were
    // handled.
    int RunOnce(std::int64_t now);

    std::uint64_t sent() const { return sent_; }
    std::uint64_t failures() const { return failures_; }

  private:
    void Loop();
    // Records deliveries the database could not take when they happened (it was away);
    // throws while it still cannot.
    void RecordDelivered();

    Storage& storage_;
    // Messages delivered but not yet marked sent: kept until the database takes them, so a
    // database that is away never makes a message go out twice.
    std::mutex delivered_mutex_;
    std::vector<std::string> delivered_;
    std::unique_ptr<Sender> email_, sms_;
    int worker_count_;
    std::int64_t claim_timeout_;
    std::vector<std::thread> workers_;
    std::atomic<bool> running_{false};
    std::atomic<std::uint64_t> sent_{0}, failures_{0};
};

}  // namespace tasjil::server
