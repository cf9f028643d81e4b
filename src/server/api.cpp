// Index
//   [SECTION] Rate limits
//   [SECTION] Metrics
//   [SECTION] The route table
//   [SECTION] Handling
#include "server/api.h"
#include "server/clock.h"

#include <chrono>
#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/reference.h"
#include "server/log.h"

namespace tasjil::server {

namespace {

double SteadySeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// What a service result is in HTTP (RFC 9110 §15).
int HttpStatus(ResultKind result) {
    switch (result) {
        case ResultKind::kOk:
            return 200;
        case ResultKind::kCreated:
            return 201;
        case ResultKind::kMalformed:
            return 400;
        case ResultKind::kUnauthenticated:
            return 401;
        case ResultKind::kForbidden:
            return 403;
        case ResultKind::kNotFound:
            return 404;
        case ResultKind::kConflict:
            return 409;
        case ResultKind::kTooLarge:
            return 413;
        case ResultKind::kRefused:
            return 422;
        case ResultKind::kThrottled:
            return 429;
        case ResultKind::kFailed:
            return 500;
    }
    return 500;
}

HttpResponse Json(const Reply& r) {
    HttpResponse res;
    res.status = HttpStatus(r.result);
    res.Set("Content-Type", r.format == BodyFormat::kCsv ? "text/csv; charset=utf-8" : kJsonType);
    res.body = r.body;
    if (r.result == ResultKind::kThrottled && r.wait_seconds > 0)
        res.Set("Retry-After", std::to_string(r.wait_seconds));
    return res;
}

// The route layer's own refusal (a method, a media type, a rate, a database away): {code,
// message} in the caller's language with its status.
HttpResponse ErrorResponse(const Service& service, int status, const std::string& code,
                           const std::string& lang, const std::vector<core::Param>& params = {}) {
    HttpResponse res;
    res.status = status;
    res.Set("Content-Type", kJsonType);
    res.body = service.ErrorBody(code, lang, params);
    return res;
}

}  // namespace

// [SECTION] Rate limits --------------------------------------------------------------------------

int RateLimiter::Take(const std::string& client) {
    if (per_minute_ <= 0) return 0;
    const double now = SteadySeconds();
    std::lock_guard lock(mutex_);
    if (buckets_.size() > 100000) buckets_.clear();  // bounded memory under a flood
    auto& b =
        buckets_.try_emplace(client, Bucket{static_cast<double>(per_minute_), now}).first->second;
    b.tokens = std::min<double>(per_minute_, b.tokens + (now - b.at) * per_minute_ / 60.0);
    b.at = now;
    if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
    }
    return static_cast<int>(std::ceil((1 - b.tokens) * 60.0 / per_minute_));
}

// [SECTION] Metrics ------------------------------------------------------------------------------

namespace {
constexpr std::array<double, 8> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 1.0};
}

void Metrics::Observe(std::string_view route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{std::string(route), status}];
    auto& h = latency_[std::string(route)];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++h.counts[i];
    }
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::Render(Storage& storage, const Notifier* notifier, Service& service) {
    std::ostringstream o;
    {
        std::lock_guard lock(mutex_);
        o << "# HELP tasjil_http_requests_total HTTP requests by route and status.\n"
          << "# TYPE tasjil_http_requests_total counter\n";
        for (const auto& [k, v] : requests_) {
            o << "tasjil_http_requests_total{route=\"" << k.first << "\",status=\"" << k.second
              << "\"} " << v << "\n";
        }
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
    }
    o << "# HELP tasjil_exceptions_total Exceptions caught, by where.\n"
      << "# TYPE tasjil_exceptions_total counter\n";
    for (int s = 0; s < static_cast<int>(Site::kCount); ++s) {
        o << "tasjil_exceptions_total{site=\"" << SiteName(static_cast<Site>(s)) << "\"} "
          << ExceptionCount(static_cast<Site>(s)) << "\n";
    }
    const auto& c = service.counters();
    o << "# HELP tasjil_login_failures_total Failed staff log-ins.\n"
      << "# TYPE tasjil_login_failures_total counter\n"
      << "tasjil_login_failures_total " << c.login_failures << "\n"
      << "# HELP tasjil_login_throttled_total Log-ins refused while an account is slowed down.\n"
      << "# TYPE tasjil_login_throttled_total counter\n"
      << "tasjil_login_throttled_total " << c.login_throttled << "\n"
      << "# HELP tasjil_status_throttled_total Status look-ups refused for a reference after "
         "repeated wrong birth dates.\n"
      << "# TYPE tasjil_status_throttled_total counter\n"
      << "tasjil_status_throttled_total " << c.status_throttled << "\n";
    // The readiness probe /readyz answers with (cached a few seconds), for alerting.
    const bool ready = service.Readiness().empty();
    o << "# HELP tasjil_ready 1 when the database can be written now (as /readyz).\n"
      << "# TYPE tasjil_ready gauge\n"
      << "tasjil_ready " << (ready ? 1 : 0) << "\n";
    const PoolStats db = storage.DatabaseStats();
    o << "# HELP tasjil_database_up 1 when the last database operation succeeded.\n"
      << "# TYPE tasjil_database_up gauge\n"
      << "tasjil_database_up " << (db.available ? 1 : 0) << "\n"
      << "# HELP tasjil_database_connections Database connections open, and at most.\n"
      << "# TYPE tasjil_database_connections gauge\n"
      << "tasjil_database_connections{state=\"open\"} " << db.open << "\n"
      << "tasjil_database_connections{state=\"max\"} " << db.size << "\n"
      << "# HELP tasjil_database_events_total Connections opened, failed and lost; operations "
         "that found the database away, and those run again on a fresh connection.\n"
      << "# TYPE tasjil_database_events_total counter\n"
      << "tasjil_database_events_total{event=\"connect\"} " << db.connects << "\n"
      << "tasjil_database_events_total{event=\"connect_failure\"} " << db.connect_failures << "\n"
      << "tasjil_database_events_total{event=\"connection_lost\"} " << db.broken << "\n"
      << "tasjil_database_events_total{event=\"unavailable\"} " << db.unavailable << "\n"
      << "tasjil_database_events_total{event=\"retried\"} " << db.retried << "\n";
    // The counts read the database: while it is away the rest of the page is still served.
    try {
        const auto files = storage.CountFilesByStatus();
        const auto messages = storage.CountMessagesByStatus();
        const auto oldest = storage.OldestPendingMessage();
        o << "# HELP tasjil_files Stored files by status.\n# TYPE tasjil_files gauge\n";
        for (const auto& [k, v] : files) o << "tasjil_files{status=\"" << k << "\"} " << v << "\n";
        o << "# HELP tasjil_notifications Outbox messages by status (pending = queue depth).\n"
          << "# TYPE tasjil_notifications gauge\n";
        for (const auto& [k, v] : messages) {
            o << "tasjil_notifications{status=\"" << k << "\"} " << v << "\n";
        }
        o << "# HELP tasjil_notifications_oldest_pending_seconds Age of the oldest message not "
             "yet delivered (0 when none).\n"
          << "# TYPE tasjil_notifications_oldest_pending_seconds gauge\n"
          << "tasjil_notifications_oldest_pending_seconds "
          << (oldest ? std::max<std::int64_t>(0, SystemClock() - *oldest) : 0) << "\n";
    } catch (const DbError& e) {
        if (!e.unavailable()) throw;
        ReportException(Site::kDatabase);
    }
    if (notifier) {
        o << "# HELP tasjil_notification_attempt_failures_total Failed delivery attempts.\n"
          << "# TYPE tasjil_notification_attempt_failures_total counter\n"
          << "tasjil_notification_attempt_failures_total " << notifier->failures() << "\n";
    }
    return o.str();
}

// [SECTION] The route table ----------------------------------------------------------------------

struct Api::Route {
    const char* method;
    const char* pattern;  // "/api/v1/files/{reference}": {x} matches one path segment
    bool blocking;        // touches the database or hashes a password
    HttpResponse (*handle)(Api& api, const HttpRequest& req, const std::vector<std::string>& p);
};

namespace {

// A path parameter: a short run of letters, digits, '.', '-' and '_'; anything else does not
// match the route (so no parameter carries bytes a handler has to distrust further).
bool IsParam(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::vector<std::string>* params) {
    std::vector<std::string> found;
    while (!pattern.empty() || !path.empty()) {
        if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
        pattern.remove_prefix(1);
        path.remove_prefix(1);
        const auto pe = pattern.find('/'), se = path.find('/');
        const std::string_view pseg = pattern.substr(0, pe), sseg = path.substr(0, se);
        if (pseg.size() > 2 && pseg.front() == '{' && pseg.back() == '}') {
            if (!IsParam(sseg)) return false;
            found.emplace_back(sseg);
        } else if (pseg != sseg) {
            return false;
        }
        pattern = pe == std::string_view::npos ? std::string_view() : pattern.substr(pe);
        path = se == std::string_view::npos ? std::string_view() : path.substr(se);
    }
    if (params) *params = std::move(found);
    return true;
}

}  // namespace

// Handlers reach the Api's members through this friend-like helper struct.
struct ApiHandlers {
    static std::string Lang(const HttpRequest& r) {
        return LanguageOf(r.HeaderOr("accept-language"));
    }

    static bool Limited(Api& api, RateLimiter& limiter, const HttpRequest& req, HttpResponse& res) {
        const int wait = limiter.Take(req.client);
        if (wait == 0) return false;
        res = ErrorResponse(api.service_, 429, "request.rate_limited", Lang(req),
                            {{"seconds", std::to_string(wait)}});
        res.Set("Retry-After", std::to_string(wait));
        return true;
    }

    static HttpResponse Cached(const HttpRequest& req, const std::string& body,
                               const std::string& etag) {
        HttpResponse res;
        res.Set("ETag", etag);
        res.Set("Cache-Control", "no-cache");
        const auto* inm = req.Header("if-none-match");
        if (inm && *inm == etag) {
            res.status = 304;
            return res;
        }
        res.Set("Content-Type", kJsonType);
        res.body = body;
        return res;
    }

    static std::string Bearer(const HttpRequest& req) {
        const std::string auth = req.HeaderOr("authorization");
        return auth.size() > 7 && EqualsIgnoreCase(auth.substr(0, 7), "Bearer ") ? auth.substr(7)
                                                                                 : "";
    }

    static HttpResponse Submit(Api& api, const HttpRequest& req, const std::vector<std::string>&) {
        HttpResponse res;
        if (Limited(api, api.submit_limit_, req, res)) return res;
        if (!JsonBody(api, req, res)) return res;
        return Json(api.service_.Submit(req.body, Lang(req)));
    }
    static HttpResponse Status(Api& api, const HttpRequest& req,
                               const std::vector<std::string>& p) {
        HttpResponse res;
        if (Limited(api, api.status_limit_, req, res)) return res;
        return Json(api.service_.Status(p[0], req.Query("birth_date"), Lang(req)));
    }
    static HttpResponse SchoolMap(Api& api, const HttpRequest& req,
                                  const std::vector<std::string>&) {
        const auto p = api.published();
        return Cached(req, p->map_json, p->map_etag);
    }
    static HttpResponse ProvinceMap(Api& api, const HttpRequest& req,
                                    const std::vector<std::string>& p) {
        const auto published = api.published();
        auto it = published->province_maps.find(p[0]);
        if (it == published->province_maps.end())
            return ErrorResponse(api.service_, 404, "not_found", Lang(req));
        return Cached(req, it->second.first, it->second.second);
    }
    static HttpResponse Provinces(Api& api, const HttpRequest& req,
                                  const std::vector<std::string>&) {
        const auto published = api.published();
        return Cached(req, published->provinces_json, published->provinces_etag);
    }
    static HttpResponse Rules(Api& api, const HttpRequest& req, const std::vector<std::string>& p) {
        const auto published = api.published();
        // "current" is the school year open now: the app files for the year the server takes,
        // never one worked out from the device's clock.
        if (p[0] != published->school_year && p[0] != kCurrentRules)
            return ErrorResponse(api.service_, 404, "rules.not_found", Lang(req));
        return Cached(req, published->rules_json, published->rules_etag);
    }
    static HttpResponse Login(Api& api, const HttpRequest& req, const std::vector<std::string>&) {
        HttpResponse res;
        if (Limited(api, api.login_limit_, req, res)) return res;
        if (!MediaTypeIs(req.HeaderOr("content-type"), "application/json"))
            return ErrorResponse(api.service_, 415, "request.unsupported_media_type", Lang(req));
        return Json(api.service_.Login(
            req.body, Lang(req),
            {req.client, req.HeaderOr("x-tasjil-device"), req.HeaderOr("user-agent")}));
    }
    static HttpResponse Logout(Api& api, const HttpRequest& req, const std::vector<std::string>&) {
        const std::string bearer = Bearer(req);
        if (bearer.empty() || !api.service_.Logout(bearer))
            return ErrorResponse(api.service_, 401, "auth.required", Lang(req));
        HttpResponse res;
        res.status = 204;
        return res;
    }
    static HttpResponse Sessions(Api& api, const HttpRequest& req,
                                 const std::vector<std::string>&) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty()) return res;
        return Private(Json(api.service_.Sessions(staff, Bearer(req))));
    }
    static HttpResponse EndSession(Api& api, const HttpRequest& req,
                                   const std::vector<std::string>& p) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty()) return res;
        return Private(Json(api.service_.EndSession(staff, p[0], Lang(req))));
    }
    static HttpResponse Accounts(Api& api, const HttpRequest& req,
                                 const std::vector<std::string>&) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty()) return res;
        return Private(Json(api.service_.Accounts(staff, Lang(req))));
    }
    static HttpResponse Account(Api& api, const HttpRequest& req,
                                const std::vector<std::string>& p) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty()) return res;
        return Private(Json(api.service_.Account(staff, p[0], Lang(req))));
    }
    static HttpResponse CreateAccount(Api& api, const HttpRequest& req,
                                      const std::vector<std::string>&) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty() || !JsonBody(api, req, res)) return res;
        return Private(Json(api.service_.CreateAccount(staff, req.body, Lang(req))));
    }
    static HttpResponse ImportAccounts(Api& api, const HttpRequest& req,
                                       const std::vector<std::string>&) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty()) return res;
        if (!MediaTypeIs(req.HeaderOr("content-type"), "text/csv"))
            return ErrorResponse(api.service_, 415, "accounts.import.media_type", Lang(req));
        return Private(Json(api.service_.ImportAccounts(staff, req.body, Lang(req))));
    }
    // POST …/accounts/{username}/disable, /enable, /reset.
    template <AccountAction kAction>
    static HttpResponse ChangeAccount(Api& api, const HttpRequest& req,
                                      const std::vector<std::string>& p) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty()) return res;
        return Private(Json(api.service_.ChangeAccount(staff, p[0], kAction, Lang(req))));
    }
    // POST /api/v1/staff/activation/start and /api/v1/staff/activation: no session yet, so
    // limited like log-ins.
    template <bool kStart>
    static HttpResponse Activation(Api& api, const HttpRequest& req,
                                   const std::vector<std::string>&) {
        HttpResponse res;
        if (Limited(api, api.login_limit_, req, res)) return res;
        if (!JsonBody(api, req, res)) return res;
        const LoginOrigin origin{req.client, "", req.HeaderOr("user-agent")};
        return Private(Json(kStart ? api.service_.StartActivation(req.body, Lang(req), origin)
                                   : api.service_.Activate(req.body, Lang(req), origin)));
    }
    // The staff member behind the request's bearer token, or "" after answering 401 in `res`.
    static std::string StaffOf(Api& api, const HttpRequest& req, HttpResponse& res) {
        const std::string staff = api.service_.Authenticate(Bearer(req));
        if (staff.empty()) {
            res = ErrorResponse(api.service_, 401, "auth.required", Lang(req));
        }
        return staff;
    }
    static bool JsonBody(Api& api, const HttpRequest& req, HttpResponse& res) {
        if (MediaTypeIs(req.HeaderOr("content-type"), "application/json")) return true;
        res = ErrorResponse(api.service_, 415, "request.unsupported_media_type", Lang(req));
        return false;
    }
    static QueryParam Params(const HttpRequest& req) {
        return [&req](const char* name) { return req.Query(name); };
    }
    static HttpResponse Private(HttpResponse res) {
        res.Set("Cache-Control", "no-store");
        return res;
    }
    static HttpResponse Me(Api& api, const HttpRequest& req, const std::vector<std::string>&) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty()) return res;
        return Private(Json(api.service_.StaffMe(staff, Lang(req))));
    }
    static HttpResponse StaffFiles(Api& api, const HttpRequest& req,
                                   const std::vector<std::string>&) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty()) return res;
        return Private(Json(api.service_.StaffFiles(staff, Params(req), Lang(req))));
    }
    static HttpResponse Export(Api& api, const HttpRequest& req, const std::vector<std::string>&) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty()) return res;
        res = Private(Json(api.service_.Export(staff, Params(req), Lang(req))));
        if (res.status == 200)
            res.Set("Content-Disposition", "attachment; filename=\"tasjil-files.csv\"");
        return res;
    }
    static HttpResponse StaffFile(Api& api, const HttpRequest& req,
                                  const std::vector<std::string>& p) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty()) return res;
        return Private(Json(api.service_.StaffFile(staff, p[0], Lang(req))));
    }
    static HttpResponse Decide(Api& api, const HttpRequest& req,
                               const std::vector<std::string>& p) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty() || !JsonBody(api, req, res)) return res;
        return Private(Json(api.service_.Decide(staff, p[0], req.body, Lang(req))));
    }
    static HttpResponse ExportFile(Api& api, const HttpRequest& req,
                                   const std::vector<std::string>& p) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty()) return res;
        res = Private(Json(api.service_.ExportFile(staff, p[0], Lang(req))));
        // The reference was checked by the service: only its canonical letters reach the name.
        if (res.status == 200) {
            const auto canonical = core::ParseReference(p[0]);
            res.Set("Content-Disposition",
                    "attachment; filename=\"tasjil-" + canonical.value_or("file") + ".json\"");
        }
        return res;
    }
    static HttpResponse Rectify(Api& api, const HttpRequest& req,
                                const std::vector<std::string>& p) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty() || !JsonBody(api, req, res)) return res;
        return Private(Json(api.service_.Rectify(staff, p[0], req.body, Lang(req))));
    }
    static HttpResponse Bulk(Api& api, const HttpRequest& req, const std::vector<std::string>&) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty() || !JsonBody(api, req, res)) return res;
        return Private(Json(api.service_.BulkApprove(staff, req.body, Lang(req))));
    }
    static HttpResponse Move(Api& api, const HttpRequest& req, const std::vector<std::string>& p) {
        HttpResponse res;
        const std::string staff = StaffOf(api, req, res);
        if (staff.empty() || !JsonBody(api, req, res)) return res;
        return Private(Json(api.service_.Move(staff, p[0], req.body, Lang(req))));
    }
    static HttpResponse DeliveryReport(Api& api, const HttpRequest& req,
                                       const std::vector<std::string>&) {
        // Kannel's delivery report callback: the message id we put in dlr-url, its signature, and
        // the status. Unsigned or forged reports never reach the database.
        HttpResponse res;
        const std::string id = req.Query("id"), status = req.Query("status");
        if (id.size() > 64 || status.size() > 16 ||
            !DeliveryReportSigned(api.config_.dlr_secret, id, req.Query("sig"))) {
            res.status = 403;
            return res;
        }
        res.status = api.service_.storage().RecordDeliveryReport(id, status) ? 204 : 404;
        return res;
    }
    static HttpResponse OpenApi(Api& api, const HttpRequest&, const std::vector<std::string>&) {
        HttpResponse res;
        res.Set("Content-Type", "application/yaml; charset=utf-8");
        res.body = api.config_.openapi;
        return res;
    }
    static HttpResponse Health(Api&, const HttpRequest&, const std::vector<std::string>&) {
        HttpResponse res;
        res.Set("Content-Type", kJsonType);
        res.body = R"({"status":"ok"})";
        return res;
    }
    static HttpResponse Ready(Api& api, const HttpRequest&, const std::vector<std::string>&) {
        HttpResponse res;
        res.Set("Content-Type", kJsonType);
        const std::string why = api.service_.Readiness();
        res.status = why.empty() ? 200 : 503;
        res.body = why.empty() ? R"({"status":"ready"})"
                               : nlohmann::json{{"status", "not_ready"}, {"reason", why}}.dump();
        return res;
    }
};

namespace {

// Every route of the public listener, once. Anything else under /api/ is 404; any other GET or
// HEAD is a static file (or 404).
const Api::Route kRoutes[] = {
    {"POST", "/api/v1/files", true, ApiHandlers::Submit},
    {"GET", "/api/v1/files/{reference}", true, ApiHandlers::Status},
    {"GET", "/api/v1/schoolmap", false, ApiHandlers::SchoolMap},
    {"GET", "/api/v1/schoolmap/{province}", false, ApiHandlers::ProvinceMap},
    {"GET", "/api/v1/provinces", false, ApiHandlers::Provinces},
    {"GET", "/api/v1/rules/{school_year}", false, ApiHandlers::Rules},
    {"POST", "/api/v1/staff/sessions", true, ApiHandlers::Login},
    {"DELETE", "/api/v1/staff/sessions", true, ApiHandlers::Logout},
    {"GET", "/api/v1/staff/sessions", true, ApiHandlers::Sessions},
    {"DELETE", "/api/v1/staff/sessions/{id}", true, ApiHandlers::EndSession},
    {"GET", "/api/v1/staff/me", true, ApiHandlers::Me},
    {"GET", "/api/v1/staff/accounts", true, ApiHandlers::Accounts},
    {"POST", "/api/v1/staff/accounts", true, ApiHandlers::CreateAccount},
    {"POST", "/api/v1/staff/accounts/import", true, ApiHandlers::ImportAccounts},
    {"GET", "/api/v1/staff/accounts/{username}", true, ApiHandlers::Account},
    {"POST", "/api/v1/staff/accounts/{username}/disable", true,
     ApiHandlers::ChangeAccount<AccountAction::kDisable>},
    {"POST", "/api/v1/staff/accounts/{username}/enable", true,
     ApiHandlers::ChangeAccount<AccountAction::kEnable>},
    {"POST", "/api/v1/staff/accounts/{username}/reset", true,
     ApiHandlers::ChangeAccount<AccountAction::kReset>},
    {"POST", "/api/v1/staff/activation/start", true, ApiHandlers::Activation<true>},
    {"POST", "/api/v1/staff/activation", true, ApiHandlers::Activation<false>},
    {"GET", "/api/v1/staff/files", true, ApiHandlers::StaffFiles},
    {"GET", "/api/v1/staff/export.csv", true, ApiHandlers::Export},
    {"GET", "/api/v1/staff/files/{reference}", true, ApiHandlers::StaffFile},
    {"POST", "/api/v1/staff/files/{reference}/decision", true, ApiHandlers::Decide},
    {"POST", "/api/v1/staff/files/{reference}/move", true, ApiHandlers::Move},
    {"GET", "/api/v1/staff/files/{reference}/export", true, ApiHandlers::ExportFile},
    {"POST", "/api/v1/staff/files/{reference}/rectification", true, ApiHandlers::Rectify},
    {"POST", "/api/v1/staff/decisions", true, ApiHandlers::Bulk},
    {"GET", "/api/v1/sms/dlr", true, ApiHandlers::DeliveryReport},
    {"GET", "/api/v1/openapi.yaml", false, ApiHandlers::OpenApi},
    {"GET", "/healthz", false, ApiHandlers::Health},
    {"GET", "/readyz", true, ApiHandlers::Ready},
};

bool IsApiPath(std::string_view path) {
    return path == "/api" || path.rfind("/api/", 0) == 0 || path == "/healthz" || path == "/readyz";
}

}  // namespace

// [SECTION] Handling -----------------------------------------------------------------------------

void AddSecurityHeaders(HttpResponse& res) {
    res.Set("X-Content-Type-Options", "nosniff");
    res.Set("Referrer-Policy", "no-referrer");
    res.Set("Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
}

Api::Api(Service& service, Notifier* notifier, ApiConfig config)
    : service_(service),
      notifier_(notifier),
      config_(std::move(config)),
      site_(config_.web_dir),
      submit_limit_(config_.submit_per_minute),
      status_limit_(config_.status_per_minute),
      login_limit_(config_.login_per_minute) {
    const auto ref = service_.reference();
    published_ =
        Publish(ref->map, config_.schoolmap_json, config_.rules_json, ref->rules.school_year);
}

std::shared_ptr<const Api::Published> Api::published() const {
    std::lock_guard lock(published_mutex_);
    return published_;
}

std::shared_ptr<const Api::Published> Api::Publish(const core::SchoolMap& map, std::string map_json,
                                                   std::string rules_json,
                                                   std::string school_year) {
    auto out = std::make_shared<Published>();
    out->map_etag = ETagOf(map_json);
    out->rules_etag = ETagOf(rules_json);
    out->map_json = std::move(map_json);
    out->rules_json = std::move(rules_json);
    out->school_year = std::move(school_year);
    const auto& d = map.document();
    {
        core::SchoolMapDocument index;
        index.schema_version = d.schema_version;
        index.name = d.name;
        index.regions = d.regions;
        index.provinces = d.provinces;
        out->provinces_json = core::ToJson(index);
        out->provinces_etag = ETagOf(out->provinces_json);
    }
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
            const auto* c = map.FindCommune(sec.commune);
            if (c && c->province == p.code) part.sectors.push_back(sec);
        }
        for (const auto& sch : d.schools) {
            const auto* c = map.FindCommune(sch.commune);
            if (c && c->province == p.code) part.schools.push_back(sch);
        }
        std::string json = core::ToJson(part);
        std::string etag = ETagOf(json);
        out->province_maps[p.code] = {std::move(json), std::move(etag)};
    }
    return out;
}

std::string Api::Reload(const std::string& map_json, const std::string& rules_json,
                        std::vector<SchoolLeftMap>* left) {
    auto map = core::ParseSchoolMap(map_json);
    if (!map.map) return "the school map is not valid (tasjil schoolmap check says why)";
    if (!map.map->UnservedSectors().empty()) return "the school map has sectors no school serves";
    auto rules = core::ParseRules(rules_json);
    if (!rules.rules) return "the rules file is not valid";
    auto fresh = Publish(*map.map, map_json, rules_json, rules.rules->school_year);
    auto gone = service_.Reload(std::move(*rules.rules), std::move(*map.map));
    {
        std::lock_guard lock(published_mutex_);
        published_ = std::move(fresh);
    }
    if (left) *left = std::move(gone);
    return "";
}

Api::~Api() = default;

const Api::Route* Api::Find(const HttpRequest& req, std::vector<std::string>* params,
                            bool* method_mismatch) const {
    // HEAD is answered as GET (the transport sends no body).
    const std::string method = req.method == "HEAD" ? "GET" : req.method;
    if (method_mismatch) *method_mismatch = false;
    for (const auto& r : kRoutes) {
        if (!MatchPattern(r.pattern, req.path, params)) continue;
        if (method == r.method) return &r;
        if (method_mismatch) *method_mismatch = true;
    }
    return nullptr;
}

bool Api::Blocking(const HttpRequest& req) const {
    const Route* r = Find(req, nullptr, nullptr);
    return r && r->blocking;
}

std::string_view Api::UnroutedLabel(const HttpRequest& req) {
    if (!IsApiPath(req.path) && (req.method == "GET" || req.method == "HEAD")) return "static";
    return "other";
}

HttpResponse Api::Refusal(int status, const std::string& code, const HttpRequest& req) const {
    HttpResponse res = ErrorResponse(service_, status, code, ApiHandlers::Lang(req),
                                     {{"limit", std::to_string(core::kMaxFileBytes)}});
    AddSecurityHeaders(res);
    return res;
}

HttpResponse Api::Dispatch(const HttpRequest& req, std::string_view& label) {
    std::vector<std::string> params;
    bool mismatch = false;
    const Route* route = Find(req, &params, &mismatch);
    label = route ? std::string_view(route->pattern) : UnroutedLabel(req);
    if (route) return route->handle(*this, req, params);
    if (mismatch) {
        HttpResponse res =
            ErrorResponse(service_, 405, "request.method_not_allowed", ApiHandlers::Lang(req));
        std::string allow;
        for (const auto& r : kRoutes) {
            if (MatchPattern(r.pattern, req.path, nullptr))
                allow += (allow.empty() ? "" : ", ") + std::string(r.method);
        }
        res.Set("Allow", allow);
        return res;
    }
    if (IsApiPath(req.path))
        return ErrorResponse(service_, 404, "not_found", ApiHandlers::Lang(req));
    if (req.method != "GET" && req.method != "HEAD") {
        HttpResponse res =
            ErrorResponse(service_, 405, "request.method_not_allowed", ApiHandlers::Lang(req));
        res.Set("Allow", "GET, HEAD");
        return res;
    }
    return site_.Serve(req);
}

HttpResponse Api::Handle(const HttpRequest& req) {
    const double start = SteadySeconds();
    HttpResponse res;
    std::string_view label = UnroutedLabel(req);
    try {
        res = Dispatch(req, label);
    } catch (const DbError& e) {
        ReportException(Site::kHttpHandler);
        if (e.unavailable()) {
            // The database is away (restarting, failing over, full): nothing was acknowledged,
            // and the same request will work again soon.
            res = ErrorResponse(service_, 503, "server.unavailable", ApiHandlers::Lang(req));
            res.Set("Retry-After", std::to_string(kUnavailableRetryAfter));
        } else {
            res = ErrorResponse(service_, 500, "server.error", ApiHandlers::Lang(req));
        }
    } catch (...) {
        ReportException(Site::kHttpHandler);
        res = ErrorResponse(service_, 500, "server.error", ApiHandlers::Lang(req));
    }
    AddSecurityHeaders(res);
    // The server's date (RFC 9110 §6.6.1): the parents' app judges the registration window by it
    // when the device's clock is wrong.
    res.Set("Date", HttpDate(service_.Now()));
    metrics_.Observe(label, res.status, SteadySeconds() - start);
    return res;
}

HttpResponse Api::HandlePrivate(const HttpRequest& req) {
    HttpResponse res;
    try {
        if (req.path != "/metrics" || (req.method != "GET" && req.method != "HEAD")) {
            res.status = 404;
            res.Set("Content-Type", "text/plain; charset=utf-8");
            res.body = "not found";
            return res;
        }
        res.Set("Content-Type", "text/plain; version=0.0.4");
        res.body = metrics_.Render(service_.storage(), notifier_, service_);
    } catch (...) {
        ReportException(Site::kHttpHandler);
        res = HttpResponse{};
        res.status = 500;
    }
    return res;
}

}  // namespace tasjil::server
