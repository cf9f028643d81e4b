#!/usr/bin/env python3
"""Writes one catalogue made of several (assets/i18n/<l>.json, the build's CLDR messages, the
staff console's messages), as the browser fetches a language other than the default one.
A message code found in two of them is an error: each file owns its codes.
Usage: merge-catalogues.py OUT IN [IN …]"""
import json
import sys

if len(sys.argv) < 3:
    sys.exit(__doc__)
merged = None
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        catalogue = json.load(f)
    if merged is None:
        merged = catalogue
        continue
    for code, text in catalogue["messages"].items():
        if code in merged["messages"]:
            sys.exit(f"merge-catalogues: {code} is in {path} and in an earlier catalogue")
        merged["messages"][code] = text
merged["messages"] = dict(sorted(merged["messages"].items()))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump(merged, f, ensure_ascii=False, separators=(",", ":"))
