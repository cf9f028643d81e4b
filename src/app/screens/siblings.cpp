// Screen 6, Siblings under school age: an optional short list (given name, date of birth) so
// that the school can plan the coming years' places.
#include "app/screens/screens.h"

namespace tasjil::app::screens {

namespace {

// What the screen holds beside the file: each sibling's date of birth as typed.
struct SiblingsState {
    std::vector<DateParts> birth_dates;
};

SiblingsState& State(AppState& s) {
    return s.screens.Of<SiblingsState>();
}

// The dates typed, one per sibling of the file (a draft or a stored file may hold fewer).
std::vector<DateParts>& BirthDates(AppState& s) {
    auto& dates = State(s).birth_dates;
    dates.resize(s.file.siblings_under_school_age.size());
    return dates;
}

std::vector<Field> Fields(AppState& s) {
    std::vector<Field> f;
    auto& list = s.file.siblings_under_school_age;
    auto& dates = BirthDates(s);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string base = "/siblings_under_school_age/" + std::to_string(i);
        const std::string section = "ui.siblings.item." + std::to_string(i + 1);
        f.push_back(TextField(base + "/given_name", "ui.field.given_name", &list[i].given_name)
                        .Section(section));
        f.push_back(
            DateField(base + "/birth_date", "ui.field.birth_date", &dates[i]).Section(section));
    }
    return f;
}

void Add(AppState& s, int) {
    if (s.file.siblings_under_school_age.size() >= core::kMaxSiblings) return;
    s.file.siblings_under_school_age.push_back({});
    BirthDates(s);
    s.ui.focus_request = "siblings_under_school_age-" +
                         std::to_string(s.file.siblings_under_school_age.size() - 1) +
                         "-given_name";
}

void Remove(AppState& s, int index) {
    auto& list = s.file.siblings_under_school_age;
    if (index < 0 || static_cast<std::size_t>(index) >= list.size()) return;
    auto& dates = BirthDates(s);
    list.erase(list.begin() + index);
    dates.erase(dates.begin() + index);
    s.ui.errors.clear();
    s.ui.errors_visible = false;
    s.ui.focus_request = "siblings-add";
}

// Each sibling in its fieldset with its own Remove button, then Add.
void Body(Ui& ui, AppState& s, std::vector<Field>& fields) {
    bool changed = false;
    for (std::size_t i = 0; i * 2 + 1 < fields.size(); ++i) {
        std::vector<Field> two = {fields[i * 2], fields[i * 2 + 1]};
        changed |= DrawFields(ui, two);
        const std::string name = s.file.siblings_under_school_age[i].given_name;
        const std::string label =
            Tr(s, "ui.siblings.remove", {{"n", std::to_string(i + 1)}, {"name", name}});
        if (ActionRow(ui, {{"siblings-remove-" + std::to_string(i), label}}) == 0) {
            s.ui.intents.push_back(
                {.kind = Intent::Kind::kRun, .run = Remove, .index = static_cast<int>(i)});
        }
    }
    if (fields.empty())
        Paragraph(ui, "siblings-none", Tr(s, "ui.siblings.none"), colors::kSecondary);
    if (s.file.siblings_under_school_age.size() < core::kMaxSiblings) {
        if (ActionRow(ui, {{"siblings-add", Tr(s, "ui.siblings.add")}}) == 0)
            s.ui.intents.push_back({.kind = Intent::Kind::kRun, .run = Add});
    }
    if (changed) OnModelChanged(s);
}

void Sync(AppState& s, core::FieldErrors& errors) {
    auto& list = s.file.siblings_under_school_age;
    const auto& dates = BirthDates(s);
    for (std::size_t i = 0; i < list.size(); ++i) {
        ComposeDate(dates[i], list[i].birth_date,
                    "/siblings_under_school_age/" + std::to_string(i) + "/birth_date", errors);
    }
}

std::vector<DraftValue> Draft(AppState& s) {
    return {{.name = "birth_dates", .dates = &BirthDates(s), .max_items = core::kMaxSiblings}};
}

void FromFile(AppState& s) {
    auto& dates = BirthDates(s);
    for (std::size_t i = 0; i < dates.size(); ++i)
        dates[i] = SplitDate(s.file.siblings_under_school_age[i].birth_date);
}

}  // namespace

// clang-format off
extern const ScreenSpec kSiblings{
    .id = {"siblings"}, .heading = "ui.siblings.heading", .intro = "ui.siblings.intro",
    .fields = Fields, .body = Body, .sync = Sync, .draft = Draft, .from_file = FromFile};
// clang-format on

}  // namespace tasjil::app::screens
