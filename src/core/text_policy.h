// Tasjil core: the one Unicode policy for every free-text field of the electronic file (names,
// address, place of birth, civil-status office, siblings, decision notes), applied the same way
// by the app, the CLI and the server because they all call it. Normalisation and character
// properties come from core/unicode.h: tables generated from the Unicode Character Database,
// checked against utf8proc and Unicode's own normalisation tests, not hand-written.
//
// What a school and the receipt show must be what was typed: text is stored in NFC; format
// characters (bidi controls and isolates, ZWJ/ZWNJ, BOM, tag characters), private-use code
// points and noncharacters are refused, since they change how text is displayed or compared
// without being visible (Unicode TR #36, "Unicode Security Considerations").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tasjil::core {

// NFC, then the letters that look alike folded to one: Arabic presentation forms (U+FB50–FDFF,
// U+FE70–FEFF) to their letters (compatibility decomposition), Persian yeh U+06CC to Arabic yeh
// U+064A and keheh U+06A9 to kaf U+0643 (keyboards in Morocco type either). Invalid UTF-8 is
// returned unchanged (the parser refuses it).
std::string NormalizeText(std::string_view utf8);

// The first reason `utf8` breaks the policy, as a validation code, or "" when it is fine:
// "text.control_character" (C0/C1 controls, line and paragraph separators),
// "text.format_character" (category Cf), "text.private_use" (Co), "text.noncharacter"
// (U+FDD0–FDEF, U+xFFFE/xFFFF) or "text.unassigned" (Cn).
const char* TextPolicyViolation(std::string_view utf8);

// The number of code points (the unit of every length limit shown to a parent).
std::size_t CharacterCount(std::string_view utf8);

// The key a searchable list compares, so that a parent finds a place however they spell it:
// compatibility decomposition with marks stripped and case folded (so "Fès" = "fes", "أ" / "إ" /
// "آ" = "ا", harakat and shadda gone), then alef wasla to alef, ta marbuta to ha, alef maqsura to
// ya, tatweel removed, runs of spaces, hyphens and apostrophes to one space. Invalid UTF-8 folds
// to "".
std::string FoldForSearch(std::string_view utf8);

// True when every word of `query` (folded) starts a word of `text` (folded), in any order:
// "hay sal" finds "Hay Salam", "السلام" finds "حي السلام".
bool SearchMatches(std::string_view text_folded, std::string_view query_folded);

// True for a code point of general category L* (a letter of any script); tatweel U+0640 is a
// modifier letter (Lm) but only stretches a line, so it does not count.
bool IsLetterCodePoint(char32_t cp);
// True for a combining mark (Mn, Mc, Me).
bool IsMarkCodePoint(char32_t cp);

}  // namespace tasjil::core
