// Tasjil app: the browser platform. The only code (with the entries' main.cpp and the page
// runner) that knows it runs in a browser: viewport and pixel ratio, the semantic DOM layer,
// requests, the device's storage, clock and randomness. The DOM side lives in web/platform.mjs and the modules it joins.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "core/dates.h"

namespace tasjil::app::platform {

struct Viewport {
    float css_width = 0;  // canvas size in CSS pixels
    float css_height = 0;
    float pixel_ratio = 1;  // devicePixelRatio
    bool touch = false;     // coarse pointer (phone, tablet)
    float scroll_y = 0;     // the document's vertical scroll position, CSS px
};

Viewport ReadViewport();
// Sets the canvas backing store to CSS size × pixel ratio.
void SizeCanvas(const Viewport& v);
// Calls window[object][method](...args) with string arguments, when the page defined it (the
// entries' own calls: web/staff/console.mjs's TasjilStaff).
void CallPage(const char* object, const char* method, std::initializer_list<const char*> args);
// Sends the semantic tree (JSON) to the DOM layer.
void Publish(const std::string& json);
// Tells the page the app is drawn and interactive (hides the loading screen).
void SignalReady();
// Tells the page a fatal error happened (shows the failure message).
void SignalFailure(const std::string& reason);

// Sends a request with fetch(); the reply comes back through tasjil_reply(id, status, body),
// status 0 when the network failed. `lang` is sent as Accept-Language.
void Fetch(int id, const std::string& method, const std::string& url, const std::string& body,
           const std::string& lang);
// Opens the browser's print dialog (the print stylesheet shows the page's DOM text).
void Print(const std::string& qr_svg);

// The device's storage (web/drafts.mjs, web/outbox.mjs): the draft of a file, stored sealed in
// IndexedDB; forgetting one; the waiting version of the app (the page reloads into it); the
// outbox tried at once.
void SaveDraft(const std::string& file_id, const std::string& json);
void DeleteDraft(const std::string& file_id);
void ApplyUpdate();
void SendNow();
// Tablet mode: lists the device's files (answered by tasjil_files), opens one (tasjil_open).
void ListFiles();
void OpenDraft(const std::string& file_id);
// What the page read before the app started: "mode" (parent | kiosk | tablet) and "draft" (the
// draft to resume, or "").
std::string StartValue(const char* key);
// A line in the browser's console (never personal data).
void Log(const std::string& text);

double NowMs();                              // monotonic milliseconds
std::string NowIso();                        // RFC 3339 UTC timestamp
core::Date Today();                          // the browser's local calendar date
std::array<std::uint8_t, 16> RandomBytes();  // crypto.getRandomValues

}  // namespace tasjil::app::platform
