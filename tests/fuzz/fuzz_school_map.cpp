// A school map file, as `tasjil schoolmap check` and the server read it.
#include <cstdint>
#include <string_view>

#include "core/school_map.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto load = tasjil::core::ParseSchoolMap(text);
    if (load.map) (void)tasjil::core::ToJson(load.map->document());
    return 0;
}
