// Tasjil core: the one shape every problem with a file takes, from JSON parsing to eligibility.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tasjil::core {

// A named value substituted into a message template ("{limit}" → "60").
struct Param {
    std::string name;   // placeholder name used in the catalogues, without braces
    std::string value;  // already formatted for display (numbers, dates as YYYY-MM-DD, codes)

    bool operator==(const Param&) const = default;
};

// One problem, addressed by JSON Pointer so the UI can put it next to its field and the server
// can return it verbatim. Codes are stable API: the app, the server and the catalogues key on them.
struct FieldError {
    std::string pointer;        // RFC 6901 pointer into the electronic file ("" = the whole file)
    std::string code;           // stable dotted code, e.g. "child.birth_date.in_future"
    std::vector<Param> params;  // values the message template may use

    bool operator==(const FieldError&) const = default;
};

using FieldErrors = std::vector<FieldError>;

// Appends an RFC 6901-escaped token to a pointer ("~" → "~0", "/" → "~1").
std::string PointerAppend(const std::string& pointer, std::string_view token);
std::string PointerAppend(const std::string& pointer, std::size_t index);

// True when some error has exactly this code (tests and callers that branch on one code).
bool HasCode(const FieldErrors& errors, std::string_view code);

}  // namespace tasjil::core
