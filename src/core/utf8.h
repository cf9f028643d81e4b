// Tasjil core: UTF-8 decoding and the script classes that the name rules need.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tasjil::core {

// Decodes strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
// Returns nullopt on any malformed sequence so callers never guess at broken input.
std::optional<std::u32string> DecodeUtf8(std::string_view text);

// Decodes UTF-8 for display: each byte that does not start a valid sequence becomes U+FFFD, so
// drawing never fails on bad input.
std::u32string DecodeUtf8Lenient(std::string_view text);

// Encodes one code point (assumed valid) and appends it.
void AppendUtf8(std::string& out, char32_t cp);

// Arabic letters, including the additions Moroccan names use (ڭ U+06AD, ڤ U+06A4, پ U+067E)
// and presentation forms; not digits or punctuation.
bool IsArabicLetter(char32_t cp);
// Arabic combining marks (harakat, shadda, superscript alef) that may follow a letter.
bool IsArabicMark(char32_t cp);
// Latin letters: ASCII, Latin-1 and Latin Extended-A/B (accents used in French transcriptions).
bool IsLatinLetter(char32_t cp);
// Tifinagh block U+2D30–U+2D7F.
bool IsTifinagh(char32_t cp);

}  // namespace tasjil::core
