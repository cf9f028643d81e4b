// CSV files an academy exports, as `tasjil schoolmap import` reads them: the input is split at
// form feeds into up to three files, imported over the sample map's divisions.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/school_map_import.h"
#include "support/fixtures.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<tasjil::core::CsvProblem> problems;
    (void)tasjil::core::ParseCsv(text, problems);
    std::vector<tasjil::core::CsvSource> sources;
    std::size_t start = 0;
    while (sources.size() < 3) {
        const auto end = text.find('\f', start);
        sources.push_back(
            {"f" + std::to_string(sources.size()),
             std::string(text.substr(
                 start, end == std::string_view::npos ? std::string_view::npos : end - start))});
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    const auto& divisions = tasjil::test::SampleMap().document();
    auto result = tasjil::core::ImportSchoolMap(sources, &divisions, "fuzz");
    // What an import gives must be a map that loads again, as `schoolmap check` reads it.
    if (result.document &&
        !tasjil::core::ParseSchoolMap(tasjil::core::ToJson(*result.document)).map)
        __builtin_trap();
    return 0;
}
