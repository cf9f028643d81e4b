#include "support/fixtures.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>

namespace tasjil::test {

std::string ReadSourceFile(const std::string& relative_path) {
    const std::string path = std::string(TASJIL_SOURCE_DIR) + "/" + relative_path;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

nlohmann::json SampleFileJson() {
    return nlohmann::json::parse(ReadSourceFile("assets/samples/electronic-file.json"));
}

core::ElectronicFile SampleFile() {
    auto parsed = core::ParseElectronicFile(SampleFileJson().dump());
    if (!parsed.file) throw std::runtime_error("the sample file does not parse");
    return *parsed.file;
}

const core::Rules& Rules2026() {
    static const core::Rules rules = [] {
        auto load = core::ParseRules(ReadSourceFile("assets/rules/2026-2027.json"));
        if (!load.rules) throw std::runtime_error("rules 2026-2027 do not load");
        return *load.rules;
    }();
    return rules;
}

const core::SchoolMap& SampleMap() {
    static const core::SchoolMap map = [] {
        auto load = core::ParseSchoolMap(ReadSourceFile("assets/schoolmap/sample.json"));
        if (!load.map) throw std::runtime_error("the sample school map does not load");
        return *load.map;
    }();
    return map;
}

const core::Catalogue& CatalogueFor(const std::string& locale) {
    static std::map<std::string, core::Catalogue> cache;
    auto it = cache.find(locale);
    if (it == cache.end()) {
        auto load = core::ParseCatalogue(ReadSourceFile("assets/i18n/" + locale + ".json"));
        if (!load.catalogue) throw std::runtime_error("catalogue " + locale + " does not load");
        auto cldr = core::ParseCatalogue(CldrText(locale + ".json"));
        if (!cldr.catalogue)
            throw std::runtime_error("CLDR catalogue " + locale + " does not load");
        for (auto& [code, message] : cldr.catalogue->messages)
            load.catalogue->messages.emplace(code, message);
        it = cache.emplace(locale, *load.catalogue).first;
    }
    return it->second;
}

std::string CldrText(const std::string& name) {
    std::ifstream in(std::string(TASJIL_CLDR_DIR) + "/" + name, std::ios::binary);
    if (!in) throw std::runtime_error("the build wrote no " + name + " in " TASJIL_CLDR_DIR);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

std::string CatalogueText(const std::string& locale) {
    const auto& c = CatalogueFor(locale);
    nlohmann::json j = {{"locale", c.locale}, {"direction", c.direction}, {"messages", c.messages}};
    return j.dump();
}

core::Date D(const std::string& iso) {
    auto d = core::ParseIsoDate(iso);
    if (!d) throw std::runtime_error("bad date literal " + iso);
    return *d;
}

std::string ApprovedText(const std::string& name, const std::string& text,
                         const std::string& folder) {
    const std::string path = std::string(TASJIL_SOURCE_DIR) + "/" + folder + "/" + name + ".txt";
    if (std::getenv("TASJIL_APPROVE")) std::ofstream(path, std::ios::binary) << text;
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace tasjil::test
