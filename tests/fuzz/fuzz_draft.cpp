// What the browser app reads back from the device (src/app/draft.cpp): storage can be altered
// by anything that runs in the browser profile. The first byte chooses the reader, the rest is
// the text.
//  - RestoreDraft: a refused draft leaves the app's state as it was, and an accepted one writes
//    back to a draft that reads the same.
//  - ReadDeviceFiles (the tablet's list): never more than kMaxDeviceFiles, each with an id.
#include <cstdint>
#include <string>

#include "app/draft.h"

namespace {

void Draft(const std::string& text) {
    using namespace tasjil::app;
    AppState state;
    state.file = NewDraft("3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b6c", "2026-04-10T08:00:00Z",
                          "2026-2027");
    state.file.child.given_name_ar = "ياسمين";
    const std::string before = DraftToJson(state);
    if (!RestoreDraft(state, text).empty()) {
        if (DraftToJson(state) != before) __builtin_trap();  // a refused draft changed the app
        return;
    }
    const std::string written = DraftToJson(state);
    AppState again;
    if (!RestoreDraft(again, written).empty() || DraftToJson(again) != written)
        __builtin_trap();  // what the app writes, it cannot read back
}

void DeviceFiles(const std::string& text) {
    const auto files = tasjil::app::ReadDeviceFiles(text);
    if (files.size() > tasjil::app::kMaxDeviceFiles) __builtin_trap();
    for (const auto& f : files) {
        if (f.file_id.empty()) __builtin_trap();  // every listed file can be opened by its id
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] % 2 == 0) Draft(text);
    else DeviceFiles(text);
    return 0;
}
