// Staff credentials (server/credentials.h): one-time passwords against RFC 6238's own test
// vectors, the window and replays, activation and recovery codes.
#include <catch2/catch.hpp>

#include <set>

#include "server/credentials.h"

using namespace tasjil::server;

TEST_CASE("One-time passwords are RFC 6238's test vectors for SHA-1, SHA-256 and SHA-512",
          "[server][credentials][totp]") {
    // RFC 6238, appendix B: 8 digits, 30-second steps, the seed of each hash.
    const std::string sha1 = "12345678901234567890";
    const std::string sha256 = "12345678901234567890123456789012";
    const std::string sha512 = "1234567890123456789012345678901234567890123456789012345678901234";
    struct Vector {
        std::int64_t time;
        const char* sha1;
        const char* sha256;
        const char* sha512;
    };
    for (const Vector& v : std::vector<Vector>{
             {59, "94287082", "46119246", "90693936"},
             {1111111109, "07081804", "68084774", "25091201"},
             {1111111111, "14050471", "67062674", "99943326"},
             {1234567890, "89005924", "91819424", "93441116"},
             {2000000000, "69279037", "90698825", "38618901"},
             {20000000000, "65353130", "77737706", "47863826"},
         }) {
        INFO(v.time);
        CHECK(TotpCode(sha1, v.time, 8, TotpHash::kSha1) == v.sha1);
        CHECK(TotpCode(sha256, v.time, 8, TotpHash::kSha256) == v.sha256);
        CHECK(TotpCode(sha512, v.time, 8, TotpHash::kSha512) == v.sha512);
    }
}

TEST_CASE("A code of the step before or after is accepted, one further away or used is not",
          "[server][credentials][totp]") {
    const std::string secret = NewTotpSecret();
    CHECK(secret.size() == 32);  // 160 bits in base32, no padding
    const std::int64_t now = 1775811600;
    const std::int64_t step = now / kTotpStepSeconds;
    CHECK(MatchTotp(secret, TotpCodeOf(secret, now), now, 0) == step);
    CHECK(MatchTotp(secret, TotpCodeOf(secret, now - 30), now, 0) == step - 1);
    CHECK(MatchTotp(secret, TotpCodeOf(secret, now + 30), now, 0) == step + 1);
    CHECK_FALSE(MatchTotp(secret, TotpCodeOf(secret, now - 60), now, 0));
    CHECK_FALSE(MatchTotp(secret, TotpCodeOf(secret, now + 60), now, 0));
    // The step already used, or an earlier one, is a replay.
    CHECK_FALSE(MatchTotp(secret, TotpCodeOf(secret, now), now, step));
    CHECK_FALSE(MatchTotp(secret, TotpCodeOf(secret, now - 30), now, step));
    CHECK(MatchTotp(secret, TotpCodeOf(secret, now + 30), now, step) == step + 1);
}

TEST_CASE(
    "A one-time password that is not six digits, or a key that is not base32, matches "
    "nothing",
    "[server][credentials][totp]") {
    const std::string secret = NewTotpSecret();
    const std::int64_t now = 1775811600;
    const std::string code = TotpCodeOf(secret, now);
    for (const std::string& typed :
         {std::string(""), code.substr(0, 5), code + "0", std::string("12345a"),
          " " + code.substr(1), std::string("\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4\xd9\xa5\xd9\xa6"),
          std::string(6, '\0')})
        CHECK_FALSE(MatchTotp(secret, typed, now, 0));
    CHECK_FALSE(MatchTotp("not base32!", "123456", now, 0));
    CHECK_FALSE(MatchTotp("", "123456", now, 0));
    CHECK(TotpCodeOf("not base32!", now).empty());
}

TEST_CASE("The key reaches an authenticator app in an otpauth URI with the issuer and account",
          "[server][credentials][totp]") {
    CHECK(OtpauthUri("Tasjil", "57303a", "JBSWY3DPEHPK3PXP") ==
          "otpauth://totp/Tasjil:57303a?secret=JBSWY3DPEHPK3PXP&issuer=Tasjil&algorithm=SHA1"
          "&digits=6&period=30");
    // A username with characters a URI reserves is escaped.
    CHECK(OtpauthUri("Tasjil", "a b&c", "K").find("a%20b%26c?") != std::string::npos);
}

TEST_CASE("Activation and recovery codes are random, readable, and typed in any case or grouping",
          "[server][credentials][codes]") {
    const std::string code = NewActivationCode();
    REQUIRE(code.size() == 19);  // XXXX-XXXX-XXXX-XXXX
    CHECK(code[4] == '-');
    CHECK(NewActivationCode() != code);
    const auto recovery = NewRecoveryCodes();
    CHECK(recovery.size() == kRecoveryCodes);
    CHECK(std::set<std::string>(recovery.begin(), recovery.end()).size() == recovery.size());
    for (const auto& r : recovery) CHECK(r.size() == 11);
    // Typed from paper: lower case, spaces, O for 0 and I or L for 1.
    CHECK(NormalisedCode("ab01-cd1x") == "AB01CD1X");
    CHECK(NormalisedCode("  aboi lcdx ") ==
          "AB01"
          "1CDX");
    CHECK(CodeHash("u", "abcd-efgh") == CodeHash("u", "ABCDEFGH"));
    CHECK(CodeHash("u", "ABCDEFGH") != CodeHash("v", "ABCDEFGH"));
    // Characters the alphabet has not (U, punctuation, Arabic digits) make no code.
    CHECK(NormalisedCode("ABCU").empty());
    CHECK(NormalisedCode("AB;C").empty());
    CHECK(NormalisedCode("\xd9\xa1").empty());
    CHECK(NormalisedCode(std::string(65, 'A')).empty());
}

TEST_CASE("A password matches its Argon2id hash only, and an account without one matches nothing",
          "[server][credentials][passwords]") {
    const std::string hash = HashPassword("correct horse battery");
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(VerifyPassword(hash, "correct horse battery"));
    CHECK_FALSE(VerifyPassword(hash, "correct horse batter"));
    CHECK_FALSE(VerifyPassword("", ""));
    CHECK_FALSE(VerifyPassword("", "correct horse battery"));
}
