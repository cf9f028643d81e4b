// Tasjil staff console: one file per screen; console.cpp's table names them.
#pragma once

#include "app/staff/console.h"

namespace tasjil::app::staff::screens {

void Login(StaffUi& ui);
void Province(StaffUi& ui);
void List(StaffUi& ui);
void File(StaffUi& ui);

// Shared by the screens: the counts line of a school.
std::string CountsLine(const StaffState& s, const SchoolSummary& school);
std::string PlacesLine(const StaffState& s, const SchoolSummary& school);

}  // namespace tasjil::app::staff::screens
