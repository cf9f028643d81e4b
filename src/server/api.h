// Tasjil server: the route table and its handlers, between HTTP messages and the Service. Each
// route is written once (method, path pattern, metrics label, whether it may block); the
// transport asks Blocking() to decide where a request runs and Handle() to answer it. Handle
// never throws and can be driven without a socket (tests, fuzzing).
//
// Index
//   [SECTION] Configuration
//   [SECTION] Api
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "server/http.h"
#include "server/notifier.h"
#include "server/service.h"
#include "server/static_site.h"

namespace tasjil::server {

// [SECTION] Configuration ------------------------------------------------------------------------

struct ApiConfig {
    std::string web_dir;          // the built app (build/wasm); "" = no static files
    std::string openapi;          // the OpenAPI description's text
    std::string schoolmap_json;   // the map served to the app
    std::string rules_json;       // the rules served to the app
    int submit_per_minute = 120;  // per client address; 0 = no limit
    int status_per_minute = 30;   // status look-ups per client address; 0 = no limit
    int login_per_minute = 10;    // log-in attempts per client address; 0 = no limit
    std::string dlr_secret;  // SMS delivery reports must be signed with it ("" = none accepted)
};

// A token bucket per client address: `per_minute` requests, refilled continuously; the number
// of addresses remembered is bounded.
class RateLimiter {
  public:
    explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
    // 0 when allowed, else the seconds to wait.
    int Take(const std::string& client);

  private:
    struct Bucket {
        double tokens;
        double at;
    };
    int per_minute_;
    std::mutex mutex_;
    std::map<std::string, Bucket> buckets_;
};

// Request counts and latencies per route label (labels come only from the route table), and
// the server's gauges and error counts, in the Prometheus text format.
class Metrics {
  public:
    void Observe(std::string_view route, int status, double seconds);
    std::string Render(Storage& storage, const Notifier* notifier, Service& service);

  private:
    struct Histogram {
        std::array<std::uint64_t, 8> counts{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Histogram> latency_;
};

// [SECTION] Api ----------------------------------------------------------------------------------

// Seconds a client is told to wait when the database is away (Retry-After of a 503): about
// what a restart or a failover takes.
inline constexpr int kUnavailableRetryAfter = 5;
// GET /api/v1/rules/current: the rules of the school year the server takes files for now.
inline constexpr const char* kCurrentRules = "current";

class Api {
  public:
    Api(Service& service, Notifier* notifier, ApiConfig config);
    ~Api();

    // True when the request's handler touches the database or hashes a password: the
    // transport runs it on a worker, never on the thread that moves bytes.
    bool Blocking(const HttpRequest& request) const;
    // The answer to a request, security headers included. Never throws: an exception becomes
    // a logged, counted 500, or 503 with Retry-After when the database is away.
    HttpResponse Handle(const HttpRequest& request);
    // The private listener's answer: /metrics only.
    HttpResponse HandlePrivate(const HttpRequest& request);
    // A JSON error answer for the transport's own refusals (431, 413, 400, 503).
    HttpResponse Refusal(int status, const std::string& code, const HttpRequest& request) const;

    Metrics& metrics() { return metrics_; }
    // Serves a new school map and rules (their JSON, as read from their files) and hands them
    // to the service: requests in flight finish with the old ones, none is dropped. Returns ""
    // or why the new ones were refused (the old ones stay).
    std::string Reload(const std::string& map_json, const std::string& rules_json,
                       std::vector<SchoolLeftMap>* left = nullptr);
    StaticSite& site() { return site_; }

    struct Route;

  private:
    friend struct ApiHandlers;
    const Route* Find(const HttpRequest& request, std::vector<std::string>* params,
                      bool* method_mismatch) const;
    // Answers the request and sets `label` to its route's metrics label (found once).
    HttpResponse Dispatch(const HttpRequest& request, std::string_view& label);
    // The label of a request no route matches.
    static std::string_view UnroutedLabel(const HttpRequest& request);

    Service& service_;
    Notifier* notifier_;
    ApiConfig config_;
    StaticSite site_;
    RateLimiter submit_limit_, status_limit_, login_limit_;
    Metrics metrics_;
    // What the map and rules routes answer, built once per map and rules.
    struct Published {
        std::string map_json, map_etag, rules_json, rules_etag, school_year;
        // One province's part of the map (the app of a directorate's kiosk needs no more).
        std::map<std::string, std::pair<std::string, std::string>> province_maps;  // {json, etag}
        // The regions and provinces only (a map with no communes), for the app's first list.
        std::string provinces_json, provinces_etag;
    };
    static std::shared_ptr<const Published> Publish(const core::SchoolMap& map,
                                                    std::string map_json, std::string rules_json,
                                                    std::string school_year);
    std::shared_ptr<const Published> published() const;
    mutable std::mutex published_mutex_;
    std::shared_ptr<const Published> published_;
};

// Adds the headers every answer carries (nosniff, referrer policy, CSP).
void AddSecurityHeaders(HttpResponse& response);

}  // namespace tasjil::server
