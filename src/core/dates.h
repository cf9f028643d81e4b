// Tasjil core: calendar dates in the electronic file (YYYY-MM-DD, proleptic Gregorian).
// Parsing is done by hand instead of date::parse so that the wasm build does not pull in
// iostreams and locales; the arithmetic and validity checks are Howard Hinnant's `date`.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tasjil::core {

using Date = date::year_month_day;

// Parses exactly "YYYY-MM-DD" (four-digit year) and checks the day exists (29 February only
// in leap years). Returns nullopt for anything else.
std::optional<Date> ParseIsoDate(std::string_view text);

// Formats as "YYYY-MM-DD".
std::string FormatIsoDate(const Date& d);

// Accepts an RFC 3339 timestamp ("2026-04-03T09:15:00Z", optional fraction, Z or ±hh:mm).
// Returns the calendar date in UTC-independent form (the date as written) or nullopt.
std::optional<Date> ParseTimestampDate(std::string_view text);
// The same timestamp as seconds since the epoch (UTC, the offset applied).
std::optional<std::int64_t> ParseTimestamp(std::string_view text);

// Whole years between birth and `on` (the child's age on that day; 29 February birthdays are
// reached on 1 March in common years, as the civil-status code counts them).
int AgeInYears(const Date& birth, const Date& on);

}  // namespace tasjil::core
