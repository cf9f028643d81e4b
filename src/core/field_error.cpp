#include "core/field_error.h"

#include <algorithm>

namespace tasjil::core {

std::string PointerAppend(const std::string& pointer, std::string_view token) {
    std::string out = pointer;
    out.reserve(pointer.size() + token.size() + 1);
    out.push_back('/');
    for (char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string PointerAppend(const std::string& pointer, std::size_t index) {
    return pointer + "/" + std::to_string(index);
}

bool HasCode(const FieldErrors& errors, std::string_view code) {
    return std::any_of(errors.begin(), errors.end(),
                       [&](const FieldError& e) { return e.code == code; });
}

}  // namespace tasjil::core
