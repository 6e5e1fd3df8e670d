"""The year a sentence is anchored to, which keeps background events apart."""

from __future__ import annotations

import re
from datetime import date

# "In 2004", "in September 2009", "the 2004 tsunami", "'s 2006 war": a year as a time anchor.
_YEAR = re.compile(r"(?<![\d,.$£€-])(1[89]\d\d|20\d\d)(?!\d|,\d|\s*(?:%|percent|people|[a-z]+s\b))")
_RELATIVE_YEAR = re.compile(r"\b(last|this|next|previous)\s+year\b|\b(a|one|two|three|\d+)\s+years?\s+ago\b", re.I)
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ONLY = re.compile(rf"\b(?:in|since|during|until|by|early|late|mid-?|last|this)\s+({_MONTH_NAMES})\b(?!\s*\d)")
_MONTHS = {name[:3].lower(): number for number, name in enumerate(_MONTH_NAMES.split("|"), 1)}
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3}


def year_anchor(sentence: str, published: date | None) -> str:
    """Return the year(s) or month a sentence speaks of ("2004", "month 9"), or "" for the story's own time."""
    years = {m.group(1) for m in _YEAR.finditer(sentence)}
    for match in _RELATIVE_YEAR.finditer(sentence):
        years.add(_resolve(match, published))
    if years:
        return "+".join(sorted(years))
    # "In February, a gunman killed five": a month named without a day is another time.
    months = {_MONTHS[m.group(1)[:3].lower()] for m in _MONTH_ONLY.finditer(sentence)}
    return "+".join(f"month {m}" for m in sorted(months))


def _resolve(match: re.Match[str], published: date | None) -> str:
    word = (match.group(1) or "").lower()
    if word == "this" or word == "":
        back = 0 if word == "this" else _COUNTS.get(match.group(2).lower()) or int(match.group(2))
    else:
        back = {"last": 1, "previous": 1, "next": -1}[word]
    if published is None:
        return match.group(0).lower()  # unresolved: only equal wording can match
    return str(published.year - back)
