// Tasjil core: receipt reference numbers (Arrêté 1036.00 art. 1: a receipt for every
// registration). Parents read them aloud on the phone and type them on a keypad, so:
//   - 31 symbols with no look-alikes (no 0/O, 1/I/L), upper case;
//   - 9 payload symbols (31^9 ≈ 2.6·10^13) and 1 check symbol, shown as "XXXXX-XXXXX";
//   - the check symbol is a position-weighted sum modulo 31 (prime): it catches every single
//     wrong symbol and every swap of two neighbours.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tasjil::core {

inline constexpr std::string_view kReferenceAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t kReferencePayload = 9;

// Makes a reference from a random number (the caller draws it from a secure source).
std::string MakeReference(std::uint64_t random);

// The check symbol for a payload of alphabet symbols, or '\0' when a symbol is not in it.
char ReferenceCheckSymbol(std::string_view payload);

// Canonical form ("XXXXX-XXXXX") of what a person typed: case, spaces and hyphens are
// forgiven; nullopt when a symbol is foreign or the check symbol does not match.
std::optional<std::string> ParseReference(std::string_view typed);

}  // namespace tasjil::core
