// Tasjil core: strict, non-throwing JSON parsing shared by every document the core reads
// (electronic files, rules, school maps, message catalogues).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "core/field_error.h"
#include "core/i18n.h"

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

// Errors or reasons as JSON — [{pointer, code, message, params: {name: value}}] — the one shape
// the API answers with, the server stores and the app keeps in a draft. `message` (the code
// rendered in the reader's language) only when `messages` is given. JsonT is nlohmann::json, or
// ordered_json where the member order is part of an answer (the API, the CLI).
template <class JsonT = Json>
JsonT ErrorsToJson(const FieldErrors& errors, const Catalogue* messages = nullptr) {
    JsonT out = JsonT::array();
    for (const auto& e : errors) {
        JsonT o = JsonT::object();
        o["pointer"] = e.pointer;
        o["code"] = e.code;
        if (messages) o["message"] = messages->Render(e);
        JsonT params = JsonT::object();
        for (const auto& p : e.params) params[p.name] = p.value;
        o["params"] = std::move(params);
        out.push_back(std::move(o));
    }
    return out;
}

// The same list read back from text that came from outside (a reply, a draft, a stored row):
// entries that are not objects or have no code, and parameters that are not strings, are left
// out; nothing throws.
FieldErrors ErrorsFromJson(const Json& list);

}  // namespace tasjil::core
