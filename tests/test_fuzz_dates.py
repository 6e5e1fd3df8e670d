"""Relative dates against publication dates near the calendar's edges (a crash family the fuzzing found)."""

from __future__ import annotations

from datetime import date

import pytest

from checker.normalize.dates import BEYOND, NO_REFERENCE, parse_date_phrase

FIRST, LAST = date(1, 1, 1), date(9999, 12, 31)  # 0001-01-01 is a Monday, 9999-12-31 a Friday

# Relative dates read against a publication date near the calendar's edges raised `ValueError:
# year 0 is out of range` or `OverflowError: date value out of range` (normalize/date_calendar.py,
# date_forms.py). Each resolves, or is left unresolved with the reason; none raises.
# (phrase, published, future, display, reason)
EDGE_DATES = [
    ("late November", FIRST, False, "0001-11-16..0001-11-30", ""),  # the nearest November the calendar holds
    ("December 31", FIRST, False, "0001-12-31", ""),
    ("January 1", LAST, False, "9999-01-01", ""),
    ("in November", LAST, False, "9999-11", ""),
    ("Friday", FIRST, False, "unresolved: Friday", BEYOND),
    ("Friday", FIRST, True, "0001-01-05", ""),
    ("yesterday", FIRST, False, "unresolved: yesterday", BEYOND),
    ("last night", FIRST, False, "unresolved: last night", BEYOND),
    ("today", FIRST, False, "0001-01-01", ""),
    ("tomorrow", LAST, False, "unresolved: tomorrow", BEYOND),
    ("last year", date(1, 6, 1), False, "unresolved: last year", BEYOND),
    ("next year", date(9999, 1, 1), False, "unresolved: next year", BEYOND),
    ("next month", LAST, False, "unresolved: next month", BEYOND),
    ("next month", date(9999, 11, 30), False, "9999-12", ""),
    ("next week", LAST, False, "unresolved: next week", BEYOND),
    ("next week", date(9999, 12, 19), False, "9999-12-20..9999-12-26", ""),
    ("next Monday", LAST, False, "unresolved: next Monday", BEYOND),
    ("6 months ago", date(1, 3, 1), False, "unresolved: 6 months ago", BEYOND),
    ("6 months ago", date(1, 7, 31), False, "0001-01-31", ""),
    ("999 decades ago", LAST, False, "0009-12-31", ""),
    ("the past 24 hours", FIRST, False, "unresolved: the past 24 hours", BEYOND),
    ("the next few days", date(9999, 12, 30), False, "unresolved: the next few days", BEYOND),
    ("within the week", LAST, True, "unresolved: within the week", BEYOND),
    ("in recent years", date(5, 1, 1), False, "unresolved: in recent years", BEYOND),
    ("last summer", date(1, 3, 1), False, "unresolved: last summer", BEYOND),
    ("next winter", date(9999, 6, 1), False, "unresolved: next winter", BEYOND),
    ("over the weekend", FIRST, False, "unresolved: over the weekend", BEYOND),
    ("April 19 last year", date(1, 5, 1), False, "unresolved: April 19 last year", BEYOND),
    ("the end of the year", LAST, False, "9999-09-01..9999-12-31", ""),
    # Without a publication date a phrase stays unresolved even where the placeholder year
    # used to learn its granularity would leave the calendar.
    ("201 decades ago", None, False, "unresolved: 201 decades ago", NO_REFERENCE),
    ("201 decades ago", date(2025, 3, 10), False, "0015-03-10", ""),
]


@pytest.mark.parametrize("phrase, published, future, display, reason", EDGE_DATES)
def test_a_relative_date_near_the_calendars_edges(phrase, published, future, display, reason):
    value = parse_date_phrase(f"It happened {phrase}.", published, future)
    assert (value.display, value.reason) == (display, reason)
    assert (value.first is None) == bool(reason)


# "the next 0 days" read as the day after the reference up to the reference itself: a span that
# ends before it starts. It spans no day, so it is no date. (phrase, display or None)
EMPTY_SPANS = [
    ("the next 0 days", None),
    ("the next 0 weeks", None),
    ("the next 0 months", None),
    ("the next 0 hours", "2025-03-10"),
    ("the next 1 days", "2025-03-11"),
    ("in the past 0 days", "2025-03-10"),
]


@pytest.mark.parametrize("phrase, display", EMPTY_SPANS)
def test_a_span_that_ends_before_it_starts_is_no_date(phrase, display):
    value = parse_date_phrase(f"It happens {phrase}.", date(2025, 3, 10))
    assert (value and value.display) == display
