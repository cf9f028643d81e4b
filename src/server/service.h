// Tasjil server: what the API does, independent of HTTP. Each call returns a status code and a
// JSON body; http_server.cpp only moves bytes. The same core library as the browser decides.
//
// Index
//   [SECTION] Results and clock
//   [SECTION] Service
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/i18n.h"
#include "core/rules.h"
#include "core/school_map.h"
#include "server/clock.h"
#include "server/storage.h"

namespace tasjil::server {

// [SECTION] Results and clock --------------------------------------------------------------------

struct Reply {
    int status = 200;
    std::string body;     // JSON
    int retry_after = 0;  // seconds, for a 429 (sent as Retry-After)
};

// Growing delays after repeated failures on one key: `free_failures` cost nothing, then each
// further failure doubles the wait from `first_wait` up to `max_wait` (seconds).
struct ThrottlePolicy {
    int free_failures;
    std::int64_t first_wait;
    std::int64_t max_wait;
    std::int64_t forget_after;  // failures older than this are forgotten
};
// Staff log-in, per account: 5 free tries, then 30 s, 1 min, 2 min … up to 1 h.
inline constexpr ThrottlePolicy kLoginThrottle{5, 30, 3600, 24 * 3600};
// Parents' status look-up, per reference: 5 wrong birth dates, then 1 min doubling up to a day,
// so the ~730 plausible dates of a reference cannot be tried.
inline constexpr ThrottlePolicy kStatusThrottle{5, 60, 24 * 3600, 7 * 24 * 3600};
// Seconds to wait before the next try (0 = now).
std::int64_t ThrottleWait(const ThrottleState& state, std::int64_t now,
                          const ThrottlePolicy& policy);

// Counts shown in /metrics.
struct ServiceCounters {
    std::atomic<std::uint64_t> login_failures{0};
    std::atomic<std::uint64_t> login_throttled{0};
    std::atomic<std::uint64_t> status_throttled{0};
};

// [SECTION] Service ------------------------------------------------------------------------------

class Service {
  public:
    Service(Storage& storage, core::Rules rules, const core::SchoolMap& map,
            std::map<std::string, core::Catalogue> catalogues, Clock clock = SystemClock);

    // POST /api/v1/files. `lang` is the caller's language for error messages.
    Reply Submit(const std::string& body, const std::string& content_type, const std::string& lang);
    // GET /api/v1/files/{reference}?birth_date=…
    Reply Status(const std::string& reference, const std::string& birth_date,
                 const std::string& lang);

    // POST /api/v1/staff/sessions {username, password}
    Reply Login(const std::string& body, const std::string& lang);
    // The staff member behind a bearer token, or "" when the token is unknown or expired.
    std::string Authenticate(const std::string& bearer);
    // DELETE /api/v1/staff/sessions: revokes the token; false when it was not a live session.
    bool Logout(const std::string& bearer);
    // "" when the database can be written now, else why not (GET /readyz).
    std::string Readiness();
    const ServiceCounters& counters() const { return counters_; }
    // GET /api/v1/staff/files?status=…
    Reply StaffFiles(const std::string& username, const std::string& status,
                     const std::string& lang);
    // POST /api/v1/staff/files/{reference}/decision {decision, reason_code, note}
    Reply Decide(const std::string& username, const std::string& reference, const std::string& body,
                 const std::string& lang);

    // Creates or updates a staff account (tasjil-server admin create-staff).
    void CreateStaff(const std::string& username, const std::string& password,
                     const std::string& role, const std::string& scope);

    // An error reply {code, message} in the caller's language.
    Reply Error(int status, const std::string& code, const std::string& lang,
                const std::vector<core::Param>& params = {}) const;

    const core::Rules& rules() const { return rules_; }
    const core::SchoolMap& map() const { return map_; }
    Storage& storage() { return storage_; }

  private:
    const core::Catalogue& Catalogue(const std::string& lang) const;
    std::vector<OutboxMessage> Messages(const core::ElectronicFile& file,
                                        const std::string& reference, FileStatus status,
                                        const std::string& kind, const std::string& reasons_text,
                                        std::int64_t now);
    bool InScope(const StaffAccount& staff, const StoredFile& file) const;

    Storage& storage_;
    core::Rules rules_;
    const core::SchoolMap& map_;
    std::map<std::string, core::Catalogue> catalogues_;
    Clock clock_;
    ServiceCounters counters_;
    // The last readiness probe, reused for kReadinessCacheSeconds.
    static constexpr std::int64_t kReadinessCacheSeconds = 5;
    std::mutex readiness_mutex_;
    std::int64_t readiness_checked_at_ = 0;
    std::string readiness_;
};

}  // namespace tasjil::server
