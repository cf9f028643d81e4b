#include "core/dates.h"

#include <cstdio>

namespace tasjil::core {

namespace {

bool Digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (!Digits(text, 0, 4, y) || !Digits(text, 5, 2, m) || !Digits(text, 8, 2, d)) {
        return std::nullopt;
    }
    const Date ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                   date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::string FormatIsoDate(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

std::optional<std::int64_t> ParseTimestamp(std::string_view text) {
    // YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)
    if (text.size() < 20 || (text[10] != 'T' && text[10] != 't')) return std::nullopt;
    auto day = ParseIsoDate(text.substr(0, 10));
    if (!day) return std::nullopt;
    int hh = 0, mm = 0, ss = 0;
    if (!Digits(text, 11, 2, hh) || text[13] != ':' || !Digits(text, 14, 2, mm) ||
        text[16] != ':' || !Digits(text, 17, 2, ss)) {
        return std::nullopt;
    }
    if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    std::size_t i = 19;
    if (i < text.size() && text[i] == '.') {
        ++i;
        const std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        if (i == start) return std::nullopt;
    }
    const std::int64_t local =
        static_cast<std::int64_t>(date::sys_days(*day).time_since_epoch().count()) * 86400 +
        hh * 3600 + mm * 60 + ss;
    std::string_view zone = text.substr(i);
    if (zone == "Z" || zone == "z") return local;
    int oh = 0, om = 0;
    if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && Digits(zone, 1, 2, oh) &&
        zone[3] == ':' && Digits(zone, 4, 2, om) && oh <= 23 && om <= 59) {
        const std::int64_t offset = (oh * 3600 + om * 60) * (zone[0] == '+' ? 1 : -1);
        return local - offset;
    }
    return std::nullopt;
}

std::optional<Date> ParseTimestampDate(std::string_view text) {
    if (!ParseTimestamp(text)) return std::nullopt;
    return ParseIsoDate(text.substr(0, 10));
}

int AgeInYears(const Date& birth, const Date& on) {
    int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
    const auto bm = static_cast<unsigned>(birth.month());
    const auto bd = static_cast<unsigned>(birth.day());
    const auto om = static_cast<unsigned>(on.month());
    const auto od = static_cast<unsigned>(on.day());
    if (om < bm || (om == bm && od < bd)) --years;
    return years;
}

}  // namespace tasjil::core
