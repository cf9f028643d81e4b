// The log-in screen: username and password (the server's Argon2id accounts). After an expiry it
// says that what was being typed is kept, and logging in again returns to it.
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
    const float width = ui.width;
    ui.width = std::min(ui.width, sizes::kColumn);  // a short form: the parents' column
    if (ui.rtl) ui.x0 += width - ui.width;
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
    const int pressed = ActionRow(ui, {{"login",
                                        s.logging_in ? Tr(s.page, "ui.staff.login.busy")
                                                     : Tr(s.page, "ui.staff.login.button"),
                                        ButtonStyle::kPrimary, true, s.logging_in}});
    if (pressed == 0 && !s.logging_in) {
        if (s.username.empty() || s.password.empty()) {
            s.login_problem = Tr(s.page, "ui.staff.login.missing");
            s.page.ui.focus_request = "login-problem";
        } else {
            s.intents.push_back({.kind = StaffIntent::Kind::kLogin});
        }
    }
    ui.x0 -= ui.rtl ? width - ui.width : 0;
    ui.width = width;
}

}  // namespace

// clang-format off
extern const StaffScreenSpec kLogin{
    .id = StaffScreen::kLogin, .heading = "ui.staff.login.heading", .draw = Draw};
// clang-format on

}  // namespace tasjil::app::staff::screens
