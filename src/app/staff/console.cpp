// Index
//   [SECTION] Helpers
//   [SECTION] The screen table and the banner
//   [SECTION] Frame
//   [SECTION] Requests
//   [SECTION] Intents
//   [SECTION] Replies
#include "app/staff/console.h"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "app/json_read.h"
#include "app/page.h"
#include "app/staff/answers.h"
#include "app/staff/screens/screens.h"
#include "core/decision.h"
#include "core/i18n.h"
#include "core/uuid.h"

namespace tasjil::app::staff {

using Json = nlohmann::json;

// [SECTION] Helpers ------------------------------------------------------------------------------

namespace {

std::int64_t IntOf(const Json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

// What the log-in's answer says of others' failed tries (at most the first 10 addresses; an
// address is shown as text only, whatever it holds).
void ReadFailedLogins(const Json& j, Session& session) {
    session.failures = std::max<std::int64_t>(0, IntOf(j, "failures_since_last_visit"));
    session.failure_addresses.clear();
    const auto it = j.find("failure_addresses");
    if (it == j.end() || !it->is_array()) return;
    for (const auto& a : *it) {
        if (!a.is_object() || session.failure_addresses.size() >= 10) continue;
        FailedLogins f{StringOf(a, "address").substr(0, 64), IntOf(a, "failures"),
                       StringOf(a, "last_at").substr(0, 32)};
        if (!f.address.empty()) session.failure_addresses.push_back(std::move(f));
    }
}

// An account as the server listed it; a role or state the console does not know reads as the
// smaller one (school, disabled).
ManagedAccount AccountFrom(const Json& j) {
    ManagedAccount a;
    a.username = StringOf(j, "username");
    a.display_name = StringOf(j, "display_name");
    a.role = core::ParseStaffRole(StringOf(j, "role")).value_or(core::StaffRole::kSchool);
    a.state = core::ParseAccountState(StringOf(j, "state")).value_or(core::AccountState::kDisabled);
    if (const auto it = j.find("schools"); it != j.end() && it->is_array()) {
        for (const auto& code : *it) {
            if (!code.is_string()) continue;
            if (!a.scope.empty()) a.scope += ", ";
            a.scope += code.get<std::string>();
        }
    } else {
        a.scope = StringOf(j, "province");
    }
    const auto flag = [&](const char* key) {
        const auto it = j.find(key);
        return it != j.end() && it->is_boolean() && it->get<bool>();
    };
    a.second_factor = flag("second_factor");
    a.second_factor_required = flag("second_factor_required");
    a.activation_expires_at = StringOf(j, "activation_expires_at");
    return a;
}

// The code to hand to an account's owner, from an answer that made or reset the account.
std::optional<ActivationLetter> LetterFrom(const Json& j) {
    const auto account = j.find("account");
    const auto activation = j.find("activation");
    if (account == j.end() || activation == j.end() || !account->is_object() ||
        !activation->is_object())
        return std::nullopt;
    ActivationLetter l{StringOf(*account, "username"), StringOf(*account, "display_name"),
                       StringOf(*activation, "code"), StringOf(*activation, "link"),
                       StringOf(*activation, "expires_at")};
    if (l.code.empty() || l.username.empty()) return std::nullopt;
    return l;
}

StaffRow RowFrom(const Json& j) {
    StaffRow r;
    r.reference = StringOf(j, "reference");
    r.child_name_ar = StringOf(j, "child_name_ar");
    r.child_name_latin = StringOf(j, "child_name_latin");
    r.birth_date = StringOf(j, "birth_date");
    r.sector = StringOf(j, "sector");
    r.outcome = StringOf(j, "outcome");
    r.reasons = ErrorsFromJson(j.contains("reasons") ? j["reasons"] : Json::array());
    r.late = j.contains("late") && j["late"].is_boolean() && j["late"].get<bool>();
    r.status = StringOf(j, "status");
    r.school_code = StringOf(j, "school_code");
    r.received_at = StringOf(j, "received_at");
    r.notification = StringOf(j, "notification");
    return r;
}

MessageRow MessageFrom(const Json& j) {
    MessageRow m;
    m.channel = StringOf(j, "channel");
    m.kind = StringOf(j, "kind");
    m.language = StringOf(j, "language");
    m.subject = StringOf(j, "subject");
    m.body = StringOf(j, "body");
    m.status = StringOf(j, "status");
    m.created_at = StringOf(j, "created_at");
    m.last_error = StringOf(j, "last_error");
    m.attempts = static_cast<int>(IntOf(j, "attempts"));
    return m;
}

// The server's message of an error reply, or the catalogue's text for `fallback`.
std::string ProblemOf(const StaffState& s, int status, const std::string& body,
                      const char* fallback) {
    if (status == 0) return Tr(s.page, "ui.staff.offline");
    const Json j = Json::parse(body, nullptr, false);
    const std::string message = StringOf(j, "message");
    return message.empty() ? Tr(s.page, fallback) : message;
}

}  // namespace

std::string ListQuery(const StaffState& s) {
    const auto& f = s.list.filters;
    std::string q = "sort=" + f.sort + "&order=" + (f.descending ? "desc" : "asc");
    const std::pair<const char*, const std::string*> params[] = {{"school", &s.list.school},
                                                                 {"status", &f.status},
                                                                 {"outcome", &f.outcome},
                                                                 {"reason", &f.reason},
                                                                 {"late", &f.late},
                                                                 {"sector", &f.sector},
                                                                 {"q", &f.query}};
    for (const auto& [name, value] : params) {
        if (!value->empty() && *value != kAnyValue)
            q += std::string("&") + name + "=" + core::PercentEncode(*value);
    }
    return q;
}

const SchoolSummary* FindSchool(const StaffState& s, const std::string& code) {
    for (const auto& school : s.schools) {
        if (school.code == code) return &school;
    }
    return nullptr;
}

std::string SchoolName(const StaffState& s, const std::string& code) {
    const auto* school = FindSchool(s, code);
    if (!school) return code;
    return s.page.ui.locale == "ar" ? school->name_ar : school->name_fr;
}

// [SECTION] The screen table and the banner ------------------------------------------------------

// Every screen, once: the one table that names them.
const StaffScreenSpec* const kScreens[] = {
    &screens::kLogin, &screens::kProvince, &screens::kSessions,  &screens::kList,
    &screens::kFile,  &screens::kAccounts, &screens::kActivation};

const StaffScreenSpec& SpecOf(StaffScreen id) {
    for (const auto* s : kScreens) {
        if (s->id == id) return *s;
    }
    return *kScreens[0];
}

namespace {

void Banner(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    std::vector<BannerLink> links;
    for (const auto& lang : kLanguageNames)
        links.push_back({{std::string("lang-") + lang.code, lang.name, ButtonStyle::kLink},
                         lang.code,
                         s.page.ui.locale == lang.code});
    if (s.session.active) {
        if (core::ManagerOf(core::StaffRole::kSchool) == s.session.role ||
            core::ManagerOf(core::StaffRole::kDirectorate) == s.session.role)
            links.push_back(
                {{"accounts", Tr(s.page, "ui.staff.accounts.link"), ButtonStyle::kLink}, ""});
        links.push_back(
            {{"sessions", Tr(s.page, "ui.staff.sessions.link"), ButtonStyle::kLink}, ""});
        links.push_back({{"logout", Tr(s.page, "ui.staff.logout"), ButtonStyle::kLink}, ""});
    }
    std::string who;
    if (s.session.active) {
        const auto& until = s.session.expires_at;
        who = Tr(
            s.page, "ui.staff.who",
            {{"user", s.session.username},
             {"role", Tr(s.page, "ui.staff.role." + std::string(core::RoleName(s.session.role)))},
             {"until", until.size() >= 16 ? until.substr(11, 5) : until}});
    }
    const std::string pressed =
        DrawBanner(ui, sizes::kStaffBanner, Tr(s.page, "ui.language.label"), links,
                   {{Tr(s.page, "ui.staff.title"), true}, {who, false}});
    if (pressed == "logout") s.intents.push_back({.kind = StaffIntent::Kind::kLogout});
    if (pressed == "sessions") s.intents.push_back({.kind = StaffIntent::Kind::kOpenSessions});
    if (pressed == "accounts") s.intents.push_back({.kind = StaffIntent::Kind::kOpenAccounts});
    if (pressed.rfind("lang-", 0) == 0)
        s.intents.push_back({.kind = StaffIntent::Kind::kSetLocale, .argument = pressed.substr(5)});
    ui.y -= sizes::kGap * 0.5f;
}

// Others' failed tries to log in to this account since its owner's last visit: how many, from
// where, and what to do. Shown above any screen until closed.
void FailedLoginsNotice(StaffUi& su) {
    const Session& session = su.s.session;
    if (!session.active || session.failures <= 0) return;
    const PageState& p = su.s.page;
    std::vector<std::string> lines = {
        Tr(p, "ui.staff.failures.heading", {{"count", std::to_string(session.failures)}})};
    for (const auto& f : session.failure_addresses) {
        lines.push_back(Tr(p, "ui.staff.failures.from",
                           {{"address", f.address},
                            {"count", std::to_string(f.failures)},
                            {"date", f.last_at.substr(0, 10)},
                            {"time", f.last_at.size() >= 16 ? f.last_at.substr(11, 5) : ""}}));
    }
    lines.push_back(Tr(p, "ui.staff.failures.advice"));
    Notice(su.ui, "failed-logins", lines, NoticeStyle::kWarning, "alert");
    if (ActionRow(su.ui, {{"failed-logins-close", Tr(p, "ui.staff.failures.close"),
                           ButtonStyle::kSecondary}}) == 0)
        su.s.intents.push_back({.kind = StaffIntent::Kind::kDismissFailures});
}

// A recovery code opened this session: how many are left, and what to do when few are.
void RecoveryNotice(StaffUi& su) {
    const Session& session = su.s.session;
    if (!session.active || session.recovery_codes_left < 0) return;
    const PageState& p = su.s.page;
    Notice(
        su.ui, "recovery-left",
        {Tr(p, "ui.staff.recovery_left", {{"count", std::to_string(session.recovery_codes_left)}}),
         Tr(p, "ui.staff.recovery_left.advice")},
        NoticeStyle::kWarning, "alert");
    if (ActionRow(su.ui, {{"recovery-left-close", Tr(p, "ui.staff.failures.close"),
                           ButtonStyle::kSecondary}}) == 0)
        su.s.intents.push_back({.kind = StaffIntent::Kind::kDismissRecovery});
}

std::string AnnotationsJson(const StaffUi& su) {
    Json j = Json::object();
    if (!su.grid.id.empty()) {
        Json rows = Json::array(), headers = Json::array();
        for (const auto& [id, index] : su.grid.rows) rows.push_back({id, index});
        for (const auto& [id, sort] : su.grid.headers) headers.push_back({id, sort});
        j["grid"] = {{"id", su.grid.id},
                     {"name", su.grid.name},
                     {"rowcount", su.grid.row_count},
                     {"colcount", su.grid.column_count},
                     {"rows", rows},
                     {"cells", su.grid.cells},
                     {"headers", headers}};
    }
    Json shortcuts = Json::array();
    for (const auto& [id, key] : su.shortcuts) shortcuts.push_back({id, key});
    j["shortcuts"] = shortcuts;
    j["passwords"] = su.passwords;
    return j.dump();
}

}  // namespace

// [SECTION] Frame --------------------------------------------------------------------------------

std::string Console::Frame(const FrameInput& in) {
    // Staff work on lists: the column is as wide as the screen allows.
    Ui ui = BeginPageFrame(in, sizes::kStaffColumn, 1.f, state.page, semantics, shapes, fonts);
    StaffUi su{ui, state, {}, {}, {}};
    ui.draw->AddRectFilled(ImVec2(0, 0), ImVec2(ui.view_w, ui.view_h), colors::kPage);
    Banner(su);
    const auto main = BeginContainer(ui, "main", "main", "");
    FailedLoginsNotice(su);
    RecoveryNotice(su);
    SpecOf(state.screen).draw(su);
    EndContainer(ui, main);
    ui.y += sizes::kGap;
    state.page.ui.content_height = ui.y;
    std::string json = EndPageFrame(
        ui, 1.f,
        Tr(state.page, SpecOf(state.screen).heading) + " — " + Tr(state.page, "ui.staff.title"));
    annotations_ = AnnotationsJson(su);
    ApplyIntents(state);
    return IfChanged(std::move(json), last_published_);
}

std::string Console::TakeAnnotations() {
    return IfChanged(annotations_, last_annotations_);
}

std::vector<StaffRequest> Console::TakeRequests() {
    return in_flight_.Take(state.requests);
}

void Console::Reply(int id, int status, const std::string& body) {
    if (const auto request = in_flight_.Answer(id)) OnReply(state, *request, status, body);
}

void Console::Input(const std::string& id, const std::string& value) {
    TypedText(state.page.ui, id, value);
}

void Console::Activate(const std::string& id) {
    if (id.rfind("key:", 0) != 0) {
        state.page.ui.pending_activations.push_back(id);
        return;
    }
    if (const auto& spec = SpecOf(state.screen); spec.key) spec.key(state, id.substr(4));
}

void Console::Focus(const std::string& id, bool focused) {
    FocusMoved(state.page.ui, id, focused);
}

// [SECTION] Requests -----------------------------------------------------------------------------

int Send(StaffState& s, StaffRequest::Purpose purpose, std::string method, std::string url,
         std::string body, std::string key) {
    StaffRequest r{purpose,         s.next_request_id++, std::move(method), std::move(url),
                   std::move(body), std::move(key),      s.list.generation};
    s.requests.push_back(r);
    return r.id;
}

namespace {

void FetchList(StaffState& s, bool first) {
    auto& l = s.list;
    if (first) {
        ++l.generation;
        l.rows.clear();
        l.next_cursor.clear();
        l.total = 0;
        l.current = 0;
    } else if (l.next_cursor.empty()) {
        return;
    }
    l.loading = true;
    l.failed = false;
    std::string url = "/api/v1/staff/files?limit=" + std::to_string(kListPage) + "&" + ListQuery(s);
    if (!first) url += "&cursor=" + core::PercentEncode(l.next_cursor);
    Send(s, StaffRequest::Purpose::kList, "GET", url);
}

void FetchMe(StaffState& s) {
    Send(s, StaffRequest::Purpose::kMe, "GET", "/api/v1/staff/me");
}

void OpenList(StaffState& s, const std::string& school) {
    s.list.school = school;
    s.list.filters = {};
    s.list.bulk = ListState::Bulk::kIdle;
    s.screen = StaffScreen::kList;
    s.page.ui.focus_request = "heading";
    FetchList(s, true);
}

void OpenAccounts(StaffState& s) {
    s.screen = StaffScreen::kAccounts;
    s.accounts.loaded = false;
    s.accounts.done.clear();
    s.accounts.problem.clear();
    s.accounts.managed = s.session.role == core::StaffRole::kNational
                             ? core::StaffRole::kDirectorate
                             : core::StaffRole::kSchool;
    s.page.ui.focus_request = "heading";
    Send(s, StaffRequest::Purpose::kAccounts, "GET", "/api/v1/staff/accounts");
}

void EnterHome(StaffState& s) {
    if (s.session.role == core::StaffRole::kNational) {
        // The national administrator has no file: its work is the directorates' accounts.
        OpenAccounts(s);
    } else if (s.session.role == core::StaffRole::kDirectorate) {
        s.screen = StaffScreen::kProvince;
        s.page.ui.focus_request = "heading";
    } else {
        OpenList(s, "");
    }
}

void OpenFile(StaffState& s, std::string reference) {  // a copy: it may be the view's own
    // The maps fetched for earlier files stay (nothing personal in them).
    ServerData places = std::move(s.view.answers.data);
    s.view = {};
    s.view.answers.data = std::move(places);
    s.view.reference = reference;
    s.view.state.state = Remote::State::kLoading;
    if (s.decision.reference != reference) {
        s.decision = {};
        s.decision.reference = reference;
    }
    if (s.rectify.reference != reference) {
        s.rectify = {};
        s.rectify.reference = reference;
    }
    s.screen = StaffScreen::kFile;
    s.page.ui.focus_request = "heading";
    Send(s, StaffRequest::Purpose::kFile, "GET", "/api/v1/staff/files/" + reference);
}

Json DecisionBody(const DecisionDraft& d, bool preview) {
    Json j = {{"decision", d.decision}};
    if (d.decision == "reject") j["reason_code"] = d.reason;
    if (!d.note.empty()) j["note"] = d.note;
    if (d.change) j["change"] = true;
    if (preview) j["preview"] = true;
    return j;
}

void SendBulkChunk(StaffState& s) {
    auto& l = s.list;
    const std::size_t n = std::min<std::size_t>(kBulkChunk, l.bulk_references.size() - l.bulk_sent);
    Json refs = Json::array();
    for (std::size_t i = 0; i < n; ++i) refs.push_back(l.bulk_references[l.bulk_sent + i]);
    l.bulk_sent += n;
    Send(s, StaffRequest::Purpose::kBulk, "POST", "/api/v1/staff/decisions",
         Json{{"decision", "approve"}, {"references", refs}}.dump());
}

void FetchBulkPage(StaffState& s) {
    std::string url =
        "/api/v1/staff/"
        "files?limit=500&status=pending_review&outcome=eligible&sort=reference&order=asc";
    if (!s.list.school.empty()) url += "&school=" + core::PercentEncode(s.list.school);
    if (!s.list.bulk_cursor.empty()) url += "&cursor=" + core::PercentEncode(s.list.bulk_cursor);
    Send(s, StaffRequest::Purpose::kBulkList, "GET", url);
}

}  // namespace

// [SECTION] Intents ------------------------------------------------------------------------------

void ApplyIntents(StaffState& s) {
    std::vector<StaffIntent> intents = std::move(s.intents);
    s.intents.clear();
    using K = StaffIntent::Kind;
    for (const auto& intent : intents) {
        switch (intent.kind) {
            case K::kLogin: {
                if (s.logging_in) break;
                s.logging_in = true;
                s.login_problem.clear();
                Json body = {{"username", s.username}, {"password", s.password}};
                if (s.login_needs_code) body["code"] = s.login_code;
                Send(s, StaffRequest::Purpose::kLogin, "POST", "/api/v1/staff/sessions",
                     body.dump());
                break;
            }
            case K::kOpenAccounts:
                OpenAccounts(s);
                break;
            case K::kCreateAccount: {
                auto& v = s.accounts;
                if (v.creating) break;
                v.creating = true;
                v.problem.clear();
                v.done.clear();
                Json body = {{"username", v.username}, {"display_name", v.display_name}};
                if (v.managed == core::StaffRole::kSchool) {
                    Json codes = Json::array();
                    std::string code;
                    // "57303A, 57303B" or "57303A 57303B": each code once, as typed.
                    for (const char c : v.scope + ",") {
                        if (c == ',' || c == ' ' || c == ';') {
                            if (!code.empty()) codes.push_back(code);
                            code.clear();
                        } else {
                            code += c;
                        }
                    }
                    body["schools"] = codes;
                    body["second_factor"] = v.second_factor;
                } else {
                    body["province"] = v.scope;
                }
                Send(s, StaffRequest::Purpose::kCreateAccount, "POST", "/api/v1/staff/accounts",
                     body.dump());
                break;
            }
            case K::kDisableAccount:
            case K::kEnableAccount:
            case K::kResetAccount: {
                const char* action = intent.kind == K::kDisableAccount  ? "disable"
                                     : intent.kind == K::kEnableAccount ? "enable"
                                                                        : "reset";
                s.accounts.problem.clear();
                s.accounts.done.clear();
                Send(
                    s, StaffRequest::Purpose::kChangeAccount, "POST",
                    "/api/v1/staff/accounts/" + core::PercentEncode(intent.argument) + "/" + action,
                    "", intent.argument);
                break;
            }
            case K::kOpenActivation:
                s.activation = {};
                s.screen = StaffScreen::kActivation;
                s.page.ui.focus_request = "heading";
                break;
            case K::kStartActivation:
                if (s.activation.stage != ActivationView::Stage::kCode) break;
                s.activation.stage = ActivationView::Stage::kOpening;
                s.activation.problem.clear();
                Send(s, StaffRequest::Purpose::kActivationStart, "POST",
                     "/api/v1/staff/activation/start", Json{{"code", s.activation.code}}.dump());
                break;
            case K::kActivate: {
                auto& v = s.activation;
                if (v.stage != ActivationView::Stage::kSetup) break;
                v.stage = ActivationView::Stage::kSending;
                v.problem.clear();
                Json body = {{"code", v.code}, {"password", v.password}};
                if (!v.totp_code.empty()) body["totp_code"] = v.totp_code;
                Send(s, StaffRequest::Purpose::kActivate, "POST", "/api/v1/staff/activation",
                     body.dump());
                break;
            }
            case K::kPrintLetters:
                s.letters_print_wanted = true;
                break;
            case K::kChooseImport:
                if (s.accounts.importing) break;
                s.accounts.importing = true;
                s.accounts.import_problems.clear();
                s.accounts.problem.clear();
                s.accounts.done.clear();
                Send(s, StaffRequest::Purpose::kImportFile, kPageMethod, "csv");
                break;
            case K::kActivationDone:
                // To the log-in, the username filled in; nothing of the activation stays.
                if (!s.activation.username.empty()) s.username = s.activation.username;
                s.activation = {};
                s.screen = StaffScreen::kLogin;
                s.page.ui.focus_request = "heading";
                break;
            case K::kOpenSessions:
                s.screen = StaffScreen::kSessions;
                s.sessions = {};
                s.page.ui.focus_request = "heading";
                Send(s, StaffRequest::Purpose::kSessions, "GET", "/api/v1/staff/sessions");
                break;
            case K::kEndSession:
                s.sessions.done.clear();
                s.sessions.problem.clear();
                Send(s, StaffRequest::Purpose::kEndSession, "DELETE",
                     "/api/v1/staff/sessions/" + intent.argument, "", intent.argument);
                break;
            case K::kBackHome:
                EnterHome(s);
                if (s.session.role == core::StaffRole::kDirectorate) FetchMe(s);
                break;
            case K::kDismissFailures:
                s.session.failures = 0;
                s.session.failure_addresses.clear();
                s.page.ui.focus_request = "heading";
                break;
            case K::kDismissRecovery:
                s.session.recovery_codes_left = -1;
                s.page.ui.focus_request = "heading";
                break;
            case K::kLogout:
                Send(s, StaffRequest::Purpose::kLogout, "DELETE", "/api/v1/staff/sessions");
                s.session = {};
                s.password.clear();
                s.login_code.clear();
                s.login_needs_code = false;
                s.accounts = {};
                s.schools.clear();
                s.list = {};
                s.view = {};
                s.decision = {};
                s.rectify = {};
                s.rectifiable = {};
                s.sessions = {};
                s.screen = StaffScreen::kLogin;
                s.page.ui.focus_request = "heading";
                break;
            case K::kOpenSchool:
                OpenList(s, intent.argument);
                break;
            case K::kOpenFile:
                OpenFile(s, intent.argument);
                break;
            case K::kBackToList:
                s.screen = StaffScreen::kList;
                // Back on the row of the file (focus returns where the decision was taken).
                for (std::size_t i = 0; i < s.list.rows.size(); ++i) {
                    if (s.list.rows[i].reference == s.view.reference)
                        s.list.current = static_cast<int>(i);
                }
                s.page.ui.focus_request = "open-" + s.view.reference;
                FetchMe(s);
                break;
            case K::kBackToProvince:
                s.screen = StaffScreen::kProvince;
                s.page.ui.focus_request = "heading";
                FetchMe(s);
                break;
            case K::kSort: {
                auto& f = s.list.filters;
                if (f.sort == intent.argument) {
                    f.descending = !f.descending;
                } else {
                    f.sort = intent.argument;
                    f.descending = intent.argument == "received_at";
                }
                FetchList(s, true);
                s.page.ui.focus_request = "sort-" + intent.argument;
                break;
            }
            case K::kFiltersChanged:
                FetchList(s, true);
                break;
            case K::kLoadMore:
                if (!s.list.loading) FetchList(s, false);
                break;
            case K::kMoveRow: {
                auto& l = s.list;
                if (l.rows.empty()) break;
                const int last = static_cast<int>(l.rows.size()) - 1;
                l.current = std::clamp(l.current + intent.index, 0, last);
                s.page.ui.focus_request =
                    "open-" + l.rows[static_cast<std::size_t>(l.current)].reference;
                break;
            }
            case K::kPreview: {
                auto& d = s.decision;
                d.problem.clear();
                // The core's rules, as the server will check them.
                const auto kind = core::ParseDecision(d.decision);
                const std::string_view missing =
                    kind ? core::DecisionProblem(*kind, d.reason, d.change, d.note.empty()) : "";
                if (!missing.empty()) {
                    d.problem = Tr(s.page, missing == "decision.reason_required"
                                               ? "ui.staff.decide.reason_needed"
                                               : "ui.staff.decide.note_needed");
                    s.page.ui.focus_request = "decision-problem";
                    break;
                }
                d.stage = DecisionDraft::Stage::kPreviewing;
                Send(s, StaffRequest::Purpose::kPreview, "POST",
                     "/api/v1/staff/files/" + d.reference + "/decision",
                     DecisionBody(d, true).dump());
                break;
            }
            case K::kEditDecision:
                s.decision.stage = DecisionDraft::Stage::kEditing;
                s.page.ui.focus_request = "decision-preview";
                break;
            case K::kConfirm:
                if (s.decision.stage != DecisionDraft::Stage::kPreview) break;
                s.decision.stage = DecisionDraft::Stage::kSending;
                Send(s, StaffRequest::Purpose::kDecide, "POST",
                     "/api/v1/staff/files/" + s.decision.reference + "/decision",
                     DecisionBody(s.decision, false).dump());
                break;
            case K::kBulkAsk:
                s.list.bulk = ListState::Bulk::kCollecting;
                s.list.bulk_references.clear();
                s.list.bulk_cursor.clear();
                FetchBulkPage(s);
                break;
            case K::kBulkConfirm:
                if (s.list.bulk != ListState::Bulk::kConfirming) break;
                s.list.bulk = ListState::Bulk::kSending;
                s.list.bulk_sent = 0;
                s.list.bulk_approved = s.list.bulk_refused = 0;
                SendBulkChunk(s);
                break;
            case K::kBulkCancel:
                s.list.bulk = ListState::Bulk::kIdle;
                s.page.ui.focus_request = "bulk";
                break;
            case K::kMove:
                if (intent.argument.empty()) break;
                s.decision.problem.clear();
                Send(s, StaffRequest::Purpose::kMove, "POST",
                     "/api/v1/staff/files/" + s.view.reference + "/move",
                     Json{{"school_code", intent.argument}, {"note", s.decision.note}}.dump());
                break;
            case K::kRectifyPick: {
                auto& r = s.rectify;
                r.pointer = intent.argument;
                r.value.clear();
                // The answer as it stands, corrections added so far included: edited from there.
                for (const auto& a : RectifiableAnswers(s))
                    if (a.pointer == r.pointer) r.value = a.text;
                break;
            }
            case K::kRectifyAdd: {
                auto& r = s.rectify;
                if (r.pointer.empty()) break;
                const auto answers = RectifiableAnswers(s);
                const auto a = std::find_if(
                    answers.begin(), answers.end(),
                    [&](const RectifiableAnswer& x) { return x.pointer == r.pointer; });
                if (a == answers.end()) break;
                RectifyChange c{r.pointer, r.value, a->label, a->shown, r.value};
                for (const auto& choice : a->choices)
                    if (choice.value == r.value) c.to = choice.label;
                if (a->date && core::ParseIsoDate(r.value)) c.to = ShowDate(r.value);
                auto same =
                    std::find_if(r.changes.begin(), r.changes.end(),
                                 [&](const RectifyChange& x) { return x.pointer == r.pointer; });
                if (same != r.changes.end()) {
                    c.from = same->from;  // the file's own answer, not the one added before
                    *same = c;
                } else {
                    r.changes.push_back(c);
                }
                r.pointer.clear();
                r.value.clear();
                r.done.clear();
                s.page.ui.focus_request = "rectify-changes";
                break;
            }
            case K::kRectifyRemove: {
                auto& changes = s.rectify.changes;
                if (intent.index < 0 || static_cast<std::size_t>(intent.index) >= changes.size())
                    break;
                changes.erase(changes.begin() + intent.index);
                s.page.ui.focus_request = "rectify-changes";
                break;
            }
            case K::kRectify: {
                auto& r = s.rectify;
                if (r.changes.empty() || r.sending) break;
                Json changes = Json::array();
                for (const auto& c : r.changes)
                    changes.push_back(
                        {{"pointer", c.pointer}, {"value", CorrectedValue(s, c.pointer, c.value)}});
                r.sending = true;
                r.problem.clear();
                r.done.clear();
                Send(s, StaffRequest::Purpose::kRectify, "POST",
                     "/api/v1/staff/files/" + s.view.reference + "/rectification",
                     Json{{"changes", changes}, {"note", r.note}}.dump());
                break;
            }
            case K::kExportFile:
                s.file_export_wanted = true;
                break;
            case K::kPrintFile:
                s.file_print_wanted = true;
                break;
            case K::kExport:
                s.export_wanted = true;
                break;
            case K::kPrint:
                s.print_wanted = true;
                break;
            case K::kSetLocale: {
                const std::string& locale = intent.argument;
                if (!core::IsSupportedLocale(locale)) break;
                if (s.page.catalogues.count(locale)) {
                    s.page.ui.locale = locale;
                } else {
                    Send(s, StaffRequest::Purpose::kCatalogue, "GET",
                         "catalogue-" + locale + ".json", "", locale);
                }
                break;
            }
        }
    }
}

// [SECTION] Replies ------------------------------------------------------------------------------

void OnReply(StaffState& s, const StaffRequest& r, int status, const std::string& body) {
    using P = StaffRequest::Purpose;
    // An expired or revoked session: log in again; what was typed stays, and the request is
    // sent again once logged in.
    if (status == 401 && r.purpose != P::kLogin && r.purpose != P::kLogout && s.session.active) {
        s.session.active = false;
        s.session.expired = true;
        s.resume_screen = s.screen;
        s.screen = StaffScreen::kLogin;
        s.password.clear();
        s.page.ui.focus_request = "heading";
        if (r.purpose == P::kPreview || r.purpose == P::kDecide)
            s.decision.stage = DecisionDraft::Stage::kEditing;
        else if (r.purpose == P::kRectify)
            s.rectify.sending = false;  // sent again by its button, once logged in
        else
            s.waiting.push_back(r);
        return;
    }
    const Json j = status >= 200 && status < 300 ? Json::parse(body, nullptr, false) : Json();
    switch (r.purpose) {
        case P::kLogin: {
            s.logging_in = false;
            if (status != 201 || !j.is_object()) {
                s.login_problem = ProblemOf(s, status, body, "ui.staff.login.failed");
                const std::string code = StringOf(Json::parse(body, nullptr, false), "code");
                // The password was right: the second factor is asked, in the same form.
                if (code == "auth.code_needed") s.login_needs_code = true;
                if (code == "auth.code_wrong" || code == "auth.code_used") s.login_code.clear();
                if (code == "auth.invalid_credentials") s.login_needs_code = false;
                s.page.ui.focus_request = "login-problem";
                break;
            }
            s.login_code.clear();
            s.login_needs_code = false;
            const std::string user = StringOf(j, "username");
            const bool same = s.session.expired && user == s.session.username;
            s.session.active = true;
            s.session.username = user;
            // An answer without a role the console knows gets the smaller one's screens.
            s.session.role =
                core::ParseStaffRole(StringOf(j, "role")).value_or(core::StaffRole::kSchool);
            s.session.expires_at = StringOf(j, "expires_at");
            ReadFailedLogins(j, s.session);
            s.session.recovery_codes_left =
                j.contains("recovery_codes_left") && j["recovery_codes_left"].is_number_integer()
                    ? static_cast<int>(std::clamp<std::int64_t>(
                          j["recovery_codes_left"].get<std::int64_t>(), 0, 100))
                    : -1;
            s.password.clear();
            s.login_problem.clear();
            FetchMe(s);
            if (same) {
                // Back where the session ended, with everything typed.
                s.session.expired = false;
                s.screen = s.resume_screen;
                s.page.ui.focus_request = SpecOf(s.screen).resume_focus;
                for (auto w : s.waiting) {
                    w.id = s.next_request_id++;
                    s.requests.push_back(w);
                }
                s.waiting.clear();
            } else {
                // Another person: nothing of the one before.
                s.session.expired = false;
                s.waiting.clear();
                s.list = {};
                s.view = {};
                s.decision = {};
                s.rectify = {};
                s.rectifiable = {};
                s.sessions = {};
                s.accounts = {};
                EnterHome(s);
            }
            break;
        }
        case P::kLogout:
            break;
        case P::kAccounts: {
            auto& v = s.accounts;
            if (status != 200 || !j.is_object()) {
                v.problem = ProblemOf(s, status, body, "ui.staff.accounts.failed");
                break;
            }
            v.accounts.clear();
            for (const auto& x : j.value("accounts", Json::array()))
                if (x.is_object() && !StringOf(x, "username").empty())
                    v.accounts.push_back(AccountFrom(x));
            v.loaded = true;
            break;
        }
        case P::kCreateAccount:
        case P::kChangeAccount: {
            auto& v = s.accounts;
            if (r.purpose == P::kCreateAccount) v.creating = false;
            if (status != 200 && status != 201) {
                // What was typed stays for the next try.
                v.problem = ProblemOf(s, status, body, "ui.staff.accounts.failed");
                s.page.ui.focus_request = "accounts-problem";
                break;
            }
            const auto letter = LetterFrom(j);
            const ManagedAccount changed =
                AccountFrom(j.is_object() ? j.value("account", Json::object()) : Json::object());
            if (letter) {
                // The newest first; one code per account (a reset replaces the one before).
                auto& letters = v.letters;
                letters.erase(std::remove_if(letters.begin(), letters.end(),
                                             [&](const ActivationLetter& l) {
                                                 return l.username == letter->username;
                                             }),
                              letters.end());
                letters.insert(letters.begin(), *letter);
                s.page.ui.focus_request = "letter-" + letter->username;
            } else {
                v.done = Tr(s.page,
                            "ui.staff.accounts.changed." +
                                std::string(core::AccountStateName(changed.state)),
                            {{"username", changed.username}});
                s.page.ui.focus_request = "accounts-done";
            }
            if (r.purpose == P::kCreateAccount) {
                v.username.clear();
                v.display_name.clear();
                v.scope.clear();
                v.second_factor = true;
            }
            Send(s, P::kAccounts, "GET", "/api/v1/staff/accounts");
            break;
        }
        case P::kLinkedActivation:
            // The page was opened with an activation link: its screen, the code opened at once.
            if (status != 200 || body.empty() || s.session.active) break;
            s.activation = {};
            s.activation.code = body.substr(0, 32);
            s.screen = StaffScreen::kActivation;
            s.page.ui.focus_request = "heading";
            s.intents.push_back({.kind = StaffIntent::Kind::kStartActivation});
            break;
        case P::kImportFile: {
            auto& v = s.accounts;
            if (status == 200 && !body.empty()) {
                Send(s, P::kImportAccounts, "POST", "/api/v1/staff/accounts/import", body);
                break;
            }
            v.importing = false;  // none chosen (204), or one that cannot be sent
            if (status == 413) v.problem = Tr(s.page, "ui.staff.accounts.import.too_large");
            if (status != 204 && status != 413)
                v.problem = Tr(s.page, "ui.staff.accounts.import.unreadable");
            if (!v.problem.empty()) s.page.ui.focus_request = "accounts-problem";
            break;
        }
        case P::kImportAccounts: {
            auto& v = s.accounts;
            v.importing = false;
            if (status != 201 || !j.is_object()) {
                v.problem = ProblemOf(s, status, body, "ui.staff.accounts.failed");
                // Each line's problem, as the server said it (at most the first 200).
                const Json refusal = Json::parse(body, nullptr, false);
                const auto problems =
                    refusal.is_object() ? refusal.find("problems") : refusal.end();
                if (refusal.is_object() && problems != refusal.end() && problems->is_array()) {
                    for (const auto& p : *problems) {
                        if (!p.is_object() || v.import_problems.size() >= 200) continue;
                        v.import_problems.push_back(Tr(s.page, "ui.staff.accounts.import.line",
                                                       {{"line", std::to_string(IntOf(p, "line"))},
                                                        {"message", StringOf(p, "message")}}));
                    }
                }
                s.page.ui.focus_request = "accounts-problem";
                break;
            }
            int made = 0;
            const Json list = j.value("accounts", Json::array());
            // Shown in the file's order, above the letters given before.
            for (auto it = list.rbegin(); it != list.rend(); ++it) {
                if (const auto letter = LetterFrom(*it)) {
                    v.letters.insert(v.letters.begin(), *letter);
                    ++made;
                }
            }
            v.done = Tr(s.page, "ui.staff.accounts.imported", {{"count", std::to_string(made)}});
            s.page.ui.focus_request = "accounts-done";
            Send(s, P::kAccounts, "GET", "/api/v1/staff/accounts");
            break;
        }
        case P::kActivationStart: {
            auto& v = s.activation;
            if (status != 200 || !j.is_object()) {
                v.stage = ActivationView::Stage::kCode;
                v.problem = ProblemOf(s, status, body, "ui.staff.activation.failed");
                s.page.ui.focus_request = "activation-problem";
                break;
            }
            v.username = StringOf(j, "username");
            v.display_name = StringOf(j, "display_name");
            v.second_factor_required = !j.contains("second_factor_required") ||
                                       !j["second_factor_required"].is_boolean() ||
                                       j["second_factor_required"].get<bool>();
            v.secret = StringOf(j, "totp_secret").substr(0, 64);
            v.qr = EncodeQr(StringOf(j, "otpauth_uri").substr(0, 512));
            v.stage = ActivationView::Stage::kSetup;
            v.problem.clear();
            s.page.ui.focus_request = "activation-account";
            break;
        }
        case P::kActivate: {
            auto& v = s.activation;
            if (status != 201 || !j.is_object()) {
                v.stage = ActivationView::Stage::kSetup;
                v.problem = ProblemOf(s, status, body, "ui.staff.activation.failed");
                // A used or expired code: back to typing one; the rest stays as typed.
                const std::string code = StringOf(Json::parse(body, nullptr, false), "code");
                if (code == "activation.not_found" || code == "activation.expired" ||
                    code == "activation.not_started")
                    v.stage = ActivationView::Stage::kCode;
                if (code == "activation.code_wrong") v.totp_code.clear();
                s.page.ui.focus_request = "activation-problem";
                break;
            }
            v.recovery_codes.clear();
            for (const auto& c : j.value("recovery_codes", Json::array()))
                if (c.is_string() && v.recovery_codes.size() < 20)
                    v.recovery_codes.push_back(c.get<std::string>().substr(0, 32));
            v.password.clear();
            v.password_again.clear();
            v.totp_code.clear();
            v.secret.clear();
            v.qr = {};
            v.stage = ActivationView::Stage::kDone;
            s.page.ui.focus_request = "activation-done";
            break;
        }
        case P::kSessions: {
            auto& v = s.sessions;
            if (status != 200 || !j.is_object()) {
                v.problem = ProblemOf(s, status, body, "ui.staff.sessions.failed");
                break;
            }
            v.open.clear();
            for (const auto& x : j.value("sessions", Json::array())) {
                // A session is ended by its id: one that is not 16 hex digits is not listed.
                const std::string id = x.is_object() ? StringOf(x, "id") : "";
                if (id.size() != 16 ||
                    id.find_first_not_of("0123456789abcdef") != std::string::npos)
                    continue;
                const auto current = x.find("current");
                v.open.push_back(
                    {id, StringOf(x, "created_at"), StringOf(x, "last_used_at"),
                     StringOf(x, "ends_at"), StringOf(x, "address"), StringOf(x, "agent"),
                     current != x.end() && current->is_boolean() && current->get<bool>()});
            }
            // This console's session first, then the others as the server ordered them.
            std::stable_partition(v.open.begin(), v.open.end(),
                                  [](const OpenSession& o) { return o.current; });
            v.loaded = true;
            break;
        }
        case P::kEndSession: {
            auto& v = s.sessions;
            if (status != 200) {
                v.problem = ProblemOf(s, status, body, "ui.staff.sessions.failed");
                s.page.ui.focus_request = "sessions-problem";
                break;
            }
            v.done = Tr(s.page, "ui.staff.sessions.ended");
            s.page.ui.focus_request = "sessions-done";
            Send(s, P::kSessions, "GET", "/api/v1/staff/sessions");
            break;
        }
        case P::kMe: {
            if (!j.is_object()) break;
            s.schools.clear();
            for (const auto& x : j.value("schools", Json::array())) {
                SchoolSummary sc;
                sc.code = StringOf(x, "code");
                sc.name_ar = StringOf(x, "name_ar");
                sc.name_fr = StringOf(x, "name_fr");
                const Json counts = x.value("counts", Json::object());
                sc.pending = IntOf(counts, "pending_review");
                sc.approved = IntOf(counts, "approved");
                sc.rejected = IntOf(counts, "rejected");
                sc.eligible_pending = IntOf(x, "eligible_pending");
                sc.late_undecided = IntOf(x, "late_undecided");
                if (x.contains("first_year_places") && x["first_year_places"].is_number_integer())
                    sc.places = x["first_year_places"].get<std::int64_t>();
                if (x.contains("places_left") && x["places_left"].is_number_integer())
                    sc.places_left = x["places_left"].get<std::int64_t>();
                s.schools.push_back(std::move(sc));
            }
            s.sectors.clear();
            for (const auto& x : j.value("sectors", Json::array()))
                s.sectors.push_back(
                    {StringOf(x, "code"), StringOf(x, "name_ar"), StringOf(x, "name_fr")});
            s.validation_closes = StringOf(j, "validation_closes");
            s.schools_left_map.clear();
            for (const auto& x : j.value("schools_left_map", Json::array()))
                s.schools_left_map.emplace_back(StringOf(x, "code"), IntOf(x, "files"));
            break;
        }
        case P::kList: {
            if (r.generation != s.list.generation) break;  // filters changed since
            s.list.loading = false;
            if (!j.is_object()) {
                s.list.failed = true;
                s.notice = ProblemOf(s, status, body, "ui.staff.list.failed");
                break;
            }
            for (const auto& row : j.value("files", Json::array()))
                s.list.rows.push_back(RowFrom(row));
            s.list.total = IntOf(j, "total");
            s.list.next_cursor = StringOf(j, "next_cursor");
            break;
        }
        case P::kFile: {
            if (r.url != "/api/v1/staff/files/" + s.view.reference) break;
            if (!j.is_object()) {
                s.view.state.state = Remote::State::kFailed;
                s.view.problem = ProblemOf(s, status, body, "ui.staff.file.failed");
                break;
            }
            s.view.state.state = Remote::State::kReady;
            s.view.row = RowFrom(j);
            s.view.history.clear();
            for (const auto& h : j.value("history", Json::array())) {
                s.view.history.push_back({StringOf(h, "at"), StringOf(h, "staff"),
                                          StringOf(h, "action"), StringOf(h, "from"),
                                          StringOf(h, "to"), StringOf(h, "detail")});
            }
            s.view.messages.clear();
            for (const auto& m : j.value("messages", Json::array()))
                s.view.messages.push_back(MessageFrom(m));
            s.view.json = j.contains("file") ? j["file"].dump() : "{}";
            LoadAnswers(s, s.view.json);
            // The maps that name the file's places, fetched once for the whole session.
            if (s.view.answers.data.provinces.empty() &&
                s.view.answers.data.provinces_state.state == Remote::State::kIdle) {
                s.view.answers.data.provinces_state.state = Remote::State::kLoading;
                Send(s, P::kProvinces, "GET", "/api/v1/provinces");
            }
            for (const auto& p : MapsWanted(s)) {
                auto& remote = s.view.answers.data.map_state[p];
                if (remote.state == Remote::State::kLoading) continue;
                remote.state = Remote::State::kLoading;
                Send(s, P::kMap, "GET", "/api/v1/schoolmap/" + p, "", p);
            }
            // A decided file: only a directorate can change it, explicitly.
            s.decision.change = s.view.row.status != "pending_review";
            break;
        }
        case P::kPreview: {
            auto& d = s.decision;
            if (d.stage != DecisionDraft::Stage::kPreviewing) break;
            if (!j.is_object()) {
                d.stage = DecisionDraft::Stage::kEditing;
                d.problem = ProblemOf(s, status, body, "ui.staff.decide.failed");
                s.page.ui.focus_request = "decision-problem";
                break;
            }
            d.preview.clear();
            for (const auto& m : j.value("messages", Json::array()))
                d.preview.push_back(MessageFrom(m));
            d.stage = DecisionDraft::Stage::kPreview;
            s.page.ui.focus_request = "decision-confirm";
            break;
        }
        case P::kDecide: {
            auto& d = s.decision;
            if (!j.is_object()) {
                // Refused (already decided by someone else, …): said in plain words; the draft
                // stays as typed.
                d.stage = DecisionDraft::Stage::kEditing;
                d.problem = ProblemOf(s, status, body, "ui.staff.decide.failed");
                s.page.ui.focus_request = "decision-problem";
                if (status == 409) OpenFile(s, d.reference);  // what it is now
                break;
            }
            d.stage = DecisionDraft::Stage::kDone;
            const std::string st = StringOf(j, "status");
            d.done = Tr(s.page, "ui.staff.decide.done",
                        {{"reference", d.reference}, {"status", Tr(s.page, "status." + st)}});
            for (auto& row : s.list.rows) {
                if (row.reference == d.reference) row.status = st;
            }
            s.notice = d.done;
            OpenFile(s, d.reference);
            s.decision.stage = DecisionDraft::Stage::kDone;
            s.decision.done = s.notice;
            s.page.ui.focus_request = "decision-done";
            break;
        }
        case P::kBulkList: {
            auto& l = s.list;
            if (l.bulk != ListState::Bulk::kCollecting) break;
            if (!j.is_object()) {
                l.bulk = ListState::Bulk::kIdle;
                s.notice = ProblemOf(s, status, body, "ui.staff.list.failed");
                break;
            }
            for (const auto& row : j.value("files", Json::array()))
                l.bulk_references.push_back(StringOf(row, "reference"));
            l.bulk_cursor = StringOf(j, "next_cursor");
            if (!l.bulk_cursor.empty() && l.bulk_references.size() < kMaxBulk) {
                FetchBulkPage(s);
            } else {
                l.bulk = ListState::Bulk::kConfirming;
                s.page.ui.focus_request = "bulk-confirm";
            }
            break;
        }
        case P::kBulk: {
            auto& l = s.list;
            if (j.is_object()) {
                l.bulk_approved += static_cast<int>(IntOf(j, "approved"));
                l.bulk_refused += static_cast<int>(IntOf(j, "refused"));
            } else {
                l.bulk_refused += static_cast<int>(std::min<std::size_t>(kBulkChunk, l.bulk_sent));
            }
            if (l.bulk_sent < l.bulk_references.size()) {
                SendBulkChunk(s);
                break;
            }
            l.bulk = ListState::Bulk::kDone;
            s.notice = Tr(s.page, "ui.staff.bulk.done",
                          {{"approved", std::to_string(l.bulk_approved)},
                           {"refused", std::to_string(l.bulk_refused)}});
            s.page.ui.focus_request = "notice";
            FetchMe(s);
            FetchList(s, true);
            break;
        }
        case P::kMove: {
            if (!j.is_object()) {
                s.decision.problem = ProblemOf(s, status, body, "ui.staff.move.failed");
                s.page.ui.focus_request = "decision-problem";
                break;
            }
            s.notice = Tr(s.page, "ui.staff.move.done",
                          {{"reference", s.view.reference},
                           {"school", SchoolName(s, StringOf(j, "school_code"))}});
            s.decision = {};
            s.decision.reference = s.view.reference;
            OpenFile(s, s.view.reference);
            s.decision.done = s.notice;
            s.decision.stage = DecisionDraft::Stage::kDone;
            s.page.ui.focus_request = "decision-done";
            break;
        }
        case P::kRectify: {
            auto& d = s.rectify;
            d.sending = false;
            if (!j.is_object()) {
                // Refused: the server's words, then each reason at the answer it concerns; the
                // corrections and the note stay as typed.
                d.problem = {ProblemOf(s, status, body, "ui.staff.rectify.failed")};
                const Json refusal = Json::parse(body, nullptr, false);
                const Json errors =
                    refusal.is_object() ? refusal.value("errors", Json::array()) : Json::array();
                for (const auto& e : errors) {
                    std::string line = StringOf(e, "message");
                    for (const auto& c : d.changes)
                        if (c.pointer == StringOf(e, "pointer")) line = c.label + " : " + line;
                    if (!line.empty() && line != d.problem[0]) d.problem.push_back(line);
                }
                s.page.ui.focus_request = "rectify-problem";
                if (status == 409) OpenFile(s, s.view.reference);  // what it is now
                break;
            }
            const std::string done =
                Tr(s.page, "ui.staff.rectify.done",
                   {{"outcome", Tr(s.page, "outcome." + StringOf(j, "outcome"))}});
            s.rectify = {};
            OpenFile(s, s.view.reference);
            s.rectify.done = done;
            s.page.ui.focus_request = "rectify-done";
            break;
        }
        case P::kProvinces:
        case P::kMap: {
            auto& d = s.view.answers.data;
            auto load = status == 200 ? core::ParseSchoolMap(body) : core::SchoolMapLoad{};
            auto& remote = r.purpose == P::kMap ? d.map_state[r.key] : d.provinces_state;
            // Without a map the answers show codes; the next file asks again.
            remote.state = load.map ? Remote::State::kReady : Remote::State::kIdle;
            if (!load.map) break;
            if (r.purpose == P::kMap) {
                d.maps.insert_or_assign(r.key, std::move(*load.map));
            } else {
                d.provinces = load.map->document().provinces;
            }
            break;
        }
        case P::kCatalogue: {
            if (status != 200) break;
            auto load = core::ParseCatalogue(body);
            if (!load.catalogue) break;
            s.page.catalogues[r.key] = std::move(*load.catalogue);
            s.page.ui.locale = r.key;
            break;
        }
    }
}

}  // namespace tasjil::app::staff
