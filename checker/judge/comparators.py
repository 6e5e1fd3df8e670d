"""The comparison kinds by name: a check's `kind` picks one."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from checker.judge.numbers import compare_clock, compare_date, compare_interval
from checker.judge.people import compare_ages, compare_holders, compare_speakers, compare_titles
from checker.records import Article, Claim, Discrepancy
from checker.rules import Check

Comparator = Callable[[Check, Claim, Claim, Mapping[str, Article]], Discrepancy | None]

COMPARATORS: dict[str, Comparator] = {
    "interval": compare_interval,
    "date": compare_date,
    "clock": compare_clock,
    "speaker": compare_speakers,
    "title": compare_titles,
    "office": compare_holders,
    "age": compare_ages,
}
