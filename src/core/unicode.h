// Tasjil core: the Unicode operations the text policy is built on — a class of the general
// category, normalisation (NFC, NFKC, and the decomposition with case folding and marks stripped
// that search keys use). Tables are generated at build time from the Unicode Character Database
// (scripts/unicode-tables.py), holding only what these operations need, so the browser carries
// a few kilobytes instead of a whole Unicode library; the tests check every operation against
// utf8proc (the reference) for all 1,114,112 code points.
#pragma once

#include <cstdint>
#include <string>

namespace tasjil::core::unicode {

// The classes of the general category that the policy tells apart.
enum class GeneralClass : std::uint8_t {
    kOther = 0,       // every category not named below (N*, P*, S*, Z*, Cc, Cs)
    kLetter = 1,      // L*: Lu, Ll, Lt, Lm, Lo
    kMark = 2,        // M*: Mn, Mc, Me
    kFormat = 3,      // Cf
    kPrivateUse = 4,  // Co
    kUnassigned = 5,  // Cn, noncharacters included
};

// The class of `cp`; code points above U+10FFFF are unassigned.
GeneralClass ClassOf(char32_t cp);

// The canonical combining class of `cp` (0 for a starter).
std::uint8_t CombiningClass(char32_t cp);

// How Normalize treats its input (flags may be combined).
enum Flags : unsigned {
    kDecompose = 1,      // canonical decomposition, then canonical ordering
    kCompatibility = 2,  // with kDecompose: compatibility decompositions too
    kCompose = 4,        // canonical composition after the decomposition (NFC, or NFKC)
    kStripMarks = 8,     // drop combining marks (Mn, Mc, Me) before and after decomposing
    kCaseFold = 16,      // full case folding (CaseFolding.txt, statuses C and F)
};

// Normalises a sequence of valid code points: kDecompose | kCompose is NFC, with kCompatibility
// NFKC; kDecompose | kCompatibility | kStripMarks | kCaseFold is the search key's folding.
// kCompose implies kDecompose.
std::u32string Normalize(const std::u32string& text, unsigned flags);

}  // namespace tasjil::core::unicode
