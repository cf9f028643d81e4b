// Index
//   [SECTION] Header
//   [SECTION] Language choice
//   [SECTION] Child identity
//   [SECTION] Child review
//   [SECTION] Page
#include "app/screens.h"

#include "core/electronic_file.h"
#include "core/i18n.h"

namespace tasjil::app {

namespace {

// Language names are always written in their own language and script.
struct LanguageName {
    const char* code;
    const char* name;
};
constexpr LanguageName kLanguages[] = {{"ar", "العربية"}, {"zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"}, {"fr", "Français"}};

void GoTo(Ui& ui, Screen screen) {
    Intent intent{Intent::Kind::kGoTo, "", screen};
    ui.state.ui.intents.push_back(intent);
}

// [SECTION] Header -------------------------------------------------------------------------------

void Header(Ui& ui) {
    const float band_h = ui.wide ? 112 : 136;
    const float top = ui.Top(0);
    ui.draw->AddRectFilled(ImVec2(0, top), ImVec2(ui.view_w, top + band_h), colors::kHeader);
    // Language switch on the reading-end side of the first line (the language screen is a
    // switch in itself). Language names are written in their own language.
    if (ui.state.ui.screen != Screen::kLanguage) {
        std::vector<SelectOption> options;
        for (const auto& lang : kLanguages) options.push_back({lang.code, lang.name, lang.code});
        std::string chosen = ui.state.ui.locale;
        const float w = SelectWidth(ui, options);
        const float x = ui.rtl ? ui.x0 : ui.x0 + ui.width - w;
        if (Select(ui, "language", Tr(ui.state, "ui.language.label"), options, chosen, x, 8)) {
            ui.state.ui.intents.push_back({Intent::Kind::kSetLocale, chosen});
        }
    }
    ui.y = 8 + ui.Target(32) + 6;
    const auto dir = ui.Dir();
    const auto& ministry =
        Wrap(ui, ui.fonts.small, sizes::kSmall, Tr(ui.state, "ui.app.ministry"), ui.width, dir);
    for (const auto& line : ministry.lines) {
        const float w = TextWidth(ui, ui.fonts.small, sizes::kSmall, line);
        DrawLine(ui, ui.fonts.small, sizes::kSmall, line, ui.rtl ? ui.x0 + ui.width - w : ui.x0,
                 ui.Top(ui.y), colors::kWhite);
        ui.y += std::round(sizes::kSmall * 1.45f);
    }
    const std::string title = Tr(ui.state, "ui.app.title");
    const auto& t = Wrap(ui, ui.fonts.body, sizes::kBody + 3, title, ui.width, dir);
    for (const auto& line : t.lines) {
        const float w = TextWidth(ui, ui.fonts.body, sizes::kBody + 3, line);
        DrawLine(ui, ui.fonts.body, sizes::kBody + 3, line, ui.rtl ? ui.x0 + ui.width - w : ui.x0,
                 ui.Top(ui.y), colors::kWhite);
        ui.y += std::round((sizes::kBody + 3) * 1.45f);
    }
    SemanticNode banner;
    banner.id = "service-name";
    banner.role = "text";
    banner.name = Tr(ui.state, "ui.app.ministry") + " — " + title;
    banner.rect = {0, top, ui.view_w, band_h};
    ui.semantics.Add(std::move(banner));
    ui.y = std::max(ui.y, band_h) + sizes::kGap * 1.5f;
}

// [SECTION] Language choice ----------------------------------------------------------------------

void LanguageScreen(Ui& ui) {
    Heading(ui, "heading", Tr(ui.state, "ui.language.heading"), 1);
    Paragraph(ui, "language-intro", Tr(ui.state, "ui.language.intro"), colors::kSecondary);
    // One large button per language, stacked, in the product's order.
    for (const auto& lang : kLanguages) {
        float w = 0;
        const float x_probe = ui.x0;
        const auto& p = ui.shapes.Get(lang.name, text::Direction::kAuto);
        w = TextWidth(ui, ui.fonts.body, sizes::kBody, p.lines.front()) + 44;
        const float x = ui.rtl ? ui.x0 + ui.width - w : x_probe;
        const bool current = lang.code == ui.state.ui.locale;
        if (Button(ui, std::string("choose-") + lang.code, lang.name,
                   current ? ButtonStyle::kPrimary : ButtonStyle::kSecondary, x, ui.y, &w,
                   lang.code)) {
            ui.state.ui.intents.push_back({Intent::Kind::kSetLocale, lang.code});
            GoTo(ui, Screen::kChildIdentity);
        }
        ui.y += ui.Target(48) + 14;
    }
    ui.y += sizes::kGap;
}

// [SECTION] Child identity -----------------------------------------------------------------------

void ChildIdentityScreen(Ui& ui) {
    AppState& s = ui.state;
    auto& child = s.file.child;
    StepProgress(ui, 1, 6);

    // The summary first, so that focus lands where the problems are listed.
    if (s.ui.errors_visible && !s.ui.errors.empty()) {
        struct Field {
            const char* pointer;
            const char* id;     // where the summary's link puts the focus
            const char* label;  // names the field in the summary
        };
        static constexpr Field kFields[] = {
            {"/child/family_name_ar", "family_name_ar", "ui.field.family_name_ar"},
            {"/child/given_name_ar", "given_name_ar", "ui.field.given_name_ar"},
            {"/child/family_name_latin", "family_name_latin", "ui.field.family_name_latin"},
            {"/child/given_name_latin", "given_name_latin", "ui.field.given_name_latin"},
            {"/child/sex", "sex-F", "ui.field.sex"},
            {"/child/birth_date", "birth_date-day", "ui.field.birth_date"}};
        std::vector<std::pair<std::string, std::string>> items;
        for (const auto& e : s.ui.errors) {
            for (const auto& f : kFields) {
                if (e.pointer != f.pointer) continue;
                items.emplace_back(
                    f.id, Tr(s, "ui.error.item",
                             {{"field", Tr(s, f.label)}, {"message", Messages(s).Render(e)}}));
            }
        }
        ErrorSummary(ui, items);
    }
    Heading(ui, "heading", Tr(s, "ui.child.heading"), 1);
    Paragraph(ui, "child-intro", Tr(s, "ui.child.intro"), colors::kSecondary);

    // The names as on the birth act, in Arabic script then in Latin letters.
    struct NameField {
        const char* id;
        const char* label;
        const char* autocomplete;
        std::string core::Child::*field;
        bool arabic;
    };
    static const NameField kNames[] = {
        {"family_name_ar", "ui.field.family_name_ar", "section-child family-name",
         &core::Child::family_name_ar, true},
        {"given_name_ar", "ui.field.given_name_ar", "section-child given-name",
         &core::Child::given_name_ar, true},
        {"family_name_latin", "ui.field.family_name_latin", "section-child family-name",
         &core::Child::family_name_latin, false},
        {"given_name_latin", "ui.field.given_name_latin", "section-child given-name",
         &core::Child::given_name_latin, false}};
    bool changed = false;
    for (const auto& n : kNames) {
        TextFieldSpec f;
        f.id = n.id;
        f.label = Tr(s, n.label);
        f.pointer = std::string("/child/") + n.id;
        f.autocomplete = n.autocomplete;
        f.lang = n.arabic ? "ar" : "fr";
        f.direction = n.arabic ? text::Direction::kRtl : text::Direction::kLtr;
        changed |= TextField(ui, f, child.*n.field);
    }

    changed |= RadioGroup(ui, "sex", Tr(s, "ui.field.sex"), "/child/sex",
                          {{"F", Tr(s, "ui.sex.F")}, {"M", Tr(s, "ui.sex.M")}}, child.sex);
    changed |=
        DateField(ui, "birth_date", Tr(s, "ui.field.birth_date"), Tr(s, "ui.field.birth_date.hint"),
                  "/child/birth_date", s.ui.birth_day, s.ui.birth_month, s.ui.birth_year);
    if (changed) OnModelChanged(s);

    // Back on the reading-start side, Continue on the reading-end side... both in one row:
    // Continue first in reading order (the primary action), Back after it.
    float w = 0;
    const float y = ui.y + 8;
    const auto& cont = ui.shapes.Get(Tr(s, "ui.button.continue"), text::Direction::kAuto);
    const float cw = TextWidth(ui, ui.fonts.body, sizes::kBody, cont.lines.front()) + 44;
    const float cx = ui.rtl ? ui.x0 + ui.width - cw : ui.x0;
    if (Button(ui, "continue", Tr(s, "ui.button.continue"), ButtonStyle::kPrimary, cx, y, &w)) {
        s.ui.intents.push_back({Intent::Kind::kContinueChildIdentity, ""});
    }
    const auto& back = ui.shapes.Get(Tr(s, "ui.button.back"), text::Direction::kAuto);
    const float bw = TextWidth(ui, ui.fonts.body, sizes::kBody, back.lines.front()) + 44;
    const float bx = ui.rtl ? cx - 16 - bw : cx + cw + 16;
    if (Button(ui, "back", Tr(s, "ui.button.back"), ButtonStyle::kSecondary, bx, y, &w)) {
        GoTo(ui, Screen::kLanguage);
    }
    ui.y = y + ui.Target(48) + sizes::kGap * 2;
}

// [SECTION] Child review -------------------------------------------------------------------------

void ChildReviewScreen(Ui& ui) {
    AppState& s = ui.state;
    const auto& c = s.file.child;
    StepProgress(ui, 2, 6);
    Heading(ui, "heading", Tr(s, "ui.review.heading"), 1);
    const std::pair<const char*, std::string> rows[] = {
        {"ui.field.family_name_ar", c.family_name_ar},
        {"ui.field.given_name_ar", c.given_name_ar},
        {"ui.field.family_name_latin", c.family_name_latin},
        {"ui.field.given_name_latin", c.given_name_latin},
        {"ui.field.sex", c.sex.empty() ? std::string() : Tr(s, std::string("ui.sex.") + c.sex)},
        {"ui.field.birth_date",
         s.ui.birth_day + " / " + s.ui.birth_month + " / " + s.ui.birth_year}};
    int i = 0;
    for (const auto& [key, value] : rows) {
        Paragraph(ui, "review-label-" + std::to_string(i), Tr(s, key), colors::kSecondary,
                  sizes::kSmall);
        ui.y -= sizes::kGap - 2;
        Paragraph(ui, "review-value-" + std::to_string(i), value);
        ++i;
    }
    Paragraph(ui, "review-done", Tr(s, "ui.review.done"));
    float w = 0;
    const auto& back = ui.shapes.Get(Tr(s, "ui.button.back"), text::Direction::kAuto);
    const float bw = TextWidth(ui, ui.fonts.body, sizes::kBody, back.lines.front()) + 44;
    if (Button(ui, "back", Tr(s, "ui.button.back"), ButtonStyle::kSecondary,
               ui.rtl ? ui.x0 + ui.width - bw : ui.x0, ui.y, &w)) {
        GoTo(ui, Screen::kChildIdentity);
    }
    ui.y += ui.Target(48) + sizes::kGap * 2;
}

}  // namespace

// [SECTION] Page ---------------------------------------------------------------------------------

void DrawApp(Ui& ui) {
    ui.draw->AddRectFilled(ImVec2(0, 0), ImVec2(ui.view_w, ui.view_h), colors::kPage);
    Header(ui);
    switch (ui.state.ui.screen) {
        case Screen::kLanguage:
            LanguageScreen(ui);
            break;
        case Screen::kChildIdentity:
            ChildIdentityScreen(ui);
            break;
        case Screen::kChildReview:
            ChildReviewScreen(ui);
            break;
    }
    ui.state.ui.content_height = ui.y;
    // Scroll position indicator on the reading-end edge (left in Arabic).
    if (ui.y > ui.view_h) {
        const float track = ui.view_h;
        const float thumb = std::max(40.f, track * ui.view_h / ui.y);
        const float t = ui.state.ui.scroll_y / (ui.y - ui.view_h);
        const float y = (track - thumb) * t;
        const float x = ui.rtl ? 2 : ui.view_w - 8;
        ui.draw->AddRectFilled(ImVec2(x, y), ImVec2(x + 6, y + thumb), IM_COL32(0, 0, 0, 90), 3);
    }
}

}  // namespace tasjil::app
