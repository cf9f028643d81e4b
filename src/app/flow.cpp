// Index
//   [SECTION] Fields
//   [SECTION] Flow table and navigation
//   [SECTION] Validation
//   [SECTION] Requests and replies
//   [SECTION] Intents
#include "app/flow.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/json_read.h"
#include "app/screens/screens.h"
#include "core/precheck.h"
#include "core/validation.h"

namespace tasjil::app {

// [SECTION] Fields -------------------------------------------------------------------------------

std::string Field::Id() const {
    std::string id = id_prefix;
    for (std::size_t i = 1; i < pointer.size(); ++i) id += pointer[i] == '/' ? '-' : pointer[i];
    return id;
}

std::string Field::FocusId() const {
    switch (kind) {
        case FieldKind::kDate:
            return Id() + "-day";
        case FieldKind::kRadio:
            return choices.empty() ? Id() : Id() + "-" + choices.front().value;
        case FieldKind::kSearch:
            return Id() + "-search";
        default:
            return Id();
    }
}

bool Field::Owns(const std::string& p) const {
    return p == pointer || (p.size() > pointer.size() &&
                            p.compare(0, pointer.size(), pointer) == 0 && p[pointer.size()] == '/');
}

std::string Field::Shown(const AppState& state) const {
    switch (kind) {
        case FieldKind::kText:
            return text ? *text : "";
        case FieldKind::kDate:
            if (!date || date->empty()) return "";
            if (date->day.size() <= 2 && date->month.size() <= 2 && date->year.size() == 4) {
                // A real day reads in words («14 شتنبر 2020»); anything else as it was typed.
                auto two = [](const std::string& p) { return p.size() == 1 ? "0" + p : p; };
                const std::string iso = date->year + "-" + two(date->month) + "-" + two(date->day);
                if (core::ParseIsoDate(iso)) return DateInWords(state, iso);
            }
            return date->day + "/" + date->month + "/" + date->year;
        case FieldKind::kCheckbox:
            return Tr(state, flag && *flag ? "ui.answer.yes" : "ui.answer.no");
        case FieldKind::kRadio:
        case FieldKind::kSelect:
        case FieldKind::kSearch:
            for (const auto& c : choices) {
                if (text && c.value == *text) return c.label;
            }
            return text ? *text : "";
    }
    return "";
}

namespace {
Field Make(std::string pointer, std::string label, FieldKind kind) {
    Field f;
    f.pointer = std::move(pointer);
    f.label = std::move(label);
    f.kind = kind;
    return f;
}
}  // namespace

Field TextField(std::string pointer, std::string label, std::string* value) {
    Field f = Make(std::move(pointer), std::move(label), FieldKind::kText);
    f.text = value;
    return f;
}
Field DateField(std::string pointer, std::string label, DateParts* value) {
    Field f = Make(std::move(pointer), std::move(label), FieldKind::kDate);
    f.date = value;
    f.hint = "ui.field.birth_date.hint";
    return f;
}
Field RadioField(std::string pointer, std::string label, std::string* value,
                 std::vector<Choice> choices) {
    Field f = Make(std::move(pointer), std::move(label), FieldKind::kRadio);
    f.text = value;
    f.choices = std::move(choices);
    return f;
}
Field CheckboxField(std::string pointer, std::string label, bool* value) {
    Field f = Make(std::move(pointer), std::move(label), FieldKind::kCheckbox);
    f.flag = value;
    return f;
}
Field SelectField(std::string pointer, std::string label, std::string* value,
                  std::vector<Choice> choices) {
    Field f = Make(std::move(pointer), std::move(label), FieldKind::kSelect);
    f.text = value;
    f.choices = std::move(choices);
    return f;
}
Field SearchField(std::string pointer, std::string label, std::string* value, std::string* query,
                  std::vector<Choice> choices) {
    Field f = Make(std::move(pointer), std::move(label), FieldKind::kSearch);
    f.text = value;
    f.query = query;
    f.choices = std::move(choices);
    return f;
}

// [SECTION] Flow table and navigation ------------------------------------------------------------

// Each screen's spec is defined in its file (screens/*.cpp); this table alone lists them.
namespace screens {
extern const ScreenSpec kStart, kChild, kCivilStatus, kParents, kGuardian, kContact, kSiblings,
    kResidence, kSchool, kEligibility, kCheckAnswers, kDeclarations, kReceipt, kStatusLookUp,
    kFiles;
}  // namespace screens

const FlowTable& ParentsFlow() {
    static const FlowTable kFlow = {
        &screens::kStart,       &screens::kChild,        &screens::kCivilStatus,
        &screens::kParents,     &screens::kGuardian,     &screens::kContact,
        &screens::kSiblings,    &screens::kResidence,    &screens::kSchool,
        &screens::kEligibility, &screens::kCheckAnswers, &screens::kDeclarations,
        &screens::kReceipt,     &screens::kStatusLookUp, &screens::kFiles,
    };
    return kFlow;
}

const FlowTable& Flow(const AppState& state) {
    return state.flow ? *state.flow : ParentsFlow();
}

const ScreenSpec& Spec(const AppState& state, ScreenId id) {
    const auto& flow = Flow(state);
    for (const auto* s : flow) {
        if (s->id == id) return *s;
    }
    return *flow.front();
}

bool Applies(const AppState& state, const ScreenSpec& spec) {
    return !spec.applies || spec.applies(state);
}

namespace {
// The linear part of the flow: Start, the questions, Check your answers, Declarations.
bool InLinearFlow(const ScreenSpec& s) {
    return s.id != ScreenId::kReceipt && s.id != ScreenId::kStatus && s.id != ScreenId::kFiles;
}
std::ptrdiff_t IndexOf(const FlowTable& flow, ScreenId id) {
    for (std::size_t i = 0; i < flow.size(); ++i) {
        if (flow[i]->id == id) return static_cast<std::ptrdiff_t>(i);
    }
    return 0;
}
}  // namespace

ScreenId NextScreen(const AppState& state, ScreenId from) {
    const auto& flow = Flow(state);
    for (std::size_t i = static_cast<std::size_t>(IndexOf(flow, from)) + 1; i < flow.size(); ++i) {
        if (InLinearFlow(*flow[i]) && Applies(state, *flow[i])) return flow[i]->id;
    }
    return from;
}

ScreenId PreviousScreen(const AppState& state, ScreenId from) {
    const auto& flow = Flow(state);
    for (std::ptrdiff_t i = IndexOf(flow, from) - 1; i >= 0; --i) {
        const auto& s = *flow[static_cast<std::size_t>(i)];
        if (InLinearFlow(s) && Applies(state, s)) return s.id;
    }
    return ScreenId::kStart;
}

StepNumber StepOf(const AppState& state, ScreenId id) {
    StepNumber step;
    for (const auto* s : Flow(state)) {
        if (s->kind != ScreenKind::kQuestion || !Applies(state, *s)) continue;
        ++step.total;
        if (s->id == id) step.n = step.total;
    }
    return step;
}

void EnterScreen(AppState& state, ScreenId id) {
    if (id != state.ui.screen) state.ui.previous_screen = state.ui.screen;
    state.ui.screen = id;
    state.ui.errors_visible = false;
    state.ui.errors.clear();
    state.ui.focus_request = "heading";  // the browser scrolls to it: the top of the page
    state.ui.keyboard_target.clear();    // the kiosk's keyboard types into this screen's boxes
    state.ui.pending_keys.clear();
    const auto& spec = Spec(state, id);
    if (spec.on_enter) spec.on_enter(state);
}

// [SECTION] Validation ---------------------------------------------------------------------------

namespace {

// The core's errors of the file as the server will see it: normalised (NFC, folded look-alike
// letters) on a copy, so what the parent typed stays as typed while editing; the school map
// errors when the residence's map is loaded.
core::FieldErrors CoreErrors(AppState& state) {
    core::ElectronicFile normalized = state.file;
    core::NormalizeFile(normalized);
    auto errors = core::Validate(normalized, state.today);
    if (const auto* map = MapOf(state, state.file.residence.province)) {
        for (auto& e : core::ValidateAgainstMap(normalized, *map)) {
            // Codes the parent has not chosen yet are "required" errors of Validate already.
            const bool dup = std::any_of(errors.begin(), errors.end(),
                                         [&](const auto& x) { return x.pointer == e.pointer; });
            if (!dup) errors.push_back(std::move(e));
        }
    }
    return errors;
}

void SyncAll(AppState& state, core::FieldErrors& own) {
    for (const auto* s : Flow(state)) {
        if (s->sync && Applies(state, *s)) s->sync(state, own);
    }
}

}  // namespace

core::FieldErrors ScreenErrors(AppState& state, const ScreenSpec& spec) {
    core::FieldErrors own;
    if (spec.sync) spec.sync(state, own);
    if (spec.extra_checks) spec.extra_checks(state, own);
    if (!spec.fields) return own;
    auto fields = spec.fields(state);
    core::FieldErrors errors;
    const auto core_errors = CoreErrors(state);
    // In the order of the fields on the screen; a screen's own error on a field replaces the
    // core's (a date not in digits is not also "required").
    for (const auto& f : fields) {
        bool mine = false;
        for (const auto& e : own) {
            if (f.Owns(e.pointer)) {
                errors.push_back(e);
                mine = true;
            }
        }
        if (mine) continue;
        for (const auto& e : core_errors) {
            if (f.Owns(e.pointer)) errors.push_back(e);
        }
    }
    for (const auto& e : own) {  // errors of the screen that no field owns
        const bool placed = std::any_of(fields.begin(), fields.end(),
                                        [&](const Field& f) { return f.Owns(e.pointer); });
        if (!placed) errors.push_back(e);
    }
    return errors;
}

core::FieldErrors FileErrors(AppState& state) {
    core::FieldErrors own;
    SyncAll(state, own);
    auto errors = CoreErrors(state);
    errors.insert(errors.begin(), own.begin(), own.end());
    return errors;
}

void OnModelChanged(AppState& state) {
    if (!state.ui.errors_visible) return;
    const auto before = state.ui.errors;
    const auto now = ScreenErrors(state, Spec(state, state.ui.screen));
    core::FieldErrors kept;
    for (const auto& e : now) {
        const bool was_shown = std::any_of(before.begin(), before.end(),
                                           [&](const auto& b) { return b.pointer == e.pointer; });
        if (was_shown) kept.push_back(e);
    }
    state.ui.errors = std::move(kept);
    if (state.ui.errors.empty()) state.ui.errors_visible = false;
}

ScreenId ScreenOwning(AppState& state, const std::string& pointer) {
    for (const auto* s : Flow(state)) {
        if (!s->fields || !Applies(state, *s)) continue;
        for (const auto& f : s->fields(state)) {
            if (f.Owns(pointer)) return s->id;
        }
    }
    return ScreenId::kCheckAnswers;
}

core::FieldErrors ErrorsBeforeDeclarations(AppState& state) {
    core::FieldErrors out;
    for (auto& e : FileErrors(state)) {
        // The declarations are made after the pre-check, on the last screen.
        if (e.pointer.rfind("/declarations", 0) != 0) out.push_back(std::move(e));
    }
    return out;
}

std::optional<core::Eligibility> DevicePrecheck(AppState& state) {
    if (!state.data.rules) return std::nullopt;
    const auto* map = MapOf(state, state.file.residence.province);
    if (!map) return std::nullopt;
    if (!ErrorsBeforeDeclarations(state).empty()) return std::nullopt;
    core::ElectronicFile normalized = state.file;
    core::NormalizeFile(normalized);
    return core::Evaluate(normalized, *state.data.rules, *map, state.today);
}
WindowToday RegistrationWindow(const AppState& state) {
    if (!state.data.rules) return WindowToday::kOpen;  // the server decides when the file comes
    const auto& rules = *state.data.rules;
    // The server's date decides where the device has heard it; Send waits only when neither the
    // device nor the server is past the opening day, so a device whose clock is behind is never
    // kept from sending a file the server would take.
    const core::Date today = state.server_today.value_or(state.today);
    if (core::WindowRefusal(rules, state.today) && core::WindowRefusal(rules, today))
        return WindowToday::kNotYetOpen;
    if (core::AfterWindow(rules, today)) return WindowToday::kClosed;
    return WindowToday::kOpen;
}

// [SECTION] Requests and replies -----------------------------------------------------------------

int Send(AppState& state, Request::Purpose purpose, std::string method, std::string url,
         std::string body, std::string key, void (*on_reply)(AppState&, int, const std::string&)) {
    Request r{.purpose = purpose,
              .id = state.next_request_id++,
              .method = std::move(method),
              .url = std::move(url),
              .body = std::move(body),
              .key = std::move(key),
              .on_reply = on_reply};
    state.requests.push_back(r);
    return r.id;
}

const core::SchoolMap* MapOf(const AppState& state, const std::string& province) {
    auto it = state.data.maps.find(province);
    return it == state.data.maps.end() ? nullptr : &it->second;
}

void RequestData(AppState& state) {
    auto& d = state.data;
    if (d.service_state.state == Remote::State::kIdle) {
        d.service_state.state = Remote::State::kLoading;
        Send(state, Request::Purpose::kService, "GET", "service.json");
    }
    if (!d.rules && d.rules_state.state == Remote::State::kIdle) {
        d.rules_state.state = Remote::State::kLoading;
        // The year open now is the server's to say (a device's clock may be wrong): the draft's
        // year is a placeholder until these rules arrive.
        Send(state, Request::Purpose::kRules, "GET", "/api/v1/rules/current");
    }
    const auto& spec = Spec(state, state.ui.screen);
    if (spec.needs_place_names && d.provinces.empty() &&
        d.provinces_state.state == Remote::State::kIdle) {
        d.provinces_state.state = Remote::State::kLoading;
        Send(state, Request::Purpose::kProvinces, "GET", "/api/v1/provinces");
    }
    if (spec.needs_place_names && !screens::CountryNamesHere(state) &&
        d.country_names_state.state == Remote::State::kIdle) {
        d.country_names_state.state = Remote::State::kLoading;
        const std::string locale(core::kDefaultLocale);
        Send(state, Request::Purpose::kCountryNames, "GET", "countries-" + locale + ".json", "",
             locale);
    }
    std::vector<std::string> provinces = {state.file.residence.province};
    if (spec.needs_maps) {
        for (auto& p : spec.needs_maps(state)) provinces.push_back(std::move(p));
    }
    for (const auto& province : provinces) {
        if (province.empty() || d.maps.count(province)) continue;
        auto& remote = d.map_state[province];
        if (remote.state != Remote::State::kIdle) continue;
        remote.state = Remote::State::kLoading;
        Send(state, Request::Purpose::kProvinceMap, "GET", "/api/v1/schoolmap/" + province, "",
             province);
    }
}

void RetryData(AppState& state, int) {
    auto& d = state.data;
    if (d.service_state.state == Remote::State::kFailed)
        d.service_state.state = Remote::State::kIdle;
    if (d.rules_state.state == Remote::State::kFailed) d.rules_state.state = Remote::State::kIdle;
    if (d.provinces_state.state == Remote::State::kFailed)
        d.provinces_state.state = Remote::State::kIdle;
    if (d.country_names_state.state == Remote::State::kFailed)
        d.country_names_state.state = Remote::State::kIdle;
    for (auto& [province, remote] : d.map_state) {
        if (remote.state == Remote::State::kFailed) remote.state = Remote::State::kIdle;
    }
}

using Json = nlohmann::json;

const char* SendProblem(int status) {
    if (status < 0) return "ui.send.queued";
    if (status == 0) return "ui.send.offline";
    if (status == 413) return "ui.send.too_large";
    if (status == 429) return "ui.send.busy";
    if (status >= 500) return "ui.send.server";
    return "ui.send.failed";
}

void OnSubmitReply(AppState& state, int status, const std::string& text) {
    const Json body = Json::parse(text, nullptr, false);  // a discarded value when not JSON
    auto& sub = state.submission;
    if ((status == 201 || status == 200) && !StringOf(body, "reference").empty()) {
        sub.state = Submission::State::kSent;
        sub.reference = StringOf(body, "reference");
        sub.status = StringOf(body, "status");
        sub.received_at = StringOf(body, "received_at");
        sub.serving_unit = StringOf(body, "serving_unit");
        sub.reasons = ErrorsFromJson(body.contains("reasons") ? body["reasons"] : Json::array());
        CloseSentFile(state);
        EnterScreen(state, ScreenId::kReceipt);
        return;
    }
    sub.state = Submission::State::kFailed;
    if (status == 409) {
        sub.conflict = true;
        sub.problem = "ui.send.conflict";
        return;
    }
    if (status == 422 && body.is_object()) {
        auto errors = ErrorsFromJson(body.contains("errors") ? body["errors"] : Json::array());
        for (const auto& e : errors) {
            if (e.code != "school_year.not_open") continue;
            // The server takes files for another year than the draft names (the rules were
            // never fetched, or the year changed since): the file takes the server's year and
            // its rules are asked for again; one more press of Send sends it.
            for (const auto& p : e.params)
                if (p.name == "school_year" && !p.value.empty()) state.file.school_year = p.value;
            state.data.rules.reset();
            state.data.rules_state.state = Remote::State::kIdle;
            RequestData(state);
            sub.problem = "ui.send.year_changed";
            state.ui.focus_request = "send-status";
            return;
        }
        // A refusal that no answer can fix (no field owns it): said where the parent is, in the
        // server's words, never a trip back to Check your answers with nothing to correct.
        const bool fixable = std::any_of(errors.begin(), errors.end(), [&](const auto& e) {
            return ScreenOwning(state, e.pointer) != ScreenId::kCheckAnswers;
        });
        if (!errors.empty() && !fixable) {
            sub.refusals = std::move(errors);
            sub.problem = "ui.send.refused";
            state.ui.focus_request = "send-status";
            return;
        }
        // Each error on its field and screen; the parent is taken to the first.
        if (!errors.empty()) {
            const ScreenId target = ScreenOwning(state, errors.front().pointer);
            EnterScreen(state, target);
            core::FieldErrors shown;
            if (const auto& spec = Spec(state, target); spec.fields) {
                for (const auto& f : spec.fields(state)) {
                    for (const auto& e : errors) {
                        if (f.Owns(e.pointer)) shown.push_back(e);
                    }
                }
            }
            state.ui.errors = shown.empty() ? errors : shown;
            state.ui.errors_visible = true;
            state.ui.focus_request = "error-summary";
            sub.problem = "ui.send.rejected_fields";
            return;
        }
    }
    sub.problem = SendProblem(status);
}

void OnReply(AppState& state, const Request& request, int status, const std::string& text) {
    if (request.on_reply) return request.on_reply(state, status, text);
    const Json body = Json::parse(text, nullptr, false);  // a discarded value when not JSON
    auto& d = state.data;
    switch (request.purpose) {
        case Request::Purpose::kService: {
            if (status == 200 && body.is_object()) {
                d.service.cndp_authorisation = StringOf(body, "cndp_authorisation");
                d.service.rights_contact = StringOf(body, "rights_contact");
                d.service_state.state = Remote::State::kReady;
                return;
            }
            d.service_state.state = Remote::State::kFailed;
            return;
        }
        case Request::Purpose::kRules: {
            if (status == 200) {
                auto load = core::ParseRules(text);
                if (load.rules) {
                    d.rules = std::move(load.rules);
                    d.rules_state.state = Remote::State::kReady;
                    // A file not sent yet is for the year the server takes files for.
                    if (state.submission.state != Submission::State::kSent)
                        state.file.school_year = d.rules->school_year;
                    return;
                }
            }
            d.rules_state.state = Remote::State::kFailed;
            return;
        }
        case Request::Purpose::kProvinces: {
            if (status == 200) {
                auto load = core::ParseSchoolMap(text);
                if (load.map) {
                    d.provinces = load.map->document().provinces;
                    d.provinces_state.state = Remote::State::kReady;
                    return;
                }
            }
            d.provinces_state.state = Remote::State::kFailed;
            return;
        }
        case Request::Purpose::kProvinceMap: {
            auto& remote = d.map_state[request.key];
            if (status == 200) {
                auto load = core::ParseSchoolMap(text);
                if (load.map) {
                    d.maps.insert_or_assign(request.key, std::move(*load.map));
                    remote.state = Remote::State::kReady;
                    return;
                }
            }
            remote.state = Remote::State::kFailed;
            return;
        }
        case Request::Purpose::kSubmit:
            OnSubmitReply(state, status, text);
            return;
        case Request::Purpose::kCatalogue:
        case Request::Purpose::kCountryNames: {
            // A language comes whole; the country names join the default language's catalogue
            // and replace nothing else of it.
            const bool names = request.purpose == Request::Purpose::kCountryNames;
            const bool wanted = !names && state.ui.pending_locale == request.key;
            if (wanted) state.ui.pending_locale.clear();
            auto load = status == 200 ? core::ParseCatalogue(text) : core::CatalogueLoad{};
            if (!load.catalogue || !core::IsSupportedLocale(request.key)) {
                // Asked again on the next press, or by the next RequestData after a retry.
                if (names) d.country_names_state.state = Remote::State::kFailed;
                return;
            }
            auto& catalogue = state.catalogues[request.key];
            if (names) {
                for (auto& [code, name] : load.catalogue->messages) {
                    if (code.starts_with("ui.country.")) catalogue.messages[code] = std::move(name);
                }
                d.country_names_state.state = Remote::State::kReady;
            } else {
                catalogue = std::move(*load.catalogue);
            }
            if (wanted) SetLocale(state, request.key);
            return;
        }
        case Request::Purpose::kStatus:
            return;  // the look-up's own (on_reply, above)
    }
}

namespace {

// A state with nothing of a family: only what belongs to the device, the interface and the
// server's public data is carried over from `state` (moved out of it), so a screen's state added
// later is forgotten too without being named here.
AppState DeviceOnly(AppState& state) {
    AppState fresh;
    fresh.today = state.today;
    fresh.server_today = state.server_today;
    fresh.now_iso = state.now_iso;
    fresh.catalogues = std::move(state.catalogues);
    fresh.data = std::move(state.data);
    fresh.device = std::move(state.device);
    fresh.requests = std::move(state.requests);
    fresh.next_request_id = state.next_request_id;
    fresh.spare_file_id = std::move(state.spare_file_id);
    fresh.flow = state.flow;
    UiState& ui = fresh.ui;
    ui.screen = state.ui.screen;
    ui.locale = state.ui.locale;
    ui.pending_locale = std::move(state.ui.pending_locale);
    ui.scroll_y = state.ui.scroll_y;
    ui.content_height = state.ui.content_height;
    ui.intents = std::move(state.ui.intents);
    ui.keyboard_layout = state.ui.keyboard_layout;
    return fresh;
}

}  // namespace

void CloseSentFile(AppState& state) {
    const core::ElectronicFile& f = state.file;
    core::ElectronicFile kept = NewDraft(f.file_id, f.created_at, f.school_year);
    kept.locale = f.locale;
    kept.submitted_at = f.submitted_at;
    kept.child.given_name_ar = f.child.given_name_ar;
    kept.child.given_name_latin = f.child.given_name_latin;
    kept.school_choice = f.school_choice;
    kept.residence.province = f.residence.province;  // where the school's name is looked up
    kept.contact.language = f.contact.language;
    Submission submission = std::move(state.submission);
    AppState fresh = DeviceOnly(state);
    fresh.file = std::move(kept);
    fresh.submission = std::move(submission);
    state = std::move(fresh);
}

void StartNewFile(AppState& state, const std::string& new_file_id) {
    const std::string file_id = new_file_id;  // it may be the state's own spare id, moved below
    // One file in progress at a time: the device forgets the draft of the one before (a file
    // that was sent stays in the outbox until the server has it) — but a tablet keeps it.
    auto& device = state.device;
    // A tablet keeps every file of the day in its list.
    if (device.draft_stored && device.mode != DeviceMode::kTablet)
        device.drafts_to_delete.push_back(state.file.file_id);
    device.draft_stored = false;
    device.resumed = false;
    device.saved_draft.clear();
    // Everything of the family before — its answers, every screen's own state, the status
    // look-up, what was sent, what was typed — goes with it (DeviceOnly).
    const std::string school_year = state.file.school_year;
    AppState fresh = DeviceOnly(state);
    const UiState& ui = fresh.ui;
    fresh.file = NewDraft(file_id, fresh.now_iso, school_year);
    fresh.file.locale = ui.locale;
    fresh.file.contact.language = ui.locale;
    state = std::move(fresh);
}

// [SECTION] Intents ------------------------------------------------------------------------------

namespace {

void Submit(AppState& state) {
    auto& sub = state.submission;
    // A second press, a double tap or a Back after sending never sends twice.
    if (sub.state == Submission::State::kSending || sub.state == Submission::State::kSent) return;
    // Before the opening day the server would refuse it: the file stays a draft on the device.
    if (RegistrationWindow(state) == WindowToday::kNotYetOpen) return;
    auto errors = ScreenErrors(state, Spec(state, ScreenId::kDeclarations));
    if (errors.empty()) {
        for (auto& e : FileErrors(state)) errors.push_back(std::move(e));
    }
    if (!errors.empty()) {
        // A problem elsewhere in the file: the parent goes to its screen.
        const ScreenId target = ScreenOwning(state, errors.front().pointer);
        if (target != ScreenId::kDeclarations) EnterScreen(state, target);
        state.ui.errors = ScreenErrors(state, Spec(state, target));
        if (state.ui.errors.empty()) state.ui.errors = errors;
        state.ui.errors_visible = true;
        state.ui.focus_request = "error-summary";
        return;
    }
    core::ElectronicFile out = state.file;
    core::NormalizeFile(out);
    // The same submitted_at on every retry: the server's idempotency compares the content.
    if (!state.file.submitted_at) state.file.submitted_at = state.now_iso;
    out.submitted_at = state.file.submitted_at;
    sub.state = Submission::State::kSending;
    sub.problem.clear();
    sub.refusals.clear();
    Send(state, Request::Purpose::kSubmit, "POST", "/api/v1/files", core::ToJson(out));
    state.ui.focus_request = "send-status";
}

}  // namespace

void SetLocale(AppState& state, const std::string& locale) {
    if (!core::IsSupportedLocale(locale)) return;
    if (!state.catalogues.count(locale)) {
        // Only the default language ships with the app; another is fetched once (the service
        // worker keeps it offline) and the page switches when it is there.
        if (state.ui.pending_locale != locale) {
            state.ui.pending_locale = locale;
            Send(state, Request::Purpose::kCatalogue, "GET", "catalogue-" + locale + ".json", "",
                 locale);
        }
        return;
    }
    state.ui.pending_locale.clear();
    state.ui.locale = locale;
    state.file.locale = locale;
    if (state.file.contact.language.empty()) state.file.contact.language = locale;
}

void ApplyIntents(AppState& state) {
    auto intents = std::move(state.ui.intents);
    state.ui.intents.clear();
    for (const auto& intent : intents) {
        switch (intent.kind) {
            case Intent::Kind::kSetLocale:
                SetLocale(state, std::string(intent.argument));
                break;
            case Intent::Kind::kGoTo:
                state.ui.return_to.reset();
                if (intent.returns) state.ui.return_to = state.ui.screen;
                EnterScreen(state, intent.screen);
                break;
            case Intent::Kind::kBack:
                if (state.ui.return_to) {
                    const ScreenId to = *state.ui.return_to;
                    state.ui.return_to.reset();
                    EnterScreen(state, to);
                } else {
                    EnterScreen(state, PreviousScreen(state, state.ui.screen));
                }
                break;
            case Intent::Kind::kContinue: {
                const auto& spec = Spec(state, state.ui.screen);
                auto errors = ScreenErrors(state, spec);
                if (!errors.empty()) {
                    state.ui.errors = std::move(errors);
                    state.ui.errors_visible = true;
                    state.ui.focus_request = "error-summary";
                    break;
                }
                ScreenId next = NextScreen(state, state.ui.screen);
                if (state.ui.return_to) {
                    // Back to Check your answers, unless the change opened a screen that now
                    // applies and was never answered (a guardian after "yes").
                    next = *state.ui.return_to;
                    state.ui.return_to.reset();
                    const ScreenId direct = NextScreen(state, state.ui.screen);
                    if (!ScreenErrors(state, Spec(state, direct)).empty() &&
                        Spec(state, direct).kind == ScreenKind::kQuestion) {
                        next = direct;
                        state.ui.return_to = ScreenId::kCheckAnswers;
                    }
                }
                EnterScreen(state, next);
                break;
            }
            case Intent::Kind::kSubmit:
                Submit(state);
                break;
            case Intent::Kind::kRun:
                if (intent.run) intent.run(state, intent.index);
                break;
        }
    }
}

}  // namespace tasjil::app
