"""Spans that hold digits but no count claim: dates, times, ages, fractions."""

from __future__ import annotations

import re
from functools import lru_cache

from checker.extract.game_clock import clock_spans
from checker.extract.records import record_spans
from checker.extract.recurring import by_text

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_AMPM = r"(?:[ap]\.\s?m\.|[ap]m\b|[AP]M\b)"
_ZONE = r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|WIB|IST|AEST|AEDT|JST|hours?|hrs|local time)"

# Case matters for months ("May 8", not "may"), so only the time and age parts ignore it.
_DATES = re.compile(
    rf"\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b"
    rf"|(?<!\d\s)(?<!\d-)\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b"  # not the fraction of "2 1/2"
    rf"|\b{MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?(?![\w])"
    rf"|\b{_DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?(?![\w])"
    rf"|\b{MONTH}\s+\d{{4}}\b"
)
_TIMES = re.compile(
    rf"\b\d{{1,2}}[:.]\d{{2}}\s*{_AMPM}"
    rf"|\b\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*{_ZONE})?"
    rf"|\b\d{{1,2}}\s*{_AMPM}"
    rf"|\b\d{{4}}\s*(?:{_ZONE})\b"
    rf"|\b\d{{1,2}}\s*o'clock\b",
)
_SPELLED_AGE = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
)
_AGES = re.compile(
    r"\b\d{1,3}(?:\s*,\s*\d{1,3})*,?\s+and\s+\d{1,3}[\s-]*(?:years?|yrs?)[\s-]*old\b"  # "68 and 48-years-old"
    r"|\b\d{1,3}[\s-]*(?:years?|yrs?)[\s-]*old\b"
    r"|\b\d{1,3}-year-old\b"
    r"|\baged?\s+(?:of\s+)?\d{1,3}\b"
    r"|\bages?\s+(?:of\s+)?\d{1,3}(?:\s*(?:-|to|and)\s*\d{1,3})?\b"
    r"|\b(?:in\s+(?:his|her|their)\s+(?:early\s+|late\s+|mid-?)?)\d0s\b"
    rf"|\b(?:[a-z]+-)?{_SPELLED_AGE}[\s-]+(?:years?|months?)[\s-]+old\b",  # "an eight-year-old daughter"
    re.IGNORECASE,
)
# "Riva, 47, of Sterling Heights", "Kafoury (63)", "LaCalamita III, 38": an age after a
# capitalized name (checker/extract/ages.py reads the same spans as age claims).
_NAME_AGE = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’-]*[a-z](?:\s+(?:II|III|IV|Jr\.|Sr\.))?(?:,\s*|\s\()(?P<n>\d{1,3})"
    r"(?=\s*(?:,|\)|;|\.(?!\d)|$|\s+(?:of|from|and|was|is|who|said)\b))"
)
_TEENS_TENS = r"(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty"
_SPELLED_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of|many)"
# "12 days ago", "two weeks later": a point in time, not a duration claim.
_RELATIVE = re.compile(
    rf"\b(?:\d+|{_SPELLED_SMALL})[\s-]+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)"
    r"\s+(?:ago|earlier|later|before|after|previously|since|from now|back)\b"
    # "fifteen games later", "two rounds earlier": a place in a sequence, not a count
    rf"|\b(?:\d+|{_SPELLED_SMALL}|{_TEENS_TENS})\s+[a-z]+s\s+(?:later|earlier|ago)\b",
    re.IGNORECASE,
)
_OTHER = re.compile(
    r"(?<!\d\s)(?<!\d-)\b\d+/\d+\b"  # fractions and scores (a whole number's fraction is read with it)
    r"|(?:\bNo\.|\bNos\.|\bnumber|#)\s*\d+"
    r"|\b\d+(?:st|nd|rd|th)\b"
    r"|\b\d+\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive|Way|Place|Court|Highway)",
)


def _scoped(pattern: re.Pattern[str]) -> str:
    return f"(?i:{pattern.pattern})" if pattern.flags & re.IGNORECASE else f"(?:{pattern.pattern})"


_DIGIT = re.compile(r"\d")
# What each pattern cannot match without: cheap first looks that leave out the patterns a
# sentence cannot hold (most hold no age and no "ago"; most figures are no date, time or
# number sign), so the one pass tries only the rest. Each look is a piece every alternative
# of its pattern holds, written as the pattern writes it (months and zones as cased).
_NEEDS = (
    (_DATES, (_DIGIT, re.compile(r"\d[-/]\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"))),
    (_TIMES, (_DIGIT, re.compile(rf"\d[:.]\d|\d\s*(?:[ap]\.|[ap]m|[AP]M|{_ZONE})|o'clock"))),
    (_AGES, (re.compile(r"old|age|0s", re.IGNORECASE),)),
    (_RELATIVE, (re.compile(r"ago|earlier|later|before|after|previously|since|from now|back", re.IGNORECASE),)),
    (_OTHER, (_DIGIT, re.compile(r"\d/\d|No\.|Nos\.|number|#|\d(?:st|nd|rd|th)"
                                 r"|Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive|Way|Place|Court|Highway"))),
)


@lru_cache(maxsize=32)
def _one_pass(which: tuple[int, ...]) -> re.Pattern[str]:
    """One pass over the chosen patterns; a pattern that ignores case keeps doing so in its own group."""
    return re.compile("|".join(_scoped(_NEEDS[index][0]) for index in which))


@by_text
def masked_spans(text: str) -> list[tuple[int, int]]:
    """Return the sorted spans of dates, times, ages and the like in a sentence."""
    which = tuple(index for index, (_, needed) in enumerate(_NEEDS) if all(look.search(text) for look in needed))
    # A pattern left out matches nowhere in the text, so the pass finds what a pass over all five would.
    spans = [m.span() for m in _one_pass(which).finditer(text)] if which else []
    spans.extend(m.span("n") for m in _NAME_AGE.finditer(text))
    spans.extend(record_spans(text))  # "Indianapolis (10-5)": a record, read by checker/extract/records.py
    spans.extend(clock_spans(text))  # "with 10:03 to play": a game clock, read by checker/extract/game_clock.py
    return sorted(spans)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether [start, end) overlaps any of the (sorted) spans."""
    for s, e in spans:
        if s >= end:
            return False
        if start < e:
            return True
    return False
