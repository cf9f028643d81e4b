#include "app/json_read.h"

namespace tasjil::app {

using Json = nlohmann::json;

std::string StringOf(const Json& object, const char* key) {
    if (!object.is_object()) return "";
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace tasjil::app
