"""Resolvers: one function per phrase form, from a regex match to (first, last, granularity, relative).

The reading rules are documented in `checker.normalize.dates`. A phrase whose reading falls
outside the calendar (years 1 to 9999) raises `date_calendar.BeyondCalendar`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date

from checker.normalize import date_calendar as cal
from checker.normalize.date_grammar import MONTHS, WEEKDAYS

Resolved = tuple[date, date, str, bool]  # first, last, granularity, relative
Match = re.Match[str]
Resolver = Callable[[Match, date, bool], "Resolved | None"]

# Forms whose reading turns on whether the sentence speaks of the future.
USES_FUTURE = frozenset({"weekday", "within", "weekend"})
_OFFSET = {"last": -1, "this": 0, "next": 1}
_COUNTS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)}
_COUNTS.update({"a": 1, "an": 1})
_FEW = {"a couple of": (2, 3), "couple of": (2, 3), "a few": (2, 5), "few": (2, 5), "several": (2, 9)}
_VAGUE_AGO = {"hour": (0, 24), "day": (2, 13), "week": (2, 11), "month": (2, 12), "year": (2, 10),
              "decade": (2, 5)}
_RECENT = {"day": 14, "week": 11, "month": 12, "year": 10}
_UNIT_GRANULARITY = {"hour": "day", "day": "day", "week": "week", "month": "month", "year": "year",
                     "decade": "decade"}
_SIMPLE = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}


def _words(text: str | None) -> str:
    """Return lower-cased text with single spaces."""
    return " ".join((text or "").lower().split())


def _unit(m: Match) -> str:
    """Return the singular time unit of a match ("weeks" -> "week")."""
    return m["unit"].lower().rstrip("s")


def _safe_day(year: int, month: int, day: int) -> date | None:
    """Return the date, or None for an impossible one (February 30)."""
    if day > calendar.monthrange(year, month)[1]:
        return None
    return cal.calendar_day(year, month, day)


def _parted(m: Match, span: cal.Span, granularity: str, relative: bool) -> Resolved:
    """Apply an early/mid/late part, if the phrase has one, to a resolved period."""
    part = _words(m.re.groupindex.get("part") and m["part"])
    if not part:
        return span[0], span[1], granularity, relative
    kind = "early" if part.startswith(("early", "the beginning", "beginning", "the start", "start")) else \
        "mid" if part.startswith(("mid", "the middle", "middle")) else "late"
    return *cal.part_span(span, granularity, kind), "part", relative


def _day(m: Match, ref: date, future: bool) -> Resolved | None:
    """Resolve "March 8, 2025", "8 March", "Mar. 8-10", "2025-03-08", "April 19 last year"."""
    month = int(m["mnum"]) if "mnum" in m.re.groupindex else MONTHS[m["mon"][:3].lower()]
    day, year, ryear = int(m["day"]), m["year"], _words(m.re.groupindex.get("ryear") and m["ryear"])
    if year:
        first = _safe_day(int(year), month, day)
    elif ryear:
        first = _safe_day(ref.year + _OFFSET[ryear], month, day)
    else:
        first = cal.nearest_day(ref, month, day)
    second = "day2" in m.re.groupindex and m["day2"]
    last = _safe_day(first.year, month, int(second)) if first and second else first
    if first is None or last is None or last < first:
        return None
    return first, last, "day", not year


def _month(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "March 2025", "April last year", "last March", "in March", with any part."""
    month = MONTHS[m["mon"][:3].lower()]
    groups = m.re.groupindex
    if "year" in groups:
        year, relative = int(m["year"]), False
    elif "ryear" in groups:
        year, relative = ref.year + _OFFSET[_words(m["ryear"])], True
    elif "rel" in groups:
        year, relative = cal.named_month_year(ref, month, _words(m["rel"])), True
    else:
        year, relative = cal.nearest_month_year(ref, month), True
    return _parted(m, cal.month_span(year, month), "month", relative)


def _year(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "in 2024", "the 2024 election", "late 2024"."""
    return _parted(m, cal.year_span(int(m["year"])), "year", False)


def _decade(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "the 1990s", "the early '80s"."""
    start = int(m["dec"]) if m["dec"] else (1900 if int(m["dec2"]) >= 20 else 2000) + int(m["dec2"])
    return _parted(m, (date(start, 1, 1), date(start + 9, 12, 31)), "decade", False)


def _rel_period(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "last week", "next month", "this year", "the end of the year", "late last week"."""
    unit = _unit(m)
    return _parted(m, cal.period_span(ref, unit, _OFFSET.get(_words(m["rel"]), 0)), unit, True)


def _season(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "summer 2024", "the winter of 2023", "last summer"."""
    season = m["season"].lower()
    if m["year"]:
        return *cal.season_span(season, int(m["year"])), "season", False
    rel = _words(m["rel"]).replace("this past", "last").replace("this coming", "next")
    return *cal.season_span(season, cal.season_year(ref, season, rel)), "season", True


def _weekday(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "on Wednesday", "last Friday", "Tuesday night", "late on Tuesday"."""
    rel = _words(m["rel"]).replace("this past", "last").replace("this coming", "next")
    day = cal.weekday_date(ref, WEEKDAYS[m["wd"].lower()], rel or ("future" if future else "past"))
    return day, day, "day", True


def _simple(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "today", "yesterday", "tomorrow", "last night", "this morning"."""
    day = cal.moved(ref, _SIMPLE.get(_words(m["word"]), 0))
    return day, day, "day", True


def _count(m: Match) -> tuple[int, int] | None:
    """Return the (low, high) count a phrase's number gives, or None when it gives none."""
    n = _words(m["n"])
    if n.isdigit():
        return int(n), int(n)
    if n in _COUNTS:
        return _COUNTS[n], _COUNTS[n]
    return _FEW.get(n)


def _ago(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "two days ago" (that day), "months ago" and "a few weeks ago" (vague spans)."""
    unit, count = _unit(m), _count(m)
    low, high = count or _VAGUE_AGO[unit]
    first, last = cal.shift(ref, unit, -high), cal.shift(ref, unit, -low)
    return first, last, _UNIT_GRANULARITY[unit] if low == high else "vague", True


def _past(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "in the past week", "over the last three months", "the past 24 hours"."""
    count = _count(m) or (1, 1)
    return cal.shift(ref, _unit(m), -count[1]), ref, "vague", True


def _recent(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "in recent days/weeks/months/years"."""
    unit = _unit(m)
    return cal.shift(ref, unit, -_RECENT[unit]), ref, "vague", True


def _next(m: Match, ref: date, future: bool) -> Resolved | None:
    """Resolve "the next few days", "in the coming weeks", "within the next 24 hours"."""
    unit = _unit(m)
    count = _count(m) or ((2, 5) if m["unit"].lower().endswith("s") else (1, 1))
    start = ref if unit == "hour" else cal.moved(ref, 1)
    last = cal.shift(ref, unit, count[1])
    if last < start:
        return None  # "the next 0 days" ends before it starts: it spans no day
    return start, last, "vague", True


def _within(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "within the week": the unit ahead when future, else the unit behind."""
    unit = _unit(m)
    if future:
        return ref, cal.shift(ref, unit, 1), "vague", True
    return cal.shift(ref, unit, -1), ref, "vague", True


def _earlier_later(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "earlier this week" and "later this month" around the reference."""
    first, last = cal.period_span(ref, _unit(m), 0)
    if m["side"].lower() == "earlier":
        return first, ref, "vague", True
    return ref, last, "vague", True


def _weekend(m: Match, ref: date, future: bool) -> Resolved:
    """Resolve "over the weekend", "last weekend", "this weekend"."""
    return *cal.weekend_span(ref, _words(m["rel"]), future), "week", True


RESOLVERS: dict[str, Resolver] = {
    "iso": _day, "mdy": _day, "dmy": _day, "month_year": _month, "month_ryear": _month,
    "rel_month": _month, "month": _month, "rel_period": _rel_period, "year": _year, "decade": _decade,
    "season": _season, "weekday": _weekday, "simple": _simple, "ago": _ago, "past": _past,
    "recent": _recent, "next": _next, "within": _within, "earlier_later": _earlier_later, "weekend": _weekend,
}
