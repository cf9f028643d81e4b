#include "core/staff.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "core/csv.h"
#include "core/names.h"
#include "core/text_policy.h"
#include "core/utf8.h"

namespace tasjil::core {

namespace {

constexpr std::array<std::string_view, 3> kRoleNames = {"school", "directorate", "national"};
constexpr std::array<std::string_view, 3> kStateNames = {"active", "pending", "disabled"};

}  // namespace

std::string_view RoleName(StaffRole role) {
    return kRoleNames[static_cast<std::size_t>(role)];
}

std::optional<StaffRole> ParseStaffRole(std::string_view name) {
    return EnumFromName<StaffRole>(kRoleNames, name);
}

std::string_view AccountStateName(AccountState state) {
    return kStateNames[static_cast<std::size_t>(state)];
}

std::optional<AccountState> ParseAccountState(std::string_view name) {
    return EnumFromName<AccountState>(kStateNames, name);
}

std::optional<StaffRole> ManagerOf(StaffRole role) {
    switch (role) {
        case StaffRole::kSchool:
            return StaffRole::kDirectorate;
        case StaffRole::kDirectorate:
            return StaffRole::kNational;
        case StaffRole::kNational:
            return std::nullopt;
    }
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
    if (role == StaffRole::kNational) {
        if (!text.empty()) return std::nullopt;
        return scope;
    }
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

std::optional<std::string> CleanDisplayName(std::string_view name) {
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (name.empty() || name.size() > kMaxDisplayName || !DecodeUtf8(name)) return std::nullopt;
    // The file's own text policy: what a console shows is what was typed.
    if (*TextPolicyViolation(name) != '\0') return std::nullopt;
    std::string normal = NormalizeText(name);
    if (normal.size() > kMaxDisplayName) return std::nullopt;
    return normal;
}

std::vector<AccountRow> ParseAccountRows(std::string_view text,
                                         std::vector<AccountRowProblem>& problems) {
    std::vector<CsvProblem> csv_problems;
    const CsvTable table = ParseCsv(text, csv_problems);
    for (const auto& p : csv_problems) problems.push_back({p.line, "accounts.import.unreadable"});
    int code_column = -1;
    int name_column = -1;
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        std::string h = table.header[i];
        std::transform(h.begin(), h.end(), h.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (h == "massar_code" || h == "code") code_column = static_cast<int>(i);
        if (h == "name" || h == "nom" || h == "الاسم") name_column = static_cast<int>(i);
    }
    std::vector<AccountRow> out;
    if (code_column < 0 || name_column < 0) {
        problems.push_back({1, "accounts.import.header"});
        return out;
    }
    if (table.rows.size() > kMaxAccountRows) {
        problems.push_back({table.rows[kMaxAccountRows].line, "accounts.import.too_many"});
        return out;
    }
    std::set<std::string> seen;
    for (const auto& row : table.rows) {
        const auto cell = [&](int column) {
            return static_cast<std::size_t>(column) < row.cells.size() ? row.cells[column]
                                                                       : std::string();
        };
        std::string code = cell(code_column);
        while (!code.empty() && code.back() == ' ') code.pop_back();
        while (!code.empty() && code.front() == ' ') code.erase(code.begin());
        const auto scope = ParseStaffScope(StaffRole::kSchool, code);
        if (!scope || scope->schools.size() != 1) {
            problems.push_back({row.line, "accounts.import.bad_code"});
            continue;
        }
        if (!seen.insert(code).second) {
            problems.push_back({row.line, "accounts.import.twice"});
            continue;
        }
        const auto name = CleanDisplayName(cell(name_column));
        if (!name) {
            problems.push_back({row.line, "accounts.import.bad_name"});
            continue;
        }
        out.push_back({row.line, code, *name});
    }
    return out;
}

}  // namespace tasjil::core
