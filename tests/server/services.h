// Real services for the server tests, started and stopped by the tests on loopback ports:
// an SMTP server (Debian python3-aiosmtpd) writing a Maildir, Kannel (bearerbox, smsbox and the
// fakesmsc simulator from kannel-extras), and a throw-away PostgreSQL cluster.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server/storage.h"

namespace tasjil::test {

// A free TCP port on 127.0.0.1 (bound and released).
int FreePort();
// Waits until something accepts connections on the port; false after `seconds`.
bool WaitForPort(int port, double seconds);

// A child process; killed (SIGTERM, then SIGKILL) when destroyed.
class Process {
  public:
    Process(const std::vector<std::string>& argv, const std::string& log_path,
            const std::string& user = "");
    ~Process();
    Process(const Process&) = delete;
    void Kill(int signal);
    pid_t pid() const { return pid_; }

  private:
    pid_t pid_ = -1;
};

struct SmtpServer {
    SmtpServer();
    std::filesystem::path maildir;
    int port;
    std::unique_ptr<Process> process;
    // The messages received so far (decoded by Python's email package).
    std::string MessagesJson() const;
};

struct PostgresCluster {
    // A new cluster: initdb as the postgres user, start on a free port, create a database.
    // `settings` are extra server settings ("-c name=value" each), e.g. a synchronous standby.
    explicit PostgresCluster(const std::vector<std::string>& settings = {});
    // A streaming standby of `primary` (pg_basebackup -R), started, with `name` as the
    // application name the primary's synchronous_standby_names can list.
    PostgresCluster(const PostgresCluster& primary, const std::string& name);
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster&) = delete;
    std::string url;  // postgresql://… for OpenStorage
    std::filesystem::path dir;
    int port;
    bool ok = false;
    std::string error;

    // What an operator does to it. Each returns false (and sets `error`) when it failed.
    bool Restart();         // pg_ctl restart -m fast
    bool Start();           // pg_ctl start (after a crash: recovers from the WAL)
    bool KillPostmaster();  // kill -9 of the postmaster; waits until its children are gone
    bool Promote();         // pg_ctl promote (a standby becomes the primary)
    // Runs SQL with psql and returns what it printed (unaligned, tuples only).
    std::string Psql(const std::string& sql) const;

  private:
    bool StartWith(const std::vector<std::string>& settings);
    std::vector<std::string> settings_;
};

struct Kannel {
    Kannel();
    ~Kannel();
    std::string sendsms_url;
    std::string username = "tasjil", password = "kannel-test-password";
    std::filesystem::path dir;
    std::filesystem::path smsc_log;  // what fakesmsc printed: one line per SMS received
    int admin_port, smsbox_port, sendsms_port, smsc_port;
    std::unique_ptr<Process> bearerbox, smsbox, fakesmsc;
    bool ok = false;
    // The texts fakesmsc received, decoded from UCS-2 or GSM.
    std::vector<std::string> ReceivedTexts() const;
};

std::string RunCapture(const std::string& command);

// A small file system of its own (tmpfs, mounted as root) for a test to fill or turn read-only;
// unmounted and removed when destroyed. `ok` is false (with `error`) when it cannot be mounted.
struct TmpfsMount {
    TmpfsMount(const std::string& prefix, const std::string& size);
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount&) = delete;
    // mount -o remount,ro|rw; false when the kernel refuses (a file open for writing).
    bool Remount(bool read_only);
    std::filesystem::path path;
    bool ok = false;
};

// Parents posting files without pause through `base_url` ("http://…" or "https://…", the
// certificate not verified), as the app's outbox does: a file is sent again after a 503 (or no
// answer) until it is acknowledged; any other answer ends that file. Every answer is recorded.
class FileLoad {
  public:
    using TimePoint = std::chrono::steady_clock::time_point;
    FileLoad(const std::string& base_url, int clients);
    ~FileLoad();
    FileLoad(const FileLoad&) = delete;
    void Stop();
    // The file ids acknowledged (201 or 200).
    std::vector<std::string> Acknowledged();
    // How many answers had each status (0 = no answer).
    std::map<int, int> Statuses();
    // When the first 201 at or after `since` came (the service accepts files again).
    std::optional<TimePoint> FirstCreatedAfter(TimePoint since);
    // A 503 came without Retry-After.
    bool Missing503RetryAfter();

  private:
    void Run(const std::string& base_url);
    std::atomic<bool> running_{true};
    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::vector<std::string> acknowledged_;
    std::vector<TimePoint> created_at_;
    std::map<int, int> statuses_;
    bool missing_retry_after_ = false;
};

// How the files a FileLoad had acknowledged are stored in a PostgreSQL database.
struct StoredOnce {
    std::size_t acknowledged = 0;  // distinct file ids acknowledged
    std::size_t missing = 0;       // acknowledged but not stored
    std::size_t twice = 0;         // stored more than once
    std::size_t stored = 0;        // rows in the files table
};
StoredOnce CheckStoredOnce(const PostgresCluster& pg, const std::vector<std::string>& acknowledged);

// Waits up to `seconds` for the outbox to hold no pending or sending message; returns how many
// are still there.
std::int64_t WaitForOutboxDrained(server::Storage& storage, double seconds);

}  // namespace tasjil::test
