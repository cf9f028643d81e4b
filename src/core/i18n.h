// Tasjil core: message catalogues (assets/i18n/<locale>.json). Organic law 26-16 art. 26 asks
// public-service sites to offer Amazigh (zgh, Tifinagh) alongside Arabic; French is used
// throughout the administration. One catalogue per language, keyed by the stable codes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/field_error.h"

namespace tasjil::core {

struct Catalogue {
    std::string locale;                           // "ar" | "zgh" | "fr"
    std::string direction;                        // "rtl" | "ltr"
    std::map<std::string, std::string> messages;  // code → template with {param} placeholders

    // The template for `code` with its {name} placeholders filled from `params`. A code missing
    // from the catalogue renders as the code itself, so nothing is ever shown blank.
    std::string Render(std::string_view code, const std::vector<Param>& params = {}) const;
    std::string Render(const FieldError& e) const { return Render(e.code, e.params); }
};

struct CatalogueLoad {
    std::optional<Catalogue> catalogue;  // set when there are no errors
    FieldErrors errors;                  // shape errors
};

CatalogueLoad ParseCatalogue(std::string_view text);

// The locales the product speaks, in the order the language choice lists them.
inline constexpr std::string_view kLocales[] = {"ar", "zgh", "fr"};
// The language used when a reader's own is unknown: Arabic, the first official language
// (Constitution of 2011, art. 5).
inline constexpr std::string_view kDefaultLocale = "ar";
bool IsSupportedLocale(std::string_view locale);

}  // namespace tasjil::core
