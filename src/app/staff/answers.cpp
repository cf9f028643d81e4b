#include "app/staff/answers.h"

#include <algorithm>

#include "app/flow.h"

namespace tasjil::app::staff {

namespace {
DateParts PartsOf(const std::string& iso) {
    if (iso.size() != 10) return {};
    return {iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4)};
}
}  // namespace

void ScreenStatesFromFile(AppState& a) {
    const auto& f = a.file;
    a.child.birth_date = PartsOf(f.child.birth_date);
    a.child.born_in_morocco = f.child.birth_place.country == "MA" ? "yes" : "no";
    a.child.birth_commune = f.child.birth_place.commune.value_or("");
    // A commune code "RR.PPP.CC.NN" starts with its province's "RR.PPP".
    const auto& commune = a.child.birth_commune;
    const auto second = commune.find('.', commune.find('.') + 1);
    a.child.birth_province = second == std::string::npos ? "" : commune.substr(0, second);
    a.civil_status.act_year = f.child.civil_status.act_year ? std::to_string(f.child.civil_status.act_year) : "";
    a.parents.has_guardian = f.guardian ? "yes" : "no";
    a.contact.sms = a.contact.email = false;
    for (const auto& c : f.contact.channels) {
        if (c == "sms") a.contact.sms = true;
        if (c == "email") a.contact.email = true;
    }
    a.siblings.birth_dates.clear();
    for (const auto& s : f.siblings_under_school_age) a.siblings.birth_dates.push_back(PartsOf(s.birth_date));
}

void LoadAnswers(StaffState& s, const std::string& file_json) {
    auto parsed = core::ParseElectronicFile(file_json);
    AppState answers;
    if (parsed.file) answers.file = std::move(*parsed.file);
    answers.today = s.page.today;
    // The maps and the list of provinces fetched for earlier files stay.
    answers.data = std::move(s.view.answers.data);
    ScreenStatesFromFile(answers);
    s.view.answers = std::move(answers);
}

std::vector<std::string> MapsWanted(const StaffState& s) {
    const AppState& a = s.view.answers;
    std::vector<std::string> out;
    for (const std::string& p : {a.file.residence.province, a.child.birth_province}) {
        if (!p.empty() && !a.data.maps.count(p) &&
            std::find(out.begin(), out.end(), p) == out.end())
            out.push_back(p);
    }
    return out;
}

std::vector<AnswerGroup> Answers(StaffState& s) {
    AppState& a = s.view.answers;
    // The parents' field tables read their labels through the state they are given: lend them
    // the console's catalogues for the time it takes.
    a.catalogues.swap(s.page.catalogues);
    a.ui.locale = s.page.ui.locale;
    std::vector<AnswerGroup> out;
    for (const auto* spec : Flow()) {
        if (!spec->fields || spec->kind != ScreenKind::kQuestion || !Applies(a, *spec)) continue;
        AnswerGroup g;
        g.heading = Tr(a, spec->heading);
        for (const auto& f : spec->fields(a)) g.rows.emplace_back(Tr(a, f.label), f.Shown(a));
        out.push_back(std::move(g));
    }
    a.catalogues.swap(s.page.catalogues);
    return out;
}

}  // namespace tasjil::app::staff
