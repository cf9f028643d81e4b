// The production set-up on one machine, for the deploy tests: a real nginx
// (deploy/nginx/tasjil.conf, TLS) in front of two tasjil-server processes sharing one database,
// e-mail to a real SMTP server, SMS written to each server's outbox folder.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "services.h"

namespace tasjil::test {

struct Deployment {
    // `database`: the servers' --database (a PostgreSQL URL, multi-host lists included).
    Deployment(const std::string& database, int smtp_port);
    ~Deployment();
    Deployment(const Deployment&) = delete;

    // A client of nginx's TLS port (the test's own certificate is not verified).
    httplib::Client Client() const;
    // The plain-HTTP port, which only redirects.
    httplib::Client PlainClient() const;
    // POST /api/v1/files requests each server has answered (from its private /metrics).
    std::int64_t SubmissionsSeen(int server) const;
    // SMS the two servers wrote to their outbox folders.
    std::size_t SmsWritten() const;
    // What reached people: e-mails received by `smtp` (and how many distinct Message-IDs),
    // SMS written.
    struct Deliveries {
        std::size_t mails = 0, distinct_mails = 0, sms = 0;
    };
    Deliveries Delivered(const SmtpServer& smtp) const;

    std::filesystem::path root;
    int ports[2] = {0, 0}, metrics_ports[2] = {0, 0}, https = 0, http = 0;
    std::unique_ptr<Process> servers[2];
    std::unique_ptr<Process> nginx;
};

}  // namespace tasjil::test
