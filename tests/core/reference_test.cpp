#include <catch2/catch.hpp>

#include <set>

#include "core/reference.h"

using namespace tasjil::core;

namespace {
std::string Symbols(const std::string& ref) {
    std::string s;
    for (char c : ref) {
        if (c != '-') s.push_back(c);
    }
    return s;
}
std::string Display(const std::string& s) {
    return s.substr(0, 5) + "-" + s.substr(5);
}
}  // namespace

TEST_CASE("References are ten unambiguous symbols shown as two groups of five", "[reference]") {
    const auto ref = MakeReference(0x0123456789ABCDEFull);
    CHECK(ref.size() == 11);
    CHECK(ref[5] == '-');
    for (char c : Symbols(ref)) CHECK(kReferenceAlphabet.find(c) != std::string_view::npos);
    for (char c : std::string("01ILO")) CHECK(kReferenceAlphabet.find(c) == std::string_view::npos);
    CHECK(ParseReference(ref) == ref);
}

TEST_CASE("Different random numbers give different references", "[reference]") {
    std::set<std::string> seen;
    for (std::uint64_t i = 0; i < 10000; ++i) seen.insert(MakeReference(i * 0x9E3779B97F4A7C15ull));
    CHECK(seen.size() == 10000);
}

TEST_CASE("Typed references forgive case, spaces and hyphens", "[reference]") {
    const auto ref = MakeReference(987654321);
    std::string lower;
    for (char c : ref)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    CHECK(ParseReference(lower) == ref);
    CHECK(ParseReference(" " + Symbols(ref).substr(0, 3) + " " + Symbols(ref).substr(3)) == ref);
    CHECK_FALSE(ParseReference(Symbols(ref).substr(0, 9)));
    CHECK_FALSE(ParseReference(Symbols(ref) + "2"));
    CHECK_FALSE(ParseReference(Symbols(ref).substr(0, 9) + "0"));  // 0 is not a symbol
}

TEST_CASE("The check symbol catches every single wrong symbol", "[reference][check]") {
    for (std::uint64_t seed : {1ull, 42ull, 0xDEADBEEFull, 0xFFFFFFFFFFFFFFFFull}) {
        const std::string s = Symbols(MakeReference(seed));
        for (std::size_t pos = 0; pos < s.size(); ++pos) {
            for (char c : kReferenceAlphabet) {
                if (c == s[pos]) continue;
                std::string t = s;
                t[pos] = c;
                INFO(s << " -> " << t);
                CHECK_FALSE(ParseReference(Display(t)));
            }
        }
    }
}

TEST_CASE("The check symbol catches every swap of two neighbours", "[reference][check]") {
    std::uint64_t x = 7;
    for (int round = 0; round < 500; ++round) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        const std::string s = Symbols(MakeReference(x));
        for (std::size_t pos = 0; pos + 1 < s.size(); ++pos) {
            if (s[pos] == s[pos + 1]) continue;
            std::string t = s;
            std::swap(t[pos], t[pos + 1]);
            INFO(s << " -> " << t);
            CHECK_FALSE(ParseReference(Display(t)));
        }
    }
}
