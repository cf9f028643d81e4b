// tasjil-server — the ministry API and the web app's server.
//
//   tasjil-server [serve] [options]
//   tasjil-server admin create-staff --username U --role school|directorate --scope S
//                 [--password-stdin]
//
// Every option can also be set by an environment variable (shown in --help); flags win.
//
// Index
//   [SECTION] Options
//   [SECTION] Serve
//   [SECTION] Admin
//   [SECTION] main
#include <atomic>
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
#include "server/http_server.h"
#include "server/notifier.h"
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
    {"--school-year", "TASJIL_SCHOOL_YEAR", "",
     "school year open for registration (default: the next one)"},
    {"--schoolmap", "TASJIL_SCHOOLMAP", "",
     "school map file (default ASSETS/schoolmap/sample.json)"},
    {"--openapi", "TASJIL_OPENAPI", TASJIL_DEFAULT_OPENAPI,
     "OpenAPI description served at /api/v1/openapi.yaml"},
    {"--threads", "TASJIL_THREADS", "16", "HTTP worker threads"},
    {"--rate-submit", "TASJIL_RATE_SUBMIT", "120",
     "file submissions per minute per client (0 = no limit)"},
    {"--rate-status", "TASJIL_RATE_STATUS", "30",
     "status look-ups and logins per minute per client (0 = no limit)"},
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
    {"--public-url", "TASJIL_PUBLIC_URL", "",
     "this server's URL as Kannel reaches it (delivery reports)"},
};

int Usage(const std::string& why) {
    if (!why.empty()) std::cerr << "tasjil-server: " << why << "\n";
    std::ostream& o = why.empty() ? std::cout : std::cerr;
    o << "usage:\n  tasjil-server [serve] [options]\n"
         "  tasjil-server admin create-staff --username U --role school|directorate --scope S "
         "[--password-stdin]\n\noptions (environment variable, default):\n";
    for (const auto& opt : kOptions) {
        o << "  " << opt.flag << " VALUE\n      " << opt.help << " (" << opt.env << ", default \""
          << opt.fallback << "\")\n";
    }
    return why.empty() ? 0 : 64;
}

struct Settings {
    std::map<std::string, std::string> values;
    std::string Get(const std::string& flag) const { return values.at(flag); }
};

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
    const auto today = core::Date{std::chrono::floor<date::days>(std::chrono::system_clock::now())};
    int start = static_cast<int>(today.year());
    if (static_cast<unsigned>(today.month()) >= 9) ++start;
    return std::to_string(start) + "-" + std::to_string(start + 1);
}

// Everything the service needs from the assets folder.
struct Loaded {
    std::unique_ptr<server::Storage> storage;
    std::optional<core::Rules> rules;
    std::string rules_json;
    std::optional<core::SchoolMap> map;
    std::string map_json;
    std::map<std::string, core::Catalogue> catalogues;
};

bool Load(const Settings& s, Loaded& out, std::string& error) {
    const std::string assets = s.Get("--assets");
    const std::string year =
        s.Get("--school-year").empty() ? DefaultSchoolYear() : s.Get("--school-year");
    const std::string rules_path = assets + "/rules/" + year + ".json";
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
    const std::string map_path =
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
    for (auto locale : core::kLocales) {
        std::string text;
        const std::string path = assets + "/i18n/" + std::string(locale) + ".json";
        auto load = ReadFile(path, text) ? core::ParseCatalogue(text) : core::CatalogueLoad{};
        if (!load.catalogue) {
            error = "cannot load the catalogue " + path;
            return false;
        }
        out.catalogues.emplace(std::string(locale), std::move(*load.catalogue));
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

// [SECTION] Serve --------------------------------------------------------------------------------

server::HttpServer* g_http = nullptr;

void OnSignal(int) {
    if (g_http) g_http->Stop();
}

int Serve(const Settings& s) {
    Loaded loaded;
    std::string error;
    if (!Load(s, loaded, error)) {
        std::cerr << "tasjil-server: " << error << "\n";
        return 1;
    }
    server::Service service(*loaded.storage, *loaded.rules, *loaded.map, loaded.catalogues);

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
        sms = server::MakeKannelSender({s.Get("--kannel-url"), s.Get("--kannel-user"),
                                        s.Get("--kannel-password"), s.Get("--kannel-from"), dlr});
    } else {
        sms = server::MakeFileSender(outbox_dir, s.Get("--smtp-from"));
    }
    const int workers = std::stoi(s.Get("--notifier-workers"));
    server::Notifier notifier(*loaded.storage, std::move(email), std::move(sms),
                              std::max(workers, 1), std::stoll(s.Get("--notifier-claim-timeout")));

    server::HttpConfig http;
    const std::string listen = s.Get("--listen");
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) return Usage("--listen is HOST:PORT");
    http.host = listen.substr(0, colon);
    http.port = std::stoi(listen.substr(colon + 1));
    http.threads = std::stoi(s.Get("--threads"));
    http.web_dir = s.Get("--web");
    http.openapi_path = s.Get("--openapi");
    http.schoolmap_json = loaded.map_json;
    http.rules_json = loaded.rules_json;
    http.submit_per_minute = std::stoi(s.Get("--rate-submit"));
    http.status_per_minute = std::stoi(s.Get("--rate-status"));
    server::HttpServer server(service, &notifier, http);
    if (!server.Bind(error)) {
        std::cerr << "tasjil-server: " << error << "\n";
        return 1;
    }
    g_http = &server;
    std::signal(SIGTERM, OnSignal);
    std::signal(SIGINT, OnSignal);
    if (workers > 0) notifier.Start();
    if (!std::filesystem::exists(http.web_dir + "/index.html")) {
        std::cerr << "tasjil-server: note: no web app in " << http.web_dir
                  << " (build the wasm preset)\n";
    }
    std::cout << "tasjil-server: serving http://" << http.host << ":" << server.port()
              << "/ (school year " << loaded.rules->school_year << ")" << std::endl;
    server.Run();  // returns after SIGTERM, once requests in flight are answered
    notifier.Stop();
    std::cout << "tasjil-server: stopped" << std::endl;
    return 0;
}

// [SECTION] Admin --------------------------------------------------------------------------------

int CreateStaff(int argc, char** argv) {
    std::map<std::string, std::string> v;
    bool password_stdin = false;
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--password-stdin") {
            password_stdin = true;
        } else if ((a == "--username" || a == "--role" || a == "--scope" || a == "--data" ||
                    a == "--database" || a == "--assets") &&
                   i + 1 < argc) {
            v[a] = argv[++i];
        } else {
            return Usage("unknown or incomplete option " + a);
        }
    }
    if (!v.count("--username") || !v.count("--role") || !v.count("--scope")) {
        return Usage("create-staff needs --username, --role and --scope");
    }
    std::string password;
    if (password_stdin) {
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
    try {
        service.CreateStaff(v["--username"], password, v["--role"], v["--scope"]);
    } catch (const std::exception& e) {
        std::cerr << "tasjil-server: " << e.what() << "\n";
        return 1;
    }
    std::cout << "staff account " << v["--username"] << " (" << v["--role"] << ", " << v["--scope"]
              << ") saved\n";
    return 0;
}

}  // namespace

// [SECTION] main ---------------------------------------------------------------------------------

int main(int argc, char** argv) {
    std::string cmd = argc > 1 ? argv[1] : "serve";
    if (cmd == "--help" || cmd == "-h") return Usage("");
    if (cmd == "admin") {
        if (argc > 2 && std::string(argv[2]) == "create-staff") return CreateStaff(argc, argv);
        return Usage("admin takes create-staff");
    }
    int first = 1;
    if (cmd == "serve") first = 2;
    Settings s;
    std::string error;
    if (!ParseSettings(argc, argv, first, s, error)) return Usage(error);
    return Serve(s);
}
