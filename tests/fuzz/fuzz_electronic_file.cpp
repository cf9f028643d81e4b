// The electronic file as the server and the CLI receive it: parse, normalise, validate, decide.
// Nothing may crash, hang or read out of bounds; a valid result must survive a round trip.
#include <cstdint>
#include <string_view>

#include "core/electronic_file.h"
#include "core/precheck.h"
#include "support/fixtures.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tasjil;
    static const core::Rules rules = test::Rules2026();
    static const core::SchoolMap& map = test::SampleMap();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto result =
        core::Precheck(core::ParseElectronicFile(text), rules, map, test::D("2026-04-10"));
    if (result.valid() && result.file) {
        // What is stored reads back as the same file.
        auto again = core::ParseElectronicFile(core::ToJson(*result.file));
        if (!again.file) __builtin_trap();
    }
    return 0;
}
