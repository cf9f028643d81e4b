#include "server/credentials.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/uuid.h"

namespace tasjil::server {

// [SECTION] Tokens and hashes --------------------------------------------------------------------

std::string Sha256(std::string_view s) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    return core::HexEncode(h, sizeof h);
}

std::string NewToken() {
    unsigned char token[32];
    randombytes_buf(token, sizeof token);
    return core::HexEncode(token, sizeof token);
}

bool IsToken(std::string_view t) {
    return t.size() == 64 && std::all_of(t.begin(), t.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// [SECTION] Passwords ----------------------------------------------------------------------------

std::string HashPassword(std::string_view password) {
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return hash;
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
    // A real hash to verify against when there is none, so the work is the same.
    static const std::string dummy = [] {
        try {
            return HashPassword("unused password");
        } catch (const std::runtime_error&) {
            return std::string();
        }
    }();
    const std::string& against = hash.empty() ? dummy : hash;
    const bool ok =
        crypto_pwhash_str_verify(against.c_str(), password.data(), password.size()) == 0;
    return ok && !hash.empty();
}

// [SECTION] Activation and recovery codes ---------------------------------------------------------

namespace {

// Crockford's base32: no I, L, O, U, which read as 1, 1, 0 and V.
constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

std::string RandomGroups(int groups, int size) {
    std::string out;
    for (int g = 0; g < groups; ++g) {
        if (g > 0) out += '-';
        for (int i = 0; i < size; ++i)
            out += kCodeAlphabet[randombytes_uniform(
                static_cast<std::uint32_t>(kCodeAlphabet.size()))];
    }
    return out;
}

}  // namespace

std::string NewActivationCode() {
    return RandomGroups(4, 4);
}

std::vector<std::string> NewRecoveryCodes() {
    std::vector<std::string> out;
    while (out.size() < static_cast<std::size_t>(kRecoveryCodes)) {
        std::string code = RandomGroups(2, 5);
        if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(std::move(code));
    }
    return out;
}

std::string NormalisedCode(std::string_view typed) {
    std::string out;
    if (typed.size() > 64) return "";
    for (char c : typed) {
        if (c == ' ' || c == '-') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c == 'O') c = '0';
        if (c == 'I' || c == 'L') c = '1';
        if (kCodeAlphabet.find(c) == std::string_view::npos) return "";
        out += c;
    }
    return out;
}

std::string CodeHash(std::string_view username, std::string_view code) {
    std::string text(username);
    text += '\n';
    text += NormalisedCode(code);
    return Sha256(text);
}

// [SECTION] Time-based one-time passwords ---------------------------------------------------------

namespace {

void InitOath() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (oath_init() != OATH_OK) throw std::runtime_error("liboath cannot start");
    });
}

// The raw key of a base32 secret ("" when it is not base32).
std::string DecodeSecret(const std::string& secret) {
    InitOath();
    char* out = nullptr;
    size_t len = 0;
    if (oath_base32_decode(secret.data(), secret.size(), &out, &len) != OATH_OK) return "";
    const std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
    return std::string(out, len);
}

}  // namespace

std::string NewTotpSecret() {
    InitOath();
    unsigned char key[20];
    randombytes_buf(key, sizeof key);
    char* out = nullptr;
    size_t len = 0;
    if (oath_base32_encode(reinterpret_cast<const char*>(key), sizeof key, &out, &len) != OATH_OK)
        throw std::runtime_error("liboath cannot encode a key");
    const std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
    return std::string(out, len);
}

std::string TotpCode(std::string_view key, std::int64_t now, int digits, TotpHash hash) {
    InitOath();
    const int flags = hash == TotpHash::kSha256   ? OATH_TOTP_HMAC_SHA256
                      : hash == TotpHash::kSha512 ? OATH_TOTP_HMAC_SHA512
                                                  : 0;
    char otp[16] = {};
    if (oath_totp_generate2(key.data(), key.size(), static_cast<time_t>(now), kTotpStepSeconds, 0,
                            static_cast<unsigned>(digits), flags, otp) != OATH_OK)
        throw std::runtime_error("liboath cannot compute a code");
    return otp;
}

std::string TotpCodeOf(const std::string& secret, std::int64_t now) {
    const std::string key = DecodeSecret(secret);
    return key.empty() ? "" : TotpCode(key, now);
}

std::optional<std::int64_t> MatchTotp(const std::string& secret, std::string_view code,
                                      std::int64_t now, std::int64_t after_step) {
    if (code.size() != static_cast<std::size_t>(kTotpDigits) ||
        !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const std::string key = DecodeSecret(secret);
    if (key.empty()) return std::nullopt;
    const std::string otp(code);
    int position = 0;
    std::uint64_t counter = 0;
    const int rc =
        oath_totp_validate3(key.data(), key.size(), static_cast<time_t>(now), kTotpStepSeconds, 0,
                            kTotpWindow, &position, &counter, otp.c_str());
    if (rc < 0) return std::nullopt;
    const auto step = static_cast<std::int64_t>(counter);
    if (step <= after_step) return std::nullopt;
    return step;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view secret) {
    std::string uri =
        "otpauth://totp/" + core::PercentEncode(issuer) + ":" + core::PercentEncode(account);
    uri += "?secret=" + std::string(secret) + "&issuer=" + core::PercentEncode(issuer);
    uri += "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
           "&period=" + std::to_string(kTotpStepSeconds);
    return uri;
}

}  // namespace tasjil::server
