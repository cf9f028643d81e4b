// The data package reader (src/io/package.h) on any bytes: it never reads past them, and what it
// accepts holds exactly the bytes that followed its index.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/package.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::string error;
    const auto files = tasjil::io::ParsePackage(bytes, error);
    if (!files) {
        if (error.empty()) std::abort();  // a refusal always says why
        return 0;
    }
    std::size_t total = 0;
    for (const auto& [name, body] : *files) {
        if (name.empty() || name[0] != '/') std::abort();
        total += body.size();
    }
    if (total > size) std::abort();
    return 0;
}
