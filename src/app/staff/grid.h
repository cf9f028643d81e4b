// Tasjil staff console: a table of any length. Only the rows in the viewport (and a few beyond,
// and the keyboard's row) are drawn and published; the platform gives the table grid roles,
// the whole row count and each row's index (web/staff/grid.mjs), so that a screen reader says
// "row 5,213 of 10,000" while the DOM holds a few dozen rows.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/staff/console.h"

namespace tasjil::app::staff {

struct GridColumn {
    std::string key;    // sort key ("" = not sortable)
    std::string label;  // shown in the header
    float weight = 1;   // share of the width
    std::string lang;   // language of the cells when it is not the interface's ("ar", "fr")

    GridColumn(std::string k, std::string l, float w = 1, std::string g = "")
        : key(std::move(k)), label(std::move(l)), weight(w), lang(std::move(g)) {}
};

struct GridSpec {
    std::string id;    // the grid's DOM id; rows are id-r<index>, cells id-r<index>-c<column>
    std::string name;  // accessible name
    std::vector<GridColumn> columns;
    std::int64_t row_count = 0;     // every row of the list
    std::int64_t loaded = 0;        // rows 0 … loaded-1 can be drawn, the rest are on their way
    std::int64_t current = -1;      // the keyboard's row (always drawn, so it can hold focus)
    std::string sort;               // the column sorted on
    bool descending = false;
    // The text of a cell; column 0 is drawn as the row's button (it opens the row).
    std::function<std::string(std::int64_t row, int column)> cell;
    std::function<std::string(std::int64_t row)> button_id;
};

struct GridEvents {
    std::int64_t opened = -1;  // a row's button was activated
    std::string sorted;        // a header was activated: its sort key
    std::int64_t last_drawn = -1;  // the last row drawn (to fetch more as the list scrolls)
};

GridEvents DrawGrid(StaffUi& ui, const GridSpec& grid);

}  // namespace tasjil::app::staff
