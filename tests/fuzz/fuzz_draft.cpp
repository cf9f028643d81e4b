// A draft read back from the device (src/app/draft.cpp RestoreDraft): storage can be altered
// by anything that runs in the browser profile. Whatever the bytes, a refused draft leaves the
// app's state as it was, and an accepted one writes back to a draft that reads the same.
#include <cstdint>
#include <string>

#include "app/draft.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tasjil::app;
    AppState state;
    state.file = NewDraft("3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b6c", "2026-04-10T08:00:00Z",
                          "2026-2027");
    state.file.child.given_name_ar = "ياسمين";
    const std::string before = DraftToJson(state);
    const std::string text(reinterpret_cast<const char*>(data), size);
    if (!RestoreDraft(state, text).empty()) {
        if (DraftToJson(state) != before) __builtin_trap();  // a refused draft changed the app
        return 0;
    }
    const std::string written = DraftToJson(state);
    AppState again;
    if (!RestoreDraft(again, written).empty() || DraftToJson(again) != written)
        __builtin_trap();  // what the app writes, it cannot read back
    return 0;
}
