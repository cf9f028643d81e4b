// One file: its status and the pre-check's reasons in plain words, every answer grouped as the
// parent entered them, the history from the audit trail, the messages sent to the guardian with
// their delivery state, and the decision — approve (A), reject with a reason (R), ask for
// information (I) — previewed as the guardian will read it before it is confirmed. A
// directorate may change a decision (explicitly, audited) and move the file to another school,
// and serves the parent's rights (law 09-08, art. 7 and 8): a copy of the file's data (JSON, or
// on paper) and corrections of answers at the parent's request.
#include "app/staff/answers.h"
#include "app/staff/screens/screens.h"
#include "core/decision.h"

namespace tasjil::app::staff::screens {

namespace {

using K = StaffIntent::Kind;

// A label and its answer side by side (stacked on narrow screens).
void AnswerRow(Ui& ui, const std::string& id, const std::string& label, const std::string& value,
               const std::string& empty) {
    const float x0 = ui.x0, width = ui.width, top = ui.y;
    if (ui.wide) {
        const float lw = std::round(width * sizes::kAnswerLabelShare);
        ui.width = lw;
        ui.x0 = ui.rtl ? x0 + width - lw : x0;
        Paragraph(ui, id + "-label", label, colors::kSecondary, sizes::kSmall);
        const float after_label = ui.y;
        ui.y = top;
        ui.width = width - lw - sizes::kFieldGap;
        ui.x0 = ui.rtl ? x0 : x0 + lw + sizes::kFieldGap;
        Paragraph(ui, id, value.empty() ? empty : value, colors::kText, sizes::kSmall);
        ui.y = std::max(ui.y, after_label);
    } else {
        Paragraph(ui, id + "-label", label, colors::kSecondary, sizes::kSmall);
        Paragraph(ui, id, value.empty() ? empty : value, colors::kText, sizes::kSmall);
    }
    ui.x0 = x0;
    ui.width = width;
}

void Decision(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    auto& d = s.decision;
    const auto& row = s.view.row;
    const bool directorate = s.session.role == core::StaffRole::kDirectorate;
    const bool pending = row.status == "pending_review";
    const auto group = BeginContainer(ui, "decision-panel", "group",
                                      Tr(s.page, "ui.staff.decide.heading"), "decision-heading");
    Heading(ui, "decision-heading", Tr(s.page, "ui.staff.decide.heading"), 2);
    if (!d.done.empty()) Notice(ui, "decision-done", {d.done}, NoticeStyle::kSuccess, "status");
    // A refusal stays in view, whatever the file has become since.
    if (!d.problem.empty())
        Notice(ui, "decision-problem", {d.problem}, NoticeStyle::kWarning, "alert");
    if (!pending && !directorate) {
        Paragraph(
            ui, "decision-closed",
            Tr(s.page, "ui.staff.decide.closed", {{"status", Tr(s.page, "status." + row.status)}}));
        EndContainer(ui, group);
        return;
    }
    if (!pending)
        Notice(ui, "decision-change",
               {Tr(s.page, "ui.staff.decide.change",
                   {{"status", Tr(s.page, "status." + row.status)}})},
               NoticeStyle::kWarning);
    const bool editing =
        d.stage == DecisionDraft::Stage::kEditing || d.stage == DecisionDraft::Stage::kDone;
    if (editing) {
        std::vector<RadioOption> options = {{"approve", Tr(s.page, "ui.staff.decide.approve")},
                                            {"reject", Tr(s.page, "ui.staff.decide.reject")}};
        if (pending) options.push_back({"request_info", Tr(s.page, "ui.staff.decide.info")});
        if (RadioGroup(ui, "decision", Tr(s.page, "ui.staff.decide.choice"), "", "", options,
                       d.decision))
            d.problem.clear();
        su.shortcuts.push_back({"decision-approve", "A"});
        su.shortcuts.push_back({"decision-reject", "R"});
        if (pending) su.shortcuts.push_back({"decision-request_info", "I"});
        if (d.decision == "reject") {
            std::vector<SelectOption> reasons;
            for (const std::string_view r : core::kRejectReasons) {
                const std::string code(r);
                reasons.push_back({code, Tr(s.page, "ui.staff.reason." + code)});
            }
            SelectField(ui, "decision-reason", Tr(s.page, "ui.staff.decide.reason"), "", "",
                        reasons, d.reason);
        }
        TextFieldSpec note = Box("decision-note", Tr(s.page, "ui.staff.decide.note"));
        note.hint = Tr(s.page, "ui.staff.decide.note_hint");
        note.max_length = 500;
        TextField(ui, note, d.note);
        if (ActionRow(ui, {{"decision-preview", Tr(s.page, "ui.staff.decide.preview"),
                            ButtonStyle::kPrimary, true}}) == 0)
            s.intents.push_back({.kind = K::kPreview});
    } else if (d.stage == DecisionDraft::Stage::kPreview) {
        std::vector<std::string> lines{Tr(s.page, "ui.staff.decide.preview_intro")};
        for (const auto& m : d.preview) {
            lines.push_back(Tr(s.page, "ui.staff.channel." + m.channel) + " · " + m.language);
            if (!m.subject.empty()) lines.push_back(m.subject);
            lines.push_back(m.body);
        }
        Notice(ui, "decision-preview-text", lines, NoticeStyle::kInfo);
        const int p = ActionRow(ui, {{"decision-confirm", Tr(s.page, "ui.staff.decide.confirm"),
                                      ButtonStyle::kPrimary, true},
                                     {"decision-edit", Tr(s.page, "ui.staff.decide.edit")}});
        if (p == 0) s.intents.push_back({.kind = K::kConfirm});
        if (p == 1) s.intents.push_back({.kind = K::kEditDecision});
    } else {
        Paragraph(ui, "decision-busy", Tr(s.page, "ui.staff.decide.busy"), colors::kSecondary);
    }
    EndContainer(ui, group);

    if (directorate) {
        ui.y += sizes::kGap;
        const auto move = BeginContainer(ui, "move", "group", Tr(s.page, "ui.staff.move.heading"),
                                         "move-heading");
        Heading(ui, "move-heading", Tr(s.page, "ui.staff.move.heading"), 2);
        std::vector<SelectOption> schools;
        for (const auto& c : s.schools) {
            if (c.code == row.school_code) continue;
            std::string label = SchoolName(s, c.code);
            if (c.places_left)
                label += " — " + Tr(s.page, "ui.staff.move.left",
                                    {{"left", std::to_string(*c.places_left)}});
            schools.push_back({c.code, label});
        }
        SelectField(ui, "move-school", Tr(s.page, "ui.staff.move.school"),
                    Tr(s.page, "ui.staff.move.hint"), "", schools, d.move_school);
        if (ActionRow(ui, {{"move-button", Tr(s.page, "ui.staff.move.button"),
                            ButtonStyle::kSecondary, false, d.move_school.empty()}}) == 0)
            s.intents.push_back({.kind = K::kMove, .argument = d.move_school});
        EndContainer(ui, move);
    }
}

// Corrections at the parent's request: answers chosen one by one from the parents' own field
// tables, each with its exact value, then the parent's request and one confirmation.
void Rectification(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    auto& r = s.rectify;
    const auto& answers = RectifiableAnswers(s);
    const auto group = BeginContainer(ui, "rectify", "group",
                                      Tr(s.page, "ui.staff.rectify.heading"), "rectify-heading");
    Heading(ui, "rectify-heading", Tr(s.page, "ui.staff.rectify.heading"), 2);
    Paragraph(ui, "rectify-intro", Tr(s.page, "ui.staff.rectify.intro"), colors::kSecondary,
              sizes::kSmall);
    if (!r.done.empty()) Notice(ui, "rectify-done", {r.done}, NoticeStyle::kSuccess, "status");
    if (!r.problem.empty())
        Notice(ui, "rectify-problem", r.problem, NoticeStyle::kWarning, "alert");

    std::vector<SelectOption> fields;
    const RectifiableAnswer* chosen = nullptr;
    for (const auto& a : answers) {
        fields.push_back({a.pointer, a.label});
        if (a.pointer == r.pointer) chosen = &a;
    }
    std::string pick = r.pointer;
    if (SelectField(ui, "rectify-field", Tr(s.page, "ui.staff.rectify.field"), "", "", fields,
                    pick))
        s.intents.push_back({.kind = K::kRectifyPick, .argument = pick});
    if (chosen) {
        Paragraph(
            ui, "rectify-current",
            Tr(s.page, "ui.staff.rectify.current",
               {{"value", chosen->shown.empty() ? Tr(s.page, "ui.answer.none") : chosen->shown}}),
            colors::kSecondary, sizes::kSmall);
        if (!chosen->choices.empty()) {
            std::vector<SelectOption> values;
            for (const auto& c : chosen->choices) values.push_back({c.value, c.label, c.lang});
            SelectField(ui, "rectify-value", Tr(s.page, "ui.staff.rectify.value"), "", "", values,
                        r.value);
        } else {
            TextFieldSpec value = Box("rectify-value", Tr(s.page, "ui.staff.rectify.value"));
            if (chosen->date) value.hint = Tr(s.page, "ui.staff.rectify.date_hint");
            value.max_length = chosen->max_length;
            TextField(ui, value, r.value);
        }
        if (ActionRow(ui, {{"rectify-add", Tr(s.page, "ui.staff.rectify.add")}}) == 0)
            s.intents.push_back({.kind = K::kRectifyAdd});
    }

    ui.y += sizes::kGap * 0.5f;
    Heading(ui, "rectify-changes", Tr(s.page, "ui.staff.rectify.changes"), 3);
    if (r.changes.empty())
        Paragraph(ui, "rectify-none", Tr(s.page, "ui.staff.rectify.none"), colors::kSecondary,
                  sizes::kSmall);
    for (std::size_t i = 0; i < r.changes.size(); ++i) {
        const auto& c = r.changes[i];
        const std::string id = "rectify-change-" + std::to_string(i);
        const std::string none = Tr(s.page, "ui.answer.none");
        Paragraph(ui, id,
                  Tr(s.page, "ui.staff.rectify.change_item",
                     {{"label", c.label},
                      {"from", c.from.empty() ? none : c.from},
                      {"to", c.to.empty() ? none : c.to}}),
                  colors::kText, sizes::kSmall);
        if (ActionRow(ui, {{id + "-remove", Tr(s.page, "ui.staff.rectify.remove"),
                            ButtonStyle::kLink}}) == 0)
            s.intents.push_back({.kind = K::kRectifyRemove, .index = static_cast<int>(i)});
    }
    TextFieldSpec note = Box("rectify-note", Tr(s.page, "ui.staff.rectify.note"));
    note.hint = Tr(s.page, "ui.staff.rectify.note_hint");
    note.max_length = 500;
    TextField(ui, note, r.note);
    if (r.sending) {
        Paragraph(ui, "rectify-busy", Tr(s.page, "ui.staff.decide.busy"), colors::kSecondary);
    } else if (ActionRow(ui, {{"rectify-button", Tr(s.page, "ui.staff.rectify.button"),
                               ButtonStyle::kPrimary, false, r.changes.empty()}}) == 0) {
        s.intents.push_back({.kind = K::kRectify});
    }
    EndContainer(ui, group);
}

void Draw(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    const std::string back = Tr(s.page, "ui.staff.back_list");
    if (Button(ui, {"back-list", back, ButtonStyle::kSecondary},
               ui.rtl ? ui.x0 + ui.width - ButtonWidth(ui, back, ButtonStyle::kSecondary) : ui.x0,
               ui.y))
        s.intents.push_back({.kind = K::kBackToList});
    ui.y += sizes::kButtonHeight + sizes::kGap;
    Heading(ui, "heading", Tr(s.page, "ui.staff.file.heading", {{"reference", s.view.reference}}),
            1);
    if (s.view.state.state == Remote::State::kLoading) {
        Paragraph(ui, "file-loading", Tr(s.page, "ui.staff.loading"), colors::kSecondary);
        return;
    }
    if (s.view.state.state == Remote::State::kFailed) {
        Notice(ui, "file-problem", {s.view.problem}, NoticeStyle::kWarning, "alert");
        return;
    }
    const auto& row = s.view.row;
    std::vector<std::string> status{Tr(s.page, "ui.staff.file.status",
                                       {{"status", Tr(s.page, "status." + row.status)},
                                        {"outcome", Tr(s.page, "outcome." + row.outcome)},
                                        {"school", SchoolName(s, row.school_code)}})};
    for (const auto& e : row.reasons) status.push_back(Messages(s.page).Render(e));
    Notice(ui, "file-status", status, NoticeStyle::kInfo, "status");
    // A copy for the parent (right of access): the data as JSON, or the answers on paper.
    std::vector<Action> copies = {{"file-print", Tr(s.page, "ui.staff.file.print")}};
    if (s.session.role == core::StaffRole::kDirectorate)
        copies.insert(copies.begin(), {"file-export", Tr(s.page, "ui.staff.file.export_json")});
    const int copy = ActionRow(ui, copies);
    if (copy >= 0)
        s.intents.push_back({.kind = copies[static_cast<std::size_t>(copy)].id == "file-export"
                                         ? K::kExportFile
                                         : K::kPrintFile});

    Decision(su);
    ui.y += sizes::kGap;
    if (s.session.role == core::StaffRole::kDirectorate) {
        Rectification(su);
        ui.y += sizes::kGap;
    }

    const std::string none = Tr(s.page, "ui.answer.none");
    int g = 0;
    for (const auto& group : Answers(s)) {
        const std::string id = "answers-" + std::to_string(g++);
        const auto c = BeginContainer(ui, id, "group", group.heading, id + "-heading");
        Heading(ui, id + "-heading", group.heading, 2);
        int r = 0;
        for (const auto& [label, value] : group.rows)
            AnswerRow(ui, id + "-" + std::to_string(r++), label, value, none);
        EndContainer(ui, c);
        ui.y += sizes::kGap * 0.5f;
    }

    const auto history = BeginContainer(ui, "history", "group",
                                        Tr(s.page, "ui.staff.history.heading"), "history-heading");
    Heading(ui, "history-heading", Tr(s.page, "ui.staff.history.heading"), 2);
    if (s.view.history.empty())
        Paragraph(ui, "history-none", Tr(s.page, "ui.staff.history.none"), colors::kSecondary);
    int h = 0;
    for (const auto& a : s.view.history) {
        Paragraph(ui, "history-" + std::to_string(h++),
                  Tr(s.page, "ui.staff.history.item",
                     {{"at", ShowDate(a.at.substr(0, 10)) + " " + a.at.substr(11, 5)},
                      {"staff", a.staff},
                      {"action", Tr(s.page, "ui.staff.action." + a.action)},
                      {"from", Tr(s.page, "status." + a.from)},
                      {"to", Tr(s.page, "status." + a.to)},
                      {"detail", a.detail}}),
                  colors::kText, sizes::kSmall);
    }
    EndContainer(ui, history);
    ui.y += sizes::kGap * 0.5f;

    const auto messages = BeginContainer(
        ui, "messages", "group", Tr(s.page, "ui.staff.messages.heading"), "messages-heading");
    Heading(ui, "messages-heading", Tr(s.page, "ui.staff.messages.heading"), 2);
    int m = 0;
    for (const auto& msg : s.view.messages) {
        Paragraph(ui, "message-" + std::to_string(m++),
                  Tr(s.page, "ui.staff.messages.item",
                     {{"channel", Tr(s.page, "ui.staff.channel." + msg.channel)},
                      {"kind", Tr(s.page, "ui.staff.kind." + msg.kind)},
                      {"status", Tr(s.page, "notification." + msg.status)},
                      {"attempts", std::to_string(msg.attempts)},
                      {"text", msg.subject.empty() ? msg.body : msg.subject}}),
                  colors::kText, sizes::kSmall);
    }
    EndContainer(ui, messages);
}

// The decision's keys while it is being written: approve, reject (the reason box next), ask
// for information.
void Key(StaffState& s, const std::string& key) {
    if (s.decision.stage != DecisionDraft::Stage::kEditing) return;
    if (key != "approve" && key != "reject" && key != "info") return;
    s.decision.decision = key == "info" ? "request_info" : key;
    s.page.ui.focus_request = key == "reject" ? "decision-reason" : "decision-preview";
}

}  // namespace

// clang-format off
extern const StaffScreenSpec kFile{
    .id = StaffScreen::kFile, .heading = "ui.staff.file.title", .draw = Draw, .key = Key,
    .resume_focus = "decision-preview"};
// clang-format on

}  // namespace tasjil::app::staff::screens
