// Tasjil core: the rules of one school year and the eligibility decision that the browser's
// pre-check and the server's intake both take from them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.h"
#include "core/electronic_file.h"
#include "core/field_error.h"
#include "core/school_map.h"

namespace tasjil::core {

// Dates of the registration calendar (2025-26 memo: parents 1–30 April, schools 1–15 May,
// results from 20 May).
struct RegistrationWindow {
    std::string opens;   // first day parents may submit, YYYY-MM-DD
    std::string closes;  // last day of the normal window; later files go to review
};

// Arrêté 1036.00 of 24 April 2003, art. 2: at least six years old at some point between the
// start of the school year and 31 March of the following year.
struct LegalAge {
    std::string born_on_or_before;  // YYYY-MM-DD: 31 March of N−5 for the year starting in N
    std::string source;             // the legal text, shown to staff
};

// The rules file assets/rules/<school_year>.json.
struct Rules {
    int schema_version = 1;                  // format version, 1
    std::string school_year;                 // "2026-2027"
    LegalAge legal_age;                      // the legal-age cut-off
    std::string review_if_born_before;       // older children (late starters) go to school review
    RegistrationWindow registration_window;  // when parents submit
    std::string school_validation_closes;    // last day schools check files (1–15 May)
    std::string results_from;                // first day results are published (20 May)
    // Last day the personal data of this school year's files is kept: the school year, then
    // one year (law 09-08 art. 3.1.e: no longer than its purposes need). The notice shows it
    // and the server's daily purge deletes the files the day after.
    std::string personal_data_kept_until;
    // Files sent before the window opens are taken (and go to school review) only when the
    // ministry says so; by default they are refused (window.not_open) and the parent sends on
    // the opening day. Optional in the file, false when absent.
    bool early_filing = false;
};

struct RulesLoad {
    std::optional<Rules> rules;  // set when there are no errors
    FieldErrors errors;          // shape and consistency errors
};

// Parses a rules file and checks its dates are real and consistent, and that the legal-age
// cut-off is the one Arrêté 1036.00 art. 2 gives for that school year.
RulesLoad ParseRules(std::string_view text);

// The first day the personal data of `rules`' school year may no longer be kept (the day after
// personal_data_kept_until).
Date PurgeDay(const Rules& rules);

// Arrêté 1036.00 art. 2 for the school year starting in September of `start_year`:
// born on or before 31 March of start_year − 5.
Date LegalAgeCutoff(int start_year);

// Why a file cannot be received on `today` whatever its answers (a refusal, not a review
// reason): before the window opens, unless the rules allow early filing. None when it can.
std::optional<FieldError> WindowRefusal(const Rules& rules, const Date& today);
// Whether `today` is after the window closed: a file sent now is examined as a late file.
bool AfterWindow(const Rules& rules, const Date& today);

// The school year parents register for on `today`: the one starting next September, since the
// registration runs in April for the September intake; from September on, the following one.
std::string SchoolYearFor(const Date& today);

// The first school year (its starting calendar year) a child born on `birth` may start: the
// year N with birth on or before 31 March of N−5 (Arrêté 1036.00 art. 2).
int FirstStartYear(const Date& birth);

enum class Outcome { kEligible, kIneligible, kReview };
std::string_view OutcomeName(Outcome o);                     // "eligible" | "ineligible" | "review"
std::optional<Outcome> ParseOutcome(std::string_view name);  // OutcomeName's inverse

// The decision and its reasons. Reasons use FieldError so each points at the field it concerns.
struct Eligibility {
    Outcome outcome = Outcome::kEligible;  // the decision
    FieldErrors reasons;  // why: ineligible reasons when ineligible, else review reasons
    // The school or satellite unit that takes the child: the chosen school, or the unit of the
    // chosen central school's group that serves the residence ("" when none serves it).
    std::string serving_unit;
};

// Decides for a valid file. Ineligible reasons (age.below_legal_age,
// school.not_serving_residence) take precedence over review reasons (age.late_start,
// window.not_open, window.late_file). `today` is explicit so the same file always gives the
// same answer on the same day, in the browser and on the server.
Eligibility Evaluate(const ElectronicFile& file, const Rules& rules, const SchoolMap& map,
                     const Date& today);

}  // namespace tasjil::core
