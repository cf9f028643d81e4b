// Index
//   [SECTION] Tables
//   [SECTION] Decomposition and composition
//   [SECTION] The operations
#include "core/unicode.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace tasjil::core::unicode {

namespace {

// [SECTION] Tables -------------------------------------------------------------------------------

// Generated at build time (scripts/unicode-tables.py): the byte streams kClassRuns,
// kCombiningClasses, kDecompositions and kFoldings.
#include "unicode_tables.inc"

// Hangul syllables decompose and compose by arithmetic (Unicode §3.12), not by table.
constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28;
constexpr char32_t kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

// Reads a generated stream: LEB128 numbers, bytes and UTF-8 code points.
class Reader {
  public:
    template <std::size_t N>
    explicit Reader(const std::uint8_t (&bytes)[N]) : at_(bytes), end_(bytes + N) {}
    bool More() const { return at_ < end_; }
    std::uint8_t Byte() { return *at_++; }
    std::uint32_t Number() {
        std::uint32_t n = 0;
        for (unsigned shift = 0;; shift += 7) {
            const std::uint8_t b = Byte();
            n |= static_cast<std::uint32_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return n;
        }
    }
    char32_t Utf8() {
        const std::uint8_t lead = Byte();
        if (lead < 0x80) return lead;
        const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
        char32_t cp = lead & (0x3F >> extra);
        for (int i = 0; i < extra; ++i) cp = cp << 6 | (Byte() & 0x3F);
        return cp;
    }

  private:
    const std::uint8_t* at_;
    const std::uint8_t* end_;
};

// A mapping from a code point to a sequence: sorted keys, and where each sequence starts in one
// pool (the next key's start ends it).
struct Mapping {
    std::vector<std::uint32_t> keys;
    std::vector<std::uint32_t> starts;
    std::vector<char32_t> pool;

    std::u32string_view Find(std::uint32_t key) const {
        const auto it = std::lower_bound(keys.begin(), keys.end(), key);
        if (it == keys.end() || *it != key) return {};
        const auto i = static_cast<std::size_t>(it - keys.begin());
        return {pool.data() + starts[i], starts[i + 1] - starts[i]};
    }
    void Add(std::uint32_t key) {
        keys.push_back(key);
        starts.push_back(static_cast<std::uint32_t>(pool.size()));
    }
};

// What a code point of the BMP has, so that most look-ups are one load instead of a search.
enum BmpFlag : std::uint8_t {
    kCanonical = 1,   // a canonical decomposition
    kCompat = 2,      // a compatibility decomposition
    kFolds = 4,       // a case folding
    kNonStarter = 8,  // a combining class above 0
    kSecond = 16,     // the second code point of a primary composite (Hangul V and T jamo too)
};

// The look-up tables, read from the streams once (a few hundred microseconds).
struct Tables {
    std::vector<std::uint8_t> bmp;            // BmpFlag bits of U+0000..U+FFFF
    std::vector<std::uint32_t> class_starts;  // first code point of each run of one class
    std::vector<GeneralClass> classes;        // the class of each run
    std::vector<std::uint32_t> combining;     // code point << 8 | combining class, sorted
    Mapping decompositions;                   // key: code point << 1 | compatibility
    Mapping foldings;                         // key: code point
    std::vector<std::uint64_t> pair_keys;     // first << 21 | second, sorted
    std::vector<char32_t> composites;         // the primary composite of each pair

    Tables() : bmp(0x10000, 0) {
        const auto flag = [this](std::uint32_t c, std::uint8_t bit) {
            if (c < 0x10000) bmp[c] |= bit;
        };
        std::uint32_t cp = 0;
        for (Reader r(kClassRuns); r.More();) {
            class_starts.push_back(cp);
            cp += r.Number();
            classes.push_back(static_cast<GeneralClass>(r.Byte()));
        }
        cp = 0;
        for (Reader r(kCombiningClasses); r.More();) {
            cp += r.Number();
            combining.push_back(cp << 8 | r.Byte());
            flag(cp, kNonStarter);
        }
        cp = 0;
        std::vector<std::pair<std::uint64_t, char32_t>> pairs;
        for (Reader r(kDecompositions); r.More();) {
            cp += r.Number();
            const std::uint8_t head = r.Byte();
            const unsigned kind = head & 3;
            decompositions.Add(cp << 1 | (kind == 1));
            flag(cp, kind == 1 ? kCompat : kCanonical);
            for (unsigned i = 0; i < head >> 2u; ++i) decompositions.pool.push_back(r.Utf8());
            if (kind == 0 && head >> 2u == 2) {
                const char32_t* seq = decompositions.pool.data() + decompositions.starts.back();
                pairs.emplace_back(std::uint64_t{seq[0]} << 21 | seq[1], cp);
                flag(seq[1], kSecond);
            }
        }
        decompositions.starts.push_back(static_cast<std::uint32_t>(decompositions.pool.size()));
        cp = 0;
        for (Reader r(kFoldings); r.More();) {
            cp += r.Number();
            foldings.Add(cp);
            flag(cp, kFolds);
            for (unsigned n = r.Byte(); n > 0; --n) {
                const std::uint32_t z = r.Number();
                const std::int64_t delta =
                    (z & 1) ? -static_cast<std::int64_t>((z + 1) >> 1) : z >> 1;
                foldings.pool.push_back(static_cast<char32_t>(cp + delta));
            }
        }
        foldings.starts.push_back(static_cast<std::uint32_t>(foldings.pool.size()));
        for (char32_t c = kVBase; c < kVBase + kVCount; ++c) flag(c, kSecond);
        for (char32_t c = kTBase + 1; c < kTBase + kTCount; ++c) flag(c, kSecond);
        std::sort(pairs.begin(), pairs.end());
        for (const auto& [key, composite] : pairs) {
            pair_keys.push_back(key);
            composites.push_back(composite);
        }
    }
};

const Tables& Get() {
    static const Tables tables;
    return tables;
}

// [SECTION] Decomposition and composition --------------------------------------------------------

// The code points `cp` decomposes to, with `compat` the compatibility decompositions too.
std::u32string_view DecompositionOf(char32_t cp, bool compat) {
    if (cp < 0x10000 && !(Get().bmp[cp] & (compat ? kCanonical | kCompat : kCanonical))) return {};
    const auto& t = Get().decompositions;
    const auto canonical = t.Find(cp << 1);
    if (!canonical.empty() || !compat) return canonical;
    return t.Find(cp << 1 | 1);
}

// Appends the decomposition of one code point, in the order utf8proc applies the steps: marks
// stripped, case folded, then decomposed, each result decomposed again.
void DecomposeOne(char32_t cp, unsigned flags, std::u32string& out) {
    if (cp >= kSBase && cp < kSBase + kSCount) {
        const char32_t s = cp - kSBase;
        out += kLBase + s / kNCount;
        out += kVBase + (s % kNCount) / kTCount;
        if (s % kTCount) out += kTBase + s % kTCount;
        return;
    }
    if ((flags & kStripMarks) && ClassOf(cp) == GeneralClass::kMark) return;
    if ((flags & kCaseFold) && (cp >= 0x10000 || (Get().bmp[cp] & kFolds))) {
        const auto fold = Get().foldings.Find(cp);
        if (!fold.empty()) {
            for (char32_t c : fold) DecomposeOne(c, flags, out);
            return;
        }
    }
    const auto decomposition = DecompositionOf(cp, (flags & kCompatibility) != 0);
    if (!decomposition.empty()) {
        for (char32_t c : decomposition) DecomposeOne(c, flags, out);
        return;
    }
    out += cp;
}

// The primary composite of `first` and `second`, or 0.
char32_t Compose(char32_t first, char32_t second) {
    if (second < 0x10000 && !(Get().bmp[second] & kSecond)) return 0;
    if (first >= kLBase && first < kLBase + kLCount && second >= kVBase &&
        second < kVBase + kVCount) {
        return kSBase + ((first - kLBase) * kVCount + (second - kVBase)) * kTCount;
    }
    if (first >= kSBase && first < kSBase + kSCount && (first - kSBase) % kTCount == 0 &&
        second > kTBase && second < kTBase + kTCount) {
        return first + (second - kTBase);
    }
    const auto& t = Get();
    const std::uint64_t key = std::uint64_t{first} << 21 | second;
    const auto it = std::lower_bound(t.pair_keys.begin(), t.pair_keys.end(), key);
    if (it == t.pair_keys.end() || *it != key) return 0;
    return t.composites[static_cast<std::size_t>(it - t.pair_keys.begin())];
}

}  // namespace

// [SECTION] The operations -----------------------------------------------------------------------

GeneralClass ClassOf(char32_t cp) {
    if (cp >= 0x110000) return GeneralClass::kUnassigned;
    const auto& t = Get();
    const auto it = std::upper_bound(t.class_starts.begin(), t.class_starts.end(),
                                     static_cast<std::uint32_t>(cp));
    return t.classes[static_cast<std::size_t>(it - t.class_starts.begin()) - 1];
}

std::uint8_t CombiningClass(char32_t cp) {
    const auto& t = Get();
    if (cp < 0x10000 && !(t.bmp[cp] & kNonStarter)) return 0;
    const std::uint32_t key = static_cast<std::uint32_t>(cp) << 8;
    const auto it = std::lower_bound(t.combining.begin(), t.combining.end(), key);
    if (it == t.combining.end() || (*it >> 8) != cp) return 0;
    return static_cast<std::uint8_t>(*it & 0xFF);
}

std::u32string Normalize(const std::u32string& text, unsigned flags) {
    if (flags & kCompose) flags |= kDecompose;
    std::u32string out;
    out.reserve(text.size());
    for (char32_t cp : text) {
        if (flags & (kDecompose | kStripMarks | kCaseFold)) {
            DecomposeOne(cp, flags, out);
        } else {
            out += cp;
        }
    }
    if (!(flags & kDecompose)) return out;
    // Canonical ordering: marks after a starter sorted by combining class, stably.
    for (std::size_t i = 0; i + 1 < out.size();) {
        const std::uint8_t a = CombiningClass(out[i]);
        const std::uint8_t b = CombiningClass(out[i + 1]);
        if (a > b && b > 0) {
            std::swap(out[i], out[i + 1]);
            if (i > 0) --i;
        } else {
            ++i;
        }
    }
    if (!(flags & kCompose)) return out;
    // Canonical composition: each mark or starter not blocked from the last starter joins it
    // when they have a primary composite.
    std::size_t write = 0;
    std::size_t starter = std::u32string::npos;
    int last_class = -1;
    for (std::size_t read = 0; read < out.size(); ++read) {
        const char32_t cp = out[read];
        const int cls = CombiningClass(cp);
        if (starter != std::u32string::npos && cls > last_class) {
            if (const char32_t composite = Compose(out[starter], cp)) {
                out[starter] = composite;
                continue;
            }
        }
        out[write] = cp;
        if (cls == 0) {
            starter = write;
            last_class = -1;
        } else {
            last_class = std::max(last_class, cls);
        }
        ++write;
    }
    out.resize(write);
    return out;
}

}  // namespace tasjil::core::unicode
