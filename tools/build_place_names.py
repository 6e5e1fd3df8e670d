"""Write rules/places.toml: place names written more than one way, from WordNet 3.0.

    python tools/build_place_names.py [/usr/share/wordnet]   # Debian's wordnet-base

Each location synset (lexicographer file noun.location) with two or more names that are
single capitalized words gives one group of those names ("Thessaloniki", "Salonika", "Salonica", "Thessalonica");
its first name is the canonical one. A name found in two groups with different canonical
names is ambiguous and left out. Run once at development time; the checker reads only the
table it writes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LOCATION = "15"  # noun.location
_NAME = re.compile(r"[A-Z][a-z]+")
HEADER = '''# Place names written more than one way: a name on the left is the place named on the
# right ("Salonika" is "Thessaloniki"), so that two outlets' names of one place agree.
# Written by tools/build_place_names.py from WordNet 3.0 (the single capitalized words that
# name one noun.location synset); add a place an outlet spells otherwise as `name = "place"`.
#
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Permission to
# use, copy, modify and distribute this software and database and its documentation for
# any purpose and without fee or royalty is hereby granted, provided that you agree to
# comply with the following copyright notice and statements, including the disclaimer, and
# that the same appear on ALL copies of the software, database and documentation, including
# modifications that you make for internal use or for distribution. THIS SOFTWARE AND
# DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR
# WARRANTIES, EXPRESS OR IMPLIED. The name of Princeton University or Princeton may not be
# used in advertising or publicity pertaining to distribution of the software and/or
# database. Title to copyright in this software, database and any associated documentation
# shall at all times remain with Princeton University and LICENSEE agrees to preserve same.
'''


def groups(data_noun: Path) -> list[list[str]]:
    """Return the groups of single-word names of the location synsets."""
    found = []
    for line in data_noun.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence header of the data file
        fields = line.split()
        if fields[1] != LOCATION:
            continue
        count = int(fields[3], 16)
        names = [n for n in dict.fromkeys(fields[4 + 2 * i] for i in range(count)) if _NAME.fullmatch(n)]
        if len(names) > 1:
            found.append(names)
    return found


def aliases(found: list[list[str]]) -> dict[str, str]:
    """Map each other name to its group's first name, leaving out names of several places."""
    seen: dict[str, set[str]] = {}
    for names in found:
        for name in names:
            seen.setdefault(name.lower(), set()).add(names[0].lower())
    table = {}
    for names in found:
        canonical = names[0].lower()
        for name in names[1:]:
            if seen[name.lower()] == {canonical} and len(seen.get(canonical, set())) == 1:
                table[name.lower()] = canonical
    return dict(sorted(table.items()))


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    table = aliases(groups(root / "data.noun"))
    out = Path(__file__).resolve().parents[1] / "rules" / "places.toml"
    lines = [HEADER, "[aliases]"] + [f'{name} = "{place}"' for name, place in table.items()]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(table)} names")


if __name__ == "__main__":
    main()
