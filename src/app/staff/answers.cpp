#include "app/staff/answers.h"

#include <algorithm>

#include "core/rectification.h"

#include "app/flow.h"

namespace tasjil::app::staff {

void ScreenStatesFromFile(AppState& a) {
    for (const auto* spec : Flow(a)) {
        if (spec->from_file) spec->from_file(a);
    }
}

void LoadAnswers(StaffState& s, const std::string& file_json) {
    auto parsed = core::ParseElectronicFile(file_json);
    AppState answers;
    if (parsed.file) answers.file = std::move(*parsed.file);
    answers.today = s.page.today;
    answers.catalogues = s.page.catalogues;
    // The maps and the list of provinces fetched for earlier files stay.
    answers.data = std::move(s.view.answers.data);
    ScreenStatesFromFile(answers);
    s.view.answers = std::move(answers);
}

std::vector<std::string> MapsWanted(const StaffState& s) {
    const AppState& a = s.view.answers;
    std::vector<std::string> out;
    // The maps the parents' screens needed for these answers.
    for (const auto* spec : Flow(a)) {
        if (!spec->needs_maps || spec->kind != ScreenKind::kQuestion || !Applies(a, *spec))
            continue;
        for (const auto& p : spec->needs_maps(a)) {
            if (!p.empty() && !a.data.maps.count(p) &&
                std::find(out.begin(), out.end(), p) == out.end())
                out.push_back(p);
        }
    }
    return out;
}

std::vector<AnswerGroup> Answers(StaffState& s) {
    AppState& a = s.view.answers;
    a.catalogues = s.page.catalogues;
    a.ui.locale = s.page.ui.locale;
    std::vector<AnswerGroup> out;
    for (const auto* spec : Flow(a)) {
        if (!spec->fields || spec->kind != ScreenKind::kQuestion || !Applies(a, *spec)) continue;
        AnswerGroup g;
        g.heading = Tr(a, spec->heading);
        for (const auto& f : spec->fields(a)) g.rows.emplace_back(Tr(a, f.label), f.Shown(a));
        out.push_back(std::move(g));
    }
    return out;
}

// [SECTION] Rectification and printing ----------------------------------------------------------

namespace {

using Json = nlohmann::json;

// The stored value at `pointer` (null when there is none). The pointers come from the field
// tables, so they are well formed; the file may still lack the answer (an absent guardian).
Json StoredValue(const Json& file, const std::string& pointer) {
    if (!file.is_object()) return nullptr;
    const Json::json_pointer p(pointer);
    return file.contains(p) ? file.at(p) : Json();
}

std::string AsText(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    return "";
}

}  // namespace

Json CorrectedValue(const StaffState& s, const std::string& pointer, const std::string& text) {
    const Json file = Json::parse(s.view.json, nullptr, false);
    const Json stored = StoredValue(file, pointer);
    const bool digits =
        !text.empty() && text.size() <= 9 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (stored.is_number_integer() && digits) return std::stoll(text);
    if (stored.is_null() && text.empty()) return nullptr;
    return text;
}

const std::vector<RectifiableAnswer>& RectifiableAnswers(StaffState& s) {
    // The file itself is part of the key (a few kilobytes compared per frame): a correction
    // may keep its length.
    std::string key = s.view.reference + '\n' + s.page.ui.locale + '\n' + s.view.json + '\n' +
                      std::to_string(s.view.answers.data.maps.size()) + '\n' +
                      std::to_string(s.view.answers.data.provinces.size());
    for (const auto& c : s.rectify.changes) key += '\n' + c.pointer + '=' + c.value;
    if (key == s.rectifiable.key) return s.rectifiable.answers;
    s.rectifiable.key = std::move(key);
    auto& out = s.rectifiable.answers;
    out.clear();
    // The answers with the corrections added so far, so that a list that depends on another
    // answer (the sectors of a commune) offers what the corrected file will hold.
    Json file = Json::parse(s.view.json, nullptr, false);
    if (!file.is_object()) return out;
    for (const auto& c : s.rectify.changes) {
        const Json::json_pointer p(c.pointer);
        if (file.contains(p)) file[p] = CorrectedValue(s, c.pointer, c.value);
    }
    AppState a;
    if (auto parsed = core::ParseElectronicFile(file.dump()); parsed.file)
        a.file = std::move(*parsed.file);
    a.today = s.page.today;
    ScreenStatesFromFile(a);
    a.data = std::move(s.view.answers.data);
    a.catalogues = s.page.catalogues;
    a.ui.locale = s.page.ui.locale;
    for (const auto* spec : Flow(a)) {
        if (!spec->fields || spec->kind != ScreenKind::kQuestion || !Applies(a, *spec)) continue;
        const std::string heading = Tr(a, spec->heading);
        for (const auto& f : spec->fields(a)) {
            if (f.kind == FieldKind::kCheckbox || !core::IsRectifiable(f.pointer)) continue;
            const Json::json_pointer p(f.pointer);
            if (!file.contains(p) || file.at(p).is_structured() || file.at(p).is_boolean())
                continue;
            RectifiableAnswer r;
            r.pointer = f.pointer;
            r.label = heading + " — " + Tr(a, f.label);
            r.shown = f.Shown(a);
            r.text = AsText(file.at(p));
            r.date = f.kind == FieldKind::kDate;
            if (f.kind == FieldKind::kRadio || f.kind == FieldKind::kSelect ||
                f.kind == FieldKind::kSearch)
                r.choices = f.choices;
            r.max_length = f.max_length;
            out.push_back(std::move(r));
        }
    }
    s.view.answers.data = std::move(a.data);
    return out;
}

std::string FilePrintJson(StaffState& s, const std::string& printed_at) {
    const PageState& p = s.page;
    Json j;
    j["title"] = Tr(p, "ui.staff.file.heading", {{"reference", s.view.reference}});
    j["subtitle"] = Tr(p, "ui.staff.file.status",
                       {{"status", Tr(p, "status." + s.view.row.status)},
                        {"outcome", Tr(p, "outcome." + s.view.row.outcome)},
                        {"school", SchoolName(s, s.view.row.school_code)}});
    j["printed_at"] = Tr(p, "ui.staff.file.printed_at", {{"date", printed_at}});
    j["dir"] = p.ui.locale == "ar" ? "rtl" : "ltr";
    const std::string none = Tr(p, "ui.answer.none");
    j["groups"] = Json::array();
    for (const auto& g : Answers(s)) {
        Json rows = Json::array();
        for (const auto& [label, value] : g.rows)
            rows.push_back({label, value.empty() ? none : value});
        j["groups"].push_back({{"heading", g.heading}, {"rows", rows}});
    }
    j["history_heading"] = Tr(p, "ui.staff.history.heading");
    j["history"] = Json::array();
    for (const auto& a : s.view.history) {
        j["history"].push_back(
            Tr(p, "ui.staff.history.item",
               {{"at", ShowDate(a.at.substr(0, 10)) + " " +
                           a.at.substr(std::min<std::size_t>(11, a.at.size()), 5)},
                {"staff", a.staff},
                {"action", Tr(p, "ui.staff.action." + a.action)},
                {"from", Tr(p, "status." + a.from)},
                {"to", Tr(p, "status." + a.to)},
                {"detail", a.detail}}));
    }
    return j.dump();
}

}  // namespace tasjil::app::staff
