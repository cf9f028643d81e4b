// Index
//   [SECTION] Banner
//   [SECTION] Main
#include "app/page.h"

#include "app/keyboard.h"

#include "app/flow.h"

namespace tasjil::app {

// [SECTION] One frame of a page (both apps) ------------------------------------------------------

Ui BeginPageFrame(const FrameInput& in, float column, float scale, PageState& page,
                  Semantics& semantics, text::ShapeCache& shapes, const Fonts& fonts) {
    const float css_width = in.css_width / scale, css_height = in.css_height / scale;
    const ImVec2 mouse = in.mouse.x < 0 ? in.mouse : ImVec2(in.mouse.x / scale, in.mouse.y / scale);
    page.ui.scroll_y = in.scroll_y / scale;
    if (!in.now_iso.empty()) page.now_iso = in.now_iso;
    const float margin =
        css_width < sizes::kNarrowWidth ? sizes::kMarginNarrow : sizes::kMarginWide;
    const float width = std::max(sizes::kMinColumn, std::min(column, css_width - 2 * margin));

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(css_width, css_height);
    io.DeltaTime = in.delta_time;
    io.MousePos = mouse;
    ImGui::NewFrame();
    semantics.BeginFrame();
    Ui ui{page, semantics, shapes, fonts};
    ui.draw = ImGui::GetBackgroundDrawList();
    const auto& direction = Messages(page).direction;
    ui.rtl = direction == "rtl" || (direction.empty() && page.ui.locale == "ar");
    ui.touch = in.touch;
    ui.view_w = css_width;
    ui.view_h = css_height;
    ui.width = width;
    ui.x0 = std::round((css_width - width) * 0.5f);
    ui.wide = width >= sizes::kWideColumn;
    ui.mouse = mouse;
    return ui;
}

std::string EndPageFrame(Ui& ui, float scale, const std::string& title) {
    ImGui::Render();
    UiState& ui_state = ui.page.ui;
    // Rectangles were drawn in viewport coordinates; the page layer sits in the document, in
    // CSS pixels.
    for (auto& n : ui.semantics.nodes()) {
        n.rect.y += ui_state.scroll_y;
        n.rect = {n.rect.x * scale, n.rect.y * scale, n.rect.w * scale, n.rect.h * scale};
    }
    PageInfo page;
    page.lang = ui_state.locale;
    page.dir = ui.rtl ? "rtl" : "ltr";
    page.focus = ui_state.focus_request;
    page.height = ui_state.content_height * scale;
    page.title = title;
    std::string json = ui.semantics.ToJson(page);
    ui_state.focus_request.clear();
    ui_state.pending_text.clear();
    ui_state.pending_activations.clear();
    return json;
}

std::string IfChanged(std::string text, std::string& last) {
    if (text == last) return "";
    last = text;
    return text;
}

// [SECTION] The parents' page --------------------------------------------------------------------

namespace {

// [SECTION] Banner -------------------------------------------------------------------------------

void Banner(Ui& ui, AppState& s) {
    std::vector<BannerLink> links;
    for (const auto& lang : kLanguageNames)
        links.push_back({{std::string("lang-") + lang.code, lang.name, ButtonStyle::kLink},
                         lang.code,
                         s.ui.locale == lang.code});
    const std::string pressed = DrawBanner(
        ui, ui.wide ? sizes::kHeaderWide : sizes::kHeaderNarrow, Tr(s, "ui.language.label"), links,
        {{Tr(s, "ui.app.ministry"), false}, {Tr(s, "ui.app.title"), true}});
    for (const auto& lang : kLanguageNames) {
        if (pressed == std::string("lang-") + lang.code)
            s.ui.intents.push_back({.kind = Intent::Kind::kSetLocale, .argument = lang.code});
    }
}

// [SECTION] Main ---------------------------------------------------------------------------------

void Summary(Ui& ui, AppState& s, std::vector<Field>& fields) {
    std::vector<std::pair<std::string, std::string>> items;
    for (const auto& e : s.ui.errors) {
        std::string focus, label;
        for (const auto& f : fields) {
            if (f.Owns(e.pointer)) {
                focus = f.FocusId();
                label = Tr(s, f.label);
                break;
            }
        }
        const std::string message = Messages(s).Render(e);
        items.emplace_back(focus, label.empty() ? message
                                                : Tr(s, "ui.error.item",
                                                     {{"field", label}, {"message", message}}));
    }
    ErrorSummary(ui, items);
}

}  // namespace

std::string DrawBanner(Ui& ui, float band_h, const std::string& nav_name,
                       const std::vector<BannerLink>& links, const std::vector<BannerLine>& lines) {
    std::string pressed;
    ui.y = 0;
    // Each line's font, size and line height, and its text wrapped to the page (cached).
    struct Wrapped {
        ImFont* font;
        float size, line_h;
        const text::ShapedParagraph& p;
    };
    const auto wrapped = [&ui](const BannerLine& line) {
        ImFont* font = line.large ? ui.fonts.body : ui.fonts.small;
        const float size = line.large ? sizes::kSubheading : sizes::kSmall;
        return Wrapped{font, size, LineHeight(size),
                       Wrap(ui, font, size, line.text, ui.width, ui.Dir())};
    };
    // The band grows with its text: a long name wraps to more lines on a narrow screen.
    const float nav_h = ui.Target(sizes::kLinkHeight);
    const float nav_top = sizes::kLineGap;
    float text_h = 0;
    for (const auto& line : lines) {
        if (line.text.empty()) continue;
        const Wrapped w = wrapped(line);
        text_h += static_cast<float>(w.p.lines.size()) * w.line_h;
    }
    band_h = std::max(band_h, nav_top + nav_h + sizes::kNudge + text_h + sizes::kGap / 2);
    ui.draw->AddRectFilled(ImVec2(0, ui.Top(0)), ImVec2(ui.view_w, ui.Top(band_h)),
                           colors::kHeader);
    const auto banner = BeginContainer(ui, "banner", "banner", "");
    // The links on the reading-end side of the first line.
    const auto nav = BeginContainer(ui, "languages", "navigation", nav_name);
    float widths = 0;
    for (const auto& l : links) widths += ButtonWidth(ui, l.action.text, l.action.style);
    float x = ui.rtl ? ui.x0 : ui.x0 + ui.width - widths;
    for (const auto& l : links) {
        float w = 0;
        if (Button(ui, l.action, x, nav_top, &w, l.lang, l.current)) pressed = l.action.id;
        x += w;
    }
    ui.y = nav_top + nav_h;
    EndContainer(ui, nav, ui.rtl ? ui.x0 : ui.x0 + ui.width - widths, widths);
    ui.y = nav_top + nav_h + sizes::kNudge;
    const float top = ui.y;
    std::string name;
    for (const auto& line : lines) {
        if (line.text.empty()) continue;
        const Wrapped wl = wrapped(line);
        for (const auto& l : wl.p.lines) {
            const float w = TextWidth(ui, wl.font, wl.size, l);
            DrawLine(ui, wl.font, wl.size, l, ui.rtl ? ui.x0 + ui.width - w : ui.x0, ui.Top(ui.y),
                     colors::kWhite);
            ui.y += wl.line_h;
        }
        name += (name.empty() ? "" : " — ") + line.text;
    }
    SemanticNode n;
    n.id = "service-name";
    n.role = "text";
    n.name = name;
    n.rect = {ui.x0, ui.Top(top), ui.width, ui.y - top};
    ui.semantics.Add(std::move(n));
    ui.y = std::max(ui.y, band_h);
    EndContainer(ui, banner, 0, ui.view_w);
    ui.y += sizes::kGap * 1.5f;
    return pressed;
}

void DrawPage(Ui& ui, AppState& s) {
    ui.draw->AddRectFilled(ImVec2(0, 0), ImVec2(ui.view_w, ui.view_h), colors::kPage);
    Banner(ui, s);
    const ScreenSpec& spec = Spec(s, s.ui.screen);
    const auto main = BeginContainer(ui, "main", "main", "");
    if (spec.kind == ScreenKind::kQuestion) {
        const StepNumber step = StepOf(s, spec.id);
        StepProgress(ui, step.n, step.total);
    }
    std::vector<Field> fields = spec.fields ? spec.fields(s) : std::vector<Field>{};
    // The summary first, so that focus lands where the problems are listed.
    if (s.ui.errors_visible && !s.ui.errors.empty()) Summary(ui, s, fields);
    Heading(ui, "heading", Tr(s, spec.heading), 1);
    if (spec.intro) Paragraph(ui, "intro", Tr(s, spec.intro), colors::kSecondary);
    // Answers are kept on the device: say so while there is still time to free space.
    if (s.device.storage_low)
        Notice(ui, "storage-low", {Tr(s, "ui.storage.low")}, NoticeStyle::kWarning, "alert");
    if (spec.body) {
        spec.body(ui, s, fields);
    } else if (DrawFields(ui, fields)) {
        OnModelChanged(s);
    }
    if (spec.after) spec.after(ui, s);
    if (spec.continue_label) {
        // Send is unavailable while the file is on its way, and before registration opens.
        const bool sending = spec.submits && (s.submission.state == Submission::State::kSending ||
                                              RegistrationWindow(s) == WindowToday::kNotYetOpen);
        const int pressed = ActionRow(
            ui, {{"continue", Tr(s, spec.continue_label), ButtonStyle::kPrimary, true, sending},
                 {"back", Tr(s, "ui.button.back")}});
        if (pressed == 0)
            s.ui.intents.push_back(
                {.kind = spec.submits ? Intent::Kind::kSubmit : Intent::Kind::kContinue});
        if (pressed == 1) s.ui.intents.push_back({.kind = Intent::Kind::kBack});
    }
    EndContainer(ui, main);
    ui.y += sizes::kGap;
    // Kiosk mode's overlays, last so that they are drawn over the page.
    const float keyboard = DrawKeyboard(ui, s);
    DrawIdleWarning(ui, s);
    s.ui.content_height = ui.y + keyboard;
}

}  // namespace tasjil::app
