// Index
//   [SECTION] Rate limiting and metrics
//   [SECTION] Static files
//   [SECTION] Routes
//   [SECTION] Life cycle
#include "server/http_server.h"

#include <httplib.h>
#include <sodium.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <nlohmann/json.hpp>

namespace tasjil::server {

bool ReadWholeFile(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return static_cast<bool>(in) || in.eof();
}

namespace {

// [SECTION] Rate limiting and metrics ------------------------------------------------------------

// A token bucket per client address: `per_minute` requests, refilled continuously.
class RateLimiter {
  public:
    explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
    // 0 when allowed, else the seconds to wait.
    int Take(const std::string& client) {
        if (per_minute_ <= 0) return 0;
        const double now = Now();
        std::lock_guard lock(mutex_);
        if (buckets_.size() > 100000) buckets_.clear();  // bounded memory under a flood
        auto& b = buckets_.try_emplace(client, Bucket{static_cast<double>(per_minute_), now})
                      .first->second;
        b.tokens = std::min<double>(per_minute_, b.tokens + (now - b.at) * per_minute_ / 60.0);
        b.at = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        return static_cast<int>(std::ceil((1 - b.tokens) * 60.0 / per_minute_));
    }

  private:
    static double Now() {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
    struct Bucket {
        double tokens;
        double at;
    };
    int per_minute_;
    std::mutex mutex_;
    std::map<std::string, Bucket> buckets_;
};

class Metrics {
  public:
    void Observe(const std::string& route, int status, double seconds) {
        std::lock_guard lock(mutex_);
        ++requests_[route + "\",status=\"" + std::to_string(status)];
        auto& h = latency_[route];
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            if (seconds <= kBuckets[i]) ++h.counts[i];
        }
        ++h.count;
        h.sum += seconds;
    }
    std::string Render(Storage& storage, const Notifier* notifier) {
        std::ostringstream o;
        std::lock_guard lock(mutex_);
        o << "# HELP tasjil_http_requests_total HTTP requests by route and status.\n"
          << "# TYPE tasjil_http_requests_total counter\n";
        for (const auto& [k, v] : requests_)
            o << "tasjil_http_requests_total{route=\"" << k << "\"} " << v << "\n";
        o << "# HELP tasjil_http_request_seconds Request latency.\n"
          << "# TYPE tasjil_http_request_seconds histogram\n";
        for (const auto& [route, h] : latency_) {
            for (std::size_t i = 0; i < kBuckets.size(); ++i) {
                o << "tasjil_http_request_seconds_bucket{route=\"" << route << "\",le=\""
                  << kBuckets[i] << "\"} " << h.counts[i] << "\n";
            }
            o << "tasjil_http_request_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
              << h.count << "\n"
              << "tasjil_http_request_seconds_sum{route=\"" << route << "\"} " << h.sum << "\n"
              << "tasjil_http_request_seconds_count{route=\"" << route << "\"} " << h.count << "\n";
        }
        o << "# HELP tasjil_files Stored files by status.\n# TYPE tasjil_files gauge\n";
        for (const auto& [k, v] : storage.CountFilesByStatus())
            o << "tasjil_files{status=\"" << k << "\"} " << v << "\n";
        o << "# HELP tasjil_notifications Outbox messages by status (pending = queue depth).\n"
          << "# TYPE tasjil_notifications gauge\n";
        for (const auto& [k, v] : storage.CountMessagesByStatus()) {
            o << "tasjil_notifications{status=\"" << k << "\"} " << v << "\n";
        }
        if (notifier) {
            o << "# HELP tasjil_notification_attempt_failures_total Failed delivery attempts.\n"
              << "# TYPE tasjil_notification_attempt_failures_total counter\n"
              << "tasjil_notification_attempt_failures_total " << notifier->failures() << "\n";
        }
        return o.str();
    }

  private:
    static constexpr std::array<double, 8> kBuckets = {0.001, 0.0025, 0.005, 0.01,
                                                       0.025, 0.05,   0.1,   1.0};
    struct Histogram {
        std::array<std::uint64_t, 8> counts{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    std::mutex mutex_;
    std::map<std::string, std::uint64_t> requests_;
    std::map<std::string, Histogram> latency_;
};

std::string Language(const httplib::Request& req) {
    // The first of ar, zgh, fr named in Accept-Language (quality values are rarely set
    // differently by browsers for these); French otherwise.
    const std::string accept = req.get_header_value("Accept-Language");
    std::size_t best = std::string::npos;
    std::string lang = "fr";
    for (const char* l : {"ar", "zgh", "fr"}) {
        const auto pos = accept.find(l);
        if (pos != std::string::npos && pos < best) {
            best = pos;
            lang = l;
        }
    }
    return lang;
}

std::string ETagOf(const std::string& body) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(body.data()), body.size());
    char hex[17];
    for (int i = 0; i < 8; ++i) std::snprintf(hex + 2 * i, 3, "%02x", h[i]);
    return "\"" + std::string(hex) + "\"";
}

// [SECTION] Static files -------------------------------------------------------------------------

const char* MimeType(const std::string& ext) {
    static const std::map<std::string, const char*> kTypes = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".wasm", "application/wasm"},
        {".data", "application/octet-stream"},
        {".svg", "image/svg+xml"},
        {".webmanifest", "application/manifest+json"},
        {".json", "application/json"},
        {".css", "text/css; charset=utf-8"},
        {".png", "image/png"},
        {".txt", "text/plain; charset=utf-8"}};
    auto it = kTypes.find(ext);
    return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// A name with a content hash in it ("index.3f2a9c1e.js") never changes: cache it for a year.
bool IsHashed(const std::string& name) {
    const auto dot = name.find('.');
    const auto next = dot == std::string::npos ? std::string::npos : name.find('.', dot + 1);
    if (next == std::string::npos || next - dot - 1 < 8) return false;
    for (std::size_t i = dot + 1; i < next; ++i) {
        if (!std::isxdigit(static_cast<unsigned char>(name[i]))) return false;
    }
    return true;
}

// The app's files with their ETag, read and hashed once and kept while their size and
// modification time stay the same (a rebuild is picked up; a request costs one stat).
struct CachedFile {
    std::string body;
    std::string etag;
    std::filesystem::file_time_type mtime;
    std::uintmax_t size = 0;
};

class FileCache {
  public:
    std::shared_ptr<const CachedFile> Load(const std::string& path) {
        std::error_code ec;
        const auto mtime = std::filesystem::last_write_time(path, ec);
        if (ec) return nullptr;
        const auto size = std::filesystem::file_size(path, ec);
        if (ec) return nullptr;
        {
            std::lock_guard lock(mutex_);
            auto it = files_.find(path);
            if (it != files_.end() && it->second->mtime == mtime && it->second->size == size) {
                return it->second;
            }
        }
        auto file = std::make_shared<CachedFile>();
        if (!ReadWholeFile(path, file->body)) return nullptr;
        file->etag = ETagOf(file->body);
        file->mtime = mtime;
        file->size = size;
        std::lock_guard lock(mutex_);
        if (files_.size() > 256) files_.clear();  // the app is a handful of files
        files_[path] = file;
        return file;
    }

  private:
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const CachedFile>> files_;
};

}  // namespace

struct HttpServer::Impl {
    Service& service;
    Notifier* notifier;
    HttpConfig config;
    httplib::Server server;
    RateLimiter submit_limit, status_limit;
    Metrics metrics;
    std::string openapi;
    FileCache files;
    std::string schoolmap_etag, rules_etag;
    // One province's part of the map (the app of a directorate's kiosk needs no more).
    std::map<std::string, std::pair<std::string, std::string>>
        province_maps;  // code → {json, etag}

    void BuildProvinceMaps() {
        const auto& d = service.map().document();
        for (const auto& p : d.provinces) {
            core::SchoolMapDocument part;
            part.schema_version = d.schema_version;
            part.name = d.name + " — " + p.name_fr;
            for (const auto& r : d.regions) {
                if (r.code == p.region) part.regions.push_back(r);
            }
            part.provinces.push_back(p);
            for (const auto& c : d.communes) {
                if (c.province == p.code) part.communes.push_back(c);
            }
            for (const auto& sec : d.sectors) {
                const auto* c = service.map().FindCommune(sec.commune);
                if (c && c->province == p.code) part.sectors.push_back(sec);
            }
            for (const auto& sch : d.schools) {
                const auto* c = service.map().FindCommune(sch.commune);
                if (c && c->province == p.code) part.schools.push_back(sch);
            }
            std::string json = core::ToJson(part);
            std::string etag = ETagOf(json);
            province_maps[p.code] = {std::move(json), std::move(etag)};
        }
    }

    Impl(Service& s, Notifier* n, HttpConfig c)
        : service(s),
          notifier(n),
          config(std::move(c)),
          submit_limit(config.submit_per_minute),
          status_limit(config.status_per_minute) {}

    void SendJson(httplib::Response& res, const Reply& r) {
        res.status = r.status;
        res.set_content(r.body, "application/json; charset=utf-8");
    }

    bool Limited(RateLimiter& limiter, const httplib::Request& req, httplib::Response& res) {
        const int wait = limiter.Take(req.remote_addr);
        if (wait == 0) return false;
        res.set_header("Retry-After", std::to_string(wait));
        SendJson(res, service.Error(429, "request.rate_limited", Language(req),
                                    {{"seconds", std::to_string(wait)}}));
        return true;
    }

    void ServeCached(const httplib::Request& req, httplib::Response& res, const std::string& body,
                     const std::string& etag) {
        res.set_header("ETag", etag);
        res.set_header("Cache-Control", "no-cache");
        if (req.get_header_value("If-None-Match") == etag) {
            res.status = 304;
            return;
        }
        res.set_content(body, "application/json; charset=utf-8");
    }

    void Static(const httplib::Request& req, httplib::Response& res) {
        if (config.web_dir.empty()) {
            res.status = 404;
            return;
        }
        std::string path = req.path;
        if (path.empty() || path.back() == '/') path += "index.html";
        if (path.find("..") != std::string::npos || path.find('\0') != std::string::npos) {
            res.status = 400;
            return;
        }
        const std::filesystem::path file = std::filesystem::path(config.web_dir) / path.substr(1);
        const std::string accept = req.get_header_value("Accept-Encoding");
        std::shared_ptr<const CachedFile> cached;
        std::string encoding;
        for (const auto& [enc, ext] : {std::pair{"br", ".br"}, std::pair{"gzip", ".gz"}}) {
            if (accept.find(enc) != std::string::npos &&
                (cached = files.Load(file.string() + ext))) {
                encoding = enc;
                break;
            }
        }
        if (encoding.empty() && !(cached = files.Load(file.string()))) {
            res.status = 404;
            res.set_content("not found", "text/plain; charset=utf-8");
            return;
        }
        const std::string name = file.filename().string();
        res.set_header("Cache-Control",
                       IsHashed(name) ? "public, max-age=31536000, immutable" : "no-cache");
        res.set_header("Vary", "Accept-Encoding");
        res.set_header("ETag", cached->etag);
        if (req.get_header_value("If-None-Match") == cached->etag) {
            res.status = 304;
            return;
        }
        if (encoding.empty()) {
            res.set_content(cached->body, MimeType(file.extension().string()));
            return;
        }
        // Already compressed: sent through a content provider, which httplib does not compress
        // again (it would for a text body when the client accepts br or gzip).
        res.set_header("Content-Encoding", encoding);
        res.set_content_provider(
            cached->body.size(), MimeType(file.extension().string()),
            [cached](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                sink.write(cached->body.data() + offset, length);
                return true;
            });
    }

    // [SECTION] Routes ---------------------------------------------------------------------------

    void Routes() {
        auto& s = server;
        s.Post("/api/v1/files", [this](const httplib::Request& req, httplib::Response& res) {
            if (Limited(submit_limit, req, res)) return;
            SendJson(res,
                     service.Submit(req.body, req.get_header_value("Content-Type"), Language(req)));
        });
        s.Get(R"(/api/v1/files/([^/]+))",
              [this](const httplib::Request& req, httplib::Response& res) {
                  if (Limited(status_limit, req, res)) return;
                  SendJson(res, service.Status(req.matches[1], req.get_param_value("birth_date"),
                                               Language(req)));
              });
        s.Get("/api/v1/schoolmap", [this](const httplib::Request& req, httplib::Response& res) {
            ServeCached(req, res, config.schoolmap_json, schoolmap_etag);
        });
        s.Get(R"(/api/v1/schoolmap/([0-9]{2}\.[0-9]{3}))",
              [this](const httplib::Request& req, httplib::Response& res) {
                  auto it = province_maps.find(req.matches[1]);
                  if (it == province_maps.end())
                      return SendJson(res, service.Error(404, "not_found", Language(req)));
                  ServeCached(req, res, it->second.first, it->second.second);
              });
        s.Get(R"(/api/v1/rules/([0-9]{4}-[0-9]{4}))",
              [this](const httplib::Request& req, httplib::Response& res) {
                  if (req.matches[1] != service.rules().school_year) {
                      SendJson(res, service.Error(404, "rules.not_found", Language(req)));
                      return;
                  }
                  ServeCached(req, res, config.rules_json, rules_etag);
              });
        s.Post("/api/v1/staff/sessions",
               [this](const httplib::Request& req, httplib::Response& res) {
                   if (Limited(status_limit, req, res)) return;
                   SendJson(res, service.Login(req.body, Language(req)));
               });
        s.Get("/api/v1/staff/files", [this](const httplib::Request& req, httplib::Response& res) {
            const std::string staff = Staff(req);
            if (staff.empty())
                return SendJson(res, service.Error(401, "auth.required", Language(req)));
            SendJson(res, service.StaffFiles(staff, req.get_param_value("status"), Language(req)));
        });
        s.Post(R"(/api/v1/staff/files/([^/]+)/decision)",
               [this](const httplib::Request& req, httplib::Response& res) {
                   const std::string staff = Staff(req);
                   if (staff.empty())
                       return SendJson(res, service.Error(401, "auth.required", Language(req)));
                   SendJson(res, service.Decide(staff, req.matches[1], req.body, Language(req)));
               });
        s.Get("/api/v1/sms/dlr", [this](const httplib::Request& req, httplib::Response& res) {
            // Kannel's delivery report callback: the message id we put in dlr-url, and its status.
            const bool found = service.storage().RecordDeliveryReport(
                req.get_param_value("id"), req.get_param_value("status"));
            res.status = found ? 204 : 404;
        });
        s.Get("/api/v1/openapi.yaml", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content(openapi, "application/yaml; charset=utf-8");
        });
        s.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("{\"status\":\"ok\"}", "application/json");
        });
        s.Get("/readyz", [this](const httplib::Request&, httplib::Response& res) {
            try {
                service.storage().CountMessagesByStatus();
                res.set_content("{\"status\":\"ready\"}", "application/json");
            } catch (const std::exception&) {
                res.status = 503;
                res.set_content("{\"status\":\"database unavailable\"}", "application/json");
            }
        });
        s.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content(metrics.Render(service.storage(), notifier),
                            "text/plain; version=0.0.4");
        });
        s.Get(R"(/(?!api/).*)",
              [this](const httplib::Request& req, httplib::Response& res) { Static(req, res); });

        s.set_exception_handler(
            [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
                SendJson(res, service.Error(500, "server.error", Language(req)));
            });
        s.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) return;
            const std::string code = res.status == 413   ? "request.too_large"
                                     : res.status == 404 ? "not_found"
                                     : res.status == 400 ? "request.malformed"
                                                         : "request.error";
            SendJson(res, service.Error(res.status, code, Language(req),
                                        {{"limit", std::to_string(core::kMaxFileBytes)}}));
        });
        s.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
            res.set_header("X-Content-Type-Options", "nosniff");
            res.set_header("Referrer-Policy", "no-referrer");
            res.set_header(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
                "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
        });
        s.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
            RequestStart() = std::chrono::steady_clock::now();
            return httplib::Server::HandlerResponse::Unhandled;
        });
        s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - RequestStart())
                    .count();
            metrics.Observe(RouteOf(req.path), res.status, seconds);
        });
    }

    static std::chrono::steady_clock::time_point& RequestStart() {
        thread_local std::chrono::steady_clock::time_point start;
        return start;
    }

    // Route names for metrics: no references or other values from the path.
    static std::string RouteOf(const std::string& path) {
        if (path.rfind("/api/v1/files/", 0) == 0) return "/api/v1/files/{reference}";
        if (path.rfind("/api/v1/staff/files/", 0) == 0)
            return "/api/v1/staff/files/{reference}/decision";
        if (path.rfind("/api/v1/rules/", 0) == 0) return "/api/v1/rules/{school_year}";
        if (path.rfind("/api/v1/schoolmap/", 0) == 0) return "/api/v1/schoolmap/{province}";
        if (path.rfind("/api/", 0) == 0 || path == "/healthz" || path == "/readyz" ||
            path == "/metrics")
            return path;
        return "static";
    }

    std::string Staff(const httplib::Request& req) {
        const std::string auth = req.get_header_value("Authorization");
        if (auth.rfind("Bearer ", 0) != 0) return "";
        return service.Authenticate(auth.substr(7));
    }
};

// [SECTION] Life cycle ---------------------------------------------------------------------------

HttpServer::HttpServer(Service& service, Notifier* notifier, HttpConfig config)
    : impl_(std::make_unique<Impl>(service, notifier, std::move(config))) {
    auto& c = impl_->config;
    if (!c.openapi_path.empty()) ReadWholeFile(c.openapi_path, impl_->openapi);
    impl_->schoolmap_etag = ETagOf(c.schoolmap_json);
    impl_->rules_etag = ETagOf(c.rules_json);
    impl_->BuildProvinceMaps();
    const int threads = c.threads;
    impl_->server.new_task_queue = [threads] {
        return new httplib::ThreadPool(static_cast<std::size_t>(threads));
    };
    // A little above the file limit, so that the service answers 413 with a JSON body.
    impl_->server.set_payload_max_length(1024 * 1024);
    impl_->server.set_read_timeout(10, 0);
    impl_->server.set_keep_alive_max_count(1000);
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and
    // delayed ACKs hold every keep-alive response for about 40 ms.
    impl_->server.set_tcp_nodelay(true);
    // Remember the listening socket: httplib listens with a backlog of 5, which drops
    // connection attempts (a 1 s SYN retry) when many clients connect at once. Bind() raises it.
    impl_->server.set_socket_options([this](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listen_socket_ = sock;
    });
    impl_->Routes();
}

HttpServer::~HttpServer() = default;

bool HttpServer::Bind(std::string& error) {
    auto& c = impl_->config;
    if (c.port == 0) {
        port_ = impl_->server.bind_to_any_port(c.host);
    } else {
        port_ = impl_->server.bind_to_port(c.host, c.port) ? c.port : -1;
    }
    if (port_ <= 0) {
        error = "cannot listen on " + c.host + ":" + std::to_string(c.port);
        return false;
    }
    if (listen_socket_ >= 0) ::listen(listen_socket_, 1024);
    return true;
}

void HttpServer::Run() {
    impl_->server.listen_after_bind();
}
void HttpServer::Stop() {
    impl_->server.stop();
}

}  // namespace tasjil::server
