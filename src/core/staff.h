// Tasjil core: who reviews the files. A school's account decides on the files of its schools; a
// provincial directorate's oversees its province's (moves a file, changes a decision) and manages
// its schools' accounts; a national administrator manages the directorates' accounts. The server
// enforces the scope and the staff console shows what the role may do, from these types.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tasjil::core {

// What a staff account is. Its name in the API, the database and the command line: "school",
// "directorate", "national".
enum class StaffRole {
    kSchool,       // a school's director: decides on the files of its schools
    kDirectorate,  // a provincial directorate: every file of its province, its schools' accounts
    kNational,     // the ministry's administrator: the directorates' accounts, no file
};
std::string_view RoleName(StaffRole role);
std::optional<StaffRole> ParseStaffRole(std::string_view name);

// Where an account stands. Stored and sent as its name: "active", "pending", "disabled".
enum class AccountState {
    kActive,    // its owner logs in
    kPending,   // made or reset: waits for its owner to set a password with an activation code
    kDisabled,  // no log-in, no session, until its manager enables it again
};
std::string_view AccountStateName(AccountState state);
std::optional<AccountState> ParseAccountState(std::string_view name);

// Who manages an account of `role`: a directorate its schools', the national administrator the
// directorates'. None for the national administrator's own (made on the server).
std::optional<StaffRole> ManagerOf(StaffRole role);

// What a staff account may see: by role, its schools or its province.
struct StaffScope {
    std::vector<std::string> schools;  // a school account's schools (Massar codes)
    std::string province;              // a directorate's province (HCP code)
};

// A scope as written on the command line and stored: school codes separated by commas for a
// school account ("57303A,57303B"), a province code for a directorate ("01.573"), nothing for
// the national administrator. None when empty (or, for the national administrator, not empty),
// or when a code is not 1 to 16 ASCII letters, digits and dots.
std::optional<StaffScope> ParseStaffScope(StaffRole role, std::string_view text);
// The same text back (what ParseStaffScope reads).
std::string ScopeText(const StaffScope& scope);

// One row of a directorate's list of school accounts to make (a CSV of Massar codes and names).
struct AccountRow {
    int line = 0;             // where it is in the file (1-based), for its problems
    std::string school_code;  // Massar code, as ParseStaffScope accepts it
    std::string name;         // the school's name, as the account's display name
};
// The most rows one import makes (a province has a few hundred schools).
inline constexpr std::size_t kMaxAccountRows = 2000;
// An account's display name: at most this many bytes, no control characters.
inline constexpr std::size_t kMaxDisplayName = 200;
struct AccountRowProblem {
    int line = 0;      // 1-based line of the file
    std::string code;  // a message code of the console's catalogue (accounts.import.*)
};
// Reads a CSV (core/csv.h) whose header names a column "massar_code" (or "code") and one "name"
// (or "nom", "الاسم"), in any order, other columns ignored. Problems per line: a code that is no
// code, a code twice, a missing or too long name, too many rows, a file that is no such CSV.
std::vector<AccountRow> ParseAccountRows(std::string_view text,
                                         std::vector<AccountRowProblem>& problems);
// A display name as kept: spaces trimmed, in NFC with look-alike letters folded (NormalizeText);
// none when empty, longer than kMaxDisplayName bytes, or against the text policy
// (core/text_policy.h: controls, format characters such as bidi overrides or zero-width joiners,
// private use, unassigned).
std::optional<std::string> CleanDisplayName(std::string_view name);

}  // namespace tasjil::core
