// Index
//   [SECTION] Messages
//   [SECTION] Header values
#include "server/http.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

#include "core/i18n.h"

namespace tasjil::server {

// [SECTION] Messages -----------------------------------------------------------------------------

const std::string* HttpRequest::Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (k == name) return &v;
    }
    return nullptr;
}

std::string HttpRequest::HeaderOr(std::string_view name, std::string fallback) const {
    const auto* v = Header(name);
    return v ? *v : fallback;
}

std::string HttpRequest::Query(std::string_view name) const {
    for (const auto& [k, v] : query) {
        if (k == name) return v;
    }
    return "";
}

void HttpResponse::Set(std::string name, std::string value) {
    for (auto& [k, v] : headers) {
        if (EqualsIgnoreCase(k, name)) {
            v = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

const std::string* HttpResponse::Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (EqualsIgnoreCase(k, name)) return &v;
    }
    return nullptr;
}

// [SECTION] Header values ------------------------------------------------------------------------

namespace {

char Lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A non-empty run of decimal digits that fits in 64 bits.
bool ParseDecimal(std::string_view s, std::uint64_t& out) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (Lower(a[i]) != Lower(b[i])) return false;
    }
    return true;
}

std::string ToLower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = Lower(c);
    return out;
}

bool MediaTypeIs(std::string_view content_type, std::string_view type) {
    const auto semi = content_type.find(';');
    return EqualsIgnoreCase(Trim(content_type.substr(0, semi)), type);
}

ByteRange ParseRange(std::string_view header, std::uint64_t size) {
    ByteRange whole;
    header = Trim(header);
    if (header.size() < 6 || !EqualsIgnoreCase(header.substr(0, 6), "bytes=")) return whole;
    const std::string_view spec = Trim(header.substr(6));
    if (spec.find(',') != std::string_view::npos) return whole;  // several: send it all
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos) return whole;
    const std::string_view a = Trim(spec.substr(0, dash)), b = Trim(spec.substr(dash + 1));
    ByteRange r;
    if (a.empty()) {  // "-N": the last N bytes
        std::uint64_t n = 0;
        if (!ParseDecimal(b, n)) return whole;
        if (n == 0 || size == 0) return {ByteRange::Kind::kUnsatisfiable, 0, 0};
        n = std::min(n, size);
        return {ByteRange::Kind::kPartial, size - n, n};
    }
    std::uint64_t first = 0, last = 0;
    if (!ParseDecimal(a, first)) return whole;
    if (b.empty()) {
        last = size == 0 ? 0 : size - 1;
    } else if (!ParseDecimal(b, last) || last < first) {
        return whole;  // invalid: ignored
    }
    if (first >= size) return {ByteRange::Kind::kUnsatisfiable, 0, 0};
    last = std::min(last, size - 1);  // clipped to the representation sent
    r.kind = ByteRange::Kind::kPartial;
    r.first = first;
    r.length = last - first + 1;
    return r;
}

std::string CanonicalIp(std::string_view text) {
    text = Trim(text);
    if (text.empty() || text.size() > 45) return "";
    const std::string s(text);
    unsigned char buf[16];
    char out[INET6_ADDRSTRLEN];
    if (inet_pton(AF_INET, s.c_str(), buf) == 1) {
        return inet_ntop(AF_INET, buf, out, sizeof out) ? out : "";
    }
    if (inet_pton(AF_INET6, s.c_str(), buf) == 1) {
        return inet_ntop(AF_INET6, buf, out, sizeof out) ? out : "";
    }
    return "";
}

std::string ClientAddress(const std::string& peer, const std::string* forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
    const auto trusted = [&](const std::string& a) {
        return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) !=
               trusted_proxies.end();
    };
    if (!forwarded_for || !trusted(peer)) return peer;
    std::string client = peer;
    std::string_view rest = *forwarded_for;
    while (!rest.empty()) {
        const auto comma = rest.rfind(',');
        const std::string_view entry =
            comma == std::string_view::npos ? rest : rest.substr(comma + 1);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        const std::string ip = CanonicalIp(entry);
        if (ip.empty()) break;
        client = ip;
        if (!trusted(ip)) break;
    }
    return client;
}

std::size_t PercentDecodeInPlace(char* text) {
    const auto hex = [](char c) {
        return c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
    };
    char* out = text;
    for (const char* in = text; *in;) {
        if (in[0] == '%' && in[1] && in[2]) {
            const int hi = hex(in[1]), lo = hex(in[2]);
            if (hi >= 0 && lo >= 0 && (hi | lo) != 0) {
                *out++ = static_cast<char>(hi * 16 + lo);
                in += 3;
                continue;
            }
        }
        *out++ = *in++;
    }
    *out = '\0';
    return static_cast<std::size_t>(out - text);
}

std::string LanguageOf(std::string_view accept) {
    // Entries "tag;q=0.8" in the client's order; the first supported one with q > 0 wins, a
    // higher quality first.
    std::string best(core::kDefaultLocale);
    double best_q = 0;
    std::size_t entries = 0;
    while (!accept.empty() && entries++ < 32) {
        const auto comma = accept.find(',');
        std::string_view entry = accept.substr(0, comma);
        accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
        const auto semi = entry.find(';');
        std::string tag = ToLower(Trim(entry.substr(0, semi)));
        double q = 1;
        if (semi != std::string_view::npos) {
            const std::string_view param = Trim(entry.substr(semi + 1));
            if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
                const std::string v(param.substr(2));
                char* end = nullptr;
                q = std::strtod(v.c_str(), &end);
                if (end == v.c_str() || q < 0 || q > 1) q = 0;
            }
        }
        const auto dash = tag.find('-');
        if (dash != std::string::npos) tag.resize(dash);
        if (q > best_q && core::IsSupportedLocale(tag)) {
            best = tag;
            best_q = q;
        }
    }
    return best;
}

}  // namespace tasjil::server
