// Tasjil io: the one way the programs read the project's files — assets, catalogues, fonts, the
// web app — from the disk (native) or the mounted data package (wasm, io/package.h). The core
// stays free of I/O; this small layer sits beside it, used by the app, the CLI and the server.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/i18n.h"

namespace tasjil::io {

// Reads a whole regular file, from the mounted data package first (io/package.h); false when it
// cannot be read.
bool ReadWholeFile(const std::string& path, std::string& out);

// Loads "<dir>/<locale>.json" for every locale the product speaks, each with the messages of
// "<cldr_dir>/<locale>.json" (month and country names from Unicode CLDR, written by the build:
// scripts/cldr-catalogues.py) and "<dir>/staff/<locale>.json" (what the staff console and the
// server say, kept out of the parents' app) merged in. Returns "" or the reason (which file
// could not be read or parsed).
std::string LoadCatalogues(const std::string& dir, const std::string& cldr_dir,
                           std::map<std::string, core::Catalogue>& out);
// The catalogue of one locale, <dir>/<locale>.json, into `out`; "" or why not.
std::string LoadCatalogue(const std::string& dir, std::string_view locale,
                          std::map<std::string, core::Catalogue>& out);
// Adds the messages of <dir>/<locale>.json to the catalogue of that locale in `out`; "" or why
// not.
std::string MergeCatalogue(const std::string& dir, std::string_view locale,
                           std::map<std::string, core::Catalogue>& out);

}  // namespace tasjil::io
