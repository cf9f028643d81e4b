// tasjil — command-line tools over the core library.
//
//   tasjil precheck FILE [--rules R] [--schoolmap M] [--today YYYY-MM-DD] [--lang ar|zgh|fr]
//   tasjil schoolmap check MAP
//   tasjil schoolmap generate --national --seed N [--out FILE]
//   tasjil schoolmap import CSV... --out MAP [--divisions MAP] [--name TEXT]
//
// Exit codes: 0 checked (whatever the outcome), 1 a map check found problems,
// 2 an input could not be read or parsed, 64 bad usage.
//
// Index
//   [SECTION] Helpers
//   [SECTION] precheck
//   [SECTION] schoolmap
//   [SECTION] main
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/dates.h"
#include "core/i18n.h"
#include "core/precheck.h"
#include "core/school_map.h"
#include "core/school_map_import.h"
#include "core/synthetic_map.h"
#include "io/files.h"

namespace core = tasjil::core;

namespace {

// [SECTION] Helpers ------------------------------------------------------------------------------

constexpr int kExitOk = 0;
constexpr int kExitProblems = 1;
constexpr int kExitUnreadable = 2;
constexpr int kExitUsage = 64;

constexpr const char* kUsage =
    "usage:\n"
    "  tasjil precheck FILE [--rules R] [--schoolmap M] [--today YYYY-MM-DD] [--lang ar|zgh|fr]\n"
    "  tasjil schoolmap check MAP\n"
    "  tasjil schoolmap generate --national --seed N [--out FILE]\n"
    "  tasjil schoolmap import CSV... --out MAP [--divisions MAP] [--name TEXT]\n"
    "\n"
    "precheck prints one JSON object {valid, errors, eligibility}. Defaults: the rules file of\n"
    "the file's school year and the sample school map under $TASJIL_ASSETS (else the source\n"
    "tree's assets/), today's date (UTC), the file's own language.\n"
    "Exit codes: 0 checked, 1 map problems found, 2 unreadable or unparsable input, 64 usage.\n";

int Usage(const std::string& why) {
    std::cerr << "tasjil: " << why << "\n" << kUsage;
    return kExitUsage;
}

std::string AssetsDir() {
    const char* env = std::getenv("TASJIL_ASSETS");
    return env && *env ? env : TASJIL_DEFAULT_ASSETS;
}

// The catalogues the build takes from CLDR (scripts/cldr-catalogues.py).
std::string CldrDir() {
    const char* env = std::getenv("TASJIL_CLDR");
    return env && *env ? env : TASJIL_DEFAULT_CLDR;
}

bool ReadFile(const std::string& path, std::string& out) {
    return tasjil::io::ReadWholeFile(path, out);
}

core::Date TodayUtc() {
    const auto now = std::chrono::floor<date::days>(std::chrono::system_clock::now());
    return core::Date{now};
}

// Options after the positional arguments: "--name value" pairs and bare flags.
struct Options {
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> named;
    std::vector<std::string> flags;

    const std::string* Get(const std::string& name) const {
        for (const auto& [k, v] : named) {
            if (k == name) return &v;
        }
        return nullptr;
    }
    bool Has(const std::string& flag) const {
        for (const auto& f : flags) {
            if (f == flag) return true;
        }
        return false;
    }
};

bool ParseOptions(int argc, char** argv, int first, const std::vector<std::string>& valued,
                  const std::vector<std::string>& bare, Options& out, std::string& error) {
    for (int i = first; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--", 0) != 0) {
            out.positional.push_back(a);
            continue;
        }
        bool known = false;
        for (const auto& v : valued) {
            if (a == v) {
                if (i + 1 >= argc) {
                    error = a + " needs a value";
                    return false;
                }
                out.named.emplace_back(a, argv[++i]);
                known = true;
            }
        }
        for (const auto& b : bare) {
            if (a == b) {
                out.flags.push_back(a);
                known = true;
            }
        }
        if (!known) {
            error = "unknown option " + a;
            return false;
        }
    }
    return true;
}

std::optional<core::Catalogue> LoadCatalogue(const std::string& locale) {
    std::map<std::string, core::Catalogue> all;
    if (!tasjil::io::LoadCatalogues(AssetsDir() + "/i18n", CldrDir(), all).empty()) return std::nullopt;
    auto it = all.find(locale);
    if (it == all.end()) return std::nullopt;
    return std::move(it->second);
}

// Prints the precheck-shaped JSON for a problem with an input other than the file's content.
int InputFailure(const std::string& code, const std::string& detail, const std::string& locale) {
    core::PrecheckResult r;
    r.errors.push_back({"", code, {{"path", detail}}});
    const auto messages = LoadCatalogue(locale);
    std::cout << core::PrecheckToJson(r, messages ? *messages : core::Catalogue{}) << "\n";
    return kExitUnreadable;
}

std::string ErrorsText(const core::FieldErrors& errors, const core::Catalogue& messages) {
    std::string out;
    for (const auto& e : errors) {
        out += "  " + (e.pointer.empty() ? std::string("/") : e.pointer) + ": " + e.code + " — " +
               messages.Render(e) + "\n";
    }
    return out;
}

// [SECTION] precheck -----------------------------------------------------------------------------

int Precheck(int argc, char** argv) {
    Options o;
    std::string error;
    if (!ParseOptions(argc, argv, 2, {"--rules", "--schoolmap", "--today", "--lang"}, {}, o,
                      error)) {
        return Usage(error);
    }
    if (o.positional.size() != 1) return Usage("precheck takes exactly one FILE");
    std::string lang = o.Get("--lang") ? *o.Get("--lang") : "";
    if (!lang.empty() && !core::IsSupportedLocale(lang)) return Usage("--lang is ar, zgh or fr");
    core::Date today = TodayUtc();
    if (const auto* t = o.Get("--today")) {
        auto d = core::ParseIsoDate(*t);
        if (!d) return Usage("--today must be a real date YYYY-MM-DD");
        today = *d;
    }

    std::string text;
    const std::string& path = o.positional[0];
    if (!ReadFile(path, text))
        return InputFailure("file.unreadable", path, lang.empty() ? "fr" : lang);
    core::ParseResult parsed = core::ParseElectronicFile(text);
    if (lang.empty()) {
        lang = parsed.file && core::IsSupportedLocale(parsed.file->locale) ? parsed.file->locale
                                                                           : "fr";
    }
    const auto messages = LoadCatalogue(lang);
    if (!messages) {
        std::cerr << "tasjil: cannot load the " << lang << " message catalogue from " << AssetsDir()
                  << "/i18n\n";
        return InputFailure("file.unreadable", AssetsDir() + "/i18n/" + lang + ".json", lang);
    }
    if (!parsed.file) {
        core::PrecheckResult r;
        r.errors = std::move(parsed.errors);
        std::cout << core::PrecheckToJson(r, *messages) << "\n";
        return kExitUnreadable;
    }

    const std::string rules_path =
        o.Get("--rules") ? *o.Get("--rules")
                         : AssetsDir() + "/rules/" + parsed.file->school_year + ".json";
    std::string rules_text;
    if (!ReadFile(rules_path, rules_text)) {
        // No rules for that year: the file names a year the service does not open.
        core::PrecheckResult r;
        r.file = std::move(parsed.file);
        r.errors.push_back({"/school_year", "school_year.not_open", {{"school_year", "-"}}});
        std::cout << core::PrecheckToJson(r, *messages) << "\n";
        return kExitOk;
    }
    auto rules = core::ParseRules(rules_text);
    if (!rules.rules) {
        std::cerr << "tasjil: " << rules_path << " is not a valid rules file:\n"
                  << ErrorsText(rules.errors, *messages);
        return InputFailure("rules.unreadable", rules_path, lang);
    }
    const std::string map_path =
        o.Get("--schoolmap") ? *o.Get("--schoolmap") : AssetsDir() + "/schoolmap/sample.json";
    std::string map_text;
    if (!ReadFile(map_path, map_text)) return InputFailure("schoolmap.unreadable", map_path, lang);
    auto map = core::ParseSchoolMap(map_text);
    if (!map.map) {
        std::cerr << "tasjil: " << map_path << " is not a valid school map:\n"
                  << ErrorsText(map.errors, *messages);
        return InputFailure("schoolmap.unreadable", map_path, lang);
    }

    const auto result = core::Precheck(std::move(parsed), *rules.rules, *map.map, today);
    std::cout << core::PrecheckToJson(result, *messages) << "\n";
    return kExitOk;
}

// [SECTION] schoolmap ----------------------------------------------------------------------------

int SchoolmapCheck(const Options& o) {
    if (o.positional.size() != 1) return Usage("schoolmap check takes exactly one MAP");
    std::string text;
    if (!ReadFile(o.positional[0], text)) {
        std::cerr << "tasjil: cannot read " << o.positional[0] << "\n";
        return kExitUnreadable;
    }
    const auto messages = LoadCatalogue("fr");
    const core::Catalogue empty;
    const core::Catalogue& m = messages ? *messages : empty;
    auto load = core::ParseSchoolMap(text);
    if (!load.map) {
        std::cout << "school map " << o.positional[0] << ": " << load.errors.size() << " error(s)\n"
                  << ErrorsText(load.errors, m);
        return kExitProblems;
    }
    const auto& d = load.map->document();
    std::size_t satellites = 0, centrals = 0, douars = 0;
    for (const auto& s : d.schools) {
        satellites += s.kind == "satellite";
        centrals += s.kind == "central";
    }
    for (const auto& s : d.sectors) douars += s.kind == "douar";
    std::cout << "school map " << o.positional[0] << ": " << d.name << "\n"
              << "  regions " << d.regions.size() << ", provinces " << d.provinces.size()
              << ", communes " << d.communes.size() << ", sectors " << d.sectors.size()
              << " (douars " << douars << "), schools " << d.schools.size() << " (central "
              << centrals << ", satellite units " << satellites << ")\n";
    const auto unserved = load.map->UnservedSectors();
    if (!unserved.empty()) {
        std::cout << "  " << unserved.size() << " sector(s) served by no school:\n";
        for (const auto* s : unserved) std::cout << "    " << s->code << " " << s->name_fr << "\n";
        return kExitProblems;
    }
    std::cout << "  ok: no duplicate codes, no dangling references, every sector served\n";
    return kExitOk;
}

int SchoolmapGenerate(const Options& o) {
    if (!o.Has("--national")) return Usage("schoolmap generate needs --national");
    const std::string* seed_text = o.Get("--seed");
    if (!seed_text) return Usage("schoolmap generate needs --seed N");
    char* end = nullptr;
    const unsigned long long seed = std::strtoull(seed_text->c_str(), &end, 10);
    if (seed_text->empty() || *end != '\0') return Usage("--seed must be a whole number");
    const std::string json = core::ToJson(core::GenerateSyntheticMap(seed));
    if (const std::string* out = o.Get("--out")) {
        std::ofstream f(*out, std::ios::binary);
        f << json << "\n";
        if (!f) {
            std::cerr << "tasjil: cannot write " << *out << "\n";
            return kExitUnreadable;
        }
    } else {
        std::cout << json << "\n";
    }
    return kExitOk;
}

// Writes `text` to `path`; false (said on stderr) when it cannot.
bool WriteOut(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    f.flush();
    if (!f) std::cerr << "tasjil: cannot write " << path << "\n";
    return static_cast<bool>(f);
}

int SchoolmapImport(const Options& o) {
    const std::string* out = o.Get("--out");
    if (!out) return Usage("schoolmap import needs --out MAP");
    if (o.positional.empty()) return Usage("schoolmap import needs the CSV files");
    std::vector<core::CsvSource> sources;
    for (const auto& path : o.positional) {
        core::CsvSource source{path, ""};
        if (!ReadFile(path, source.text)) {
            std::cerr << "tasjil: cannot read " << path << "\n";
            return kExitUnreadable;
        }
        sources.push_back(std::move(source));
    }
    std::optional<core::SchoolMap> divisions;
    if (const std::string* path = o.Get("--divisions")) {
        std::string text;
        if (!ReadFile(*path, text)) {
            std::cerr << "tasjil: cannot read " << *path << "\n";
            return kExitUnreadable;
        }
        auto load = core::ParseSchoolMap(text);
        if (!load.map) {
            std::cerr << "tasjil: " << *path
                      << " is not a valid school map (tasjil schoolmap check " << *path
                      << " says why)\n";
            return kExitUnreadable;
        }
        divisions = std::move(load.map);
    }
    const std::string name = o.Get("--name") ? *o.Get("--name") : "Imported from CSV";
    const auto result =
        core::ImportSchoolMap(sources, divisions ? &divisions->document() : nullptr, name);
    if (!result.document) {
        for (const auto& p : result.problems) {
            std::cout << (p.file.empty() ? "map" : p.file);
            if (p.line > 0) std::cout << ":" << p.line;
            std::cout << ": " << p.message << "\n";
        }
        std::cout << result.problems.size() << " problem(s); nothing written\n";
        return kExitProblems;
    }
    const auto& d = *result.document;
    if (!WriteOut(*out, core::ToJson(d) + "\n")) return kExitUnreadable;
    std::cout << "school map " << *out << ": regions " << d.regions.size() << ", provinces "
              << d.provinces.size() << ", communes " << d.communes.size() << ", sectors "
              << d.sectors.size() << ", schools " << d.schools.size()
              << "; every sector served, no duplicate codes, no dangling references\n";
    return kExitOk;
}

int Schoolmap(int argc, char** argv) {
    if (argc < 3) return Usage("schoolmap needs check, generate or import");
    const std::string verb = argv[2];
    Options o;
    std::string error;
    if (verb == "check") {
        if (!ParseOptions(argc, argv, 3, {}, {}, o, error)) return Usage(error);
        return SchoolmapCheck(o);
    }
    if (verb == "generate") {
        if (!ParseOptions(argc, argv, 3, {"--seed", "--out"}, {"--national"}, o, error)) {
            return Usage(error);
        }
        if (!o.positional.empty()) return Usage("schoolmap generate takes no positional argument");
        return SchoolmapGenerate(o);
    }
    if (verb == "import") {
        if (!ParseOptions(argc, argv, 3, {"--out", "--divisions", "--name"}, {}, o, error)) {
            return Usage(error);
        }
        return SchoolmapImport(o);
    }
    return Usage("unknown schoolmap command " + verb);
}

}  // namespace

// [SECTION] main ---------------------------------------------------------------------------------

int main(int argc, char** argv) {
    if (argc < 2) return Usage("missing command");
    const std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        std::cout << kUsage;
        return kExitOk;
    }
    if (cmd == "--version") {
        std::cout << "tasjil " << TASJIL_VERSION << "\n";
        return kExitOk;
    }
    if (cmd == "precheck") return Precheck(argc, argv);
    if (cmd == "schoolmap") return Schoolmap(argc, argv);
    return Usage("unknown command " + cmd);
}
