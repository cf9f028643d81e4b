// The accounts a staff member manages: a directorate its province's school accounts (one by one,
// or a CSV of them), the national administrator the directorates'. A new account waits for its
// owner with an activation code valid 72 hours, shown here to hand over, print or send as a link;
// an account is disabled (its sessions end at once), enabled again, or reset (a new code; the owner
// sets a new password and second factor). The server checks every scope; this screen only lists
// what it answered.
#include "app/staff/screens/screens.h"

#include <nlohmann/json.hpp>

namespace tasjil::app::staff::screens {

namespace {

// {date} and {time} of an RFC 3339 UTC time stamp.
std::vector<core::Param> At(const std::string& at) {
    return {{"date", at.substr(0, 10)}, {"time", at.size() >= 16 ? at.substr(11, 5) : ""}};
}

std::vector<core::Param> LetterParams(const ActivationLetter& l) {
    std::vector<core::Param> params = At(l.expires_at);
    params.push_back({"name", l.display_name});
    params.push_back({"username", l.username});
    params.push_back({"code", l.code});
    params.push_back({"link", l.link});
    return params;
}

void Letters(Ui& ui, StaffState& s) {
    for (const auto& l : s.accounts.letters) {
        const auto params = LetterParams(l);
        Notice(ui, "letter-" + l.username,
               {Tr(s.page, "ui.staff.accounts.letter.heading", params),
                Tr(s.page, "ui.staff.accounts.letter.code", params),
                Tr(s.page, "ui.staff.accounts.letter.until", params),
                Tr(s.page, "ui.staff.accounts.letter.link", params)},
               NoticeStyle::kSuccess, "status");
    }
    if (!s.accounts.letters.empty() &&
        ActionRow(ui, {{"print-letters", Tr(s.page, "ui.staff.accounts.letter.print"),
                        ButtonStyle::kSecondary}}) == 0)
        s.intents.push_back({.kind = StaffIntent::Kind::kPrintLetters});
}

void NewAccountForm(Ui& ui, StaffState& s) {
    AccountsView& v = s.accounts;
    const bool schools = v.managed == core::StaffRole::kSchool;
    Heading(ui, "new-account", Tr(s.page, "ui.staff.accounts.new"), 2);
    TextFieldSpec user = Box("account-username", Tr(s.page, "ui.staff.field.new_username"));
    user.hint = Tr(s.page, "ui.staff.field.new_username_hint");
    user.max_length = 64;
    user.width_em = 16;
    user.direction = text::Direction::kLtr;
    TextField(ui, user, v.username);
    TextFieldSpec name =
        Box("account-name",
            Tr(s.page, schools ? "ui.staff.field.school_name" : "ui.staff.field.directorate_name"));
    name.max_length = 200;
    TextField(ui, name, v.display_name);
    TextFieldSpec scope = Box("account-scope", Tr(s.page, schools ? "ui.staff.field.schools"
                                                                  : "ui.staff.field.province"));
    scope.hint =
        Tr(s.page, schools ? "ui.staff.field.schools_hint" : "ui.staff.field.province_hint");
    scope.max_length = 400;
    scope.width_em = 24;
    scope.direction = text::Direction::kLtr;
    TextField(ui, scope, v.scope);
    if (schools)
        Checkbox(ui, "account-second-factor", Tr(s.page, "ui.staff.field.second_factor"), "",
                 v.second_factor);
    const int pressed = ActionRow(
        ui, {{"create-account",
              Tr(s.page, v.creating ? "ui.staff.accounts.creating" : "ui.staff.accounts.create"),
              ButtonStyle::kPrimary, true, v.creating}});
    if (pressed != 0 || v.creating) return;
    if (v.username.empty() || v.display_name.empty() || v.scope.empty()) {
        v.problem = Tr(s.page, "ui.staff.accounts.missing");
        s.page.ui.focus_request = "accounts-problem";
        return;
    }
    s.intents.push_back({.kind = StaffIntent::Kind::kCreateAccount});
}

// A directorate makes its schools' accounts from a spreadsheet: massar_code and name columns.
void Import(Ui& ui, StaffState& s) {
    const AccountsView& v = s.accounts;
    Heading(ui, "import", Tr(s.page, "ui.staff.accounts.import.heading"), 2);
    Paragraph(ui, "import-intro", Tr(s.page, "ui.staff.accounts.import.intro"));
    if (!v.import_problems.empty())
        Notice(ui, "import-problems", v.import_problems, NoticeStyle::kWarning);
    if (ActionRow(ui, {{"import-file",
                        Tr(s.page, v.importing ? "ui.staff.accounts.import.busy"
                                               : "ui.staff.accounts.import.button"),
                        ButtonStyle::kSecondary, false, v.importing}}) == 0 &&
        !v.importing)
        s.intents.push_back({.kind = StaffIntent::Kind::kChooseImport});
}

void AccountRows(Ui& ui, StaffState& s) {
    const AccountsView& v = s.accounts;
    Heading(ui, "account-list",
            Tr(s.page, "ui.staff.accounts.list", {{"count", std::to_string(v.accounts.size())}}),
            2);
    if (!v.loaded && v.problem.empty())
        Paragraph(ui, "accounts-loading", Tr(s.page, "ui.staff.accounts.loading"),
                  colors::kSecondary);
    using K = StaffIntent::Kind;
    for (const auto& a : v.accounts) {
        const std::string id = "account-" + a.username;
        // Accounts made on the server have no name: their username alone.
        Heading(ui, id,
                a.display_name.empty() ? a.username
                                       : Tr(s.page, "ui.staff.accounts.row",
                                            {{"name", a.display_name}, {"username", a.username}}),
                3);
        std::vector<core::Param> params = At(a.activation_expires_at);
        params.push_back({"scope", a.scope});
        const std::string state(core::AccountStateName(a.state));
        Paragraph(ui, id + "-state",
                  Tr(s.page, "ui.staff.accounts.state." + state, params) + " · " +
                      Tr(s.page, a.second_factor            ? "ui.staff.accounts.factor.on"
                                 : a.second_factor_required ? "ui.staff.accounts.factor.required"
                                                            : "ui.staff.accounts.factor.off") +
                      " · " +
                      Tr(s.page,
                         a.role == core::StaffRole::kSchool ? "ui.staff.accounts.schools"
                                                            : "ui.staff.accounts.province",
                         params));
        std::vector<Action> actions;
        std::vector<K> kinds;
        if (a.state == core::AccountState::kDisabled) {
            actions.push_back({"enable-" + a.username,
                               Tr(s.page, "ui.staff.accounts.enable", {{"username", a.username}}),
                               ButtonStyle::kSecondary});
            kinds.push_back(K::kEnableAccount);
        } else {
            actions.push_back({"disable-" + a.username,
                               Tr(s.page, "ui.staff.accounts.disable", {{"username", a.username}}),
                               ButtonStyle::kWarning});
            kinds.push_back(K::kDisableAccount);
        }
        actions.push_back({"reset-" + a.username,
                           Tr(s.page, "ui.staff.accounts.reset", {{"username", a.username}}),
                           ButtonStyle::kSecondary});
        kinds.push_back(K::kResetAccount);
        const int pressed = ActionRow(ui, actions);
        if (pressed >= 0)
            s.intents.push_back(
                {.kind = kinds[static_cast<std::size_t>(pressed)], .argument = a.username});
    }
}

void Draw(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    const AccountsView& v = s.accounts;
    const bool schools = v.managed == core::StaffRole::kSchool;
    Heading(
        ui, "heading",
        Tr(s.page, schools ? "ui.staff.accounts.heading" : "ui.staff.accounts.heading_national"),
        1);
    Paragraph(ui, "intro",
              Tr(s.page, schools ? "ui.staff.accounts.intro" : "ui.staff.accounts.intro_national"),
              colors::kSecondary);
    if (!v.done.empty()) Notice(ui, "accounts-done", {v.done}, NoticeStyle::kSuccess, "status");
    if (!v.problem.empty())
        Notice(ui, "accounts-problem", {v.problem}, NoticeStyle::kWarning, "alert");
    Letters(ui, s);
    NewAccountForm(ui, s);
    ui.y += sizes::kGap;
    if (schools) {
        Import(ui, s);
        ui.y += sizes::kGap;
    }
    AccountRows(ui, s);
    ui.y += sizes::kGap;
    if (s.session.role != core::StaffRole::kNational &&
        ActionRow(ui, {{"back", Tr(s.page, "ui.staff.back"), ButtonStyle::kSecondary}}) == 0)
        s.intents.push_back({.kind = StaffIntent::Kind::kBackHome});
}

}  // namespace

// clang-format off
extern const StaffScreenSpec kAccounts{
    .id = StaffScreen::kAccounts, .heading = "ui.staff.accounts.title", .draw = Draw};
// clang-format on

}  // namespace tasjil::app::staff::screens

namespace tasjil::app::staff {

std::string LettersPrintJson(const StaffState& s) {
    nlohmann::json letters = nlohmann::json::array();
    for (const auto& l : s.accounts.letters) {
        const auto params = screens::LetterParams(l);
        letters.push_back({{"heading", Tr(s.page, "ui.staff.accounts.letter.heading", params)},
                           {"code", l.code},
                           {"lines",
                            {Tr(s.page, "ui.staff.accounts.letter.print_to", params),
                             Tr(s.page, "ui.staff.accounts.letter.until", params),
                             Tr(s.page, "ui.staff.accounts.letter.steps", params),
                             Tr(s.page, "ui.staff.accounts.letter.link", params)}}});
    }
    return nlohmann::json{{"dir", s.page.ui.locale == "ar" ? "rtl" : "ltr"}, {"letters", letters}}
        .dump();
}

}  // namespace tasjil::app::staff
