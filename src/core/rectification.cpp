#include "core/rectification.h"

#include <algorithm>
#include <array>

#include "core/validation.h"

namespace tasjil::core {

namespace {

using Json = nlohmann::json;

// The file's parts that hold the personal data a parent gave (law 09-08, art. 1: data about an
// identified person); everything else records the act of sending.
constexpr std::array<std::string_view, 7> kRectifiableParts = {
    "child", "father", "mother", "guardian", "siblings_under_school_age", "residence", "contact"};

// RFC 6901 reference tokens of `pointer`, or none when it is not a well-formed pointer.
std::optional<std::vector<std::string>> Tokens(std::string_view pointer) {
    if (pointer.empty() || pointer[0] != '/' || pointer.size() > 256) return std::nullopt;
    std::vector<std::string> out;
    std::string token;
    for (std::size_t i = 1; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            out.push_back(std::move(token));
            token.clear();
            continue;
        }
        if (pointer[i] != '~') {
            token += pointer[i];
            continue;
        }
        if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1'))
            return std::nullopt;
        token += pointer[++i] == '0' ? '~' : '/';
    }
    return out;
}

// The value `pointer` names in `doc`, when it exists.
Json* Resolve(Json& doc, const std::vector<std::string>& tokens) {
    Json* at = &doc;
    for (const auto& t : tokens) {
        if (at->is_object()) {
            auto it = at->find(t);
            if (it == at->end()) return nullptr;
            at = &*it;
        } else if (at->is_array()) {
            // An index: decimal digits, no leading zero (RFC 6901 §4).
            if (t.empty() || t.size() > 4 || !std::all_of(t.begin(), t.end(), ::isdigit) ||
                (t.size() > 1 && t[0] == '0'))
                return nullptr;
            const std::size_t index = std::stoul(t);
            if (index >= at->size()) return nullptr;
            at = &(*at)[index];
        } else {
            return nullptr;
        }
    }
    return at;
}

bool Primitive(const Json& v) {
    return !v.is_object() && !v.is_array() && !v.is_discarded();
}

}  // namespace

bool IsRectifiable(std::string_view pointer) {
    const auto tokens = Tokens(pointer);
    if (!tokens || tokens->size() < 2) return false;
    return std::find(kRectifiableParts.begin(), kRectifiableParts.end(), (*tokens)[0]) !=
           kRectifiableParts.end();
}

RectifyResult Rectify(std::string_view file_json, const std::vector<Correction>& corrections,
                      const SchoolMap& map, const Date& received) {
    RectifyResult result;
    const Json original = Json::parse(file_json, nullptr, false);
    if (!original.is_object()) {
        result.errors.push_back({"", "file.malformed_json", {}});
        return result;
    }
    Json doc = original;
    for (const auto& c : corrections) {
        const auto tokens = Tokens(c.pointer);
        Json* target = tokens && IsRectifiable(c.pointer) ? Resolve(doc, *tokens) : nullptr;
        if (!target || !Primitive(*target) || !Primitive(c.value)) {
            result.errors.push_back({c.pointer, "rectify.field_forbidden", {}});
            continue;
        }
        if (*target != c.value && std::find(result.changed.begin(), result.changed.end(),
                                            c.pointer) == result.changed.end())
            result.changed.push_back(c.pointer);
        *target = c.value;
    }
    if (!result.errors.empty()) return result;
    // A file belongs to the directorate of its residence's province: moving the residence to
    // another province would hand it to another directorate, which a correction cannot do.
    const Json* before = original.contains("residence") ? &original["residence"] : nullptr;
    const Json* after = doc.contains("residence") ? &doc["residence"] : nullptr;
    if (before && after && before->is_object() && after->is_object() &&
        before->value("province", Json()) != after->value("province", Json())) {
        result.errors.push_back({"/residence/province", "rectify.other_province", {}});
        return result;
    }
    ParseResult parsed = ParseElectronicFile(doc.dump());
    if (!parsed.file) {
        result.errors = std::move(parsed.errors);
        return result;
    }
    ElectronicFile f = std::move(*parsed.file);
    NormalizeFile(f);
    FieldErrors errors = Validate(f, received);
    for (auto& e : ValidateAgainstMap(f, map)) {
        if (std::find(errors.begin(), errors.end(), e) == errors.end())
            errors.push_back(std::move(e));
    }
    if (!errors.empty()) {
        result.errors = std::move(errors);
        return result;
    }
    // Compared as stored: a correction that only normalises to the same value changes nothing.
    auto stored = ParseElectronicFile(file_json);
    if (stored.file) NormalizeFile(*stored.file);
    if (stored.file && ToJson(*stored.file) == ToJson(f)) {
        result.changed.clear();
        result.errors.push_back({"", "rectify.no_change", {}});
        return result;
    }
    result.file = std::move(f);
    return result;
}

}  // namespace tasjil::core
