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
// "Fri, 10 Apr 2026 09:00:00 GMT" (RFC 9110 §5.6.7, the Date header).
std::string HttpDate(std::int64_t unix_seconds);

// The number of SMS segments a text takes: 160 GSM-7 septets (an extension character such as
// € or [ takes two), or 70 UCS-2 characters for Arabic and Tifinagh (153/67 each when
// concatenated).
int SmsSegments(const std::string& utf8);
// Whether the whole text is in GSM-7's alphabet (sent with coding 0: 160 characters a segment).
bool IsGsm7(const std::string& utf8);
// French text with the letters GSM-7 lacks (ç, ê, î, ô, û, œ, typographic quotes) as their
// nearest GSM-7 letters, so that a French SMS is never sent as UCS-2 (70 characters a segment).
std::string FoldToGsm7(const std::string& utf8);

}  // namespace tasjil::server
