#include "app/semantics.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace tasjil::app {

SemanticNode& Semantics::Add(SemanticNode node) {
    nodes_.push_back(std::move(node));
    return nodes_.back();
}

void Semantics::Insert(std::size_t position, SemanticNode node) {
    nodes_.insert(nodes_.begin() + static_cast<std::ptrdiff_t>(std::min(position, nodes_.size())),
                  std::move(node));
}

const SemanticNode* Semantics::Find(const std::string& id) const {
    for (const auto& n : nodes_) {
        if (n.id == id) return &n;
    }
    return nullptr;
}

std::string Semantics::ToJson(const std::string& lang, const std::string& dir,
                              const std::string& focus) const {
    using Json = nlohmann::json;
    Json nodes = Json::array();
    auto px = [](float v) { return std::round(v * 10.f) / 10.f; };
    for (const auto& n : nodes_) {
        Json j = {{"id", n.id},        {"role", n.role},    {"name", n.name},   {"x", px(n.rect.x)},
                  {"y", px(n.rect.y)}, {"w", px(n.rect.w)}, {"h", px(n.rect.h)}};
        // Only what is set, to keep the message small.
        if (!n.value.empty() || n.role == "textbox") j["value"] = n.value;
        if (!n.description.empty()) j["description"] = n.description;
        if (!n.for_id.empty()) j["for"] = n.for_id;
        if (!n.group.empty()) j["group"] = n.group;
        if (!n.autocomplete.empty()) j["autocomplete"] = n.autocomplete;
        if (!n.input_mode.empty()) j["inputmode"] = n.input_mode;
        if (!n.lang.empty()) j["lang"] = n.lang;
        if (!n.dir.empty()) j["dir"] = n.dir;
        if (n.level) j["level"] = n.level;
        if (n.max_length) j["maxlength"] = n.max_length;
        if (n.required) j["required"] = true;
        if (n.invalid) j["invalid"] = true;
        if (n.checked) j["checked"] = true;
        if (n.disabled) j["disabled"] = true;
        if (!n.options.empty()) j["options"] = n.options;
        nodes.push_back(std::move(j));
    }
    Json doc = {{"lang", lang}, {"dir", dir}, {"nodes", std::move(nodes)}};
    if (!focus.empty()) doc["focus"] = focus;
    return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace tasjil::app
