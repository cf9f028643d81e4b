// Index
//   [SECTION] Decoding
//   [SECTION] Shaping and reordering
//   [SECTION] Carets
//   [SECTION] Cache
#include "text/bidi_text.h"

#include "core/utf8.h"

extern "C" {
#include <fribidi.h>
}

#include <cstring>

namespace tasjil::text {

// [SECTION] Decoding -----------------------------------------------------------------------------

namespace {

using core::AppendUtf8;
using core::DecodeUtf8Lenient;

// The placeholder FriBidi leaves where two letters became one lam-alef ligature.
constexpr char32_t kLigaturePlaceholder = 0xFEFF;

// [SECTION] Shaping and reordering ---------------------------------------------------------------

// Logical line ranges [begin, end) no wider than max_width, breaking after spaces.
std::vector<std::pair<std::size_t, std::size_t>> BreakLines(const std::u32string& logical,
                                                            const std::u32string& shaped,
                                                            float max_width,
                                                            const AdvanceFn& advance) {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    const std::size_t n = logical.size();
    std::size_t begin = 0;
    while (begin < n) {
        float width = 0;
        std::size_t last_space_end = 0;  // index after the last space seen on this line
        std::size_t i = begin;
        for (; i < n; ++i) {
            if (logical[i] == U'\n') break;
            const float w = shaped[i] == kLigaturePlaceholder ? 0.f : advance(shaped[i]);
            if (width + w > max_width && i > begin && logical[i] != U' ') {
                break;
            }
            width += w;
            if (logical[i] == U' ') last_space_end = i + 1;
        }
        std::size_t end = i;
        if (i < n && logical[i] != U'\n' && last_space_end > begin) end = last_space_end;
        if (end == begin && end < n && logical[end] != U'\n') ++end;  // always make progress
        lines.emplace_back(begin, end);
        begin = (end < n && logical[end] == U'\n') ? end + 1 : end;
    }
    if (lines.empty()) lines.emplace_back(0, 0);
    return lines;
}

ShapedParagraph ShapeImpl(std::string_view utf8, Direction direction, float max_width,
                          const AdvanceFn* advance, ShapeOptions options) {
    ShapedParagraph p;
    p.logical = DecodeUtf8Lenient(utf8);
    const auto n = static_cast<FriBidiStrIndex>(p.logical.size());
    std::vector<FriBidiChar> str(p.logical.begin(), p.logical.end());
    std::vector<FriBidiCharType> types(n);
    std::vector<FriBidiBracketType> brackets(n);
    std::vector<FriBidiLevel> levels(n);
    std::vector<FriBidiArabicProp> joining(n);

    FriBidiParType base = direction == Direction::kLtr   ? FRIBIDI_PAR_LTR
                          : direction == Direction::kRtl ? FRIBIDI_PAR_RTL
                                                         : FRIBIDI_PAR_ON;
    if (n > 0) {
        fribidi_get_bidi_types(str.data(), n, types.data());
        fribidi_get_bracket_types(str.data(), n, types.data(), brackets.data());
        if (!fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &base,
                                                 levels.data())) {
            std::fill(levels.begin(), levels.end(), FriBidiLevel{0});
        }
        if (options.shape_arabic) {
            fribidi_get_joining_types(str.data(), n, joining.data());
            fribidi_join_arabic(types.data(), n, levels.data(), joining.data());
            fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, levels.data(), n,
                          joining.data(), str.data());
        }
    }
    const FriBidiFlags reorder_flags = options.reorder_nsm
                                           ? FRIBIDI_FLAGS_DEFAULT
                                           : (FRIBIDI_FLAGS_DEFAULT & ~FRIBIDI_FLAG_REORDER_NSM);
    p.rtl = FRIBIDI_IS_RTL(base);
    if (direction == Direction::kAuto && n == 0) p.rtl = false;
    const std::u32string shaped(str.begin(), str.end());

    const auto ranges =
        advance ? BreakLines(p.logical, shaped, max_width, *advance)
                : std::vector<std::pair<std::size_t, std::size_t>>{{0, p.logical.size()}};
    std::vector<FriBidiStrIndex> map(n);
    for (FriBidiStrIndex i = 0; i < n; ++i) map[i] = i;
    std::vector<FriBidiChar> visual = str;
    p.logical_to_visual.assign(p.logical.size(), {});
    std::vector<bool> placed(p.logical.size(), false);

    for (std::size_t li = 0; li < ranges.size(); ++li) {
        auto [b, e] = ranges[li];
        // Trailing spaces of a broken line are not drawn (UAX #14 keeps them on the line).
        std::size_t draw_end = e;
        if (li + 1 < ranges.size()) {
            while (draw_end > b && p.logical[draw_end - 1] == U' ') --draw_end;
        }
        const auto len = static_cast<FriBidiStrIndex>(draw_end - b);
        if (len > 0) {
            // Returns 0 only when FriBidi cannot allocate: the line then stays in logical order.
            const FriBidiLevel reordered = fribidi_reorder_line(
                reorder_flags, types.data(), len, static_cast<FriBidiStrIndex>(b), base,
                levels.data(), visual.data(), map.data());
            static_cast<void>(reordered);
        }
        VisualLine line;
        line.logical_begin = b;
        line.logical_end = e;
        for (std::size_t v = b; v < draw_end; ++v) {
            auto logical_index = static_cast<std::uint32_t>(map[v]);
            // A lam-alef ligature stands for the lam and the alef; it is named after the first.
            if (visual[v] >= 0xFEF5 && visual[v] <= 0xFEFC && logical_index > b &&
                visual[v] != str[logical_index - 1] &&
                str[logical_index - 1] == kLigaturePlaceholder) {
                --logical_index;
            }
            if (visual[v] == kLigaturePlaceholder ||
                FRIBIDI_IS_EXPLICIT_OR_BN(types[logical_index])) {
                continue;
            }
            const auto vis = static_cast<std::uint32_t>(line.visual.size());
            p.logical_to_visual[logical_index] = {static_cast<std::uint32_t>(li), vis};
            placed[logical_index] = true;
            line.visual.push_back(visual[v]);
            line.visual_to_logical.push_back(logical_index);
            AppendUtf8(line.visual_utf8, visual[v]);
            if (advance) line.width += (*advance)(visual[v]);
        }
        // Code points not drawn (ligature halves, trailing spaces) point at a neighbour.
        for (std::size_t l = b; l < e; ++l) {
            if (placed[l]) continue;
            if (l > b && placed[l - 1]) {
                p.logical_to_visual[l] = p.logical_to_visual[l - 1];
            } else if (l + 1 < draw_end && placed[l + 1]) {
                p.logical_to_visual[l] = p.logical_to_visual[l + 1];
            } else {
                p.logical_to_visual[l] = {static_cast<std::uint32_t>(li),
                                          static_cast<std::uint32_t>(line.visual.size())};
            }
            placed[l] = true;
        }
        p.lines.push_back(std::move(line));
    }
    p.levels.assign(levels.begin(), levels.end());
    return p;
}

}  // namespace

ShapedParagraph Shape(std::string_view utf8, Direction direction, ShapeOptions options) {
    return ShapeImpl(utf8, direction, 0, nullptr, options);
}

ShapedParagraph Layout(std::string_view utf8, Direction direction, float max_width,
                       const AdvanceFn& advance) {
    return ShapeImpl(utf8, direction, max_width, &advance, ShapeOptions{});
}

// [SECTION] Carets -------------------------------------------------------------------------------

ShapedParagraph::Place CaretPlace(const ShapedParagraph& p, std::size_t logical) {
    if (p.logical.empty()) return {0, 0};
    if (logical >= p.logical.size()) {
        // After the last character: its trailing edge.
        const auto last = p.logical_to_visual.back();
        const bool rtl_char = p.levels.back() % 2 == 1;
        return {last.line, rtl_char ? last.visual : last.visual + 1};
    }
    const auto place = p.logical_to_visual[logical];
    const bool rtl_char = p.levels[logical] % 2 == 1;
    // Before a character = its leading edge: left in LTR text, right in RTL text.
    return {place.line, rtl_char ? place.visual + 1 : place.visual};
}

// [SECTION] Cache --------------------------------------------------------------------------------

const ShapedParagraph& ShapeCache::Find(std::string key,
                                        const std::function<ShapedParagraph()>& make) {
    auto it = index_.find(key);
    if (it != index_.end()) {
        entries_.splice(entries_.begin(), entries_, it->second);
        return it->second->value;
    }
    ++misses_;
    entries_.push_front({std::move(key), make()});
    index_.emplace(entries_.front().key, entries_.begin());
    if (entries_.size() > capacity_) {
        index_.erase(entries_.back().key);
        entries_.pop_back();
    }
    return entries_.front().value;
}

const ShapedParagraph& ShapeCache::Get(std::string_view utf8, Direction direction) {
    std::string key(1, static_cast<char>('0' + static_cast<int>(direction)));
    key.append(utf8);
    return Find(std::move(key), [&] { return Shape(utf8, direction); });
}

const ShapedParagraph& ShapeCache::GetLayout(std::string_view utf8, Direction direction,
                                             float max_width, const AdvanceFn& advance) {
    std::string key(1, static_cast<char>('3' + static_cast<int>(direction)));
    char width[sizeof(float)];
    std::memcpy(width, &max_width, sizeof width);
    key.append(width, sizeof width);
    key.append(utf8);
    return Find(std::move(key), [&] { return Layout(utf8, direction, max_width, advance); });
}

void ShapeCache::Clear() {
    index_.clear();
    entries_.clear();
}

}  // namespace tasjil::text
