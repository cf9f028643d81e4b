#include "app/keyboard.h"

#include <array>
#include <vector>

namespace tasjil::app {

namespace {

using Row = std::vector<const char*>;

// The layouts' letter rows, in the order of the keys (left to right as printed on keyboards).
const std::vector<Row>& Rows(KeyboardLayout layout) {
    static const std::vector<Row> arabic = {
        {"ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "د"},
        {"ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط", "ذ"},
        {"ئ", "ء", "ؤ", "ر", "ى", "ة", "و", "ز", "ظ", "أ", "إ", "آ"},
    };
    static const std::vector<Row> azerty = {
        {"a", "z", "e", "r", "t", "y", "u", "i", "o", "p", "é", "è"},
        {"q", "s", "d", "f", "g", "h", "j", "k", "l", "m", "ç", "à"},
        {"w", "x", "c", "v", "b", "n", "-", "'", ".", "@", "_", "ë"},
    };
    // IRCAM's Tifinagh layout follows AZERTY positions.
    static const std::vector<Row> tifinagh = {
        {"ⴰ", "ⵣ", "ⴻ", "ⵔ", "ⵜ", "ⵢ", "ⵓ", "ⵉ", "ⵄ", "ⵃ", "ⵕ", "ⵯ"},
        {"ⵇ", "ⵙ", "ⴷ", "ⴼ", "ⴳ", "ⵀ", "ⵊ", "ⴽ", "ⵍ", "ⵎ", "ⵚ", "ⵟ"},
        {"ⵡ", "ⵅ", "ⵛ", "ⵖ", "ⴱ", "ⵏ", "ⴹ", "ⵥ", "ⵛ", "ⵞ", "ⴶ", "ⵤ"},
    };
    switch (layout) {
        case KeyboardLayout::kArabic:
            return arabic;
        case KeyboardLayout::kAzerty:
            return azerty;
        case KeyboardLayout::kTifinagh:
            return tifinagh;
    }
    return azerty;
}

constexpr std::array<const char*, 10> kDigits = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};

// Shift for the Latin letters a–z and the accented ones the layout has.
std::string Upper(const std::string& key) {
    if (key.size() == 1 && key[0] >= 'a' && key[0] <= 'z')
        return std::string(1, static_cast<char>(key[0] - 'a' + 'A'));
    static const std::pair<const char*, const char*> kAccents[] = {
        {"é", "É"}, {"è", "È"}, {"ç", "Ç"}, {"à", "À"}, {"ë", "Ë"}};
    for (const auto& [lower, upper] : kAccents) {
        if (key == lower) return upper;
    }
    return key;
}

void Press(AppState& s, const std::string& text) {
    s.ui.pending_keys.push_back(text);
    s.ui.keyboard_shift = false;
}

}  // namespace

float DrawKeyboard(Ui& ui, AppState& s) {
    if (s.device.mode != DeviceMode::kKiosk || s.ui.keyboard_target.empty()) return 0;
    auto& layout = s.ui.keyboard_layout;
    const auto& rows = Rows(layout);
    const float gap = sizes::kKeyGap;
    const float key_h = ui.Target(sizes::kKeyHeight);
    const float title_h = LineHeight(sizes::kSmall) + gap;
    const float row_count = static_cast<float>(rows.size()) + 2;  // digits, letters, controls
    const float panel_h = title_h + row_count * (key_h + gap) + gap;
    const float top = s.ui.scroll_y + ui.view_h - panel_h;  // page coordinates
    const Rect panel = OnScreen(ui, {0, top, ui.view_w, panel_h});
    ui.draw->AddRectFilled(ImVec2(panel.x, panel.y), ImVec2(panel.x + panel.w, panel.y + panel.h),
                           colors::kKeyboardPanel);
    ui.draw->AddLine(ImVec2(panel.x, panel.y), ImVec2(panel.x + panel.w, panel.y),
                     colors::kOverlayEdge, sizes::kStroke);

    const float saved_y = ui.y;
    ui.y = top + gap;
    const auto group = BeginContainer(ui, "keyboard", "group", "", "keyboard-title");
    const char* layout_key = layout == KeyboardLayout::kArabic   ? "ui.keyboard.arabic"
                             : layout == KeyboardLayout::kAzerty ? "ui.keyboard.azerty"
                                                                 : "ui.keyboard.tifinagh";
    Paragraph(ui, "keyboard-title", Tr(s, "ui.keyboard.title", {{"layout", Tr(s, layout_key)}}),
              colors::kText, sizes::kSmall);
    float y = top + title_h + gap;
    const float columns = sizes::kKeyColumns;
    const float width = std::min(ui.view_w - 2 * gap, columns * sizes::kKeyMaxWidth);
    const float x0 = (ui.view_w - width) * 0.5f;
    const float key_w = (width - (columns - 1) * gap) / columns;
    const bool rtl_row = layout == KeyboardLayout::kArabic;  // Arabic keys read right to left
    const auto place = [&](std::size_t i, std::size_t n) {
        const float row_w = static_cast<float>(n) * key_w + static_cast<float>(n - 1) * gap;
        const float start = x0 + (width - row_w) * 0.5f;
        const std::size_t at = rtl_row ? n - 1 - i : i;
        return start + static_cast<float>(at) * (key_w + gap);
    };

    for (std::size_t i = 0; i < kDigits.size(); ++i) {
        const std::string d = kDigits[i];
        if (Key(ui, "key-digit-" + d, d, d, {place(i, kDigits.size()), y, key_w, key_h}, false))
            Press(s, d);
    }
    y += key_h + gap;
    const char* lang = layout == KeyboardLayout::kArabic   ? "ar"
                       : layout == KeyboardLayout::kAzerty ? "fr"
                                                           : "zgh";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const Row& row = rows[r];
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string text = s.ui.keyboard_shift ? Upper(row[i]) : row[i];
            const std::string id = "key-" + std::to_string(r) + "-" + std::to_string(i);
            if (Key(ui, id, text, text, {place(i, row.size()), y, key_w, key_h}, false, lang))
                Press(s, text);
        }
        y += key_h + gap;
    }
    // Controls: layouts, Shift (Latin), space, erase, close.
    struct Control {
        const char* id;
        std::string label;
        std::string name;
        float units;
        bool active;
    };
    const std::vector<Control> controls = {
        {"key-layout-ar", "ع", Tr(s, "ui.keyboard.arabic"), 1, layout == KeyboardLayout::kArabic},
        {"key-layout-fr", "Aa", Tr(s, "ui.keyboard.azerty"), 1, layout == KeyboardLayout::kAzerty},
        {"key-layout-zgh", "ⵜ", Tr(s, "ui.keyboard.tifinagh"), 1,
         layout == KeyboardLayout::kTifinagh},
        // Words, not symbols: the app's font subsets have the three scripts, not ⇧ ⌫ ✓.
        {"key-shift", "A", Tr(s, "ui.keyboard.shift"), 1, s.ui.keyboard_shift},
        {"key-space", Tr(s, "ui.keyboard.space"), Tr(s, "ui.keyboard.space"), 3, false},
        {"key-erase", Tr(s, "ui.keyboard.erase"), Tr(s, "ui.keyboard.erase"), 2, false},
        {"key-close", Tr(s, "ui.keyboard.close"), Tr(s, "ui.keyboard.close"), 3, false},
    };
    float x = x0;
    for (const auto& c : controls) {
        const float w = c.units * key_w + (c.units - 1) * gap;
        const float kx = ui.rtl ? x0 + width - (x - x0) - w : x;
        x += w + gap;
        if (!Key(ui, c.id, c.label, c.name, {kx, y, w, key_h}, c.active)) continue;
        const std::string id = c.id;
        if (id == "key-layout-ar") layout = KeyboardLayout::kArabic;
        if (id == "key-layout-fr") layout = KeyboardLayout::kAzerty;
        if (id == "key-layout-zgh") layout = KeyboardLayout::kTifinagh;
        if (id == "key-shift") s.ui.keyboard_shift = !s.ui.keyboard_shift;
        if (id == "key-space") Press(s, " ");
        if (id == "key-erase") Press(s, "\b");
        if (id == "key-close") {
            // Touching a box again opens the keyboard again (focusing it here would).
            s.ui.keyboard_target.clear();
            s.ui.pending_keys.clear();
        }
    }
    ui.y = top + panel_h;
    EndContainer(ui, group, 0, ui.view_w);
    ui.y = saved_y;
    return panel_h;
}

void DrawIdleWarning(Ui& ui, AppState& s) {
    const int left = s.device.idle_seconds_left;
    if (s.device.mode != DeviceMode::kKiosk || left < 0) return;
    const float saved_y = ui.y;
    const float top = s.ui.scroll_y;  // the top of the viewport, in page coordinates
    const float pad = sizes::kGap;
    // Drawn twice: once to measure (off screen), once in place over the page.
    ui.y = top + pad;
    const auto& wrapped =
        Wrap(ui, ui.fonts.body, sizes::kBody,
             Tr(s, "ui.idle.warning", {{"seconds", std::to_string(left)}}), ui.width, ui.Dir());
    const float text_h = static_cast<float>(wrapped.lines.size()) * LineHeight(sizes::kBody);
    const float panel_h = pad + text_h + pad + ui.Target(sizes::kButtonHeight) + pad;
    const Rect panel = OnScreen(ui, {0, top, ui.view_w, panel_h});
    ui.draw->AddRectFilled(ImVec2(panel.x, panel.y), ImVec2(panel.x + panel.w, panel.y + panel.h),
                           colors::kWhite);
    ui.draw->AddRectFilled(ImVec2(panel.x, panel.y + panel.h - sizes::kNudge),
                           ImVec2(panel.x + panel.w, panel.y + panel.h), colors::kError);
    Notice(ui, "idle-warning", {Tr(s, "ui.idle.warning", {{"seconds", std::to_string(left)}})},
           NoticeStyle::kWarning, "alert");
    if (ActionRow(ui, {{"idle-continue", Tr(s, "ui.idle.continue"), ButtonStyle::kPrimary}}) == 0)
        s.device.idle_seconds_left = -1;
    ui.y = saved_y;
}

}  // namespace tasjil::app
