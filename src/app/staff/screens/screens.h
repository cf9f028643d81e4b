// Tasjil staff console: one file per screen, each defining its spec; console.cpp's table names
// them.
#pragma once

#include <algorithm>

#include "app/staff/console.h"

namespace tasjil::app::staff::screens {

extern const StaffScreenSpec kLogin, kProvince, kList, kFile, kSessions, kAccounts, kActivation;

// A short form (log-in, activation) in the parents' column, on the reading side, for its scope.
class FormColumn {
  public:
    explicit FormColumn(Ui& ui) : ui_(ui), width_(ui.width) {
        ui.width = std::min(ui.width, sizes::kColumn);
        if (ui.rtl) ui.x0 += width_ - ui.width;
    }
    ~FormColumn() {
        ui_.x0 -= ui_.rtl ? width_ - ui_.width : 0;
        ui_.width = width_;
    }
    FormColumn(const FormColumn&) = delete;
    FormColumn& operator=(const FormColumn&) = delete;

  private:
    Ui& ui_;
    float width_;
};

// Shared by the screens: the counts line of a school.
std::string CountsLine(const StaffState& s, const SchoolSummary& school);
std::string PlacesLine(const StaffState& s, const SchoolSummary& school);

}  // namespace tasjil::app::staff::screens
