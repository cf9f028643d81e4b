// Tasjil server: what goes to the log. Every caught exception is reported here: one line on
// stderr without personal data (the exception's type, and its message only for the server's own
// errors, whose texts never quote a request) and one count per place, shown in /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <exception>
#include <string_view>

namespace tasjil::server {

// Where an exception was caught.
enum class Site {
    kHttpHandler,
    kNotifier,
    kReadiness,
    kTransport,
    kDatabase,
    kMaintenance,
    kCount
};
std::string_view SiteName(Site site);

// Logs and counts the exception in flight (call from a catch block) or `error`.
void ReportException(Site site, std::exception_ptr error = std::current_exception());
std::uint64_t ExceptionCount(Site site);

}  // namespace tasjil::server
