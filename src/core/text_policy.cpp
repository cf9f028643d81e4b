#include "core/text_policy.h"

#include <algorithm>

#include "core/unicode.h"
#include "core/utf8.h"

namespace tasjil::core {

namespace {

bool IsPresentationForm(char32_t cp) {
    return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
}

std::string Encode(const std::u32string& cps) {
    std::string out;
    out.reserve(cps.size());
    for (char32_t cp : cps) AppendUtf8(out, cp);
    return out;
}

}  // namespace

std::string NormalizeText(std::string_view utf8) {
    const auto cps = DecodeUtf8(utf8);
    if (!cps) return std::string(utf8);
    // Look-alike letters are folded first, then the whole text is composed to NFC: presentation
    // forms expand to their letters (lam-alef ligatures to two), then Persian yeh and keheh
    // become Arabic ones — in that order, since a form may stand for a Persian yeh (U+FBFC) or a
    // word holding one (the rial sign U+FDFC), so that normalising again changes nothing.
    std::u32string expanded;
    expanded.reserve(cps->size());
    for (char32_t cp : *cps) {
        if (IsPresentationForm(cp) && cp != 0xFEFF) {
            expanded += unicode::Normalize(std::u32string(1, cp),
                                           unicode::kCompatibility | unicode::kCompose);
        } else {
            expanded += cp;
        }
    }
    for (char32_t& cp : expanded) {
        if (cp == 0x06CC) cp = 0x064A;
        if (cp == 0x06A9) cp = 0x0643;
    }
    return Encode(unicode::Normalize(expanded, unicode::kCompose));
}

const char* TextPolicyViolation(std::string_view utf8) {
    const auto cps = DecodeUtf8(utf8);
    if (!cps) return "file.invalid_utf8";
    for (char32_t cp : *cps) {
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
            return "text.control_character";
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return "text.noncharacter";
        switch (unicode::ClassOf(cp)) {
            case unicode::GeneralClass::kFormat:
                return "text.format_character";
            case unicode::GeneralClass::kPrivateUse:
                return "text.private_use";
            case unicode::GeneralClass::kUnassigned:
                return "text.unassigned";
            default:
                break;
        }
    }
    return "";
}

std::string FoldForSearch(std::string_view utf8) {
    const auto cps = DecodeUtf8(utf8);
    if (!cps) return "";
    const std::u32string mapped =
        unicode::Normalize(*cps, unicode::kDecompose | unicode::kCompatibility |
                                     unicode::kStripMarks | unicode::kCaseFold);
    std::string out;
    out.reserve(utf8.size());
    bool space = true;  // no leading separator
    for (char32_t cp : mapped) {
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
    return cp != 0x0640 && unicode::ClassOf(cp) == unicode::GeneralClass::kLetter;
}

bool IsMarkCodePoint(char32_t cp) {
    return unicode::ClassOf(cp) == unicode::GeneralClass::kMark;
}

}  // namespace tasjil::core
