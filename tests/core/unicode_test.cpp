#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/text_policy.h"
#include "core/unicode.h"
#include "core/utf8.h"
#include "support/utf8proc_reference.h"

using namespace tasjil::core;
using unicode::GeneralClass;
namespace reference = tasjil::test::reference;

namespace {

bool IsSurrogate(char32_t cp) {
    return cp >= 0xD800 && cp <= 0xDFFF;
}

std::string Encode(const std::u32string& cps) {
    std::string out;
    for (char32_t cp : cps) AppendUtf8(out, cp);
    return out;
}

std::string Nfc(const std::u32string& cps) {
    return Encode(unicode::Normalize(cps, unicode::kCompose));
}
std::string Nfkc(const std::u32string& cps) {
    return Encode(unicode::Normalize(cps, unicode::kCompose | unicode::kCompatibility));
}
std::string Fold(const std::u32string& cps) {
    return Encode(unicode::Normalize(cps, unicode::kDecompose | unicode::kCompatibility |
                                              unicode::kStripMarks | unicode::kCaseFold));
}

GeneralClass ClassOfCategory(const std::string& category) {
    if (category[0] == 'L') return GeneralClass::kLetter;
    if (category[0] == 'M') return GeneralClass::kMark;
    if (category == "Cf") return GeneralClass::kFormat;
    if (category == "Co") return GeneralClass::kPrivateUse;
    if (category == "Cn") return GeneralClass::kUnassigned;
    return GeneralClass::kOther;
}

std::u32string Hex(const std::string& field) {
    std::u32string out;
    std::istringstream in(field);
    std::string word;
    while (in >> word) out += static_cast<char32_t>(std::stoul(word, nullptr, 16));
    return out;
}

}  // namespace

TEST_CASE("Every code point has the class of the general category utf8proc gives it",
          "[unicode][utf8proc]") {
    std::size_t mismatches = 0;
    for (char32_t cp = 0; cp < 0x110000; ++cp) {
        const GeneralClass expected = ClassOfCategory(reference::Category(cp));
        if (unicode::ClassOf(cp) != expected) {
            if (++mismatches <= 5) FAIL_CHECK("U+" << std::hex << static_cast<unsigned>(cp));
        }
    }
    CHECK(mismatches == 0);
    CHECK(unicode::ClassOf(0x110000) == GeneralClass::kUnassigned);
}

TEST_CASE("Every code point alone normalises as utf8proc does: NFC, NFKC and the search folding",
          "[unicode][utf8proc]") {
    std::size_t mismatches = 0;
    for (char32_t cp = 1; cp < 0x110000; ++cp) {
        if (IsSurrogate(cp)) continue;
        const std::u32string one(1, cp);
        const std::string utf8 = Encode(one);
        const bool same = Nfc(one) == reference::Nfc(utf8) && Nfkc(one) == reference::Nfkc(utf8) &&
                          Fold(one) == reference::Fold(utf8);
        if (!same && ++mismatches <= 5) FAIL_CHECK("U+" << std::hex << static_cast<unsigned>(cp));
    }
    CHECK(mismatches == 0);
}

TEST_CASE("Every pair that may compose composes as utf8proc composes it", "[unicode][utf8proc]") {
    // The first and second code points of every canonical decomposition of two, plus the Hangul
    // jamo, each followed by every mark and second; and each first followed by a blocking mark.
    std::ifstream data(TASJIL_UNICODE_DATA);
    REQUIRE(data);
    std::set<char32_t> firsts, seconds;
    for (std::string line; std::getline(data, line);) {
        std::vector<std::string> fields;
        std::stringstream in(line);
        for (std::string f; std::getline(in, f, ';');) fields.push_back(f);
        if (fields.size() < 6 || fields[5].empty() || fields[5][0] == '<') continue;
        const std::u32string d = Hex(fields[5]);
        if (d.size() != 2) continue;
        firsts.insert(d[0]);
        seconds.insert(d[1]);
    }
    for (char32_t cp = 0x1100; cp < 0x1113; ++cp) firsts.insert(cp);   // L
    for (char32_t cp = 0x1161; cp < 0x1176; ++cp) seconds.insert(cp);  // V
    for (char32_t cp = 0x11A8; cp < 0x11C3; ++cp) seconds.insert(cp);  // T
    for (char32_t cp : {0xAC00, 0xAC01, 0xD788}) firsts.insert(cp);    // LV, LVT syllables
    REQUIRE(firsts.size() > 400);
    REQUIRE(seconds.size() > 100);
    std::size_t mismatches = 0, compared = 0;
    for (char32_t a : firsts) {
        for (char32_t b : seconds) {
            for (const std::u32string& text : {std::u32string{a, b}, std::u32string{a, 0x0316, b},
                                               std::u32string{a, b, 0x0301}}) {
                ++compared;
                if (Nfc(text) != reference::Nfc(Encode(text)) && ++mismatches <= 5) {
                    FAIL_CHECK("U+" << std::hex << static_cast<unsigned>(a) << " U+"
                                    << static_cast<unsigned>(b));
                }
            }
        }
    }
    CHECK(compared > 100000);
    CHECK(mismatches == 0);
}

TEST_CASE("U+11A7 after a Hangul syllable is kept, as Unicode says, where utf8proc drops it",
          "[unicode]") {
    const std::u32string text{0xAC00, 0x11A7};
    CHECK(unicode::Normalize(text, unicode::kCompose) == text);
    CHECK(reference::Nfc(Encode(text)) == Encode({0xAC00}));  // the difference, documented
    CHECK(reference::HasHangulTBase(Encode(text)));
}

TEST_CASE("Normalisation passes Unicode's own conformance test (NormalizationTest.txt)",
          "[unicode][conformance]") {
    std::ifstream in(TASJIL_NORMALIZATION_TEST);
    REQUIRE(in);
    std::size_t lines = 0, failures = 0;
    std::set<char32_t> listed;
    bool part1 = false;
    auto check = [&](const std::u32string& got, const std::u32string& want,
                     const std::string& line) {
        if (got != want && ++failures <= 5) FAIL_CHECK(line);
    };
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("@Part", 0) == 0) {
            part1 = line.rfind("@Part1", 0) == 0;
            continue;
        }
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::u32string> c;
        std::stringstream fields(line);
        for (std::string f; c.size() < 5 && std::getline(fields, f, ';');) c.push_back(Hex(f));
        REQUIRE(c.size() == 5);
        ++lines;
        if (part1) listed.insert(c[0][0]);
        // c2 == NFC(c1..c3), c4 == NFC(c4, c5); c3 == NFD(c1..c3), c5 == NFD(c4, c5);
        // c4 == NFKC(c1..c5); c5 == NFKD(c1..c5).
        for (int i : {0, 1, 2}) {
            check(unicode::Normalize(c[i], unicode::kCompose), c[1], line);
            check(unicode::Normalize(c[i], unicode::kDecompose), c[2], line);
        }
        for (int i : {3, 4}) {
            check(unicode::Normalize(c[i], unicode::kCompose), c[3], line);
            check(unicode::Normalize(c[i], unicode::kDecompose), c[4], line);
        }
        for (int i : {0, 1, 2, 3, 4}) {
            check(unicode::Normalize(c[i], unicode::kCompose | unicode::kCompatibility), c[3],
                  line);
            check(unicode::Normalize(c[i], unicode::kDecompose | unicode::kCompatibility), c[4],
                  line);
        }
    }
    CHECK(lines > 19000);
    // Part 1: every code point not listed is unchanged by every form.
    std::size_t unlisted = 0;
    for (char32_t cp = 0; cp < 0x110000; ++cp) {
        if (IsSurrogate(cp) || listed.count(cp)) continue;
        const std::u32string one(1, cp);
        for (unsigned flags : {unsigned{unicode::kCompose}, unsigned{unicode::kDecompose},
                               unicode::kCompose | unicode::kCompatibility,
                               unicode::kDecompose | unicode::kCompatibility}) {
            if (unicode::Normalize(one, flags) != one && ++unlisted <= 5) {
                FAIL_CHECK("U+" << std::hex << static_cast<unsigned>(cp));
            }
        }
    }
    CHECK(failures == 0);
    CHECK(unlisted == 0);
}

TEST_CASE("Combining classes and the search folding of a few known letters", "[unicode]") {
    CHECK(unicode::CombiningClass(0x0301) == 230);           // combining acute
    CHECK(unicode::CombiningClass(0x064B) == 27);            // fathatan
    CHECK(unicode::CombiningClass(0x0627) == 0);             // alef
    CHECK(Fold({0x00DF}) == "ss");                           // ß folds to two letters
    CHECK(Fold({0x0623}) == "\xD8\xA7");                     // alef with hamza above: alef
    CHECK(Fold({0xFEFB}) == "\xD9\x84\xD8\xA7");             // lam-alef ligature: lam, alef
    CHECK(Nfc({0x0065, 0x0301}) == "\xC3\xA9");              // e + acute: é
    CHECK(Nfc({0x1100, 0x1161, 0x11A8}) == "\xEA\xB0\x81");  // jamo: 각
}
