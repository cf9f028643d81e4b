// Screen 11, Declarations and send: the law 09-08 notice acknowledged and the information
// certified accurate, then one Send button. Sending is once: while the file is on its way the
// button is unavailable, and the server's idempotency on file_id stores a retried file once. In
// the browser the file goes to the device's outbox first; Send again while it waits tries at once.
#include <algorithm>

#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

std::vector<Field> Fields(AppState& s) {
    auto& d = s.file.declarations;
    return {
        CheckboxField("/declarations/notice_acknowledged", "ui.field.notice_acknowledged",
                      &d.notice_acknowledged),
        CheckboxField("/declarations/information_accurate", "ui.field.information_accurate",
                      &d.information_accurate),
    };
}

void After(Ui& ui, AppState& s) {
    const auto& sub = s.submission;
    WindowNotice(ui, s, "send-window");
    if (sub.state == Submission::State::kSending) {
        Notice(ui, "send-status", {Tr(s, "ui.send.sending")}, NoticeStyle::kInfo, "status");
    } else if (sub.state == Submission::State::kQueued) {
        // Kept on the device: it goes by itself when the network allows, even after the page
        // is closed and opened again; the parent may also try at once.
        std::vector<std::string> lines;
        if (sub.problem != "ui.send.queued") lines.push_back(Tr(s, sub.problem));
        lines.push_back(Tr(s, "ui.send.queued"));
        Notice(ui, "send-status", lines, NoticeStyle::kInfo, "status");
    } else if (sub.state == Submission::State::kFailed && !sub.problem.empty()) {
        std::vector<std::string> lines = {Tr(s, sub.problem)};
        for (const auto& e : sub.refusals) {
            // Two dates refused for one reason (created and sent in the future) say it once.
            std::string line = Messages(s).Render(e);
            if (std::find(lines.begin(), lines.end(), line) == lines.end())
                lines.push_back(std::move(line));
        }
        lines.push_back(Tr(s, "ui.send.kept"));
        Notice(ui, "send-status", lines, NoticeStyle::kWarning, "alert");
        if (sub.conflict && ActionRow(ui, {{"send-new-file", Tr(s, "ui.send.new_file")}}) == 0) {
            s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = StartAnotherFile});
        }
    }
}

}  // namespace

// clang-format off
extern const ScreenSpec kDeclarations{
    .id = ScreenId::kDeclarations, .heading = "ui.declarations.heading",
    .intro = "ui.declarations.intro", .fields = Fields, .after = After,
    .continue_label = "ui.button.send", .submits = true};
// clang-format on

}  // namespace tasjil::app::screens
