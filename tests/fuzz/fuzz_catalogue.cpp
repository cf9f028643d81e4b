// A message catalogue, and rendering of any code with any parameters from it.
#include <cstdint>
#include <string_view>

#include "core/i18n.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto load = tasjil::core::ParseCatalogue(text);
    if (load.catalogue) {
        for (const auto& [code, message] : load.catalogue->messages) {
            (void)load.catalogue->Render(code, {{"seconds", std::string(text.substr(0, 16))}});
        }
    }
    return 0;
}
