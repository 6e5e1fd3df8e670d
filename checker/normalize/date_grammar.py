"""Regular expressions that find date phrases in news text: one pattern per phrase form.

Every pattern is run over the text and the hits are merged left to right, the longest
first where two start together ("on Wednesday, March 8" beats "on Wednesday").

Traps kept out on purpose: month and weekday names must be capitalized and written out
("may" the verb, "march" the noun, "we"/"sat"/"sun" never match; only months with a day or
a year may be abbreviated, "Mar. 8"); a bare month or a bare four-digit year needs a date
cue ("in", "since", "the", "early", "2024's"), so "2024 rockets" is no date; clock times
("3.45pm", "0737 GMT") and ages are never matched. A leading "on"/"in"/"during" belongs to
the phrase; other cues ("since", "the", "by") only license it and stay outside the span.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_PRE = r"(?P<pre>\b(?i:on|in|during)\s+)"
_CUE = r"(?P<cue>\b(?i:since|until|till|by|before|after|from|through|throughout|of|the|around|as\s+of)\s+)"
_PART = r"(?P<part>(?i:(?:early|late)\s+|mid(?:-|\s+)|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+))"
_MON = (r"(?P<mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|Jun(?:e|\.)?|Jul(?:y|\.)?"
        r"|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![A-Za-z])")
_MON_FULL = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November"
             r"|December)(?![A-Za-z])")
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s*[-–]\s*(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<year>(?:18|19|20)\d\d)(?![\w%]|[.,]\d)"
_RYEAR = r"(?P<ryear>(?i:last|this|next))\s+(?i:year)(?![a-z])"
_YEAR_END = rf"(?:,?\s+{_YEAR}|\s+{_RYEAR})?(?![\w%])"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])"
_TOD = r"(?:\s+(?i:night|morning|afternoon|evening|overnight))?"
_NUM = (r"(?P<n>\d{1,3}|(?i:a\s+couple\s+of|couple\s+of|a\s+few|an?|one|two|three|four|five|six|seven"
        r"|eight|nine|ten|eleven|twelve|few|several|many|some))")
_UNIT = r"(?P<unit>(?i:hours?|days?|weeks?|months?|years?|decades?))(?![a-z])"
_SPAN_PRE = r"(?P<pre>\b(?i:in|over|during|within|for|throughout)\s+)"
_NOT_OF = r"(?!\s+(?i:of)\b)"

_FORMS = {
    "iso": rf"{_PRE}?(?<![\d-])(?P<year>(?:18|19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?!\d)",
    "mdy": rf"{_PRE}?(?:{_WD},?\s+)?{_MON}\s+{_DAY}{_DAY2}{_YEAR_END}",
    "dmy": rf"{_PRE}?(?:{_WD},?\s+)?(?<![\d.,$]){_DAY}{_DAY2}\s+(?:(?i:of)\s+)?{_MON}{_YEAR_END}",
    "month_year": rf"{_PRE}?{_PART}?{_MON},?\s+(?:(?i:of)\s+)?{_YEAR}",
    "month_ryear": rf"{_PRE}?{_PART}?{_MON_FULL}\s+{_RYEAR}",
    "rel_month": rf"{_PRE}?{_PART}?\b(?P<rel>(?i:last|this|next))\s+{_MON_FULL}",
    "month": rf"(?:{_PRE}|{_CUE})?{_PART}?{_MON_FULL}",
    "rel_period": (rf"{_PRE}?{_PART}?(?<![Tt]he\s)(?:\b(?P<rel>(?i:last|this|next))|(?P<the>\b(?i:the)))"
                   rf"\s+(?P<unit>(?i:week|month|year))(?![a-z]){_NOT_OF}"),
    "year": rf"(?:{_PRE}|{_CUE})?{_PART}?(?<![\d$€£.,]){_YEAR}(?!\s*(?:GMT|UTC|hours|hrs|local))",
    "decade": (rf"{_PRE}?(?:\b(?i:the)\s+)?{_PART}?(?<![\d$])(?:(?P<dec>(?:18|19|20)\d0)|['’](?P<dec2>\d0))"
               r"['’]?s(?!\w)"),
    "season": (rf"{_PRE}?(?:\b(?i:the)\s+)?(?:\b(?P<rel>(?i:last|this\s+past|this\s+coming|this|next))\s+)?"
               rf"\b(?P<season>(?i:spring|summer|autumn|fall|winter))(?![a-z])(?:\s+(?:(?i:of)\s+)?{_YEAR})?"),
    "weekday": (rf"{_PRE}?(?:\b(?P<tod>(?i:early|late))\s+(?:(?i:on)\s+)?)?"
                rf"(?:\b(?P<rel>(?i:last|next|this\s+past|this\s+coming|this))\s+)?{_WD}{_TOD}"),
    "simple": (rf"{_PRE}?(?<!USA\s)\b(?P<word>(?i:today|tonight|yesterday|tomorrow|last\s+night"
               r"|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today))(?![a-z])" + _TOD),
    "ago": rf"(?<![\d,.])(?:\b{_NUM}[\s-]+)?\b{_UNIT}\s+(?i:ago)\b",
    "past": (rf"{_SPAN_PRE}?(?:\b(?i:the)|\b(?P<this>(?i:this)))\s+(?P<dir>(?i:past|last))\s+(?:{_NUM}\s+)?"
             rf"{_UNIT}{_NOT_OF}"),
    "recent": rf"{_SPAN_PRE}?\b(?i:recent)\s+(?P<unit>(?i:days|weeks|months|years))(?![a-z])",
    "next": rf"{_SPAN_PRE}?\b(?i:the)\s+(?P<dir>(?i:next|coming))\s+(?:{_NUM}\s+)?{_UNIT}{_NOT_OF}",
    "within": rf"\b(?i:within)\s+(?:(?i:the|a)\s+)?(?P<unit>(?i:day|week|month|year))(?![a-z]){_NOT_OF}",
    "earlier_later": r"\b(?P<side>(?i:earlier|later))\s+(?i:this)\s+(?P<unit>(?i:week|month|year))(?![a-z])",
    "weekend": (rf"{_PRE}?(?:\b(?i:over)\s+)?\b(?P<rel>(?i:last|this\s+past|this|next|the))\s+(?i:weekend)"
                rf"(?![a-z]){_NOT_OF}"),
}
PATTERNS = {form: re.compile(source) for form, source in _FORMS.items()}

# The word every phrase of a form must contain. A pattern that may open with optional
# words ("in", "the end of") makes `re` try it at every position of the text; instead the
# core is found first (a fast scan) and the pattern is tried only at the few word starts
# just before it.
_MONTH_CORE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_CORES = {
    "iso": r"(?:18|19|20)\d\d-\d", "mdy": _MONTH_CORE, "dmy": _MONTH_CORE, "month_year": _MONTH_CORE,
    "month_ryear": _MONTH_CORE, "rel_month": _MONTH_CORE, "month": _MONTH_CORE,
    "rel_period": r"(?i:week|month|year)", "year": r"(?:18|19|20)\d\d", "decade": r"\d0['’]?s",
    "season": r"(?i:spring|summer|autumn|fall|winter)", "weekday": r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day",
    "simple": r"(?i:today|tonight|yesterday|tomorrow|night|morning|afternoon|evening)", "ago": r"(?i:ago)",
    "past": r"(?i:past|last)", "recent": r"(?i:recent)", "next": r"(?i:next|coming)", "within": r"(?i:within)",
    "earlier_later": r"(?i:earlier|later)", "weekend": r"(?i:weekend)",
}
CORES = {form: re.compile(source) for form, source in _CORES.items()}
_LOOKBACK = 40  # the longest optional opening ("during the beginning of ") fits in this
_WORD_START = re.compile(r"(?<![\w'’-])[\w$'’]")

# A cheap test per form: the form's regex runs only on texts that hold one of its words
# (months and weekdays as written, the rest in lower case), which makes the finder many
# times faster, since most sentences hold no date at all.
_GATE_CASED = {
    "mon": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_GATE_LOWER = {
    "period": ("week", "month", "year"), "season": ("spring", "summer", "autumn", "fall", "winter"),
    "simple": ("today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening"),
    "ago": ("ago",), "past": ("past", "last"), "recent": ("recent",), "next": ("next", "coming"),
    "within": ("within",), "earlier_later": ("earlier", "later"), "weekend": ("weekend",),
}
_GATE_REGEX = {"year": re.compile(r"(?:18|19|20)\d\d"), "decade": re.compile(r"\d0['’]?s\b")}
_GATE_OF = {"iso": "year", "mdy": "mon", "dmy": "mon", "month_year": "mon", "month_ryear": "mon",
            "rel_month": "mon", "month": "mon", "rel_period": "period", "year": "year"}

# "in 2000 homes", "the 2000 hostages": a plural noun after a cued year makes it a count.
_PLURAL_AFTER = re.compile(r"\s+([a-z]{3,}s|people|children|men|women|police|personnel|staff)\b")
_NOT_PLURAL = {"this", "was", "has", "its", "his", "is", "thus", "plus", "across", "news", "perhaps", "always",
               "elections", "olympics", "games", "midterms", "talks", "protests", "floods", "riots", "attacks",
               "polls", "primaries", "hearings", "negotiations", "unless", "whereas", "towards", "afterwards"}

# "Good Friday", "Super Tuesday", "the Sunday Times": names, not the weekday before the dateline.
_NAMED_DAY = re.compile(r"\b(?:Good|Black|Super|Bloody|Ash|Holy|Cyber|Easter|Palm|Maundy)\s+$")
_PAPER = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Independent|Tribune|Star)\b")


@dataclass(frozen=True, slots=True)
class Hit:
    """One date phrase found in a text: its span, its form and the regex match."""

    start: int
    end: int
    form: str
    match: re.Match[str]


def _licensed(m: re.Match[str], text: str) -> bool:
    """Tell whether a bare month or year has a date cue ("in", "the", "late", "'s")."""
    if m["pre"] or m["cue"] or m["part"]:
        return True
    return text.startswith(("'s", "’s"), m.end())


def _year_is_count(m: re.Match[str], text: str) -> bool:
    """Tell whether a cued year is really a count followed by its plural noun."""
    after = _PLURAL_AFTER.match(text, m.end())
    return bool(after) and after.group(1) not in _NOT_PLURAL and not after.group(1).endswith(("ss", "us"))


def _valid(form: str, m: re.Match[str], text: str) -> bool:
    """Apply the checks a regex cannot express well to a candidate hit."""
    if form == "month":
        return _licensed(m, text)
    if form == "year":
        return _licensed(m, text) and not _year_is_count(m, text)
    if form == "weekday":
        return not (_NAMED_DAY.search(text, 0, m.start("wd")) or _PAPER.match(text, m.end("wd")))
    if form == "rel_period":
        return bool(m["rel"] or m["part"])  # "the month" alone is no date; "the end of the month" is
    if form == "season":
        return bool(m["rel"] or m["year"])
    if form == "past":
        return m["dir"].lower() == "past" or bool(m["pre"] or m["n"] or m["this"])
    if form == "next":
        plural = m["unit"].lower().endswith("s")
        return m["dir"].lower() == "coming" or bool(m["pre"] or m["n"] or plural)
    return True


def _start(m: re.Match[str]) -> int:
    """Return where the phrase starts: after a licensing cue, which is not part of it."""
    return m.end("cue") if "cue" in m.re.groupindex and m["cue"] else m.start()


def _gates_passed(text: str) -> set[str]:
    """Return the names of the gates a text passes."""
    lower = text.lower()
    passed = {name for name, words in _GATE_CASED.items() if any(w in text for w in words)}
    passed.update(name for name, words in _GATE_LOWER.items() if any(w in lower for w in words))
    passed.update(name for name, gate in _GATE_REGEX.items() if gate.search(text))
    return passed


def _matches(form: str, text: str, starts: list[int]) -> list[re.Match[str]]:
    """Return the leftmost matches of a form's pattern that contain one of its cores."""
    pattern, found, reached = PATTERNS[form], [], -1
    for core in CORES[form].finditer(text):
        if core.start() < reached:
            continue
        low = bisect.bisect_left(starts, core.start() - _LOOKBACK)
        high = bisect.bisect_right(starts, core.start())
        for position in starts[low:high]:
            if position < reached:
                continue
            m = pattern.match(text, position)
            if m and m.end() > core.start():
                found.append(m)
                reached = m.end()
                break
    return found


def scan(text: str) -> list[Hit]:
    """Return the date phrases of a text, left to right, non-overlapping, longest first."""
    passed = _gates_passed(text)
    forms = [form for form in PATTERNS if _GATE_OF.get(form, form) in passed]
    if not forms:
        return []  # half of all sentences pass no gate: their word starts are never needed
    starts = [m.start() for m in _WORD_START.finditer(text)]
    hits = [Hit(_start(m), m.end(), form, m) for form in forms
            for m in _matches(form, text, starts) if _valid(form, m, text)]
    hits.sort(key=lambda h: (h.start, -h.end))
    chosen: list[Hit] = []
    for hit in hits:
        if not chosen or hit.start >= chosen[-1].end:
            chosen.append(hit)
    return chosen
