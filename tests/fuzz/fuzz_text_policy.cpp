// The text policy on any bytes, compared with the same operations done by utf8proc: the core's
// generated Unicode tables must give what utf8proc gives for every text (core/unicode.h).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text_policy.h"
#include "core/unicode.h"
#include "core/utf8.h"
#include "support/utf8proc_reference.h"

namespace {

std::string Encode(const std::u32string& cps) {
    std::string out;
    for (char32_t cp : cps) tasjil::core::AppendUtf8(out, cp);
    return out;
}

void Expect(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz_text_policy: %s differs from utf8proc\n", what);
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tasjil;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string normalized = core::NormalizeText(text);
    const std::string key = core::FoldForSearch(text);
    (void)core::TextPolicyViolation(text);
    (void)core::SearchMatches(key, core::FoldForSearch(normalized));
    const auto cps = core::DecodeUtf8(text);
    if (!cps) {
        Expect(normalized == text, "invalid UTF-8 left as it is");
        Expect(key.empty(), "invalid UTF-8's search key");
        return 0;
    }
    if (test::reference::HasHangulTBase(text)) return 0;  // utf8proc drops U+11A7 there
    bool plain = true;  // the policy's own foldings (yeh, keheh, presentation forms) aside
    for (char32_t cp : *cps) {
        if (cp == 0x06CC || cp == 0x06A9 || (cp >= 0xFB50 && cp <= 0xFDFF) ||
            (cp >= 0xFE70 && cp <= 0xFEFF)) {
            plain = false;
        }
        const std::string category = test::reference::Category(cp);
        const bool letter = category[0] == 'L' && cp != 0x0640;
        Expect(core::IsLetterCodePoint(cp) == letter, "IsLetterCodePoint");
        Expect(core::IsMarkCodePoint(cp) == (category[0] == 'M'), "IsMarkCodePoint");
    }
    namespace u = core::unicode;
    Expect(Encode(u::Normalize(*cps, u::kCompose)) == test::reference::Nfc(text), "NFC");
    Expect(
        Encode(u::Normalize(*cps, u::kCompose | u::kCompatibility)) == test::reference::Nfkc(text),
        "NFKC");
    Expect(Encode(u::Normalize(*cps, u::kDecompose | u::kCompatibility | u::kStripMarks |
                                         u::kCaseFold)) == test::reference::Fold(text),
           "the search folding");
    if (plain) Expect(normalized == test::reference::Nfc(text), "NormalizeText");
    Expect(core::NormalizeText(normalized) == normalized, "NormalizeText twice");
    return 0;
}
