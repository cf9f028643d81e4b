// A native App for the tests: an ImGui context with the default font, the shipped catalogues,
// and a server stand-in that answers the app's requests from the repository's assets (the same
// rules file and school map the server loads), through App::Reply like the browser's fetch.
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "app/flow.h"

namespace tasjil::test {

class TestApp {
  public:
    explicit TestApp(const std::string& today = "2026-04-10");
    ~TestApp();
    TestApp(const TestApp&) = delete;
    TestApp& operator=(const TestApp&) = delete;

    app::App app;
    app::AppState& state() { return app.state; }

    // Draws frames (answering requests between them) until nothing changes; returns the last
    // published tree ("" when the last frame published nothing new).
    std::string Settle(float width = 1024, float height = 900);
    // Requests answered so far, and whether the stand-in answers (false: the network is down).
    int answered = 0;
    bool online = true;
    // The body and status the stand-in gives to POST /api/v1/files (default: 201 receipt).
    int submit_status = 201;
    std::string submit_body;
    int submits = 0;
    // The school year the stand-in server takes files for (its GET /api/v1/rules/current):
    // by default the one the constructor's date falls in.
    std::string open_year;
    // Every URL the app asked for, in order.
    std::vector<std::string> urls;

    // Fills every screen's answers with a valid file (a child of the sample map's Martil).
    void FillValidFile();
    // Settles the first screen, fills a valid file and opens the send screen, ready for Send.
    void ReadyToSend();

  private:
    void Answer();
    int spare_ids_ = 0;
};

// A value a screen keeps beside the file, found by the screen's name and its own name in the
// draft (the screen's state type is its file's own): `*ScreenValue(s, "child", "birth_date").date`.
app::DraftValue ScreenValue(app::AppState& state, std::string_view screen, std::string_view name);
// The field of a screen bound to `pointer` (bound to the state for as long as it is unchanged).
app::Field ScreenField(app::AppState& state, app::ScreenId screen, std::string_view pointer);

}  // namespace tasjil::test
