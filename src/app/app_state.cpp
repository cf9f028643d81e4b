#include "app/app_state.h"

#include <algorithm>

#include "core/validation.h"

namespace tasjil::app {

core::ElectronicFile NewDraft(const std::string& file_id, const std::string& created_at,
                              const std::string& school_year) {
    core::ElectronicFile f;
    f.file_id = file_id;
    f.created_at = created_at;
    f.school_year = school_year;
    f.child.nationality = "MA";
    f.child.birth_place.country = "MA";
    f.contact.channels = {"sms"};
    return f;
}

const core::Catalogue& Messages(const AppState& state) {
    static const core::Catalogue empty;
    auto it = state.catalogues.find(state.ui.locale);
    return it == state.catalogues.end() ? empty : it->second;
}

std::string Tr(const AppState& state, std::string_view key,
               const std::vector<core::Param>& params) {
    return Messages(state).Render(key, params);
}

namespace {

bool AllDigits(const std::string& s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Pad(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), '0') + s;
}

// The step's own fields: what the child identity screen shows.
bool InChildIdentityStep(const std::string& pointer) {
    static const char* kPointers[] = {
        "/child/family_name_ar",   "/child/given_name_ar", "/child/family_name_latin",
        "/child/given_name_latin", "/child/sex",           "/child/birth_date"};
    return std::any_of(std::begin(kPointers), std::end(kPointers),
                       [&](const char* p) { return pointer == p; });
}

}  // namespace

bool ValidateChildIdentity(AppState& state) {
    auto& ui = state.ui;
    auto& child = state.file.child;
    core::FieldErrors errors;
    const bool any = !ui.birth_day.empty() || !ui.birth_month.empty() || !ui.birth_year.empty();
    const bool all = !ui.birth_day.empty() && !ui.birth_month.empty() && !ui.birth_year.empty();
    std::optional<core::FieldError> date_error;
    if (!any) {
        child.birth_date.clear();
    } else if (!all) {
        child.birth_date.clear();
        date_error = core::FieldError{"/child/birth_date", "ui.birth_date.incomplete", {}};
    } else if (!AllDigits(ui.birth_day) || !AllDigits(ui.birth_month) ||
               !AllDigits(ui.birth_year) || ui.birth_day.size() > 2 || ui.birth_month.size() > 2 ||
               ui.birth_year.size() != 4) {
        child.birth_date.clear();
        date_error = core::FieldError{"/child/birth_date", "ui.birth_date.not_a_number", {}};
    } else {
        child.birth_date =
            ui.birth_year + "-" + Pad(ui.birth_month, 2) + "-" + Pad(ui.birth_day, 2);
    }
    // Checked as the server will check it: after the core's normalisation (NFC, folded
    // look-alike letters), on a copy, so what the parent typed stays as typed while editing.
    core::ElectronicFile normalized = state.file;
    core::NormalizeFile(normalized);
    for (auto& e : core::Validate(normalized, state.today)) {
        if (!InChildIdentityStep(e.pointer)) continue;
        if (date_error && e.pointer == "/child/birth_date") continue;
        errors.push_back(std::move(e));
    }
    if (date_error) {
        // Keep document order: the date comes after the names and the sex.
        errors.push_back(*date_error);
    }
    ui.errors = std::move(errors);
    return ui.errors.empty();
}

void OnModelChanged(AppState& state) {
    // Once errors are on screen, each fix clears its message at once; new problems appear
    // only on the next Continue, so typing is never interrupted by red text.
    if (!state.ui.errors_visible) return;
    const auto before = state.ui.errors;
    ValidateChildIdentity(state);
    core::FieldErrors kept;
    for (const auto& e : state.ui.errors) {
        const bool was_shown = std::any_of(before.begin(), before.end(),
                                           [&](const auto& b) { return b.pointer == e.pointer; });
        if (was_shown) kept.push_back(e);
    }
    state.ui.errors = std::move(kept);
    if (state.ui.errors.empty()) state.ui.errors_visible = false;
}

void ApplyIntents(AppState& state) {
    auto intents = std::move(state.ui.intents);
    state.ui.intents.clear();
    for (const auto& intent : intents) {
        switch (intent.kind) {
            case Intent::Kind::kSetLocale:
                if (core::IsSupportedLocale(intent.argument)) {
                    state.ui.locale = intent.argument;
                    state.file.locale = intent.argument;
                    if (state.file.contact.language.empty())
                        state.file.contact.language = intent.argument;
                }
                break;
            case Intent::Kind::kGoTo:
                state.ui.screen = intent.screen;
                state.ui.scroll_y = 0;
                state.ui.errors_visible = false;
                state.ui.errors.clear();
                break;
            case Intent::Kind::kContinueChildIdentity:
                if (ValidateChildIdentity(state)) {
                    state.ui.errors_visible = false;
                    state.ui.screen = Screen::kChildReview;
                    state.ui.scroll_y = 0;
                    state.ui.focus_request = "heading";
                } else {
                    state.ui.errors_visible = true;
                    state.ui.scroll_y = 0;
                    state.ui.focus_request = "error-summary";
                }
                break;
        }
    }
}

}  // namespace tasjil::app
