// Draws a screen's field table with the widgets: the one place where a field's kind becomes a
// widget, so every screen gets the same labels, hints, errors, groups and keyboards.
#include <algorithm>

#include "app/flow.h"
#include "app/ui.h"
#include "core/text_policy.h"

namespace tasjil::app {

namespace {

// How many matches a searchable list shows at once; typing more narrows it.
constexpr std::size_t kMaxMatches = 8;

TextFieldSpec SpecFor(const Ui& ui, const Field& f) {
    TextFieldSpec t;
    t.id = f.Id();
    t.label = Tr(ui.page, f.label);
    t.hint = f.hint.empty() ? "" : Tr(ui.page, f.hint);
    t.pointer = f.pointer;
    t.autocomplete = f.autocomplete.empty() ? "off" : f.autocomplete;
    t.max_length = f.max_length;
    t.width_em = f.width_em;
    switch (f.script) {
        case Script::kArabic:
            t.lang = "ar";
            t.direction = text::Direction::kRtl;
            break;
        case Script::kLatin:
            t.lang = "fr";
            t.direction = text::Direction::kLtr;
            break;
        case Script::kDigits:
            t.input_mode = "numeric";
            t.direction = text::Direction::kLtr;
            break;
        case Script::kPhone:
            t.input_mode = "tel";
            t.direction = text::Direction::kLtr;
            break;
        case Script::kEmail:
            t.input_mode = "email";
            t.direction = text::Direction::kLtr;
            break;
        case Script::kAny:
            break;
    }
    return t;
}

bool DrawSearch(Ui& ui, Field& f) {
    bool changed = false;
    TextFieldSpec t = SpecFor(ui, f);
    t.id = f.Id() + "-search";
    t.label = Tr(ui.page, f.label);
    t.hint = Tr(ui.page, f.hint.empty() ? "ui.search.hint" : f.hint);
    t.max_length = 60;
    TextField(ui, t, *f.query);
    // The matches, as a radio group: the chosen one stays listed first.
    const std::string q = core::FoldForSearch(*f.query);
    std::vector<RadioOption> options;
    std::size_t matches = 0;
    for (const auto& c : f.choices) {
        const bool chosen = c.value == *f.text;
        const bool match = core::SearchMatches(
            c.search_key.empty() ? core::FoldForSearch(c.label + " " + c.hint + " " + c.keywords)
                                 : c.search_key,
            q);
        if (!chosen && !match) continue;
        if (match) ++matches;
        if (chosen) {
            options.insert(options.begin(), {c.value, c.label, c.hint, c.lang});
        } else if (options.size() < kMaxMatches) {
            options.push_back({c.value, c.label, c.hint, c.lang});
        }
    }
    const std::string label =
        Tr(ui.page, "ui.search.matches", {{"count", std::to_string(matches)}, {"field", t.label}});
    if (options.empty()) {
        Paragraph(ui, f.Id() + "-none", Tr(ui.page, "ui.search.none"), colors::kSecondary);
    } else {
        changed |= RadioGroup(ui, f.Id(), label, "", f.pointer, options, *f.text);
        if (matches > kMaxMatches) {
            Paragraph(
                ui, f.Id() + "-more",
                Tr(ui.page, "ui.search.more", {{"count", std::to_string(matches - kMaxMatches)}}),
                colors::kSecondary, sizes::kSmall);
        }
    }
    return changed;
}

}  // namespace

bool DrawFields(Ui& ui, std::vector<Field>& fields) {
    bool changed = false;
    std::string open_section;
    ContainerScope section{};
    auto close_section = [&] {
        if (open_section.empty()) return;
        EndContainer(ui, section);
        ui.y += sizes::kGap * 0.5f;
        open_section.clear();
    };
    for (auto& f : fields) {
        if (f.section != open_section) {
            close_section();
            if (!f.section.empty()) {
                const std::string id = "section-" + f.id_prefix + f.section;
                const std::string heading_id = id + "-heading";
                section = BeginContainer(ui, id, "group", Tr(ui.page, f.section), heading_id);
                Heading(ui, heading_id, Tr(ui.page, f.section), 2);
                open_section = f.section;
            }
        }
        const std::string label = Tr(ui.page, f.label);
        const std::string hint = f.hint.empty() ? "" : Tr(ui.page, f.hint);
        switch (f.kind) {
            case FieldKind::kText:
                changed |= TextField(ui, SpecFor(ui, f), *f.text);
                break;
            case FieldKind::kDate:
                changed |= DateField(ui, f.Id(), label, hint, f.pointer, *f.date, f.autocomplete);
                break;
            case FieldKind::kRadio: {
                std::vector<RadioOption> options;
                for (const auto& c : f.choices)
                    options.push_back({c.value, c.label, c.hint, c.lang});
                changed |= RadioGroup(ui, f.Id(), label, hint, f.pointer, options, *f.text);
                break;
            }
            case FieldKind::kCheckbox:
                changed |= Checkbox(ui, f.Id(), label, f.pointer, *f.flag);
                break;
            case FieldKind::kSelect: {
                std::vector<SelectOption> options;
                for (const auto& c : f.choices) options.push_back({c.value, c.label, c.lang});
                changed |= SelectField(ui, f.Id(), label, hint, f.pointer, options, *f.text);
                break;
            }
            case FieldKind::kSearch:
                changed |= DrawSearch(ui, f);
                break;
        }
    }
    close_section();
    return changed;
}

}  // namespace tasjil::app
