// Index
//   [SECTION] Helpers
//   [SECTION] Intake
//   [SECTION] Status for parents
//   [SECTION] Staff
#include "server/service.h"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "core/decision.h"
#include "core/precheck.h"
#include "core/rectification.h"
#include "core/reference.h"
#include "core/text_policy.h"
#include "core/utf8.h"
#include "core/uuid.h"
#include "core/validation.h"
#include "server/credentials.h"
#include "server/db.h"
#include "server/log.h"
#include "server/passwords.h"

namespace tasjil::server {

using Json = nlohmann::ordered_json;

namespace {
// How far ahead of the server's clock a device's clock may be.
constexpr std::int64_t kClockSkewSeconds = 10 * 60;
}  // namespace

// [SECTION] Helpers ------------------------------------------------------------------------------

namespace {

core::Date DateOf(std::int64_t t) {
    return core::Date{
        date::floor<date::days>(std::chrono::system_clock::time_point(std::chrono::seconds(t)))};
}

std::string NewUuid() {
    std::array<std::uint8_t, 16> b{};
    randombytes_buf(b.data(), b.size());
    return core::UuidV4FromBytes(b);
}

// Reasons as stored: {pointer, code, params}; rendered in the reader's language on the way out.
Json ReasonsToStore(const core::FieldErrors& reasons) {
    return core::ErrorsToJson(reasons);
}

core::FieldErrors ReasonsFromStore(const std::string& text) {
    return core::ErrorsFromJson(Json::parse(text, nullptr, false));
}

// What staff see of the messages about a file: delivered, waiting, or failed and why.
Json NotificationsJson(const std::vector<OutboxMessage>& messages) {
    Json out = Json::array();
    for (const auto& m : messages) {
        out.push_back({{"channel", ChannelName(m.channel)},
                       {"kind", KindName(m.kind)},
                       {"language", m.language},
                       {"subject", m.subject},
                       {"body", m.body},
                       {"status", OutboxStateName(m.status)},
                       {"attempts", m.attempts},
                       {"created_at", Rfc3339(m.created_at)},
                       {"last_error", m.last_error},
                       {"delivery_report", m.delivery_report}});
    }
    return out;
}

// A note with nothing but spaces says nothing (the text policy has already made every space an
// ASCII one).
bool Blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A staff note reaches the parent and the audit trail: the same Unicode policy as the file's own
// text, and at most 500 characters. None when it breaks them.
std::optional<std::string> ReadNote(const Json& request) {
    constexpr std::size_t kMaxNote = 500;
    const std::string note = core::NormalizeText(
        request.contains("note") && request["note"].is_string() ? request["note"].get<std::string>()
                                                                : "");
    if (note.size() > 4 * kMaxNote || core::CharacterCount(note) > kMaxNote ||
        *core::TextPolicyViolation(note))
        return std::nullopt;
    return note;
}

FileStatus StatusFor(core::Outcome o) {
    return o == core::Outcome::kIneligible ? FileStatus::kRejected : FileStatus::kPendingReview;
}

}  // namespace

std::int64_t ThrottleWait(const ThrottleState& state, std::int64_t now,
                          const ThrottlePolicy& policy) {
    if (state.failures < policy.free_failures) return 0;
    if (now - state.last_failure_at >= policy.forget_after) return 0;
    const int doublings = std::min(state.failures - policy.free_failures, 30);
    const std::int64_t wait =
        std::min<std::int64_t>(policy.max_wait, policy.first_wait << doublings);
    const std::int64_t until = state.last_failure_at + wait;
    return until > now ? until - now : 0;
}

Service::Service(Storage& storage, core::Rules rules, const core::SchoolMap& map,
                 std::map<std::string, core::Catalogue> catalogues, Clock clock)
    : storage_(storage),
      reference_(std::make_shared<const Reference>(Reference{std::move(rules), map})),
      catalogues_(std::move(catalogues)),
      clock_(std::move(clock)) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
    IndexStoredFiles();
}

std::shared_ptr<const Reference> Service::reference() const {
    std::lock_guard lock(reference_mutex_);
    return reference_;
}

std::vector<SchoolLeftMap> Service::Reload(core::Rules rules, core::SchoolMap map) {
    auto fresh = std::make_shared<const Reference>(Reference{std::move(rules), std::move(map)});
    {
        std::lock_guard lock(reference_mutex_);
        reference_ = std::move(fresh);  // the old one lives on while a request still holds it
    }
    return SchoolsLeftMap("");
}

std::vector<SchoolLeftMap> Service::SchoolsLeftMap(const std::string& province) {
    const auto snapshot = this->reference();
    std::vector<SchoolLeftMap> out;
    for (const auto& s : storage_.SchoolsWithFiles(province)) {
        if (snapshot->map.FindSchool(s.school_code)) continue;
        out.push_back({s.school_code, s.province, s.files});
    }
    return out;
}

const core::Catalogue& Service::Catalogue(const std::string& lang) const {
    auto it = catalogues_.find(lang);
    if (it == catalogues_.end()) it = catalogues_.find(std::string(core::kDefaultLocale));
    static const core::Catalogue empty;
    return it == catalogues_.end() ? empty : it->second;
}

std::string Service::ErrorBody(const std::string& code, const std::string& lang,
                               const std::vector<core::Param>& params) const {
    return Json{{"code", code}, {"message", Catalogue(lang).Render(code, params)}}.dump();
}

Reply Service::Error(ResultKind result, const std::string& code, const std::string& lang,
                     const std::vector<core::Param>& params) const {
    return {result, ErrorBody(code, lang, params)};
}

// [SECTION] Intake -------------------------------------------------------------------------------

std::vector<OutboxMessage> Service::Messages(const core::ElectronicFile& f,
                                             const std::string& reference, FileStatus status,
                                             MessageKind kind, const std::string& reasons_text,
                                             std::int64_t now) {
    std::vector<OutboxMessage> out;
    const std::string lang = core::IsSupportedLocale(f.contact.language)
                                 ? f.contact.language
                                 : std::string(core::kDefaultLocale);
    const auto& c = Catalogue(lang);
    // The child's given name in the script of the message's language.
    const std::string child = lang == "ar" ? f.child.given_name_ar : f.child.given_name_latin;
    const std::string status_name(StatusName(status));
    const std::string status_text = c.Render("status." + status_name);
    const std::string prefix = "notify." + std::string(KindName(kind)) +
                               (kind == MessageKind::kDecision ? "." + status_name : "");
    // What happens next, in every message: the results' date (in words: Catalogue::Render
    // writes every date parameter so), and the status look-up with the reference filled in.
    std::vector<core::Param> params = {
        {"reference", reference},
        {"child", child},
        {"status", status_text},
        {"reasons", reasons_text},
        // The reasons as a line of their own where a message has some to give, else nothing.
        {"why",
         reasons_text.empty() ? "" : c.Render("notify.reasons", {{"reasons", reasons_text}})},
        {"received", core::FormatIsoDate(DateOf(now))},
        {"results_from", this->reference()->rules.results_from},
        {"status_url", public_url_ + "/?ref=" + reference}};
    for (const auto& name : f.contact.channels) {
        // The core's validation let only these names into a file.
        const auto channel = ParseChannel(name);
        if (!channel) continue;
        OutboxMessage m;
        m.id = NewUuid();
        m.reference = reference;
        m.channel = *channel;
        m.language = lang;
        m.kind = kind;
        m.created_at = now;
        m.next_attempt_at = now;
        if (*channel == Channel::kEmail) {
            m.recipient = f.contact.email;
            m.subject = c.Render(prefix + ".subject", params);
            m.body = c.Render(prefix + ".body", params);
        } else {
            m.recipient = f.contact.phone;
            // French goes as GSM-7 (160 characters a segment, not UCS-2's 70).
            auto render = [&](const std::vector<core::Param>& p) {
                const std::string text = c.Render(prefix + ".sms", p);
                return lang == "fr" ? FoldToGsm7(text) : text;
            };
            m.body = render(params);
            if (SmsSegments(m.body) > 2) {  // keep an SMS within two segments: drop the name
                auto shorter = params;
                shorter[1].value = "";
                m.body = render(shorter);
            }
        }
        out.push_back(std::move(m));
    }
    return out;
}

Reply Service::Submit(const std::string& body, const std::string& lang) {
    const auto snapshot = this->reference();
    const Reference& ref = *snapshot;
    if (body.size() > core::kMaxFileBytes) {
        return Error(ResultKind::kTooLarge, "request.too_large", lang,
                     {{"limit", std::to_string(core::kMaxFileBytes)}});
    }
    const std::int64_t now = clock_();
    core::ParseResult parsed = core::ParseElectronicFile(body);
    if (!parsed.file && !parsed.errors.empty() && parsed.errors[0].pointer.empty() &&
        (parsed.errors[0].code == "file.malformed_json" ||
         parsed.errors[0].code == "file.duplicate_key" ||
         parsed.errors[0].code == "file.too_deep")) {
        Json j = {{"code", "request.malformed_json"},
                  {"message", Catalogue(lang).Render("request.malformed_json")},
                  {"errors", core::ErrorsToJson(parsed.errors, Catalogue(lang))}};
        return {ResultKind::kMalformed, j.dump()};
    }
    auto result = core::Precheck(std::move(parsed), ref.rules, ref.map, DateOf(now));
    if (result.file) {
        // A file cannot have been created or sent later than now (a few minutes of clock skew
        // on the parent's device allowed).
        for (auto& e : core::ValidateAgainstClock(*result.file, now, kClockSkewSeconds))
            result.errors.push_back(std::move(e));
    }
    if (!result.valid()) {
        Json j = {{"code", "file.invalid"},
                  {"message", Catalogue(lang).Render("file.invalid")},
                  {"errors", core::ErrorsToJson(result.errors, Catalogue(lang))}};
        return {ResultKind::kRefused, j.dump()};
    }
    const core::ElectronicFile& f = *result.file;
    const auto& eligibility = *result.eligibility;
    StoredFile file;
    file.file_id = f.file_id;
    file.json = core::ToJson(f);
    file.content_hash = Sha256(file.json);
    file.status = StatusFor(eligibility.outcome);
    file.reasons_json = ReasonsToStore(eligibility.reasons).dump();
    file.school_code = f.school_choice.school_code;
    file.province = f.residence.province;
    file.birth_date = f.child.birth_date;
    file.received_at = Rfc3339(now);

    StoredFile stored;
    InsertResult inserted = InsertResult::kCreated;
    for (int attempt = 0;; ++attempt) {
        std::uint64_t random = 0;
        randombytes_buf(&random, sizeof random);
        file.reference = core::MakeReference(random);
        IndexFile(file, f, eligibility.reasons);
        // The reasons in plain words: why the file waits for a look (late, window) or why it is
        // refused, in the acknowledgement and in the decision.
        std::string reasons;
        for (const auto& r : eligibility.reasons) {
            reasons += (reasons.empty() ? "" : " ") + Catalogue(f.contact.language).Render(r);
        }
        // A file the pre-check refuses is told so at once, with the reasons and what to do next
        // (the decision message); an acknowledgement saying it will be examined would be untrue.
        auto messages =
            Messages(f, file.reference, file.status,
                     file.status == FileStatus::kRejected ? MessageKind::kDecision
                                                          : MessageKind::kAcknowledgement,
                     reasons, now);
        try {
            inserted = storage_.InsertFile(file, messages, stored);
            break;
        } catch (const DbError& e) {
            if (!e.unique_violation() || attempt >= 4)
                throw;  // else: a reference collision, draw again
        }
    }
    if (inserted == InsertResult::kConflict)
        return Error(ResultKind::kConflict, "file.conflict", lang);
    Json j = {
        {"reference", stored.reference},
        {"status", StatusName(stored.status)},
        {"reasons", core::ErrorsToJson(ReasonsFromStore(stored.reasons_json), Catalogue(lang))},
        {"received_at", stored.received_at},
        // The establishment that takes the child (a satellite unit of the chosen group).
        {"serving_unit", eligibility.serving_unit}};
    return {inserted == InsertResult::kCreated ? ResultKind::kCreated : ResultKind::kOk, j.dump()};
}

// [SECTION] Status for parents -------------------------------------------------------------------

Reply Service::Status(const std::string& reference, const std::string& birth_date,
                      const std::string& lang) {
    const auto canonical = core::ParseReference(reference);
    // The same answer whether the reference does not exist or the date does not match, and the
    // same work: one probe of the (reference, birth_date) index, one failure recorded against
    // the reference.
    if (!canonical || !core::ParseIsoDate(birth_date))
        return Error(ResultKind::kNotFound, "file.not_found", lang);
    const std::int64_t now = clock_();
    const std::string key = "status:" + *canonical;
    if (const auto wait = ThrottleWait(storage_.GetThrottle(key), now, kStatusThrottle)) {
        ++counters_.status_throttled;
        Reply r = Error(ResultKind::kThrottled, "request.rate_limited", lang,
                        {{"seconds", std::to_string(wait)}});
        r.wait_seconds = wait;
        return r;
    }
    const auto file = storage_.FindForParent(*canonical, birth_date);
    if (!file) {
        storage_.RecordFailure(key, now, kStatusThrottle.forget_after);
        return Error(ResultKind::kNotFound, "file.not_found", lang);
    }
    Json history = Json::array();
    for (const auto& [status, at] : storage_.StatusHistory(file->reference)) {
        history.push_back({{"status", StatusName(status)}, {"at", at}});
    }
    Json j = {
        {"reference", file->reference},
        {"status", StatusName(file->status)},
        {"status_text", Catalogue(lang).Render("status." + std::string(StatusName(file->status)))},
        {"reasons", core::ErrorsToJson(ReasonsFromStore(file->reasons_json), Catalogue(lang))},
        {"received_at", file->received_at},
        {"history", history}};
    return {ResultKind::kOk, j.dump()};
}

// [SECTION] Staff --------------------------------------------------------------------------------

std::string Service::CreateStaff(const std::string& username, const std::string& password,
                                 const std::string& role, const std::string& scope) {
    if (username.empty()) throw std::runtime_error("a username is needed");
    if (!password.empty()) {
        if (const auto problem = CheckPassword(password, username);
            problem != PasswordProblem::kNone)
            throw std::runtime_error(PasswordProblemText(problem));
    }
    const auto parsed_role = ParseStaffRole(role);
    if (!parsed_role) throw std::runtime_error("role is school, directorate or national");
    const auto parsed_scope = core::ParseStaffScope(*parsed_role, scope);
    if (!parsed_scope)
        throw std::runtime_error(*parsed_role == StaffRole::kSchool ? "scope is a list of school "
                                                                      "codes separated by commas"
                                 : *parsed_role == StaffRole::kDirectorate
                                     ? "scope is a province code"
                                     : "the national administrator has no scope");
    StaffAccount account;
    account.username = username;
    account.role = *parsed_role;
    account.scope = *parsed_scope;
    account.second_factor_required = *parsed_role != StaffRole::kSchool;
    account.created_at = clock_();
    std::string code;
    if (password.empty()) {
        account.state = AccountState::kPending;
        code = NewActivation(account, account.created_at)["code"];
    } else {
        account.password_hash = HashPassword(password);
    }
    storage_.PutStaff(account);
    return code;
}

namespace {

// The most addresses a log-in's answer lists (the rest are counted in the total).
constexpr std::size_t kFailureAddressesShown = 10;

// A User-Agent as kept with a session: printable ASCII, at most 200 characters.
std::string KeptAgent(const std::string& agent) {
    std::string out;
    for (const char c : agent) {
        if (out.size() == 200) break;
        if (c >= 0x20 && c < 0x7f) out += c;
    }
    return out;
}

}  // namespace

Reply Service::Login(const std::string& body, const std::string& lang, const LoginOrigin& origin) {
    const std::string& client = origin.address;
    const std::string& device = origin.device;
    const Json j = Json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("username") || !j.contains("password") ||
        !j["username"].is_string() || !j["password"].is_string()) {
        return Error(ResultKind::kMalformed, "request.malformed_json", lang);
    }
    const std::string username = j["username"];
    const std::string password = j["password"];
    if (username.empty() || username.size() > 128 || password.size() > 1024)
        return Error(ResultKind::kUnauthenticated, "auth.invalid_credentials", lang);
    const std::int64_t now = clock_();
    const std::int64_t known_since = now - kKnownDeviceSeconds;
    // A device this account logged in from is slowed only by its own failures; any other try
    // counts against its address with this account, its address with any account, and this
    // account from unknown devices (each with its own policy: none of them can keep the owner
    // out of a device the owner used).
    const std::string device_hash = IsToken(device) ? Sha256(device) : "";
    const bool known =
        !device_hash.empty() && storage_.KnownDevice(device_hash, username, known_since);
    struct Counted {
        std::string key;
        const ThrottlePolicy* policy;
    };
    std::vector<Counted> counted;
    if (known) {
        counted = {{"login-device:" + device_hash + ":" + username, &kLoginThrottle}};
    } else {
        counted = {{"login:" + username + "@" + client, &kLoginThrottle},
                   {"login-address:" + client, &kAddressLoginThrottle},
                   {"login-account:" + username, &kAccountLoginThrottle}};
    }
    std::int64_t wait = 0;
    for (const auto& c : counted)
        wait = std::max(wait, ThrottleWait(storage_.GetThrottle(c.key), now, *c.policy));
    if (wait > 0) {
        ++counters_.login_throttled;
        Reply r = Error(ResultKind::kThrottled, "auth.throttled", lang,
                        {{"seconds", std::to_string(wait)}});
        r.wait_seconds = wait;
        return r;
    }
    const auto account = storage_.FindStaff(username);
    // Verified against a real hash either way, so timing does not tell which usernames exist.
    const bool ok = VerifyPassword(account ? account->password_hash : "", password);
    // A wrong password, or a wrong second factor: counted against every key of this try.
    const auto refuse = [&](const char* code) {
        ++counters_.login_failures;
        int first_count = 0;
        for (const auto& c : counted) {
            const auto state = storage_.RecordFailure(c.key, now, c.policy->forget_after);
            if (&c == &counted.front()) first_count = state.failures;
        }
        // The owner is told at the next log-in, from where.
        if (account) storage_.RecordLoginFailure(username, client, now);
        if (first_count == kLoginThrottle.free_failures || first_count % 20 == 0) {
            // Reported for the security team: an account under a password-guessing attack.
            std::fprintf(stderr,
                         "tasjil-server: security: %d failed log-ins in a row for a staff "
                         "account%s from one %s; its tries are slowed down\n",
                         first_count, account ? "" : " name that does not exist",
                         known ? "known device" : "address");
        }
        return Error(ResultKind::kUnauthenticated, code, lang);
    };
    if (!account || !ok) return refuse("auth.invalid_credentials");
    // The right password: the owner is told why the account does not open.
    if (account->state == AccountState::kDisabled)
        return Error(ResultKind::kForbidden, "auth.account_disabled", lang);
    if (account->state != AccountState::kActive) return refuse("auth.invalid_credentials");
    int recovery_left = -1;
    if (account->totp_enabled) {
        const std::string code =
            j.contains("code") && j["code"].is_string() ? j["code"].get<std::string>() : "";
        // The password alone is right: the console asks for the second factor.
        if (code.empty()) return Error(ResultKind::kUnauthenticated, "auth.code_needed", lang);
        switch (CheckSecondFactor(*account, code, now, recovery_left)) {
            case SecondFactor::kAccepted:
                break;
            case SecondFactor::kWrong:
                return refuse("auth.code_wrong");
            case SecondFactor::kReplayed:
                // Someone who saw the code (or a second click): the next code will do.
                return refuse("auth.code_used");
        }
    }
    // This device's (or this address's) own count starts again; the others are an attacker's.
    storage_.ClearThrottle(counted.front().key);
    // The device's token: kept when the server issued it (to this account or another one that
    // shares the device), else a new one.
    const std::string device_token =
        known || (!device_hash.empty() && storage_.IssuedDevice(device_hash, known_since))
            ? device
            : NewToken();
    storage_.PutKnownDevice(Sha256(device_token), username, now);
    const auto failures = storage_.TakeLoginFailures(username);
    std::int64_t failed = 0;
    Json addresses = Json::array();
    for (const auto& f : failures) {
        failed += f.failures;
        if (addresses.size() < kFailureAddressesShown)
            addresses.push_back({{"address", f.address},
                                 {"failures", f.failures},
                                 {"last_at", Rfc3339(f.last_at)}});
    }
    const std::string token_hex = NewToken();
    const std::int64_t expires = now + kSessionSeconds;
    storage_.PutSession(Sha256(token_hex), username,
                        {"", now, now, expires, client, KeptAgent(origin.agent)});
    Json out = {{"token", token_hex},
                {"expires_at", Rfc3339(expires)},
                {"role", RoleName(account->role)},
                {"username", account->username},
                {"device", device_token},
                {"failures_since_last_visit", failed},
                {"failure_addresses", addresses}};
    if (recovery_left >= 0) out["recovery_codes_left"] = recovery_left;
    return {ResultKind::kCreated, out.dump()};
}

std::string Service::Authenticate(const std::string& bearer) {
    if (bearer.size() != 64) return "";
    const auto username = storage_.FindSession(Sha256(bearer), clock_(), kSessionIdleSeconds);
    if (!username) return "";
    // Disabling deletes the account's sessions; a log-in that raced with it must not outlive it.
    const auto account = storage_.FindStaff(*username);
    return account && account->state == AccountState::kActive ? *username : "";
}

Reply Service::Sessions(const std::string& username, const std::string& bearer) {
    const std::int64_t now = clock_();
    const std::string current = bearer.size() == 64 ? Sha256(bearer).substr(0, 16) : "";
    Json list = Json::array();
    for (const auto& s : storage_.ListSessions(username, now, kSessionIdleSeconds)) {
        list.push_back(
            {{"id", s.id},
             {"created_at", Rfc3339(s.created_at)},
             {"last_used_at", Rfc3339(s.last_used_at)},
             {"ends_at", Rfc3339(std::min(s.expires_at, s.last_used_at + kSessionIdleSeconds))},
             {"address", s.address},
             {"agent", s.agent},
             {"current", s.id == current}});
    }
    return {ResultKind::kOk, Json{{"sessions", list}}.dump()};
}

Reply Service::EndSession(const std::string& username, const std::string& id,
                          const std::string& lang) {
    const bool well_formed = id.size() == 16 && std::all_of(id.begin(), id.end(), [](char c) {
                                 return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                             });
    if (!well_formed || !storage_.DeleteSessionById(username, id))
        return Error(ResultKind::kNotFound, "session.not_found", lang);
    return {ResultKind::kOk, Json{{"ended", id}}.dump()};
}

bool Service::Logout(const std::string& bearer) {
    if (bearer.size() != 64) return false;
    return storage_.DeleteSession(Sha256(bearer));
}

std::string Service::Readiness() {
    // /readyz is public: one probe write every few seconds at most, whoever asks how often.
    std::lock_guard lock(readiness_mutex_);
    const std::int64_t now = clock_();
    if (readiness_checked_at_ != 0 && now - readiness_checked_at_ < kReadinessCacheSeconds)
        return readiness_;
    readiness_checked_at_ = now;
    try {
        storage_.ProbeWrite(now);
        readiness_.clear();
    } catch (...) {
        ReportException(Site::kReadiness);
        readiness_ = "database cannot be written";
    }
    return readiness_;
}

// [SECTION] Staff: scope and lists ---------------------------------------------------------------

namespace {

// The one-line state of the messages about a file, for a list: failed when any failed, else
// pending while any waits, else sent; none when there are none.
std::string NotificationSummary(const std::vector<OutboxMessage>& messages) {
    if (messages.empty()) return "none";
    bool waiting = false;
    for (const auto& m : messages) {
        if (m.status == OutboxState::kFailed) return "failed";
        if (m.status != OutboxState::kSent) waiting = true;
    }
    return waiting ? "pending" : "sent";
}

// A list cursor: "<sort>.<hex of the sort value>.<reference>". Hostile input: anything else is
// refused.
std::string MakeCursor(SortKey key, const StoredFile& f) {
    const std::string value = SortValue(f, key);
    return std::string(SortKeyName(key)) + "." +
           core::HexEncode(reinterpret_cast<const unsigned char*>(value.data()), value.size()) +
           "." + f.reference;
}

std::optional<std::pair<std::string, std::string>> ReadCursor(const std::string& cursor,
                                                              SortKey key) {
    if (cursor.size() > 2048) return std::nullopt;
    const auto a = cursor.find('.');
    const auto b = a == std::string::npos ? a : cursor.find('.', a + 1);
    if (b == std::string::npos || cursor.substr(0, a) != SortKeyName(key)) return std::nullopt;
    const std::string hex = cursor.substr(a + 1, b - a - 1);
    if (hex.size() % 2) return std::nullopt;
    std::string value;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int v = 0;
        for (char c : {hex[i], hex[i + 1]}) {
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= c - '0';
            else if (c >= 'a' && c <= 'f')
                v |= c - 'a' + 10;
            else
                return std::nullopt;
        }
        value += static_cast<char>(v);
    }
    const auto reference = core::ParseReference(cursor.substr(b + 1));
    if (!reference || !core::DecodeUtf8(value).has_value()) return std::nullopt;
    return std::pair{value, *reference};
}

// A CSV cell: quoted, quotes doubled; a cell a spreadsheet would run as a formula starts with
// an apostrophe.
std::string CsvCell(const std::string& text) {
    std::string out = "\"";
    if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos)
        out += '\'';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

void Service::IndexFile(StoredFile& stored, const core::ElectronicFile& f,
                        const core::FieldErrors& reasons) const {
    const auto& c = f.child;
    stored.child_name_ar = c.given_name_ar + " " + c.family_name_ar;
    stored.child_name_latin = c.given_name_latin + " " + c.family_name_latin;
    stored.sector = f.residence.sector;
    stored.school_year = f.school_year;
    stored.outcome = OutcomeOf(reasons);
    stored.late = false;
    for (const auto& r : reasons) stored.late = stored.late || r.code == "window.late_file";
    stored.search = " " + core::FoldForSearch(stored.reference + " " + stored.child_name_ar + " " +
                                              stored.child_name_latin);
}

core::Outcome Service::OutcomeOf(const core::FieldErrors& reasons) {
    // The pre-check's own rule (core/precheck.h): ineligible reasons win over review reasons.
    bool review = false;
    for (const auto& r : reasons) {
        if (r.code == "age.below_legal_age" || r.code == "school.not_serving_residence")
            return core::Outcome::kIneligible;
        review = true;
    }
    return review ? core::Outcome::kReview : core::Outcome::kEligible;
}

std::size_t Service::IndexStoredFiles() {
    std::size_t done = 0;
    for (;;) {
        auto batch = storage_.FilesToIndex(200);
        if (batch.empty()) return done;
        for (auto& f : batch) {
            const auto parsed = core::ParseElectronicFile(f.json);
            if (parsed.file) {
                IndexFile(f, *parsed.file, ReasonsFromStore(f.reasons_json));
            } else {
                // Stored files are canonical; one that no longer parses is still listed.
                f.search = " " + core::FoldForSearch(f.reference);
            }
            storage_.SetIndex(f);
            ++done;
        }
    }
}

bool Service::InScope(const StaffAccount& staff, const StoredFile& file) const {
    if (staff.role == StaffRole::kDirectorate) return file.province == staff.scope.province;
    for (const auto& code : staff.scope.schools) {
        if (code == file.school_code) return true;
    }
    return false;
}

std::optional<StoredFile> Service::FileInScope(const StaffAccount& staff,
                                               const std::string& reference) {
    // Out of scope and unknown are the same answer: references cannot be probed.
    const auto canonical = core::ParseReference(reference);
    auto file = canonical ? storage_.FindByReference(*canonical) : std::nullopt;
    if (file && !InScope(staff, *file)) file.reset();
    return file;
}

std::vector<const core::MapSchool*> Service::SchoolsOf(const Reference& ref,
                                                       const StaffAccount& staff) const {
    std::vector<const core::MapSchool*> out;
    if (staff.role == StaffRole::kSchool) {
        for (const auto& code : staff.scope.schools) {
            if (const auto* s = ref.map.FindSchool(code)) out.push_back(s);
        }
        return out;
    }
    for (const auto& s : ref.map.document().schools) {
        const auto* c = ref.map.FindCommune(s.commune);
        if (c && c->province == staff.scope.province) out.push_back(&s);
    }
    return out;
}

std::optional<StoredFile> Service::DirectorateFile(const std::string& username,
                                                   const std::string& reference,
                                                   const std::string& forbidden,
                                                   const std::string& lang, Reply& refusal) {
    const auto staff = Staff(username);
    if (!staff) {
        refusal = Error(ResultKind::kUnauthenticated, "auth.required", lang);
        return std::nullopt;
    }
    auto file = FileInScope(*staff, reference);
    if (!file) {
        refusal = Error(ResultKind::kNotFound, "file.not_found", lang);
    } else if (staff->role != StaffRole::kDirectorate) {
        refusal = Error(ResultKind::kForbidden, forbidden, lang);
        file.reset();
    }
    return file;
}

std::optional<StaffAccount> Service::Staff(const std::string& username) {
    return storage_.FindStaff(username);
}

Json Service::RowJson(const StoredFile& f, const std::string& lang) {
    return {{"reference", f.reference},
            {"child_name_ar", f.child_name_ar},
            {"child_name_latin", f.child_name_latin},
            {"birth_date", f.birth_date},
            {"sector", f.sector},
            {"outcome", OutcomeText(f.outcome)},
            {"reasons", core::ErrorsToJson(ReasonsFromStore(f.reasons_json), Catalogue(lang))},
            {"late", f.late},
            {"status", StatusName(f.status)},
            {"school_code", f.school_code},
            {"received_at", f.received_at},
            {"notification", NotificationSummary(storage_.MessagesFor(f.reference))}};
}

Reply Service::StaffMe(const std::string& username, const std::string& lang) {
    const auto snapshot = this->reference();
    const Reference& ref = *snapshot;
    const auto staff = Staff(username);
    if (!staff) return Error(ResultKind::kUnauthenticated, "auth.required", lang);
    std::vector<std::string> codes;
    if (staff->role == StaffRole::kSchool) codes = staff->scope.schools;
    const auto counts = storage_.CountBySchool(codes, staff->scope.province);
    // Past the schools' validation deadline, a file still waiting is late.
    const bool past_deadline =
        core::FormatIsoDate(DateOf(clock_())) > ref.rules.school_validation_closes;
    Json schools = Json::array();
    const auto schools_of = SchoolsOf(ref, *staff);
    for (const auto* s : schools_of) {
        Json by_status = Json::object();
        for (auto st : {FileStatus::kPendingReview, FileStatus::kApproved, FileStatus::kRejected})
            by_status[std::string(StatusName(st))] = 0;
        std::int64_t eligible_pending = 0;
        for (const auto& c : counts) {
            if (c.school_code != s->code) continue;
            by_status[std::string(StatusName(c.status))] =
                by_status[std::string(StatusName(c.status))].get<std::int64_t>() + c.count;
            if (c.status == FileStatus::kPendingReview && c.outcome == core::Outcome::kEligible)
                eligible_pending += c.count;
        }
        const std::int64_t approved = by_status["approved"].get<std::int64_t>();
        const std::int64_t pending = by_status["pending_review"].get<std::int64_t>();
        Json school = {{"code", s->code},
                       {"name_ar", s->name_ar},
                       {"name_fr", s->name_fr},
                       {"kind", s->kind},
                       {"counts", by_status},
                       {"eligible_pending", eligible_pending},
                       {"late_undecided", past_deadline ? pending : 0}};
        if (s->first_year_places) {
            school["first_year_places"] = *s->first_year_places;
            school["places_left"] = std::max<std::int64_t>(0, *s->first_year_places - approved);
        } else {
            school["first_year_places"] = nullptr;
            school["places_left"] = nullptr;
        }
        schools.push_back(std::move(school));
    }
    Json sectors = Json::array();
    std::set<std::string_view> listed;
    for (const auto* s : schools_of) {
        for (const auto& code : s->sectors_served) {
            const auto* sec = ref.map.FindSector(code);
            if (!sec || !listed.insert(code).second) continue;
            sectors.push_back(
                {{"code", code}, {"name_ar", sec->name_ar}, {"name_fr", sec->name_fr}});
        }
    }
    Json out = {{"username", staff->username},
                {"role", RoleName(staff->role)},
                {"scope", core::ScopeText(staff->scope)},
                {"validation_closes", ref.rules.school_validation_closes},
                {"today", core::FormatIsoDate(DateOf(clock_()))},
                {"schools", schools},
                {"sectors", sectors}};
    if (staff->role == StaffRole::kDirectorate) {
        // Schools the current map no longer has but whose files wait in the province: their
        // files keep the school they chose, and the directorate decides or moves them.
        Json left = Json::array();
        for (const auto& l : SchoolsLeftMap(staff->scope.province))
            left.push_back({{"code", l.school_code}, {"files", l.files}});
        out["schools_left_map"] = left;
    }
    return {ResultKind::kOk, out.dump()};
}

std::optional<Reply> Service::ReadQuery(const Reference& ref, const StaffAccount& staff,
                                        const QueryParam& param, const std::string& lang,
                                        FileQuery& q) const {
    const std::string school = param("school");
    if (staff.role == StaffRole::kSchool) {
        q.schools = staff.scope.schools;
        if (!school.empty()) {
            if (std::find(q.schools.begin(), q.schools.end(), school) == q.schools.end())
                return Error(ResultKind::kNotFound, "school.not_found", lang);
            q.schools = {school};
        }
    } else {
        q.province = staff.scope.province;
        if (!school.empty()) {
            const auto* s = ref.map.FindSchool(school);
            const auto* c = s ? ref.map.FindCommune(s->commune) : nullptr;
            if (!c || c->province != staff.scope.province)
                return Error(ResultKind::kNotFound, "school.not_found", lang);
            q.schools = {school};
        }
    }
    if (const std::string v = param("status"); !v.empty()) {
        q.status = ParseFileStatus(v);
        if (!q.status) return Error(ResultKind::kMalformed, "request.invalid_status", lang);
    }
    if (const std::string v = param("outcome"); !v.empty()) {
        q.outcome = core::ParseOutcome(v);
        if (!q.outcome)
            return Error(ResultKind::kMalformed, "request.invalid_query", lang,
                         {{"name", "outcome"}});
    }
    if (const std::string v = param("reason"); !v.empty()) {
        // A reason code: lower-case letters, digits, '.' and '_' (it is matched in stored JSON).
        if (v.size() > 64 ||
            v.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._") != std::string::npos)
            return Error(ResultKind::kMalformed, "request.invalid_query", lang,
                         {{"name", "reason"}});
        q.reason = v;
    }
    if (const std::string v = param("late"); !v.empty()) {
        if (v != "true" && v != "false")
            return Error(ResultKind::kMalformed, "request.invalid_query", lang, {{"name", "late"}});
        q.late = v == "true";
    }
    if (const std::string v = param("sector"); !v.empty()) {
        if (!ref.map.FindSector(v))
            return Error(ResultKind::kMalformed, "request.invalid_query", lang,
                         {{"name", "sector"}});
        q.sector = v;
    }
    if (const std::string v = param("q"); !v.empty()) {
        if (v.size() > 200 || !core::DecodeUtf8(v))
            return Error(ResultKind::kMalformed, "request.invalid_query", lang, {{"name", "q"}});
        const std::string folded = core::FoldForSearch(v);
        std::size_t start = 0;
        while (start < folded.size() && q.search_words.size() < 8) {
            auto end = folded.find(' ', start);
            if (end == std::string::npos) end = folded.size();
            if (end > start) q.search_words.push_back(folded.substr(start, end - start));
            start = end + 1;
        }
    }
    if (const std::string v = param("sort"); !v.empty()) {
        const auto key = ParseSortKey(v);
        if (!key)
            return Error(ResultKind::kMalformed, "request.invalid_query", lang, {{"name", "sort"}});
        q.sort = *key;
    }
    if (const std::string v = param("order"); !v.empty()) {
        if (v != "asc" && v != "desc")
            return Error(ResultKind::kMalformed, "request.invalid_query", lang,
                         {{"name", "order"}});
        q.descending = v == "desc";
    } else {
        q.descending = q.sort == SortKey::kReceivedAt;  // newest first, names A→Z
    }
    if (const std::string v = param("cursor"); !v.empty()) {
        q.after = ReadCursor(v, q.sort);
        if (!q.after)
            return Error(ResultKind::kMalformed, "request.invalid_query", lang,
                         {{"name", "cursor"}});
    }
    if (const std::string v = param("limit"); !v.empty()) {
        if (v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(v) < 1 || std::stoi(v) > kMaxPage)
            return Error(ResultKind::kMalformed, "request.invalid_query", lang,
                         {{"name", "limit"}});
        q.limit = std::stoi(v);
    }
    return std::nullopt;
}

Reply Service::StaffFiles(const std::string& username, const QueryParam& param,
                          const std::string& lang) {
    const auto snapshot = this->reference();
    const Reference& ref = *snapshot;
    const auto staff = Staff(username);
    if (!staff) return Error(ResultKind::kUnauthenticated, "auth.required", lang);
    FileQuery q;
    if (auto refusal = ReadQuery(ref, *staff, param, lang, q)) return *refusal;
    const FilePage page = storage_.ListFiles(q);
    Json files = Json::array();
    for (const auto& f : page.files) files.push_back(RowJson(f, lang));
    Json out = {{"files", files}, {"total", page.total}};
    out["next_cursor"] =
        page.more && !page.files.empty() ? Json(MakeCursor(q.sort, page.files.back())) : Json();
    return {ResultKind::kOk, out.dump()};
}

Reply Service::Export(const std::string& username, const QueryParam& param,
                      const std::string& lang) {
    const auto snapshot = this->reference();
    const Reference& ref = *snapshot;
    const auto staff = Staff(username);
    if (!staff) return Error(ResultKind::kUnauthenticated, "auth.required", lang);
    FileQuery q;
    if (auto refusal = ReadQuery(ref, *staff, param, lang, q)) return *refusal;
    q.limit = kMaxPage;
    q.after.reset();
    const auto& c = Catalogue(lang);
    // UTF-8 with a byte order mark, so that spreadsheet programs read Arabic names right.
    std::string csv = "\xEF\xBB\xBF";
    const char* columns[] = {"reference",   "child_name_ar", "child_name_latin", "birth_date",
                             "sector",      "outcome",       "reasons",          "status",
                             "received_at", "school_code",   "notification"};
    for (std::size_t i = 0; i < std::size(columns); ++i)
        csv += (i ? "," : "") + CsvCell(c.Render(std::string("ui.staff.column.") + columns[i]));
    csv += "\r\n";
    for (int pages = 0; pages < kMaxExportRows / kMaxPage; ++pages) {
        const FilePage page = storage_.ListFiles(q);
        for (const auto& f : page.files) {
            std::string reasons;
            for (const auto& r : ReasonsFromStore(f.reasons_json))
                reasons += (reasons.empty() ? "" : " ") + c.Render(r);
            const auto* sector = ref.map.FindSector(f.sector);
            const std::string sector_name =
                sector ? (lang == "ar" ? sector->name_ar : sector->name_fr) : f.sector;
            for (const std::string& cell :
                 {f.reference, f.child_name_ar, f.child_name_latin, f.birth_date, sector_name,
                  c.Render("outcome." + std::string(OutcomeText(f.outcome))), reasons,
                  c.Render("status." + std::string(StatusName(f.status))), f.received_at,
                  f.school_code,
                  c.Render("notification." +
                           NotificationSummary(storage_.MessagesFor(f.reference)))}) {
                csv += CsvCell(cell) + ",";
            }
            csv.back() = '\r';
            csv += "\n";
        }
        if (!page.more || page.files.empty()) break;
        q.after = std::pair{SortValue(page.files.back(), q.sort), page.files.back().reference};
    }
    Reply r{ResultKind::kOk, std::move(csv)};
    r.format = BodyFormat::kCsv;
    return r;
}

Reply Service::StaffFile(const std::string& username, const std::string& reference,
                         const std::string& lang) {
    const auto staff = Staff(username);
    if (!staff) return Error(ResultKind::kUnauthenticated, "auth.required", lang);
    const auto file = FileInScope(*staff, reference);
    if (!file) return Error(ResultKind::kNotFound, "file.not_found", lang);
    Json out = RowJson(*file, lang);
    out["file"] = Json::parse(file->json);
    Json history = Json::array();
    for (const auto& a : storage_.AuditTrail(file->reference)) {
        history.push_back({{"at", a.at},
                           {"staff", a.staff},
                           {"action", ActionName(a.action)},
                           {"from", StatusName(a.status_before)},
                           {"to", StatusName(a.status_after)},
                           {"detail", a.detail}});
    }
    out["history"] = history;
    out["messages"] = NotificationsJson(storage_.MessagesFor(file->reference));
    out["statuses"] = Json::array();
    for (const auto& [status, at] : storage_.StatusHistory(file->reference))
        out["statuses"].push_back({{"status", StatusName(status)}, {"at", at}});
    return {ResultKind::kOk, out.dump()};
}

// [SECTION] Staff: decisions ---------------------------------------------------------------------

Reply Service::Decide(const std::string& username, const std::string& reference,
                      const std::string& body, const std::string& lang) {
    const auto staff = Staff(username);
    if (!staff) return Error(ResultKind::kUnauthenticated, "auth.required", lang);
    const auto file = FileInScope(*staff, reference);
    if (!file) return Error(ResultKind::kNotFound, "file.not_found", lang);
    const Json j = Json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("decision") || !j["decision"].is_string()) {
        return Error(ResultKind::kMalformed, "request.malformed_json", lang);
    }
    const std::string decision = j["decision"];
    const std::string reason = j.contains("reason_code") && j["reason_code"].is_string()
                                   ? j["reason_code"].get<std::string>()
                                   : "";
    const bool change = j.contains("change") && j["change"].is_boolean() && j["change"].get<bool>();
    const bool preview =
        j.contains("preview") && j["preview"].is_boolean() && j["preview"].get<bool>();
    const auto kind = core::ParseDecision(decision);
    if (!kind) return Error(ResultKind::kRefused, "decision.invalid", lang);
    const auto read_note = ReadNote(j);
    const std::string_view problem =
        core::DecisionProblem(*kind, reason, change, !read_note || Blank(*read_note));
    if (!problem.empty()) return Error(ResultKind::kRefused, std::string(problem), lang);
    if (!read_note) return Error(ResultKind::kRefused, "decision.note_invalid", lang);
    const std::string& note = *read_note;
    if (change && staff->role != StaffRole::kDirectorate)
        return Error(ResultKind::kForbidden, "decision.change_forbidden", lang);
    if (!change && file->status != FileStatus::kPendingReview)
        return Error(ResultKind::kConflict, "decision.not_pending", lang);
    if (decision == "request_info" && file->status != FileStatus::kPendingReview)
        return Error(ResultKind::kConflict, "decision.not_pending", lang);

    const FileStatus after = decision == "approve"  ? FileStatus::kApproved
                             : decision == "reject" ? FileStatus::kRejected
                                                    : file->status;
    if (change && after == file->status && decision != "reject")
        return Error(ResultKind::kConflict, "decision.same", lang);
    core::FieldErrors reasons = ReasonsFromStore(file->reasons_json);
    if (decision == "reject") reasons = {{"", reason, {}}};
    if (decision == "approve") reasons.clear();
    const auto parsed = core::ParseElectronicFile(file->json);
    const std::int64_t now = clock_();
    std::vector<OutboxMessage> messages;
    if (parsed.file) {
        std::string text;
        if (decision == "reject") {
            for (const auto& r : reasons)
                text += Catalogue(parsed.file->contact.language).Render(r);
        }
        if (!note.empty()) text += (text.empty() ? "" : " ") + note;
        messages = Messages(
            *parsed.file, file->reference, after,
            decision == "request_info" ? MessageKind::kInfoRequest : MessageKind::kDecision, text,
            now);
    }
    if (preview) {
        // What the guardian will be told, in their language, before anything is decided.
        Json out = {{"reference", file->reference}, {"status", StatusName(after)}};
        out["messages"] = Json::array();
        for (const auto& m : messages) {
            out["messages"].push_back({{"channel", ChannelName(m.channel)},
                                       {"language", m.language},
                                       {"subject", m.subject},
                                       {"body", m.body}});
        }
        return {ResultKind::kOk, out.dump()};
    }
    const AuditAction action = change                       ? AuditAction::kChange
                               : decision == "request_info" ? AuditAction::kInfoRequest
                                                            : AuditAction::kDecision;
    AuditEntry audit{Rfc3339(now),
                     username,
                     action,
                     file->reference,
                     file->status,
                     after,
                     reason + (note.empty() ? "" : (reason.empty() ? "" : ": ") + note)};
    if (action == AuditAction::kInfoRequest) {
        storage_.Record(audit, messages);
    } else if (!storage_.Decide(file->reference, file->status, after,
                                ReasonsToStore(reasons).dump(), audit, messages)) {
        return Error(ResultKind::kConflict, "decision.not_pending", lang);
    }
    Json out = {{"reference", file->reference},
                {"status", StatusName(after)},
                {"reasons", core::ErrorsToJson(reasons, Catalogue(lang))}};
    return {ResultKind::kOk, out.dump()};
}

Reply Service::BulkApprove(const std::string& username, const std::string& body,
                           const std::string& lang) {
    const auto staff = Staff(username);
    if (!staff) return Error(ResultKind::kUnauthenticated, "auth.required", lang);
    const Json j = Json::parse(body, nullptr, false);
    if (!j.is_object() || j.value("decision", "") != "approve" || !j.contains("references") ||
        !j["references"].is_array()) {
        return Error(ResultKind::kMalformed, "request.malformed_json", lang);
    }
    if (j["references"].size() > static_cast<std::size_t>(kMaxPage))
        return Error(ResultKind::kTooLarge, "decision.too_many", lang,
                     {{"limit", std::to_string(kMaxPage)}});
    Json results = Json::array();
    int approved = 0;
    for (const auto& item : j["references"]) {
        const std::string ref = item.is_string() ? item.get<std::string>() : "";
        const auto canonical = core::ParseReference(ref);
        const auto file = FileInScope(*staff, ref);
        std::string code;
        if (!file) {
            code = "file.not_found";
        } else if (file->status != FileStatus::kPendingReview) {
            code = "decision.not_pending";
        } else if (file->outcome != core::Outcome::kEligible) {
            // Only files the pre-check found eligible and in the catchment, with nothing to
            // review, are approved in bulk; the others need a look each.
            code = "decision.not_eligible";
        } else {
            const auto parsed = core::ParseElectronicFile(file->json);
            const std::int64_t now = clock_();
            std::vector<OutboxMessage> messages;
            if (parsed.file)
                messages = Messages(*parsed.file, file->reference, FileStatus::kApproved,
                                    MessageKind::kDecision, "", now);
            AuditEntry audit{Rfc3339(now),    username,     AuditAction::kDecision,
                             file->reference, file->status, FileStatus::kApproved,
                             "bulk"};
            if (storage_.Decide(file->reference, FileStatus::kPendingReview, FileStatus::kApproved,
                                "[]", audit, messages)) {
                ++approved;
            } else {
                code = "decision.not_pending";
            }
        }
        Json r = {{"reference", canonical.value_or(ref.substr(0, 16))}};
        if (code.empty()) {
            r["status"] = "approved";
        } else {
            r["code"] = code;
            r["message"] = Catalogue(lang).Render(code);
        }
        results.push_back(std::move(r));
    }
    Json out = {{"approved", approved},
                {"refused", static_cast<int>(results.size()) - approved},
                {"results", results}};
    return {ResultKind::kOk, out.dump()};
}

Reply Service::Move(const std::string& username, const std::string& reference,
                    const std::string& body, const std::string& lang) {
    const auto snapshot = this->reference();
    const Reference& ref = *snapshot;
    Reply refusal;
    const auto file = DirectorateFile(username, reference, "move.forbidden", lang, refusal);
    if (!file) return refusal;
    const Json j = Json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("school_code") || !j["school_code"].is_string())
        return Error(ResultKind::kMalformed, "request.malformed_json", lang);
    const std::string target = j["school_code"];
    const auto read_note = ReadNote(j);
    if (!read_note) return Error(ResultKind::kRefused, "decision.note_invalid", lang);
    const std::string& note = *read_note;
    const auto* school = ref.map.FindSchool(target);
    // The directorate's province is the file's: a directorate sees only its province's files.
    const auto* commune = school ? ref.map.FindCommune(school->commune) : nullptr;
    if (!commune || commune->province != file->province)
        return Error(ResultKind::kRefused, "move.school_unknown", lang);
    if (target == file->school_code) return Error(ResultKind::kConflict, "move.same_school", lang);
    auto parsed = core::ParseElectronicFile(file->json);
    if (!parsed.file) return Error(ResultKind::kFailed, "server.error", lang);
    core::ElectronicFile moved = *parsed.file;
    moved.school_choice.school_code = target;
    const auto eligibility = core::Evaluate(moved, ref.rules, ref.map, DateOf(clock_()));
    bool serves = true;
    for (const auto& r : eligibility.reasons)
        serves = serves && r.code != "school.not_serving_residence";
    // The new school must take children of that residence, or have first-year places left.
    std::int64_t approved = 0;
    for (const auto& c : storage_.CountBySchool({target}, ""))
        if (c.status == FileStatus::kApproved) approved += c.count;
    const bool places = school->first_year_places && *school->first_year_places > approved;
    if (!serves && !places) return Error(ResultKind::kRefused, "move.school_unsuitable", lang);
    const std::int64_t now = clock_();
    const std::string& guardian_lang = moved.contact.language;
    const std::string school_name = guardian_lang == "ar" ? school->name_ar : school->name_fr;
    auto messages =
        Messages(*parsed.file, file->reference, FileStatus::kPendingReview, MessageKind::kMove,
                 school_name + (note.empty() ? "" : ". " + note), now);
    AuditEntry audit{Rfc3339(now),
                     username,
                     AuditAction::kMove,
                     file->reference,
                     file->status,
                     FileStatus::kPendingReview,
                     file->school_code + " » " + target + (note.empty() ? "" : ": " + note)};
    if (!storage_.Move(file->reference, file->school_code, target, eligibility.outcome,
                       ReasonsToStore(eligibility.reasons).dump(), audit, messages)) {
        return Error(ResultKind::kConflict, "move.conflict", lang);
    }
    Json out = {{"reference", file->reference},
                {"school_code", target},
                {"status", StatusName(FileStatus::kPendingReview)},
                {"outcome", core::OutcomeName(eligibility.outcome)},
                {"reasons", core::ErrorsToJson(eligibility.reasons, Catalogue(lang))}};
    return {ResultKind::kOk, out.dump()};
}

// [SECTION] Staff: the parent's rights of access and rectification -------------------------------

Reply Service::ExportFile(const std::string& username, const std::string& reference,
                          const std::string& lang) {
    Reply refusal;
    const auto file = DirectorateFile(username, reference, "export.forbidden", lang, refusal);
    if (!file) return refusal;
    // Who took a copy of a child's data, and when, is itself part of the file's history.
    const std::int64_t now = clock_();
    storage_.Record({Rfc3339(now), username, AuditAction::kExport, file->reference, file->status,
                     file->status, ""},
                    {});
    Json out = {
        {"reference", file->reference},
        {"school_year", file->school_year},
        {"received_at", file->received_at},
        {"exported_at", Rfc3339(now)},
        {"status", StatusName(file->status)},
        {"school_code", file->school_code},
        {"reasons", core::ErrorsToJson(ReasonsFromStore(file->reasons_json), Catalogue(lang))},
        {"file", Json::parse(file->json, nullptr, false)}};
    out["statuses"] = Json::array();
    for (const auto& [status, at] : storage_.StatusHistory(file->reference))
        out["statuses"].push_back({{"status", StatusName(status)}, {"at", at}});
    out["history"] = Json::array();
    for (const auto& a : storage_.AuditTrail(file->reference)) {
        out["history"].push_back({{"at", a.at},
                                  {"staff", a.staff},
                                  {"action", ActionName(a.action)},
                                  {"from", StatusName(a.status_before)},
                                  {"to", StatusName(a.status_after)},
                                  {"detail", a.detail}});
    }
    // The messages are personal data too: to whom they went, and what they said.
    out["messages"] = Json::array();
    for (const auto& m : storage_.MessagesFor(file->reference)) {
        out["messages"].push_back({{"channel", ChannelName(m.channel)},
                                   {"recipient", m.recipient},
                                   {"language", m.language},
                                   {"kind", KindName(m.kind)},
                                   {"subject", m.subject},
                                   {"body", m.body},
                                   {"status", OutboxStateName(m.status)},
                                   {"created_at", Rfc3339(m.created_at)}});
    }
    return {ResultKind::kOk, out.dump(2)};
}

Reply Service::Rectify(const std::string& username, const std::string& reference,
                       const std::string& body, const std::string& lang) {
    const auto snapshot = this->reference();
    const Reference& ref = *snapshot;
    Reply refusal;
    const auto file = DirectorateFile(username, reference, "rectify.forbidden", lang, refusal);
    if (!file) return refusal;
    const Json j = Json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("changes") || !j["changes"].is_array())
        return Error(ResultKind::kMalformed, "request.malformed_json", lang);
    if (j["changes"].size() > static_cast<std::size_t>(kMaxCorrections))
        return Error(ResultKind::kTooLarge, "rectify.too_many", lang,
                     {{"limit", std::to_string(kMaxCorrections)}});
    std::vector<core::Correction> corrections;
    for (const auto& c : j["changes"]) {
        if (!c.is_object() || !c.contains("pointer") || !c["pointer"].is_string() ||
            !c.contains("value"))
            return Error(ResultKind::kMalformed, "request.malformed_json", lang);
        corrections.push_back({c["pointer"].get<std::string>(), c["value"]});
    }
    // The parent's request is the ground of the change: it is required, and kept in the audit.
    const auto read_note = ReadNote(j);
    if (!read_note || Blank(*read_note))
        return Error(ResultKind::kRefused, "rectify.note_invalid", lang);
    const std::string& note = *read_note;

    // Checked as on the day it was received, as intake checked it.
    const core::Date received =
        core::ParseIsoDate(file->received_at.substr(0, 10)).value_or(DateOf(clock_()));
    auto result = core::Rectify(file->json, corrections, ref.map, received);
    if (!result.file) {
        const std::string& first = result.errors.empty() ? "" : result.errors[0].code;
        const std::string code = first.rfind("rectify.", 0) == 0 ? first : "rectify.invalid";
        Json out = {{"code", code},
                    {"message", Catalogue(lang).Render(code)},
                    {"errors", core::ErrorsToJson(result.errors, Catalogue(lang))}};
        return {ResultKind::kRefused, out.dump()};
    }
    const core::ElectronicFile& f = *result.file;
    StoredFile updated = *file;
    updated.json = core::ToJson(f);
    updated.birth_date = f.child.birth_date;
    // The pre-check runs again with the rules of the file's school year; a file of a year whose
    // rules are no longer loaded keeps the outcome it had.
    const bool evaluated = f.school_year == ref.rules.school_year;
    core::FieldErrors precheck = ReasonsFromStore(file->reasons_json);
    if (evaluated) precheck = core::Evaluate(f, ref.rules, ref.map, received).reasons;
    IndexFile(updated, f, precheck);
    if (!evaluated) {
        updated.outcome = file->outcome;
        updated.late = file->late;
    }
    updated.reasons_json = ReasonsToStore(precheck).dump();
    // A decided file keeps its decision's reasons; the directorate sees the new pre-check in
    // the reply and changes the decision, explicitly, if it no longer holds.
    const bool with_reasons = evaluated && file->status == FileStatus::kPendingReview;

    const std::int64_t now = clock_();
    std::string fields;
    for (const auto& p : result.changed) fields += (fields.empty() ? "" : ", ") + p;
    const auto messages =
        Messages(f, file->reference, file->status, MessageKind::kRectification, "", now);
    const AuditEntry audit{Rfc3339(now), username,     AuditAction::kRectify, file->reference,
                           file->status, file->status, fields + ": " + note};
    if (!storage_.Rectify(updated, file->json, with_reasons, audit, messages))
        return Error(ResultKind::kConflict, "rectify.conflict", lang);
    Json out = {{"reference", file->reference},
                {"status", StatusName(file->status)},
                {"outcome", OutcomeText(updated.outcome)},
                {"reasons", core::ErrorsToJson(precheck, Catalogue(lang))},
                {"changed", result.changed}};
    return {ResultKind::kOk, out.dump()};
}

}  // namespace tasjil::server
