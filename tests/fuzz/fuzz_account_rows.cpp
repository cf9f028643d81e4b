// A directorate's CSV of school accounts (core::ParseAccountRows): any bytes give rows whose
// codes are one valid school code each, unique, with a clean name, or problems; never a crash.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "core/staff.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<tasjil::core::AccountRowProblem> problems;
    const auto rows = tasjil::core::ParseAccountRows(text, problems);
    std::set<std::string> codes;
    for (const auto& row : rows) {
        const auto scope =
            tasjil::core::ParseStaffScope(tasjil::core::StaffRole::kSchool, row.school_code);
        if (!scope || scope->schools.size() != 1) __builtin_trap();
        if (!codes.insert(row.school_code).second) __builtin_trap();
        if (tasjil::core::CleanDisplayName(row.name) != row.name) __builtin_trap();
    }
    if (rows.size() > tasjil::core::kMaxAccountRows) __builtin_trap();
    return 0;
}
