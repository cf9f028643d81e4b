// tasjil-server — the ministry API and the web app's server.
//
//   tasjil-server [serve] [options]
//   tasjil-server admin create-staff --username U --role school|directorate|national
//                 [--scope S] [--password-stdin | --activation]
//
// Every option can also be set by an environment variable (shown in --help); flags win.
//
// Index
//   [SECTION] Options
//   [SECTION] Serve
//   [SECTION] Admin
//   [SECTION] main
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "core/i18n.h"
#include "core/rules.h"
#include "core/school_map.h"
#include "server/backup.h"
#include "server/files.h"
#include "server/http.h"
#include "server/http_server.h"
#include "server/notifier.h"
#include "server/retention.h"
#include "server/service.h"
#include "server/storage.h"

namespace server = tasjil::server;
namespace core = tasjil::core;

namespace {

// [SECTION] Options ------------------------------------------------------------------------------

struct Option {
    const char* flag;
    const char* env;
    const char* fallback;
    const char* help;
};

constexpr Option kOptions[] = {
    {"--listen", "TASJIL_LISTEN", "127.0.0.1:8080", "address and port to serve on"},
    {"--data", "TASJIL_DATA", "data", "data folder (database, outbox files)"},
    {"--database", "TASJIL_DATABASE", "",
     "sqlite:PATH or postgresql://… (default sqlite:DATA/tasjil.db)"},
    {"--web", "TASJIL_WEB", TASJIL_DEFAULT_WEB, "folder of the built web app"},
    {"--assets", "TASJIL_ASSETS", TASJIL_DEFAULT_ASSETS,
     "folder of rules, school maps, catalogues"},
    {"--cldr", "TASJIL_CLDR", TASJIL_DEFAULT_CLDR,
     "folder of the catalogues the build takes from Unicode CLDR (month and country names)"},
    {"--today", "TASJIL_TODAY", "",
     "the date the server works on, YYYY-MM-DD (a rehearsal or training environment that "
     "replays the May review; empty = the system's date)"},
    {"--school-year", "TASJIL_SCHOOL_YEAR", "",
     "school year open for registration (default: the next one)"},
    {"--schoolmap", "TASJIL_SCHOOLMAP", "",
     "school map file (default ASSETS/schoolmap/sample.json)"},
    {"--openapi", "TASJIL_OPENAPI", TASJIL_DEFAULT_OPENAPI,
     "OpenAPI description served at /api/v1/openapi.yaml"},
    {"--metrics-listen", "TASJIL_METRICS_LISTEN", "",
     "private address and port for /metrics (unset: metrics are not served)"},
    {"--trusted-proxies", "TASJIL_TRUSTED_PROXIES", "",
     "comma-separated proxy addresses whose X-Forwarded-For is believed"},
    {"--threads", "TASJIL_THREADS", "16", "workers for requests that use the database"},
    {"--io-threads", "TASJIL_IO_THREADS", "2", "HTTP event loops"},
    {"--max-connections", "TASJIL_MAX_CONNECTIONS", "4096", "open connections in all"},
    {"--max-connections-per-client", "TASJIL_MAX_CONNECTIONS_PER_CLIENT", "32",
     "open connections per client address (trusted proxies are not limited)"},
    {"--idle-timeout", "TASJIL_IDLE_TIMEOUT", "15",
     "seconds a connection may stay silent before it is closed"},
    {"--header-timeout", "TASJIL_HEADER_TIMEOUT", "10",
     "seconds a request's headers may take, however slowly they arrive"},
    {"--rate-submit", "TASJIL_RATE_SUBMIT", "120",
     "file submissions per minute per client (0 = no limit)"},
    {"--rate-status", "TASJIL_RATE_STATUS", "30",
     "status look-ups per minute per client (0 = no limit)"},
    {"--rate-login", "TASJIL_RATE_LOGIN", "10",
     "staff log-in attempts per minute per client (0 = no limit)"},
    {"--notifier-workers", "TASJIL_NOTIFIER_WORKERS", "2",
     "outbox delivery threads (0 = do not deliver)"},
    {"--notifier-claim-timeout", "TASJIL_NOTIFIER_CLAIM_TIMEOUT", "300",
     "seconds before a message in the hands of a crashed worker is delivered again"},
    {"--smtp-url", "TASJIL_SMTP_URL", "",
     "smtp://host:port (unset: e-mails are written to DATA/outbox)"},
    {"--smtp-from", "TASJIL_SMTP_FROM", "tasjil@men.gov.ma", "sender address"},
    {"--smtp-user", "TASJIL_SMTP_USER", "", "SMTP AUTH user"},
    {"--smtp-password", "TASJIL_SMTP_PASSWORD", "", "SMTP AUTH password"},
    {"--smtp-starttls", "TASJIL_SMTP_STARTTLS", "no", "yes to require STARTTLS"},
    {"--kannel-url", "TASJIL_KANNEL_URL", "",
     "http://host:port/cgi-bin/sendsms (unset: SMS are written to DATA/outbox)"},
    {"--kannel-user", "TASJIL_KANNEL_USER", "", "Kannel sendsms user"},
    {"--kannel-password", "TASJIL_KANNEL_PASSWORD", "", "Kannel sendsms password"},
    {"--kannel-from", "TASJIL_KANNEL_FROM", "TASJIL", "SMS sender"},
    {"--dlr-secret", "TASJIL_DLR_SECRET", "",
     "secret shared by the servers that signs SMS delivery-report URLs (at least 32 characters; "
     "required with --kannel-url and --public-url)"},
    {"--public-url", "TASJIL_PUBLIC_URL", "",
     "the service's public address, e.g. https://tasjil.men.gov.ma: the status look-up every "
     "message links to, and where Kannel sends delivery reports (default http://LISTEN)"},
};

int Usage(const std::string& why) {
    if (!why.empty()) std::cerr << "tasjil-server: " << why << "\n";
    std::ostream& o = why.empty() ? std::cout : std::cerr;
    o << "usage:\n  tasjil-server [serve] [options]\n"
         "  tasjil-server admin create-staff --username U --role school|directorate|national "
         "[--scope S] [--password-stdin | --activation]\n"
         "      (--activation: no password; prints a code valid 72 h with which the owner sets "
         "a password and a second factor in the console)\n"
         "  tasjil-server admin backup --data DIR --to FILE   (or --database postgresql://… "
         "--to FILE)\n"
         "  tasjil-server admin restore --from FILE --data NEW_EMPTY_DIR   (or --database "
         "postgresql://… --from FILE)\n"
         "  tasjil-server admin purge --data DIR [--today YYYY-MM-DD]   (deletes the school "
         "years whose retention ended)\n\noptions (environment variable, default):\n";
    for (const auto& opt : kOptions) {
        o << "  " << opt.flag << " VALUE\n      " << opt.help << " (" << opt.env << ", default \""
          << opt.fallback << "\")\n";
    }
    return why.empty() ? 0 : 64;
}

struct Settings {
    std::map<std::string, std::string> values;
    std::string Get(const std::string& flag) const { return values.at(flag); }
    // A whole number within [low, high]; false (with the reason) otherwise.
    bool Int(const std::string& flag, long long low, long long high, long long& out,
             std::string& error) const {
        const std::string v = Get(flag);
        char* end = nullptr;
        errno = 0;
        out = v.empty() ? 0 : std::strtoll(v.c_str(), &end, 10);
        if (v.empty() || errno != 0 || *end != '\0' || out < low || out > high) {
            error = flag + " takes a whole number from " + std::to_string(low) + " to " +
                    std::to_string(high) + ", not \"" + v + "\"";
            return false;
        }
        return true;
    }
};

// "HOST:PORT" (IPv6 hosts in brackets) into its parts.
bool SplitHostPort(const std::string& text, std::string& host, int& port) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const std::string p = text.substr(colon + 1);
    if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos)
        return false;
    port = std::stoi(p);
    return port <= 65535 && !server::CanonicalIp(host).empty();
}

bool ParseSettings(int argc, char** argv, int first, Settings& s, std::string& error) {
    for (const auto& opt : kOptions) {
        const char* env = std::getenv(opt.env);
        s.values[opt.flag] = env ? env : opt.fallback;
    }
    for (int i = first; i < argc; ++i) {
        const std::string a = argv[i];
        if (!s.values.count(a)) {
            error = "unknown option " + a;
            return false;
        }
        if (i + 1 >= argc) {
            error = a + " needs a value";
            return false;
        }
        s.values[a] = argv[++i];
    }
    return true;
}

bool ReadFile(const std::string& path, std::string& out) {
    return server::ReadWholeFile(path, out);
}

std::string DefaultSchoolYear() {
    return core::SchoolYearFor(
        core::Date{std::chrono::floor<date::days>(std::chrono::system_clock::now())});
}

// Everything the service needs from the assets folder.
struct Loaded {
    std::unique_ptr<server::Storage> storage;
    std::optional<core::Rules> rules;
    std::string rules_json;
    std::string rules_path, map_path;  // read again on SIGHUP
    std::optional<core::SchoolMap> map;
    std::string map_json;
    std::map<std::string, core::Catalogue> catalogues;
};

bool Load(const Settings& s, Loaded& out, std::string& error) {
    const std::string assets = s.Get("--assets");
    const std::string year =
        s.Get("--school-year").empty() ? DefaultSchoolYear() : s.Get("--school-year");
    const std::string rules_path = out.rules_path = assets + "/rules/" + year + ".json";
    if (!ReadFile(rules_path, out.rules_json)) {
        error = "no rules for the school year " + year + " (" + rules_path + ")";
        return false;
    }
    auto rules = core::ParseRules(out.rules_json);
    if (!rules.rules) {
        error = rules_path + " is not a valid rules file";
        return false;
    }
    out.rules = std::move(rules.rules);
    const std::string map_path = out.map_path =
        s.Get("--schoolmap").empty() ? assets + "/schoolmap/sample.json" : s.Get("--schoolmap");
    if (!ReadFile(map_path, out.map_json)) {
        error = "cannot read the school map " + map_path;
        return false;
    }
    auto map = core::ParseSchoolMap(out.map_json);
    if (!map.map) {
        error = map_path + " is not a valid school map (tasjil schoolmap check says why)";
        return false;
    }
    out.map = std::move(map.map);
    if (const std::string why =
            tasjil::io::LoadCatalogues(assets + "/i18n", s.Get("--cldr"), out.catalogues);
        !why.empty()) {
        error = why;
        return false;
    }
    std::string db = s.Get("--database");
    if (db.empty()) {
        std::filesystem::create_directories(s.Get("--data"));
        db = "sqlite:" + s.Get("--data") + "/tasjil.db";
    }
    try {
        out.storage = server::OpenStorage(db);
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
    return true;
}

// The rules of any school year in the assets folder (retention reads each stored year's own).
server::RulesForYear RulesFromAssets(const std::string& assets) {
    return [assets](const std::string& year) -> std::optional<core::Rules> {
        std::string text;
        if (!ReadFile(assets + "/rules/" + year + ".json", text)) return std::nullopt;
        auto load = core::ParseRules(text);
        if (!load.rules || load.rules->school_year != year) return std::nullopt;
        return load.rules;
    };
}

// --today as a clock: the same time of day, on that date. `ok` is false when it is not a date.
server::Clock ClockFor(const std::string& today, bool& ok) {
    ok = true;
    if (today.empty()) return server::SystemClock;
    const auto date = core::ParseIsoDate(today);
    if (!date) {
        ok = false;
        return server::SystemClock;
    }
    const std::int64_t now = server::SystemClock();
    const std::int64_t offset =
        std::chrono::duration_cast<std::chrono::seconds>(date::sys_days(*date).time_since_epoch())
            .count() -
        (now - now % 86400);
    return [offset] { return server::SystemClock() + offset; };
}

// [SECTION] Serve --------------------------------------------------------------------------------

// True when `inner` is `outer` or lies beneath it (both existing paths).
bool IsWithin(const std::string& inner, const std::string& outer) {
    std::error_code ec;
    const auto a = std::filesystem::weakly_canonical(inner, ec);
    const auto b = std::filesystem::weakly_canonical(outer, ec);
    const auto rel = a.lexically_relative(b);
    return !rel.empty() && *rel.begin() != "..";
}

int Serve(const Settings& s) {
    std::string error;
    long long workers = 0, claim_timeout = 0, threads = 0, io_threads = 0, max_conn = 0,
              per_client = 0, idle = 0, header_timeout = 0, rate_submit = 0, rate_status = 0,
              rate_login = 0;
    if (!s.Int("--notifier-workers", 0, 64, workers, error) ||
        !s.Int("--notifier-claim-timeout", 1, 86400, claim_timeout, error) ||
        !s.Int("--threads", 1, 256, threads, error) ||
        !s.Int("--io-threads", 1, 64, io_threads, error) ||
        !s.Int("--max-connections", 16, 1000000, max_conn, error) ||
        !s.Int("--max-connections-per-client", 1, 1000000, per_client, error) ||
        !s.Int("--idle-timeout", 1, 3600, idle, error) ||
        !s.Int("--header-timeout", 1, 3600, header_timeout, error) ||
        !s.Int("--rate-submit", 0, 1000000, rate_submit, error) ||
        !s.Int("--rate-status", 0, 1000000, rate_status, error) ||
        !s.Int("--rate-login", 0, 1000000, rate_login, error)) {
        return Usage(error);
    }
    server::HttpConfig http;
    if (!SplitHostPort(s.Get("--listen"), http.host, http.port))
        return Usage("--listen is IP:PORT, not \"" + s.Get("--listen") + "\"");
    if (!s.Get("--metrics-listen").empty() &&
        !SplitHostPort(s.Get("--metrics-listen"), http.metrics_host, http.metrics_port)) {
        return Usage("--metrics-listen is IP:PORT, not \"" + s.Get("--metrics-listen") + "\"");
    }
    {
        std::stringstream list(s.Get("--trusted-proxies"));
        for (std::string item; std::getline(list, item, ',');) {
            if (item.empty()) continue;
            const std::string ip = server::CanonicalIp(item);
            if (ip.empty()) return Usage("--trusted-proxies: not an IP address: " + item);
            http.trusted_proxies.push_back(ip);
        }
    }
    // One server per data folder: a second one (or a copy started by mistake) would share the
    // database files and the outbox folder behind the first one's back.
    server::FolderLock lock;
    if (const std::string why = lock.Acquire(s.Get("--data")); !why.empty()) {
        std::cerr << "tasjil-server: " << why << "\n";
        return 1;
    }
    if (IsWithin(s.Get("--data"), s.Get("--web"))) {
        std::cerr << "tasjil-server: the data folder must not lie inside the web folder\n";
        return 1;
    }
    Loaded loaded;
    if (!Load(s, loaded, error)) {
        std::cerr << "tasjil-server: " << error << "\n";
        return 1;
    }
    bool clock_ok = true;
    // Every decision, time stamp and purge follows --today when it is given.
    const server::Clock clock = ClockFor(s.Get("--today"), clock_ok);
    if (!clock_ok) {
        std::cerr << "tasjil-server: --today is a date, YYYY-MM-DD\n";
        return 1;
    }
    if (!s.Get("--today").empty()) {
        std::cerr << "tasjil-server: working on " << s.Get("--today")
                  << " (--today): a rehearsal environment, not the live service\n";
    }
    server::Service service(*loaded.storage, *loaded.rules, *loaded.map, loaded.catalogues, clock);
    // Messages link to the parents' status look-up; an SMS has room for about 30 characters of
    // address (tests/server/messages_test.cpp counts the longest one).
    service.SetPublicUrl(s.Get("--public-url").empty() ? "http://" + s.Get("--listen")
                                                       : s.Get("--public-url"));

    const std::string outbox_dir = s.Get("--data") + "/outbox";
    std::unique_ptr<server::Sender> email, sms;
    if (!s.Get("--smtp-url").empty()) {
        email =
            server::MakeSmtpSender({s.Get("--smtp-url"), s.Get("--smtp-from"), s.Get("--smtp-user"),
                                    s.Get("--smtp-password"), s.Get("--smtp-starttls") == "yes"});
    } else {
        email = server::MakeFileSender(outbox_dir, s.Get("--smtp-from"));
    }
    if (!s.Get("--kannel-url").empty()) {
        const std::string dlr =
            s.Get("--public-url").empty() ? "" : s.Get("--public-url") + "/api/v1/sms/dlr";
        if (!dlr.empty() && s.Get("--dlr-secret").size() < 32) {
            std::cerr << "tasjil-server: delivery reports need --dlr-secret (TASJIL_DLR_SECRET), "
                         "at least 32 characters, the same on every server\n";
            return 1;
        }
        sms = server::MakeKannelSender({s.Get("--kannel-url"), s.Get("--kannel-user"),
                                        s.Get("--kannel-password"), s.Get("--kannel-from"), dlr,
                                        s.Get("--dlr-secret")});
    } else {
        sms = server::MakeFileSender(outbox_dir, s.Get("--smtp-from"));
    }
    server::Notifier notifier(*loaded.storage, std::move(email), std::move(sms),
                              std::max<int>(static_cast<int>(workers), 1), claim_timeout);

    http.threads = static_cast<int>(threads);
    http.io_threads = static_cast<int>(io_threads);
    http.max_connections = static_cast<int>(max_conn);
    http.max_connections_per_client = static_cast<int>(per_client);
    http.idle_timeout_seconds = static_cast<int>(idle);
    http.header_timeout_seconds = static_cast<int>(header_timeout);
    http.api.web_dir = s.Get("--web");
    if (!ReadFile(s.Get("--openapi"), http.api.openapi)) http.api.openapi.clear();
    http.api.schoolmap_json = loaded.map_json;
    http.api.rules_json = loaded.rules_json;
    http.api.submit_per_minute = static_cast<int>(rate_submit);
    http.api.status_per_minute = static_cast<int>(rate_status);
    http.api.login_per_minute = static_cast<int>(rate_login);
    http.api.dlr_secret = s.Get("--dlr-secret");

    // Signals are taken by this thread alone (sigwait), never inside another thread's work.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    server::HttpServer server(service, &notifier, http);
    if (!server.Bind(error)) {
        std::cerr << "tasjil-server: " << error << "\n";
        return 1;
    }
    if (workers > 0) notifier.Start();
    server::RetentionWorker retention(*loaded.storage, RulesFromAssets(s.Get("--assets")), clock);
    retention.Start();
    const std::size_t files = server.api().site().size();
    if (files == 0) {
        std::cerr << "tasjil-server: note: no web app in " << http.api.web_dir
                  << " (build the wasm preset)\n";
    }
    std::cout << "tasjil-server: serving http://" << http.host << ":" << server.port() << "/ ("
              << files << " app files, school year " << loaded.rules->school_year << ")";
    if (!http.metrics_host.empty())
        std::cout << "; metrics on http://" << http.metrics_host << ":" << server.metrics_port()
                  << "/metrics";
    std::cout << std::endl;
    for (;;) {
        int sig = 0;
        sigwait(&signals, &sig);
        if (sig != SIGHUP) break;
        // SIGHUP: a new build of the app, a new school map or new rules were deployed.
        std::cout << "tasjil-server: web app reloaded, " << server.api().site().Reload() << " files"
                  << std::endl;
        std::string map_json, rules_json;
        std::vector<server::SchoolLeftMap> left;
        std::string why;
        if (!ReadFile(loaded.map_path, map_json)) why = "cannot read " + loaded.map_path;
        if (why.empty() && !ReadFile(loaded.rules_path, rules_json))
            why = "cannot read " + loaded.rules_path;
        if (why.empty()) why = server.api().Reload(map_json, rules_json, &left);
        if (!why.empty()) {
            std::cerr << "tasjil-server: school map and rules not reloaded, the previous ones "
                         "stay: "
                      << why << std::endl;
            continue;
        }
        std::cout << "tasjil-server: school map and rules reloaded" << std::endl;
        for (const auto& l : left) {
            // Reported to the directorate too (staff/me): the files keep their school.
            std::cerr << "tasjil-server: school " << l.school_code << " is no longer in the map; "
                      << l.files << " file(s) of province " << l.province
                      << " keep it: the directorate decides or moves them" << std::endl;
        }
    }
    server.Stop();  // answers the requests in flight first
    notifier.Stop();
    retention.Stop();
    std::cout << "tasjil-server: stopped" << std::endl;
    return 0;
}

// [SECTION] Admin --------------------------------------------------------------------------------

// An admin command's options: each of `valued` takes a value, each of `switches` none.
// Returns "" or what is wrong.
std::string ParseAdminOptions(int argc, char** argv, const std::vector<std::string>& valued,
                              const std::vector<std::string>& switches,
                              std::map<std::string, std::string>& out) {
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        if (std::find(switches.begin(), switches.end(), a) != switches.end()) {
            out[a] = "yes";
        } else if (std::find(valued.begin(), valued.end(), a) != valued.end() && i + 1 < argc) {
            out[a] = argv[++i];
        } else {
            return "unknown or incomplete option " + a;
        }
    }
    return "";
}

bool IsPostgres(const std::string& url) {
    return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

void PrintSummary(const server::BackupSummary& summary) {
    std::cout << "  schema version " << summary.schema_version << ", " << summary.bytes
              << " bytes, " << summary.seconds << " s\n";
    for (const auto& [table, n] : summary.rows) std::cout << "  " << table << ": " << n << "\n";
}

int Backup(int argc, char** argv) {
    std::map<std::string, std::string> v;
    if (auto why = ParseAdminOptions(argc, argv, {"--data", "--to", "--database"}, {}, v);
        !why.empty())
        return Usage(why);
    if (!v.count("--to")) return Usage("backup needs --to FILE");
    const std::string database = v.count("--database") ? v["--database"] : "";
    if (IsPostgres(database)) {
        if (auto why = server::DumpPostgres(database, v["--to"]); !why.empty()) {
            std::cerr << "tasjil-server: " << why << "\n";
            return 1;
        }
        std::cout << "logical copy (pg_dump, custom format) written to " << v["--to"] << "\n";
        // The logical copy is a moment; point-in-time recovery needs the cluster's own archive.
        server::ArchivingCheck check;
        if (auto why = server::CheckPostgresArchiving(database, check); !why.empty()) {
            std::cerr << "tasjil-server: cannot read the cluster's settings: " << why << "\n";
            return 1;
        }
        std::cout << "physical backups (pg_basebackup + WAL archiving, docs/operations.md):\n";
        for (const auto& i : check.items) {
            std::cout << "  " << (i.ok ? "ok      " : "MISSING ") << i.setting << " = \"" << i.value
                      << "\" (wanted: " << i.expected << ")\n";
        }
        return 0;
    }
    const std::string data = v.count("--data") ? v["--data"] : "data";
    const std::string path =
        database.empty() ? data + "/tasjil.db"
                         : (database.rfind("sqlite:", 0) == 0 ? database.substr(7) : database);
    server::BackupSummary summary;
    if (auto why = server::BackupSqlite(path, v["--to"], summary); !why.empty()) {
        std::cerr << "tasjil-server: " << why << "\n";
        return 1;
    }
    std::cout << "consistent copy of " << path << " written to " << v["--to"] << ":\n";
    PrintSummary(summary);
    return 0;
}

int Restore(int argc, char** argv) {
    std::map<std::string, std::string> v;
    if (auto why = ParseAdminOptions(argc, argv, {"--data", "--from", "--database"}, {}, v);
        !why.empty())
        return Usage(why);
    if (!v.count("--from")) return Usage("restore needs --from FILE");
    const std::string database = v.count("--database") ? v["--database"] : "";
    if (IsPostgres(database)) {
        if (auto why = server::RestorePostgres(v["--from"], database); !why.empty()) {
            std::cerr << "tasjil-server: " << why << "\n";
            return 1;
        }
        std::cout << "restored " << v["--from"] << " into the PostgreSQL database\n";
        return 0;
    }
    if (!v.count("--data")) return Usage("restore needs --data DIR (a new, empty folder)");
    server::BackupSummary summary;
    if (auto why = server::RestoreSqlite(v["--from"], v["--data"], summary); !why.empty()) {
        std::cerr << "tasjil-server: " << why << "\n";
        return 1;
    }
    std::cout << "restored " << v["--from"] << " into " << v["--data"] << ":\n";
    PrintSummary(summary);
    return 0;
}

int Purge(int argc, char** argv) {
    std::map<std::string, std::string> v;
    if (auto why =
            ParseAdminOptions(argc, argv, {"--data", "--database", "--assets", "--today"}, {}, v);
        !why.empty())
        return Usage(why);
    Settings s;
    std::string error;
    char* no_args[] = {argv[0]};
    ParseSettings(1, no_args, 1, s, error);
    for (const char* k : {"--data", "--database", "--assets", "--today"}) {
        if (v.count(k)) s.values[k] = v[k];
    }
    bool clock_ok = true;
    const server::Clock clock = ClockFor(s.Get("--today"), clock_ok);
    if (!clock_ok) return Usage("--today is a date, YYYY-MM-DD");
    Loaded loaded;
    if (!Load(s, loaded, error)) {
        std::cerr << "tasjil-server: " << error << "\n";
        return 1;
    }
    // Files stored before they knew their school year learn it first (the service indexes them).
    server::Service service(*loaded.storage, *loaded.rules, *loaded.map, loaded.catalogues, clock);
    const std::int64_t now = clock();
    const core::Date today{std::chrono::floor<date::days>(
        std::chrono::system_clock::time_point(std::chrono::seconds(now)))};
    try {
        const auto report =
            server::PurgeExpired(*loaded.storage, RulesFromAssets(s.Get("--assets")), today, now);
        std::cout << "retention on " << core::FormatIsoDate(today) << ":\n";
        for (const auto& p : report.purged) {
            std::cout << "  deleted school year " << p.school_year << ": " << p.files << " files, "
                      << p.history << " status changes, " << p.audit << " audit entries, "
                      << p.messages << " messages, " << p.throttle << " look-up counters\n";
        }
        for (const auto& [year, until] : report.kept)
            std::cout << "  kept school year " << year << " until " << until << "\n";
        for (const auto& year : report.without_rules)
            std::cout << "  kept school year " << year << ": no rules file for it\n";
        if (report.purged.empty() && report.kept.empty() && report.without_rules.empty())
            std::cout << "  no files stored\n";
    } catch (const std::exception& e) {
        std::cerr << "tasjil-server: the purge failed, nothing was deleted: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

int CreateStaff(int argc, char** argv) {
    std::map<std::string, std::string> v;
    if (auto why = ParseAdminOptions(
            argc, argv, {"--username", "--role", "--scope", "--data", "--database", "--assets"},
            {"--password-stdin", "--activation"}, v);
        !why.empty())
        return Usage(why);
    const bool password_stdin = v.count("--password-stdin") > 0;
    const bool activation = v.count("--activation") > 0;
    if (!v.count("--username") || !v.count("--role") ||
        (!v.count("--scope") && v["--role"] != "national")) {
        return Usage("create-staff needs --username, --role and (but for national) --scope");
    }
    if (password_stdin && activation)
        return Usage("create-staff takes --password-stdin or --activation, not both");
    std::string password;
    if (activation) {
        // No password: the owner chooses it with the code.
    } else if (password_stdin) {
        std::getline(std::cin, password);
    } else {
        std::cerr << "password (at least 12 characters): ";
        std::getline(std::cin, password);
    }
    Settings s;
    std::string error;
    char* no_args[] = {argv[0]};
    ParseSettings(1, no_args, 1, s, error);
    for (const char* k : {"--data", "--database", "--assets"}) {
        if (v.count(k)) s.values[k] = v[k];
    }
    Loaded loaded;
    if (!Load(s, loaded, error)) {
        std::cerr << "tasjil-server: " << error << "\n";
        return 1;
    }
    server::Service service(*loaded.storage, *loaded.rules, *loaded.map, loaded.catalogues);
    std::string code;
    try {
        // An empty password typed is a mistake, not a request for a code.
        if (!activation && password.empty())
            throw std::runtime_error("a password is needed (or --activation for a code)");
        code = service.CreateStaff(v["--username"], password, v["--role"], v["--scope"]);
    } catch (const std::exception& e) {
        std::cerr << "tasjil-server: " << e.what() << "\n";
        return 1;
    }
    std::cout << "staff account " << v["--username"] << " (" << v["--role"] << ", " << v["--scope"]
              << ") saved\n";
    if (!code.empty()) {
        std::cout << "activation code (valid 72 hours): " << code << "\n";
    } else if (v["--role"] != "school") {
        std::cout << "this account has a password and no second factor: give it an activation "
                     "code (--activation) so that its owner sets both\n";
    }
    return 0;
}

}  // namespace

// [SECTION] main ---------------------------------------------------------------------------------

int main(int argc, char** argv) {
    std::string cmd = argc > 1 ? argv[1] : "serve";
    if (cmd == "--help" || cmd == "-h") return Usage("");
    if (cmd == "admin") {
        const std::string what = argc > 2 ? argv[2] : "";
        if (what == "create-staff") return CreateStaff(argc, argv);
        if (what == "backup") return Backup(argc, argv);
        if (what == "restore") return Restore(argc, argv);
        if (what == "purge") return Purge(argc, argv);
        return Usage("admin takes create-staff, backup, restore or purge");
    }
    int first = 1;
    if (cmd == "serve") first = 2;
    Settings s;
    std::string error;
    if (!ParseSettings(argc, argv, first, s, error)) return Usage(error);
    return Serve(s);
}
