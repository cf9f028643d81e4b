// What makes a staff password acceptable (src/server/passwords.h).
#include <catch2/catch.hpp>

#include "server/passwords.h"

using tasjil::server::CheckPassword;
using tasjil::server::IsCommonPassword;
using tasjil::server::PasswordProblem;

TEST_CASE("A staff password has at least 12 characters, counted as characters not bytes",
          "[server][passwords]") {
    CHECK(CheckPassword("short pass", "u") == PasswordProblem::kTooShort);
    CHECK(CheckPassword("elevenchars", "u") == PasswordProblem::kTooShort);
    CHECK(CheckPassword("twelve chars", "u") == PasswordProblem::kNone);
    // Six Arabic letters are twelve bytes but six characters.
    CHECK(CheckPassword("كلمةسر", "u") == PasswordProblem::kTooShort);
    CHECK(CheckPassword("كلمة سر طويلة جدا", "u") == PasswordProblem::kNone);
    CHECK(CheckPassword(std::string(1025, 'x'), "u") == PasswordProblem::kTooLong);
}

TEST_CASE(
    "Common passwords from breaches are refused, with any case and with digits or symbols "
    "added at the end",
    "[server][passwords]") {
    CHECK(IsCommonPassword("password"));
    CHECK(IsCommonPassword("PassWord"));
    CHECK(IsCommonPassword("sunshine"));
    CHECK_FALSE(IsCommonPassword("correct horse battery"));
    for (const char* weak : {"password1234", "Password2026!", "sunshine123456", "iloveyou!!!!",
                             "qwertyuiop123", "1234567890123", "Football2026..."}) {
        INFO(weak);
        CHECK(CheckPassword(weak, "martil.director") == PasswordProblem::kCommon);
    }
    for (const char* fine : {"correct horse battery", "martil director 2026",
                             "Tétouan au printemps", "ⵜⴰⵎⴰⵣⵉⵖⵜ ⵜⴰⵏⴰⵡⴰⵢⵜ", "7 vaches dans le pré"}) {
        INFO(fine);
        CHECK(CheckPassword(fine, "martil.director") == PasswordProblem::kNone);
    }
}

TEST_CASE("A password is not one character repeated, nor does it contain the username",
          "[server][passwords]") {
    CHECK(CheckPassword("aaaaaaaaaaaaaaaa", "u") == PasswordProblem::kOneCharacter);
    CHECK(CheckPassword("zzzzzzzzzzzzzzzzzzzz", "u") == PasswordProblem::kOneCharacter);
    CHECK(CheckPassword("my Martil.Director pass", "martil.director") ==
          PasswordProblem::kHasUsername);
}
