// An owner opens their account: the activation code their directorate gave (typed from the
// letter, or carried by the link), then a password and the authenticator app (its key as a QR
// code, and in groups to type), confirmed by the app's first code; then the ten recovery codes,
// shown once. Nothing typed is lost when the server refuses: the form stays as it was.
#include "app/staff/screens/screens.h"

namespace tasjil::app::staff::screens {

namespace {

using Stage = ActivationView::Stage;

// The key in groups of four, as apps ask it to be typed.
std::string Grouped(const std::string& key) {
    std::string out;
    for (std::size_t i = 0; i < key.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += key[i];
    }
    return out;
}

// Queues `intent` when nothing is missing; else says what is (`missing`, a catalogue key).
void Submit(StaffState& s, const char* missing, StaffIntent::Kind intent) {
    if (missing) {
        s.activation.problem = Tr(s.page, missing);
        s.page.ui.focus_request = "activation-problem";
        return;
    }
    s.intents.push_back({.kind = intent});
}

// A stage's button, greyed and relabelled while its request is out.
Action StageButton(const StaffState& s, const char* id, const char* label, const char* busy_label,
                   bool busy) {
    return {id, Tr(s.page, busy ? busy_label : label), ButtonStyle::kPrimary, true, busy};
}

TextFieldSpec Ltr(std::string id, std::string label, int max_length) {
    TextFieldSpec spec = Box(std::move(id), std::move(label));
    spec.max_length = max_length;
    spec.direction = text::Direction::kLtr;
    return spec;
}

void CodeStage(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    ActivationView& v = s.activation;
    Paragraph(ui, "intro", Tr(s.page, "ui.staff.activation.intro"), colors::kSecondary);
    TextFieldSpec code = Ltr("activation-code", Tr(s.page, "ui.staff.field.activation_code"), 32);
    code.hint = Tr(s.page, "ui.staff.field.activation_code_hint");
    code.width_em = 14;
    TextField(ui, code, v.code);
    const bool busy = v.stage == Stage::kOpening;
    const int pressed = ActionRow(
        ui, {StageButton(s, "activation-open", "ui.staff.activation.open",
                         "ui.staff.activation.opening", busy),
             {"activation-back", Tr(s.page, "ui.staff.activation.to_login"), ButtonStyle::kLink}});
    if (pressed == 1) s.intents.push_back({.kind = StaffIntent::Kind::kActivationDone});
    if (pressed != 0 || busy) return;
    Submit(s, v.code.empty() ? "ui.staff.activation.missing_code" : nullptr,
           StaffIntent::Kind::kStartActivation);
}

void SetupStage(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    ActivationView& v = s.activation;
    Paragraph(ui, "activation-account",
              Tr(s.page, "ui.staff.activation.account",
                 {{"username", v.username}, {"name", v.display_name}}));
    Heading(ui, "activation-password-heading", Tr(s.page, "ui.staff.activation.password"), 2);
    TextFieldSpec pass =
        Ltr("activation-password", Tr(s.page, "ui.staff.field.new_password"), 1024);
    pass.hint = Tr(s.page, "ui.staff.field.new_password_hint");
    pass.autocomplete = "new-password";
    pass.secret = true;
    pass.width_em = 24;
    su.passwords.push_back(pass.id);
    TextField(ui, pass, v.password);
    TextFieldSpec again =
        Ltr("activation-password-again", Tr(s.page, "ui.staff.field.password_again"), 1024);
    again.autocomplete = "new-password";
    again.secret = true;
    again.width_em = 24;
    su.passwords.push_back(again.id);
    TextField(ui, again, v.password_again);

    Heading(ui, "activation-app-heading", Tr(s.page, "ui.staff.activation.app"), 2);
    Paragraph(ui, "activation-app-intro",
              Tr(s.page, v.second_factor_required ? "ui.staff.activation.app_intro"
                                                  : "ui.staff.activation.app_optional"));
    QrCode(ui, "activation-qr", Tr(s.page, "ui.staff.activation.qr", {{"username", v.username}}),
           v.qr.modules, v.qr.size, sizes::kKeyQrSide);
    Paragraph(ui, "activation-key",
              Tr(s.page, "ui.staff.activation.key", {{"key", Grouped(v.secret)}}));
    TextFieldSpec totp = Ltr("activation-totp", Tr(s.page, "ui.staff.field.totp"), 8);
    totp.hint = Tr(s.page, "ui.staff.field.totp_hint");
    totp.autocomplete = "one-time-code";
    totp.input_mode = "numeric";
    totp.width_em = 8;
    TextField(ui, totp, v.totp_code);
    const bool busy = v.stage == Stage::kSending;
    const int pressed = ActionRow(ui, {StageButton(s, "activation-send", "ui.staff.activation.send",
                                                   "ui.staff.activation.sending", busy)});
    if (pressed != 0 || busy) return;
    const char* missing = v.password.empty()               ? "ui.staff.activation.missing_password"
                          : v.password != v.password_again ? "ui.staff.activation.mismatch"
                          : v.second_factor_required && v.totp_code.empty()
                              ? "ui.staff.activation.missing_totp"
                              : nullptr;
    Submit(s, missing, StaffIntent::Kind::kActivate);
}

void DoneStage(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    const ActivationView& v = s.activation;
    Notice(ui, "activation-done",
           {Tr(s.page, "ui.staff.activation.done", {{"username", v.username}})},
           NoticeStyle::kSuccess, "status");
    if (!v.recovery_codes.empty()) {
        Heading(ui, "recovery-heading", Tr(s.page, "ui.staff.activation.recovery"), 2);
        Paragraph(ui, "recovery-intro", Tr(s.page, "ui.staff.activation.recovery_intro"));
        std::vector<std::string> lines;
        for (const auto& code : v.recovery_codes) lines.push_back(code);
        Notice(ui, "recovery-codes", lines, NoticeStyle::kWarning);
    }
    if (ActionRow(ui, {{"activation-login", Tr(s.page, "ui.staff.activation.to_login"),
                        ButtonStyle::kPrimary, true}}) == 0)
        s.intents.push_back({.kind = StaffIntent::Kind::kActivationDone});
}

void Draw(StaffUi& su) {
    StaffState& s = su.s;
    Heading(su.ui, "heading", Tr(s.page, "ui.staff.activation.heading"), 1);
    if (!s.activation.problem.empty())
        Notice(su.ui, "activation-problem", {s.activation.problem}, NoticeStyle::kWarning, "alert");
    const FormColumn column(su.ui);
    switch (s.activation.stage) {
        case Stage::kCode:
        case Stage::kOpening:
            CodeStage(su);
            break;
        case Stage::kSetup:
        case Stage::kSending:
            SetupStage(su);
            break;
        case Stage::kDone:
            DoneStage(su);
            break;
    }
}

}  // namespace

// clang-format off
extern const StaffScreenSpec kActivation{
    .id = StaffScreen::kActivation, .heading = "ui.staff.activation.heading", .draw = Draw};
// clang-format on

}  // namespace tasjil::app::staff::screens
