// Tasjil staff console: a file shown as the parent entered it — the parents' own screens and
// field tables, filled from the electronic file — so that the console and the form can never
// label or group an answer differently.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/staff/console_state.h"

namespace tasjil::app::staff {

// Puts the electronic file (JSON) into the view's parents' state, with what each screen holds
// beside the file (dates in three parts, the channels as two choices, …).
void LoadAnswers(StaffState& state, const std::string& file_json);

// The screen state of a parents' AppState filled from its file.
void ScreenStatesFromFile(AppState& answers);

// The provinces whose maps name the file's places (residence, birth) and are not here yet.
std::vector<std::string> MapsWanted(const StaffState& state);

struct AnswerGroup {
    std::string heading;
    std::vector<std::pair<std::string, std::string>> rows;  // {label, answer}
};
// The answers, grouped by the parents' screens in flow order, in the interface language.
std::vector<AnswerGroup> Answers(StaffState& state);

}  // namespace tasjil::app::staff
