"""Calendar arithmetic behind date phrases: months, ISO weeks, weekdays, parts, seasons.

Every function is pure and returns plain `date`s; spans are inclusive `(first, last)` pairs.
A span that would reach outside the years 1 to 9999 raises BeyondCalendar.
"""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date, timedelta

Span = tuple[date, date]


class BeyondCalendar(ValueError):
    """A date before 1 January of year 1 or after 31 December 9999, which `date` cannot hold."""


def calendar_day(year: int, month: int, day: int) -> date:
    """Return the date, raising BeyondCalendar for a year outside 1 to 9999."""
    if not MINYEAR <= year <= MAXYEAR:
        raise BeyondCalendar(f"year {year} is outside the calendar")
    return date(year, month, day)


def moved(day: date, days: int) -> date:
    """Return the date a number of days away, raising BeyondCalendar past either end."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise BeyondCalendar(f"{days:+} days from {day.isoformat()} is outside the calendar") from None

# Meteorological seasons of the northern hemisphere: the month each one starts in.
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# Parts of a period, in the period's own steps (days of a month, months of a year, years
# of a decade, days of an ISO week counted from Monday). They overlap on purpose: a wide
# reading avoids false conflicts ("late November" must agree with "November 24").
_PARTS = {
    "month": {"early": (1, 15), "mid": (8, 23), "late": (16, 31)},
    "year": {"early": (1, 4), "mid": (5, 8), "late": (9, 12)},
    "decade": {"early": (0, 3), "mid": (3, 6), "late": (6, 9)},
    "week": {"early": (0, 2), "mid": (1, 3), "late": (3, 6)},
}


def month_span(year: int, month: int) -> Span:
    """Return the first and last day of a calendar month."""
    return calendar_day(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_span(year: int) -> Span:
    """Return the first and last day of a calendar year."""
    return calendar_day(year, 1, 1), date(year, 12, 31)


def add_months(day: date, months: int) -> date:
    """Shift a date by whole months, clamping the day to the target month's length."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return calendar_day(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def shift(day: date, unit: str, count: int) -> date:
    """Shift a date by a count of hours, days, weeks, months, years or decades."""
    if unit == "hour":
        return moved(day, int(count / 24))
    if unit in ("day", "week"):
        return moved(day, count * (7 if unit == "week" else 1))
    return add_months(day, count * {"month": 1, "year": 12, "decade": 120}[unit])


def nearest_day(ref: date, month: int, day: int) -> date | None:
    """Return month/day in the year that puts it nearest the reference; ties go to the past."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # February 29 outside a leap year, or a year outside the calendar
            continue
    return min(candidates, key=lambda d: (abs((d - ref).days), d), default=None)


def nearest_month_year(ref: date, month: int) -> int:
    """Return the year that puts a month nearest the reference's month; ties go to the past.
    Like nearest_day, it picks among the years the calendar holds ("November" on 0001-01-01)."""
    years = [year for year in (ref.year - 1, ref.year, ref.year + 1) if MINYEAR <= year <= MAXYEAR]
    offsets = [(year - ref.year) * 12 + month - ref.month for year in years]
    best = min(offsets, key=lambda gap: (abs(gap), gap))
    return ref.year + (ref.month - 1 + best) // 12


def named_month_year(ref: date, month: int, rel: str) -> int:
    """Return the year of "last March" (strictly before), "next March" (after), "this March"."""
    if rel == "last":
        return ref.year if month < ref.month else ref.year - 1
    if rel == "next":
        return ref.year if month > ref.month else ref.year + 1
    return ref.year


def weekday_date(ref: date, weekday: int, mode: str) -> date:
    """Resolve a weekday: mode past/future (on or before/after), last/next (strictly), this (ISO week)."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if mode == "past":
        return moved(ref, -back)
    if mode == "future":
        return moved(ref, ahead)
    if mode == "last":
        return moved(ref, -(back or 7))
    if mode == "next":
        return moved(ref, ahead or 7)
    return moved(ref, weekday - ref.weekday())


def period_span(ref: date, unit: str, offset: int) -> Span:
    """Return the ISO week, calendar month or calendar year `offset` periods from the reference's."""
    if unit == "week":
        monday = moved(ref, 7 * offset - ref.weekday())
        return monday, moved(monday, 6)
    if unit == "month":
        first = add_months(ref.replace(day=1), offset)
        return month_span(first.year, first.month)
    return year_span(ref.year + offset)


def part_span(span: Span, granularity: str, part: str) -> Span:
    """Return the early/mid/late part of a month, year, decade or ISO week."""
    lo, hi = _PARTS[granularity][part]
    first, last = span
    if granularity == "month":
        return first.replace(day=lo), first.replace(day=min(hi, last.day))
    if granularity == "year":
        return month_span(first.year, lo)[0], month_span(first.year, hi)[1]
    if granularity == "decade":
        return date(first.year + lo, 1, 1), date(first.year + hi, 12, 31)
    return moved(first, lo), moved(first, hi)


def season_span(season: str, year: int) -> Span:
    """Return the three months of a season; winter 2024 runs from Dec 2024 to Feb 2025."""
    start = calendar_day(year, SEASONS[season], 1)
    end = add_months(start, 2)
    return start, month_span(end.year, end.month)[1]


def season_year(ref: date, season: str, rel: str) -> int:
    """Return the year of "last summer" (ended before), "next summer" (starts after), "this summer"."""
    if rel == "last":
        year = ref.year
        while season_span(season, year)[1] >= ref:
            year -= 1
        return year
    if rel == "next":
        year = ref.year - 1
        while season_span(season, year)[0] <= ref:
            year += 1
        return year
    return ref.year - 1 if season == "winter" and ref.month <= 2 else ref.year


def weekend_span(ref: date, rel: str, future: bool) -> Span:
    """Return the Saturday and Sunday of "last/this/next weekend" or "(over) the weekend"."""
    if rel in ("last", "this", "next"):
        saturday = moved(period_span(ref, "week", {"last": -1, "this": 0, "next": 1}[rel])[0], 5)
    elif future and rel != "this past":
        saturday = moved(weekday_date(ref, 6, "future"), -1)
    else:
        saturday = weekday_date(ref, 5, "past" if rel == "the" else "last")
    return saturday, moved(saturday, 1)
