// Tasjil text: logical UTF-8 in, visual glyph runs out. Bidi reordering (UAX #9 through
// FriBidi), Arabic joining and shaping to presentation forms with lam-alef ligatures, mirrored
// brackets, line breaking to a width, and logical↔visual index maps for carets and selections.
// Tifinagh and Latin pass through unshaped, left to right.
//
// Index
//   [SECTION] Shaping one paragraph
//   [SECTION] Line breaking
//   [SECTION] Cache
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tasjil::text {

// Paragraph direction: from the UI language (kLtr/kRtl) or from the first strong character.
enum class Direction { kLtr, kRtl, kAuto };

// [SECTION] Shaping one paragraph ----------------------------------------------------------------

// One line of a paragraph, ready to draw left to right.
struct VisualLine {
    std::size_t logical_begin = 0;  // first logical code point of the line
    std::size_t logical_end = 0;    // one past the last
    std::u32string visual;          // shaped code points in visual (left-to-right) order
    std::string visual_utf8;        // the same, UTF-8, for the renderer
    // visual_to_logical[v] = logical index (into the paragraph) of the glyph at visual position v.
    std::vector<std::uint32_t> visual_to_logical;
    float width = 0;  // measured width when laid out to a width, else 0
};

struct ShapedParagraph {
    std::u32string logical;            // decoded input, logical order
    bool rtl = false;                  // resolved paragraph direction
    std::vector<std::uint8_t> levels;  // resolved embedding level per logical code point
    std::vector<VisualLine> lines;     // one line unless laid out to a width
    // logical_to_visual[l] = {line, visual position} of logical code point l; code points merged
    // into a ligature point at the ligature's glyph.
    struct Place {
        std::uint32_t line = 0;
        std::uint32_t visual = 0;
    };
    std::vector<Place> logical_to_visual;

    bool empty() const { return logical.empty(); }
};

// What to do besides the bidi algorithm. Drawing wants both; the UAX #9 conformance data
// describes the algorithm alone (no shaping, no reordering of marks after their base, rule L3).
struct ShapeOptions {
    bool shape_arabic = true;  // joining, presentation forms, lam-alef ligatures, mirroring
    bool reorder_nsm = true;   // keep combining marks after their base in right-to-left runs
};

// Shapes `utf8` as one line. Invalid UTF-8 bytes become U+FFFD. Explicit directional
// formatting characters and boundary neutrals (removed by rule X9) are not in the visual output.
ShapedParagraph Shape(std::string_view utf8, Direction direction, ShapeOptions options = {});

// [SECTION] Line breaking ------------------------------------------------------------------------

// Advance width of a shaped code point in the renderer's font.
using AdvanceFn = std::function<float(char32_t)>;

// Shapes `utf8` and breaks it into lines no wider than `max_width`: at spaces where possible,
// inside a word only when the word alone is wider than the line. Joining and shaping are done on
// the whole paragraph (a word broken across lines keeps its forms); reordering is done per line.
ShapedParagraph Layout(std::string_view utf8, Direction direction, float max_width,
                       const AdvanceFn& advance);

// Caret support: the visual x position (in glyphs from the line's left edge) of the caret
// before logical code point `logical` (or at the end when logical == size).
ShapedParagraph::Place CaretPlace(const ShapedParagraph& p, std::size_t logical);

// [SECTION] Cache --------------------------------------------------------------------------------

// Shaped results by (text, direction, width): nothing is reshaped while a string is unchanged.
// Least recently used entries are dropped past `capacity`.
class ShapeCache {
  public:
    explicit ShapeCache(std::size_t capacity = 512) : capacity_(capacity) {}

    const ShapedParagraph& Get(std::string_view utf8, Direction direction);
    const ShapedParagraph& GetLayout(std::string_view utf8, Direction direction, float max_width,
                                     const AdvanceFn& advance);
    void Clear();

    std::size_t size() const { return entries_.size(); }
    std::uint64_t misses() const { return misses_; }  // how many times shaping ran

  private:
    struct Entry {
        std::string key;
        ShapedParagraph value;
    };
    const ShapedParagraph& Find(std::string key, const std::function<ShapedParagraph()>& make);

    std::size_t capacity_;
    std::list<Entry> entries_;  // most recent first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
    std::uint64_t misses_ = 0;
};

}  // namespace tasjil::text
