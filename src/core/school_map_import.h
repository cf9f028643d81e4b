// Tasjil core: a school map built from the spreadsheets an academy keeps, exported as CSV
// (columns: docs/schoolmap-import.md). Three kinds of file, told apart by their header row:
//   communes — the administrative divisions (HCP codes and names of regions, provinces,
//              communes), unless a map's divisions are given instead;
//   sectors  — quartiers and douars: province and commune codes, sector code, kind, names;
//   schools  — Massar code, names, kind (school | central | satellite), central school of a
//              group, sectors served, first-year places.
// Every problem names its file and line; the document built passes ParseSchoolMap's checks and
// serves every sector, or no document is given.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/school_map.h"

namespace tasjil::core {

struct CsvSource {
    std::string name;  // as the problems name it (the file's path)
    std::string text;  // its bytes
};

struct ImportProblem {
    std::string file;     // the CSV file, or "" for the map as a whole
    int line = 0;         // 1-based line in it (0 = the file as a whole)
    std::string message;  // what is wrong, in words, with the codes concerned
};

struct SchoolMapImport {
    std::optional<SchoolMapDocument> document;  // set when there are no problems
    std::vector<ImportProblem> problems;
};

// Builds a map named `name` from `sources`; `divisions` (optional) supplies regions, provinces
// and communes when no communes file is given.
SchoolMapImport ImportSchoolMap(const std::vector<CsvSource>& sources,
                                const SchoolMapDocument* divisions, const std::string& name);

}  // namespace tasjil::core
