"""Counts of none: "no one was killed", "there were no dead or wounded" state a figure of 0."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from checker.extract.anchors import clause_anchor
from checker.lexicon import Predicate, PredicateLexicon
from checker.records import Claim, Interval, Quantity, Sentence, claim_in

# "no one was killed", "nobody was seriously hurt", "none were injured": the verb follows.
_NOBODY = re.compile(
    r"\b(?:no[\s-]one|nobody|none)\s+(?:(?:was|were|is|are|has|have|had|been|being|got|reportedly|"
    r"seriously|badly|critically|immediately|actually)\s+)*", re.I)
# "no casualties", "no immediate deaths", "no dead or wounded": a noun that carries its predicate.
_NO = re.compile(r"\bno\s+(?:(?:immediate|other|further|known|confirmed|serious)\s+)?", re.I)
_OR = re.compile(r"\s*(?:,\s*|\s)(?:or|and|nor)\s+", re.I)
_WORD = re.compile(r"[A-Za-z]+")
_NONE = Quantity(Interval.point(0), "count", "", "", "0")


def zero_claims(sentence: Sentence, plex: PredicateLexicon, published: date | None = None) -> Iterator[Claim]:
    """Yield a count of 0 for each predicate a sentence says nobody underwent; "no reports of
    casualties" is no such claim (an absence of reports, not a report of absence)."""
    text = sentence.text
    if "no" not in text.lower():
        return  # both patterns open with "no" ("no one", "nobody", "none", "no"): most sentences hold none
    seen: set[str] = set()
    for match in (*_NOBODY.finditer(text), *_NO.finditer(text)):
        nouns_only = match.re is _NO
        for predicate, end in _predicates(text, match.end(), plex, nouns_only):
            if predicate.name in seen:
                continue
            seen.add(predicate.name)
            phrase = text[match.start():end]
            yield claim_in(
                sentence, sentence.start + match.start(), sentence.start + end, "number", "none", predicate.name,
                text=phrase,
                predicate=predicate.name,
                thing=predicate.thing or "person",
                topic=f"{predicate.name} {predicate.thing or 'person'}",
                value=Quantity(_NONE.interval, "count", "", phrase, "0"),
                cumulative=predicate.cumulative,
                anchor=clause_anchor(text, match.start(), published),
            )


def _predicates(text: str, position: int, plex: PredicateLexicon, nouns_only: bool) -> list[tuple[Predicate, int]]:
    """Return the predicates named at a position, with those coordinated after them ("killed or
    injured", "dead or wounded"), each with where its words end."""
    found: list[tuple[Predicate, int]] = []
    while True:
        word = _WORD.match(text, position)
        if not word:
            return found
        lower = word.group().lower()
        if lower in plex.together:
            found += [(p, word.end()) for p in plex.together[lower]]
        elif nouns_only and not found and lower not in plex.implied:
            return found  # "no longer", "no reports of casualties": no count of none
        else:
            predicate = next((p for p in plex.predicates if p.pattern.match(text, position)), None)
            if predicate is None:
                return found
            found.append((predicate, word.end()))
        more = _OR.match(text, word.end())
        if not more:
            return found
        position = more.end()
