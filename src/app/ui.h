// Tasjil app: the widgets every screen is built from. ImGui draws them (shaped, bidi-ordered
// text from src/text) and each one describes itself to the semantic layer, whose DOM twin is
// what the keyboard, the screen reader and the phone keyboard touch.
//
// Index
//   [SECTION] Look
//   [SECTION] Fonts
//   [SECTION] Frame context and layout
//   [SECTION] Widgets
#pragma once

#include <imgui.h>

#include <array>
#include <string>
#include <vector>

#include "app/app_state.h"
#include "app/semantics.h"
#include "text/bidi_text.h"

namespace tasjil::app {

// [SECTION] Look ---------------------------------------------------------------------------------

// A calm, official look. Every text colour has a contrast of at least 4.5:1 on its background
// (values in docs/app.md).
namespace colors {
inline constexpr ImU32 kPage = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kText = IM_COL32(11, 12, 12, 255);       // 19.8:1 on white
inline constexpr ImU32 kSecondary = IM_COL32(80, 90, 95, 255);  // 7.0:1 on white
inline constexpr ImU32 kHeader = IM_COL32(0, 78, 56, 255);      // header band, white text 9.6:1
inline constexpr ImU32 kPrimary = IM_COL32(0, 98, 51, 255);     // buttons, white text 7.3:1
inline constexpr ImU32 kPrimaryHover = IM_COL32(0, 75, 39, 255);
inline constexpr ImU32 kBorder = IM_COL32(11, 12, 12, 255);  // field borders
inline constexpr ImU32 kError = IM_COL32(177, 14, 30, 255);  // 6.9:1 on white
inline constexpr ImU32 kFocus = IM_COL32(255, 221, 0, 255);  // focus ring
inline constexpr ImU32 kSecondaryButton = IM_COL32(243, 242, 241, 255);
inline constexpr ImU32 kSecondaryButtonHover = IM_COL32(219, 218, 217, 255);
inline constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kProgressTrack = IM_COL32(214, 220, 217, 255);
inline constexpr ImU32 kPrimaryEdge = IM_COL32(0, 45, 24, 255);  // bottom edge of buttons
inline constexpr ImU32 kSecondaryEdge = IM_COL32(146, 146, 146, 255);
inline constexpr ImU32 kWarningButton = IM_COL32(177, 14, 30, 255);  // white text 6.9:1
inline constexpr ImU32 kWarningEdge = IM_COL32(110, 8, 18, 255);
inline constexpr ImU32 kDisabled = IM_COL32(120, 128, 132, 255);  // white text 4.6:1
inline constexpr ImU32 kInfoBar = IM_COL32(29, 112, 184, 255);    // notice bar
inline constexpr ImU32 kSuccessPanel = IM_COL32(0, 98, 51, 255);  // receipt panel, white 7.3:1
inline constexpr ImU32 kRule = IM_COL32(177, 180, 182, 255);      // lines between answers
inline constexpr ImU32 kScrollThumb = IM_COL32(0, 0, 0, 90);
inline constexpr ImU32 kKeyboardPanel = IM_COL32(214, 220, 217, 255);  // behind the kiosk's keys
inline constexpr ImU32 kOverlayEdge = IM_COL32(11, 12, 12, 255);       // above/below an overlay
inline constexpr ImU32 kGridStripe = IM_COL32(243, 242, 241, 255);     // every other table row
inline constexpr ImU32 kGridCurrent = IM_COL32(255, 247, 191, 255);    // the keyboard's row
}  // namespace colors

// Sizes in CSS pixels, the one place for layout numbers; the atlas is rasterised at these times the
// device pixel ratio.
namespace sizes {
inline constexpr float kSmall = 16;
inline constexpr float kBody = 19;
inline constexpr float kHeading = 28;
inline constexpr float kLineHeight = 1.45f;  // a line's height, of the text's size
inline constexpr float kColumn = 680;        // widest content column
inline constexpr float kMinColumn = 120;     // narrowest, whatever the viewport
inline constexpr float kGap = 20;            // space between blocks
inline constexpr float kFieldGap = 16;       // between a label block and its control, wide layout
inline constexpr float kButtonGap = 16;      // between buttons of a row
inline constexpr float kButtonPad = 22;      // inside a button, each side
inline constexpr float kLinkPad = 6;
inline constexpr float kBoxHeight = 46;  // a text box
inline constexpr float kButtonHeight = 48;
inline constexpr float kRadio = 30;     // radio and checkbox diameter / side
inline constexpr float kQrSide = 132;   // the receipt's QR code with its quiet zone
inline constexpr float kKeyQrSide = 200;  // a second factor's key: ~45 modules an app's camera reads off a screen
inline constexpr float kNoticeBar = 6;  // width of a notice's bar
inline constexpr float kMarginNarrow = 16, kMarginWide = 28;  // page margins (< 500 px wide)
inline constexpr float kNarrowWidth = 500;                    // below this width, narrow margins
inline constexpr float kWideColumn = 560;  // from this column width, labels beside fields
inline constexpr float kHeaderWide = 112, kHeaderNarrow = 136;  // header band height
inline constexpr float kKeyHeight = 56;      // a key of the kiosk's on-screen keyboard
inline constexpr float kKeyColumns = 12;     // the keyboard is this many keys wide
inline constexpr float kKeyMaxWidth = 90;    // a key's widest (a wide screen)
inline constexpr float kKeyGap = 6;          // between keys
inline constexpr float kKeyText = kHeading;  // a key's character
inline constexpr float kKioskScale = 1.25f;  // kiosk mode draws everything larger
// Inside widgets: one scale of small distances, then what only one widget needs.
inline constexpr float kHairline = 2;    // a caret from its text, a clip inside a border
inline constexpr float kNudge = 4;       // an error under its label, a bar under its text
inline constexpr float kLineGap = 6;     // lines of a notice; a label block over its control
inline constexpr float kItemGap = 8;     // stacked options, error summary items
inline constexpr float kInnerPad = 10;   // inside a text box; a radio's circle to its text
inline constexpr float kMarkGap = 14;    // a bar or a box to the text beside it
inline constexpr float kOptionGap = 24;  // options side by side
inline constexpr float kStroke = 2;      // a control's border, a caret, a current link's line
inline constexpr float kThinStroke = 1;  // hover rings, underlines, rules
inline constexpr float kCorner = 3;      // buttons' and bars' rounding, a button's bottom edge
inline constexpr float kFocusOutset = 3, kFocusStroke = 4;  // the focus ring
inline constexpr float kLabelShare = 0.36f;  // wide layout: the label column's share of the column
inline constexpr float kSubheading = kBody + 3;               // a level-2 heading's size
inline constexpr float kSummaryHeading = kBody + 2;           // the error summary's heading size
inline constexpr float kPanelPad = 20;                        // inside a success panel
inline constexpr float kSummaryPad = 18, kSummaryBorder = 5;  // the error summary's box
inline constexpr float kOptionHeight = 40;      // a radio option's row (before the touch minimum)
inline constexpr float kOptionEnd = 12;         // after an inline option's text
inline constexpr float kInlineOptionMax = 400;  // an inline option's text wraps beyond this
inline constexpr float kDot = 0.28f;            // a checked radio's dot, of the circle's side
inline constexpr float kTick = 4;               // a checkbox's tick stroke
inline constexpr float kCheckDrop = 3;          // a checkbox and its label below the row's top
inline constexpr float kChevronInset = 18;      // a select's chevron from the box's end
inline constexpr float kChevronHalf = 6, kChevronRise = 4;  // its half width and half height
inline constexpr float kLinkHeight = 28;                    // a link-style button
inline constexpr float kKeyCorner = 4;                      // a key of the kiosk's keyboard
inline constexpr float kProgressBar = 6;                    // the step progress bar's height
inline constexpr float kSubLabelSlack = 40;  // a date part's small label may pass its box by this
inline constexpr int kCircleSegments = 32;   // radios drawn as polygons of this many sides
// The staff console: a wide column for lists, a lower banner, dense table rows.
inline constexpr float kStaffColumn = 1240;
inline constexpr float kStaffBanner = 100;
inline constexpr float kGridSortRise = 0.6f;       // the triangle's half height, of its half width
inline constexpr float kAnswerLabelShare = 0.38f;  // a file's answers: the label column's share
inline constexpr float kGridSortMark = 12;         // the sorted column's triangle
inline constexpr float kGridRow = 40;              // a row of a staff table
inline constexpr float kGridHeader = 44;           // its header row
inline constexpr float kGridCellPad = 8;           // inside a cell, each side
inline constexpr int kGridOverscan = 6;            // rows drawn beyond the viewport, each side
inline constexpr float kGridMinCell = 120;  // narrower than this, a table row wraps its cells
}  // namespace sizes

// [SECTION] Fonts --------------------------------------------------------------------------------

struct Fonts {
    ImFont* small = nullptr;
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    float pixel_ratio = 1;  // the ratio the atlas was built for
    // The font files (Latin, Arabic, Tifinagh), read once: the atlas borrows their bytes and is
    // built again from them when the pixel ratio changes.
    std::array<std::vector<char>, 3> files;
};

// Builds the atlas from the subset fonts under `dir` (Latin base, Arabic and Tifinagh merged,
// Arabic scaled so that the three scripts look the same height). Returns false, with the reason
// in `error`, when a font file cannot be read.
bool BuildFonts(ImGuiIO& io, const std::string& dir, float pixel_ratio, Fonts& fonts,
                std::string& error);

// [SECTION] Frame context and layout -------------------------------------------------------------

// Everything a widget needs during one frame. The page is a single column; `y` is the cursor in
// page coordinates (before scrolling).
struct Ui {
    PageState& page;  // the interface state, catalogues and dates: nothing else of the app
    Semantics& semantics;
    text::ShapeCache& shapes;
    const Fonts& fonts;
    ImDrawList* draw = nullptr;
    bool rtl = false;
    bool touch = false;  // touch device: bigger targets
    float view_w = 0, view_h = 0;
    float x0 = 0, width = 0;  // content column
    float y = 0;              // layout cursor, page coordinates
    bool wide = true;         // labels beside fields (else above)
    ImVec2 mouse{-1, -1};
    bool kiosk = false;  // a shared kiosk: the app's own keyboard types into text boxes

    float Top(float page_y) const { return page_y - page.ui.scroll_y; }
    text::Direction Dir() const { return rtl ? text::Direction::kRtl : text::Direction::kLtr; }
    // A target height: 24 CSS px at least, 48 on touch screens.
    float Target(float h) const { return touch ? std::max(h, 48.f) : std::max(h, 24.f); }
};

// Whether the pointer is over `r` (viewport coordinates).
bool Hovered(const Ui& ui, const Rect& r);
// Consumes a pending activation of the DOM element `id`; true when there was one.
bool TakeActivation(Ui& ui, const std::string& id);
// The keyboard focus ring around `r` (viewport coordinates).
void FocusRing(Ui& ui, const Rect& r);

// The line height of text at `size` CSS px.
float LineHeight(float size);
// A rectangle in page coordinates moved to the viewport (where it is drawn).
Rect OnScreen(const Ui& ui, Rect r);

// Width of shaped text drawn with `font` at `size` CSS px.
float TextWidth(const Ui& ui, ImFont* font, float size, const text::VisualLine& line);

// Draws one shaped line with its left edge at x.
void DrawLine(Ui& ui, ImFont* font, float size, const text::VisualLine& line, float x, float y,
              ImU32 color);

// Shapes and wraps `utf8` to `max_width`, cached; direction from the interface language unless
// `direction` says otherwise.
const text::ShapedParagraph& Wrap(Ui& ui, ImFont* font, float size, const std::string& utf8,
                                  float max_width, text::Direction direction);

// [SECTION] Widgets ------------------------------------------------------------------------------

// A container of the semantic tree (banner, main, navigation, group, radiogroup) around what
// is drawn between Begin and End; its rectangle is what was drawn.
struct ContainerScope {
    std::size_t index = 0;
    float top = 0;  // page y where it began
};
ContainerScope BeginContainer(Ui& ui, const std::string& id, const std::string& role,
                              const std::string& name, const std::string& labelled_by = "");
void EndContainer(Ui& ui, const ContainerScope& scope, float x = -1, float w = -1);

void Heading(Ui& ui, const std::string& id, const std::string& text, int level);
void Paragraph(Ui& ui, const std::string& id, const std::string& text, ImU32 color = colors::kText,
               float size = sizes::kBody, const std::string& lang = "");

enum class NoticeStyle { kInfo, kWarning, kSuccess };
// A block of text set apart by a bar on the reading-start edge (explanations, what happens
// next) or a panel (the receipt's reference). `role` "status" makes it a polite live region.
void Notice(Ui& ui, const std::string& id, const std::vector<std::string>& lines, NoticeStyle style,
            const std::string& role = "text");

struct TextFieldSpec {
    std::string id;            // widget and DOM id
    std::string label;         // visible label
    std::string hint;          // shown under the label, read after it
    std::string pointer;       // JSON pointer of the model field, to find its error
    std::string autocomplete;  // DOM autocomplete token
    std::string input_mode = "text";
    std::string lang;  // language of the value ("ar" for Arabic-script names)
    text::Direction direction = text::Direction::kAuto;  // of the value
    int max_length = 60;
    float width_em = 0;   // preferred width in ems (0 = full width)
    bool secret = false;  // a password: drawn as dots (the platform makes its box one)
};

// A text field. While its DOM twin has focus the browser draws the text; otherwise the shaped
// value is drawn here. Returns true when the value changed this frame.
bool TextField(Ui& ui, const TextFieldSpec& spec, std::string& value);

// Day / month / year as three numeric fields in one row: a group named by its question, with
// one hint and one error.
bool DateField(Ui& ui, const std::string& id, const std::string& label, const std::string& hint,
               const std::string& pointer, DateParts& value, const std::string& autocomplete);

struct RadioOption {
    std::string value;
    std::string label;
    std::string hint;  // a second line under the label
    std::string lang;  // language of the label when it differs from the page

    RadioOption(std::string v, std::string l, std::string h = "", std::string g = "")
        : value(std::move(v)), label(std::move(l)), hint(std::move(h)), lang(std::move(g)) {}
};
// A radio group named by its question; options on one row when they fit, else one per line.
// Returns true when the choice changed.
bool RadioGroup(Ui& ui, const std::string& id, const std::string& label, const std::string& hint,
                const std::string& pointer, const std::vector<RadioOption>& options,
                std::string& value);

// One checkbox with its label beside it. Returns true when it changed.
bool Checkbox(Ui& ui, const std::string& id, const std::string& label, const std::string& pointer,
              bool& value);

struct SelectOption {
    std::string value;
    std::string label;
    std::string lang;  // language of the label when it differs from the page

    SelectOption(std::string v, std::string l, std::string g = "")
        : value(std::move(v)), label(std::move(l)), lang(std::move(g)) {}
};
// A labelled list in a form row; its DOM twin is a native <select>, so the browser's own picker
// opens (the wheel on phones). Returns true when the choice changed.
bool SelectField(Ui& ui, const std::string& id, const std::string& label, const std::string& hint,
                 const std::string& pointer, const std::vector<SelectOption>& options,
                 std::string& value);

enum class ButtonStyle { kPrimary, kSecondary, kWarning, kLink };
struct Action {
    std::string id;
    std::string text;
    ButtonStyle style = ButtonStyle::kSecondary;
    bool primary = false;   // the screen's primary action (semantic tree marks it)
    bool disabled = false;  // drawn greyed, announced as unavailable, not activatable

    Action(std::string i, std::string t, ButtonStyle s = ButtonStyle::kSecondary, bool p = false,
           bool d = false)
        : id(std::move(i)), text(std::move(t)), style(s), primary(p), disabled(d) {}
};
// A row of buttons in reading order, wrapped on narrow screens. Returns the index of the one
// activated this frame, or -1.
int ActionRow(Ui& ui, const std::vector<Action>& actions);
// One button at (x, y) in page coordinates; returns true when activated.
bool Button(Ui& ui, const Action& action, float x, float y, float* out_w = nullptr,
            const std::string& lang = "", bool current = false);
// A key of the on-screen keyboard at a fixed place (page coordinates): `label` drawn, `name`
// for assistive technology; `active` for a chosen layout or Shift. Returns true when pressed.
bool Key(Ui& ui, const std::string& id, const std::string& label, const std::string& name,
         const Rect& page_rect, bool active, const std::string& lang = "");
// The width Button will take for `text` in `style`.
float ButtonWidth(Ui& ui, const std::string& text, ButtonStyle style);

// The error summary at the top of the page: takes focus, links to each field. Items are
// {id of the field to focus, message}.
void ErrorSummary(Ui& ui, const std::vector<std::pair<std::string, std::string>>& items);

// "Step n of total" with a bar that fills from the reading start.
void StepProgress(Ui& ui, int n, int total);

// One answer of Check your answers: label, value, and a Change button named for the answer.
// Returns true when Change was activated.
bool SummaryRow(Ui& ui, const std::string& id, const std::string& label, const std::string& value,
                const std::string& change_text);

// A QR code (dark modules of a size × size matrix, row-major) drawn with a quiet zone, and
// described by `alt` to screen readers.
void QrCode(Ui& ui, const std::string& id, const std::string& alt, const std::vector<bool>& modules,
            int size, float side);

// The message of the shown error for `pointer`, or "".
std::string ErrorFor(const Ui& ui, const std::string& pointer);

}  // namespace tasjil::app
