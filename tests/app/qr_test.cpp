#include <catch2/catch.hpp>

#include "app/qr.h"

using namespace tasjil::app;

TEST_CASE("A reference encodes to a version 1 QR code with its finder patterns", "[app][qr]") {
    const QrMatrix qr = EncodeQr("YKQRY-7MKVP");
    REQUIRE(qr.size == 21);  // 13 bytes fit version 1 at level M
    REQUIRE(qr.modules.size() == 21u * 21u);
    // The top-left finder: a dark 7×7 ring around a light ring around a dark 3×3 centre.
    auto at = [&](int x, int y) { return static_cast<bool>(qr.modules[y * qr.size + x]); };
    for (int i = 0; i < 7; ++i) {
        CHECK(at(i, 0));
        CHECK(at(0, i));
        CHECK(at(6, i));
    }
    CHECK_FALSE(at(1, 1));
    CHECK(at(3, 3));
}

TEST_CASE("The printed QR code is one SVG path with a quiet zone", "[app][qr]") {
    const std::string svg = QrSvg(EncodeQr("YKQRY-7MKVP"));
    CHECK(svg.rfind("<svg", 0) == 0);
    CHECK(svg.find("viewBox=\"0 0 29 29\"") != std::string::npos);  // 21 + 2 × 4
    CHECK(svg.find("M4,4h1v1h-1z") != std::string::npos);           // the first dark module
}

TEST_CASE("Text too long for any QR version gives an empty matrix", "[app][qr]") {
    CHECK(EncodeQr(std::string(4000, 'x')).size == 0);
}
