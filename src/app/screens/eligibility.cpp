// Screen 9, Eligibility: the device's pre-check (the core's Evaluate, with the server's rules
// and school map) explained in plain words — never an error: the parent may still send, and
// the school decides.
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

// What the screen holds: the pre-check's result, computed once its data is there.
struct EligibilityState {
    std::optional<core::Eligibility> result;  // the device's pre-check, once data is there
    core::FieldErrors errors;                 // answers to fix first (then there is no result)
};

EligibilityState& State(AppState& s) {
    return s.screens.Of<EligibilityState>();
}

void OnEnter(AppState& s) {
    State(s) = {};
}

void AfterFrame(AppState& s) {
    auto& st = State(s);
    if (st.result || !st.errors.empty()) return;
    if (!s.data.rules || !MapOf(s, s.file.residence.province)) return;  // fetched meanwhile
    st.errors = ErrorsBeforeDeclarations(s);
    if (st.errors.empty()) st.result = DevicePrecheck(s);
}

void FixFirst(AppState& s, int) {
    const auto& st = State(s);
    if (st.errors.empty()) return;
    const ScreenId target = ScreenOwning(s, st.errors.front().pointer);
    EnterScreen(s, target);
    s.ui.errors = ScreenErrors(s, Spec(s, target));
    s.ui.errors_visible = !s.ui.errors.empty();
    if (s.ui.errors_visible) s.ui.focus_request = "error-summary";
}

bool Has(const core::Eligibility& e, const char* code) {
    for (const auto& r : e.reasons) {
        if (r.code == code) return true;
    }
    return false;
}

void Body(Ui& ui, AppState& s, std::vector<Field>&) {
    if (!DataNotice(ui, "rules-status", s.data.rules_state, "ui.data.rules")) return;
    const auto& st = State(s);
    const auto& result = st.result;
    if (!st.errors.empty()) {
        const auto& e = st.errors.front();
        Notice(ui, "eligibility-outcome",
               {Tr(s, "ui.eligibility.fix_first"), Messages(s).Render(e)}, NoticeStyle::kWarning);
        if (ActionRow(ui, {{"eligibility-fix", Tr(s, "ui.eligibility.fix_button")}}) == 0)
            s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = FixFirst});
        return;
    }
    if (!result) {
        Notice(ui, "eligibility-status",
               {Tr(s, "ui.data.loading", {{"what", Tr(s, "ui.data.schools")}})}, NoticeStyle::kInfo,
               "status");
        return;
    }
    const auto& child = s.file.child;
    const std::string name = child.given_name_ar.empty() ? child.given_name_latin
                             : s.ui.locale == "ar"       ? child.given_name_ar
                                                         : child.given_name_latin;
    switch (result->outcome) {
        case core::Outcome::kEligible:
            Notice(ui, "eligibility-outcome", {Tr(s, "ui.eligibility.eligible", {{"child", name}})},
                   NoticeStyle::kInfo);
            break;
        case core::Outcome::kIneligible:
            if (Has(*result, "age.below_legal_age")) {
                const auto birth = core::ParseIsoDate(child.birth_date);
                const int first = birth ? core::FirstStartYear(*birth) : 0;
                Notice(ui, "eligibility-outcome",
                       {Tr(s, "ui.eligibility.too_young",
                           {{"child", name},
                            {"birth_date", DateInWords(s, child.birth_date)},
                            {"cutoff", DateInWords(s, s.data.rules->legal_age.born_on_or_before)}}),
                        Tr(s, "ui.eligibility.first_year",
                           {{"school_year",
                             std::to_string(first) + "-" + std::to_string(first + 1)}})},
                       NoticeStyle::kWarning);
            }
            if (Has(*result, "school.not_serving_residence")) {
                Notice(ui, "eligibility-school", {Tr(s, "ui.eligibility.not_serving")},
                       NoticeStyle::kWarning);
                if (ActionRow(ui, {{"eligibility-change-school",
                                    Tr(s, "ui.eligibility.change_school")}}) == 0)
                    s.ui.intents.push_back({.kind = Intent::Kind::kGoTo, .screen = {"school"}});
            }
            break;
        case core::Outcome::kReview: {
            std::vector<std::string> lines = {Tr(s, "ui.eligibility.review")};
            for (const auto& r : result->reasons) lines.push_back(Messages(s).Render(r));
            Notice(ui, "eligibility-outcome", lines, NoticeStyle::kInfo);
            break;
        }
    }
    Paragraph(ui, "eligibility-next", Tr(s, "ui.eligibility.next"));
}

}  // namespace

// clang-format off
extern const ScreenSpec kEligibility{
    .id = {"eligibility"}, .heading = "ui.eligibility.heading", .body = Body, .on_enter = OnEnter,
    .after_frame = AfterFrame};
// clang-format on

}  // namespace tasjil::app::screens
