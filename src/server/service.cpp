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

#include "core/precheck.h"
#include "core/reference.h"
#include "core/text_policy.h"
#include "core/utf8.h"
#include "core/uuid.h"
#include "core/validation.h"
#include "server/db.h"
#include "server/http.h"
#include "server/log.h"

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

std::string Sha256(const std::string& s) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    return core::HexEncode(h, sizeof h);
}

std::string NewUuid() {
    std::array<std::uint8_t, 16> b{};
    randombytes_buf(b.data(), b.size());
    return core::UuidV4FromBytes(b);
}

// Reasons as stored: {pointer, code, params}; rendered in the reader's language on the way out.
Json ReasonsToStore(const core::FieldErrors& reasons) {
    Json out = Json::array();
    for (const auto& e : reasons) {
        Json params = Json::object();
        for (const auto& p : e.params) params[p.name] = p.value;
        out.push_back({{"pointer", e.pointer}, {"code", e.code}, {"params", params}});
    }
    return out;
}

core::FieldErrors ReasonsFromStore(const std::string& text) {
    core::FieldErrors out;
    const Json j = Json::parse(text, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& r : j) {
        core::FieldError e{r.value("pointer", ""), r.value("code", ""), {}};
        for (const auto& [k, v] : r["params"].items())
            e.params.push_back({k, v.get<std::string>()});
        out.push_back(std::move(e));
    }
    return out;
}

// What staff see of the messages about a file: delivered, waiting, or failed and why.
Json NotificationsJson(const std::vector<OutboxMessage>& messages) {
    Json out = Json::array();
    for (const auto& m : messages) {
        out.push_back({{"channel", m.channel},
                       {"kind", m.kind},
                       {"status", m.status},
                       {"attempts", m.attempts},
                       {"last_error", m.last_error},
                       {"delivery_report", m.delivery_report}});
    }
    return out;
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
      rules_(std::move(rules)),
      map_(map),
      catalogues_(std::move(catalogues)),
      clock_(std::move(clock)) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
}

const core::Catalogue& Service::Catalogue(const std::string& lang) const {
    auto it = catalogues_.find(lang);
    if (it == catalogues_.end()) it = catalogues_.find(std::string(core::kDefaultLocale));
    static const core::Catalogue empty;
    return it == catalogues_.end() ? empty : it->second;
}

Reply Service::Error(int status, const std::string& code, const std::string& lang,
                     const std::vector<core::Param>& params) const {
    Json j = {{"code", code}, {"message", Catalogue(lang).Render(code, params)}};
    return {status, j.dump()};
}

// [SECTION] Intake -------------------------------------------------------------------------------

std::vector<OutboxMessage> Service::Messages(const core::ElectronicFile& f,
                                             const std::string& reference, FileStatus status,
                                             const std::string& kind,
                                             const std::string& reasons_text, std::int64_t now) {
    std::vector<OutboxMessage> out;
    const std::string lang = core::IsSupportedLocale(f.contact.language)
                                 ? f.contact.language
                                 : std::string(core::kDefaultLocale);
    const auto& c = Catalogue(lang);
    // The child's given name in the script of the message's language.
    const std::string child = lang == "ar" ? f.child.given_name_ar : f.child.given_name_latin;
    const std::string status_name(StatusName(status));
    const std::string status_text = c.Render("status." + status_name);
    const std::string prefix = "notify." + kind + (kind == "decision" ? "." + status_name : "");
    std::vector<core::Param> params = {{"reference", reference},
                                       {"child", child},
                                       {"status", status_text},
                                       {"reasons", reasons_text}};
    for (const auto& channel : f.contact.channels) {
        OutboxMessage m;
        m.id = NewUuid();
        m.reference = reference;
        m.channel = channel;
        m.language = lang;
        m.kind = kind;
        m.created_at = now;
        m.next_attempt_at = now;
        if (channel == "email") {
            m.recipient = f.contact.email;
            m.subject = c.Render(prefix + ".subject", params);
            m.body = c.Render(prefix + ".body", params);
        } else {
            m.recipient = f.contact.phone;
            m.body = c.Render(prefix + ".sms", params);
            if (SmsSegments(m.body) > 2) {  // keep an SMS within two segments: drop the name
                auto shorter = params;
                shorter[1].value = "";
                m.body = c.Render(prefix + ".sms", shorter);
            }
        }
        out.push_back(std::move(m));
    }
    return out;
}

Reply Service::Submit(const std::string& body, const std::string& content_type,
                      const std::string& lang) {
    if (!MediaTypeIs(content_type, "application/json"))
        return Error(415, "request.unsupported_media_type", lang);
    if (body.size() > core::kMaxFileBytes) {
        return Error(413, "request.too_large", lang,
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
        return {400, j.dump()};
    }
    auto result = core::Precheck(std::move(parsed), rules_, map_, DateOf(now));
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
        return {422, j.dump()};
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
        auto messages = Messages(f, file.reference, file.status, "acknowledgement", "", now);
        if (file.status == FileStatus::kRejected) {
            std::string reasons;
            for (const auto& r : eligibility.reasons) {
                reasons += (reasons.empty() ? "" : " ") + Catalogue(f.contact.language).Render(r);
            }
            auto decision = Messages(f, file.reference, file.status, "decision", reasons, now);
            messages.insert(messages.end(), decision.begin(), decision.end());
        }
        try {
            inserted = storage_.InsertFile(file, messages, stored);
            break;
        } catch (const DbError& e) {
            if (!e.unique_violation || attempt >= 4)
                throw;  // else: a reference collision, draw again
        }
    }
    if (inserted == InsertResult::kConflict) return Error(409, "file.conflict", lang);
    Json j = {
        {"reference", stored.reference},
        {"status", StatusName(stored.status)},
        {"reasons", core::ErrorsToJson(ReasonsFromStore(stored.reasons_json), Catalogue(lang))},
        {"received_at", stored.received_at},
        // The establishment that takes the child (a satellite unit of the chosen group).
        {"serving_unit", eligibility.serving_unit}};
    return {inserted == InsertResult::kCreated ? 201 : 200, j.dump()};
}

// [SECTION] Status for parents -------------------------------------------------------------------

Reply Service::Status(const std::string& reference, const std::string& birth_date,
                      const std::string& lang) {
    const auto canonical = core::ParseReference(reference);
    // The same answer whether the reference does not exist or the date does not match, and the
    // same work: one probe of the (reference, birth_date) index, one failure recorded against
    // the reference.
    if (!canonical || !core::ParseIsoDate(birth_date)) return Error(404, "file.not_found", lang);
    const std::int64_t now = clock_();
    const std::string key = "status:" + *canonical;
    if (const auto wait = ThrottleWait(storage_.GetThrottle(key), now, kStatusThrottle)) {
        ++counters_.status_throttled;
        Reply r = Error(429, "request.rate_limited", lang, {{"seconds", std::to_string(wait)}});
        r.retry_after = static_cast<int>(wait);
        return r;
    }
    const auto file = storage_.FindForParent(*canonical, birth_date);
    if (!file) {
        storage_.RecordFailure(key, now, kStatusThrottle.forget_after);
        return Error(404, "file.not_found", lang);
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
    return {200, j.dump()};
}

// [SECTION] Staff --------------------------------------------------------------------------------

namespace {
constexpr std::int64_t kSessionSeconds = 30 * 60;
}

void Service::CreateStaff(const std::string& username, const std::string& password,
                          const std::string& role, const std::string& scope) {
    if (username.empty() || password.size() < 12)
        throw std::runtime_error("a password has at least 12 characters");
    const auto parsed_role = ParseStaffRole(role);
    if (!parsed_role) throw std::runtime_error("role is school or directorate");
    if (scope.empty())
        throw std::runtime_error("scope is a list of school codes or a province code");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.c_str(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        throw std::runtime_error("out of memory while hashing the password");
    }
    storage_.PutStaff({username, hash, *parsed_role, scope});
}

Reply Service::Login(const std::string& body, const std::string& lang) {
    const Json j = Json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("username") || !j.contains("password") ||
        !j["username"].is_string() || !j["password"].is_string()) {
        return Error(400, "request.malformed_json", lang);
    }
    const std::string username = j["username"];
    const std::string password = j["password"];
    if (username.empty() || username.size() > 128 || password.size() > 1024)
        return Error(401, "auth.invalid_credentials", lang);
    // Per account, whatever address the attempts come from, in a bucket of its own.
    const std::int64_t now = clock_();
    const std::string key = "login:" + username;
    if (const auto wait = ThrottleWait(storage_.GetThrottle(key), now, kLoginThrottle)) {
        ++counters_.login_throttled;
        Reply r = Error(429, "auth.throttled", lang, {{"seconds", std::to_string(wait)}});
        r.retry_after = static_cast<int>(wait);
        return r;
    }
    const auto account = storage_.FindStaff(username);
    // Verify against a real hash either way, so timing does not tell which usernames exist.
    static const std::string dummy = [] {
        char h[crypto_pwhash_STRBYTES] = {};
        if (crypto_pwhash_str(h, "unused password", 15, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
            return std::string();
        }
        return std::string(h);
    }();
    const std::string& hash = account ? account->password_hash : dummy;
    const bool ok = crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0;
    if (!account || !ok) {
        ++counters_.login_failures;
        const auto state = storage_.RecordFailure(key, now, kLoginThrottle.forget_after);
        if (state.failures == kLoginThrottle.free_failures || state.failures % 20 == 0) {
            // Reported for the security team: an account under a password-guessing attack.
            std::fprintf(stderr,
                         "tasjil-server: security: %d failed log-ins in a row for a staff "
                         "account%s; further tries are slowed down\n",
                         state.failures, account ? "" : " name that does not exist");
        }
        return Error(401, "auth.invalid_credentials", lang);
    }
    storage_.ClearThrottle(key);
    unsigned char token[32];
    randombytes_buf(token, sizeof token);
    const std::string token_hex = core::HexEncode(token, sizeof token);
    const std::int64_t expires = now + kSessionSeconds;
    storage_.PutSession(Sha256(token_hex), username, expires);
    Json out = {
        {"token", token_hex}, {"expires_at", Rfc3339(expires)}, {"role", RoleName(account->role)}};
    return {201, out.dump()};
}

std::string Service::Authenticate(const std::string& bearer) {
    if (bearer.size() != 64) return "";
    return storage_.FindSession(Sha256(bearer), clock_()).value_or("");
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

bool Service::InScope(const StaffAccount& staff, const StoredFile& file) const {
    if (staff.role == StaffRole::kDirectorate) return file.province == staff.scope;
    std::size_t start = 0;
    while (start <= staff.scope.size()) {
        auto end = staff.scope.find(',', start);
        if (end == std::string::npos) end = staff.scope.size();
        if (staff.scope.substr(start, end - start) == file.school_code) return true;
        start = end + 1;
    }
    return false;
}

Reply Service::StaffFiles(const std::string& username, const std::string& status,
                          const std::string& lang) {
    const auto staff = storage_.FindStaff(username);
    if (!staff) return Error(401, "auth.required", lang);
    const auto wanted = ParseFileStatus(status);
    if (!wanted) return Error(400, "request.invalid_status", lang);
    std::vector<std::string> schools;
    std::string province;
    if (staff->role == StaffRole::kDirectorate) {
        province = staff->scope;
    } else {
        std::size_t start = 0;
        while (start <= staff->scope.size()) {
            auto end = staff->scope.find(',', start);
            if (end == std::string::npos) end = staff->scope.size();
            schools.push_back(staff->scope.substr(start, end - start));
            start = end + 1;
        }
    }
    Json files = Json::array();
    for (const auto& f : storage_.ListFiles(*wanted, schools, province, 500)) {
        files.push_back(
            {{"reference", f.reference},
             {"status", StatusName(f.status)},
             {"school_code", f.school_code},
             {"received_at", f.received_at},
             {"reasons", core::ErrorsToJson(ReasonsFromStore(f.reasons_json), Catalogue(lang))},
             {"notifications", NotificationsJson(storage_.MessagesFor(f.reference))},
             {"file", Json::parse(f.json)}});
    }
    return {200, Json{{"files", files}}.dump()};
}

Reply Service::Decide(const std::string& username, const std::string& reference,
                      const std::string& body, const std::string& lang) {
    const auto staff = storage_.FindStaff(username);
    if (!staff) return Error(401, "auth.required", lang);
    const auto canonical = core::ParseReference(reference);
    const auto file = canonical ? storage_.FindByReference(*canonical) : std::nullopt;
    if (!file || !InScope(*staff, *file)) return Error(404, "file.not_found", lang);
    const Json j = Json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("decision") || !j["decision"].is_string()) {
        return Error(400, "request.malformed_json", lang);
    }
    const std::string decision = j["decision"];
    const std::string reason = j.contains("reason_code") && j["reason_code"].is_string()
                                   ? j["reason_code"].get<std::string>()
                                   : "";
    const std::string raw_note =
        j.contains("note") && j["note"].is_string() ? j["note"].get<std::string>() : "";
    if (decision != "approve" && decision != "reject") return Error(422, "decision.invalid", lang);
    if (decision == "reject" && reason != "age.below_legal_age" &&
        reason != "school.not_serving_residence" && reason != "decision.other") {
        return Error(422, "decision.reason_required", lang);
    }
    // The note reaches the parent and the audit trail: the same Unicode policy as the file's
    // own text, and a limit in characters.
    const std::string note = core::NormalizeText(raw_note);
    if (note.size() > 4 * 500 || core::CharacterCount(note) > 500 ||
        *core::TextPolicyViolation(note) || (reason == "decision.other" && note.empty())) {
        return Error(422, "decision.note_invalid", lang);
    }
    if (file->status != FileStatus::kPendingReview) return Error(409, "decision.not_pending", lang);

    const FileStatus after = decision == "approve" ? FileStatus::kApproved : FileStatus::kRejected;
    core::FieldErrors reasons;
    if (decision == "reject") reasons.push_back({"", reason, {}});
    const auto parsed = core::ParseElectronicFile(file->json);
    const std::int64_t now = clock_();
    std::vector<OutboxMessage> messages;
    if (parsed.file) {
        std::string text;
        for (const auto& r : reasons) text += Catalogue(parsed.file->contact.language).Render(r);
        if (!note.empty()) text += (text.empty() ? "" : " ") + note;
        messages = Messages(*parsed.file, file->reference, after, "decision", text, now);
    }
    AuditEntry audit{Rfc3339(now),
                     username,
                     "decision",
                     file->reference,
                     file->status,
                     after,
                     reason + (note.empty() ? "" : ": " + note)};
    if (!storage_.Decide(file->reference, FileStatus::kPendingReview, after,
                         ReasonsToStore(reasons).dump(), audit, messages)) {
        return Error(409, "decision.not_pending", lang);
    }
    Json out = {{"reference", file->reference},
                {"status", StatusName(after)},
                {"reasons", core::ErrorsToJson(reasons, Catalogue(lang))}};
    return {200, out.dump()};
}

}  // namespace tasjil::server
