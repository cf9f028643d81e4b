// Tasjil staff console: what only the console asks of the browser (web/staff/console.mjs) —
// the grid roles and shortcuts over the shared semantic layer, the CSV download and the
// printable list. Everything else goes through the app's platform (app/platform/web_platform.h).
#pragma once

#include <string>

namespace tasjil::app::staff::platform {

// Roles, indexes, shortcuts and password boxes for the DOM layer (Console::TakeAnnotations).
void Annotate(const std::string& json);
// Downloads the list as CSV: GET /api/v1/staff/export.csv?<query> with the session's token.
void Export(const std::string& query, const std::string& lang);
// The printable list: the list's rows fetched page by page and laid out as a real DOM table
// (`labels_json`: title and column names in the interface language), then the print dialog.
void Print(const std::string& query, const std::string& labels_json, const std::string& lang);

}  // namespace tasjil::app::staff::platform
