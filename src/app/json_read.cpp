#include "app/json_read.h"

namespace tasjil::app {

using Json = nlohmann::json;

std::string StringOf(const Json& object, const char* key) {
    if (!object.is_object()) return "";
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

core::FieldErrors ErrorsFromJson(const Json& list) {
    core::FieldErrors out;
    if (!list.is_array()) return out;
    for (const auto& e : list) {
        if (!e.is_object()) continue;
        core::FieldError fe;
        fe.pointer = StringOf(e, "pointer");
        fe.code = StringOf(e, "code");
        if (const auto p = e.find("params"); p != e.end() && p->is_object()) {
            for (const auto& [k, v] : p->items()) {
                if (v.is_string()) fe.params.push_back({k, v.get<std::string>()});
            }
        }
        if (!fe.code.empty()) out.push_back(std::move(fe));
    }
    return out;
}

Json ErrorsToJson(const core::FieldErrors& errors) {
    Json out = Json::array();
    for (const auto& e : errors) {
        Json params = Json::object();
        for (const auto& p : e.params) params[p.name] = p.value;
        out.push_back({{"pointer", e.pointer}, {"code", e.code}, {"params", params}});
    }
    return out;
}

}  // namespace tasjil::app
