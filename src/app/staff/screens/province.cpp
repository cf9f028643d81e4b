// A directorate's view of its province: every school with its counts by status, its first-year
// places left and the files still waiting after the validation deadline; any school's list
// opens from here.
#include "app/staff/grid.h"
#include "app/staff/screens/screens.h"

namespace tasjil::app::staff::screens {

namespace {

void Draw(StaffUi& su) {
    Ui& ui = su.ui;
    StaffState& s = su.s;
    Heading(ui, "heading", Tr(s.page, "ui.staff.province.heading"), 1);
    std::int64_t pending = 0, approved = 0, rejected = 0, late = 0;
    for (const auto& c : s.schools) {
        pending += c.pending;
        approved += c.approved;
        rejected += c.rejected;
        late += c.late_undecided;
    }
    SchoolSummary all;
    all.pending = pending;
    all.approved = approved;
    all.rejected = rejected;
    Notice(
        ui, "counts",
        {CountsLine(s, all), Tr(s.page, "ui.staff.province.late",
                                {{"late", std::to_string(late)}, {"date", s.validation_closes}})},
        NoticeStyle::kInfo, "status");
    if (!s.schools_left_map.empty()) {
        std::string list;
        for (const auto& [code, files] : s.schools_left_map)
            list += (list.empty() ? "" : ", ") + code + " (" + std::to_string(files) + ")";
        Notice(ui, "left-map", {Tr(s.page, "ui.staff.province.left_map", {{"schools", list}})},
               NoticeStyle::kWarning);
    }
    if (!s.notice.empty()) Notice(ui, "notice", {s.notice}, NoticeStyle::kSuccess, "status");
    const std::string none = "—";
    GridSpec g;
    g.id = "schools";
    g.name = Tr(s.page, "ui.staff.province.table");
    g.columns = {{"", Tr(s.page, "ui.staff.column.school_code"), 3},
                 {"", Tr(s.page, "status.pending_review"), 1},
                 {"", Tr(s.page, "status.approved"), 1},
                 {"", Tr(s.page, "status.rejected"), 1},
                 {"", Tr(s.page, "ui.staff.column.places"), 1},
                 {"", Tr(s.page, "ui.staff.column.places_left"), 1},
                 {"", Tr(s.page, "ui.staff.column.late"), 1}};
    g.row_count = static_cast<std::int64_t>(s.schools.size());
    g.loaded = g.row_count;
    g.cell = [&](std::int64_t i, int c) -> std::string {
        const auto& sc = s.schools[static_cast<std::size_t>(i)];
        switch (c) {
            case 0:
                return SchoolName(s, sc.code) + " (" + sc.code + ")";
            case 1:
                return std::to_string(sc.pending);
            case 2:
                return std::to_string(sc.approved);
            case 3:
                return std::to_string(sc.rejected);
            case 4:
                return sc.places ? std::to_string(*sc.places) : none;
            case 5:
                return sc.places_left ? std::to_string(*sc.places_left) : none;
            default:
                return std::to_string(sc.late_undecided);
        }
    };
    g.button_id = [&](std::int64_t i) {
        return "school-" + s.schools[static_cast<std::size_t>(i)].code;
    };
    const auto events = DrawGrid(su, g);
    if (events.opened >= 0)
        s.intents.push_back({.kind = StaffIntent::Kind::kOpenSchool,
                             .argument = s.schools[static_cast<std::size_t>(events.opened)].code});
    ui.y += sizes::kGap;
}

}  // namespace

// clang-format off
extern const StaffScreenSpec kProvince{
    .id = StaffScreen::kProvince, .heading = "ui.staff.province.heading", .draw = Draw};
// clang-format on

}  // namespace tasjil::app::staff::screens
