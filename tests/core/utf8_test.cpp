#include <catch2/catch.hpp>

#include "core/utf8.h"

using namespace tasjil::core;

TEST_CASE("Arabic and Tifinagh text decodes and re-encodes unchanged", "[utf8]") {
    for (const std::string s : {"ياسمين العلوي", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "Élodie N'Diaye", "ڭ ڤ پ", "😀"}) {
        auto cps = DecodeUtf8(s);
        REQUIRE(cps);
        std::string back;
        for (char32_t cp : *cps) AppendUtf8(back, cp);
        CHECK(back == s);
    }
    CHECK(DecodeUtf8("ⵜⴰⵎⴰⵣⵉⵖⵜ")->size() == 8);
}

TEST_CASE("Malformed UTF-8 is refused", "[utf8]") {
    CHECK_FALSE(DecodeUtf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(DecodeUtf8("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(DecodeUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    CHECK_FALSE(DecodeUtf8("\xD8"));              // truncated
    CHECK_FALSE(DecodeUtf8("abc\x80"));           // stray continuation
    CHECK_FALSE(DecodeUtf8("\xFF"));
}

TEST_CASE("Script classes cover the letters Moroccan names use", "[utf8]") {
    CHECK(IsArabicLetter(U'\u06AD'));  // ڭ
    CHECK(IsArabicLetter(U'\u06A4'));  // ڤ
    CHECK(IsArabicLetter(U'\u067E'));  // پ
    CHECK(IsArabicLetter(U'\u0627'));
    CHECK_FALSE(IsArabicLetter(U'\u0660'));  // Arabic-Indic digit zero
    CHECK_FALSE(IsArabicLetter(U'\u064E'));  // fatha is a mark
    CHECK(IsArabicMark(U'\u064E'));
    CHECK(IsLatinLetter(U'é'));
    CHECK(IsLatinLetter(U'\u0152'));  // Œ
    CHECK_FALSE(IsLatinLetter(U'×'));
    CHECK(IsTifinagh(U'\u2D63'));
    CHECK_FALSE(IsTifinagh(U'a'));
}

TEST_CASE("Lenient decoding replaces each bad byte and keeps the rest", "[utf8]") {
    CHECK(DecodeUtf8Lenient("a\xFF"
                            "b") == U"a\uFFFDb");
    CHECK(DecodeUtf8Lenient("\xD8") == U"\uFFFD");                        // truncated
    CHECK(DecodeUtf8Lenient("\xED\xA0\x80x") == U"\uFFFD\uFFFD\uFFFDx");  // surrogate
    CHECK(DecodeUtf8Lenient("ياسمين") == *DecodeUtf8("ياسمين"));
}
