// Tasjil server: the secrets that let staff in, made and checked in one place — tokens, password
// hashes, activation codes, recovery codes and time-based one-time passwords (RFC 6238, with
// Debian's liboath). Only hashes are stored, except a second factor's key, which the server
// needs to compute the codes.
//
// Index
//   [SECTION] Tokens and hashes
//   [SECTION] Passwords
//   [SECTION] Activation and recovery codes
//   [SECTION] Time-based one-time passwords
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tasjil::server {

// [SECTION] Tokens and hashes --------------------------------------------------------------------

// SHA-256 of `s`, 64 lowercase hex digits.
std::string Sha256(std::string_view s);
// 32 random bytes as 64 lowercase hex digits (session and device tokens).
std::string NewToken();
// Whether `t` has the shape of a token the server made.
bool IsToken(std::string_view t);

// [SECTION] Passwords ----------------------------------------------------------------------------

// Argon2id (libsodium's interactive limits: 64 MiB, 2 passes). Throws when out of memory.
std::string HashPassword(std::string_view password);
// Whether `password` matches `hash`. An empty hash (an account without a password yet) matches
// nothing, after the same work as a real one, so timing does not tell the two apart.
bool VerifyPassword(const std::string& hash, std::string_view password);

// [SECTION] Activation and recovery codes ---------------------------------------------------------

// An activation code stays valid this long after it was made (the 72 h: a letter
// reaches a school director within three days).
inline constexpr std::int64_t kActivationSeconds = 72 * 3600;
// Four groups of four characters from an alphabet without look-alikes (80 bits): typed from a
// printed letter, or carried by a link.
std::string NewActivationCode();
// How many recovery codes an account gets; each works once, in place of a one-time password.
inline constexpr int kRecoveryCodes = 10;
// Ten codes of two groups of five characters (50 bits each).
std::vector<std::string> NewRecoveryCodes();
// A code as typed, normalised: upper case, spaces and dashes dropped; "" when it has characters
// the alphabet has not. `O` and `I`, `L` are read as `0` and `1`, which the alphabet lacks.
std::string NormalisedCode(std::string_view typed);
// What is stored of a code of `username` (activation or recovery): the SHA-256 of both.
std::string CodeHash(std::string_view username, std::string_view code);

// [SECTION] Time-based one-time passwords ---------------------------------------------------------

// Six digits for 30-second steps, the authenticator apps' defaults.
inline constexpr int kTotpDigits = 6;
inline constexpr int kTotpStepSeconds = 30;
// A code of the step before or after the server's is accepted (a phone's clock off by up to
// half a minute, or a code typed as it changed).
inline constexpr int kTotpWindow = 1;
enum class TotpHash { kSha1, kSha256, kSha512 };

// A new key: 20 random bytes (RFC 4226's recommended 160 bits), in base32 without padding.
std::string NewTotpSecret();
// The code of the step containing `now` for a raw key (RFC 6238's test vectors use these).
std::string TotpCode(std::string_view key, std::int64_t now, int digits = kTotpDigits,
                     TotpHash hash = TotpHash::kSha1);
// The code an authenticator app shows for `secret` (base32) at `now` ("" when it is no key).
std::string TotpCodeOf(const std::string& secret, std::int64_t now);
// The step of `code` for `secret` (base32) within ±kTotpWindow of `now`, if it is later than
// `after_step` (a code already used is refused: replays). None when it is not.
std::optional<std::int64_t> MatchTotp(const std::string& secret, std::string_view code,
                                      std::int64_t now, std::int64_t after_step);
// The key in base32 as an authenticator app's QR code carries it (Key Uri Format).
std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace tasjil::server
