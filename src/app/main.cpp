// Tasjil app entry point (WebAssembly): the parents' App as a page of the page runner
// (platform/page_runner.h), what its frames ask of the device, and the functions of the page's
// platform layer (web/bridge.mjs) that only the parents' app takes.
//
// Index
//   [SECTION] The page
//   [SECTION] Functions called by the page
//   [SECTION] Start
#include <emscripten.h>

#include <imgui.h>

#include <string>
#include <utility>

#include "app/app.h"
#include "app/platform/page_runner.h"
#include "app/platform/web_platform.h"
#include "app/qr.h"
#include "core/uuid.h"
#include "io/files.h"

namespace app = tasjil::app;
namespace core = tasjil::core;
namespace platform = tasjil::app::platform;

namespace {

// [SECTION] The page -----------------------------------------------------------------------------

std::string NewFileId() {
    return core::UuidV4FromBytes(platform::RandomBytes());
}

// The parents' app as the page runner drives it; after each frame, what the frame asked of the
// device (requests, the draft, the outbox, printing) goes to the browser.
class ParentsPage final : public platform::Page {
  public:
    app::App app;

    Parts PageParts() override { return {app.fonts, app.shapes, app.state.ui}; }
    // Kiosk mode draws everything larger.
    float Scale() const override {
        return app.state.device.mode == app::DeviceMode::kKiosk ? app::sizes::kKioskScale : 1.f;
    }
    std::string Frame(app::FrameInput& in) override {
        if (app.state.spare_file_id.empty()) in.spare_file_id = NewFileId();
        return app.Frame(in);
    }
    void AfterFrame() override;
    void Activate(const std::string& id) override { app.Activate(id); }
    void Reply(int id, int status, const std::string& body) override {
        app.Reply(id, status, body);
    }
};

void ParentsPage::AfterFrame() {
    for (const auto& r : app.TakeRequests())
        platform::Fetch(r.id, r.method, r.url, r.body, app.state.ui.locale);
    auto& device = app.state.device;
    if (auto draft = app.TakeDraft()) platform::SaveDraft(app.state.file.file_id, *draft);
    for (const auto& id : device.drafts_to_delete) platform::DeleteDraft(id);
    device.drafts_to_delete.clear();
    if (std::exchange(device.apply_update, false)) platform::ApplyUpdate();
    if (std::exchange(device.send_now, false)) platform::SendNow();
    if (std::exchange(device.files_wanted, false)) platform::ListFiles();
    if (!device.file_to_open.empty()) platform::OpenDraft(std::exchange(device.file_to_open, {}));
    if (std::exchange(app.state.ui.print_requested, false))
        platform::Print(app::QrSvg(app::EncodeQr(app.state.submission.reference)));
}

app::App& TheApp() {
    return static_cast<ParentsPage&>(platform::CurrentPage()).app;
}

}  // namespace

// [SECTION] Functions called by the page ---------------------------------------------------------
// Those of the parents' app only; the common ones are the runner's (platform/page_runner.cpp).

extern "C" {

// The server's date, from the Date header of a reply (the page turns it into YYYY-MM-DD).
EMSCRIPTEN_KEEPALIVE void tasjil_server_date(const char* iso) {
    TheApp().ServerDate(iso);
    platform::Wake();
}

// What the device's outbox did with a file (web/outbox.mjs): queued | sending | sent | attention,
// with the status of the last try (-1: not tried yet, 0: no network) and the server's answer.
EMSCRIPTEN_KEEPALIVE void tasjil_outbox(const char* file_id, const char* state, int status,
                                        const char* body) {
    TheApp().Outbox(file_id, state, status, body);
    platform::Wake();
}

// Tablet mode: the device's files (JSON list, see app/draft.h ReadDeviceFiles).
EMSCRIPTEN_KEEPALIVE void tasjil_files(const char* list) {
    TheApp().Files(list);
    platform::Wake();
}

// Tablet mode: a kept draft asked for with OpenDraft, to put in place of the file on screen.
EMSCRIPTEN_KEEPALIVE void tasjil_open(const char* draft) {
    if (const std::string problem = TheApp().Open(draft); !problem.empty())
        platform::Log("tasjil: the draft was not opened: " + problem);
    platform::Wake();
}

// Kiosk mode: seconds before the wipe (the countdown shown), or -1 when someone touched the screen.
EMSCRIPTEN_KEEPALIVE void tasjil_idle(int seconds_left) {
    TheApp().Idle(seconds_left);
    platform::Wake();
}

// Kiosk mode: the person left (idle) or printed the receipt: everything of theirs goes.
EMSCRIPTEN_KEEPALIVE void tasjil_wipe() {
    TheApp().Wipe(NewFileId());
    platform::Wake();
}

// What the page learnt of the device: a new version waits; storage is low.
EMSCRIPTEN_KEEPALIVE void tasjil_device(int update_ready, int storage_low) {
    auto& device = TheApp().state.device;
    device.update_ready = update_ready != 0;
    device.storage_low = storage_low != 0;
    platform::Wake();
}

// For benchmarks: how long the last build of the font atlas took.
EMSCRIPTEN_KEEPALIVE double tasjil_font_build_ms() {
    return platform::FontBuildMs();
}
// For tests: text shaping runs so far (stays flat while nothing changes).
EMSCRIPTEN_KEEPALIVE double tasjil_shape_count() {
    return static_cast<double>(TheApp().shapes.misses());
}

}  // extern "C"

// [SECTION] Start --------------------------------------------------------------------------------

int main() {
    auto* page = new ParentsPage();  // lives as long as the page
    if (!platform::StartPage(page)) return 0;
    app::App& app = page->app;
    // The default language ships in the data package (with its CLDR month and country names);
    // the others come when chosen.
    if (!tasjil::io::LoadCatalogue("/i18n", core::kDefaultLocale, app.state.catalogues.All()).empty() ||
        !tasjil::io::MergeCatalogue("/i18n/cldr", core::kDefaultLocale, app.state.catalogues.All())
             .empty()) {
        platform::SignalFailure("catalogues");
        return 0;
    }
    app.Start(NewFileId(), platform::NowIso(), platform::Today());
    const std::string mode = platform::StartValue("mode");
    app.SetMode(mode == "kiosk"    ? app::DeviceMode::kKiosk
                : mode == "tablet" ? app::DeviceMode::kTablet
                                   : app::DeviceMode::kParent);
    if (const std::string draft = platform::StartValue("draft"); !draft.empty()) {
        // A draft this version cannot read stays on the device untouched; the parent starts
        // a new file (nothing personal is logged).
        if (const std::string problem = app.Resume(draft); !problem.empty())
            platform::Log("tasjil: the saved draft was not resumed: " + problem);
    }
    // A message's link opens the status look-up, whatever draft the device holds.
    app.FollowReference(platform::StartValue("ref"));
    platform::Wake();
    emscripten_exit_with_live_runtime();
    return 0;
}
