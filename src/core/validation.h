// Tasjil core: the content rules of an electronic file. Every rule yields a stable code; the
// catalogues in assets/i18n/ turn codes into messages in Arabic, Tamazight and French.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.h"
#include "core/electronic_file.h"
#include "core/field_error.h"

namespace tasjil::core {

// Kind of number: Moroccan ones by the national numbering plan (ANRT): 06/07 mobile, 05/08
// fixed; any other country's number (a parent living abroad) is international, reachable by a
// call but not by the service's SMS gateway.
enum class PhoneKind { kMobile, kFixed, kInternational };

struct NormalizedPhone {
    std::string e164;  // "+2126XXXXXXXX"
    PhoneKind kind;    // mobile numbers can receive SMS
};

// Accepts 0XXXXXXXXX, +212XXXXXXXXX and 00212XXXXXXXXX, and international numbers in E.164
// (+ or 00, a country code other than 212, 8 to 15 digits in all), with spaces, dots, dashes
// or parentheses between digits; returns nullopt for anything else.
std::optional<NormalizedPhone> NormalizePhone(std::string_view text);

// The countries a birth place or a nationality may name: ISO 3166-1 alpha-2, in code order.
std::vector<std::string_view> CountryCodes();

// CIN (carte nationale d'identité): one or two letters then a number without leading zero.
bool IsValidCin(std::string_view text);

// Practical e-mail syntax (RFC 5321 sizes, dot-atom local part, a domain with a dot). Domains
// may be internationalised, as U-labels (UTF-8 letters and digits, Morocco's «.المغرب») or
// A-labels ("xn--…", RFC 5890).
bool IsValidEmail(std::string_view text);

// Rewrites phones to E.164 and upper-cases CINs, in place, so stored files are uniform.
// Values that do not parse are left as typed (Validate reports them).
void NormalizeFile(ElectronicFile& file);

// Checks every content rule against `today` (the caller's date, so results are reproducible).
// Errors are in document order.
FieldErrors Validate(const ElectronicFile& file, const Date& today);

// created_at and submitted_at no later than `now` (seconds since the epoch) plus `skew`
// ("timestamp.in_future"): the server's check, with its own clock.
FieldErrors ValidateAgainstClock(const ElectronicFile& file, std::int64_t now, std::int64_t skew);

}  // namespace tasjil::core
