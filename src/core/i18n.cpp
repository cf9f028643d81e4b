#include "core/i18n.h"

#include "core/json_io.h"
#include "core/json_reader.h"

namespace tasjil::core {

namespace {
// A catalogue is a few hundred messages; bound it like every other input.
constexpr std::size_t kMaxCatalogueBytes = 1024 * 1024;
}  // namespace

bool IsSupportedLocale(std::string_view locale) {
    for (auto l : kLocales) {
        if (l == locale) return true;
    }
    return false;
}

std::string Catalogue::Render(std::string_view code, const std::vector<Param>& params) const {
    auto it = messages.find(std::string(code));
    if (it == messages.end()) return std::string(code);
    const std::string& t = it->second;
    std::string out;
    out.reserve(t.size() + 16);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '{') {
            const auto end = t.find('}', i);
            if (end != std::string::npos) {
                const std::string_view name(t.data() + i + 1, end - i - 1);
                bool found = false;
                for (const auto& p : params) {
                    if (p.name == name) {
                        if (const auto date = ParseIsoDate(p.value)) {
                            out += LongDate(*date);
                        } else {
                            out += p.value;
                        }
                        found = true;
                        break;
                    }
                }
                if (found) {
                    i = end;
                    continue;
                }
            }
        }
        out.push_back(t[i]);
    }
    return out;
}

std::string Catalogue::LongDate(const Date& d) const {
    const auto pattern = messages.find("date.long");
    const auto month =
        messages.find("date.month." + std::to_string(static_cast<unsigned>(d.month())));
    if (pattern == messages.end() || month == messages.end()) return FormatIsoDate(d);
    // Latin digits in every language: Morocco writes dates with them (CLDR ar_MA: latn), and
    // the day is not zero-padded (pattern "d").
    return Render(pattern->first, {{"day", std::to_string(static_cast<unsigned>(d.day()))},
                                   {"month", month->second},
                                   {"year", std::to_string(static_cast<int>(d.year()))}});
}

CatalogueLoad ParseCatalogue(std::string_view text) {
    CatalogueLoad result;
    Json j;
    if (!ParseDocument(text, kMaxCatalogueBytes, 4, j, result.errors)) return result;
    Catalogue c;
    {
        ObjectReader r(j, "", result.errors, 1000);
        if (!r.ok()) return result;
        r.String("locale", c.locale);
        r.String("direction", c.direction);
        if (const Json* m = r.Member("messages")) {
            if (!m->is_object()) {
                WrongType("/messages", "object", result.errors);
            } else {
                for (const auto& [code, value] : m->items()) {
                    std::string s;
                    if (ReadString(value, PointerAppend("/messages", code), result.errors, 1000,
                                   s)) {
                        c.messages.emplace(code, std::move(s));
                    }
                }
            }
        }
    }
    if (!IsSupportedLocale(c.locale)) {
        result.errors.push_back({"/locale", "locale.invalid", {{"allowed", "ar, zgh, fr"}}});
    }
    if (c.direction != "rtl" && c.direction != "ltr") {
        result.errors.push_back({"/direction", "file.wrong_type", {{"expected", "rtl|ltr"}}});
    }
    if (result.errors.empty()) result.catalogue = std::move(c);
    return result;
}

}  // namespace tasjil::core
