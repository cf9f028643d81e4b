// Tasjil staff console entry point (WebAssembly): owns the one Console, draws a frame only when
// something changed, renders it with WebGL2, and exposes the same functions to the page as the
// parents' app (web/bridge.mjs), so that the page's platform layer serves both.
//
// Index
//   [SECTION] State
//   [SECTION] Frame
//   [SECTION] Functions called by the page
//   [SECTION] Start
#include <emscripten.h>

#include <imgui.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "app/platform/gl_runtime.h"
#include "app/platform/web_platform.h"
#include "app/staff/answers.h"
#include "app/staff/console.h"
#include "app/staff/platform.h"
#include "io/files.h"

namespace app = tasjil::app;
namespace staff = tasjil::app::staff;
namespace platform = tasjil::app::platform;

namespace {

// [SECTION] State --------------------------------------------------------------------------------

struct Runtime {
    staff::Console console;
    bool context_lost = false;
    int frames_wanted = 0;
    std::uint64_t frame_count = 0;
    double last_frame_ms = 0;
    double last_frame_cpu_ms = 0;
    ImVec2 mouse{-1, -1};
    bool ready = false;
};
Runtime* g = nullptr;

void Frame();

void Wake(int frames = 2) {
    g->frames_wanted = std::max(g->frames_wanted, frames);
    platform::RequestAnimationFrame(Frame);
}

// The printable list's title and column names, in the interface language.
std::string PrintLabels(const staff::StaffState& s) {
    nlohmann::json j;
    const auto& p = s.page;
    j["title"] = s.list.school.empty() ? app::Tr(p, "ui.staff.list.title")
                                       : staff::SchoolName(s, s.list.school);
    j["columns"] = nlohmann::json::array();
    for (const char* c : {"reference", "child_name_ar", "child_name_latin", "birth_date", "sector",
                          "outcome", "status", "received_at"}) {
        j["columns"].push_back(app::Tr(p, std::string("ui.staff.column.") + c));
    }
    j["statuses"] = nlohmann::json::object();
    for (const char* st : {"pending_review", "approved", "rejected"})
        j["statuses"][st] = app::Tr(p, std::string("status.") + st);
    for (const char* o : {"eligible", "review", "ineligible"})
        j["outcomes"][o] = app::Tr(p, std::string("outcome.") + o);
    j["dir"] = p.ui.locale == "ar" ? "rtl" : "ltr";
    return j.dump();
}

// [SECTION] Frame --------------------------------------------------------------------------------

void Frame() {
    if (g->context_lost) return;
    const double start = platform::NowMs();
    const auto viewport = platform::ReadViewport();
    platform::SizeCanvas(viewport);
    if (!platform::EnsureFonts(g->console.fonts, g->console.shapes, viewport.pixel_ratio)) return;
    ImGui::GetIO().DisplayFramebufferScale = ImVec2(viewport.pixel_ratio, viewport.pixel_ratio);
    app::FrameInput in;
    in.css_width = viewport.css_width;
    in.css_height = viewport.css_height;
    in.touch = viewport.touch;
    in.scroll_y = viewport.scroll_y;
    in.mouse = g->mouse;
    in.delta_time = g->last_frame_ms > 0
                        ? std::max(1e-4f, static_cast<float>((start - g->last_frame_ms) / 1000.0))
                        : 1.f / 60.f;
    in.now_iso = platform::NowIso();
    g->last_frame_ms = start;

    platform::NewFrame();
    const std::string json = g->console.Frame(in);
    platform::Render(viewport);
    if (!json.empty()) platform::Publish(json);
    // The page applies the last annotations again after each tree it publishes.
    if (const std::string notes = g->console.TakeAnnotations(); !notes.empty())
        staff::platform::Annotate(notes);
    auto& s = g->console.state;
    for (const auto& r : g->console.TakeRequests())
        platform::Fetch(r.id, r.method, r.url, r.body, s.page.ui.locale);
    if (s.export_wanted) {
        s.export_wanted = false;
        staff::platform::Export(staff::ListQuery(s), s.page.ui.locale);
    }
    if (s.file_export_wanted) {
        s.file_export_wanted = false;
        staff::platform::ExportFile(s.view.reference, s.page.ui.locale);
    }
    if (s.file_print_wanted) {
        s.file_print_wanted = false;
        staff::platform::PrintFile(staff::FilePrintJson(s, app::ShowDate(platform::NowIso().substr(0, 10))),
                                   s.page.ui.locale);
    }
    if (s.print_wanted) {
        s.print_wanted = false;
        staff::platform::Print(staff::ListQuery(s), PrintLabels(s), s.page.ui.locale);
    }
    ++g->frame_count;
    g->last_frame_cpu_ms = platform::NowMs() - start;
    if (!g->ready) {
        g->ready = true;
        platform::SignalReady();
    }
    if (!json.empty()) g->frames_wanted = std::max(g->frames_wanted, 2);
    if (--g->frames_wanted > 0) platform::RequestAnimationFrame(Frame);
}

void OnContextLost() {
    g->context_lost = true;
}

void OnContextRestored() {
    g->context_lost = false;
    platform::RestartRenderer();
    g->console.fonts = {};
    Wake();
}

}  // namespace

// [SECTION] Functions called by the page ---------------------------------------------------------

extern "C" {

EMSCRIPTEN_KEEPALIVE void tasjil_input(const char* id, const char* value) {
    g->console.Input(id, value);
    Wake();
}
EMSCRIPTEN_KEEPALIVE void tasjil_activate(const char* id) {
    g->console.Activate(id);
    Wake();
}
EMSCRIPTEN_KEEPALIVE void tasjil_focus(const char* id, int focused) {
    g->console.Focus(id, focused != 0);
    Wake();
}
EMSCRIPTEN_KEEPALIVE void tasjil_pointer(float x, float y) {
    g->mouse = ImVec2(x, y);
    Wake(1);
}
EMSCRIPTEN_KEEPALIVE void tasjil_wake() {
    Wake(1);
}
EMSCRIPTEN_KEEPALIVE void tasjil_reply(int id, int status, const char* body) {
    g->console.Reply(id, status, body);
    Wake();
}
// For tests and benchmarks: frames drawn so far and the CPU time of the last one.
EMSCRIPTEN_KEEPALIVE double tasjil_frame_count() {
    return static_cast<double>(g->frame_count);
}
EMSCRIPTEN_KEEPALIVE double tasjil_last_frame_ms() {
    return g->last_frame_cpu_ms;
}

}  // extern "C"

// [SECTION] Start --------------------------------------------------------------------------------

int main() {
    g = new Runtime();
    if (!platform::StartGl(OnContextLost, OnContextRestored)) return 0;
    // Arabic ships in the data package (the parents' messages and the console's); the other
    // languages come when chosen.
    auto& catalogues = g->console.state.page.catalogues;
    if (!tasjil::io::LoadCatalogue("/i18n", "ar", catalogues).empty() ||
        !tasjil::io::MergeCatalogue("/i18n/cldr", "ar", catalogues).empty() ||
        !tasjil::io::MergeCatalogue("/i18n/staff", "ar", catalogues).empty()) {
        platform::SignalFailure("catalogues");
        return 0;
    }
    g->console.state.page.today = platform::Today();
    g->console.state.page.now_iso = platform::NowIso();
    Wake();
    emscripten_exit_with_live_runtime();
    return 0;
}
