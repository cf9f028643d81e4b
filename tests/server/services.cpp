#include "services.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <httplib.h>
#include <sodium.h>

#include "core/utf8.h"
#include "core/uuid.h"
#include "support/fixtures.h"

namespace tasjil::test {

namespace {

std::filesystem::path TempDir(const std::string& prefix) {
    std::array<std::uint8_t, 16> r{};
    randombytes_buf(r.data(), r.size());
    auto dir =
        std::filesystem::temp_directory_path() / (prefix + core::UuidV4FromBytes(r).substr(0, 8));
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace

int FreePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

bool WaitForPort(int port, double seconds) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool up = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        close(fd);
        if (up) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::string RunCapture(const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

Process::Process(const std::vector<std::string>& argv, const std::string& log_path,
                 const std::string& user) {
    uid_t uid = 0;
    gid_t gid = 0;
    if (!user.empty()) {
        const passwd* pw = getpwnam(user.c_str());
        if (!pw) throw std::runtime_error("no user " + user);
        uid = pw->pw_uid;
        gid = pw->pw_gid;
    }
    pid_ = fork();
    if (pid_ == 0) {
        setpgid(0, 0);
        const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0666);
        dup2(fd, 1);
        dup2(fd, 2);
        if (!user.empty()) {
            if (setgid(gid) != 0 || setuid(uid) != 0) _exit(126);
        }
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
}

void Process::Kill(int sig) {
    if (pid_ > 0) kill(-pid_, sig);
}

Process::~Process() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGTERM);
    for (int i = 0; i < 50; ++i) {
        if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(-pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
}

// SMTP
// ---------------------------------------------------------------------------------------------

SmtpServer::SmtpServer() : maildir(TempDir("tasjil-smtp-") / "Maildir"), port(FreePort()) {
    process = std::make_unique<Process>(
        std::vector<std::string>{"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l",
                                 "127.0.0.1:" + std::to_string(port), "-c",
                                 "aiosmtpd.handlers.Mailbox", maildir.string()},
        (maildir.parent_path() / "smtp.log").string());
    if (!WaitForPort(port, 10)) throw std::runtime_error("the SMTP test server did not start");
}

std::string SmtpServer::MessagesJson() const {
    return RunCapture("/usr/bin/python3 " + std::string(TASJIL_SOURCE_DIR) +
                      "/tests/server/read_maildir.py " + maildir.string());
}

// PostgreSQL -------------------------------------------------------------------------------------

namespace {
const std::string kPgBin = "/usr/lib/postgresql/15/bin";
std::string AsPostgres() {
    return geteuid() == 0 ? "runuser -u postgres -- " : "";
}
// A folder the postgres user can write (the cluster's files and its socket).
void OpenToPostgres(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir / "sock");
    std::filesystem::permissions(dir, std::filesystem::perms::all);
    std::filesystem::permissions(dir / "sock",
                                 std::filesystem::perms::all | std::filesystem::perms::sticky_bit);
}
}  // namespace

PostgresCluster::PostgresCluster(const std::vector<std::string>& settings)
    : dir(TempDir("tasjil-pg-")), port(FreePort()), settings_(settings) {
    if (!std::filesystem::exists(kPgBin + "/initdb")) {
        error = "PostgreSQL 15 is not installed (scripts/setup installs it)";
        return;
    }
    // initdb refuses root: the cluster belongs to the postgres user.
    OpenToPostgres(dir);
    const std::string init = AsPostgres() + kPgBin + "/initdb -D " + (dir / "data").string() +
                             " -A trust -U test -E UTF8 --locale=C.UTF-8 > " +
                             (dir / "initdb.log").string() + " 2>&1";
    if (std::system(init.c_str()) != 0) {
        error = "initdb failed: " + RunCapture("cat " + (dir / "initdb.log").string());
        return;
    }
    if (!Start()) return;
    const std::string create =
        kPgBin + "/createdb -h 127.0.0.1 -p " + std::to_string(port) + " -U test tasjil";
    if (std::system(create.c_str()) != 0) {
        error = "createdb failed";
        return;
    }
    url = "postgresql://test@127.0.0.1:" + std::to_string(port) + "/tasjil";
    ok = true;
}

PostgresCluster::PostgresCluster(const PostgresCluster& primary, const std::string& name)
    : dir(TempDir("tasjil-pg-")), port(FreePort()), settings_{"cluster_name=" + name} {
    OpenToPostgres(dir);
    // -R writes standby.signal and the primary's address; -X stream copies the WAL as it goes.
    const std::string copy = AsPostgres() + kPgBin + "/pg_basebackup -h 127.0.0.1 -p " +
                             std::to_string(primary.port) + " -U test -D " +
                             (dir / "data").string() + " -R -X stream -c fast > " +
                             (dir / "basebackup.log").string() + " 2>&1";
    if (std::system(copy.c_str()) != 0) {
        error = "pg_basebackup failed: " + RunCapture("cat " + (dir / "basebackup.log").string());
        return;
    }
    if (!Start()) return;
    url = "postgresql://test@127.0.0.1:" + std::to_string(port) + "/tasjil";
    ok = true;
}

bool PostgresCluster::Start() {
    std::string options =
        "-p " + std::to_string(port) +
        " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + (dir / "sock").string() +
        " -c fsync=on -c max_connections=50";
    for (const auto& s : settings_) options += " -c " + s;
    const std::string start = AsPostgres() + kPgBin + "/pg_ctl -D " + (dir / "data").string() +
                              " -l " + (dir / "pg.log").string() + " -w -t 60 -o \"" + options +
                              "\" start > /dev/null 2>&1";
    if (std::system(start.c_str()) != 0) {
        error = "PostgreSQL did not start: " + RunCapture("tail -20 " + (dir / "pg.log").string());
        return false;
    }
    return true;
}

bool PostgresCluster::Restart() {
    const std::string stop = AsPostgres() + kPgBin + "/pg_ctl -D " + (dir / "data").string() +
                             " -m fast -w stop > /dev/null 2>&1";
    if (std::system(stop.c_str()) != 0) {
        error = "pg_ctl stop failed";
        return false;
    }
    return Start();
}

bool PostgresCluster::KillPostmaster() {
    std::ifstream pidfile(dir / "data" / "postmaster.pid");
    pid_t pid = 0;
    if (!(pidfile >> pid) || pid <= 0) {
        error = "no postmaster.pid";
        return false;
    }
    kill(pid, SIGKILL);
    // Its backends notice the postmaster is gone and exit; a new postmaster cannot start while
    // one of them still holds the shared memory.
    for (int i = 0; i < 200; ++i) {
        if (RunCapture("pgrep -P " + std::to_string(pid) + " || true").empty()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (i == 199) std::system(("pkill -9 -P " + std::to_string(pid)).c_str());
    }
    // As after a power cut: no process of the old server is left, only its stale lock files
    // (the killed postmaster may stay a zombie where nothing reaps orphans).
    std::error_code ec;
    std::filesystem::remove(dir / "data" / "postmaster.pid", ec);
    for (const auto& e : std::filesystem::directory_iterator(dir / "sock", ec))
        std::filesystem::remove(e.path(), ec);
    return true;
}

bool PostgresCluster::Promote() {
    const std::string promote = AsPostgres() + kPgBin + "/pg_ctl -D " + (dir / "data").string() +
                                " -w promote > /dev/null 2>&1";
    if (std::system(promote.c_str()) != 0) {
        error = "pg_ctl promote failed";
        return false;
    }
    return true;
}

std::string PostgresCluster::Psql(const std::string& sql) const {
    return RunCapture("/usr/bin/psql -h 127.0.0.1 -p " + std::to_string(port) +
                      " -U test -d tasjil -At -c \"" + sql + "\" 2>&1");
}

PostgresCluster::~PostgresCluster() {
    std::system((AsPostgres() + kPgBin + "/pg_ctl -D " + (dir / "data").string() +
                 " -m immediate stop > /dev/null 2>&1")
                    .c_str());
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

// Kannel -----------------------------------------------------------------------------------------

Kannel::Kannel()
    : dir(TempDir("tasjil-kannel-")),
      admin_port(FreePort()),
      smsbox_port(FreePort()),
      sendsms_port(FreePort()),
      smsc_port(FreePort()) {
    smsc_log = dir / "fakesmsc.log";
    std::ofstream conf(dir / "kannel.conf");
    conf << "group = core\nadmin-port = " << admin_port << "\nadmin-password = admin-test\n"
         << "admin-interface = 127.0.0.1\nsmsbox-port = " << smsbox_port
         << "\nsmsbox-interface = 127.0.0.1\n"
         << "log-file = \"" << (dir / "bearerbox.log").string() << "\"\nlog-level = 1\n"
         << "dlr-storage = internal\n\n"
         << "group = smsc\nsmsc = fake\nsmsc-id = fake\nport = " << smsc_port
         << "\nhost = 127.0.0.1\n"
         << "our-host = 127.0.0.1\nconnect-allow-ip = 127.0.0.1\n\n"
         << "group = smsbox\nbearerbox-host = 127.0.0.1\nbearerbox-port = " << smsbox_port
         << "\nsendsms-port = " << sendsms_port << "\nsendsms-interface = 127.0.0.1\n"
         << "log-file = \"" << (dir / "smsbox.log").string() << "\"\nlog-level = 1\n\n"
         << "group = sendsms-user\nusername = " << username << "\npassword = " << password
         << "\ndefault-sender = TASJIL\nconcatenation = true\nmax-messages = 3\n\n"
         << "group = sms-service\nkeyword = default\ntext = \"ok\"\ncatch-all = true\n";
    conf.close();
    const std::string config = (dir / "kannel.conf").string();
    if (!std::filesystem::exists("/usr/sbin/bearerbox") ||
        !std::filesystem::exists("/usr/lib/kannel/test/fakesmsc")) {
        return;
    }
    bearerbox = std::make_unique<Process>(
        std::vector<std::string>{"/usr/sbin/bearerbox", "-p", (dir / "bearerbox.pid").string(),
                                 config},
        (dir / "bearerbox.out").string());
    if (!WaitForPort(smsc_port, 10)) return;
    smsbox = std::make_unique<Process>(
        std::vector<std::string>{"/usr/sbin/smsbox", "-p", (dir / "smsbox.pid").string(), config},
        (dir / "smsbox.out").string());
    fakesmsc = std::make_unique<Process>(
        std::vector<std::string>{"/usr/lib/kannel/test/fakesmsc", "-H", "127.0.0.1", "-r",
                                 std::to_string(smsc_port), "-m", "0", "100 200 text unused"},
        smsc_log.string());
    if (!WaitForPort(sendsms_port, 10)) return;
    // Ready when the SMSC connection is online (admin status), or after a short grace.
    for (int i = 0; i < 100; ++i) {
        httplib::Client admin("127.0.0.1", admin_port);
        auto status = admin.Get("/status.txt?password=admin-test");
        if (status && status->body.find("online") != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    sendsms_url = "http://127.0.0.1:" + std::to_string(sendsms_port) + "/cgi-bin/sendsms";
    ok = true;
}

Kannel::~Kannel() {
    fakesmsc.reset();
    smsbox.reset();
    bearerbox.reset();
    std::error_code ec;
    if (!std::getenv("TASJIL_KEEP_TEST_DIRS")) std::filesystem::remove_all(dir, ec);
}

std::vector<std::string> Kannel::ReceivedTexts() const {
    // fakesmsc prints "Got message N: <FROM TO KIND [UDH] PAYLOAD>": KIND is text (GSM), ucs-2,
    // or udh … data … for the parts of a concatenated message (UCS-2 bytes here).
    std::vector<std::string> out;
    std::ifstream in(smsc_log);
    std::string line;
    auto unescape = [](const std::string& s) {
        std::string bytes;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '%' && i + 2 < s.size()) {
                bytes.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
                i += 2;
            } else if (s[i] == '+') {
                bytes.push_back(' ');
            } else {
                bytes.push_back(s[i]);
            }
        }
        return bytes;
    };
    auto ucs2 = [](const std::string& bytes) {
        std::string utf8;
        for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
            core::AppendUtf8(utf8,
                             static_cast<char32_t>((static_cast<unsigned char>(bytes[i]) << 8) |
                                                   static_cast<unsigned char>(bytes[i + 1])));
        }
        return utf8;
    };
    std::string pending;  // parts of a concatenated message so far
    while (std::getline(in, line)) {
        const auto open = line.find("Got message");
        const auto lt = line.find('<', open == std::string::npos ? 0 : open);
        const auto gt = line.rfind('>');
        if (open == std::string::npos || lt == std::string::npos || gt == std::string::npos)
            continue;
        std::istringstream fields(line.substr(lt + 1, gt - lt - 1));
        std::string from, to, kind, a, b, c;
        fields >> from >> to >> kind;
        if (kind == "text") {
            fields >> a;
            out.push_back(unescape(a));
        } else if (kind == "ucs-2") {
            fields >> a;
            out.push_back(ucs2(unescape(a)));
        } else if (kind == "udh") {
            fields >> a >> b >> c;  // UDH, "data", payload
            const std::string udh = unescape(a);
            pending += ucs2(unescape(c));
            // Concatenation UDH: 05 00 03 ref total index.
            if (udh.size() >= 6 && udh[4] == udh[5]) {
                out.push_back(pending);
                pending.clear();
            }
        }
    }
    return out;
}

std::int64_t WaitForOutboxDrained(server::Storage& storage, double seconds) {
    std::int64_t pending = -1;
    for (int i = 0; i < static_cast<int>(seconds * 10); ++i) {
        auto counts = storage.CountMessagesByStatus();
        pending = counts["pending"] + counts["sending"];
        if (pending == 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return pending;
}

}  // namespace tasjil::test

namespace tasjil::test {

// tmpfs ------------------------------------------------------------------------------------------

TmpfsMount::TmpfsMount(const std::string& prefix, const std::string& size)
    : path(std::filesystem::temp_directory_path() / (prefix + std::to_string(FreePort()))) {
    std::filesystem::create_directories(path);
    ok = std::system(("mount -t tmpfs -o size=" + size + " tmpfs " + path.string()).c_str()) == 0;
}

TmpfsMount::~TmpfsMount() {
    if (ok) std::system(("umount " + path.string()).c_str());
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

bool TmpfsMount::Remount(bool read_only) {
    return std::system(
               ("mount -o remount," + std::string(read_only ? "ro " : "rw ") + path.string())
                   .c_str()) == 0;
}

// Load -------------------------------------------------------------------------------------------

FileLoad::FileLoad(const std::string& base_url, int clients) {
    for (int i = 0; i < clients; ++i) threads_.emplace_back([this, base_url] { Run(base_url); });
}

FileLoad::~FileLoad() {
    Stop();
}

void FileLoad::Stop() {
    running_ = false;
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
}

std::vector<std::string> FileLoad::Acknowledged() {
    std::lock_guard lock(mutex_);
    return acknowledged_;
}

std::map<int, int> FileLoad::Statuses() {
    std::lock_guard lock(mutex_);
    return statuses_;
}

std::optional<FileLoad::TimePoint> FileLoad::FirstCreatedAfter(TimePoint since) {
    std::lock_guard lock(mutex_);
    for (auto t : created_at_) {
        if (t >= since) return t;
    }
    return std::nullopt;
}

bool FileLoad::Missing503RetryAfter() {
    std::lock_guard lock(mutex_);
    return missing_retry_after_;
}

void FileLoad::Run(const std::string& base_url) {
    httplib::Client c(base_url);
    c.enable_server_certificate_verification(false);
    c.set_connection_timeout(2);
    c.set_read_timeout(20);
    while (running_) {
        auto file = SampleFileJson();
        std::array<std::uint8_t, 16> r{};
        randombytes_buf(r.data(), r.size());
        file["file_id"] = core::UuidV4FromBytes(r);
        const std::string body = file.dump();
        for (;;) {
            auto res = c.Post("/api/v1/files", body, "application/json");
            const int status = res ? res->status : 0;
            {
                std::lock_guard lock(mutex_);
                ++statuses_[status];
                if (status == 201) created_at_.push_back(std::chrono::steady_clock::now());
                if (status == 201 || status == 200) acknowledged_.push_back(file["file_id"]);
                if (status == 503 && res->get_header_value("Retry-After").empty())
                    missing_retry_after_ = true;
            }
            if (status == 201 || status == 200) break;
            if (status != 503 && status != 0) break;  // recorded: the test fails on it
            // The app waits Retry-After; the load retries sooner to see the recovery.
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

StoredOnce CheckStoredOnce(const PostgresCluster& pg,
                           const std::vector<std::string>& acknowledged) {
    const std::set<std::string> ids(acknowledged.begin(), acknowledged.end());
    std::multiset<std::string> stored;
    std::istringstream lines(pg.Psql("SELECT file_id FROM files"));
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) stored.insert(line);
    }
    StoredOnce out;
    out.acknowledged = ids.size();
    out.stored = stored.size();
    for (const auto& id : ids) {
        const auto n = stored.count(id);
        out.missing += n == 0;
        out.twice += n > 1;
    }
    return out;
}

}  // namespace tasjil::test
