#include "core/csv.h"

#include "core/utf8.h"

namespace tasjil::core {

namespace {
std::string Trim(const std::string& s) {
    const auto a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return "";
    return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}
}  // namespace

CsvTable ParseCsv(std::string_view text, std::vector<CsvProblem>& problems) {
    CsvTable table;
    if (text.size() > kMaxCsvBytes) {
        problems.push_back({0, "the file is larger than 64 MiB"});
        return table;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (!DecodeUtf8(text)) {
        // Name the first line that is not UTF-8 (a spreadsheet saved as Windows-1256 or Latin-1).
        int line = 1;
        std::size_t start = 0;
        for (std::size_t i = 0; i <= text.size(); ++i) {
            if (i == text.size() || text[i] == '\n') {
                if (!DecodeUtf8(text.substr(start, i - start))) break;
                start = i + 1;
                ++line;
            }
        }
        problems.push_back({line, "the text is not UTF-8 (save the sheet as \"CSV UTF-8\")"});
        return table;
    }
    const std::string_view first_line = text.substr(0, text.find('\n'));
    const char separator = first_line.find(',') == std::string_view::npos &&
                                   first_line.find(';') != std::string_view::npos
                               ? ';'
                               : ',';
    std::vector<CsvRow> rows;
    CsvRow row{1, {}};
    std::string cell;
    int line = 1;
    bool quoted = false, after_quote = false, any = false;
    auto end_cell = [&] {
        row.cells.push_back(std::move(cell));
        cell.clear();
        after_quote = false;
    };
    auto end_row = [&] {
        end_cell();
        const bool blank = row.cells.size() == 1 && row.cells[0].empty() && !any;
        if (!blank && rows.size() < kMaxCsvRows + 1) rows.push_back(std::move(row));
        row = CsvRow{line, {}};
        any = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                    after_quote = true;
                }
            } else {
                if (c == '\n') ++line;
                cell.push_back(c);
            }
            continue;
        }
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        if (c == '\n' || c == '\r') {
            ++line;
            end_row();
            continue;
        }
        if (c == separator) {
            end_cell();
            any = true;
            continue;
        }
        if (after_quote) {
            problems.push_back({line, "a character follows a closing quote"});
            return table;
        }
        if (c == '"' && cell.empty()) {
            quoted = true;
            any = true;
            continue;
        }
        cell.push_back(c);
        any = true;
        if (row.cells.size() >= kMaxCsvCells) {
            problems.push_back({row.line, "more than 64 columns"});
            return table;
        }
    }
    if (quoted) {
        problems.push_back({row.line, "a quoted field is never closed"});
        return table;
    }
    if (!cell.empty() || !row.cells.empty() || any) end_row();
    if (rows.size() > kMaxCsvRows) {
        problems.push_back({0, "more than 200,000 rows"});
        return table;
    }
    if (rows.empty()) {
        problems.push_back({1, "the file is empty (a header row is expected)"});
        return table;
    }
    for (const auto& h : rows[0].cells) table.header.push_back(Trim(h));
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].cells.size() != table.header.size()) {
            problems.push_back({rows[r].line, std::to_string(rows[r].cells.size()) +
                                                  " cells where the header has " +
                                                  std::to_string(table.header.size())});
            continue;
        }
        table.rows.push_back(std::move(rows[r]));
    }
    return table;
}

}  // namespace tasjil::core
