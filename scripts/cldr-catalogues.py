#!/usr/bin/env python3
"""Writes the messages Tasjil takes from Unicode CLDR, one catalogue per language.

Reads Debian's unicode-cldr-core (CLDR 41: /usr/share/unicode/cldr/common/main) and the ISO 3166-1
list of Debian's iso-codes, and writes OUTDIR/{ar,fr,zgh}.json in the catalogue format of
assets/i18n (io::LoadCatalogues merges them with the hand-written messages):

  date.month.1 … date.month.12  the month names as a date writes them (format, wide); Arabic from
                                ar_MA over ar: the Moroccan names (ماي، يوليوز، غشت، شتنبر …)
  date.long                     the long date pattern with {day} {month} {year} ("d MMMM y")
  ui.country.XX                 every ISO 3166-1 country (but EH) in the language; where CLDR's Tamazight
                                lacks a name the French one stands in, and the codes concerned
                                are listed in cldr.fallback.fr so a translator can find them

The default language's catalogue is also written in two parts for the parents' app, whose first
load carries only what the first screens need: OUTDIR/start-ar.json (all of ar.json but the
names of the countries other than Morocco) goes into the data package, OUTDIR/countries-ar.json
(those names, 248 of them) is fetched when a screen that lists countries opens.

No CLDR parser runs in the browser: this is a build step (CMake runs it when either input
changes). Usage: cldr-catalogues.py CLDR_MAIN_DIR ISO_3166_JSON OUTDIR
"""
import json
import os
import sys
import tempfile
import xml.etree.ElementTree as ET

# Not a country the file may name: the southern provinces are Morocco, their communes in the HCP's
# divisions like every other (src/core/validation.cpp, kCountries, says the same).
EXCLUDED = {"EH"}
# The language the parents' app ships with (core::kDefaultLocale); the others are fetched whole.
DEFAULT_LOCALE = "ar"

LOCALES = {
    # locale: (CLDR files, most specific last; direction)
    "ar": (["ar", "ar_MA"], "rtl"),
    "fr": (["fr", "fr_MA"], "ltr"),
    "zgh": (["zgh", "zgh_MA"], "ltr"),
}


def gregorian(root):
    for cal in root.iter("calendar"):
        if cal.get("type") == "gregorian":
            return cal
    return None


def read_locale(main_dir, name, data):
    """Overlays what one CLDR file says on `data` (months, long pattern, territories)."""
    root = ET.parse(os.path.join(main_dir, name + ".xml")).getroot()
    cal = gregorian(root)
    if cal is not None:
        for ctx in cal.iter("monthContext"):
            if ctx.get("type") != "format":
                continue
            for width in ctx.iter("monthWidth"):
                if width.get("type") != "wide":
                    continue
                for m in width.iter("month"):
                    if m.get("alt") is None:
                        data["months"][int(m.get("type"))] = m.text
        for dfl in cal.iter("dateFormatLength"):
            if dfl.get("type") == "long":
                p = dfl.find("dateFormat/pattern")
                if p is not None and p.get("alt") is None:
                    data["long"] = p.text
    for terr in root.iter("territory"):
        code = terr.get("type")
        if terr.get("alt") is None and terr.text and len(code) == 2 and code.isalpha():
            data["countries"][code] = terr.text


def template(pattern):
    """CLDR's date pattern as a catalogue template; only the fields a long date uses."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "'":
            end = pattern.index("'", i + 1)
            out.append(pattern[i + 1:end] or "'")
            i = end + 1
            continue
        run = 1
        while i + run < len(pattern) and pattern[i + run] == c:
            run += 1
        if c == "d":
            out.append("{day}")
        elif c == "M" and run >= 4:
            out.append("{month}")
        elif c == "y":
            out.append("{year}")
        elif c.isalpha():
            sys.exit(f"cldr-catalogues: unexpected field {c * run} in the long date pattern {pattern!r}")
        else:
            out.append(c * run)
        i += run
    return "".join(out)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main_dir, iso_path, out_dir = sys.argv[1:]
    with open(iso_path, encoding="utf-8") as f:
        codes = sorted(c["alpha_2"] for c in json.load(f)["3166-1"] if c["alpha_2"] not in EXCLUDED)
    french = None
    catalogues = {}
    for locale in ["fr", "ar", "zgh"]:
        files, direction = LOCALES[locale]
        data = {"months": {}, "long": None, "countries": {}}
        for name in files:
            read_locale(main_dir, name, data)
        if sorted(data["months"]) != list(range(1, 13)) or not data["long"]:
            sys.exit(f"cldr-catalogues: {locale}: CLDR lacks month names or the long date pattern")
        messages = {f"date.month.{n}": data["months"][n] for n in range(1, 13)}
        messages["date.long"] = template(data["long"])
        fallback = []
        for code in codes:
            name = data["countries"].get(code)
            if name is None:
                if french is None or code not in french:
                    sys.exit(f"cldr-catalogues: {locale}: no name for the country {code}")
                name = french[code]
                fallback.append(code)
            messages[f"ui.country.{code}"] = name
        if fallback:
            messages["cldr.fallback.fr"] = " ".join(fallback)
        if locale == "fr":
            french = data["countries"]
        catalogues[locale] = {"locale": locale, "direction": direction,
                              "messages": dict(sorted(messages.items()))}
    os.makedirs(out_dir, exist_ok=True)
    for locale, catalogue in catalogues.items():
        write(out_dir, locale + ".json", catalogue)
    start, later = split_countries(catalogues[DEFAULT_LOCALE])
    write(out_dir, f"start-{DEFAULT_LOCALE}.json", start)
    write(out_dir, f"countries-{DEFAULT_LOCALE}.json", later)


def split_countries(catalogue):
    """The catalogue without the names of the countries other than Morocco, and those names."""
    def part(keep):
        return {**catalogue, "messages": {k: v for k, v in catalogue["messages"].items() if keep(k)}}
    later = lambda code: code.startswith("ui.country.") and code != "ui.country.MA"
    return part(lambda k: not later(k)), part(later)


def write(out_dir, name, catalogue):
    # Written whole then renamed: two builds (native, wasm) may write the folder at once.
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(catalogue, f, ensure_ascii=False, indent=2)
        f.write("\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, os.path.join(out_dir, name))


if __name__ == "__main__":
    main()
