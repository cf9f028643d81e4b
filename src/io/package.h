// Tasjil io: the data package — the fonts and catalogues the browser app needs at start, in one
// download (index.data), written by scripts/pack-data.mjs and mounted by the app's entry point so
// that io::ReadWholeFile finds its files without a file system in the browser.
//
// Format (little-endian): the 8 bytes "TSJPKG1\n"; a uint32 count; per file a uint32 name
// length, the name (an absolute path: '/', then [A-Za-z0-9._/-], no "..") and a uint32 size;
// then the files' bytes in the same order, nothing after them.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tasjil::io {

// The files of a package, by name; nullopt with `error` set when the bytes are not a package
// (every size and name is checked before it is used).
std::optional<std::map<std::string, std::string>> ParsePackage(std::string_view bytes,
                                                               std::string& error);

// Makes the files of a package readable by ReadWholeFile under their names (replacing any
// package mounted before). Returns "" or why the bytes are not a package.
std::string MountPackage(std::string_view bytes);

// The mounted file `name`, or nullptr.
const std::string* MountedFile(const std::string& name);

}  // namespace tasjil::io
