#include "core/reference.h"

namespace tasjil::core {

namespace {

constexpr std::uint32_t kBase = 31;

int SymbolValue(char c) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const auto pos = kReferenceAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::string Display(std::string_view ten) {
    return std::string(ten.substr(0, 5)) + "-" + std::string(ten.substr(5));
}

}  // namespace

char ReferenceCheckSymbol(std::string_view payload) {
    // Weights 1..n (all non-zero and pairwise different by one modulo a prime), and the check
    // symbol gets weight n+1 so that the whole reference sums to 0 modulo 31.
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < payload.size(); ++i) {
        const int v = SymbolValue(payload[i]);
        if (v < 0) return '\0';
        sum = (sum + static_cast<std::uint32_t>(v) * static_cast<std::uint32_t>(i + 1)) % kBase;
    }
    const std::uint32_t w = static_cast<std::uint32_t>(payload.size() + 1) % kBase;
    // Find c with sum + w*c ≡ 0 (mod 31); w is invertible since 31 is prime and w ≠ 0.
    for (std::uint32_t c = 0; c < kBase; ++c) {
        if ((sum + w * c) % kBase == 0) return kReferenceAlphabet[c];
    }
    return '\0';
}

std::string MakeReference(std::uint64_t random) {
    std::string payload;
    for (std::size_t i = 0; i < kReferencePayload; ++i) {
        payload.push_back(kReferenceAlphabet[random % kBase]);
        random /= kBase;
    }
    payload.push_back(ReferenceCheckSymbol(payload));
    return Display(payload);
}

std::optional<std::string> ParseReference(std::string_view typed) {
    std::string symbols;
    for (char c : typed) {
        if (c == ' ' || c == '-') continue;
        const int v = SymbolValue(c);
        if (v < 0) return std::nullopt;
        symbols.push_back(kReferenceAlphabet[static_cast<std::size_t>(v)]);
        if (symbols.size() > kReferencePayload + 1) return std::nullopt;
    }
    if (symbols.size() != kReferencePayload + 1) return std::nullopt;
    if (ReferenceCheckSymbol(std::string_view(symbols).substr(0, kReferencePayload)) !=
        symbols.back()) {
        return std::nullopt;
    }
    return Display(symbols);
}

}  // namespace tasjil::core
