// Tasjil staff console entry point (WebAssembly): the Console as a page of the page runner
// (platform/page_runner.h), which takes the page's events (web/bridge.mjs) as for the parents'
// app, and what the console's frames ask of the browser.
//
// Index
//   [SECTION] The page
//   [SECTION] Start
#include <emscripten.h>

#include <imgui.h>

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "app/platform/page_runner.h"
#include "app/platform/web_platform.h"
#include "app/staff/answers.h"
#include "app/staff/console.h"
#include "app/staff/platform.h"
#include "io/files.h"

namespace app = tasjil::app;
namespace staff = tasjil::app::staff;
namespace platform = tasjil::app::platform;

namespace {

// [SECTION] The page -----------------------------------------------------------------------------

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

// The console as the page runner drives it; after each frame, its requests, grid annotations,
// downloads and prints go to the browser.
class ConsolePage final : public platform::Page {
  public:
    staff::Console console;

    Parts PageParts() override { return {console.fonts, console.shapes, console.state.page.ui}; }
    std::string Frame(app::FrameInput& in) override { return console.Frame(in); }
    void AfterFrame() override;
    void Activate(const std::string& id) override { console.Activate(id); }
    void Reply(int id, int status, const std::string& body) override {
        console.Reply(id, status, body);
    }
};

void ConsolePage::AfterFrame() {
    // The page applies the last annotations again after each tree it publishes.
    if (const std::string notes = console.TakeAnnotations(); !notes.empty())
        staff::platform::Annotate(notes);
    auto& s = console.state;
    const std::string& lang = s.page.ui.locale;
    for (const auto& r : console.TakeRequests()) {
        if (r.method == staff::kPageMethod)
            staff::platform::Ask(r.id, r.url);
        else
            platform::Fetch(r.id, r.method, r.url, r.body, lang);
    }
    if (std::exchange(s.export_wanted, false)) staff::platform::Export(staff::ListQuery(s), lang);
    if (std::exchange(s.file_export_wanted, false))
        staff::platform::ExportFile(s.view.reference, lang);
    if (std::exchange(s.file_print_wanted, false)) {
        const std::string today = app::ShowDate(platform::NowIso().substr(0, 10));
        staff::platform::PrintFile(staff::FilePrintJson(s, today), lang);
    }
    if (std::exchange(s.letters_print_wanted, false))
        staff::platform::PrintLetters(staff::LettersPrintJson(s), lang);
    if (std::exchange(s.print_wanted, false))
        staff::platform::Print(staff::ListQuery(s), PrintLabels(s), lang);
}

}  // namespace

// [SECTION] Start --------------------------------------------------------------------------------

int main() {
    auto* page = new ConsolePage();  // lives as long as the page
    if (!platform::StartPage(page)) return 0;
    auto& state = page->console.state;
    // Arabic ships in the data package (the parents' messages and the console's); the other
    // languages come when chosen.
    auto& catalogues = state.page.catalogues.All();
    if (!tasjil::io::LoadCatalogue("/i18n", "ar", catalogues).empty() ||
        !tasjil::io::MergeCatalogue("/i18n/cldr", "ar", catalogues).empty() ||
        !tasjil::io::MergeCatalogue("/i18n/staff", "ar", catalogues).empty()) {
        platform::SignalFailure("catalogues");
        return 0;
    }
    // A link's activation code (#activate=…) opens its screen.
    staff::Send(state, staff::StaffRequest::Purpose::kLinkedActivation, staff::kPageMethod,
                "activation");
    state.page.today = platform::Today();
    state.page.now_iso = platform::NowIso();
    platform::Wake();
    emscripten_exit_with_live_runtime();
    return 0;
}
