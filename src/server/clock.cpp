#include "server/clock.h"

#include <chrono>
#include <ctime>

#include "core/utf8.h"

namespace tasjil::server {

std::int64_t SystemClock() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string Rfc3339(std::int64_t t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

int SmsSegments(const std::string& utf8) {
    const auto cps = core::DecodeUtf8Lenient(utf8);
    // GSM 03.38 basic set (approximation: ASCII printable minus a few, plus é è à etc. as the
    // table has them); anything else forces UCS-2.
    static const std::u32string kGsmExtra = U"£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉÄÖÑÜ§¿äöñüà¡";
    bool gsm = true;
    for (char32_t c : cps) {
        const bool basic = (c >= 0x20 && c < 0x7F && c != '`') || c == '\n';
        if (!basic && kGsmExtra.find(c) == std::u32string::npos) {
            gsm = false;
            break;
        }
    }
    const std::size_t n = cps.size();
    const std::size_t single = gsm ? 160 : 70, part = gsm ? 153 : 67;
    if (n <= single) return 1;
    return static_cast<int>((n + part - 1) / part);
}

}  // namespace tasjil::server
