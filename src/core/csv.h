// Tasjil core: CSV as spreadsheets write it (RFC 4180): UTF-8 (a byte-order mark is dropped),
// fields separated by commas, or by semicolons when the header row has no comma (a French
// spreadsheet's export), quoted fields with doubled quotes and line breaks inside, CRLF or LF.
// Every row keeps the line it starts on, so each problem can be reported where it is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tasjil::core {

struct CsvRow {
    int line = 0;                    // 1-based line where the row starts
    std::vector<std::string> cells;  // as written, quotes removed
};

struct CsvTable {
    std::vector<std::string> header;  // the first row, cells trimmed of spaces
    std::vector<CsvRow> rows;         // the others; blank lines are skipped
};

struct CsvProblem {
    int line = 0;         // 1-based
    std::string message;  // what is wrong, in words
};

// At most this many bytes, rows and cells per row: a spreadsheet of a country's schools fits,
// a hostile file does not exhaust memory.
inline constexpr std::size_t kMaxCsvBytes = 64u << 20;
inline constexpr std::size_t kMaxCsvRows = 200000;
inline constexpr std::size_t kMaxCsvCells = 64;

// Parses `text`. Problems: not UTF-8, an unterminated quote, a character after a closing quote,
// a row with another number of cells than the header, too large. The table holds the rows
// that could be read.
CsvTable ParseCsv(std::string_view text, std::vector<CsvProblem>& problems);

}  // namespace tasjil::core
