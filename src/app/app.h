// Tasjil app: the one app object — state, semantic layer, shaping cache, fonts — and the frame
// and layout policy (margins, column, when labels sit beside fields), free of browser code so
// that native tests run it. The entry point (main.cpp) feeds it platform events and renders
// what it draws.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app_state.h"
#include "app/in_flight.h"
#include "app/page.h"
#include "app/semantics.h"
#include "app/ui.h"
#include "text/bidi_text.h"

namespace tasjil::app {

class App {
  public:
    AppState state;
    Semantics semantics;
    text::ShapeCache shapes{1024};
    Fonts fonts;

    // A new draft for the school year of `today`, in the default language.
    void Start(const std::string& file_id, const std::string& now_iso, const core::Date& today);

    // Draws one frame into ImGui's draw data (between NewFrame and Render, which it calls), runs
    // the intents queued by widgets, and returns the semantic tree to publish, or "" when it is
    // the same as last time.
    std::string Frame(const FrameInput& input);
    // Requests queued since the last call, for the platform to send.
    std::vector<Request> TakeRequests();
    // A reply to a request taken earlier (status 0: the network failed).
    void Reply(int id, int status, const std::string& body);

    // The draft to store on the device, when it changed since the last call: nothing before the
    // parent leaves the Start screen, nothing when it is what was stored already.
    std::optional<std::string> TakeDraft();
    // Resumes a draft the device kept (draft.h). Returns "" when restored, else why not (the
    // app then stays on its new file).
    std::string Resume(std::string_view draft_json);
    // Opens another draft kept on the device in place of the file on screen (tablet mode; the
    // one on screen stays on the device). Returns "" when opened, else why not.
    std::string Open(std::string_view draft_json);
    // The device's files, listed by the page (tablet mode): see ReadDeviceFiles.
    void Files(std::string_view list_json);
    // How the device is used; a tablet opens on its list of files.
    void SetMode(DeviceMode mode);
    // The link of a message (…/?ref=REFERENCE): the status look-up with the reference filled
    // in; the parent types the child's birth date, which no message carries. A reference that
    // is not one (its check symbol wrong) is ignored: the app opens as usual.
    bool FollowReference(std::string_view reference);
    // The server's date (YYYY-MM-DD, from the Date header of its replies); anything else is
    // ignored. Where the registration window stands is judged with it (RegistrationWindow).
    void ServerDate(std::string_view iso);
    // What the device's outbox did with a file: `outbox_state` is queued | sending (with the
    // status of the last try, 0 for no network) | sent | attention (the server's final answer).
    void Outbox(const std::string& file_id, std::string_view outbox_state, int status,
                const std::string& body);

    // Kiosk mode: seconds left before the wipe (-1: the person is back).
    void Idle(int seconds_left);
    // Kiosk mode: forgets everything of the person who used the kiosk — the file, every
    // screen's values, what was shaped for display — and opens a new file on the Start screen.
    // The rules and maps fetched stay (nothing personal in them).
    void Wipe(const std::string& file_id);

    // Platform events, consumed by the widgets at the next frame.
    void Input(const std::string& id, const std::string& value);
    void Activate(const std::string& id);
    void Focus(const std::string& id, bool focused);

  private:
    std::string last_published_;
    InFlight<Request> in_flight_;
};

}  // namespace tasjil::app
