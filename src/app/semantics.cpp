#include "app/semantics.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

namespace tasjil::app {

SemanticNode& Semantics::Add(SemanticNode node) {
    if (node.parent.empty() && !open_.empty()) node.parent = nodes_[open_.back()].id;
    nodes_.push_back(std::move(node));
    return nodes_.back();
}

void Semantics::Insert(std::size_t position, SemanticNode node) {
    if (node.parent.empty() && !open_.empty()) node.parent = nodes_[open_.back()].id;
    const std::size_t at = std::min(position, nodes_.size());
    nodes_.insert(nodes_.begin() + static_cast<std::ptrdiff_t>(at), std::move(node));
    for (auto& i : open_) {
        if (i >= at) ++i;
    }
}

std::size_t Semantics::Open(SemanticNode node) {
    Add(std::move(node));
    open_.push_back(nodes_.size() - 1);
    return nodes_.size() - 1;
}

void Semantics::Close(std::size_t index, const Rect& rect) {
    if (index < nodes_.size()) nodes_[index].rect = rect;
    auto it = std::find(open_.begin(), open_.end(), index);
    if (it != open_.end()) open_.erase(it, open_.end());
}

const SemanticNode* Semantics::Find(const std::string& id) const {
    for (const auto& n : nodes_) {
        if (n.id == id) return &n;
    }
    return nullptr;
}

std::string Semantics::ToJson(const PageInfo& page) const {
    using Json = nlohmann::json;
    Json nodes = Json::array();
    auto px = [](float v) { return std::round(v * 10.f) / 10.f; };
    for (const auto& n : nodes_) {
        Json j = {{"id", n.id},        {"role", n.role},    {"name", n.name},   {"x", px(n.rect.x)},
                  {"y", px(n.rect.y)}, {"w", px(n.rect.w)}, {"h", px(n.rect.h)}};
        // Only what is set, to keep the message small.
        if (!n.value.empty() || n.role == "textbox") j["value"] = n.value;
        if (!n.description.empty()) j["description"] = n.description;
        if (!n.described_by.empty()) j["describedby"] = n.described_by;
        if (!n.labelled_by.empty()) j["labelledby"] = n.labelled_by;
        if (!n.for_id.empty()) j["for"] = n.for_id;
        if (!n.group.empty()) j["group"] = n.group;
        if (!n.parent.empty()) j["parent"] = n.parent;
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
        if (n.primary) j["primary"] = true;
        if (n.current) j["current"] = true;
        if (!n.options.empty()) j["options"] = n.options;
        nodes.push_back(std::move(j));
    }
    Json doc = {
        {"version", kSemanticTreeVersion}, {"lang", page.lang},   {"dir", page.dir},
        {"height", px(page.height)},       {"title", page.title}, {"nodes", std::move(nodes)}};
    if (!page.focus.empty()) doc["focus"] = page.focus;
    return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string Semantics::ToOutline() const {
    std::map<std::string, int> depth;
    std::string out;
    for (const auto& n : nodes_) {
        const int d = n.parent.empty() ? 0 : depth[n.parent] + 1;
        depth[n.id] = d;
        out.append(static_cast<std::size_t>(d) * 2, ' ');
        out += n.role;
        if (n.role == "heading") out += std::to_string(n.level);
        out += " #" + n.id;
        if (!n.name.empty()) out += " \"" + n.name + "\"";
        if (!n.value.empty()) out += " value=\"" + n.value + "\"";
        if (!n.description.empty()) out += " description=\"" + n.description + "\"";
        for (const auto& d2 : n.described_by) out += " describedby=" + d2;
        if (!n.labelled_by.empty()) out += " labelledby=" + n.labelled_by;
        if (!n.for_id.empty()) out += " for=" + n.for_id;
        if (!n.lang.empty()) out += " lang=" + n.lang;
        if (n.required) out += " required";
        if (n.invalid) out += " invalid";
        if (n.checked) out += " checked";
        if (n.disabled) out += " disabled";
        if (n.primary) out += " primary";
        if (n.current) out += " current";
        for (const auto& o : n.options) out += " option=" + o[0];
        out += '\n';
    }
    return out;
}

}  // namespace tasjil::app
