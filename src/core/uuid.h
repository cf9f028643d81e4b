// Tasjil core: UUID version 4, the file_id every draft gets at its first keystroke (the server is
// idempotent on it, so a retried submission can never create a second file), and bytes as text:
// hexadecimal, and percent-encoded for a URI.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tasjil::core {

// Lower-case canonical form "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx".
bool IsUuidV4(std::string_view text);

// Formats 16 random bytes as a version-4, variant-1 UUID (the caller supplies the randomness:
// crypto.getRandomValues in the browser, the OS generator on the server).
std::string UuidV4FromBytes(const std::array<std::uint8_t, 16>& random);

// Lower-case hexadecimal of `n` bytes (UUIDs, tokens, hashes, ETags).
std::string HexEncode(const unsigned char* data, std::size_t n);

// Every byte but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~) as %XX: a query value
// or a path segment (staff lists' filters, a username in a URL, an otpauth URI's label).
std::string PercentEncode(std::string_view text);

}  // namespace tasjil::core
