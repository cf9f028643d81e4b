#include "app/staff/platform.h"

#include <emscripten.h>

namespace tasjil::app::staff::platform {

namespace {
// Property names are quoted so that Closure keeps them.
EM_JS(void, JsStaffAnnotate, (const char* json), {
    var p = window['TasjilStaff'];
    if (p) p['annotate'](UTF8ToString(json));
});
EM_JS(void, JsStaffExport, (const char* query, const char* lang), {
    var p = window['TasjilStaff'];
    if (p) p['exportCsv'](UTF8ToString(query), UTF8ToString(lang));
});
EM_JS(void, JsStaffPrint, (const char* query, const char* labels, const char* lang), {
    var p = window['TasjilStaff'];
    if (p) p['printList'](UTF8ToString(query), UTF8ToString(labels), UTF8ToString(lang));
});
EM_JS(void, JsStaffExportFile, (const char* reference, const char* lang), {
    var p = window['TasjilStaff'];
    if (p) p['exportFile'](UTF8ToString(reference), UTF8ToString(lang));
});
EM_JS(void, JsStaffPrintFile, (const char* json, const char* lang), {
    var p = window['TasjilStaff'];
    if (p) p['printFile'](UTF8ToString(json), UTF8ToString(lang));
});
}  // namespace

void Annotate(const std::string& json) {
    JsStaffAnnotate(json.c_str());
}
void Export(const std::string& query, const std::string& lang) {
    JsStaffExport(query.c_str(), lang.c_str());
}
void Print(const std::string& query, const std::string& labels_json, const std::string& lang) {
    JsStaffPrint(query.c_str(), labels_json.c_str(), lang.c_str());
}

void ExportFile(const std::string& reference, const std::string& lang) {
    JsStaffExportFile(reference.c_str(), lang.c_str());
}
void PrintFile(const std::string& file_json, const std::string& lang) {
    JsStaffPrintFile(file_json.c_str(), lang.c_str());
}

}  // namespace tasjil::app::staff::platform
