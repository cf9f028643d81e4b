#include "app/platform/web_platform.h"

#include <emscripten.h>
#include <emscripten/console.h>
#include <emscripten/html5.h>

#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>

#include "io/package.h"

namespace tasjil::app::platform {

namespace {

// The JavaScript side, kept as written (clang-format would break JavaScript's operators).
// clang-format off
// Calls window[object][method](...args), all strings, when the page defined it. Names are
// looked up as strings, so Closure keeps them.
EM_JS(void, JsCall, (const char* object, const char* method, const char* const* argv, int argc), {
    var p = window[UTF8ToString(object)];
    var f = p && p[UTF8ToString(method)];
    if (!f) return;
    var args = [];
    for (var i = 0; i < argc; ++i) args.push(UTF8ToString(HEAPU32[(argv >> 2) + i]));
    f.apply(p, args);
});
// The one call with a number: the request's id comes back with its reply.
EM_JS(void, JsFetch, (int id, const char* method, const char* url, const char* body, const char* lang), {
    var p = window['TasjilPlatform'];
    if (p) p['fetch'](id, UTF8ToString(method), UTF8ToString(url), UTF8ToString(body), UTF8ToString(lang));
});
EM_JS(char*, JsStartValue, (const char* key), {
    var p = window['TasjilPlatform'];
    var v = p && p['start'] ? p['start'][UTF8ToString(key)] : null;
    var s = typeof v === 'string' ? v : "";
    var n = lengthBytesUTF8(s) + 1;
    var out = _malloc(n);
    stringToUTF8(s, out, n);
    return out;
});
EM_JS(void, JsLog, (const char* text), { console.warn(UTF8ToString(text)); });
EM_JS(double, JsScrollY, (), { return window.scrollY || 0; });
EM_JS(int, JsIsTouch, (),
      { return (window.matchMedia && window.matchMedia('(pointer: coarse)').matches) ? 1 : 0; });
EM_JS(char*, JsNowIso, (), {
    var s = new Date().toISOString().slice(0, 19) + 'Z';
    var n = lengthBytesUTF8(s) + 1;
    var p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});
EM_JS(int, JsTodayPacked, (), {
    var d = new Date();
    return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
});
EM_JS(void, JsRandom, (unsigned char* out, int n),
      { crypto.getRandomValues(HEAPU8.subarray(out, out + n)); });
// clang-format on

void Call(const char* method, std::initializer_list<const char*> args) {
    CallPage("TasjilPlatform", method, args);
}

}  // namespace

Viewport ReadViewport() {
    Viewport v;
    double w = 0, h = 0;
    emscripten_get_element_css_size("#canvas", &w, &h);
    v.css_width = static_cast<float>(w);
    v.css_height = static_cast<float>(h);
    v.pixel_ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (v.pixel_ratio <= 0) v.pixel_ratio = 1;
    v.touch = JsIsTouch() != 0;
    v.scroll_y = static_cast<float>(JsScrollY());
    return v;
}

void SizeCanvas(const Viewport& v) {
    const int w = static_cast<int>(v.css_width * v.pixel_ratio + 0.5f);
    const int h = static_cast<int>(v.css_height * v.pixel_ratio + 0.5f);
    int cw = 0, ch = 0;
    emscripten_get_canvas_element_size("#canvas", &cw, &ch);
    if (cw != w || ch != h) emscripten_set_canvas_element_size("#canvas", w, h);
}

void CallPage(const char* object, const char* method, std::initializer_list<const char*> args) {
    JsCall(object, method, args.begin(), static_cast<int>(args.size()));
}

void Publish(const std::string& json) {
    Call("publish", {json.c_str()});
}
void SignalReady() {
    Call("ready", {});
}
void SignalFailure(const std::string& reason) {
    Call("failure", {reason.c_str()});
}

void Fetch(int id, const std::string& method, const std::string& url, const std::string& body,
           const std::string& lang) {
    JsFetch(id, method.c_str(), url.c_str(), body.c_str(), lang.c_str());
}

void Print(const std::string& qr_svg) {
    Call("print", {qr_svg.c_str()});
}

void SaveDraft(const std::string& file_id, const std::string& json) {
    Call("saveDraft", {file_id.c_str(), json.c_str()});
}
void DeleteDraft(const std::string& file_id) {
    Call("deleteDraft", {file_id.c_str()});
}
void ApplyUpdate() {
    Call("applyUpdate", {});
}
void SendNow() {
    Call("sendNow", {});
}
void ListFiles() {
    Call("listFiles", {});
}
void OpenDraft(const std::string& file_id) {
    Call("openDraft", {file_id.c_str()});
}

std::string StartValue(const char* key) {
    char* s = JsStartValue(key);
    std::string out(s);
    std::free(s);
    return out;
}

void Log(const std::string& text) {
    JsLog(text.c_str());
}

double NowMs() {
    return emscripten_get_now();
}

std::string NowIso() {
    char* s = JsNowIso();
    std::string out(s);
    std::free(s);
    return out;
}

core::Date Today() {
    const int packed = JsTodayPacked();
    return core::Date{date::year{packed / 10000},
                      date::month{static_cast<unsigned>(packed / 100 % 100)},
                      date::day{static_cast<unsigned>(packed % 100)}};
}

std::array<std::uint8_t, 16> RandomBytes() {
    std::array<std::uint8_t, 16> out{};
    JsRandom(out.data(), static_cast<int>(out.size()));
    return out;
}

}  // namespace tasjil::app::platform

// The data package the page downloaded (index.data: fonts, catalogues), handed over by the
// loader before main() runs; the app then reads those files through io::ReadWholeFile, and the
// browser build carries no file system. Returns 1, or 0 when the bytes are not a package (the
// app then reports the fonts it cannot read).
extern "C" EMSCRIPTEN_KEEPALIVE int tasjil_mount(const char* bytes, int size) {
    const std::string error =
        tasjil::io::MountPackage(std::string_view(bytes, static_cast<std::size_t>(size)));
    if (!error.empty()) {
        emscripten_console_error(("tasjil: the data package cannot be read: " + error).c_str());
        return 0;
    }
    return 1;
}
