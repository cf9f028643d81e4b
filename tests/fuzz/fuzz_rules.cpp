// A rules file (assets/rules/<school year>.json).
#include <cstdint>
#include <string_view>

#include "core/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)tasjil::core::ParseRules(text);
    return 0;
}
