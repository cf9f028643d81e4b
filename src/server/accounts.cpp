// Staff accounts managed where the people are: a directorate makes, disables, enables and resets
// its province's school accounts, the national administrator the directorates'; an owner opens
// an account with its activation code, sets a password and a second factor; a log-in's second
// factor is checked here. Every change is in the accounts' audit trail.
//
// Index
//   [SECTION] Helpers
//   [SECTION] Managing accounts
//   [SECTION] Activation
//   [SECTION] Second factor
#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/staff.h"
#include "server/credentials.h"
#include "server/passwords.h"
#include "server/service.h"

namespace tasjil::server {

using Json = nlohmann::ordered_json;

// [SECTION] Helpers ------------------------------------------------------------------------------

namespace {

// A username a manager may give: 3 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or
// digit (what a director can type on any keyboard and read back on a letter).
bool IsUsername(const std::string& name) {
    if (name.size() < 3 || name.size() > 64) return false;
    if (name[0] == '.' || name[0] == '_' || name[0] == '-') return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

// The message code of each password problem, in PasswordProblem's order (the console's
// catalogue says it in three languages).
constexpr const char* kPasswordCodes[] = {"",
                                          "password.too_short",
                                          "password.too_long",
                                          "password.common",
                                          "password.one_character",
                                          "password.has_username"};

std::string StringMember(const Json& j, const char* name) {
    return j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : "";
}

}  // namespace

Json Service::AccountJson(const StaffAccount& a) const {
    Json j = {{"username", a.username},
              {"role", RoleName(a.role)},
              {"display_name", a.display_name},
              {"state", core::AccountStateName(a.state)},
              {"second_factor_required", a.second_factor_required},
              {"second_factor", a.totp_enabled},
              {"created_by", a.created_by},
              {"created_at", a.created_at > 0 ? Rfc3339(a.created_at) : ""}};
    if (a.role == StaffRole::kSchool) j["schools"] = a.scope.schools;
    if (a.role == StaffRole::kDirectorate) j["province"] = a.scope.province;
    if (a.state == AccountState::kPending)
        j["activation_expires_at"] = Rfc3339(a.activation_expires_at);
    return j;
}

Json Service::NewActivation(StaffAccount& account, std::int64_t now) const {
    const std::string code = NewActivationCode();
    account.activation_hash = CodeHash("activation", code);
    account.activation_expires_at = now + kActivationSeconds;
    // In the fragment: never sent to a server, so never in a log.
    return {{"code", code},
            {"expires_at", Rfc3339(account.activation_expires_at)},
            {"link", public_url_ + "/staff/#activate=" + code}};
}

bool Service::Manages(const Reference& ref, const StaffAccount& manager,
                      const StaffAccount& account) const {
    if (manager.state != AccountState::kActive || core::ManagerOf(account.role) != manager.role)
        return false;
    if (manager.role == StaffRole::kNational) return true;
    // A directorate: every school of the account is in its province.
    if (account.scope.schools.empty()) return false;
    for (const auto& code : account.scope.schools) {
        const auto* school = ref.map.FindSchool(code);
        const auto* commune = school ? ref.map.FindCommune(school->commune) : nullptr;
        if (!commune || commune->province != manager.scope.province) return false;
    }
    return true;
}

std::optional<StaffAccount> Service::ManagedAccount(const std::string& manager,
                                                    const std::string& account,
                                                    const std::string& lang, Reply& refusal) {
    const auto staff = Staff(manager);
    if (!staff) {
        refusal = Error(ResultKind::kUnauthenticated, "auth.required", lang);
        return std::nullopt;
    }
    if (staff->role == StaffRole::kSchool) {
        refusal = Error(ResultKind::kForbidden, "accounts.forbidden", lang);
        return std::nullopt;
    }
    auto target = storage_.FindStaff(account);
    if (!target || !Manages(*reference(), *staff, *target)) {
        refusal = Error(ResultKind::kNotFound, "account.not_found", lang);
        return std::nullopt;
    }
    return target;
}

// [SECTION] Managing accounts --------------------------------------------------------------------

Reply Service::Accounts(const std::string& username, const std::string& lang) {
    const auto staff = Staff(username);
    if (!staff) return Error(ResultKind::kUnauthenticated, "auth.required", lang);
    if (staff->role == StaffRole::kSchool)
        return Error(ResultKind::kForbidden, "accounts.forbidden", lang);
    const auto snapshot = reference();
    const StaffRole managed =
        staff->role == StaffRole::kNational ? StaffRole::kDirectorate : StaffRole::kSchool;
    Json list = Json::array();
    for (const auto& a : storage_.ListStaff(managed))
        if (Manages(*snapshot, *staff, a)) list.push_back(AccountJson(a));
    return {ResultKind::kOk, Json{{"role", RoleName(managed)}, {"accounts", list}}.dump()};
}

Reply Service::Account(const std::string& username, const std::string& account,
                       const std::string& lang) {
    Reply refusal;
    const auto target = ManagedAccount(username, account, lang, refusal);
    if (!target) return refusal;
    Json history = Json::array();
    for (const auto& e : storage_.AccountTrail(target->username))
        history.push_back({{"at", e.at},
                           {"staff", e.staff},
                           {"action", AccountActionName(e.action)},
                           {"detail", e.detail}});
    Json out = AccountJson(*target);
    out["recovery_codes_left"] = storage_.RecoveryCodesLeft(target->username);
    out["history"] = history;
    return {ResultKind::kOk, out.dump()};
}

Reply Service::CreateAccount(const std::string& username, const std::string& body,
                             const std::string& lang) {
    const auto staff = Staff(username);
    if (!staff) return Error(ResultKind::kUnauthenticated, "auth.required", lang);
    if (staff->role == StaffRole::kSchool || staff->state != AccountState::kActive)
        return Error(ResultKind::kForbidden, "accounts.forbidden", lang);
    const Json j = Json::parse(body, nullptr, false);
    if (!j.is_object()) return Error(ResultKind::kMalformed, "request.malformed_json", lang);
    StaffAccount account;
    account.username = StringMember(j, "username");
    if (!IsUsername(account.username))
        return Error(ResultKind::kRefused, "account.username_invalid", lang);
    const auto name = core::CleanDisplayName(StringMember(j, "display_name"));
    if (!name) return Error(ResultKind::kRefused, "account.name_invalid", lang);
    account.display_name = *name;
    const auto snapshot = reference();
    if (staff->role == StaffRole::kNational) {
        account.role = StaffRole::kDirectorate;
        account.scope.province = StringMember(j, "province");
        if (!snapshot->map.FindProvince(account.scope.province))
            return Error(ResultKind::kRefused, "account.province_unknown", lang);
        // A directorate oversees thousands of files: never a password alone.
        account.second_factor_required = true;
    } else {
        account.role = StaffRole::kSchool;
        if (!j.contains("schools") || !j["schools"].is_array() || j["schools"].empty() ||
            j["schools"].size() > 20)
            return Error(ResultKind::kRefused, "account.schools_invalid", lang);
        std::set<std::string> seen;
        for (const auto& code : j["schools"]) {
            if (!code.is_string() || !seen.insert(code.get<std::string>()).second)
                return Error(ResultKind::kRefused, "account.schools_invalid", lang);
            account.scope.schools.push_back(code.get<std::string>());
        }
        // On unless the directorate turns it off for this school.
        account.second_factor_required = !j.contains("second_factor") ||
                                         !j["second_factor"].is_boolean() ||
                                         j["second_factor"].get<bool>();
    }
    if (!Manages(*snapshot, *staff, account))
        return Error(ResultKind::kRefused, "account.out_of_scope", lang);
    const std::int64_t now = clock_();
    account.state = AccountState::kPending;
    account.created_by = staff->username;
    account.created_at = now;
    const Json activation = NewActivation(account, now);
    std::string taken;
    if (!storage_.CreateAccounts({account},
                                 {{Rfc3339(now), staff->username, AccountAction::kCreate,
                                   account.username, account.display_name}},
                                 taken))
        return Error(ResultKind::kConflict, "account.username_taken", lang, {{"username", taken}});
    return {ResultKind::kCreated,
            Json{{"account", AccountJson(account)}, {"activation", activation}}.dump()};
}

Reply Service::ImportAccounts(const std::string& username, const std::string& body,
                              const std::string& lang) {
    const auto staff = Staff(username);
    if (!staff) return Error(ResultKind::kUnauthenticated, "auth.required", lang);
    if (staff->role != StaffRole::kDirectorate || staff->state != AccountState::kActive)
        return Error(ResultKind::kForbidden, "accounts.forbidden", lang);
    std::vector<core::AccountRowProblem> problems;
    const auto rows = core::ParseAccountRows(body, problems);
    const auto snapshot = reference();
    const std::int64_t now = clock_();
    std::vector<StaffAccount> accounts;
    std::vector<AccountAuditEntry> audit;
    Json made = Json::array();
    for (const auto& row : rows) {
        StaffAccount account;
        // The school's Massar code is the username its director logs in with.
        account.username = row.school_code;
        std::transform(account.username.begin(), account.username.end(), account.username.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        account.role = StaffRole::kSchool;
        account.scope.schools = {row.school_code};
        account.display_name = row.name;
        account.second_factor_required = true;
        account.state = AccountState::kPending;
        account.created_by = staff->username;
        account.created_at = now;
        if (!IsUsername(account.username)) {
            problems.push_back({row.line, "accounts.import.bad_code"});
            continue;
        }
        if (!Manages(*snapshot, *staff, account)) {
            problems.push_back({row.line, "accounts.import.out_of_scope"});
            continue;
        }
        if (storage_.FindStaff(account.username)) {
            problems.push_back({row.line, "accounts.import.exists"});
            continue;
        }
        const Json activation = NewActivation(account, now);
        made.push_back(
            {{"line", row.line}, {"account", AccountJson(account)}, {"activation", activation}});
        audit.push_back({Rfc3339(now), staff->username, AccountAction::kCreate, account.username,
                         "import: " + account.display_name});
        accounts.push_back(std::move(account));
    }
    if (problems.empty() && accounts.empty()) problems.push_back({1, "accounts.import.empty"});
    if (!problems.empty()) {
        std::sort(problems.begin(), problems.end(),
                  [](const auto& a, const auto& b) { return a.line < b.line; });
        Json list = Json::array();
        for (const auto& p : problems)
            list.push_back(
                {{"line", p.line}, {"code", p.code}, {"message", Catalogue(lang).Render(p.code)}});
        Json out = Json::parse(ErrorBody("accounts.import.invalid", lang,
                                         {{"count", std::to_string(problems.size())}}));
        out["problems"] = list;
        return {ResultKind::kRefused, out.dump()};
    }
    std::string taken;
    if (!storage_.CreateAccounts(accounts, audit, taken))
        return Error(ResultKind::kConflict, "account.username_taken", lang, {{"username", taken}});
    return {ResultKind::kCreated, Json{{"accounts", made}}.dump()};
}

Reply Service::ChangeAccount(const std::string& username, const std::string& account,
                             AccountAction action, const std::string& lang) {
    Reply refusal;
    auto target = ManagedAccount(username, account, lang, refusal);
    if (!target) return refusal;
    const AccountState before = target->state;
    const std::int64_t now = clock_();
    AccountChange change;
    Json out;
    switch (action) {
        case AccountAction::kDisable:
            if (before == AccountState::kDisabled)
                return Error(ResultKind::kConflict, "account.already_disabled", lang);
            target->state = AccountState::kDisabled;
            // At once: whoever holds a session of the account is out at their next request.
            change.end_sessions = true;
            break;
        case AccountAction::kEnable:
            if (before != AccountState::kDisabled)
                return Error(ResultKind::kConflict, "account.not_disabled", lang);
            target->state =
                target->password_hash.empty() ? AccountState::kPending : AccountState::kActive;
            break;
        case AccountAction::kReset:
            // The owner starts again: a new code, no password, no second factor, no session.
            target->state = AccountState::kPending;
            target->password_hash.clear();
            target->totp_secret.clear();
            target->totp_enabled = false;
            change.end_sessions = true;
            change.recovery_hashes = std::vector<std::string>{};
            out["activation"] = NewActivation(*target, now);
            break;
        default:
            return Error(ResultKind::kNotFound, "not_found", lang);
    }
    if (!storage_.UpdateAccount(*target, before,
                                {Rfc3339(now), username, action, target->username, ""}, change))
        return Error(ResultKind::kConflict, "account.changed", lang);
    out["account"] = AccountJson(*target);
    return {ResultKind::kOk, out.dump()};
}

// [SECTION] Activation ---------------------------------------------------------------------------

std::optional<StaffAccount> Service::ActivationAccount(const Json& j, const std::string& lang,
                                                       const LoginOrigin& origin, Reply& refusal) {
    const std::int64_t now = clock_();
    const std::string key = "activation:" + origin.address;
    if (const auto wait = ThrottleWait(storage_.GetThrottle(key), now, kActivationThrottle);
        wait > 0) {
        refusal = Error(ResultKind::kThrottled, "auth.throttled", lang,
                        {{"seconds", std::to_string(wait)}});
        refusal.wait_seconds = wait;
        return std::nullopt;
    }
    const std::string code = NormalisedCode(j["code"].get<std::string>());
    auto account =
        code.empty() ? std::nullopt : storage_.FindByActivation(CodeHash("activation", code));
    if (!account || account->state != AccountState::kPending) {
        storage_.RecordFailure(key, now, kActivationThrottle.forget_after);
        refusal = Error(ResultKind::kNotFound, "activation.not_found", lang);
        return std::nullopt;
    }
    if (account->activation_expires_at <= now) {
        refusal = Error(ResultKind::kRefused, "activation.expired", lang);
        return std::nullopt;
    }
    return account;
}

Reply Service::StartActivation(const std::string& body, const std::string& lang,
                               const LoginOrigin& origin) {
    const Json j = Json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("code") || !j["code"].is_string())
        return Error(ResultKind::kMalformed, "request.malformed_json", lang);
    Reply refusal;
    auto account = ActivationAccount(j, lang, origin, refusal);
    if (!account) return refusal;
    const std::int64_t now = clock_();
    // A new key each time the code is opened: only the last one shown can be confirmed.
    const AccountState before = account->state;
    account->totp_secret = NewTotpSecret();
    account->totp_enabled = false;
    if (!storage_.UpdateAccount(
            *account, before,
            {Rfc3339(now), account->username, AccountAction::kOpen, account->username, ""}, {}))
        return Error(ResultKind::kConflict, "account.changed", lang);
    Json out = AccountJson(*account);
    out["totp_secret"] = account->totp_secret;
    out["otpauth_uri"] = OtpauthUri("Tasjil", account->username, account->totp_secret);
    return {ResultKind::kOk, out.dump()};
}

Reply Service::Activate(const std::string& body, const std::string& lang,
                        const LoginOrigin& origin) {
    const Json j = Json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("code") || !j["code"].is_string() ||
        !j.contains("password") || !j["password"].is_string())
        return Error(ResultKind::kMalformed, "request.malformed_json", lang);
    Reply refusal;
    auto account = ActivationAccount(j, lang, origin, refusal);
    if (!account) return refusal;
    const std::int64_t now = clock_();
    const std::string password = j["password"];
    if (const auto problem = CheckPassword(password, account->username);
        problem != PasswordProblem::kNone)
        return Error(ResultKind::kRefused, kPasswordCodes[static_cast<std::size_t>(problem)], lang);
    const std::string totp = StringMember(j, "totp_code");
    std::optional<std::int64_t> step;
    if (!totp.empty() || account->second_factor_required) {
        if (account->totp_secret.empty())
            return Error(ResultKind::kConflict, "activation.not_started", lang);
        step = MatchTotp(account->totp_secret, totp, now, 0);
        if (!step) return Error(ResultKind::kRefused, "activation.code_wrong", lang);
    }
    account->password_hash = HashPassword(password);
    account->state = AccountState::kActive;
    account->activation_hash.clear();
    account->activation_expires_at = 0;
    account->totp_enabled = step.has_value();
    account->totp_last_step = step.value_or(0);
    if (!step) account->totp_secret.clear();
    AccountChange change;
    Json codes = Json::array();
    std::vector<std::string> hashes;
    if (step) {
        for (const auto& c : NewRecoveryCodes()) {
            codes.push_back(c);
            hashes.push_back(CodeHash(account->username, c));
        }
    }
    change.recovery_hashes = hashes;
    change.end_sessions = true;
    if (!storage_.UpdateAccount(*account, AccountState::kPending,
                                {Rfc3339(now), account->username, AccountAction::kActivate,
                                 account->username, step ? "second factor" : "password only"},
                                change))
        return Error(ResultKind::kConflict, "account.changed", lang);
    storage_.ClearThrottle("activation:" + origin.address);
    Json out = AccountJson(*account);
    out["recovery_codes"] = codes;
    return {ResultKind::kCreated, out.dump()};
}

// [SECTION] Second factor ------------------------------------------------------------------------

Service::SecondFactor Service::CheckSecondFactor(const StaffAccount& account,
                                                 const std::string& code, std::int64_t now,
                                                 int& recovery_left) {
    const bool digits = std::all_of(code.begin(), code.end(),
                                    [](char c) { return (c >= '0' && c <= '9') || c == ' '; });
    if (digits) {
        std::string otp;
        for (char c : code)
            if (c != ' ') otp += c;
        // Within the window, but not later than the last one used: a replay.
        const auto any = MatchTotp(account.totp_secret, otp, now, -1);
        if (!any) return SecondFactor::kWrong;
        if (*any <= account.totp_last_step || !storage_.UseTotpStep(account.username, *any))
            return SecondFactor::kReplayed;
        return SecondFactor::kAccepted;
    }
    if (NormalisedCode(code).size() != 10) return SecondFactor::kWrong;
    const std::int64_t at = now;
    if (!storage_.UseRecoveryCode(
            account.username, CodeHash(account.username, code),
            {Rfc3339(at), account.username, AccountAction::kRecovery, account.username, ""}))
        return SecondFactor::kWrong;
    recovery_left = storage_.RecoveryCodesLeft(account.username);
    return SecondFactor::kAccepted;
}

}  // namespace tasjil::server
