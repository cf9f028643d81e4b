#!/usr/bin/python3
"""Writes the core's Unicode tables (src/core/unicode.cpp includes them) from the Unicode
Character Database that Debian's unicode-data package installs: only what the text policy uses —
a class of the general category per code point, canonical combining classes, decompositions
(canonical and compatibility, marked when excluded from composition) and full case folding.

Usage: scripts/unicode-tables.py UCD_DIR OUTPUT.inc

The core's tests compare every operation built on these tables with utf8proc over all
1,114,112 code points, so a table generated from another Unicode version fails the build's
tests instead of making the app and the server disagree.
"""
import os
import sys

# Classes of the general category that the policy tells apart (core/unicode.h, GeneralClass).
OTHER, LETTER, MARK, FORMAT, PRIVATE_USE, UNASSIGNED = range(6)
CLASS_OF = {"Lu": LETTER, "Ll": LETTER, "Lt": LETTER, "Lm": LETTER, "Lo": LETTER,
            "Mn": MARK, "Mc": MARK, "Me": MARK, "Cf": FORMAT, "Co": PRIVATE_USE}
CODE_POINTS = 0x110000


def read_unicode_data(path):
    """Category, combining class and decomposition of every assigned code point."""
    category = [None] * CODE_POINTS
    ccc = {}
    decomposition = {}  # cp -> (compat, [cps])
    first = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split(";")
            cp = int(fields[0], 16)
            name, cat = fields[1], fields[2]
            if name.endswith(", First>"):
                first = cp
                continue
            start = first if name.endswith(", Last>") else cp
            first = None
            for c in range(start, cp + 1):
                category[c] = cat
            if int(fields[3]):
                ccc[cp] = int(fields[3])
            if fields[5]:
                parts = fields[5].split()
                compat = parts[0].startswith("<")
                if compat:
                    parts = parts[1:]
                decomposition[cp] = (compat, [int(p, 16) for p in parts])
    return category, ccc, decomposition


def data_lines(path):
    """The fields of each line of a UCD data file, comments and blank lines left out."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if line:
                yield [x.strip() for x in line.split(";")]


def read_full_composition_exclusions(path):
    excluded = set()
    for fields in data_lines(path):
        if fields[1] == "Full_Composition_Exclusion":
            lo, _, hi = fields[0].partition("..")
            excluded.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return excluded


def read_case_folding(path):
    """Full case folding (statuses C and F)."""
    return {int(fields[0], 16): [int(p, 16) for p in fields[2].split()]
            for fields in data_lines(path) if fields[1] in ("C", "F")}


def varint(n):
    """LEB128: seven bits a byte, low bits first."""
    out = []
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return out


def zigzag(n):
    return n << 1 if n >= 0 else ((-n) << 1) - 1


def array(name, values, per_line=32):
    out = [f"constexpr std::uint8_t {name}[] = {{"]
    for i in range(0, len(values), per_line):
        out.append("    " + ",".join(str(v) for v in values[i:i + per_line]) + ",")
    out.append("};")
    return "\n".join(out)


def main():
    ucd, output = sys.argv[1], sys.argv[2]
    category, ccc, decomposition = read_unicode_data(os.path.join(ucd, "UnicodeData.txt"))
    excluded = read_full_composition_exclusions(os.path.join(ucd, "DerivedNormalizationProps.txt"))
    folding = read_case_folding(os.path.join(ucd, "CaseFolding.txt"))
    with open(os.path.join(ucd, "ReadMe.txt"), encoding="utf-8") as f:
        readme = f.read()

    # Byte streams, small once compressed (the browser downloads them); core/unicode.cpp reads
    # them once into look-up tables. Code points are written as differences from the previous.
    # Class per code point, as runs: length, class.
    classes = [UNASSIGNED if c is None else CLASS_OF.get(c, OTHER) for c in category]
    class_runs, start = [], 0
    for cp in range(1, CODE_POINTS + 1):
        if cp == CODE_POINTS or classes[cp] != classes[start]:
            class_runs += varint(cp - start) + [classes[start]]
            start = cp

    # Canonical combining classes: code point, class.
    combining, previous = [], 0
    for cp, c in sorted(ccc.items()):
        combining += varint(cp - previous) + [c]
        previous = cp

    # Decompositions: code point, length << 2 | kind (0 canonical, 1 compatibility, 2 canonical
    # but excluded from composition), the code points in UTF-8.
    decompositions, previous = [], 0
    for cp, (compat, seq) in sorted(decomposition.items()):
        kind = 1 if compat else 2 if cp in excluded else 0
        decompositions += varint(cp - previous) + [len(seq) << 2 | kind]
        for c in seq:
            decompositions += list(chr(c).encode("utf-8"))
        previous = cp

    # Full case folding: code point, length, each code point as a zigzag difference from it.
    foldings, previous = [], 0
    for cp, seq in sorted(folding.items()):
        foldings += varint(cp - previous) + [len(seq)]
        for c in seq:
            foldings += varint(zigzag(c - cp))
        previous = cp

    version = next((l for l in readme.splitlines() if "Date:" in l), "").strip("# ")
    text = [
        "// Generated by scripts/unicode-tables.py from the Unicode Character Database",
        f"// ({version}; Debian's unicode-data). Do not edit.",
        array("kClassRuns", class_runs),
        array("kCombiningClasses", combining),
        array("kDecompositions", decompositions),
        array("kFoldings", foldings),
        "",
    ]
    tmp = output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(text))
    os.replace(tmp, output)


if __name__ == "__main__":
    main()
