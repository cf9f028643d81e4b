// Tasjil staff console: what only the console asks of the browser (web/staff/console.mjs) —
// the grid roles and shortcuts over the shared semantic layer, the downloads (the list as CSV,
// a file's data as JSON) and the printable list and file. Everything else goes through the app's
// platform (app/platform/web_platform.h).
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

// Downloads one file's data (GET /api/v1/staff/files/<reference>/export) as tasjil-<ref>.json.
void ExportFile(const std::string& reference, const std::string& lang);
// One file on paper (`file_json`: FilePrintJson), then the print dialog.
void PrintFile(const std::string& file_json, const std::string& lang);

// Activation letters on paper, one a page (`letters_json`: LettersPrintJson).
void PrintLetters(const std::string& letters_json, const std::string& lang);

// What the console asks of the page rather than of a server (a request whose method is
// kPageMethod; `what` its url): "activation", the code of the link the page was opened with;
// "csv", a file the staff member chooses. Answered like a request, through Console::Reply(id).
void Ask(int id, const std::string& what);

}  // namespace tasjil::app::staff::platform
