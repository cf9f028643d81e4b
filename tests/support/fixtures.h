// Test fixtures: the project's sample files and small helpers to derive variants from them.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "core/electronic_file.h"
#include "core/i18n.h"
#include "core/rules.h"
#include "core/school_map.h"

namespace tasjil::test {

// Contents of a file under the source tree, e.g. "assets/samples/electronic-file.json".
std::string ReadSourceFile(const std::string& relative_path);

// The sample electronic file as JSON, to patch in a test and dump again.
nlohmann::json SampleFileJson();

// The approved text tests/app/approved/<name>.txt (a screen's semantic outline) that `text` must
// equal ("" when there is none); with TASJIL_APPROVE=1 in the environment, `text` is written as
// the approved one first.
std::string ApprovedText(const std::string& name, const std::string& text,
                         const std::string& folder = "tests/app/approved");
// The sample electronic file parsed (the test fails if it does not parse).
core::ElectronicFile SampleFile();

const core::Rules& Rules2026();
const core::SchoolMap& SampleMap();
// The catalogue of a locale as the programs load it: assets/i18n/<locale>.json with the messages
// the build takes from CLDR (TASJIL_CLDR_DIR) merged in.
const core::Catalogue& CatalogueFor(const std::string& locale);
// The same catalogue as JSON text, as the web bundle serves the other languages' catalogues.
std::string CatalogueText(const std::string& locale);
// A file the build writes from CLDR (TASJIL_CLDR_DIR), e.g. "countries-ar.json" (the parents'
// app fetches it) or "start-ar.json" (its data package holds it).
std::string CldrText(const std::string& name);

// A date literal "YYYY-MM-DD" (the test fails on a bad literal).
core::Date D(const std::string& iso);

}  // namespace tasjil::test
