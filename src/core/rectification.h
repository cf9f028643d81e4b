// Tasjil core: a parent's right of rectification (law 09-08, art. 7 and 8). A provincial
// directorate corrects answers of a file already received, at the parent's request; the
// server applies the corrections with this code and the console offers only the answers it
// accepts, so the two cannot disagree on what may be corrected.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/dates.h"
#include "core/electronic_file.h"
#include "core/field_error.h"
#include "core/school_map.h"

namespace tasjil::core {

// One corrected answer.
struct Correction {
    std::string pointer;   // JSON pointer of the answer in the file ("/child/given_name_latin")
    nlohmann::json value;  // its corrected value: a string, number, boolean or null
};

// Whether an answer may be corrected: the personal data the parent gave (the child, parents,
// guardian, siblings, residence, contact). The chosen school changes by a move, and the
// declarations, the school year and the dates of sending are the parent's own act, kept as sent.
bool IsRectifiable(std::string_view pointer);

struct RectifyResult {
    std::optional<ElectronicFile> file;  // the corrected file (normalised), when `errors` is empty
    FieldErrors errors;                  // why the corrections were refused
    std::vector<std::string> changed;    // pointers whose value changed, in the order given
};

// Applies `corrections` to a stored file (its canonical JSON) and checks the result as intake
// does (shape, content rules on the day the file was received, school map). Refusals:
// "rectify.field_forbidden" at a pointer that names no answer or one that cannot be corrected,
// "rectify.other_province" when the residence would leave the province that received the file
// (its directorate), "rectify.no_change" when nothing changes, else the core's own errors.
RectifyResult Rectify(std::string_view file_json, const std::vector<Correction>& corrections,
                      const SchoolMap& map, const Date& received);

}  // namespace tasjil::core
