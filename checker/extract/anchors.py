"""The year a sentence is anchored to, which keeps background events apart."""

from __future__ import annotations

import re
from datetime import date

from checker.extract.clauses import clause
from checker.extract.recurring import kept_by_text

# "In 2004", "in September 2009", "the 2004 tsunami", "'s 2006 war": a year as a time anchor.
_YEAR = re.compile(r"(?<![\d,.$£€-])(1[89]\d\d|20\d\d)(?!\d|,\d|\s*(?:%|percent|people|[a-z]+s\b))")
# "last season" is the year before as a sports writer counts it: another time frame.
_RELATIVE_YEAR = re.compile(r"\b(last|this|next|previous)\s+(?:year|season)\b|\b(a|one|two|three|\d+)\s+years?\s+ago\b", re.I)
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ONLY = re.compile(rf"\b(?i:in|since|during|until|by|early|late|mid-?|last|this)\s+({_MONTH_NAMES})\b(?!\s*\d)")
_MONTH_DAY = re.compile(rf"\b({_MONTH_NAMES})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})")
STORY_DAYS = 30  # as stories.STORY_DAYS: further back, a day is another event's
_MONTHS = {name[:3].lower(): number for number, name in enumerate(_MONTH_NAMES.split("|"), 1)}
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3}


# Punctuation that ends a clause, but not the comma of "170,000" or the point of "8.6".
_CLAUSE_END = re.compile(r"[;:()\u2013\u2014]|,(?!\d{3})|\.(?!\d)")
# "the tsunami of 2004", "the 2004 tsunami", "Israel's 2006 war": a year naming an event.
_ANY_TIME = re.compile(rf"(?:1[89]|20)\d\d|\byears?\b|\bseason\b|{_MONTH_NAMES}", re.I)
# "one week after", "two days before": the clause that follows is dated from another event.
_OFFSET = re.compile(r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
                     r"(?:hours?|days?|weeks?|months?|years?)\s+(?:after|before)\s*$", re.I)
_OFFSET_WORDS = re.compile(r"(?:hours?|days?|weeks?|months?|years?)\s+(?:after|before)", re.I)  # what every offset holds
_NEAR_AFTER = 50  # characters after a number within which an event's year still dates it
_NOMINAL = re.compile(r"(?:\bof|\bthe|['’]s)\s+$", re.I)


@kept_by_text
def clause_anchor(sentence: str, start: int, published: date | None) -> str:
    """Return the time anchor of the number at `start`. A year or month said as a time ("in
    2004", "last year", "In February") anchors the whole sentence; a year that names an event
    ("devastated by the tsunami of 2004") anchors only its own clause; a clause said to be some
    time before or after the sentence's own ("came one week after he managed 10 yards on nine
    carries") tells of that other time."""
    if not _ANY_TIME.search(sentence) and not _OFFSET_WORDS.search(sentence):
        return ""  # most sentences name no year, month or time offset: spare them the clause work
    low = clause(sentence, start, start + 1)[0]
    offset = _OFFSET.search(sentence, 0, low)
    if offset:
        return " ".join(offset.group().lower().split())
    if not _ANY_TIME.search(sentence):
        return ""  # most sentences name no year or month: spare them the clause work
    cuts = [0, *(m.end() for m in _CLAUSE_END.finditer(sentence)), len(sentence) + 1]
    left = max(c for c in cuts if c <= start)
    right = min(c for c in cuts if c > start) - 1
    said_as_time = re.sub(r"\d+", lambda m: " " * len(m.group()) if _NOMINAL.search(sentence, 0, m.start())
                          else m.group(), sentence)
    sentence_wide = year_anchor(said_as_time[:left] + " " + said_as_time[right:], published)
    # Within its clause an event's year counts before the number ("The 2004 tsunami killed
    # 230,000") or close after it ("killed 230,000 in the tsunami of 2004"), not at the end
    # of a long modifier ("killing five ... in a region devastated by the tsunami of 2004").
    near = min(right, start + _NEAR_AFTER)
    own = year_anchor(sentence[left:near] + " " + said_as_time[near:right], published)
    return "+".join(sorted(set(filter(None, (sentence_wide + "+" + own).split("+")))))


@kept_by_text
def year_anchor(sentence: str, published: date | None) -> str:
    """Return the year(s) or month a sentence speaks of ("2004", "month 9"), or "" for the story's own time."""
    years = {m.group(1) for m in _YEAR.finditer(sentence)}
    for match in _RELATIVE_YEAR.finditer(sentence):
        years.add(_resolve(match, published))
    if years:
        return "+".join(sorted(years))
    # "In February, a gunman killed five": a month named without a day is another time.
    months = {_MONTHS[m.group(1)[:3].lower()] for m in _MONTH_ONLY.finditer(sentence)}
    # "On April 20, a quake jolted Maluku" in an article of 2 July: a day more than a story's
    # span before the article tells of another event.
    months |= {_MONTHS[m.group(1)[:3].lower()] for m in _MONTH_DAY.finditer(sentence) if _long_before(m, published)}
    return "+".join(f"month {m}" for m in sorted(months))


def _long_before(match: re.Match[str], published: date | None) -> bool:
    """Tell whether a month and day (of the publication year, or the year before when later
    than publication) lies more than STORY_DAYS before the article."""
    if published is None:
        return False
    month, day = _MONTHS[match.group(1)[:3].lower()], int(match.group(2))
    try:
        when = date(published.year, month, day)
        if when > published:
            when = date(published.year - 1, month, day)
    except ValueError:
        return False
    return (published - when).days > STORY_DAYS


def _resolve(match: re.Match[str], published: date | None) -> str:
    word = (match.group(1) or "").lower()
    if word == "this" or word == "":
        back = 0 if word == "this" else _COUNTS.get(match.group(2).lower()) or int(match.group(2))
    else:
        back = {"last": 1, "previous": 1, "next": -1}[word]
    if published is None:
        return match.group(0).lower()  # unresolved: only equal wording can match
    return str(published.year - back)


def background(sentences: list[str], published: date | None) -> dict[int, str]:
    """Return the anchor of each unanchored sentence that stands between two anchored ones:
    background paragraphs run on ("In April last year an 8.6 quake struck ... Five people died
    and seven were injured in the quake ... In September 2009 a quake killed ...")."""
    anchors = [year_anchor(text, published) for text in sentences]
    return {i: anchors[i - 1] for i in range(1, len(sentences) - 1)
            if not anchors[i] and anchors[i - 1] and anchors[i + 1]}

