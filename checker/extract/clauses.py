"""Where a clause begins and ends around a span of a sentence."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from checker.extract.lemmas import verb_lemma

# A clause ends at punctuation and at the words that join clauses: "Charles rushed for 226
# yards while Hillis added 101" speaks of two men, one figure each.
_BOUNDARY = re.compile(
    r"[,;:()\[\]—–]|\s-\s|\b(?:and|but|while|whereas|although|though|when|after|before|because|which|who|whom|whose|where)\b",
    re.I)
_PUNCTUATION = re.compile(r"[,;:()\[\]—–]")
_MODIFIER_AFTER = re.compile(r"\s*\d[\d,.]*-[a-z]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_SPACES = re.compile(r"\s*")


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span of the clause that holds the text's [start, end)."""
    starts, ends = _boundaries(text)
    if end <= start:  # no span: read boundary by boundary, as any span was once
        return _scanned(text, starts, ends, start, end)
    # The boundaries come in order and never overlap, so the last to end before the span and
    # the first to start after it are found by bisection: a sentence's every figure asks.
    before = bisect_right(ends, start) - 1
    after = bisect_left(starts, end)
    return (ends[before] if before >= 0 else 0), (starts[after] if after < len(starts) else len(text))


def _scanned(text: str, starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int]:
    low, high = 0, len(text)
    for found_start, found_end in zip(starts, ends):
        if found_end <= start:
            low = found_end
        elif found_start >= end:
            high = found_start
            break
    return low, high


@lru_cache(maxsize=64)
def _boundaries(text: str) -> tuple[list[int], list[int]]:
    """Return where the text's clause boundaries start and end, in order."""
    starts, ends = [], []
    for found in _BOUNDARY.finditer(text):
        if found.group().lower() in ("and", "but") and _shares_subject(text, found.end()):
            continue  # "Charles turned in an 86-yard run and rushed for 226 yards": one subject
        if found.group() == "," and _MODIFIER_AFTER.match(text, found.end()):
            continue  # "a 13-play, 73-yard drive": a comma between two modifiers of one noun
        starts.append(found.start())
        ends.append(found.end())
    return starts, ends


def opening_end(text: str) -> int:
    """Return where a sentence's opening phrase ends: its first punctuation ("After 13 days of
    bombardment, ...", "In a separate attack, ..."), 0 when it has none."""
    found = _PUNCTUATION.search(text)
    return found.start() if found else 0


def _shares_subject(text: str, position: int) -> bool:
    """Tell whether "and" or "but" joins a verb phrase to the one before (no new subject)."""
    following = _WORD.match(text, _SPACES.match(text, position).end())
    return bool(following) and bool(verb_lemma(following.group()))


