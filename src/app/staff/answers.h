// Tasjil staff console: a file shown as the parent entered it — the parents' own screens and
// field tables, filled from the electronic file — so that the console and the form can never
// label or group an answer differently.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/flow.h"
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

// Every answer of the open file a correction may change, in the parents' flow order. Kept
// until the file, the corrections added, the language or the maps loaded change, so the file's
// screen does not rebuild every question's list each frame.
const std::vector<RectifiableAnswer>& RectifiableAnswers(StaffState& state);

// The JSON value to send for `text` typed into the answer at `pointer`: of the type the file
// stores there (a number stays a number, an empty optional answer becomes null).
nlohmann::json CorrectedValue(const StaffState& state, const std::string& pointer,
                              const std::string& text);

// The open file laid out for printing (title, groups of labels and answers, history), in the
// interface language: what the platform's printable sheet shows.
std::string FilePrintJson(StaffState& state, const std::string& printed_at);

}  // namespace tasjil::app::staff
