"""Which counted things may be one: the same noun, or one a kind of the other (WordNet 3.0)."""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "data" / "nouns.tsv.gz"  # built by checker/data/build_nouns.py


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Return each noun's senses and each synset's hypernyms."""
    senses: dict[str, tuple[str, ...]] = {}
    parents: dict[str, tuple[str, ...]] = {}
    for line in gzip.decompress(TABLE.read_bytes()).decode("utf-8").splitlines():
        kind, key, values = (line.split("\t") + ["", ""])[:3]
        if kind == "n":
            senses[key] = tuple(values.split(","))
        elif kind == "s":
            parents[key] = tuple(v for v in values.split(",") if v)
    return senses, parents


def senses(noun: str) -> tuple[str, ...]:
    """Return the WordNet senses kept for a noun (none for a phrase or an unknown word)."""
    return _table()[0].get(noun, ())


@lru_cache(maxsize=100_000)
def ancestors(noun: str) -> frozenset[str]:
    """Return a noun's senses and every sense above them ("protester" -> ..., person, organism, ...)."""
    parents = _table()[1]
    found: set[str] = set()
    todo = list(senses(noun))
    while todo:
        synset = todo.pop()
        if synset not in found:
            found.add(synset)
            todo.extend(parents.get(synset, ()))
    return frozenset(found)


def related(a: str, b: str) -> bool:
    """Tell whether two counted things may be one: the same, sharing a sense, or one a kind of
    the other ("protesters" and "people"); never two kinds side by side ("students", "refugees")."""
    if a == b:
        return True
    return bool(set(senses(b)) & ancestors(a) or set(senses(a)) & ancestors(b))
