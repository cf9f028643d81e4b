#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/files.h"

using namespace tasjil;

TEST_CASE("Only regular files are read, whole", "[io]") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("tasjil-io-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string big(200000, 'x');
    std::ofstream(dir / "big.txt", std::ios::binary) << big;
    std::string out;
    CHECK(io::ReadWholeFile((dir / "big.txt").string(), out));
    CHECK(out == big);
    CHECK_FALSE(io::ReadWholeFile((dir / "missing").string(), out));
    CHECK_FALSE(io::ReadWholeFile(dir.string(), out));  // a folder
    CHECK_FALSE(io::ReadWholeFile("/dev/zero", out));   // endless: never read
    std::filesystem::remove_all(dir);
}

TEST_CASE("Catalogues load for every locale, and a broken one is named", "[io]") {
    std::map<std::string, core::Catalogue> all;
    CHECK(io::LoadCatalogues(std::string(TASJIL_SOURCE_DIR) + "/assets/i18n", TASJIL_CLDR_DIR, all)
              .empty());
    CHECK(all.size() == 3);
    CHECK(all.at("ar").direction == "rtl");
    // The build's CLDR messages are merged in: Moroccan month names, every country.
    CHECK(all.at("ar").Render("date.month.5") == "ماي");
    CHECK(all.at("fr").Render("ui.country.NZ") == "Nouvelle-Zélande");
    const auto dir =
        std::filesystem::temp_directory_path() / ("tasjil-i18n-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    for (const char* l : {"ar", "zgh"}) {
        std::filesystem::copy_file(std::string(TASJIL_SOURCE_DIR) + "/assets/i18n/" + l + ".json",
                                   dir / (std::string(l) + ".json"));
    }
    std::ofstream(dir / "fr.json") << "{\"locale\": \"fr\",";
    std::map<std::string, core::Catalogue> partial;
    const std::string why = io::LoadCatalogues(dir.string(), TASJIL_CLDR_DIR, partial);
    CHECK(why.find("fr.json") != std::string::npos);
    std::filesystem::remove(dir / "fr.json");
    CHECK(io::LoadCatalogues(dir.string(), TASJIL_CLDR_DIR, partial).find("cannot read") !=
          std::string::npos);
    // Without the build's CLDR folder the programs refuse to start, and say what is missing.
    std::filesystem::copy_file(std::string(TASJIL_SOURCE_DIR) + "/assets/i18n/fr.json",
                               dir / "fr.json");
    CHECK(io::LoadCatalogues(dir.string(), (dir / "no-cldr").string(), partial)
              .find("unicode-cldr-core") != std::string::npos);
    std::filesystem::remove_all(dir);
}
