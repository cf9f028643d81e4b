#include "app_fixture.h"

#include <imgui.h>

#include <cstdio>

#include <catch2/catch.hpp>

#include "app/flow.h"
#include "core/rules.h"
#include "core/school_map.h"
#include "support/fixtures.h"

namespace tasjil::test {

TestApp::TestApp(const std::string& today) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    ImFont* font = io.Fonts->AddFontDefault();
    io.Fonts->Build();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    app.fonts.small = app.fonts.body = app.fonts.heading = font;
    for (const char* l : {"ar", "zgh", "fr"}) app.state.catalogues[l] = CatalogueFor(l);
    app.Start("3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b6c", today + "T08:00:00Z", D(today));
    open_year = core::SchoolYearFor(D(today));
    submit_body =
        R"({"reference":"YKQRY-7MKVP","status":"pending_review","reasons":[],"received_at":")" +
        today + R"(T08:10:00Z","serving_unit":""})";
}

TestApp::~TestApp() {
    ImGui::DestroyContext();
}

void TestApp::Answer() {
    for (const auto& r : app.TakeRequests()) {
        ++answered;
        urls.push_back(r.url);
        if (!online) {
            app.Reply(r.id, 0, "");
            continue;
        }
        switch (r.purpose) {
            case app::Request::Purpose::kService:
                app.Reply(r.id, 200, ReadSourceFile("web/service.json"));
                break;
            case app::Request::Purpose::kRules:
                app.Reply(r.id, 200, ReadSourceFile("assets/rules/" + open_year + ".json"));
                break;
            case app::Request::Purpose::kProvinces:
            case app::Request::Purpose::kProvinceMap:
                // The whole sample map: it holds the province's map and the list of provinces.
                app.Reply(r.id, 200, ReadSourceFile("assets/schoolmap/sample.json"));
                break;
            case app::Request::Purpose::kCatalogue:
                app.Reply(r.id, 200, CatalogueText(r.key));
                break;
            case app::Request::Purpose::kCountryNames:
                app.Reply(r.id, 200, CldrText("countries-ar.json"));
                break;
            case app::Request::Purpose::kSubmit:
                ++submits;
                app.Reply(r.id, submit_status, submit_body);
                break;
            case app::Request::Purpose::kStatus:
                app.Reply(r.id, 200,
                          R"({"reference":"YKQRY-7MKVP","status":"approved","status_text":"",)"
                          R"("reasons":[],"received_at":"2026-04-10T08:10:00Z","history":[]})");
                break;
        }
    }
}

void TestApp::ReadyToSend() {
    Settle();
    FillValidFile();
    app::EnterScreen(app.state, app::ScreenId::kDeclarations);
    Settle();
}

std::string TestApp::Settle(float width, float height) {
    std::string last;
    for (int i = 0; i < 20; ++i) {
        app::FrameInput in;
        in.css_width = width;
        in.css_height = height;
        // A fresh id whenever the app took the last one, as the browser's random UUIDs are.
        char tail[16];
        std::snprintf(tail, sizeof tail, "%012d", ++spare_ids_);
        in.spare_file_id = std::string("9b2f6c1e-1d4a-4e6b-8a7c-") + tail;
        const std::string json = app.Frame(in);
        if (!json.empty()) last = json;
        const bool pending = !app.state.requests.empty();
        Answer();
        if (json.empty() && !pending && app.state.ui.intents.empty() && i > 1) break;
    }
    return last;
}

void TestApp::FillValidFile() {
    auto& s = app.state;
    auto& c = s.file.child;
    c.family_name_ar = "العلوي";
    c.given_name_ar = "ياسمين";
    c.family_name_latin = "El Alaoui";
    c.given_name_latin = "Yasmine";
    c.sex = "F";
    *ScreenValue(s, "child", "birth_date").date = {"14", "09", "2020"};
    *ScreenValue(s, "child", "birth_province").text = "01.573";
    *ScreenValue(s, "child", "birth_commune").text = "01.573.01.03";
    c.civil_status.act_number = "1432";
    *ScreenValue(s, "civil_status", "act_year").text = "2020";
    c.civil_status.office = "Martil";
    s.file.father = {"العلوي", "محمد", "El Alaoui", "Mohamed", "L123456", "0661234567", "", false};
    s.file.mother = {
        "بنعيسى", "فاطمة", "Benaissa", "Fatima", "LC98765", "0700112233", "f.benaissa@example.ma",
        false};
    s.file.contact.person = "mother";
    s.file.contact.phone = "0700112233";
    s.file.contact.language = "ar";
    s.file.residence = {"01.573", "01.573.01.03", "01.573.01.03.002", "12, زنقة الياسمين، مرتيل"};
    s.file.school_choice.school_code = "57303B";
    s.file.declarations = {true, true};
}

app::DraftValue ScreenValue(app::AppState& state, std::string_view screen, std::string_view name) {
    for (const auto* spec : app::Flow(state)) {
        if (spec->id.name != screen || !spec->draft) continue;
        for (const auto& v : spec->draft(state)) {
            if (name == v.name) return v;
        }
    }
    FAIL("no screen " << screen << " keeping " << name);
    return {.name = ""};
}

app::Field ScreenField(app::AppState& state, app::ScreenId screen, std::string_view pointer) {
    const auto& spec = app::Spec(state, screen);
    REQUIRE(spec.fields);
    for (auto& f : spec.fields(state)) {
        if (f.pointer == pointer) return f;
    }
    FAIL("no field " << pointer << " on " << screen.name);
    return {};
}

}  // namespace tasjil::test
