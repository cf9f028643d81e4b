// Tasjil server: what makes a staff password acceptable. The rules of NIST SP 800-63B § 5.1.1.2
// for memorised secrets: a length, and no password from the lists attackers try first; no
// rules of composition (they make passwords harder to remember, not to guess).
#pragma once

#include <string_view>

namespace tasjil::server {

enum class PasswordProblem {
    kNone,
    kTooShort,      // fewer than kMinPasswordLength characters
    kTooLong,       // more than kMaxPasswordBytes bytes (what a log-in accepts)
    kCommon,        // a common password, or one with only digits or symbols added at its end
    kOneCharacter,  // one character repeated
    kHasUsername,   // contains the account's username
};

// In characters (Unicode code points), and in bytes.
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

PasswordProblem CheckPassword(std::string_view password, std::string_view username);

// Whether `candidate` (any case) is in the list of common passwords.
bool IsCommonPassword(std::string_view candidate);

// What to tell an operator or a staff member, in English (the command line's language).
const char* PasswordProblemText(PasswordProblem problem);

}  // namespace tasjil::server
