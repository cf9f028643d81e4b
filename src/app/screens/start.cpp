// Screen 1, Start: what the service is, who may use it, what to have at hand, how long it
// takes, the registration window, and the information notice of law 09-08 (art. 5: the
// controller, the purposes, the recipients, the answers required, the rights and where to use
// them; art. 12: the CNDP authorisation).
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

void AskToDelete(AppState& s, int ask) {
    s.ui.confirm_delete = ask != 0;
    s.ui.focus_request = ask ? "draft-delete-confirm" : "draft-delete";
}

// The status look-up of the file sent, its reference filled in (the parent types the birth date).
void LookUpSent(AppState& s, int) {
    OpenLookUp(s, s.submission.reference, {});
}

// The file on this device was sent: its receipt, its status, or another child; never its
// answers, which the device no longer keeps (CloseSentFile).
void SentFile(Ui& ui, AppState& s) {
    const auto& sub = s.submission;
    Notice(ui, "sent-file",
           {Tr(s, "ui.start.sent",
               {{"child", s.file.child.given_name_ar.empty() ? s.file.child.given_name_latin
                                                             : s.file.child.given_name_ar},
                {"date", sub.received_at.substr(0, 10)},
                {"reference", sub.reference}})},
           NoticeStyle::kSuccess);
    const int pressed = ActionRow(
        ui, {{"sent-receipt", Tr(s, "ui.start.sent_receipt"), ButtonStyle::kPrimary, true},
             {"sent-status", Tr(s, "ui.receipt.look_up")},
             {"sent-new", Tr(s, "ui.receipt.new_file")}});
    if (pressed == 0)
        s.ui.intents.push_back({.kind = Intent::Kind::kGoTo, .screen = ScreenId::kReceipt});
    if (pressed == 1) s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = LookUpSent});
    if (pressed == 2) s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = StartAnotherFile});
}

// The answers of this file are kept on the device: continue them, or delete them (asked twice:
// it cannot be undone).
void SavedAnswers(Ui& ui, AppState& s) {
    if (!s.ui.confirm_delete) {
        Notice(ui, "draft-saved", {Tr(s, "ui.draft.saved")}, NoticeStyle::kInfo);
        const int pressed = ActionRow(
            ui, {{"draft-continue", Tr(s, "ui.draft.continue"), ButtonStyle::kPrimary, true},
                 {"draft-delete", Tr(s, "ui.draft.delete"), ButtonStyle::kWarning},
                 {"start-status", Tr(s, "ui.start.status_button")}});
        if (pressed == 0) s.ui.intents.push_back({.kind = Intent::Kind::kContinue});
        if (pressed == 1)
            s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = AskToDelete, .index = 1});
        // A file in progress does not hide the look-up of one already sent.
        if (pressed == 2)
            s.ui.intents.push_back({.kind = Intent::Kind::kGoTo, .screen = ScreenId::kStatus});
        return;
    }
    Notice(ui, "draft-delete-confirm", {Tr(s, "ui.draft.delete_confirm")}, NoticeStyle::kWarning,
           "alert");
    const int pressed = ActionRow(
        ui, {{"draft-delete-yes", Tr(s, "ui.draft.delete_yes"), ButtonStyle::kWarning, true},
             {"draft-delete-no", Tr(s, "ui.draft.delete_no")}});
    if (pressed == 0) s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = StartAnotherFile});
    if (pressed == 1)
        s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = AskToDelete, .index = 0});
}

void Body(Ui& ui, AppState& s, std::vector<Field>&) {
    Paragraph(ui, "start-what", Tr(s, "ui.start.what"));
    Paragraph(ui, "start-who", Tr(s, "ui.start.who"));
    Heading(ui, "start-have-heading", Tr(s, "ui.start.have.heading"), 2);
    for (int i = 1; i <= 3; ++i) {
        const std::string n = std::to_string(i);
        Paragraph(ui, "start-have-" + n, "• " + Tr(s, "ui.start.have." + n));
    }
    Paragraph(ui, "start-time", Tr(s, "ui.start.time"));
    if (DataNotice(ui, "start-rules", s.data.rules_state, "ui.data.rules")) {
        const auto& w = s.data.rules->registration_window;
        Notice(ui, "start-window",
               {Tr(s, "ui.start.window",
                   {{"opens", DateInWords(s, w.opens)},
                    {"closes", DateInWords(s, w.closes)},
                    {"school_year", s.data.rules->school_year}})},
               NoticeStyle::kInfo);
        WindowNotice(ui, s, "start-window-now");
    }
    if (s.submission.state == Submission::State::kSent) {
        SentFile(ui, s);
    } else if (s.device.draft_stored) {
        SavedAnswers(ui, s);
    } else {
        const int pressed =
            ActionRow(ui, {{"start-now", Tr(s, "ui.start.button"), ButtonStyle::kPrimary, true},
                           {"start-status", Tr(s, "ui.start.status_button")}});
        if (pressed == 0) s.ui.intents.push_back({.kind = Intent::Kind::kContinue});
        if (pressed == 1)
            s.ui.intents.push_back({.kind = Intent::Kind::kGoTo, .screen = ScreenId::kStatus});
        OfferUpdate(ui, s);
    }
    if (s.device.mode == DeviceMode::kTablet &&
        ActionRow(ui, {{"start-files", Tr(s, "ui.files.button")}}) == 0)
        s.ui.intents.push_back({.kind = Intent::Kind::kGoTo, .screen = ScreenId::kFiles});

    // The information notice (law 09-08 art. 5).
    Heading(ui, "notice-heading", Tr(s, "ui.notice.heading"), 2);
    for (const char* key : {"ui.notice.controller", "ui.notice.purposes", "ui.notice.recipients"}) {
        Paragraph(ui, std::string("notice-") + (key + 10), Tr(s, key));
    }
    // The same date the server's purge keeps to (the rules' personal_data_kept_until).
    Paragraph(ui, "notice-retention",
              s.data.rules
                  ? Tr(s, "ui.notice.retention",
                       {{"school_year", s.data.rules->school_year},
                        {"kept_until", DateInWords(s, s.data.rules->personal_data_kept_until)}})
                  : Tr(s, "ui.notice.retention_pending"));
    Paragraph(ui, "notice-required", Tr(s, "ui.notice.required"));
    const std::string contact = s.data.service.rights_contact.empty()
                                    ? Tr(s, "ui.notice.rights_default")
                                    : s.data.service.rights_contact;
    Paragraph(ui, "notice-rights", Tr(s, "ui.notice.rights", {{"contact", contact}}));
    const std::string number = s.data.service.cndp_authorisation;
    Paragraph(ui, "notice-cndp",
              number.empty() ? Tr(s, "ui.notice.cndp_pending")
                             : Tr(s, "ui.notice.cndp", {{"number", number}}),
              colors::kSecondary, sizes::kSmall);
}

}  // namespace

extern const ScreenSpec kStart{.id = ScreenId::kStart,
                               .heading = "ui.start.heading",
                               .kind = ScreenKind::kPage,
                               .body = Body,
                               .continue_label = nullptr};  // the body has its own actions

}  // namespace tasjil::app::screens
