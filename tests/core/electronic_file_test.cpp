#include <catch2/catch.hpp>

#include "core/electronic_file.h"
#include "support/fixtures.h"

using namespace tasjil::core;
using tasjil::test::SampleFileJson;
using Json = nlohmann::json;

namespace {
ParseResult Parse(const Json& j) {
    return ParseElectronicFile(j.dump());
}
}  // namespace

TEST_CASE("The sample file parses and writes back to the same JSON", "[electronic_file]") {
    const Json original = SampleFileJson();
    auto parsed = Parse(original);
    REQUIRE(parsed.errors.empty());
    REQUIRE(parsed.file);
    CHECK(parsed.file->child.given_name_ar == "ياسمين");
    CHECK(parsed.file->child.civil_status.act_year == 2020);
    CHECK(parsed.file->contact.channels == std::vector<std::string>{"sms", "email"});
    CHECK_FALSE(parsed.file->guardian);
    CHECK(Json::parse(ToJson(*parsed.file)) == original);
}

TEST_CASE("Arabic and Tifinagh values survive a round trip byte for byte", "[electronic_file]") {
    Json j = SampleFileJson();
    j["child"]["given_name_ar"] = "ڭمرية";
    j["residence"]["address"] = "ⴰⵖⴱⴰⵍⵓ 12, ⵜⵉⵟⵟⴰⵡⵉⵏ";
    j["siblings_under_school_age"][0]["given_name"] = "ⵜⵉⵍⵉⵍⵉ";
    auto parsed = Parse(j);
    REQUIRE(parsed.file);
    CHECK(parsed.file->child.given_name_ar == "ڭمرية");
    auto again = ParseElectronicFile(ToJson(*parsed.file));
    REQUIRE(again.file);
    CHECK(again.file->residence.address == "ⴰⵖⴱⴰⵍⵓ 12, ⵜⵉⵟⵟⴰⵡⵉⵏ");
    CHECK(again.file->siblings_under_school_age[0].given_name == "ⵜⵉⵍⵉⵍⵉ");
}

TEST_CASE("A guardian object is read with its relationship", "[electronic_file]") {
    Json j = SampleFileJson();
    j["guardian"] = {{"family_name_ar", "العلوي"},
                     {"given_name_ar", "أحمد"},
                     {"family_name_latin", "El Alaoui"},
                     {"given_name_latin", "Ahmed"},
                     {"cin", "L55555"},
                     {"phone", ""},
                     {"email", ""},
                     {"deceased", false},
                     {"relationship", "grandparent"}};
    auto parsed = Parse(j);
    REQUIRE(parsed.file);
    REQUIRE(parsed.file->guardian);
    CHECK(parsed.file->guardian->relationship == "grandparent");
    CHECK(Json::parse(ToJson(*parsed.file)) == j);
}

TEST_CASE("Unknown keys are refused at every level with their pointer", "[electronic_file]") {
    Json j = SampleFileJson();
    j["extra"] = 1;
    j["child"]["birth_place"]["region"] = "01";
    j["contact"]["whatsapp"] = true;
    auto parsed = Parse(j);
    CHECK_FALSE(parsed.file);
    CHECK(parsed.errors.size() == 3);
    CHECK(parsed.errors.end() !=
          std::find(parsed.errors.begin(), parsed.errors.end(),
                    FieldError{"/child/birth_place/region", "file.unknown_key", {}}));
    CHECK(parsed.errors.end() != std::find(parsed.errors.begin(), parsed.errors.end(),
                                           FieldError{"/extra", "file.unknown_key", {}}));
}

TEST_CASE("Missing keys are refused with their pointer", "[electronic_file]") {
    Json j = SampleFileJson();
    j["mother"].erase("cin");
    j.erase("declarations");
    auto parsed = Parse(j);
    CHECK_FALSE(parsed.file);
    CHECK(HasCode(parsed.errors, "file.missing_key"));
    CHECK(parsed.errors[0].pointer == "/mother/cin");
    CHECK(parsed.errors[1].pointer == "/declarations");
}

TEST_CASE("Values of the wrong type are refused with the expected type", "[electronic_file]") {
    Json j = SampleFileJson();
    j["child"]["civil_status"]["act_year"] = "2020";
    j["father"]["deceased"] = 0;
    j["contact"]["channels"] = "sms";
    j["siblings_under_school_age"] = Json::object();
    j["child"]["birth_place"] = nullptr;
    auto parsed = Parse(j);
    CHECK_FALSE(parsed.file);
    REQUIRE(parsed.errors.size() == 5);
    for (const auto& e : parsed.errors) CHECK(e.code == "file.wrong_type");
    CHECK(parsed.errors[0].pointer == "/child/birth_place");
    CHECK(parsed.errors[0].params[0].value == "object");
}

TEST_CASE("A string over the byte guard is refused; limits a parent meets are in characters",
          "[electronic_file][limits]") {
    Json j = SampleFileJson();
    j["residence"]["address"] = std::string(kMaxStringBytes, 'a');
    CHECK(Parse(j).file);
    j["residence"]["address"] = std::string(kMaxStringBytes + 1, 'a');
    auto parsed = Parse(j);
    CHECK_FALSE(parsed.file);
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.errors[0].code == "file.string_too_long");
    CHECK(parsed.errors[0].pointer == "/residence/address");
    // 110 Arabic letters (220 bytes) are read; validation measures them in characters.
    std::string arabic;
    for (int i = 0; i < 110; ++i) arabic += i % 7 == 6 ? " " : "ب";
    j["residence"]["address"] = arabic;
    CHECK(Parse(j).file);
}

TEST_CASE("A document over 64 KiB is refused before parsing", "[electronic_file][limits]") {
    std::string big = SampleFileJson().dump();
    big.insert(1, std::string(kMaxFileBytes, ' '));
    auto parsed = ParseElectronicFile(big);
    CHECK_FALSE(parsed.file);
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.errors[0].code == "file.too_large");
}

TEST_CASE("Every truncation of a valid file fails cleanly", "[electronic_file][robustness]") {
    const std::string text = SampleFileJson().dump(2);
    for (std::size_t n = 0; n < text.size(); ++n) {
        auto parsed = ParseElectronicFile(std::string_view(text).substr(0, n));
        REQUIRE_FALSE(parsed.file);
        REQUIRE_FALSE(parsed.errors.empty());
    }
    CHECK(ParseElectronicFile(text).file);
}

TEST_CASE("Corrupted bytes never crash the parser", "[electronic_file][robustness]") {
    const std::string text = SampleFileJson().dump();
    std::uint32_t state = 12345;
    for (int round = 0; round < 2000; ++round) {
        std::string copy = text;
        for (int k = 0; k < 3; ++k) {
            state = state * 1664525u + 1013904223u;
            copy[state % copy.size()] = static_cast<char>(state >> 24);
        }
        auto parsed = ParseElectronicFile(copy);
        CHECK((parsed.file.has_value() == parsed.errors.empty()));
    }
}

TEST_CASE("Non-object documents and other versions are refused", "[electronic_file]") {
    CHECK(ParseElectronicFile("[]").errors.at(0).code == "file.wrong_type");
    CHECK(ParseElectronicFile("null").errors.at(0).code == "file.wrong_type");
    CHECK(ParseElectronicFile("{\"a\":1,\"a\":2}").errors.at(0).code == "file.duplicate_key");
    Json j = SampleFileJson();
    j["schema_version"] = 2;
    auto parsed = Parse(j);
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.errors[0].code == "file.unsupported_schema_version");
}

TEST_CASE("Too many siblings or channels are refused", "[electronic_file][limits]") {
    Json j = SampleFileJson();
    for (int i = 0; i < 12; ++i)
        j["siblings_under_school_age"].push_back(j["siblings_under_school_age"][0]);
    CHECK(HasCode(Parse(j).errors, "file.too_many_items"));
    j = SampleFileJson();
    j["contact"]["channels"] = {"sms", "email", "sms"};
    CHECK(HasCode(Parse(j).errors, "file.too_many_items"));
}

TEST_CASE("Pointer tokens are escaped as RFC 6901 says", "[electronic_file]") {
    Json j = SampleFileJson();
    j["a/b~c"] = 1;
    auto parsed = Parse(j);
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.errors[0].pointer == "/a~1b~0c");
}
