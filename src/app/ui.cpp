// Index
//   [SECTION] Fonts
//   [SECTION] Text
//   [SECTION] Field frame and label block
//   [SECTION] Containers and text
//   [SECTION] Fields
//   [SECTION] Buttons
//   [SECTION] Summary, progress, answers, QR code
#include "app/ui.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <sstream>

#include "core/utf8.h"
#include "io/files.h"

namespace tasjil::app {

// [SECTION] Fonts --------------------------------------------------------------------------------

namespace {

// Noto Sans Arabic's ascent+descent is 2.112 em against Noto Sans's 1.362 em, and stb_truetype
// scales by that height: without this factor Arabic would look about a third smaller.
constexpr float kArabicScale = 1.45f;

// What the subset fonts hold (tools/subset-fonts.sh keeps the same ranges).
constexpr ImWchar kLatinRanges[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x2013, 0x2014, 0x2018,
                                    0x201E, 0x2022, 0x2022, 0x2026, 0x2026, 0x2039, 0x203A,
                                    0x20AC, 0x20AC, 0x2212, 0x2212, 0x25B2, 0x25B2, 0x25BC,
                                    0x25BC, 0x2713, 0x2713, 0x2715, 0x2715, 0};
constexpr ImWchar kArabicRanges[] = {
    0x060C, 0x060C, 0x061B, 0x061B, 0x061F, 0x061F, 0x0621, 0x063A, 0x0640, 0x0652, 0x0660,
    0x066C, 0x0670, 0x0670, 0x067E, 0x067E, 0x06A4, 0x06A4, 0x06AD, 0x06AD, 0x06CC, 0x06CC,
    0xFB56, 0xFB59, 0xFB6A, 0xFB6D, 0xFBD3, 0xFBD6, 0xFE70, 0xFE74, 0xFE76, 0xFEFC, 0};
constexpr ImWchar kTifinaghRanges[] = {0x2D30, 0x2D67, 0x2D6F, 0x2D70, 0x2D7F, 0x2D7F, 0};

bool ReadAll(const std::string& path, std::vector<char>& out) {
    std::string bytes;
    if (!io::ReadWholeFile(path, bytes)) return false;
    out.assign(bytes.begin(), bytes.end());
    return !out.empty();
}

}  // namespace

bool Hovered(const Ui& ui, const Rect& r) {
    return ui.mouse.x >= r.x && ui.mouse.x < r.x + r.w && ui.mouse.y >= r.y &&
           ui.mouse.y < r.y + r.h;
}

bool TakeActivation(Ui& ui, const std::string& id) {
    auto& list = ui.page.ui.pending_activations;
    auto it = std::find(list.begin(), list.end(), id);
    if (it == list.end()) return false;
    list.erase(it);
    return true;
}

void FocusRing(Ui& ui, const Rect& r) {
    ui.draw->AddRect(ImVec2(r.x - sizes::kFocusOutset, r.y - sizes::kFocusOutset),
                     ImVec2(r.x + r.w + sizes::kFocusOutset, r.y + r.h + sizes::kFocusOutset),
                     colors::kFocus, 0, 0, sizes::kFocusStroke);
}

bool BuildFonts(ImGuiIO& io, const std::string& dir, float pixel_ratio, Fonts& fonts,
                std::string& error) {
    std::vector<char>& latin = fonts.files[0];
    std::vector<char>& arabic = fonts.files[1];
    std::vector<char>& tifinagh = fonts.files[2];
    for (auto [buf, name] : {std::pair{&latin, "latin.ttf"}, std::pair{&arabic, "arabic.ttf"},
                             std::pair{&tifinagh, "tifinagh.ttf"}}) {
        if (buf->empty() && !ReadAll(dir + "/" + name, *buf)) {
            error = dir + "/" + name + " cannot be read";
            return false;
        }
    }
    io.Fonts->Clear();
    io.Fonts->Flags |= ImFontAtlasFlags_NoMouseCursors;
    auto add = [&](float css_size) {
        const float px = std::round(css_size * pixel_ratio);
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;
        cfg.OversampleH = 2;
        cfg.OversampleV = 1;
        ImFont* font = io.Fonts->AddFontFromMemoryTTF(latin.data(), static_cast<int>(latin.size()),
                                                      px, &cfg, kLatinRanges);
        cfg.MergeMode = true;
        io.Fonts->AddFontFromMemoryTTF(arabic.data(), static_cast<int>(arabic.size()),
                                       px * kArabicScale, &cfg, kArabicRanges);
        io.Fonts->AddFontFromMemoryTTF(tifinagh.data(), static_cast<int>(tifinagh.size()), px, &cfg,
                                       kTifinaghRanges);
        return font;
    };
    fonts.small = add(sizes::kSmall);
    fonts.body = add(sizes::kBody);
    fonts.heading = add(sizes::kHeading);
    fonts.pixel_ratio = pixel_ratio;
    if (!io.Fonts->Build()) {
        error = "the font atlas could not be built";
        return false;
    }
    return true;
}

// [SECTION] Text ---------------------------------------------------------------------------------

namespace {

float Advance(ImFont* font, float size, char32_t c) {
    const ImFontGlyph* g = font->FindGlyph(static_cast<ImWchar>(c <= 0xFFFF ? c : 0xFFFD));
    return g ? g->AdvanceX * size / font->FontSize : 0.f;
}

}  // namespace

float LineHeight(float size) {
    return std::round(size * sizes::kLineHeight);
}

float TextWidth(const Ui&, ImFont* font, float size, const text::VisualLine& line) {
    float w = 0;
    for (char32_t c : line.visual) w += Advance(font, size, c);
    return w;
}

void DrawLine(Ui& ui, ImFont* font, float size, const text::VisualLine& line, float x, float y,
              ImU32 color) {
    // Centre the glyphs in the taller line box the layout reserves.
    const float offset = (LineHeight(size) - size * 1.1f) * 0.5f;
    ui.draw->AddText(font, size, ImVec2(std::round(x), std::round(y + offset)), color,
                     line.visual_utf8.data(), line.visual_utf8.data() + line.visual_utf8.size());
}

const text::ShapedParagraph& Wrap(Ui& ui, ImFont* font, float size, const std::string& utf8,
                                  float max_width, text::Direction direction) {
    // All sizes are one typeface scaled, so wrapping at width/size with unit-size advances is
    // the same layout for every size: one cache entry serves them all.
    return ui.shapes.GetLayout(utf8, direction, max_width / size,
                               [font](char32_t c) { return Advance(font, 1.f, c); });
}

namespace {

// Draws wrapped text aligned to the reading start of [x, x+w]; returns its height.
float DrawParagraph(Ui& ui, ImFont* font, float size, const std::string& text, float x, float w,
                    float page_y, ImU32 color, text::Direction dir) {
    const auto& p = Wrap(ui, font, size, text, w, dir);
    const float lh = LineHeight(size);
    float y = ui.Top(page_y);
    for (const auto& line : p.lines) {
        const float lw = TextWidth(ui, font, size, line);
        const float lx = p.rtl ? x + w - lw : x;
        DrawLine(ui, font, size, line, lx, y, color);
        y += lh;
    }
    return lh * static_cast<float>(p.lines.size());
}

float ParagraphHeight(Ui& ui, ImFont* font, float size, const std::string& text, float w,
                      text::Direction dir) {
    return LineHeight(size) * static_cast<float>(Wrap(ui, font, size, text, w, dir).lines.size());
}

bool TakeText(Ui& ui, const std::string& id, std::string& value) {
    auto& pending = ui.page.ui.pending_text;
    auto it = pending.find(id);
    if (it == pending.end()) return false;
    const bool changed = it->second != value;
    value = std::move(it->second);
    pending.erase(it);
    return changed;
}

// Kiosk mode: the focused box becomes the on-screen keyboard's target (the layout of its
// language), and the keys pressed since the last frame edit it. Returns true on a change.
bool KeyboardEdits(Ui& ui, const std::string& id, const std::string& lang, std::string& value,
                   int max_length) {
    if (!ui.kiosk) return false;
    auto& s = ui.page.ui;
    if (s.focused == id && s.keyboard_target != id) {
        s.keyboard_target = id;
        s.pending_keys.clear();
        s.keyboard_layout = lang == "ar" ? KeyboardLayout::kArabic : KeyboardLayout::kAzerty;
    }
    if (s.keyboard_target != id || s.pending_keys.empty()) return false;
    const std::string before = value;
    for (const auto& key : s.pending_keys) {
        if (key == "\b") {
            // The last character, whole: continuation bytes, then its first byte.
            while (!value.empty() && (static_cast<unsigned char>(value.back()) & 0xC0) == 0x80)
                value.pop_back();
            if (!value.empty()) value.pop_back();
        } else if (core::DecodeUtf8Lenient(value).size() < static_cast<std::size_t>(max_length)) {
            value += key;
        }
    }
    s.pending_keys.clear();
    return value != before;
}

}  // namespace

std::string ErrorFor(const Ui& ui, const std::string& pointer) {
    if (!ui.page.ui.errors_visible) return "";
    // The error of the field or of a part of it (an item of a list).
    for (const auto& e : ui.page.ui.errors) {
        const bool below = e.pointer.size() > pointer.size() &&
                           e.pointer.compare(0, pointer.size(), pointer) == 0 &&
                           e.pointer[pointer.size()] == '/';
        if (e.pointer == pointer || below) return Messages(ui.page).Render(e);
    }
    return "";
}

// [SECTION] Field frame and label block ----------------------------------------------------------

namespace {

// Geometry of one form row: the label block (label, hint, error) and the control area, beside
// each other on wide screens (label on the reading-start side) or stacked on narrow ones.
struct Row {
    Rect label;    // label text
    Rect hint;     // hint text
    Rect error;    // error text
    Rect control;  // where the control goes
    float height = 0;
};

Row LayoutRow(Ui& ui, const std::string& label, const std::string& hint, const std::string& error,
              float control_h) {
    Row row;
    const float gap = sizes::kFieldGap;
    const float label_w = ui.wide ? std::round(ui.width * sizes::kLabelShare) : ui.width;
    const float control_w = ui.wide ? ui.width - label_w - gap : ui.width;
    const float label_x = ui.wide && ui.rtl ? ui.x0 + ui.width - label_w : ui.x0;
    const float control_x = ui.wide ? (ui.rtl ? ui.x0 : ui.x0 + label_w + gap) : ui.x0;
    const auto dir = ui.Dir();
    float y = ui.y;
    const float lh = ParagraphHeight(ui, ui.fonts.body, sizes::kBody, label, label_w, dir);
    row.label = {label_x, y, label_w, lh};
    y += lh;
    if (!hint.empty()) {
        const float hh = ParagraphHeight(ui, ui.fonts.small, sizes::kSmall, hint, label_w, dir);
        row.hint = {label_x, y, label_w, hh};
        y += hh;
    }
    if (!error.empty()) {
        const float eh = ParagraphHeight(ui, ui.fonts.body, sizes::kBody, error, label_w, dir);
        row.error = {label_x, y + sizes::kNudge, label_w, eh};
        y += eh + sizes::kNudge;
    }
    const float label_block = y - ui.y;
    if (ui.wide) {
        row.control = {control_x, ui.y, control_w, control_h};
        row.height = std::max(label_block, control_h);
    } else {
        row.control = {control_x, y + sizes::kLineGap, control_w, control_h};
        row.height = label_block + sizes::kLineGap + control_h;
    }
    return row;
}

// A node that only names or labels something: text, a legend, a <label for>.
void AddTextNode(Ui& ui, std::string id, const char* role, const std::string& name,
                 const std::string& for_id, const Rect& rect) {
    SemanticNode n;
    n.id = std::move(id);
    n.role = role;
    n.name = name;
    n.for_id = for_id;
    n.rect = rect;
    ui.semantics.Add(std::move(n));
}

// Draws the label block and publishes its parts in reading order: the label (a <label for>,
// or the group's legend), the hint, the error. Returns the ids that describe the control.
std::vector<std::string> LabelBlock(Ui& ui, const Row& row, const std::string& id,
                                    const std::string& label, const char* label_role,
                                    const std::string& for_id, const std::string& hint,
                                    const std::string& error) {
    const auto dir = ui.Dir();
    DrawParagraph(ui, ui.fonts.body, sizes::kBody, label, row.label.x, row.label.w, row.label.y,
                  colors::kText, dir);
    AddTextNode(ui, id + (std::string(label_role) == "legend" ? "-legend" : "-label"), label_role,
                label, for_id, OnScreen(ui, row.label));
    std::vector<std::string> described_by;
    if (!hint.empty()) {
        DrawParagraph(ui, ui.fonts.small, sizes::kSmall, hint, row.hint.x, row.hint.w, row.hint.y,
                      colors::kSecondary, dir);
        AddTextNode(ui, id + "-hint", "text", hint, "", OnScreen(ui, row.hint));
        described_by.push_back(id + "-hint");
    }
    if (!error.empty()) {
        DrawParagraph(ui, ui.fonts.body, sizes::kBody, error, row.error.x, row.error.w, row.error.y,
                      colors::kError, dir);
        // A bar on the reading-start edge marks the whole row as in error.
        const float bx = ui.rtl ? ui.x0 + ui.width + sizes::kInnerPad : ui.x0 - sizes::kMarkGap;
        ui.draw->AddRectFilled(ImVec2(bx, ui.Top(ui.y)),
                               ImVec2(bx + sizes::kNudge, ui.Top(ui.y + row.height)),
                               colors::kError);
        AddTextNode(ui, id + "-error", "text", error, "", OnScreen(ui, row.error));
        described_by.push_back(id + "-error");
    }
    return described_by;
}

// One input box: border, focus ring, and the shaped value when the DOM input is not focused.
void DrawBox(Ui& ui, const std::string& id, const Rect& r, bool invalid, const std::string& value,
             text::Direction value_dir) {
    const bool editing = ui.page.ui.focused == id;
    const bool keyboard = ui.page.ui.keyboard_target == id;  // kiosk: typed on the app's keys
    ui.draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), colors::kWhite);
    ui.draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h),
                     invalid ? colors::kError : colors::kBorder, 0, 0, invalid ? 3.f : 2.f);
    if (editing && !keyboard) {
        FocusRing(ui, r);
        return;  // the browser draws the text, caret and selection
    }
    if (keyboard) FocusRing(ui, r);
    const float pad = sizes::kInnerPad;
    const float text_y = r.y + (r.h - LineHeight(sizes::kBody)) * 0.5f;
    float end_x = -1;  // where the keyboard's caret goes: after the text
    if (!value.empty()) {
        const auto& p = ui.shapes.Get(value, value_dir);
        const auto& line = p.lines.front();
        const float w = TextWidth(ui, ui.fonts.body, sizes::kBody, line);
        const float x = p.rtl ? r.x + r.w - pad - w : r.x + pad;
        end_x = p.rtl ? x - sizes::kHairline : x + w + sizes::kHairline;
        const float in = sizes::kHairline;
        ui.draw->PushClipRect(ImVec2(r.x + in, r.y + in), ImVec2(r.x + r.w - in, r.y + r.h - in),
                              true);
        DrawLine(ui, ui.fonts.body, sizes::kBody, line, x, text_y, colors::kText);
        ui.draw->PopClipRect();
    } else {
        end_x =
            (value_dir == text::Direction::kRtl || (value_dir == text::Direction::kAuto && ui.rtl))
                ? r.x + r.w - pad
                : r.x + pad;
    }
    if (keyboard) {
        ui.draw->AddLine(ImVec2(end_x, text_y), ImVec2(end_x, text_y + LineHeight(sizes::kBody)),
                         colors::kText, sizes::kStroke);
    }
}

}  // namespace

// [SECTION] Containers and text ------------------------------------------------------------------

ContainerScope BeginContainer(Ui& ui, const std::string& id, const std::string& role,
                              const std::string& name, const std::string& labelled_by) {
    SemanticNode n;
    n.id = id;
    n.role = role;
    n.name = name;
    n.labelled_by = labelled_by;
    return {ui.semantics.Open(std::move(n)), ui.y};
}

void EndContainer(Ui& ui, const ContainerScope& scope, float x, float w) {
    ui.semantics.Close(scope.index, OnScreen(ui, {x < 0 ? ui.x0 : x, scope.top,
                                                  w < 0 ? ui.width : w, ui.y - scope.top}));
}

void Heading(Ui& ui, const std::string& id, const std::string& text, int level) {
    ImFont* font = level == 1 ? ui.fonts.heading : ui.fonts.body;
    const float size = level == 1 ? sizes::kHeading : sizes::kSubheading;
    const float h =
        DrawParagraph(ui, font, size, text, ui.x0, ui.width, ui.y, colors::kText, ui.Dir());
    SemanticNode n;
    n.id = id;
    n.role = "heading";
    n.name = text;
    n.level = level;
    n.rect = OnScreen(ui, {ui.x0, ui.y, ui.width, h});
    ui.semantics.Add(std::move(n));
    ui.y += h + sizes::kGap * 0.75f;
}

void Paragraph(Ui& ui, const std::string& id, const std::string& text, ImU32 color, float size,
               const std::string& lang) {
    ImFont* font = size <= sizes::kSmall ? ui.fonts.small : ui.fonts.body;
    const auto dir = lang.empty() ? ui.Dir() : text::Direction::kAuto;
    const float h = DrawParagraph(ui, font, size, text, ui.x0, ui.width, ui.y, color, dir);
    SemanticNode n;
    n.id = id;
    n.role = "text";
    n.name = text;
    n.lang = lang;
    n.rect = OnScreen(ui, {ui.x0, ui.y, ui.width, h});
    ui.semantics.Add(std::move(n));
    ui.y += h + sizes::kGap;
}

void Notice(Ui& ui, const std::string& id, const std::vector<std::string>& lines, NoticeStyle style,
            const std::string& role) {
    const bool panel = style == NoticeStyle::kSuccess;
    const float pad = panel ? sizes::kPanelPad : 0;
    const float bar = panel ? 0 : sizes::kNoticeBar;
    const float mark = panel ? 0 : bar + sizes::kMarkGap;
    const float inner_w = ui.width - 2 * pad - mark;
    const float inner_x = ui.rtl ? ui.x0 + pad : ui.x0 + pad + mark;
    float h = pad;
    std::vector<float> heights;
    for (const auto& line : lines) {
        heights.push_back(
            ParagraphHeight(ui, ui.fonts.body, sizes::kBody, line, inner_w, ui.Dir()));
        h += heights.back() + sizes::kLineGap;
    }
    h += pad;
    const Rect box = OnScreen(ui, {ui.x0, ui.y, ui.width, h});
    const ImU32 fg = panel ? colors::kWhite : colors::kText;
    if (panel) {
        ui.draw->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.x + box.w, box.y + box.h),
                               colors::kSuccessPanel);
    } else {
        const float bx = ui.rtl ? ui.x0 + ui.width - bar : ui.x0;
        ui.draw->AddRectFilled(ImVec2(bx, box.y), ImVec2(bx + bar, box.y + box.h),
                               style == NoticeStyle::kWarning ? colors::kError : colors::kInfoBar);
    }
    float y = ui.y + pad;
    std::string all;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        DrawParagraph(ui, ui.fonts.body, sizes::kBody, lines[i], inner_x, inner_w, y, fg, ui.Dir());
        y += heights[i] + sizes::kLineGap;
        all += (all.empty() ? "" : " ") + lines[i];
    }
    SemanticNode n;
    n.id = id;
    n.role = role;
    n.name = all;
    n.rect = box;
    ui.semantics.Add(std::move(n));
    ui.y += h + sizes::kGap;
}

// [SECTION] Fields -------------------------------------------------------------------------------

bool TextField(Ui& ui, const TextFieldSpec& spec, std::string& value) {
    bool changed = TakeText(ui, spec.id, value);
    changed |= KeyboardEdits(ui, spec.id, spec.lang, value, spec.max_length);
    const std::string error = ErrorFor(ui, spec.pointer);
    Row row = LayoutRow(ui, spec.label, spec.hint, error, ui.Target(sizes::kBoxHeight));
    if (spec.width_em > 0) {
        const float w = std::min(row.control.w, spec.width_em * sizes::kBody);
        if (ui.rtl) row.control.x += row.control.w - w;
        row.control.w = w;
    }
    auto described_by =
        LabelBlock(ui, row, spec.id, spec.label, "label", spec.id, spec.hint, error);
    const Rect box = OnScreen(ui, row.control);
    if (spec.secret) {
        // A password: drawn as one dot per character, never as its text.
        std::string dots;
        for (unsigned char c : value) {
            if ((c & 0xC0) != 0x80) dots += "\u2022";
        }
        DrawBox(ui, spec.id, box, !error.empty(), dots, text::Direction::kLtr);
    } else {
        DrawBox(ui, spec.id, box, !error.empty(), value, spec.direction);
    }

    SemanticNode n;
    n.id = spec.id;
    n.role = "textbox";
    n.name = spec.label;
    n.value = value;
    n.described_by = std::move(described_by);
    n.autocomplete = spec.autocomplete;
    n.input_mode = spec.input_mode;
    n.lang = spec.lang;
    n.dir = spec.direction == text::Direction::kRtl   ? "rtl"
            : spec.direction == text::Direction::kLtr ? "ltr"
                                                      : "auto";
    n.max_length = spec.max_length;
    n.required = true;
    n.invalid = !error.empty();
    n.rect = box;
    ui.semantics.Add(std::move(n));
    ui.y += row.height + sizes::kGap;
    return changed;
}

bool DateField(Ui& ui, const std::string& id, const std::string& label, const std::string& hint,
               const std::string& pointer, DateParts& value, const std::string& autocomplete) {
    bool changed = false;
    changed |= TakeText(ui, id + "-day", value.day);
    changed |= TakeText(ui, id + "-month", value.month);
    changed |= TakeText(ui, id + "-year", value.year);
    changed |= KeyboardEdits(ui, id + "-day", "", value.day, 2);
    changed |= KeyboardEdits(ui, id + "-month", "", value.month, 2);
    changed |= KeyboardEdits(ui, id + "-year", "", value.year, 4);
    const std::string error = ErrorFor(ui, pointer);
    const float sub_label_h = LineHeight(sizes::kSmall);
    Row row = LayoutRow(ui, label, hint, error,
                        sub_label_h + sizes::kNudge + ui.Target(sizes::kBoxHeight));
    const auto group = BeginContainer(ui, id, "group", label, id + "-legend");
    auto described_by = LabelBlock(ui, row, id, label, "legend", "", hint, error);
    struct Part {
        const char* suffix;
        const char* key;
        std::string* value;
        float em;
        int max;
        const char* token;
    };
    const Part parts[] = {{"-day", "ui.field.day", &value.day, 3.2f, 2, "bday-day"},
                          {"-month", "ui.field.month", &value.month, 3.2f, 2, "bday-month"},
                          {"-year", "ui.field.year", &value.year, 4.6f, 4, "bday-year"}};
    // Reading order: day, month, year from the reading-start edge.
    float cursor = ui.rtl ? row.control.x + row.control.w : row.control.x;
    for (const Part& part : parts) {
        const float w = part.em * sizes::kBody;
        const float x = ui.rtl ? cursor - w : cursor;
        cursor = ui.rtl ? x - sizes::kFieldGap : x + w + sizes::kFieldGap;
        const std::string sub = Tr(ui.page, part.key);
        const std::string sub_id = id + part.suffix;
        const auto& p =
            Wrap(ui, ui.fonts.small, sizes::kSmall, sub, w + sizes::kSubLabelSlack, ui.Dir());
        const float lw = TextWidth(ui, ui.fonts.small, sizes::kSmall, p.lines.front());
        DrawLine(ui, ui.fonts.small, sizes::kSmall, p.lines.front(), ui.rtl ? x + w - lw : x,
                 ui.Top(row.control.y), colors::kText);
        const Rect box = OnScreen(
            ui, {x, row.control.y + sub_label_h + sizes::kNudge, w, ui.Target(sizes::kBoxHeight)});
        DrawBox(ui, sub_id, box, !error.empty(), *part.value, text::Direction::kLtr);

        AddTextNode(ui, sub_id + "-label", "label", sub, sub_id,
                    OnScreen(ui, {ui.rtl ? x + w - lw : x, row.control.y, lw, sub_label_h}));
        SemanticNode n;
        n.id = sub_id;
        n.role = "textbox";
        n.name = sub;
        n.value = *part.value;
        n.described_by = described_by;
        n.autocomplete = autocomplete.empty() ? "off" : autocomplete + " " + part.token;
        n.input_mode = "numeric";
        n.dir = "ltr";
        n.max_length = part.max;
        n.required = true;
        n.invalid = !error.empty();
        n.rect = box;
        ui.semantics.Add(std::move(n));
    }
    ui.y += row.height;
    EndContainer(ui, group);
    ui.y += sizes::kGap;
    return changed;
}

bool RadioGroup(Ui& ui, const std::string& id, const std::string& label, const std::string& hint,
                const std::string& pointer, const std::vector<RadioOption>& options,
                std::string& value) {
    bool changed = false;
    for (const auto& o : options) {
        if (TakeActivation(ui, id + "-" + o.value) && value != o.value) {
            value = o.value;
            changed = true;
        }
    }
    const std::string error = ErrorFor(ui, pointer);
    const float circle = sizes::kRadio;
    const float h = ui.Target(sizes::kOptionHeight);
    // One row when every option fits beside the others without a hint, else one per line.
    float row_w = 0;
    bool has_hints = false;
    for (const auto& o : options) {
        const auto& p = ui.shapes.Get(o.label, text::Direction::kAuto);
        row_w += circle + sizes::kInnerPad +
                 TextWidth(ui, ui.fonts.body, sizes::kBody, p.lines.front()) + sizes::kOptionEnd +
                 sizes::kOptionGap;
        has_hints |= !o.hint.empty();
    }
    const float control_w_guess =
        ui.wide ? ui.width * (1 - sizes::kLabelShare) - sizes::kFieldGap : ui.width;
    const bool inline_row = !has_hints && options.size() <= 3 && row_w <= control_w_guess;
    const bool stacked = !inline_row;
    // Stacked options take the whole column under the label.
    const bool saved_wide = ui.wide;
    if (stacked) ui.wide = false;
    std::vector<float> heights;
    float total_h = 0;
    const float text_w_max = ui.width - circle - sizes::kInnerPad;
    for (const auto& o : options) {
        float oh = h;
        if (stacked) {
            oh =
                std::max(h, ParagraphHeight(ui, ui.fonts.body, sizes::kBody, o.label, text_w_max,
                                            text::Direction::kAuto) +
                                (o.hint.empty() ? 0
                                                : ParagraphHeight(ui, ui.fonts.small, sizes::kSmall,
                                                                  o.hint, text_w_max, ui.Dir())) +
                                sizes::kItemGap);
        }
        heights.push_back(oh);
        total_h += stacked ? oh + sizes::kItemGap : 0;
    }
    Row row = LayoutRow(ui, label, hint, error, stacked ? total_h : h);
    ui.wide = saved_wide;
    const auto group = BeginContainer(ui, id, "radiogroup", label, id + "-legend");
    auto described_by = LabelBlock(ui, row, id, label, "legend", "", hint, error);

    float cursor = ui.rtl ? row.control.x + row.control.w : row.control.x;
    float oy = row.control.y;
    for (std::size_t i = 0; i < options.size(); ++i) {
        const auto& o = options[i];
        const auto label_dir = o.lang.empty() ? ui.Dir() : text::Direction::kAuto;
        const auto& p = Wrap(ui, ui.fonts.body, sizes::kBody, o.label,
                             stacked ? text_w_max : sizes::kInlineOptionMax, label_dir);
        float tw = 0;
        for (const auto& line : p.lines)
            tw = std::max(tw, TextWidth(ui, ui.fonts.body, sizes::kBody, line));
        const float w =
            stacked ? row.control.w : circle + sizes::kInnerPad + tw + sizes::kOptionEnd;
        const float x = stacked ? row.control.x : (ui.rtl ? cursor - w : cursor);
        if (!stacked) cursor = ui.rtl ? x - sizes::kOptionGap : x + w + sizes::kOptionGap;
        const float oh = heights[i];
        const Rect r = OnScreen(ui, {x, oy, w, oh});
        const float cy = r.y + std::min(oh, h) * 0.5f;
        const float cx = ui.rtl ? r.x + r.w - circle * 0.5f : r.x + circle * 0.5f;
        const bool checked = value == o.value;
        const int sides = sizes::kCircleSegments;
        ui.draw->AddCircleFilled(ImVec2(cx, cy), circle * 0.5f, colors::kWhite, sides);
        ui.draw->AddCircle(ImVec2(cx, cy), circle * 0.5f,
                           error.empty() ? colors::kBorder : colors::kError, sides, sizes::kStroke);
        if (checked)
            ui.draw->AddCircleFilled(ImVec2(cx, cy), circle * sizes::kDot, colors::kText, sides);
        if (Hovered(ui, r) && !checked) {
            ui.draw->AddCircle(ImVec2(cx, cy), circle * 0.5f + sizes::kFocusOutset,
                               colors::kSecondary, sides, sizes::kThinStroke);
        }
        float ty = cy - LineHeight(sizes::kBody) * 0.5f;
        for (const auto& line : p.lines) {
            const float lw = TextWidth(ui, ui.fonts.body, sizes::kBody, line);
            const float tx = ui.rtl ? cx - circle * 0.5f - sizes::kInnerPad - lw
                                    : cx + circle * 0.5f + sizes::kInnerPad;
            DrawLine(ui, ui.fonts.body, sizes::kBody, line, tx, ty, colors::kText);
            ty += LineHeight(sizes::kBody);
        }
        std::vector<std::string> option_described = described_by;
        if (!o.hint.empty()) {
            const float hx = ui.rtl ? r.x : cx + circle * 0.5f + sizes::kInnerPad;
            DrawParagraph(ui, ui.fonts.small, sizes::kSmall, o.hint, hx, text_w_max,
                          oy + (ty - r.y), colors::kSecondary, ui.Dir());
        }
        if (ui.page.ui.focused == id + "-" + o.value) FocusRing(ui, r);
        SemanticNode n;
        n.id = id + "-" + o.value;
        n.role = "radio";
        n.name = o.hint.empty() ? o.label : o.label + " — " + o.hint;
        n.lang = o.lang;
        n.group = id;
        n.checked = checked;
        n.required = true;
        n.invalid = !error.empty();
        n.described_by = std::move(option_described);
        n.rect = r;
        ui.semantics.Add(std::move(n));
        if (stacked) oy += oh + sizes::kItemGap;
    }
    ui.y += row.height;
    EndContainer(ui, group);
    ui.y += sizes::kGap;
    return changed;
}

bool Checkbox(Ui& ui, const std::string& id, const std::string& label, const std::string& pointer,
              bool& value) {
    bool changed = false;
    if (TakeActivation(ui, id)) {
        value = !value;
        changed = true;
    }
    const std::string error = ErrorFor(ui, pointer);
    const float side = sizes::kRadio;
    const float text_w = ui.width - side - sizes::kMarkGap;
    const float th = ParagraphHeight(ui, ui.fonts.body, sizes::kBody, label, text_w, ui.Dir());
    float y = ui.y;
    std::vector<std::string> described_by;
    if (!error.empty()) {
        const float eh = DrawParagraph(ui, ui.fonts.body, sizes::kBody, error, ui.x0, ui.width, y,
                                       colors::kError, ui.Dir());
        AddTextNode(ui, id + "-error", "text", error, "", OnScreen(ui, {ui.x0, y, ui.width, eh}));
        described_by.push_back(id + "-error");
        y += eh + sizes::kLineGap;
    }
    const float h = std::max(ui.Target(side + sizes::kLineGap), th);
    const Rect r = OnScreen(ui, {ui.x0, y, ui.width, h});
    const float bx = ui.rtl ? r.x + r.w - side : r.x;
    const float by = r.y + sizes::kCheckDrop;
    ui.draw->AddRectFilled(ImVec2(bx, by), ImVec2(bx + side, by + side), colors::kWhite);
    ui.draw->AddRect(ImVec2(bx, by), ImVec2(bx + side, by + side),
                     error.empty() ? colors::kBorder : colors::kError, 0, 0, sizes::kStroke);
    if (value) {  // a tick: its points in px of a box of sizes::kRadio, scaled to this box
        const float u = side / sizes::kRadio;
        const ImVec2 start(bx + 7 * u, by + 15 * u), bottom(bx + 13 * u, by + 21 * u),
            end(bx + 24 * u, by + 8 * u);
        ui.draw->AddLine(start, bottom, colors::kText, sizes::kTick);
        ui.draw->AddLine(bottom, end, colors::kText, sizes::kTick);
    }
    const float tx = ui.rtl ? ui.x0 : ui.x0 + side + sizes::kMarkGap;
    DrawParagraph(ui, ui.fonts.body, sizes::kBody, label, tx, text_w, y + sizes::kCheckDrop,
                  colors::kText, ui.Dir());
    if (ui.page.ui.focused == id) FocusRing(ui, r);
    AddTextNode(ui, id + "-label", "label", label, id,
                OnScreen(ui, {tx, y + sizes::kCheckDrop, text_w, th}));
    SemanticNode n;
    n.id = id;
    n.role = "checkbox";
    n.name = label;
    n.checked = value;
    n.invalid = !error.empty();
    n.described_by = std::move(described_by);
    n.rect = Rect{bx, by, side, side};
    ui.semantics.Add(std::move(n));
    ui.y = y + h + sizes::kGap;
    return changed;
}

bool SelectField(Ui& ui, const std::string& id, const std::string& label, const std::string& hint,
                 const std::string& pointer, const std::vector<SelectOption>& options,
                 std::string& value) {
    const bool changed = TakeText(ui, id, value);
    const std::string error = ErrorFor(ui, pointer);
    Row row = LayoutRow(ui, label, hint, error, ui.Target(sizes::kBoxHeight));
    auto described_by = LabelBlock(ui, row, id, label, "label", id, hint, error);
    const Rect box = OnScreen(ui, row.control);
    const SelectOption* current = nullptr;
    for (const auto& o : options) {
        if (o.value == value) current = &o;
    }
    DrawBox(ui, id + "-box", box, !error.empty(), current ? current->label : "",
            current && !current->lang.empty() ? text::Direction::kAuto : ui.Dir());
    // The chevron on the reading-end side.
    const float cx = ui.rtl ? box.x + sizes::kChevronInset : box.x + box.w - sizes::kChevronInset;
    const float cy = box.y + box.h * 0.5f;
    const float half = sizes::kChevronHalf, rise = sizes::kChevronRise;
    ui.draw->AddTriangleFilled(ImVec2(cx - half, cy - rise), ImVec2(cx + half, cy - rise),
                               ImVec2(cx, cy + rise), colors::kText);
    if (ui.page.ui.focused == id) FocusRing(ui, box);
    SemanticNode n;
    n.id = id;
    n.role = "combobox";
    n.name = label;
    n.value = value;
    n.required = true;
    n.invalid = !error.empty();
    n.described_by = std::move(described_by);
    n.options.push_back({"", Tr(ui.page, "ui.select.choose"), ""});
    for (const auto& o : options) n.options.push_back({o.value, o.label, o.lang});
    n.rect = box;
    ui.semantics.Add(std::move(n));
    ui.y += row.height + sizes::kGap;
    return changed;
}

// [SECTION] Buttons ------------------------------------------------------------------------------

float ButtonWidth(Ui& ui, const std::string& text, ButtonStyle style) {
    ImFont* font = style == ButtonStyle::kLink ? ui.fonts.small : ui.fonts.body;
    const float size = style == ButtonStyle::kLink ? sizes::kSmall : sizes::kBody;
    const auto& p = ui.shapes.Get(text, text::Direction::kAuto);
    const float pad = style == ButtonStyle::kLink ? sizes::kLinkPad : sizes::kButtonPad;
    return TextWidth(ui, font, size, p.lines.front()) + 2 * pad;
}

bool Button(Ui& ui, const Action& a, float x, float y, float* out_w, const std::string& lang,
            bool current) {
    const bool activated = TakeActivation(ui, a.id) && !a.disabled;
    const ButtonStyle style = a.style;
    ImFont* font = style == ButtonStyle::kLink ? ui.fonts.small : ui.fonts.body;
    const float size = style == ButtonStyle::kLink ? sizes::kSmall : sizes::kBody;
    const auto& p = ui.shapes.Get(a.text, text::Direction::kAuto);
    const float pad = style == ButtonStyle::kLink ? sizes::kLinkPad : sizes::kButtonPad;
    const float w = ButtonWidth(ui, a.text, style);
    const float h =
        ui.Target(style == ButtonStyle::kLink ? sizes::kLinkHeight : sizes::kButtonHeight);
    if (out_w) *out_w = w;
    const Rect r = OnScreen(ui, {x, y, w, h});
    const bool hover = Hovered(ui, r) && !a.disabled;
    ImU32 bg = 0, edge = 0, fg = colors::kText;
    switch (style) {
        case ButtonStyle::kPrimary:
            bg = hover ? colors::kPrimaryHover : colors::kPrimary;
            edge = colors::kPrimaryEdge;
            fg = colors::kWhite;
            break;
        case ButtonStyle::kSecondary:
            bg = hover ? colors::kSecondaryButtonHover : colors::kSecondaryButton;
            edge = colors::kSecondaryEdge;
            break;
        case ButtonStyle::kWarning:
            bg = colors::kWarningButton;
            edge = colors::kWarningEdge;
            fg = colors::kWhite;
            break;
        case ButtonStyle::kLink:
            fg = colors::kWhite;
            break;
    }
    if (a.disabled && bg) {
        bg = colors::kDisabled;
        fg = colors::kWhite;
    }
    if (bg) {
        ui.draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + w, r.y + h), bg, sizes::kCorner);
        // A darker bottom edge, as on official buttons.
        ui.draw->AddRectFilled(ImVec2(r.x, r.y + h - sizes::kCorner), ImVec2(r.x + w, r.y + h),
                               edge, sizes::kCorner);
    }
    DrawLine(ui, font, size, p.lines.front(), r.x + pad, r.y + (h - LineHeight(size)) * 0.5f, fg);
    if (style == ButtonStyle::kLink && (hover || current)) {
        const float line_y = r.y + h - sizes::kLineGap;
        ui.draw->AddLine(ImVec2(r.x + pad, line_y), ImVec2(r.x + w - pad, line_y), fg,
                         current ? sizes::kStroke : sizes::kThinStroke);
    }
    if (ui.page.ui.focused == a.id) FocusRing(ui, r);
    SemanticNode n;
    n.id = a.id;
    n.role = "button";
    n.name = a.text;
    n.lang = lang;
    n.primary = a.primary;
    n.disabled = a.disabled;
    n.current = current;
    n.rect = r;
    ui.semantics.Add(std::move(n));
    return activated;
}

bool Key(Ui& ui, const std::string& id, const std::string& label, const std::string& name,
         const Rect& page_rect, bool active, const std::string& lang) {
    const bool activated = TakeActivation(ui, id);
    const Rect r = OnScreen(ui, page_rect);
    const bool hover = Hovered(ui, r);
    ui.draw->AddRectFilled(
        ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h),
        active ? colors::kPrimary : (hover ? colors::kSecondaryButtonHover : colors::kWhite),
        sizes::kKeyCorner);
    ui.draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), colors::kSecondaryEdge,
                     sizes::kKeyCorner);
    // A character large; a word (space, erase, close) at body size.
    const bool word = core::DecodeUtf8Lenient(label).size() > 2;
    ImFont* font = word ? ui.fonts.body : ui.fonts.heading;
    const float size = word ? sizes::kBody : sizes::kKeyText;
    const auto& p = ui.shapes.Get(label, text::Direction::kAuto);
    const float w = TextWidth(ui, font, size, p.lines.front());
    ui.draw->PushClipRect(ImVec2(r.x + sizes::kHairline, r.y),
                          ImVec2(r.x + r.w - sizes::kHairline, r.y + r.h), true);
    DrawLine(ui, font, size, p.lines.front(), r.x + std::max(sizes::kNudge, (r.w - w) * 0.5f),
             r.y + (r.h - LineHeight(size)) * 0.5f, active ? colors::kWhite : colors::kText);
    ui.draw->PopClipRect();
    if (ui.page.ui.focused == id) FocusRing(ui, r);
    SemanticNode n;
    n.id = id;
    n.role = "button";
    n.name = name;
    n.lang = lang;
    n.current = active;
    n.rect = r;
    ui.semantics.Add(std::move(n));
    return activated;
}

int ActionRow(Ui& ui, const std::vector<Action>& actions) {
    int activated = -1;
    float cursor = ui.rtl ? ui.x0 + ui.width : ui.x0;
    float y = ui.y + sizes::kItemGap;
    const float h = ui.Target(sizes::kButtonHeight);
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const float w = ButtonWidth(ui, actions[i].text, actions[i].style);
        const float used = ui.rtl ? ui.x0 + ui.width - cursor : cursor - ui.x0;
        if (used > 0 && used + w > ui.width) {  // wrap to a new line
            cursor = ui.rtl ? ui.x0 + ui.width : ui.x0;
            y += h + sizes::kButtonGap;
        }
        const float x = ui.rtl ? cursor - w : cursor;
        if (Button(ui, actions[i], x, y)) activated = static_cast<int>(i);
        cursor = ui.rtl ? x - sizes::kButtonGap : x + w + sizes::kButtonGap;
    }
    ui.y = y + h + sizes::kGap * 1.5f;
    return activated;
}

// [SECTION] Summary, progress, answers, QR code --------------------------------------------------

void ErrorSummary(Ui& ui, const std::vector<std::pair<std::string, std::string>>& items) {
    const float pad = sizes::kSummaryPad, border = sizes::kSummaryBorder;
    const float inner_w = ui.width - 2 * pad - border;
    const float inner_x = ui.rtl ? ui.x0 + pad : ui.x0 + pad + border;
    const std::string heading =
        Tr(ui.page, "ui.errors.heading", {{"count", std::to_string(items.size())}});
    float y = ui.y + pad;
    const float hh =
        ParagraphHeight(ui, ui.fonts.body, sizes::kSummaryHeading, heading, inner_w, ui.Dir());
    std::vector<float> item_y;
    float iy = y + hh + sizes::kInnerPad;
    for (const auto& [field, message] : items) {
        item_y.push_back(iy);
        iy += ParagraphHeight(ui, ui.fonts.body, sizes::kBody, message, inner_w, ui.Dir()) +
              sizes::kItemGap;
    }
    const float height = iy - ui.y + pad - sizes::kItemGap;
    const Rect box = OnScreen(ui, {ui.x0, ui.y, ui.width, height});
    ui.draw->AddRect(ImVec2(box.x, box.y), ImVec2(box.x + box.w, box.y + box.h), colors::kError, 0,
                     0, border);
    DrawParagraph(ui, ui.fonts.body, sizes::kSummaryHeading, heading, inner_x, inner_w, y,
                  colors::kText, ui.Dir());
    std::string all;
    const std::size_t first_link = ui.semantics.size();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& [field, message] = items[i];
        const float h = DrawParagraph(ui, ui.fonts.body, sizes::kBody, message, inner_x, inner_w,
                                      item_y[i], colors::kError, ui.Dir());
        const auto& p = Wrap(ui, ui.fonts.body, sizes::kBody, message, inner_w, ui.Dir());
        for (std::size_t l = 0; l < p.lines.size(); ++l) {  // links are underlined
            const float lw = TextWidth(ui, ui.fonts.body, sizes::kBody, p.lines[l]);
            const float lx = p.rtl ? inner_x + inner_w - lw : inner_x;
            const float ly = ui.Top(item_y[i]) +
                             LineHeight(sizes::kBody) * (static_cast<float>(l) + 1) - sizes::kNudge;
            ui.draw->AddLine(ImVec2(lx, ly), ImVec2(lx + lw, ly), colors::kError,
                             sizes::kThinStroke);
        }
        const std::string link_id = "error-link-" + std::to_string(i);
        if (ui.page.ui.focused == link_id) {
            FocusRing(ui, OnScreen(ui, {inner_x, item_y[i], inner_w, h}));
        }
        SemanticNode link;
        link.id = link_id;
        link.role = "link";
        link.name = message;
        link.for_id = field;
        link.rect = OnScreen(ui, {inner_x, item_y[i], inner_w, h});
        ui.semantics.Add(std::move(link));
        all += (all.empty() ? "" : " ") + message;
    }
    SemanticNode alert;
    alert.id = "error-summary";
    alert.role = "alert";
    alert.name = heading;
    alert.description = all;
    alert.rect = box;
    ui.semantics.Insert(first_link, std::move(alert));  // announced before its links
    ui.y += height + sizes::kGap * 1.5f;
}

void StepProgress(Ui& ui, int n, int total) {
    const std::string text =
        Tr(ui.page, "ui.step", {{"n", std::to_string(n)}, {"total", std::to_string(total)}});
    const float h = DrawParagraph(ui, ui.fonts.small, sizes::kSmall, text, ui.x0, ui.width, ui.y,
                                  colors::kSecondary, ui.Dir());
    const float bar_y = ui.Top(ui.y + h + sizes::kNudge);
    const float bar_h = sizes::kProgressBar;
    const float filled = ui.width * static_cast<float>(n) / static_cast<float>(total);
    ui.draw->AddRectFilled(ImVec2(ui.x0, bar_y), ImVec2(ui.x0 + ui.width, bar_y + bar_h),
                           colors::kProgressTrack, sizes::kCorner);
    const float fx = ui.rtl ? ui.x0 + ui.width - filled : ui.x0;
    ui.draw->AddRectFilled(ImVec2(fx, bar_y), ImVec2(fx + filled, bar_y + bar_h), colors::kPrimary,
                           sizes::kCorner);
    SemanticNode node;
    node.id = "progress";
    node.role = "progressbar";
    node.name = text;
    node.value = std::to_string(n);
    node.level = total;
    node.rect = OnScreen(ui, {ui.x0, ui.y, ui.width, h + sizes::kInnerPad});
    ui.semantics.Add(std::move(node));
    ui.y += h + sizes::kInnerPad + sizes::kGap;
}

bool SummaryRow(Ui& ui, const std::string& id, const std::string& label, const std::string& value,
                const std::string& change_text) {
    const float change_w = ButtonWidth(ui, change_text, ButtonStyle::kSecondary);
    const float text_w = ui.width - change_w - sizes::kButtonGap;
    const float top = ui.y;
    const float lh = DrawParagraph(ui, ui.fonts.small, sizes::kSmall, label,
                                   ui.rtl ? ui.x0 + change_w + sizes::kButtonGap : ui.x0, text_w,
                                   ui.y, colors::kSecondary, ui.Dir());
    AddTextNode(ui, id + "-label", "text", label, "", OnScreen(ui, {ui.x0, ui.y, text_w, lh}));
    ui.y += lh + sizes::kHairline;
    const std::string shown = value.empty() ? Tr(ui.page, "ui.answer.none") : value;
    const float vh = DrawParagraph(ui, ui.fonts.body, sizes::kBody, shown,
                                   ui.rtl ? ui.x0 + change_w + sizes::kButtonGap : ui.x0, text_w,
                                   ui.y, colors::kText, text::Direction::kAuto);
    AddTextNode(ui, id + "-value", "text", shown, "", OnScreen(ui, {ui.x0, ui.y, text_w, vh}));
    const float bx = ui.rtl ? ui.x0 : ui.x0 + ui.width - change_w;
    const bool activated =
        Button(ui, {id + "-change", change_text, ButtonStyle::kSecondary}, bx, top);
    ui.y = std::max(ui.y + vh, top + ui.Target(sizes::kButtonHeight)) + sizes::kInnerPad;
    ui.draw->AddLine(ImVec2(ui.x0, ui.Top(ui.y)), ImVec2(ui.x0 + ui.width, ui.Top(ui.y)),
                     colors::kRule, sizes::kThinStroke);
    ui.y += sizes::kInnerPad + sizes::kHairline;
    return activated;
}

void QrCode(Ui& ui, const std::string& id, const std::string& alt, const std::vector<bool>& modules,
            int size, float side) {
    if (size <= 0) return;
    const float quiet = 4;  // modules of white around the code (ISO/IEC 18004)
    const float m = std::floor(side / (static_cast<float>(size) + 2 * quiet));
    const float full = m * (static_cast<float>(size) + 2 * quiet);
    const float x = ui.rtl ? ui.x0 + ui.width - full : ui.x0;
    const Rect r = OnScreen(ui, {x, ui.y, full, full});
    ui.draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + full, r.y + full), colors::kWhite);
    for (int row = 0; row < size; ++row) {
        for (int col = 0; col < size; ++col) {
            if (!modules[static_cast<std::size_t>(row * size + col)]) continue;
            const float mx = r.x + (quiet + static_cast<float>(col)) * m;
            const float my = r.y + (quiet + static_cast<float>(row)) * m;
            ui.draw->AddRectFilled(ImVec2(mx, my), ImVec2(mx + m, my + m), colors::kText);
        }
    }
    SemanticNode n;
    n.id = id;
    n.role = "img";
    n.name = alt;
    n.rect = r;
    ui.semantics.Add(std::move(n));
    ui.y += full + sizes::kGap;
}

Rect OnScreen(const Ui& ui, Rect r) {
    r.y = ui.Top(r.y);
    return r;
}

}  // namespace tasjil::app
