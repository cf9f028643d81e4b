// The log-in screen: username and password (the server's Argon2id accounts), then, for an
// account with a second factor, the authenticator app's code or a recovery code. After an
// expiry it says that what was being typed is kept, and logging in again returns to it. An
// owner with an activation code starts from here too.
#include "app/staff/screens/screens.h"

namespace tasjil::app::staff::screens {

namespace {

void Draw(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    Heading(ui, "heading", Tr(s.page, "ui.staff.login.heading"), 1);
    if (s.session.expired) {
        Notice(ui, "expired", {Tr(s.page, "ui.staff.login.expired")}, NoticeStyle::kWarning,
               "alert");
    } else {
        Paragraph(ui, "intro", Tr(s.page, "ui.staff.login.intro"), colors::kSecondary);
    }
    if (!s.login_problem.empty())
        Notice(ui, "login-problem", {s.login_problem}, NoticeStyle::kWarning, "alert");
    const FormColumn column(ui);
    TextFieldSpec user = Box("login-username", Tr(s.page, "ui.staff.field.username"));
    user.autocomplete = "username";
    user.max_length = 128;
    user.direction = text::Direction::kLtr;
    TextField(ui, user, s.username);
    TextFieldSpec pass = Box("login-password", Tr(s.page, "ui.staff.field.password"));
    pass.autocomplete = "current-password";
    pass.max_length = 1024;
    pass.direction = text::Direction::kLtr;
    pass.secret = true;
    su.passwords.push_back(pass.id);
    TextField(ui, pass, s.password);
    if (s.login_needs_code) {
        TextFieldSpec code = Box("login-code", Tr(s.page, "ui.staff.field.code"));
        code.hint = Tr(s.page, "ui.staff.field.code_hint");
        code.autocomplete = "one-time-code";
        code.max_length = 16;
        code.width_em = 10;
        code.direction = text::Direction::kLtr;
        TextField(ui, code, s.login_code);
    }
    const int pressed = ActionRow(ui, {{"login",
                                        s.logging_in ? Tr(s.page, "ui.staff.login.busy")
                                                     : Tr(s.page, "ui.staff.login.button"),
                                        ButtonStyle::kPrimary, true, s.logging_in}});
    if (pressed == 0 && !s.logging_in) {
        if (s.username.empty() || s.password.empty() ||
            (s.login_needs_code && s.login_code.empty())) {
            s.login_problem =
                Tr(s.page, s.login_needs_code && !s.password.empty() ? "ui.staff.login.missing_code"
                                                                     : "ui.staff.login.missing");
            s.page.ui.focus_request = "login-problem";
        } else {
            s.intents.push_back({.kind = StaffIntent::Kind::kLogin});
        }
    }
    if (!s.session.expired &&
        ActionRow(ui, {{"open-activation", Tr(s.page, "ui.staff.activation.link"),
                        ButtonStyle::kLink}}) == 0)
        s.intents.push_back({.kind = StaffIntent::Kind::kOpenActivation});
}

}  // namespace

// clang-format off
extern const StaffScreenSpec kLogin{
    .id = StaffScreen::kLogin, .heading = "ui.staff.login.heading", .draw = Draw};
// clang-format on

}  // namespace tasjil::app::staff::screens
