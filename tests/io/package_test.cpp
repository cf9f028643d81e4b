#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "io/files.h"
#include "io/package.h"

using namespace tasjil;

namespace {

std::string U32(std::uint32_t n) {
    return {static_cast<char>(n & 0xFF), static_cast<char>(n >> 8 & 0xFF),
            static_cast<char>(n >> 16 & 0xFF), static_cast<char>(n >> 24 & 0xFF)};
}

// A package as scripts/pack-data.mjs writes it.
std::string Package(const std::vector<std::pair<std::string, std::string>>& files) {
    std::string out = "TSJPKG1\n" + U32(static_cast<std::uint32_t>(files.size()));
    for (const auto& [name, body] : files) {
        out += U32(static_cast<std::uint32_t>(name.size())) + name +
               U32(static_cast<std::uint32_t>(body.size()));
    }
    for (const auto& f : files) out += f.second;
    return out;
}

}  // namespace

TEST_CASE("A data package gives back its files by name", "[io][package]") {
    std::string error;
    const auto files = io::ParsePackage(
        Package({{"/fonts/latin.ttf", std::string("\0\1\2", 3)}, {"/i18n/ar.json", "{}"}}), error);
    REQUIRE(files);
    CHECK(files->size() == 2);
    CHECK(files->at("/fonts/latin.ttf") == std::string("\0\1\2", 3));
    CHECK(files->at("/i18n/ar.json") == "{}");
    CHECK(io::ParsePackage(Package({}), error)->empty());
}

TEST_CASE("A mounted package is read before the disk, and a new one replaces it", "[io][package]") {
    REQUIRE(io::MountPackage(Package({{"/i18n/ar.json", "packed"}})).empty());
    std::string out;
    CHECK(io::ReadWholeFile("/i18n/ar.json", out));
    CHECK(out == "packed");
    CHECK_FALSE(io::ReadWholeFile("/i18n/fr.json", out));
    REQUIRE(io::MountPackage(Package({{"/other", "x"}})).empty());
    CHECK_FALSE(io::ReadWholeFile("/i18n/ar.json", out));
    CHECK_FALSE(io::MountPackage("garbage").empty());  // the mounted one stays
    CHECK(io::ReadWholeFile("/other", out));
    REQUIRE(io::MountPackage(Package({})).empty());
}

TEST_CASE("Bytes that are not a whole package are refused with the reason", "[io][package]") {
    std::string error;
    const std::string good = Package({{"/a", "12345"}});
    auto refused = [&](const std::string& bytes, const std::string& why) {
        error.clear();
        CHECK_FALSE(io::ParsePackage(bytes, error));
        CHECK(error.find(why) != std::string::npos);
    };
    refused("", "no TSJPKG1 header");
    refused("TSJPKG2\n" + good.substr(8), "no TSJPKG1 header");
    refused("TSJPKG1\n", "file count");
    refused("TSJPKG1\n" + U32(65), "file count");
    refused(good.substr(0, good.size() - 1), "add up to 5 bytes, not the 4");
    refused(good + "x", "add up to 5 bytes, not the 6");
    refused("TSJPKG1\n" + U32(1) + U32(2), "cut short");
    refused("TSJPKG1\n" + U32(1) + U32(0xFFFFFFFF) + "/a", "cut short or too long");
    refused("TSJPKG1\n" + U32(1) + U32(2) + "/a" + U32(0xFFFFFFFF), "add up to");
    const std::vector<std::string> names = {"a",        "/",    "/a/",  "/../etc/passwd",
                                            "/a//b",    "/a b", "/a\n", std::string("/a\0b", 4),
                                            "/\xC3\xA9"};
    for (const std::string& name : names) {
        refused(Package({{name, "x"}}), "invalid name");
    }
    refused(Package({{"/a", "1"}, {"/a", "2"}}), "names /a twice");
}
