#include "server/clock.h"

#include <chrono>
#include <cstdio>
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

std::string HttpDate(std::int64_t t) {
    // Names written out: strftime's %a and %b follow the locale, the header does not.
    static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                  tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buf;
}

namespace {

// GSM 03.38's default alphabet (one septet each) and its extension table (two septets: the
// escape and the character), 3GPP TS 23.038 §6.2.1.
constexpr std::u32string_view kGsmBasic =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    U"ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
constexpr std::u32string_view kGsmExtension = U"^{}\\[~]|€";

// Septets of `c` in GSM-7, or 0 when it has none.
int Septets(char32_t c) {
    if (kGsmBasic.find(c) != std::u32string_view::npos) return 1;
    if (kGsmExtension.find(c) != std::u32string_view::npos) return 2;
    return 0;
}

}  // namespace

bool IsGsm7(const std::string& utf8) {
    const auto cps = core::DecodeUtf8Lenient(utf8);
    for (char32_t c : cps) {
        if (Septets(c) == 0) return false;
    }
    return true;
}

std::string FoldToGsm7(const std::string& utf8) {
    // Latin letters French writes that GSM-7 lacks, as their base letter (the usual practice
    // of operators; TS 23.038 itself maps ç to Ç, which reads worse in a sentence).
    static const std::pair<char32_t, const char*> kFold[] = {
        {U'â', "a"},  {U'á', "a"}, {U'ã', "a"}, {U'ç', "c"},      {U'ê', "e"},     {U'ë', "e"},
        {U'î', "i"},  {U'ï', "i"}, {U'í', "i"}, {U'ô', "o"},      {U'ó', "o"},     {U'õ', "o"},
        {U'û', "u"},  {U'ú', "u"}, {U'ÿ', "y"}, {U'œ', "oe"},     {U'Œ', "OE"},    {U'À', "A"},
        {U'Â', "A"},  {U'È', "E"}, {U'Ê', "E"}, {U'Ë', "E"},      {U'Î', "I"},     {U'Ï', "I"},
        {U'Ô', "O"},  {U'Ù', "U"}, {U'Û', "U"}, {U'’', "'"},      {U'‘', "'"},     {U'«', "\""},
        {U'»', "\""}, {U'–', "-"}, {U'—', "-"}, {U'\u00A0', " "}, {U'\u202F', " "}};
    std::string out;
    for (char32_t c : core::DecodeUtf8Lenient(utf8)) {
        const char* folded = nullptr;
        for (const auto& [from, to] : kFold) {
            if (from == c) folded = to;
        }
        if (folded) {
            out += folded;
        } else {
            core::AppendUtf8(out, c);
        }
    }
    return out;
}

int SmsSegments(const std::string& utf8) {
    const auto cps = core::DecodeUtf8Lenient(utf8);
    std::size_t septets = 0;
    bool gsm = true;
    for (char32_t c : cps) {
        const int n = Septets(c);
        if (n == 0) {
            gsm = false;
            break;
        }
        septets += static_cast<std::size_t>(n);
    }
    // UCS-2 counts UTF-16 code units; every character the messages use is in the BMP.
    const std::size_t n = gsm ? septets : cps.size();
    const std::size_t single = gsm ? 160 : 70, part = gsm ? 153 : 67;
    if (n <= single) return 1;
    return static_cast<int>((n + part - 1) / part);
}

}  // namespace tasjil::server
