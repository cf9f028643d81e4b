#include "server/passwords.h"

#include <algorithm>
#include <string>
#include <vector>

namespace tasjil::server {

// scripts/common-passwords.mjs writes them, lowercase, sorted, one per line.
extern const char kCommonPasswords[];
extern const unsigned kCommonPasswordCount;

namespace {

const std::vector<std::string_view>& CommonPasswords() {
    static const std::vector<std::string_view> list = [] {
        std::vector<std::string_view> out;
        out.reserve(kCommonPasswordCount);
        std::string_view all(kCommonPasswords);
        while (!all.empty()) {
            const auto end = all.find('\n');
            out.push_back(all.substr(0, end));
            all = end == std::string_view::npos ? std::string_view() : all.substr(end + 1);
        }
        return out;
    }();
    return list;
}

std::string AsciiLower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::size_t CodePoints(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// What people add to a common password to pass a length rule: digits, symbols, spaces.
bool IsPadding(char c) {
    return (c >= '0' && c <= '9') ||
           std::string_view(" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").find(c) !=
               std::string_view::npos;
}

}  // namespace

bool IsCommonPassword(std::string_view candidate) {
    const std::string lower = AsciiLower(candidate);
    const auto& list = CommonPasswords();
    return std::binary_search(list.begin(), list.end(), std::string_view(lower));
}

PasswordProblem CheckPassword(std::string_view password, std::string_view username) {
    if (password.size() > kMaxPasswordBytes) return PasswordProblem::kTooLong;
    if (CodePoints(password) < kMinPasswordLength) return PasswordProblem::kTooShort;
    if (password.find_first_not_of(password.front()) == std::string_view::npos)
        return PasswordProblem::kOneCharacter;
    const std::string lower = AsciiLower(password);
    if (!username.empty() && lower.find(AsciiLower(username)) != std::string::npos)
        return PasswordProblem::kHasUsername;
    // The password itself, or what is left of it without the digits and symbols at its end
    // ("sunshine2026!" is "sunshine" with a year).
    std::string_view base = lower;
    while (!base.empty() && IsPadding(base.back())) base.remove_suffix(1);
    // Digits and symbols alone are a number, a date or a walk on the keyboard.
    if (base.empty() || IsCommonPassword(lower) || (base.size() >= 4 && IsCommonPassword(base)))
        return PasswordProblem::kCommon;
    return PasswordProblem::kNone;
}

const char* PasswordProblemText(PasswordProblem problem) {
    switch (problem) {
        case PasswordProblem::kNone:
            return "";
        case PasswordProblem::kTooShort:
            return "a password has at least 12 characters";
        case PasswordProblem::kTooLong:
            return "a password has at most 1024 bytes";
        case PasswordProblem::kCommon:
            return "this password is one of the most common ones (or one of them with digits or "
                   "symbols added): attackers try those first";
        case PasswordProblem::kOneCharacter:
            return "a password is not one character repeated";
        case PasswordProblem::kHasUsername:
            return "a password does not contain the account's username";
    }
    return "";
}

}  // namespace tasjil::server
