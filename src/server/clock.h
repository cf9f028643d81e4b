// Tasjil server: time and text measures shared by the service and the notifier.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace tasjil::server {

// Seconds since the epoch; tests substitute their own clock.
using Clock = std::function<std::int64_t()>;
std::int64_t SystemClock();
// "2026-04-10T09:00:00Z".
std::string Rfc3339(std::int64_t unix_seconds);

// The number of SMS segments a text takes: 160 GSM-7 characters, or 70 UCS-2 characters for
// Arabic and Tifinagh (153/67 each when concatenated).
int SmsSegments(const std::string& utf8);

}  // namespace tasjil::server
