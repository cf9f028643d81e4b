#include <catch2/catch.hpp>

#include "text/bidi_text.h"

using namespace tasjil::text;

namespace {

std::u32string V(const ShapedParagraph& p, std::size_t line = 0) {
    return p.lines.at(line).visual;
}

float Unit(char32_t) {
    return 1.0f;
}

}  // namespace

TEST_CASE("Arabic names are joined, shaped and reversed for left-to-right drawing",
          "[text][shaping]") {
    // محمد: initial meem, medial hah, medial meem, final dal; drawn right to left.
    CHECK(V(Shape("محمد", Direction::kRtl)) == U"\uFEAA\uFEE4\uFEA4\uFEE3");
    // سلام: lam + alef become one ligature; the meem after a non-joining alef is isolated.
    CHECK(V(Shape("سلام", Direction::kRtl)) == U"\uFEE1\uFEFC\uFEB3");
    // العلوي: alef-lam at the start, a final yeh.
    const auto alaoui = Shape("العلوي", Direction::kRtl);
    CHECK(alaoui.lines[0].visual.size() == 6);
    CHECK(alaoui.lines[0].visual.front() == U'\uFEF1');  // yeh after waw: isolated, leftmost
    CHECK(alaoui.lines[0].visual.back() == U'\uFE8D');   // isolated alef drawn rightmost
}

TEST_CASE("Letters Moroccan names use beyond basic Arabic are shaped", "[text][shaping]") {
    CHECK(V(Shape("ڭ", Direction::kRtl)) == U"\uFBD3");         // gaf with three dots, isolated
    CHECK(V(Shape("ڭا", Direction::kRtl)) == U"\uFE8E\uFBD5");  // initial gaf, final alef
    CHECK(V(Shape("ڤ", Direction::kRtl)) == U"\uFB6A");         // veh, isolated
    CHECK(V(Shape("پا", Direction::kRtl)) == U"\uFE8E\uFB58");  // initial peh, final alef
}

TEST_CASE("Western digits stay left to right inside Arabic", "[text][bidi]") {
    // رقم 123 in a right-to-left paragraph: the number keeps its order, at the visual left.
    CHECK(V(Shape("رقم 123", Direction::kRtl)) == U"123 \uFEE2\uFED7\uFEAD");
    CHECK(V(Shape("2020-09-14", Direction::kRtl)) == U"2020-09-14");
}

TEST_CASE("Brackets are mirrored in right-to-left text", "[text][bidi]") {
    CHECK(V(Shape("(محمد)", Direction::kRtl)) == U"(\uFEAA\uFEE4\uFEA4\uFEE3)");
}

TEST_CASE("Tifinagh and Latin are left to right and unshaped", "[text][bidi]") {
    CHECK(V(Shape("ⵜⴰⵎⴰⵣⵉⵖⵜ", Direction::kLtr)) == U"ⵜⴰⵎⴰⵣⵉⵖⵜ");
    CHECK(V(Shape("ⵜⴰⵎⴰⵣⵉⵖⵜ", Direction::kAuto)) == U"ⵜⴰⵎⴰⵣⵉⵖⵜ");
    CHECK(V(Shape("Élodie N'Diaye", Direction::kRtl)) == U"Élodie N'Diaye");
}

TEST_CASE("Mixed Latin and Arabic follow the paragraph direction", "[text][bidi]") {
    // In a left-to-right paragraph the Arabic word is reversed in place after the Latin one.
    CHECK(V(Shape("Nom: محمد", Direction::kLtr)) == U"Nom: \uFEAA\uFEE4\uFEA4\uFEE3");
    // In a right-to-left paragraph the Latin word is drawn at the left end.
    CHECK(V(Shape("الاسم Yasmine", Direction::kRtl)).substr(0, 8) == U"Yasmine ");
}

TEST_CASE("Automatic direction takes the first strong character", "[text][bidi]") {
    CHECK(Shape("محمد Ali", Direction::kAuto).rtl);
    CHECK_FALSE(Shape("Ali محمد", Direction::kAuto).rtl);
    CHECK_FALSE(Shape("123", Direction::kAuto).rtl);
    CHECK_FALSE(Shape("", Direction::kAuto).rtl);
    CHECK(Shape("", Direction::kRtl).rtl);
}

TEST_CASE("UI strings of the three languages shape without replacement characters",
          "[text][shaping]") {
    for (const char* s : {"الاسم العائلي بالحروف العربية", "تاريخ الازدياد", "ⵉⵙⵎ ⵏ ⵜⵡⵊⵊⴰ",
                          "Date de naissance", "متابعة", "رجوع", "ⴹⴼⵕ", "Continuer"}) {
        const auto p = Shape(s, Direction::kAuto);
        INFO(s);
        CHECK(p.lines[0].visual.find(U'\uFFFD') == std::u32string::npos);
        CHECK(p.lines[0].visual.find(U'\uFEFF') == std::u32string::npos);
    }
}

TEST_CASE("Logical and visual indexes map both ways, ligatures included", "[text][caret]") {
    const auto p = Shape("سلام", Direction::kRtl);
    REQUIRE(p.logical_to_visual.size() == 4);
    CHECK(p.logical_to_visual[0].visual == 2);  // seen drawn rightmost
    CHECK(p.logical_to_visual[1].visual == 1);  // lam → the ligature
    CHECK(p.logical_to_visual[2].visual == 1);  // alef → the same ligature
    CHECK(p.logical_to_visual[3].visual == 0);  // meem drawn leftmost
    CHECK(p.lines[0].visual_to_logical == std::vector<std::uint32_t>{3, 1, 0});
}

TEST_CASE("Carets sit on the leading edge of a character in its own direction", "[text][caret]") {
    const auto rtl = Shape("سلام", Direction::kRtl);
    CHECK(CaretPlace(rtl, 0).visual == 3);  // before the first letter: at the right end
    CHECK(CaretPlace(rtl, 3).visual == 1);  // before meem: right of meem
    CHECK(CaretPlace(rtl, 4).visual == 0);  // after the last letter: at the left end
    const auto ltr = Shape("abc", Direction::kLtr);
    CHECK(CaretPlace(ltr, 0).visual == 0);
    CHECK(CaretPlace(ltr, 3).visual == 3);
    CHECK(CaretPlace(Shape("", Direction::kLtr), 0).visual == 0);
}

TEST_CASE("Line breaking happens at spaces and inside over-long words only", "[text][lines]") {
    const auto p = Layout("aaa bbb ccc", Direction::kLtr, 7, Unit);
    REQUIRE(p.lines.size() == 2);
    CHECK(p.lines[0].visual == U"aaa bbb");
    CHECK(p.lines[0].width == 7);
    CHECK(p.lines[1].visual == U"ccc");
    const auto long_word = Layout("abcdefghij", Direction::kLtr, 4, Unit);
    REQUIRE(long_word.lines.size() == 3);
    CHECK(long_word.lines[2].visual == U"ij");
    const auto fits = Layout("abc", Direction::kLtr, 10, Unit);
    CHECK(fits.lines.size() == 1);
    const auto newline = Layout("ab\ncd", Direction::kLtr, 10, Unit);
    REQUIRE(newline.lines.size() == 2);
    CHECK(newline.lines[1].visual == U"cd");
}

TEST_CASE("Right-to-left lines are each reordered, the first logical line on top",
          "[text][lines]") {
    const auto p = Layout("محمد سلام", Direction::kRtl, 5, Unit);
    REQUIRE(p.lines.size() == 2);
    CHECK(p.lines[0].visual == U"\uFEAA\uFEE4\uFEA4\uFEE3");
    CHECK(p.lines[1].visual == U"\uFEE1\uFEFC\uFEB3");
    CHECK(p.logical_to_visual[5].line == 1);
}

TEST_CASE("Invalid UTF-8 becomes replacement characters", "[text]") {
    const auto p = Shape(
        "a\xFF"
        "b",
        Direction::kLtr);
    CHECK(p.lines[0].visual == U"a\uFFFDb");
}

TEST_CASE("The cache shapes a string once until it changes", "[text][cache]") {
    ShapeCache cache(2);
    const auto& a = cache.Get("محمد", Direction::kRtl);
    CHECK(cache.misses() == 1);
    CHECK(&cache.Get("محمد", Direction::kRtl) == &a);
    CHECK(cache.misses() == 1);
    cache.Get("محمد", Direction::kLtr);  // another direction is another entry
    CHECK(cache.misses() == 2);
    cache.Get("سلام", Direction::kRtl);  // evicts the least recently used
    CHECK(cache.size() == 2);
    cache.Get("محمد", Direction::kRtl);
    CHECK(cache.misses() == 4);
    cache.GetLayout("aaa bbb", Direction::kLtr, 3, Unit);
    cache.GetLayout("aaa bbb", Direction::kLtr, 3, Unit);
    CHECK(cache.misses() == 5);
}
