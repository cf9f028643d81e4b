#include <catch2/catch.hpp>

#include "core/json_io.h"

using namespace tasjil::core;

TEST_CASE("A repeated key in one object is refused", "[json]") {
    Json j;
    JsonSyntaxError e;
    CHECK_FALSE(ParseJsonStrict(R"({"a":1,"b":2,"a":3})", j, e));
    CHECK(e.code == "file.duplicate_key");
    CHECK(e.detail == "a");
    CHECK(ParseJsonStrict(R"({"a":{"x":1},"b":{"x":2}})", j, e));  // same key, other objects
}

TEST_CASE("Nesting beyond the limit is refused before it costs stack", "[json]") {
    Json j;
    JsonSyntaxError e;
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK_FALSE(ParseJsonStrict(deep, j, e, 32));
    CHECK(e.code == "file.too_deep");
}

TEST_CASE("Malformed and truncated documents report where they broke", "[json]") {
    Json j;
    JsonSyntaxError e;
    CHECK_FALSE(ParseJsonStrict(R"({"a": tru})", j, e));
    CHECK(e.code == "file.malformed_json");
    CHECK(e.offset > 0);
    CHECK_FALSE(ParseJsonStrict(R"({"a": 1)", j, e));
    CHECK_FALSE(ParseJsonStrict("", j, e));
    CHECK_FALSE(ParseJsonStrict(R"({"a":1} x)", j, e));
    CHECK_FALSE(ParseJsonStrict("{\"a\":\"\xC3\"}", j, e));  // bad UTF-8 inside a string
}

TEST_CASE("A NUL byte anywhere refuses the document, so nothing hides behind it", "[json]") {
    Json j;
    JsonSyntaxError e;
    const std::string first = R"({"a":1})", second = R"({"a":2})";
    CHECK_FALSE(ParseJsonStrict(first + std::string(1, '\0') + second, j, e));
    CHECK(e.code == "file.malformed_json");
    CHECK(e.offset == first.size());
    CHECK_FALSE(ParseJsonStrict(first + std::string(1, '\0'), j, e));
    CHECK_FALSE(ParseJsonStrict(std::string("{\"a\":\"x") + '\0' + "y\"}", j, e));
    CHECK_FALSE(ParseJsonStrict(first + " \n\t " + second, j, e));  // a second value
    CHECK(ParseJsonStrict(first + " \n\t\r ", j, e));               // whitespace after is fine
}
