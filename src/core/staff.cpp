#include "core/staff.h"

#include <algorithm>

namespace tasjil::core {

std::string_view RoleName(StaffRole role) {
    return role == StaffRole::kDirectorate ? "directorate" : "school";
}

std::optional<StaffRole> ParseStaffRole(std::string_view name) {
    if (name == "school") return StaffRole::kSchool;
    if (name == "directorate") return StaffRole::kDirectorate;
    return std::nullopt;
}

namespace {

bool IsCode(std::string_view code) {
    if (code.empty() || code.size() > 16) return false;
    for (char c : code) {
        const bool ok =
            (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

std::optional<StaffScope> ParseStaffScope(StaffRole role, std::string_view text) {
    StaffScope scope;
    if (role == StaffRole::kDirectorate) {
        if (!IsCode(text)) return std::nullopt;
        scope.province = std::string(text);
        return scope;
    }
    for (std::size_t start = 0;;) {
        const auto end = std::min(text.find(',', start), text.size());
        const auto code = text.substr(start, end - start);
        if (!IsCode(code)) return std::nullopt;
        scope.schools.emplace_back(code);
        if (end == text.size()) return scope;
        start = end + 1;
    }
}

std::string ScopeText(const StaffScope& scope) {
    if (scope.schools.empty()) return scope.province;
    std::string out;
    for (const auto& code : scope.schools) {
        if (!out.empty()) out += ',';
        out += code;
    }
    return out;
}

}  // namespace tasjil::core
