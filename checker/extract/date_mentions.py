"""Date mentions: the date phrases of a sentence, each with its day interval.

A bare weekday ("on Monday"), "within the week" and "the weekend" read forward when the
clause around them speaks of the future ("will meet on Monday", "is scheduled to",
"is expected to", "plans to", "could be finalized within the week", "next"), else
backward. The clause runs between punctuation and words that open a new one ("that",
"said"), so in "Hamas said on Wednesday that it will consider" the "will" belongs to
another clause and Wednesday stays in the past. A sentence-opening "On Monday," takes the
clause after its comma. Words after the phrase count only up to four and before "and"/"or"
("Talks resumed on Monday and will continue" is about a past Monday).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from checker.extract.recurring import by_text
from checker.normalize.date_forms import USES_FUTURE
from checker.normalize.dates import DateValue, resolve
from checker.normalize.date_grammar import scan

# Punctuation ends a clause, but not the point of "8.6" or the comma of "170,000".
_BOUNDARY = re.compile(
    r"[;:!?\"“”()\u2013\u2014]|,(?!\d{3})|\.(?!\d)"
    r"|\b(?:that|which|who|said|says|told|but|while|because|although)\b"
)
# "due" only after a verb: "closed due to the storm on Monday" is no plan.
_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|going\s+to|(?:scheduled|slated|expected|set|poised)\s+(?:to|for)"
    r"|(?:is|are|was|were|be)\s+due"
    r"|plans?\s+to|planning\s+to|intends?\s+to|aims?\s+to|hopes?\s+to|upcoming|next(?!\s+to\b))\b"
    r"|['’]ll\b"
    r"|\b(?:would|could|might|may)\b(?!\s+(?:not|have)\b)"
)

_RIGHT_STOP = re.compile(r"\b(?:and|or|then)\b")
_RIGHT_WORDS = 4


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase in a sentence: its span (the whole phrase incl. "on", "late", "last")."""

    start: int
    end: int
    text: str
    value: DateValue


def clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Return the span of the clause around a phrase."""
    left = 0
    for cut in _BOUNDARY.finditer(sentence, 0, start):
        left = cut.end()
    cuts = _BOUNDARY.finditer(sentence, end)
    right = next(cuts, None)
    if right and right.group() == "," and not sentence[left:start].strip():
        right = next(cuts, None)  # "On Monday, Trump will meet ...": the clause after the comma
    return left, right.start() if right else len(sentence)


def speaks_of_future(sentence: str, start: int, end: int) -> bool:
    """Tell whether the clause around a phrase is about the future."""
    left, right = clause_span(sentence, start, end)
    if _FUTURE.search(sentence, left, start):
        return True
    # After the phrase only its own verb counts: "Netanyahu on Monday will meet", not
    # "Talks resumed on Monday and will continue".
    stop = _RIGHT_STOP.search(sentence, end, right)
    return bool(_FUTURE.search(" ".join(sentence[end:stop.start() if stop else right].split()[:_RIGHT_WORDS])))


@by_text
def find_date_mentions(sentence: str, reference: date | None) -> list[DateMention]:
    """Return the date phrases of a sentence, left to right, non-overlapping."""
    mentions = []
    for hit in scan(sentence):
        future = hit.form in USES_FUTURE and speaks_of_future(sentence, hit.start, hit.end)
        value = resolve(hit, sentence, reference, future)
        if value is not None:
            mentions.append(DateMention(hit.start, hit.end, sentence[hit.start:hit.end], value))
    return mentions
