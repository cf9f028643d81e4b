// Tasjil core: the content rules of an electronic file. Every rule yields a stable code; the
// catalogues in assets/i18n/ turn codes into messages in Arabic, Tamazight and French.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/dates.h"
#include "core/electronic_file.h"
#include "core/field_error.h"

namespace tasjil::core {

// Kind of Moroccan number, by the national numbering plan (ANRT): 06/07 mobile, 05/08 fixed.
enum class PhoneKind { kMobile, kFixed };

struct NormalizedPhone {
    std::string e164;  // "+2126XXXXXXXX"
    PhoneKind kind;    // mobile numbers can receive SMS
};

// Accepts 0XXXXXXXXX, +212XXXXXXXXX and 00212XXXXXXXXX with spaces, dots, dashes or
// parentheses between digits; returns nullopt for anything else.
std::optional<NormalizedPhone> NormalizePhone(std::string_view text);

// CIN (carte nationale d'identité): one or two letters then a number without leading zero.
bool IsValidCin(std::string_view text);

// Practical e-mail syntax (RFC 5321 sizes, dot-atom local part, a domain with a dot).
bool IsValidEmail(std::string_view text);

// Rewrites phones to E.164 and upper-cases CINs, in place, so stored files are uniform.
// Values that do not parse are left as typed (Validate reports them).
void NormalizeFile(ElectronicFile& file);

// Checks every content rule against `today` (the caller's date, so results are reproducible).
// Errors are in document order.
FieldErrors Validate(const ElectronicFile& file, const Date& today);

}  // namespace tasjil::core
