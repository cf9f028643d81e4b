#include "support/utf8proc_reference.h"

#include <utf8proc.h>

#include <cstdlib>

namespace tasjil::test::reference {

namespace {

std::string Map(std::string_view utf8, int options) {
    utf8proc_uint8_t* mapped = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                static_cast<utf8proc_ssize_t>(utf8.size()), &mapped,
                                static_cast<utf8proc_option_t>(options));
    if (n < 0 || !mapped) return "<utf8proc error " + std::to_string(n) + ">";
    std::string out(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
    std::free(mapped);
    return out;
}

}  // namespace

std::string Nfc(std::string_view utf8) {
    return Map(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string Nfkc(std::string_view utf8) {
    return Map(utf8, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE);
}

std::string Fold(std::string_view utf8) {
    return Map(utf8, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                         UTF8PROC_CASEFOLD);
}

std::string Category(char32_t cp) {
    return utf8proc_category_string(static_cast<utf8proc_int32_t>(cp));
}

bool HasHangulTBase(std::string_view utf8) {
    return utf8.find("\xE1\x86\xA7") != std::string_view::npos;  // U+11A7
}

}  // namespace tasjil::test::reference
