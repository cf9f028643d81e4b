// What several console screens show: a school's counts and places.
#include "app/staff/screens/screens.h"

namespace tasjil::app::staff::screens {

std::string CountsLine(const StaffState& s, const SchoolSummary& c) {
    return Tr(s.page, "ui.staff.counts",
              {{"pending", std::to_string(c.pending)},
               {"approved", std::to_string(c.approved)},
               {"rejected", std::to_string(c.rejected)}});
}

std::string PlacesLine(const StaffState& s, const SchoolSummary& c) {
    if (!c.places) return Tr(s.page, "ui.staff.places.unknown", {{"approved", std::to_string(c.approved)}});
    return Tr(s.page, "ui.staff.places",
              {{"places", std::to_string(*c.places)},
               {"approved", std::to_string(c.approved)},
               {"left", std::to_string(c.places_left.value_or(0))}});
}

}  // namespace tasjil::app::staff::screens
