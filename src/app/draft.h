// Tasjil app: the draft as the device keeps it between visits — the electronic file as far as
// it is answered, the screen the parent is on, what each screen holds that is not yet in the
// file (a date typed in part, a search), and the state of the send. The page stores it
// (sealed, in IndexedDB) within half a second of every change and gives it back at start.
//
// Format (JSON): {"draft_version": 1, "file": <electronic file>, "screen": "child",
//   "locale": "fr", "screens": {...}, "submission": {...}}
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app_state.h"

namespace tasjil::app {

inline constexpr int kDraftVersion = 1;
// A draft holds one file and a few screen values: anything larger was not written by the app.
inline constexpr std::size_t kMaxDraftBytes = 2 * core::kMaxFileBytes;

// The screen of the state's flow with that name (nullopt: none has it).
std::optional<ScreenId> ScreenFromName(const AppState& state, std::string_view name);

// The draft of `state` as JSON: the file, and each screen's values as its spec lists them
// (ScreenSpec::draft). Not const: a screen's state is made on first use.
std::string DraftToJson(AppState& state);

// Reads a draft back into `state`. Every byte is checked: the file must parse as an electronic
// file, the screen be known, each value have its type and a sane length. Returns "" when the
// draft was restored, else the reason it was refused — and then `state` is unchanged.
std::string RestoreDraft(AppState& state, std::string_view json);

// The device's files as the page lists them (tablet mode): JSON [{file_id, changed, draft:
// "<draft JSON>", outbox: {state, reference} | null}]. Entries that are not sound are left out;
// at most kMaxDeviceFiles are read.
inline constexpr std::size_t kMaxDeviceFiles = 500;
inline constexpr std::size_t kMaxDeviceListBytes = kMaxDeviceFiles * kMaxDraftBytes;
std::vector<DeviceFile> ReadDeviceFiles(std::string_view json);

}  // namespace tasjil::app
