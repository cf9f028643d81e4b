#include "app/staff/platform.h"

#include "app/platform/web_platform.h"

namespace tasjil::app::staff::platform {

namespace {
// web/staff/console.mjs defines window.TasjilStaff.
void Call(const char* method, std::initializer_list<const char*> args) {
    app::platform::CallPage("TasjilStaff", method, args);
}
}  // namespace

void Annotate(const std::string& json) {
    Call("annotate", {json.c_str()});
}
void Export(const std::string& query, const std::string& lang) {
    Call("exportCsv", {query.c_str(), lang.c_str()});
}
void Print(const std::string& query, const std::string& labels_json, const std::string& lang) {
    Call("printList", {query.c_str(), labels_json.c_str(), lang.c_str()});
}

void ExportFile(const std::string& reference, const std::string& lang) {
    Call("exportFile", {reference.c_str(), lang.c_str()});
}
void PrintFile(const std::string& file_json, const std::string& lang) {
    Call("printFile", {file_json.c_str(), lang.c_str()});
}
void PrintLetters(const std::string& letters_json, const std::string& lang) {
    Call("printLetters", {letters_json.c_str(), lang.c_str()});
}
void Ask(int id, const std::string& what) {
    const std::string number = std::to_string(id);
    Call("ask", {number.c_str(), what.c_str()});
}

}  // namespace tasjil::app::staff::platform
