// Tablet mode, the files on this tablet: every draft, file waiting to be sent and file sent,
// with its child and its state, for an agent registering families for days without network.
// Opening one puts it in place of the file on screen (which stays on the tablet); a draft can
// be deleted, after a confirmation. Files waiting or sent cannot: the outbox owns them.
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

const char* StateKey(DeviceFile::State state) {
    switch (state) {
        case DeviceFile::State::kDraft:
            return "ui.files.state.draft";
        case DeviceFile::State::kQueued:
            return "ui.files.state.queued";
        case DeviceFile::State::kSending:
            return "ui.files.state.sending";
        case DeviceFile::State::kSent:
            return "ui.files.state.sent";
        case DeviceFile::State::kAttention:
            return "ui.files.state.attention";
    }
    return "ui.files.state.draft";
}

// "2026-04-10T09:12" → "10 avril 2026 09:12".
std::string ShowChanged(const AppState& s, const std::string& local) {
    if (local.size() < 16) return DateInWords(s, local.substr(0, 10));
    return DateInWords(s, local.substr(0, 10)) + " " + local.substr(11, 5);
}

void Open(AppState& s, int index) {
    const auto& files = s.device.files;
    if (index < 0 || static_cast<std::size_t>(index) >= files.size()) return;
    s.device.file_to_open = files[static_cast<std::size_t>(index)].file_id;
}

void AskDelete(AppState& s, int index) {
    const auto& files = s.device.files;
    if (index < 0 || static_cast<std::size_t>(index) >= files.size()) {
        s.ui.confirm_delete_file.clear();
        return;
    }
    s.ui.confirm_delete_file = files[static_cast<std::size_t>(index)].file_id;
    s.ui.focus_request = "file-" + std::to_string(index) + "-confirm";
}

void Delete(AppState& s, int index) {
    auto& files = s.device.files;
    if (index < 0 || static_cast<std::size_t>(index) >= files.size()) return;
    const std::string id = files[static_cast<std::size_t>(index)].file_id;
    if (id != s.ui.confirm_delete_file) return;  // only what was confirmed
    s.ui.confirm_delete_file.clear();
    files.erase(files.begin() + index);
    if (id == s.file.file_id) {
        StartNewFile(s, s.spare_file_id);
        s.spare_file_id.clear();
    }
    s.device.drafts_to_delete.push_back(id);
    s.ui.focus_request = "heading";
}

void NewFile(AppState& s, int) {
    StartNewFile(s, s.spare_file_id);
    s.spare_file_id.clear();
    EnterScreen(s, NextScreen(s, ScreenId::kStart));
}

void Body(Ui& ui, AppState& s, std::vector<Field>&) {
    const auto& files = s.device.files;
    if (ActionRow(ui, {{"files-new", Tr(s, "ui.files.new"), ButtonStyle::kPrimary, true}}) == 0)
        s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = NewFile});
    if (files.empty()) Paragraph(ui, "files-none", Tr(s, "ui.files.none"));
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto& f = files[i];
        const std::string n = "file-" + std::to_string(i);
        const int index = static_cast<int>(i);
        std::string name = f.child_ar;
        if (!f.child_latin.empty()) name += (name.empty() ? "" : " — ") + f.child_latin;
        Heading(ui, n + "-name", name.empty() ? Tr(s, "ui.files.unnamed") : name, 2);
        std::string state = Tr(s, StateKey(f.state), {{"reference", f.reference}});
        if (f.file_id == s.file.file_id) state += " · " + Tr(s, "ui.files.current");
        Paragraph(ui, n + "-state",
                  state + " · " + Tr(s, "ui.files.changed", {{"when", ShowChanged(s, f.changed)}}),
                  colors::kSecondary, sizes::kSmall);
        const bool deletable = f.state == DeviceFile::State::kDraft ||
                               f.state == DeviceFile::State::kSent ||
                               f.state == DeviceFile::State::kAttention;
        if (s.ui.confirm_delete_file == f.file_id) {
            Notice(ui, n + "-confirm", {Tr(s, "ui.files.delete_confirm")}, NoticeStyle::kWarning,
                   "alert");
            const int pressed = ActionRow(
                ui, {{n + "-delete-yes", Tr(s, "ui.draft.delete_yes"), ButtonStyle::kWarning},
                     {n + "-delete-no", Tr(s, "ui.draft.delete_no")}});
            if (pressed == 0)
                s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = Delete, .index = index});
            if (pressed == 1)
                s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = AskDelete, .index = -1});
            continue;
        }
        std::vector<Action> actions;
        if (f.file_id != s.file.file_id) actions.push_back({n + "-open", Tr(s, "ui.files.open")});
        if (deletable)
            actions.push_back({n + "-delete", Tr(s, "ui.files.delete"), ButtonStyle::kWarning});
        const int pressed = actions.empty() ? -1 : ActionRow(ui, actions);
        if (pressed < 0) continue;
        const bool open = actions[static_cast<std::size_t>(pressed)].id == n + "-open";
        s.ui.intents.push_back(
            {.kind = Intent::Kind::kRun, .run = open ? Open : AskDelete, .index = index});
    }
}

void OnEnter(AppState& s) {
    s.device.files_wanted = true;
    s.ui.confirm_delete_file.clear();
}

bool OnTablet(const AppState& s) {
    return s.device.mode == DeviceMode::kTablet;
}

}  // namespace

// clang-format off
extern const ScreenSpec kFiles{
    .id = ScreenId::kFiles, .heading = "ui.files.heading", .intro = "ui.files.intro",
    .kind = ScreenKind::kPage, .body = Body, .applies = OnTablet, .on_enter = OnEnter,
    .continue_label = nullptr};
// clang-format on

}  // namespace tasjil::app::screens
