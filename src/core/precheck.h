// Tasjil core: the whole pre-check of one electronic file — shape, content rules, school map,
// eligibility — as the browser runs it before sending and the server runs it on intake.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "core/dates.h"
#include "core/electronic_file.h"
#include "core/i18n.h"
#include "core/json_io.h"
#include "core/rules.h"
#include "core/school_map.h"

namespace tasjil::core {

struct PrecheckResult {
    std::optional<ElectronicFile> file;      // the parsed file (normalised), when it parsed
    FieldErrors errors;                      // shape, content and map errors, in that order
    std::optional<Eligibility> eligibility;  // decided only for a valid file
    bool parsed() const { return file.has_value(); }
    bool valid() const { return file && errors.empty(); }
};

// Runs every check in order. Shape errors stop the rest (there is no file to check); content
// and map errors are all reported together; eligibility is decided only for a valid file.
// A file for another school year than `rules` is refused with "school_year.not_open".
PrecheckResult Precheck(ParseResult parsed, const Rules& rules, const SchoolMap& map,
                        const Date& today);

// {"valid", "errors": [{"pointer","code","message","params"}], "eligibility": {"outcome",
// "reasons": [{"code","pointer","message","params"}]} | null}
// Errors or reasons as the API and the CLI print them: [{pointer, code, message, params}], the
// message in the reader's language (json_io.h's writer, in that member order).
nlohmann::ordered_json ErrorsToJson(const FieldErrors& errors, const Catalogue& messages);

std::string PrecheckToJson(const PrecheckResult& result, const Catalogue& messages);

}  // namespace tasjil::core
