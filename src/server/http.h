// Tasjil server: HTTP messages as plain values, independent of the transport, and the small
// parsers of hostile header values (media types, ranges, forwarded addresses, languages). The
// transport (http_server.cpp) fills an HttpRequest; the API (api.cpp) answers an HttpResponse;
// fuzz targets drive the same functions without a socket.
//
// Index
//   [SECTION] Messages
//   [SECTION] Header values
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tasjil::server {

// [SECTION] Messages -----------------------------------------------------------------------------

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method;  // GET, POST, … as sent
    std::string path;    // percent-decoded path, without the query
    HeaderList query;    // decoded query arguments, in order
    HeaderList headers;  // names in lower case, in order
    std::string body;    // the whole body (bounded by the transport)
    std::string client;  // the client's address (after trusted proxies)

    // The first header of that (lower-case) name, or nullptr.
    const std::string* Header(std::string_view name) const;
    std::string HeaderOr(std::string_view name, std::string fallback = "") const;
    // The first query argument of that name, or "".
    std::string Query(std::string_view name) const;
};

struct HttpResponse {
    int status = 200;
    HeaderList headers;
    std::string body;
    // A body shared with a cache (static files): bytes [offset, offset + length) of *shared.
    std::shared_ptr<const std::string> shared;
    std::size_t offset = 0, length = 0;

    void Set(std::string name, std::string value);
    const std::string* Header(std::string_view name) const;  // case-insensitive
    std::string_view Body() const {
        return shared ? std::string_view(*shared).substr(offset, length) : std::string_view(body);
    }
};

inline constexpr const char* kJsonType = "application/json; charset=utf-8";

// [SECTION] Header values ------------------------------------------------------------------------

bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLower(std::string_view s);

// True when a Content-Type names the media type `type` ("application/json"): compared without
// case, parameters (";charset=utf-8") allowed, nothing else ("application/jsonfoo" is not).
bool MediaTypeIs(std::string_view content_type, std::string_view type);

// A Range request header against a representation of `size` bytes (RFC 9110 §14).
struct ByteRange {
    enum class Kind {
        kWhole,          // no usable Range: send the whole representation (200)
        kPartial,        // send [first, first + length) (206)
        kUnsatisfiable,  // 416 with Content-Range: bytes */size
    };
    Kind kind = Kind::kWhole;
    std::uint64_t first = 0, length = 0;
};
// One range is honoured; a list of several is answered with the whole representation (which a
// server may always do), so the answer is never larger than the file. Malformed values are
// ignored as RFC 9110 asks.
ByteRange ParseRange(std::string_view header, std::uint64_t size);

// The client's address: `peer` itself, unless `peer` is one of `trusted_proxies`; then the
// right-most X-Forwarded-For entry that is not a trusted proxy (a client cannot forge the entries
// the proxies append). Entries that are not IP addresses end the walk.
std::string ClientAddress(const std::string& peer, const std::string* forwarded_for,
                          const std::vector<std::string>& trusted_proxies);
// An IPv4 or IPv6 address in canonical text form, or "" when `text` is not one.
std::string CanonicalIp(std::string_view text);

// Decodes %XX escapes in place (paths and query arguments) and returns the new length. %00 is
// left as it is: a NUL never reaches a handler, so a path cannot be cut short by one.
std::size_t PercentDecodeInPlace(char* text);

// The first of ar, zgh, fr that Accept-Language names with a non-zero quality, in the header's
// order of preference; core::kDefaultLocale otherwise.
std::string LanguageOf(std::string_view accept_language);

}  // namespace tasjil::server
