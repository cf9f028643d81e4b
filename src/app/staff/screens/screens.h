// Tasjil staff console: one file per screen, each defining its spec; console.cpp's table names
// them.
#pragma once

#include "app/staff/console.h"

namespace tasjil::app::staff::screens {

extern const StaffScreenSpec kLogin, kProvince, kList, kFile, kSessions;

// Shared by the screens: the counts line of a school.
std::string CountsLine(const StaffState& s, const SchoolSummary& school);
std::string PlacesLine(const StaffState& s, const SchoolSummary& school);

}  // namespace tasjil::app::staff::screens
