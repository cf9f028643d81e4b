// Tasjil core: strict, non-throwing JSON parsing shared by every document the core reads
// (electronic files, rules, school maps, message catalogues).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace tasjil::core {

using Json = nlohmann::json;

// Why a document could not be read as JSON.
struct JsonSyntaxError {
    std::string code;        // "file.malformed_json" | "file.duplicate_key" | "file.too_deep"
    std::size_t offset = 0;  // byte offset where the problem was seen
    std::string detail;      // the duplicated key, or the parser's description
};

// Parses `text` into `out`. Unlike nlohmann's default, a repeated key in one object is an
// error (otherwise client and server could read different values from one document), and
// nesting deeper than `max_depth` is refused before it costs stack. Returns false and fills
// `error` on failure; never throws.
bool ParseJsonStrict(std::string_view text, Json& out, JsonSyntaxError& error,
                     std::size_t max_depth = 32);

}  // namespace tasjil::core
