#include "core/text_policy.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>

#include "core/utf8.h"

namespace tasjil::core {

namespace {

bool IsPresentationForm(char32_t cp) {
    return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
}

std::string MapWith(std::string_view utf8, utf8proc_option_t options) {
    utf8proc_uint8_t* mapped = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                static_cast<utf8proc_ssize_t>(utf8.size()), &mapped, options);
    if (n < 0 || !mapped) return std::string(utf8);
    std::string out(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
    std::free(mapped);
    return out;
}

}  // namespace

std::string NormalizeText(std::string_view utf8) {
    const auto cps = DecodeUtf8(utf8);
    if (!cps) return std::string(utf8);
    // Fold look-alike letters first (a presentation form decomposes to the plain letter, lam-alef
    // ligatures to two letters), then compose the whole text to NFC.
    std::string folded;
    folded.reserve(utf8.size());
    for (char32_t cp : *cps) {
        if (cp == 0x06CC) {
            cp = 0x064A;
        } else if (cp == 0x06A9) {
            cp = 0x0643;
        } else if (IsPresentationForm(cp) && cp != 0xFEFF) {
            std::string one;
            AppendUtf8(one, cp);
            folded += MapWith(one, static_cast<utf8proc_option_t>(
                                       UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE));
            continue;
        }
        AppendUtf8(folded, cp);
    }
    return MapWith(folded, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
}

const char* TextPolicyViolation(std::string_view utf8) {
    const auto cps = DecodeUtf8(utf8);
    if (!cps) return "file.invalid_utf8";
    for (char32_t cp : *cps) {
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
            return "text.control_character";
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return "text.noncharacter";
        switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
            case UTF8PROC_CATEGORY_CF:
                return "text.format_character";
            case UTF8PROC_CATEGORY_CO:
                return "text.private_use";
            case UTF8PROC_CATEGORY_CN:
                return "text.unassigned";
            default:
                break;
        }
    }
    return "";
}

std::string FoldForSearch(std::string_view utf8) {
    if (!DecodeUtf8(utf8)) return "";
    const std::string mapped =
        MapWith(utf8, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                     UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                                     UTF8PROC_CASEFOLD));
    std::string out;
    out.reserve(mapped.size());
    bool space = true;  // no leading separator
    for (char32_t cp : DecodeUtf8(mapped).value_or(std::u32string())) {
        switch (cp) {
            case 0x0671:
                cp = 0x0627;
                break;  // alef wasla
            case 0x0629:
                cp = 0x0647;
                break;  // ta marbuta
            case 0x0649:
                cp = 0x064A;
                break;  // alef maqsura
            case 0x0621:
                continue;  // a lone hamza
            case 0x0640:
                continue;  // tatweel
            default:
                break;
        }
        const bool separator = cp == ' ' || cp == '-' || cp == '\'' || cp == 0x2019 || cp == '.' ||
                               cp == ',' || cp == 0x060C;
        if (separator) {
            if (!space) out += ' ';
            space = true;
            continue;
        }
        if (IsMarkCodePoint(cp)) continue;  // marks of scripts utf8proc does not strip
        AppendUtf8(out, cp);
        space = false;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool SearchMatches(std::string_view text, std::string_view query) {
    std::size_t q = 0;
    while (q < query.size()) {
        const std::size_t end = std::min(query.find(' ', q), query.size());
        const std::string_view word = query.substr(q, end - q);
        bool found = false;
        for (std::size_t t = 0; t <= text.size() && !found;) {
            if (text.substr(t, word.size()) == word) found = true;
            const std::size_t next = text.find(' ', t);
            if (next == std::string_view::npos) break;
            t = next + 1;
        }
        if (!found) return false;
        q = end + 1;
    }
    return true;
}

std::size_t CharacterCount(std::string_view utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
    return n;
}

bool IsLetterCodePoint(char32_t cp) {
    if (cp == 0x0640) return false;
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
            return true;
        default:
            return false;
    }
}

bool IsMarkCodePoint(char32_t cp) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
        case UTF8PROC_CATEGORY_ME:
            return true;
        default:
            return false;
    }
}

}  // namespace tasjil::core
