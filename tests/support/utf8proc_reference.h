// The text policy's Unicode operations done by utf8proc (Debian's utf8proc source package): the
// reference that core/unicode.cpp's generated tables are checked against, in the core's tests
// and in the fuzz_text_policy harness. Never linked into the app or the server.
#pragma once

#include <string>
#include <string_view>

namespace tasjil::test::reference {

// utf8proc's NFC of valid UTF-8 (UTF8PROC_STABLE | UTF8PROC_COMPOSE).
std::string Nfc(std::string_view utf8);
// utf8proc's NFKC (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE).
std::string Nfkc(std::string_view utf8);
// utf8proc's compatibility decomposition with marks stripped and case folded, as search keys use.
std::string Fold(std::string_view utf8);
// utf8proc's general category of `cp` as two letters ("Lu", "Cf", "Cn", ...).
std::string Category(char32_t cp);

// True when `utf8` holds U+11A7 after a Hangul syllable: utf8proc's composition drops it there
// (it treats U+11A7, TBase, as a trailing consonant of index 0), which Unicode §3.12 does not, so
// no comparison with utf8proc holds for such text.
bool HasHangulTBase(std::string_view utf8);

}  // namespace tasjil::test::reference
