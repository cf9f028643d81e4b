#include "core/rules.h"

#include "core/json_io.h"
#include "core/json_reader.h"

namespace tasjil::core {

std::optional<FieldError> WindowRefusal(const Rules& rules, const Date& today) {
    const auto opens = ParseIsoDate(rules.registration_window.opens);
    if (rules.early_filing || !opens || date::sys_days(today) >= date::sys_days(*opens))
        return std::nullopt;
    return FieldError{"", "window.not_open", {{"opens", rules.registration_window.opens}}};
}

bool AfterWindow(const Rules& rules, const Date& today) {
    const auto closes = ParseIsoDate(rules.registration_window.closes);
    return closes && date::sys_days(today) > date::sys_days(*closes);
}

std::string SchoolYearFor(const Date& today) {
    int start = static_cast<int>(today.year());
    if (static_cast<unsigned>(today.month()) >= 9) ++start;
    return std::to_string(start) + "-" + std::to_string(start + 1);
}

int FirstStartYear(const Date& birth) {
    const int year = static_cast<int>(birth.year());
    return birth <= LegalAgeCutoff(year + 5) ? year + 5 : year + 6;
}

Date LegalAgeCutoff(int start_year) {
    return Date{date::year{start_year - 5}, date::March, date::day{31}};
}

std::string_view OutcomeName(Outcome o) {
    switch (o) {
        case Outcome::kEligible:
            return "eligible";
        case Outcome::kIneligible:
            return "ineligible";
        case Outcome::kReview:
            return "review";
    }
    return "review";
}

std::optional<Outcome> ParseOutcome(std::string_view name) {
    for (Outcome o : {Outcome::kEligible, Outcome::kIneligible, Outcome::kReview}) {
        if (OutcomeName(o) == name) return o;
    }
    return std::nullopt;
}

RulesLoad ParseRules(std::string_view text) {
    RulesLoad result;
    FieldErrors& errors = result.errors;
    Json j;
    if (!ParseDocument(text, kMaxFileBytes, 8, j, errors)) return result;
    Rules rules;
    {
        ObjectReader r(j, "", errors, kMaxStringBytes);
        if (!r.ok()) return result;
        r.Int("schema_version", rules.schema_version);
        r.String("school_year", rules.school_year);
        if (const Json* la = r.Member("legal_age")) {
            ObjectReader lr(*la, "/legal_age", errors, kMaxStringBytes);
            lr.String("born_on_or_before", rules.legal_age.born_on_or_before);
            lr.String("source", rules.legal_age.source);
        }
        r.String("review_if_born_before", rules.review_if_born_before);
        if (const Json* w = r.Member("registration_window")) {
            ObjectReader wr(*w, "/registration_window", errors, kMaxStringBytes);
            wr.String("opens", rules.registration_window.opens);
            wr.String("closes", rules.registration_window.closes);
        }
        r.String("school_validation_closes", rules.school_validation_closes);
        r.String("results_from", rules.results_from);
        r.String("personal_data_kept_until", rules.personal_data_kept_until);
        r.OptionalBool("early_filing", rules.early_filing);
    }
    if (!errors.empty()) return result;

    if (rules.schema_version != 1) {
        errors.push_back(
            {"/schema_version", "file.unsupported_schema_version", {{"supported", "1"}}});
    }
    int start_year = 0;
    const std::string& y = rules.school_year;
    if (y.size() == 9 && y[4] == '-') {
        auto a = ParseIsoDate(y.substr(0, 4) + "-01-01");
        auto b = ParseIsoDate(y.substr(5, 4) + "-01-01");
        if (a && b && static_cast<int>(b->year()) == static_cast<int>(a->year()) + 1) {
            start_year = static_cast<int>(a->year());
        }
    }
    if (start_year == 0) errors.push_back({"/school_year", "school_year.invalid", {}});

    auto date_at = [&](const char* pointer, const std::string& v) -> std::optional<Date> {
        auto d = ParseIsoDate(v);
        if (!d) errors.push_back({pointer, "rules.invalid_date", {}});
        return d;
    };
    auto cutoff = date_at("/legal_age/born_on_or_before", rules.legal_age.born_on_or_before);
    auto review = date_at("/review_if_born_before", rules.review_if_born_before);
    auto opens = date_at("/registration_window/opens", rules.registration_window.opens);
    auto closes = date_at("/registration_window/closes", rules.registration_window.closes);
    auto validation = date_at("/school_validation_closes", rules.school_validation_closes);
    auto results = date_at("/results_from", rules.results_from);
    if (cutoff && start_year != 0 && *cutoff != LegalAgeCutoff(start_year)) {
        errors.push_back({"/legal_age/born_on_or_before",
                          "rules.cutoff_not_legal",
                          {{"expected", FormatIsoDate(LegalAgeCutoff(start_year))}}});
    }
    if (cutoff && review && date::sys_days(*review) > date::sys_days(*cutoff)) {
        errors.push_back({"/review_if_born_before", "rules.dates_out_of_order", {}});
    }
    if (opens && closes && validation && results &&
        !(date::sys_days(*opens) <= date::sys_days(*closes) &&
          date::sys_days(*closes) <= date::sys_days(*validation) &&
          date::sys_days(*validation) <= date::sys_days(*results))) {
        errors.push_back({"/registration_window", "rules.dates_out_of_order", {}});
    }
    // Kept through the school year at least (its results are used until it ends, 31 August),
    // and never beyond five years after it.
    if (auto kept = date_at("/personal_data_kept_until", rules.personal_data_kept_until);
        kept && start_year != 0 &&
        (date::sys_days(*kept) <
             date::sys_days(Date{date::year{start_year + 1}, date::August, date::day{31}}) ||
         date::sys_days(*kept) >
             date::sys_days(Date{date::year{start_year + 6}, date::August, date::day{31}}))) {
        errors.push_back({"/personal_data_kept_until", "rules.dates_out_of_order", {}});
    }
    if (errors.empty()) result.rules = std::move(rules);
    return result;
}

Date PurgeDay(const Rules& rules) {
    const auto kept = ParseIsoDate(rules.personal_data_kept_until);
    // ParseRules accepted the rules, so the date is real.
    return kept ? Date{date::sys_days(*kept) + date::days{1}}
                : Date{date::year{9999}, date::December, date::day{31}};
}

Eligibility Evaluate(const ElectronicFile& file, const Rules& rules, const SchoolMap& map,
                     const Date& today) {
    FieldErrors ineligible, review;
    const auto birth = ParseIsoDate(file.child.birth_date);
    const auto cutoff = ParseIsoDate(rules.legal_age.born_on_or_before);
    const auto late = ParseIsoDate(rules.review_if_born_before);
    if (birth && cutoff && date::sys_days(*birth) > date::sys_days(*cutoff)) {
        // Arrêté 1036.00 art. 2 (legal age not met: «عدم استيفاء السن القانوني»).
        ineligible.push_back({"/child/birth_date",
                              "age.below_legal_age",
                              {{"born_on_or_before", rules.legal_age.born_on_or_before}}});
    } else if (birth && late && date::sys_days(*birth) < date::sys_days(*late)) {
        // The child could have started in an earlier year: the school places it.
        review.push_back({"/child/birth_date",
                          "age.late_start",
                          {{"born_before", rules.review_if_born_before}}});
    } else if (!birth) {
        review.push_back({"/child/birth_date", "child.birth_date.invalid", {}});
    }

    // Law 04-00: the school must be one that serves the residence
    // («عدم مطابقة المؤسسة مع محل السكنى»). A rural school group is one establishment: its
    // central school may be chosen for a douar that one of its satellite units serves.
    const MapSchool* unit = map.ServingUnit(file.school_choice.school_code, file.residence.sector);
    if (!unit) {
        ineligible.push_back(
            {"/school_choice/school_code",
             "school.not_serving_residence",
             {{"school_code", file.school_choice.school_code}, {"sector", file.residence.sector}}});
    }

    const auto opens = ParseIsoDate(rules.registration_window.opens);
    const auto closes = ParseIsoDate(rules.registration_window.closes);
    if (opens && date::sys_days(today) < date::sys_days(*opens)) {
        review.push_back({"", "window.not_open", {{"opens", rules.registration_window.opens}}});
    } else if (closes && date::sys_days(today) > date::sys_days(*closes)) {
        // Late files depend on the school map and capacity: accepted, decided by the school.
        review.push_back(
            {"", "window.late_file", {{"closed_on", rules.registration_window.closes}}});
    }

    Eligibility e;
    if (unit) e.serving_unit = unit->code;
    if (!ineligible.empty()) {
        e.outcome = Outcome::kIneligible;
        e.reasons = std::move(ineligible);
    } else if (!review.empty()) {
        e.outcome = Outcome::kReview;
        e.reasons = std::move(review);
    }
    return e;
}

}  // namespace tasjil::core
