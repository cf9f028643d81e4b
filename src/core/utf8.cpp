#include "core/utf8.h"

namespace tasjil::core {

namespace {

// Decodes one sequence at `i`; returns its length, or 0 when it is malformed (overlong,
// surrogate, above U+10FFFF, truncated, bad continuation byte).
std::size_t DecodeOne(const unsigned char* s, std::size_t n, std::size_t i, char32_t& cp) {
    const unsigned char b0 = s[i];
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > n) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const unsigned char b = s[i + k];
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

// Decodes `text`; an ill-formed sequence ends it (nullopt) when `strict`, else becomes one
// U+FFFD per byte.
std::optional<std::u32string> Decode(std::string_view text, bool strict) {
    std::u32string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t len = DecodeOne(s, text.size(), i, cp);
        if (len == 0 && strict) return std::nullopt;
        out.push_back(len ? cp : U'\uFFFD');
        i += len ? len : 1;
    }
    return out;
}
}  // namespace

std::optional<std::u32string> DecodeUtf8(std::string_view text) {
    return Decode(text, true);
}

std::u32string DecodeUtf8Lenient(std::string_view text) {
    return *Decode(text, false);
}

void AppendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool IsArabicMark(char32_t cp) {
    return (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
           (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) || cp == 0x06E7 ||
           cp == 0x06E8 || (cp >= 0x06EA && cp <= 0x06ED);
}

bool IsArabicLetter(char32_t cp) {
    if (IsArabicMark(cp)) return false;
    return (cp >= 0x0620 && cp <= 0x064A) ||  // basic letters incl. tatweel U+0640
           (cp >= 0x066E && cp <= 0x06D3) ||  // extended letters: ڤ ڭ پ ...
           cp == 0x06D5 || (cp >= 0x06EE && cp <= 0x06EF) || (cp >= 0x06FA && cp <= 0x06FC) ||
           cp == 0x06FF || (cp >= 0x0750 && cp <= 0x077F) || (cp >= 0x08A0 && cp <= 0x08C9) ||
           (cp >= 0xFB50 && cp <= 0xFDFF && !(cp >= 0xFD3E && cp <= 0xFD4F)) ||
           (cp >= 0xFE70 && cp <= 0xFEFC);
}

bool IsLatinLetter(char32_t cp) {
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) return true;
    if (cp >= 0xC0 && cp <= 0xFF) return cp != 0xD7 && cp != 0xF7;  // not × ÷
    return cp >= 0x0100 && cp <= 0x024F;
}

bool IsTifinagh(char32_t cp) {
    return cp >= 0x2D30 && cp <= 0x2D7F;
}

}  // namespace tasjil::core
