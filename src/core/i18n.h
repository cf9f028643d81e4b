// Tasjil core: message catalogues (assets/i18n/<locale>.json). Organic law 26-16 art. 26 asks
// public-service sites to offer Amazigh (zgh, Tifinagh) alongside Arabic; French is used
// throughout the administration. One catalogue per language, keyed by the stable codes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/dates.h"
#include "core/field_error.h"

namespace tasjil::core {

struct Catalogue {
    std::string locale;                           // "ar" | "zgh" | "fr"
    std::string direction;                        // "rtl" | "ltr"
    std::map<std::string, std::string> messages;  // code → template with {param} placeholders

    // The template for `code` with its {name} placeholders filled from `params`. A code missing
    // from the catalogue renders as the code itself, so nothing is ever shown blank. A parameter
    // that is a calendar date (YYYY-MM-DD) is written in words (LongDate): every sentence a
    // reader sees, in the app, the console, e-mails and SMS, says «20 ماي 2027», never 2027-05-20.
    std::string Render(std::string_view code, const std::vector<Param>& params = {}) const;
    std::string Render(const FieldError& e) const { return Render(e.code, e.params); }
    // The date in words with CLDR's long pattern and month names for the locale
    // (scripts/cldr-catalogues.py: date.long, date.month.1…12; Moroccan month names in Arabic);
    // YYYY-MM-DD when the catalogue lacks them.
    std::string LongDate(const Date& d) const;
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
