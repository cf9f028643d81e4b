// Screen 12, Confirmation (the receipt, وصل): the reference and its QR code, the child, the
// school, the date, the status, what happens next and when, and a printable receipt — the
// page's own DOM text under a print stylesheet, so the browser prints crisp, shaped text.
#include "app/screens/screens.h"

#include "app/qr.h"

namespace tasjil::app::screens {

namespace {

void Print(AppState& s, int) {
    s.ui.print_requested = true;
}

void LookUp(AppState& s, int) {
    OpenLookUp(s, s.submission.reference, SplitDate(s.file.child.birth_date));
}

void Body(Ui& ui, AppState& s, std::vector<Field>&) {
    const auto& sub = s.submission;
    Notice(
        ui, "receipt-reference",
        {Tr(s, "ui.receipt.sent"), Tr(s, "ui.receipt.reference", {{"reference", sub.reference}})},
        NoticeStyle::kSuccess);
    const QrMatrix qr = EncodeQr(sub.reference);
    QrCode(ui, "receipt-qr", Tr(s, "ui.receipt.qr", {{"reference", sub.reference}}), qr.modules,
           qr.size, sizes::kQrSide);
    const auto& c = s.file.child;
    std::string school = s.file.school_choice.school_code;
    if (const auto* map = MapOf(s, s.file.residence.province)) {
        const std::string unit = sub.serving_unit.empty() ? school : sub.serving_unit;
        if (const auto* sc = map->FindSchool(unit)) school = SchoolName(s, *sc);
    }
    const std::string status = Tr(s, "status." + sub.status);
    const std::pair<const char*, std::string> rows[] = {
        // The child's first names: all the device keeps of the answers once the file is sent.
        {"ui.receipt.child", c.given_name_ar + " — " + c.given_name_latin},
        {"ui.receipt.school", school},
        {"ui.receipt.date", DateInWords(s, sub.received_at.substr(0, 10))},
        {"ui.receipt.status", status},
    };
    int i = 0;
    for (const auto& [key, value] : rows) {
        Paragraph(ui, "receipt-label-" + std::to_string(i), Tr(s, key), colors::kSecondary,
                  sizes::kSmall);
        ui.y -= sizes::kGap - sizes::kHairline;
        Paragraph(ui, "receipt-value-" + std::to_string(i), value);
        ++i;
    }
    for (std::size_t r = 0; r < sub.reasons.size(); ++r)
        Paragraph(ui, "receipt-reason-" + std::to_string(r), Messages(s).Render(sub.reasons[r]));
    Heading(ui, "receipt-next-heading", Tr(s, "ui.receipt.next_heading"), 2);
    if (s.data.rules) {
        Paragraph(ui, "receipt-next",
                  Tr(s, "ui.receipt.next",
                     {{"validation_closes", DateInWords(s, s.data.rules->school_validation_closes)},
                      {"results_from", DateInWords(s, s.data.rules->results_from)}}));
    }
    Paragraph(ui, "receipt-keep", Tr(s, "ui.receipt.keep"));
    const int pressed =
        ActionRow(ui, {{"receipt-print", Tr(s, "ui.receipt.print"), ButtonStyle::kPrimary, true},
                       {"receipt-status", Tr(s, "ui.receipt.look_up")},
                       {"receipt-new", Tr(s, "ui.receipt.new_file")}});
    if (pressed == 0) s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = Print});
    if (pressed == 1) s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = LookUp});
    if (pressed == 2) s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = StartAnotherFile});
    OfferUpdate(ui, s);
}

}  // namespace

// clang-format off
extern const ScreenSpec kReceipt{
    .id = ScreenId::kReceipt, .heading = "ui.receipt.heading", .kind = ScreenKind::kPage,
    .body = Body, .continue_label = nullptr};
// clang-format on

}  // namespace tasjil::app::screens
