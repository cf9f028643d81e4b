// UAX #9 conformance: every line of the Unicode Character Database's BidiCharacterTest.txt
// (Debian unicode-data) runs through the text layer (bidi only: no shaping, no rule L3).
// Cases with a code point newer than FriBidi's Unicode version are counted apart: FriBidi
// cannot know their properties. The pass rate is written to TASJIL_BIDI_REPORT.
#include <catch2/catch.hpp>

extern "C" {
#include <fribidi.h>
}

#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "core/utf8.h"
#include "text/bidi_text.h"

using namespace tasjil::text;

namespace {

std::string Utf8(const std::vector<char32_t>& cps) {
    std::string out;
    for (char32_t cp : cps) tasjil::core::AppendUtf8(out, cp);
    return out;
}

// Code points assigned after `major.minor`, from DerivedAge.txt.
std::vector<std::pair<char32_t, char32_t>> NewerThan(int major, int minor) {
    std::vector<std::pair<char32_t, char32_t>> ranges;
    std::ifstream in(std::string(TASJIL_UNICODE_DATA_DIR) + "/DerivedAge.txt");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto semi = line.find(';');
        const std::string range = line.substr(0, semi);
        const std::string age = line.substr(semi + 1, line.find('#') - semi - 1);
        int a = 0, b = 0;
        std::sscanf(age.c_str(), " %d.%d", &a, &b);
        if (a < major || (a == major && b <= minor)) continue;
        unsigned lo = 0, hi = 0;
        if (range.find("..") != std::string::npos) {
            std::sscanf(range.c_str(), "%x..%x", &lo, &hi);
        } else {
            std::sscanf(range.c_str(), "%x", &lo);
            hi = lo;
        }
        ranges.emplace_back(lo, hi);
    }
    return ranges;
}

}  // namespace

TEST_CASE("The text layer passes UAX #9 BidiCharacterTest", "[text][bidi][conformance]") {
    std::ifstream in(std::string(TASJIL_UNICODE_DATA_DIR) + "/BidiCharacterTest.txt");
    REQUIRE(in);
    const auto newer = NewerThan(FRIBIDI_UNICODE_MAJOR_VERSION, FRIBIDI_UNICODE_MINOR_VERSION);
    auto is_newer = [&](char32_t cp) {
        for (const auto& [lo, hi] : newer) {
            if (cp >= lo && cp <= hi) return true;
        }
        return false;
    };
    std::size_t total = 0, known = 0, passed = 0, newer_cases = 0;
    std::vector<std::string> failures;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::stringstream ss(line);
        std::string field;
        while (std::getline(ss, field, ';')) f.push_back(field);
        if (f.size() < 5) continue;
        ++total;
        std::vector<char32_t> cps;
        {
            std::stringstream cs(f[0]);
            std::string hex;
            while (cs >> hex) cps.push_back(static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
        }
        bool has_newer = false;
        for (char32_t cp : cps) has_newer = has_newer || is_newer(cp);
        if (has_newer) {
            ++newer_cases;
            continue;
        }
        ++known;
        const int dir = std::stoi(f[1]);
        const Direction d = dir == 0   ? Direction::kLtr
                            : dir == 1 ? Direction::kRtl
                                       : Direction::kAuto;
        const auto p = Shape(Utf8(cps), d, ShapeOptions{false, false});

        bool ok = (p.rtl ? 1 : 0) == std::stoi(f[2]);
        {
            std::stringstream ls(f[3]);
            std::string lv;
            std::size_t i = 0;
            while (ok && ls >> lv) {
                if (lv != "x") ok = i < p.levels.size() && p.levels[i] == std::stoi(lv);
                ++i;
            }
        }
        {
            std::stringstream os(f[4]);
            std::vector<std::uint32_t> order;
            std::string idx;
            while (os >> idx) order.push_back(static_cast<std::uint32_t>(std::stoul(idx)));
            ok = ok && p.lines.size() == 1 && p.lines[0].visual_to_logical == order;
        }
        if (ok) {
            ++passed;
        } else if (failures.size() < 10) {
            failures.push_back(line);
        }
    }
    const double rate =
        known ? 100.0 * static_cast<double>(passed) / static_cast<double>(known) : 0;
    std::ostringstream report;
    report << "BidiCharacterTest: " << total << " cases; " << newer_cases
           << " use code points newer than FriBidi's Unicode " << FRIBIDI_UNICODE_VERSION
           << "; of the other " << known << ", " << passed << " pass (" << rate << "%)\n";
    for (const auto& fl : failures) report << "  fails: " << fl << "\n";
    std::cout << report.str();
    std::ofstream(TASJIL_BIDI_REPORT) << report.str();
    CHECK(total > 90000);
    CHECK(passed == known);
}
