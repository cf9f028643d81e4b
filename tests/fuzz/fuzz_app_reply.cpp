// A server reply as the browser app reads it (src/app/flow.cpp OnReply): the first byte chooses
// what was asked and the HTTP status, the rest is the body. Whatever arrives, nothing the parent
// entered changes — but a receipt, after which the device keeps only what the receipt shows —
// and the app stays usable; the country names (a part of the default catalogue) replace nothing
// else of it.
#include <cstdint>
#include <string>

#include "app/flow.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    using tasjil::app::Request;
    static const Request::Purpose kPurposes[] = {
        Request::Purpose::kService,   Request::Purpose::kRules,
        Request::Purpose::kProvinces, Request::Purpose::kProvinceMap,
        Request::Purpose::kSubmit,    Request::Purpose::kStatus,
        Request::Purpose::kCatalogue, Request::Purpose::kCountryNames};
    constexpr int kCount = sizeof kPurposes / sizeof kPurposes[0];
    static const int kStatuses[] = {0, 200, 201, 404, 409, 413, 422, 429, 500, 503};
    tasjil::app::AppState state;
    state.file = tasjil::app::NewDraft("3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b6c",
                                       "2026-04-10T08:00:00Z", "2026-2027");
    state.file.child.given_name_ar = "ياسمين";
    state.file.mother.cin = "LC98765";
    state.submission.state = tasjil::app::Submission::State::kSending;
    state.catalogues["ar"].messages["ui.start.button"] = "ابدأ الآن";
    const Request::Purpose purpose = kPurposes[data[0] % kCount];
    const bool catalogue =
        purpose == Request::Purpose::kCatalogue || purpose == Request::Purpose::kCountryNames;
    Request r{purpose, 1, "GET", "/", "", catalogue ? "ar" : "01.573"};
    const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
    tasjil::app::OnReply(state, r, kStatuses[(data[0] / kCount) % 10], body);
    if (purpose == Request::Purpose::kCountryNames &&
        state.catalogues["ar"].messages["ui.start.button"] != "ابدأ الآن")
        __builtin_trap();  // the country names replaced another message
    if (state.file.file_id != "3f2b8c1e-9d4a-4e6b-8a7c-5d1e2f3a4b6c" ||
        state.file.child.given_name_ar != "ياسمين") {
        __builtin_trap();  // a reply changed what the parent entered, or what the receipt shows
    }
    // Only the server's receipt closes the file (CloseSentFile): then the answers go, and the
    // device keeps what the receipt shows.
    const bool sent = state.submission.state == tasjil::app::Submission::State::kSent;
    if (sent != (state.file.mother.cin != "LC98765")) __builtin_trap();
    if (sent && state.submission.reference.empty()) __builtin_trap();
    return 0;
}
