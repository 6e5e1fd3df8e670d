"""A publication date read off the article itself: a dateline or a "Published ..." stamp."""

from __future__ import annotations

import re
from datetime import date

from checker.extract.date_mentions import find_date_mentions

HEAD_LINES = 8  # a stamp stands near the top of a page
_STAMP_WORDS = re.compile(r"\b(?:published|updated|last updated|posted|first published)\b:?", re.I)
_US_SLASH = re.compile(r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)\d\d)(?![\d/])")
_WORD = re.compile(r"[A-Za-z]+")
_MAX_OTHER_WORDS = 6  # "POSTED: 1052 GMT (1852 HKT), April 10, 2007" is a stamp; a sentence is not


def dateline_date(text: str) -> date | None:
    """Return the day of the first stamp-like line near the top ("Published April 11, 2007",
    "Updated 4/9/2007 6:04 PM", "INDONESIA, July 2, 2013"), or None."""
    for line in text.splitlines()[:HEAD_LINES]:
        day = _stamp_day(line.strip())
        if day:
            return day
    return None


def _stamp_day(line: str) -> date | None:
    if not line or len(line) > 90:
        return None
    slash = _US_SLASH.search(line)
    if slash and _few_other_words(line, slash.span()):
        return _safe_date(int(slash["y"]), int(slash["m"]), int(slash["d"]))
    for mention in find_date_mentions(line, None):
        value = mention.value
        if value.granularity == "day" and value.first and not value.relative:
            if _few_other_words(line, (mention.start, mention.end)):
                return value.first
    return None


def _few_other_words(line: str, span: tuple[int, int]) -> bool:
    rest = _STAMP_WORDS.sub(" ", line[:span[0]] + " " + line[span[1]:])
    return len(_WORD.findall(rest)) <= _MAX_OTHER_WORDS


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
