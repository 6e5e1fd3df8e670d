"""Date phrases -> inclusive day intervals at their granularity (news usage).

Semantics, relative to the reference (the article's publication date):
- Absolute days, months, years and decades are their own span ("the 1990s" = 1990-1999).
  A month or day without a year takes the year that puts it nearest the reference (so
  within six months either side; ties go to the past) and counts as relative.
- Parts overlap on purpose so that a wider reading avoids false conflicts: early/mid/late
  month = days 1-15 / 8-23 / 16-end; of a year Jan-Apr / May-Aug / Sep-Dec; of an ISO week
  Mon-Wed / Tue-Thu / Thu-Sun; "the end/beginning/middle of" = late/early/mid.
- Seasons are meteorological, northern hemisphere; winter 2024 = Dec 2024-Feb 2025.
- A bare weekday ("on Wednesday", "Wednesday's quake") is the latest such day on or before
  the reference (the reference itself if it is one), or with future=True the earliest on
  or after it; "last"/"next Wednesday" are strictly before/after; "this Wednesday" is the
  one in the reference's ISO week. Time-of-day words ("Tuesday night", "late on Tuesday")
  keep the day.
- this/last/next week, month, year: the whole ISO week (Mon-Sun), calendar month or year.
- "N days/weeks/months ago" is that one day, its granularity the unit's; vague "days ago"
  = [ref-13d, ref-2d], "weeks ago" [ref-11w, ref-2w], "months ago" [ref-12m, ref-2m],
  "years ago" [ref-10y, ref-2y]; "a couple of" reads 2-3 units, "a few" 2-5, "several" 2-9.
- Spans that touch the reference are "vague": "in the past week" [ref-7d, ref], "in recent
  days" [ref-14d, ref], "recent weeks" [ref-11w, ref], "recent months" [ref-12m, ref],
  "recent years" [ref-10y, ref], "the next few days" [ref+1, ref+5], "within the week"
  [ref-7d, ref] or with future=True [ref, ref+7d], "earlier/later this month" the part of
  the month before/after the reference.
Without a reference a relative phrase stays unresolved (first = last = None); it is never
dropped. So does one whose reading falls outside the calendar the checker can hold (years
1 to 9999: "next month" on 9999-12-31, "yesterday" on 0001-01-01). `reason` says which.

Plain `re` + `datetime` + `calendar`, no dateparser: once our patterns have found a span and
its parts, the arithmetic is a few lines, ~25x faster than dateparser on the same spans, and
gives intervals where dateparser gives points (it reads "in 2004" as 2004-07-02, "the 1990s"
as a time of day, and "on Wednesday" on a Wednesday as the week before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checker.normalize.date_calendar import BeyondCalendar
from checker.normalize.date_forms import RESOLVERS
from checker.normalize.date_grammar import Hit, scan

_PLACEHOLDER = date(2001, 1, 1)  # resolves relative phrases just to learn their granularity
NO_REFERENCE = "no publication date"
BEYOND = "outside the calendar (years 1 to 9999)"


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date phrase as an inclusive day interval; first/last are None when unresolved."""

    first: date | None
    last: date | None
    granularity: str  # day | week | month | part | season | year | decade | vague
    relative: bool  # needed the reference date
    display: str
    reason: str = ""  # why first/last are None: NO_REFERENCE or BEYOND; "" when resolved


def display(first: date, last: date, granularity: str) -> str:
    """Return the value as people read it: a day, a month, a year or first..last."""
    if first == last:
        return first.isoformat()
    if granularity == "month":
        return f"{first:%Y-%m}"
    if granularity == "year":
        return str(first.year)
    return f"{first.isoformat()}..{last.isoformat()}"


def resolve(hit: Hit, text: str, reference: date | None, future: bool = False) -> DateValue | None:
    """Turn a found phrase into a DateValue; None when it names an impossible day."""
    try:
        resolved = RESOLVERS[hit.form](hit.match, reference or _PLACEHOLDER, future)
    except BeyondCalendar:  # "next month" on 9999-12-31, "yesterday" on 0001-01-01
        return _unresolved(hit, text, _granularity(hit, future), NO_REFERENCE if reference is None else BEYOND)
    if resolved is None:
        return None
    first, last, granularity, relative = resolved
    if relative and reference is None:
        return _unresolved(hit, text, granularity, NO_REFERENCE)
    return DateValue(first, last, granularity, relative, display(first, last, granularity))


def _unresolved(hit: Hit, text: str, granularity: str, reason: str) -> DateValue:
    """Return the value of a relative phrase that cannot be placed on the calendar, and why."""
    phrase = " ".join(text[hit.start:hit.end].split())
    return DateValue(None, None, granularity, True, f"unresolved: {phrase}", reason)


def _granularity(hit: Hit, future: bool) -> str:
    """Return a phrase's granularity as read from the placeholder; "vague" when that too leaves
    the calendar ("201 decades ago")."""
    try:
        resolved = RESOLVERS[hit.form](hit.match, _PLACEHOLDER, future)
    except BeyondCalendar:
        return "vague"
    return resolved[2] if resolved else "vague"


def parse_date_phrase(phrase: str, reference: date | None, future: bool = False) -> DateValue | None:
    """Return the value of the first date phrase in a phrase, or None when it holds no date."""
    for hit in scan(phrase):
        value = resolve(hit, phrase, reference, future)
        if value is not None:
            return value
    return None
