#include "core/precheck.h"

#include <algorithm>

#include "core/json_io.h"
#include "core/validation.h"

namespace tasjil::core {

PrecheckResult Precheck(ParseResult parsed, const Rules& rules, const SchoolMap& map,
                        const Date& today) {
    PrecheckResult result;
    result.errors = std::move(parsed.errors);
    if (!parsed.file) return result;
    result.file = std::move(parsed.file);
    ElectronicFile& f = *result.file;
    NormalizeFile(f);

    FieldErrors content = Validate(f, today);
    if (f.school_year != rules.school_year && !HasCode(content, "school_year.invalid")) {
        content.push_back(
            {"/school_year", "school_year.not_open", {{"school_year", rules.school_year}}});
    }
    // A file of the open year sent before the window opens is refused whatever its answers
    // (unless the ministry allows early filing): it cannot be received today.
    if (f.school_year == rules.school_year) {
        if (auto refusal = WindowRefusal(rules, today)) content.push_back(std::move(*refusal));
    }
    for (auto& e : ValidateAgainstMap(f, map)) {
        // The format checks may already have said the same of the same field.
        if (std::find(content.begin(), content.end(), e) == content.end()) {
            content.push_back(std::move(e));
        }
    }
    result.errors.insert(result.errors.end(), content.begin(), content.end());
    if (result.errors.empty()) result.eligibility = Evaluate(f, rules, map, today);
    return result;
}

nlohmann::ordered_json ErrorsToJson(const FieldErrors& errors, const Catalogue& messages) {
    return ErrorsToJson<nlohmann::ordered_json>(errors, &messages);
}

std::string PrecheckToJson(const PrecheckResult& result, const Catalogue& messages) {
    nlohmann::ordered_json o;
    o["valid"] = result.valid();
    o["errors"] = ErrorsToJson(result.errors, messages);
    if (result.eligibility) {
        nlohmann::ordered_json el;
        el["outcome"] = OutcomeName(result.eligibility->outcome);
        el["serving_unit"] = result.eligibility->serving_unit;
        el["reasons"] = ErrorsToJson(result.eligibility->reasons, messages);
        o["eligibility"] = std::move(el);
    } else {
        o["eligibility"] = nullptr;
    }
    return o.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace tasjil::core
