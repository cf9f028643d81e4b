// Tasjil core: an enum's names, written once as an array in the enum's order, and read back
// from them — statuses, roles and actions are enums in the code and these names in JSON, the
// database and the command line.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace tasjil::core {

// The enum value whose name is `name` in `names` (the enum's order), or none.
template <class E, std::size_t N>
std::optional<E> EnumFromName(const std::array<std::string_view, N>& names, std::string_view name) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == name) return static_cast<E>(i);
    }
    return std::nullopt;
}

}  // namespace tasjil::core
