// A rectification's corrections as the API reads them ({"changes": [{pointer, value}]}),
// applied to the sample file: hostile pointers (escapes, indices, depth) and values reach the
// core's pointer walk and the whole intake check.
#include <cstdint>
#include <string_view>

#include "core/rectification.h"
#include "core/validation.h"
#include "support/fixtures.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tasjil;
    static const std::string stored = [] {
        auto parsed = core::ParseElectronicFile(test::SampleFileJson().dump());
        core::NormalizeFile(*parsed.file);
        return core::ToJson(*parsed.file);
    }();
    const auto body = nlohmann::json::parse(
        std::string_view(reinterpret_cast<const char*>(data), size), nullptr, false);
    if (!body.is_object() || !body.contains("changes") || !body["changes"].is_array()) return 0;
    std::vector<core::Correction> corrections;
    for (const auto& c : body["changes"]) {
        if (!c.is_object() || !c.contains("pointer") || !c["pointer"].is_string() ||
            !c.contains("value"))
            return 0;
        corrections.push_back({c["pointer"].get<std::string>(), c["value"]});
    }
    (void)core::IsRectifiable(std::string_view(reinterpret_cast<const char*>(data), size));
    const auto result =
        core::Rectify(stored, corrections, test::SampleMap(), *core::ParseIsoDate("2026-04-03"));
    // A corrected file is one intake would take: it must read back as the same file.
    if (result.file) {
        if (!result.errors.empty() || result.changed.empty()) __builtin_trap();
        auto again = core::ParseElectronicFile(core::ToJson(*result.file));
        if (!again.file || core::ToJson(*again.file) != core::ToJson(*result.file))
            __builtin_trap();
        if (result.file->school_choice.school_code != "57303B") __builtin_trap();
    }
    return 0;
}
