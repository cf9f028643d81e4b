// The staff member's open sessions: where and on what browser each began, when it was last used
// and when it ends; any but this one can be ended from here (a phone left logged in, a session
// the staff member does not recognise). The server lists only the caller's own sessions.
#include "app/staff/screens/screens.h"

namespace tasjil::app::staff::screens {

namespace {

// {date} (the catalogue writes it in words) and {time} of an RFC 3339 UTC time stamp, and
// {address}.
std::vector<core::Param> When(const std::string& at, const std::string& address = "") {
    return {{"date", at.substr(0, 10)},
            {"time", at.size() >= 16 ? at.substr(11, 5) : ""},
            {"address", address}};
}

void Draw(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    const SessionsView& v = s.sessions;
    Heading(ui, "heading", Tr(s.page, "ui.staff.sessions.heading"), 1);
    Paragraph(ui, "intro", Tr(s.page, "ui.staff.sessions.intro"), colors::kSecondary);
    if (!v.done.empty()) Notice(ui, "sessions-done", {v.done}, NoticeStyle::kSuccess, "status");
    if (!v.problem.empty())
        Notice(ui, "sessions-problem", {v.problem}, NoticeStyle::kWarning, "alert");
    if (!v.loaded && v.problem.empty())
        Paragraph(ui, "sessions-loading", Tr(s.page, "ui.staff.sessions.loading"),
                  colors::kSecondary);
    for (const auto& o : v.open) {
        const std::string id = "session-" + o.id;
        Heading(ui, id,
                o.current ? Tr(s.page, "ui.staff.sessions.this")
                          : Tr(s.page, "ui.staff.sessions.other", {{"address", o.address}}),
                2);
        Paragraph(ui, id + "-began",
                  Tr(s.page, "ui.staff.sessions.began", When(o.created_at, o.address)));
        if (!o.agent.empty())
            Paragraph(ui, id + "-agent",
                      Tr(s.page, "ui.staff.sessions.agent", {{"agent", o.agent}}),
                      colors::kSecondary);
        Paragraph(ui, id + "-used", Tr(s.page, "ui.staff.sessions.used", When(o.last_used_at)));
        Paragraph(ui, id + "-ends", Tr(s.page, "ui.staff.sessions.ends", When(o.ends_at)));
        if (!o.current && ActionRow(ui, {{"end-" + o.id, Tr(s.page, "ui.staff.sessions.end"),
                                          ButtonStyle::kWarning}}) == 0)
            s.intents.push_back({.kind = StaffIntent::Kind::kEndSession, .argument = o.id});
    }
    ui.y += sizes::kGap;
    if (ActionRow(ui, {{"back", Tr(s.page, "ui.staff.back"), ButtonStyle::kSecondary}}) == 0)
        s.intents.push_back({.kind = StaffIntent::Kind::kBackHome});
}

}  // namespace

// clang-format off
extern const StaffScreenSpec kSessions{
    .id = StaffScreen::kSessions, .heading = "ui.staff.sessions.heading", .draw = Draw};
// clang-format on

}  // namespace tasjil::app::staff::screens
