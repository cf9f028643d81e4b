// A school's files: counts per status and first-year places always in view, filters and search
// (run on the server), export and print, bulk approval of the eligible files, and the table of
// every file (only the rows in view are drawn; pages are fetched as it scrolls).
#include "app/staff/grid.h"
#include "app/staff/screens/screens.h"

namespace tasjil::app::staff::screens {

namespace {

std::string SectorName(const StaffState& s, const std::string& code) {
    for (const auto& x : s.sectors) {
        if (x.code == code) return s.page.ui.locale == "ar" ? x.name_ar : x.name_fr;
    }
    return code;
}

std::string Reasons(const StaffState& s, const StaffRow& r) {
    std::string out = Tr(s.page, "outcome." + r.outcome);
    for (const auto& e : r.reasons) out += " · " + Tr(s.page, "ui.staff.reason." + e.code);
    return out;
}

bool Filters(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    auto& f = s.list.filters;
    const std::string any = Tr(s.page, "ui.staff.filter.any");
    const float x0 = ui.x0, width = ui.width, top = ui.y;
    const bool wide = ui.wide;
    const int columns = width >= 900 ? 3 : 1;
    const float gap = sizes::kButtonGap;
    const float cw = (width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    bool changed = false;
    float bottom = top;
    auto column = [&](int i) {
        const int c = columns == 1 ? 0 : i;
        ui.width = cw;
        ui.x0 = ui.rtl ? x0 + width - cw - static_cast<float>(c) * (cw + gap)
                       : x0 + static_cast<float>(c) * (cw + gap);
        ui.wide = false;
        if (columns > 1) ui.y = top;
    };
    std::vector<SelectOption> statuses{{kAnyValue, any}};
    for (const char* st : {"pending_review", "approved", "rejected"})
        statuses.push_back({st, Tr(s.page, std::string("status.") + st)});
    std::vector<SelectOption> outcomes{{kAnyValue, any}};
    for (const char* o : {"eligible", "review", "ineligible"})
        outcomes.push_back({o, Tr(s.page, std::string("outcome.") + o)});
    std::vector<SelectOption> reasons{{kAnyValue, any}};
    for (const char* r :
         {"age.below_legal_age", "school.not_serving_residence", "age.late_start",
          "window.late_file", "school.capacity_reached", "file.duplicate", "decision.other"})
        reasons.push_back({r, Tr(s.page, std::string("ui.staff.reason.") + r)});
    std::vector<SelectOption> late{{kAnyValue, any},
                                   {"true", Tr(s.page, "ui.staff.filter.late.yes")},
                                   {"false", Tr(s.page, "ui.staff.filter.late.no")}};
    std::vector<SelectOption> sectors{{kAnyValue, any}};
    for (const auto& x : s.sectors)
        sectors.push_back({x.code, s.page.ui.locale == "ar" ? x.name_ar : x.name_fr});

    column(0);
    changed |= SelectField(ui, "filter-status", Tr(s.page, "ui.staff.filter.status"), "", "",
                           statuses, f.status);
    changed |= SelectField(ui, "filter-outcome", Tr(s.page, "ui.staff.filter.outcome"), "", "",
                           outcomes, f.outcome);
    bottom = std::max(bottom, ui.y);
    column(1);
    changed |= SelectField(ui, "filter-reason", Tr(s.page, "ui.staff.filter.reason"), "", "",
                           reasons, f.reason);
    changed |=
        SelectField(ui, "filter-late", Tr(s.page, "ui.staff.filter.late"), "", "", late, f.late);
    bottom = std::max(bottom, ui.y);
    column(2);
    changed |= SelectField(ui, "filter-sector", Tr(s.page, "ui.staff.filter.sector"), "", "",
                           sectors, f.sector);
    TextFieldSpec search = Box("search", Tr(s.page, "ui.staff.search.label"));
    search.hint = Tr(s.page, "ui.staff.search.hint");
    search.max_length = 100;
    changed |= TextField(ui, search, f.query);
    bottom = std::max(bottom, ui.y);
    ui.x0 = x0;
    ui.width = width;
    ui.wide = wide;
    ui.y = bottom;
    return changed;
}

void Draw(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    auto& l = s.list;
    using K = StaffIntent::Kind;
    if (s.session.role == core::StaffRole::kDirectorate) {
        if (Button(ui,
                   {"back-province", Tr(s.page, "ui.staff.back_province"), ButtonStyle::kSecondary},
                   ui.rtl ? ui.x0 + ui.width -
                                ButtonWidth(ui, Tr(s.page, "ui.staff.back_province"),
                                            ButtonStyle::kSecondary)
                          : ui.x0,
                   ui.y))
            s.intents.push_back({.kind = K::kBackToProvince});
        ui.y += sizes::kButtonHeight + sizes::kGap;
    }
    // The school shown, or every school of a school account with several.
    SchoolSummary shown;
    std::string title;
    if (!l.school.empty()) {
        if (const auto* c = FindSchool(s, l.school)) shown = *c;
        title = SchoolName(s, l.school);
    } else {
        std::int64_t places = 0;
        bool all_known = !s.schools.empty();
        for (const auto& c : s.schools) {
            shown.pending += c.pending;
            shown.approved += c.approved;
            shown.rejected += c.rejected;
            shown.eligible_pending += c.eligible_pending;
            if (c.places) places += *c.places;
            all_known = all_known && c.places;
            if (c.places_left) shown.places_left = shown.places_left.value_or(0) + *c.places_left;
        }
        if (all_known) shown.places = places;
        title = s.schools.size() == 1 ? SchoolName(s, s.schools[0].code)
                                      : Tr(s.page, "ui.staff.list.title");
    }
    Heading(ui, "heading", title, 1);
    Notice(ui, "counts", {CountsLine(s, shown), PlacesLine(s, shown)}, NoticeStyle::kInfo,
           "status");
    if (!s.notice.empty()) Notice(ui, "notice", {s.notice}, NoticeStyle::kSuccess, "status");

    if (Filters(su)) s.intents.push_back({.kind = K::kFiltersChanged});

    // Bulk approval: a count, one confirmation.
    switch (l.bulk) {
        case ListState::Bulk::kConfirming: {
            const std::string n = std::to_string(l.bulk_references.size());
            Notice(ui, "bulk-question", {Tr(s.page, "ui.staff.bulk.confirm", {{"count", n}})},
                   NoticeStyle::kWarning, "alert");
            const int p =
                ActionRow(ui, {{"bulk-confirm", Tr(s.page, "ui.staff.bulk.yes", {{"count", n}}),
                                ButtonStyle::kPrimary, true, l.bulk_references.empty()},
                               {"bulk-cancel", Tr(s.page, "ui.staff.cancel")}});
            if (p == 0) s.intents.push_back({.kind = K::kBulkConfirm});
            if (p == 1) s.intents.push_back({.kind = K::kBulkCancel});
            break;
        }
        case ListState::Bulk::kCollecting:
        case ListState::Bulk::kSending:
            Notice(ui, "bulk-busy", {Tr(s.page, "ui.staff.bulk.busy")}, NoticeStyle::kInfo,
                   "status");
            break;
        default: {
            const std::string n = std::to_string(shown.eligible_pending);
            const int p =
                ActionRow(ui, {{"bulk", Tr(s.page, "ui.staff.bulk.button", {{"count", n}}),
                                ButtonStyle::kSecondary, false, shown.eligible_pending == 0},
                               {"export", Tr(s.page, "ui.staff.export")},
                               {"print-list", Tr(s.page, "ui.staff.print")}});
            if (p == 0) s.intents.push_back({.kind = K::kBulkAsk});
            if (p == 1) s.intents.push_back({.kind = K::kExport});
            if (p == 2) s.intents.push_back({.kind = K::kPrint});
        }
    }

    const std::string count =
        Tr(s.page, "ui.staff.list.count", {{"total", std::to_string(l.total)}});
    Paragraph(ui, "list-count",
              l.loading && l.rows.empty() ? Tr(s.page, "ui.staff.loading") : count,
              colors::kSecondary);
    if (l.failed) {
        if (ActionRow(ui, {{"list-retry", Tr(s.page, "ui.button.retry")}}) == 0)
            s.intents.push_back({.kind = K::kFiltersChanged});
    }
    if (!l.loading && l.total == 0 && !l.failed) {
        Paragraph(ui, "list-empty", Tr(s.page, "ui.staff.list.empty"));
        return;
    }
    GridSpec g;
    g.id = "files";
    g.name = Tr(s.page, "ui.staff.list.table", {{"school", title}});
    g.columns = {{"reference", Tr(s.page, "ui.staff.column.reference"), 1.2f},
                 {"child_name_ar", Tr(s.page, "ui.staff.column.child_name_ar"), 1.6f, "ar"},
                 {"child_name_latin", Tr(s.page, "ui.staff.column.child_name_latin"), 1.6f, "fr"},
                 {"birth_date", Tr(s.page, "ui.staff.column.birth_date"), 1},
                 {"sector", Tr(s.page, "ui.staff.column.sector"), 1.4f},
                 {"outcome", Tr(s.page, "ui.staff.column.outcome"), 1.8f},
                 {"status", Tr(s.page, "ui.staff.column.status"), 1.2f},
                 {"received_at", Tr(s.page, "ui.staff.column.received_at"), 1.1f},
                 {"", Tr(s.page, "ui.staff.column.notification"), 1}};
    g.row_count = l.total;
    g.loaded = static_cast<std::int64_t>(l.rows.size());
    g.current = l.current;
    g.sort = l.filters.sort;
    g.descending = l.filters.descending;
    g.cell = [&](std::int64_t i, int c) -> std::string {
        const auto& r = l.rows[static_cast<std::size_t>(i)];
        switch (c) {
            case 0:
                return r.reference;
            case 1:
                return r.child_name_ar;
            case 2:
                return r.child_name_latin;
            case 3:
                return ShowDate(r.birth_date);
            case 4:
                return SectorName(s, r.sector);
            case 5:
                return Reasons(s, r);
            case 6:
                return Tr(s.page, "status." + r.status) +
                       (r.late ? " · " + Tr(s.page, "ui.staff.filter.late.yes") : "");
            case 7:
                return ShowDate(r.received_at.substr(0, 10));
            default:
                return Tr(s.page, "notification." + r.notification);
        }
    };
    g.button_id = [&](std::int64_t i) {
        return "open-" + l.rows[static_cast<std::size_t>(i)].reference;
    };
    const auto events = DrawGrid(su, g);
    if (events.opened >= 0) {
        l.current = static_cast<int>(events.opened);
        s.intents.push_back(
            {.kind = K::kOpenFile,
             .argument = l.rows[static_cast<std::size_t>(events.opened)].reference});
    }
    if (!events.sorted.empty()) s.intents.push_back({.kind = K::kSort, .argument = events.sorted});
    // More rows before they scroll into view.
    if (!l.loading && !l.next_cursor.empty() &&
        events.last_drawn + kListPage / 2 >= static_cast<std::int64_t>(l.rows.size()))
        s.intents.push_back({.kind = K::kLoadMore});
}

// The grid's keys: a row down or up, a page, the first or last row.
void Key(StaffState& s, const std::string& key) {
    constexpr int kPage = 10;
    constexpr int kFar = 1000000;  // past either end: the move stops at the first or last row
    const int moves[] = {1, -1, kPage, -kPage, -kFar, kFar};
    const char* names[] = {"down", "up", "pagedown", "pageup", "home", "end"};
    for (int i = 0; i < 6; ++i) {
        if (key == names[i])
            s.intents.push_back({.kind = StaffIntent::Kind::kMoveRow, .index = moves[i]});
    }
}

}  // namespace

// clang-format off
extern const StaffScreenSpec kList{
    .id = StaffScreen::kList, .heading = "ui.staff.list.title", .draw = Draw, .key = Key};
// clang-format on

}  // namespace tasjil::app::staff::screens
