#include <catch2/catch.hpp>

#include "core/uuid.h"

using namespace tasjil::core;

TEST_CASE("UUIDv4 made from random bytes carries the version and variant bits", "[uuid]") {
    std::array<std::uint8_t, 16> bytes{};
    bytes.fill(0xFF);
    const auto id = UuidV4FromBytes(bytes);
    CHECK(id == "ffffffff-ffff-4fff-bfff-ffffffffffff");
    CHECK(IsUuidV4(id));
    bytes.fill(0x00);
    CHECK(UuidV4FromBytes(bytes) == "00000000-0000-4000-8000-000000000000");
}

TEST_CASE("Only canonical lower-case version-4 UUIDs are accepted", "[uuid]") {
    CHECK(IsUuidV4("3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b6c"));
    CHECK_FALSE(IsUuidV4("3F2B8C1E-9D4A-4E6B-8A7C-5D1E2F3A4B6C"));  // upper case
    CHECK_FALSE(IsUuidV4("3f2b8c1e-9d4a-1e6b-8a7c-5d1e2f3a4b6c"));  // version 1
    CHECK_FALSE(IsUuidV4("3f2b8c1e-9d4a-4e6b-ca7c-5d1e2f3a4b6c"));  // wrong variant
    CHECK_FALSE(IsUuidV4("3f2b8c1e9d4a4e6b8a7c5d1e2f3a4b6c"));
    CHECK_FALSE(IsUuidV4(""));
}

TEST_CASE("Percent-encoding keeps RFC 3986's unreserved characters and escapes every other byte",
          "[core][uuid][uri]") {
    CHECK(PercentEncode("57303a.Director_~-") == "57303a.Director_~-");
    CHECK(PercentEncode("a b&c=d/e?#") == "a%20b%26c%3Dd%2Fe%3F%23");
    CHECK(PercentEncode("é") == "%C3%A9");
    CHECK(PercentEncode(std::string("\0\xff", 2)) == "%00%FF");
    CHECK(PercentEncode("").empty());
}
