"""Clock times of events ("struck at 0737 GMT", "at about 3pm on Tuesday") as minute intervals.

A time's value is its minute of the day with a spread: a reading to the minute is exact, one
to the hour ("3pm") is rounded and stands for the quarter hour either side, and
"about"/"around" widens a reading by ten minutes. Times
given in UTC/GMT and local times cannot be compared without the place's offset, so UTC
readings live in a separate range of numbers (offset by UTC_BASE): such a pair reaches the
comparison only to be checked for one mislabelled zone (the same digits given as UTC in one
article and as local time in the other).

A time whose clause says only that the story's main incident happened ("It took place at
7:37 AM", "Three shells hit the school at about 3pm") gets one shared topic, so articles
that word the incident differently are still compared (checker/extract/events.py). A time
in brackets right after another ("07:37 UTC (3:37 a.m. EDT)") is the same moment and no
claim of its own; a time with no day in its sentence belongs to the publication day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from checker.extract.date_mentions import DateMention
from checker.extract.dates import INCIDENT_PREDICATE, INCIDENT_THING, event_of
from checker.extract.events import IncidentLexicon, load_incident, main_incident
from checker.extract.game_clock import clock_spans
from checker.extract.recurring import by_text
from checker.lexicon import EventLexicon, PredicateLexicon, QuantityLexicon, load_quantities
from checker.records import Claim, Interval, Quantity, Sentence, claim_in

UTC_BASE = 10_000  # minutes; far beyond a day, so UTC and local readings never overlap
ABOUT_MINUTES = 10
# A time given to the hour ("at 3 p.m.") is a rounded reading: news copy says "3 p.m." for
# 2:53, but a quarter past is said as such.
ROUND_HOUR_MINUTES = 15
_AMPM = r"(?P<ampm>[ap])\.?\s?m\.?(?![a-z])"
_TIME = re.compile(
    rf"(?<![\d.:])(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\s*(?:{_AMPM})?"
    rf"|(?<![\d.:])(?P<h2>1[0-2]|0?[1-9])\s*(?P<ampm2>[ap])\.?\s?m\.?(?![a-z])"
    rf"|(?<![\d.:])(?P<mil>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s*(?:GMT|UTC|hours|hrs)\b)",
    re.I,
)
_DIGIT = re.compile(r"\d")
_ZONE = re.compile(r"\s*(?:hours\s+|hrs\s+)?(?P<zone>GMT|UTC|Z\b|local(?:\s+time)?)", re.I)
# "at 07:37 a.m. UTC (3:37 a.m. EDT)", "at about 3pm on Tuesday (12am yesterday)": the
# bracketed time is the same moment in another zone, never a second claim.
_CONVERSION = re.compile(r"[^()]{0,20}\(\s*(?:or\s+)?")


@lru_cache(maxsize=8)
def _about(lex: QuantityLexicon) -> re.Pattern[str]:
    """The "about" qualifiers of rules/quantities.toml, which widen a time as they widen a number."""
    words = sorted((q for q, kind in lex.qualifiers.items() if kind == "about"), key=len, reverse=True)
    spaced = "|".join(w.replace(" ", r"\s+") for w in words)  # the phrases are patterns already
    return re.compile(rf"\b(?:{spaced})\s+$", re.I)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A clock time in a sentence with its minute interval and zone."""

    start: int
    end: int
    text: str
    minutes: int
    zone: str  # utc | local
    about: bool
    to_the_hour: bool


@by_text
def find_times(sentence: str) -> list[TimeMention]:
    """Return the clock times of a sentence."""
    found: list[TimeMention] = []
    if not _DIGIT.search(sentence):
        return found  # every clock time holds a digit; most sentences hold none
    clocks = clock_spans(sentence)  # "with 10:03 to play" is a game clock, no time of day
    for m in _TIME.finditer(sentence):
        if any(start <= m.start() < end for start, end in clocks):
            continue
        hour, minute, ampm = _parts(m)
        if ampm == "p" and hour < 12:
            hour += 12
        if ampm == "a" and hour == 12:
            hour = 0
        zone_match = _ZONE.match(sentence, m.end())
        zone = "utc" if zone_match and zone_match["zone"].lower() in ("gmt", "utc", "z") else "local"
        end = zone_match.end() if zone_match else m.end()
        about = bool(_about(load_quantities()).search(sentence, 0, m.start()))
        found.append(TimeMention(m.start(), end, sentence[m.start():end], hour * 60 + minute, zone, about,
                                 m["m"] is None and m["mm"] is None))
    return found


def _parts(m: re.Match[str]) -> tuple[int, int, str]:
    if m["mil"]:
        return int(m["mil"]), int(m["mm"]), ""
    if m["h2"]:
        return int(m["h2"]), 0, m["ampm2"].lower()
    return int(m["h"]), int(m["m"]), (m["ampm"] or "").lower()


def time_claims(sentence: Sentence, dates: list[DateMention], events: EventLexicon,
                plex: PredicateLexicon, *, published: date | None = None, previous: str = "",
                incident: IncidentLexicon | None = None) -> Iterator[Claim]:
    """Yield one claim per clock time that dates an event (not a statement); `previous` is the
    sentence before, which stands in for a pronoun subject ("It took place at 7:37 AM")."""
    day = _day_of(dates, published)
    incident = incident or load_incident()
    found = find_times(sentence.text)
    for index, mention in enumerate(found):
        if index and _CONVERSION.fullmatch(sentence.text, found[index - 1].end, mention.start):
            continue
        start, end = sentence.start + mention.start, sentence.start + mention.end
        words = main_incident(sentence.text, mention.start, mention.end, events, incident, previous)
        if words:
            yield claim_in(sentence, start, end, "date", text=mention.text, predicate=INCIDENT_PREDICATE,
                           thing=INCIDENT_THING, topic=f"main incident ({words})", value=_quantity(mention),
                           anchor=day)
            continue
        event = event_of(sentence.text, mention, events, plex)
        if event is None:
            continue
        yield claim_in(sentence, start, end, "date", text=mention.text, predicate=event.predicate,
                       thing=event.thing, topic=event.words, value=_quantity(mention), scope=event.where,
                       anchor=day)


def _day_of(dates: list[DateMention], published: date | None = None) -> str:
    """Return the day a sentence's times belong to ("on Sunday" and "on Monday" are two events);
    a time with no day in its sentence belongs to the day the article was published."""
    for mention in dates:
        if mention.value.first:
            return mention.value.first.isoformat()
        return " ".join(mention.text.lower().split()[-1:])
    return published.isoformat() if published else ""


def _quantity(mention: TimeMention) -> Quantity:
    spread = max(ABOUT_MINUTES if mention.about else 0, ROUND_HOUR_MINUTES if mention.to_the_hour else 0)
    base = UTC_BASE if mention.zone == "utc" else 0
    interval = Interval(base + mention.minutes - spread, base + mention.minutes + spread)
    label = f"{'≈ ' if mention.about else ''}{mention.minutes // 60:02d}:{mention.minutes % 60:02d} "
    return Quantity(interval, "time", mention.zone, mention.text, label + ("UTC" if mention.zone == "utc" else "local"),
                    "about" if mention.about else "")
