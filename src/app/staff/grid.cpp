#include "app/staff/grid.h"

#include <algorithm>
#include <cmath>

namespace tasjil::app::staff {

namespace {

SemanticNode Node(std::string id, std::string role, std::string name) {
    SemanticNode n;
    n.id = std::move(id);
    n.role = std::move(role);
    n.name = std::move(name);
    return n;
}

// A cell's text on one line, clipped to the cell.
void CellText(Ui& ui, const std::string& text, float x, float y, float w, float h, ImU32 color) {
    if (text.empty()) return;
    const auto& p = ui.shapes.Get(text, text::Direction::kAuto);
    if (p.lines.empty()) return;
    const float pad = sizes::kGridCellPad;
    const float tw = TextWidth(ui, ui.fonts.small, sizes::kSmall, p.lines.front());
    const float inner = w - 2 * pad;
    // Reading start of the cell: the right edge in Arabic.
    const float tx =
        ui.rtl ? x + w - pad - std::min(tw, inner) - std::max(0.f, tw - inner) : x + pad;
    ui.draw->PushClipRect(ImVec2(x + pad, y), ImVec2(x + w - pad, y + h), true);
    DrawLine(ui, ui.fonts.small, sizes::kSmall, p.lines.front(),
             ui.rtl && tw > inner ? x + w - pad - tw : tx,
             y + (h - LineHeight(sizes::kSmall)) * 0.5f, color);
    ui.draw->PopClipRect();
}

}  // namespace

GridEvents DrawGrid(StaffUi& su, const GridSpec& g) {
    Ui& ui = su.ui;
    GridEvents events;
    const int ncol = static_cast<int>(g.columns.size());
    // Column places in reading order, mirrored in Arabic. A narrow screen wraps each row (and the
    // header, in the same places) onto as many lines as it takes to keep every cell readable.
    const int per_line =
        std::clamp(static_cast<int>(ui.width / sizes::kGridMinCell), 1, std::max(ncol, 1));
    const int lines = (ncol + per_line - 1) / per_line;
    std::vector<float> xs(static_cast<std::size_t>(ncol)), ws(static_cast<std::size_t>(ncol)),
        dy(static_cast<std::size_t>(ncol));
    for (int first = 0; first < ncol; first += per_line) {
        const int end = std::min(ncol, first + per_line);
        float line_weight = 0;
        for (int i = first; i < end; ++i)
            line_weight += g.columns[static_cast<std::size_t>(i)].weight;
        float acc = 0;
        for (int i = first; i < end; ++i) {
            const auto k = static_cast<std::size_t>(i);
            const float w = std::round(ui.width * g.columns[k].weight / line_weight);
            ws[k] = w;
            xs[k] = ui.rtl ? ui.x0 + ui.width - acc - w : ui.x0 + acc;
            dy[k] = static_cast<float>(first / per_line);
            acc += w;
        }
    }
    su.grid.id = g.id;
    su.grid.name = g.name;
    su.grid.row_count = g.row_count;
    su.grid.column_count = ncol;
    const float top = ui.y;
    const std::size_t grid_node = ui.semantics.Open(Node(g.id, "group", g.name));

    // The header row: each column's header holds its sort button.
    const float hh = sizes::kGridHeader * static_cast<float>(lines);
    ui.draw->AddRectFilled(ImVec2(ui.x0, ui.Top(top)), ImVec2(ui.x0 + ui.width, ui.Top(top + hh)),
                           colors::kSecondaryButton);
    const std::string header_row = g.id + "-head";
    const std::size_t head_node = ui.semantics.Open(Node(header_row, "group", ""));
    su.grid.rows.push_back({header_row, 1});
    for (int c = 0; c < ncol; ++c) {
        const auto& col = g.columns[static_cast<std::size_t>(c)];
        const std::string hid = g.id + "-h" + std::to_string(c);
        const auto k = static_cast<std::size_t>(c);
        const Rect r =
            OnScreen(ui, {xs[k], top + dy[k] * sizes::kGridHeader, ws[k], sizes::kGridHeader});
        const std::size_t h_node = ui.semantics.Open(Node(hid, "group", col.label));
        const std::string& label = col.label;
        std::string sort = "none";
        const bool sorted = !col.key.empty() && col.key == g.sort;
        if (sorted) sort = g.descending ? "descending" : "ascending";
        su.grid.headers.push_back({hid, col.key.empty() ? "" : sort});
        if (!col.key.empty()) {
            const std::string bid = "sort-" + col.key;
            SemanticNode b;
            b.id = bid;
            b.role = "button";
            b.name = label;
            b.rect = r;
            const bool hover = Hovered(ui, r);
            if (hover)
                ui.draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h),
                                       colors::kSecondaryButtonHover);
            if (ui.page.ui.focused == bid) FocusRing(ui, r);
            ui.semantics.Add(std::move(b));
            if (TakeActivation(ui, bid)) events.sorted = col.key;
        }
        CellText(ui, label, r.x, r.y, r.w - (sorted ? sizes::kGridSortMark : 0), r.h,
                 colors::kText);
        if (sorted) {
            // The order as a triangle at the cell's reading end (aria-sort says it in words).
            const float m = sizes::kGridSortMark * 0.5f;
            const float cx =
                ui.rtl ? r.x + sizes::kGridCellPad + m : r.x + r.w - sizes::kGridCellPad - m;
            const float cy = r.y + r.h * 0.5f;
            const float rise = m * sizes::kGridSortRise;
            if (g.descending)
                ui.draw->AddTriangleFilled(ImVec2(cx - m, cy - rise), ImVec2(cx + m, cy - rise),
                                           ImVec2(cx, cy + rise), colors::kText);
            else
                ui.draw->AddTriangleFilled(ImVec2(cx - m, cy + rise), ImVec2(cx, cy - rise),
                                           ImVec2(cx + m, cy + rise), colors::kText);
        }
        ui.semantics.Close(h_node, r);
    }
    ui.semantics.Close(head_node, OnScreen(ui, {ui.x0, top, ui.width, hh}));

    // The rows in view, and the keyboard's row wherever it is.
    const float rh = sizes::kGridRow * static_cast<float>(lines);
    const float body_top = top + hh;
    const float view_top = ui.page.ui.scroll_y, view_bottom = view_top + ui.view_h;
    const auto first = std::max<std::int64_t>(
        0,
        static_cast<std::int64_t>(std::floor((view_top - body_top) / rh)) - sizes::kGridOverscan);
    const auto last = std::min<std::int64_t>(
        g.row_count - 1,
        static_cast<std::int64_t>(std::ceil((view_bottom - body_top) / rh)) + sizes::kGridOverscan);
    std::vector<std::int64_t> drawn;
    if (g.current >= 0 && g.current < first) drawn.push_back(g.current);
    for (std::int64_t i = first; i <= last; ++i) drawn.push_back(i);
    if (g.current > last && g.current < g.row_count) drawn.push_back(g.current);
    for (const std::int64_t i : drawn) {
        const float y = body_top + static_cast<float>(i) * rh;
        const Rect row_rect = OnScreen(ui, {ui.x0, y, ui.width, rh});
        if (i == g.current)
            ui.draw->AddRectFilled(ImVec2(row_rect.x, row_rect.y),
                                   ImVec2(row_rect.x + row_rect.w, row_rect.y + rh),
                                   colors::kGridCurrent);
        else if (i % 2)
            ui.draw->AddRectFilled(ImVec2(row_rect.x, row_rect.y),
                                   ImVec2(row_rect.x + row_rect.w, row_rect.y + rh),
                                   colors::kGridStripe);
        const std::string rid = g.id + "-r" + std::to_string(i);
        const std::size_t row_node = ui.semantics.Open(Node(rid, "group", ""));
        su.grid.rows.push_back({rid, i + 2});  // the header is row 1
        events.last_drawn = std::max(events.last_drawn, i);
        const bool loaded = i < g.loaded;
        for (int c = 0; c < ncol; ++c) {
            const auto& col = g.columns[static_cast<std::size_t>(c)];
            const auto k = static_cast<std::size_t>(c);
            const Rect r =
                OnScreen(ui, {xs[k], y + dy[k] * sizes::kGridRow, ws[k], sizes::kGridRow});
            const std::string text = loaded ? g.cell(i, c) : (c == 0 ? "…" : "");
            const std::string cid = rid + "-c" + std::to_string(c);
            if (c == 0 && loaded) {
                // The row's first cell holds its button: Enter or a click opens the file.
                const std::size_t cell_node = ui.semantics.Open(Node(cid, "group", ""));
                const std::string bid = g.button_id(i);
                SemanticNode b;
                b.id = bid;
                b.role = "button";
                b.name = text;
                b.rect = r;
                if (Hovered(ui, r))
                    ui.draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h),
                                           colors::kSecondaryButtonHover);
                if (ui.page.ui.focused == bid) FocusRing(ui, r);
                ui.semantics.Add(std::move(b));
                if (TakeActivation(ui, bid)) events.opened = i;
                CellText(ui, text, r.x, r.y, r.w, r.h, colors::kPrimary);
                ui.semantics.Close(cell_node, r);
            } else {
                CellText(ui, text, r.x, r.y, r.w, r.h, colors::kText);
                SemanticNode n;
                n.id = cid;
                n.role = "text";
                n.name = text;
                n.lang = col.lang;
                n.rect = r;
                ui.semantics.Add(std::move(n));
            }
            su.grid.cells.push_back(cid);
        }
        ui.semantics.Close(row_node, row_rect);
    }
    // Rule under the header, and the table's height: every row, drawn or not.
    ui.draw->AddLine(ImVec2(ui.x0, ui.Top(body_top)), ImVec2(ui.x0 + ui.width, ui.Top(body_top)),
                     colors::kRule);
    ui.y = body_top + static_cast<float>(g.row_count) * rh;
    ui.semantics.Close(grid_node, OnScreen(ui, {ui.x0, top, ui.width, ui.y - top}));
    return events;
}

}  // namespace tasjil::app::staff
