"""Build nouns.tsv.gz, the noun hierarchy the checker ships, from a WordNet 3.0 database.

    python -m checker.data.build_nouns /usr/share/wordnet    # Debian's wordnet-base

Each noun English uses often enough (wordfreq's Zipf scale >= MIN_ZIPF) keeps its most
frequent senses (at most SENSES, those with tagged uses first); each sense keeps its
hypernyms up to the root, so that "protester" is known to be a kind of "person" and
"cable" and "line" to share a sense.  WordNet's licence travels with the table
(WORDNET_LICENSE in this folder).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

MIN_ZIPF = 2.0
SENSES = 3
OUT = Path(__file__).with_name("nouns.tsv.gz")


def senses(index_line: str) -> tuple[str, list[str]]:
    """Return a noun and the offsets of its senses kept, from a line of index.noun."""
    parts = index_line.split()
    lemma, pointers = parts[0], int(parts[3])
    rest = parts[4 + pointers:]
    tagged, offsets = int(rest[1]), rest[2:]
    return lemma, offsets[:max(1, min(tagged, SENSES))]


def hypernyms(data_line: str) -> tuple[str, list[str]]:
    """Return a synset's offset and its hypernyms' (also of instances), from a line of data.noun."""
    parts = data_line.split(" | ")[0].split()
    words = int(parts[3], 16)
    at = 4 + 2 * words
    count = int(parts[at])
    pointers = [parts[at + 1 + 4 * k: at + 5 + 4 * k] for k in range(count)]
    return parts[0], [offset for symbol, offset, pos, _ in pointers if symbol in ("@", "@i") and pos == "n"]


def build(wordnet: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Return the nouns kept with their senses, and every synset reachable from them with its parents."""
    from wordfreq import zipf_frequency

    nouns = {}
    for line in (wordnet / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" ") or not line.strip():
            continue  # the licence header
        lemma, kept = senses(line)
        if lemma.isalpha() and lemma.islower() and zipf_frequency(lemma, "en") >= MIN_ZIPF:
            nouns[lemma] = kept
    parents = {}
    for line in (wordnet / "data.noun").read_text(encoding="latin-1").splitlines():
        if line[:1].isdigit():
            offset, ups = hypernyms(line)
            parents[offset] = ups
    reachable: dict[str, list[str]] = {}
    todo = [o for kept in nouns.values() for o in kept]
    while todo:
        offset = todo.pop()
        if offset not in reachable:
            reachable[offset] = parents.get(offset, [])
            todo.extend(reachable[offset])
    return nouns, reachable


def main(argv: list[str]) -> int:
    wordnet = Path(argv[0] if argv else "/usr/share/wordnet")
    nouns, reachable = build(wordnet)
    lines = [
        "# noun -> its senses (WordNet 3.0 synset offsets); then synset -> hypernyms. See WORDNET_LICENSE.\n",
        *(f"n\t{lemma}\t{','.join(nouns[lemma])}\n" for lemma in sorted(nouns)),
        *(f"s\t{offset}\t{','.join(reachable[offset])}\n" for offset in sorted(reachable)),
    ]
    # mtime=0: the same database gives the same bytes, so a rebuild shows no spurious change.
    OUT.write_bytes(gzip.compress("".join(lines).encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{OUT}: {len(nouns)} nouns, {len(reachable)} synsets")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
