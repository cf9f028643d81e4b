// Tasjil server: what the API does, independent of HTTP. Each call returns a status code and a
// JSON body; http_server.cpp only moves bytes. The same core library as the browser decides.
//
// Index
//   [SECTION] Results and clock
//   [SECTION] Service
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/i18n.h"
#include "core/rules.h"
#include "core/school_map.h"
#include "server/storage.h"

namespace tasjil::server {

// [SECTION] Results and clock --------------------------------------------------------------------

struct Reply {
    int status = 200;
    std::string body;  // JSON
};

// Seconds since the epoch; tests substitute their own clock.
using Clock = std::function<std::int64_t()>;
std::int64_t SystemClock();
std::string Rfc3339(std::int64_t unix_seconds);

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
                                        const std::string& reference, const std::string& status,
                                        const std::string& kind, const std::string& reasons_text,
                                        std::int64_t now);
    bool InScope(const StaffAccount& staff, const StoredFile& file) const;

    Storage& storage_;
    core::Rules rules_;
    const core::SchoolMap& map_;
    std::map<std::string, core::Catalogue> catalogues_;
    Clock clock_;
};

// The number of SMS segments a text takes: 160 GSM-7 characters, or 70 UCS-2 characters for
// Arabic and Tifinagh (153/67 each when concatenated).
int SmsSegments(const std::string& utf8);

}  // namespace tasjil::server
