// Tasjil core: who reviews the files. A school's account decides on the files of its schools; a
// provincial directorate's oversees its province's (moves a file, changes a decision). The
// server enforces the scope and the staff console shows what the role may do, from these types.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tasjil::core {

// What a staff account is. Its name in the API, the database and the command line: "school",
// "directorate".
enum class StaffRole {
    kSchool,       // a school's director: decides on the files of its schools
    kDirectorate,  // a provincial directorate: every file of its province
};
std::string_view RoleName(StaffRole role);
std::optional<StaffRole> ParseStaffRole(std::string_view name);

// What a staff account may see: by role, its schools or its province.
struct StaffScope {
    std::vector<std::string> schools;  // a school account's schools (Massar codes)
    std::string province;              // a directorate's province (HCP code)
};

// A scope as written on the command line and stored: school codes separated by commas for a
// school account ("57303A,57303B"), a province code for a directorate ("01.573"). None when
// empty, or when a code is not 1 to 16 ASCII letters, digits and dots.
std::optional<StaffScope> ParseStaffScope(StaffRole role, std::string_view text);
// The same text back (what ParseStaffScope reads).
std::string ScopeText(const StaffScope& scope);

}  // namespace tasjil::core
