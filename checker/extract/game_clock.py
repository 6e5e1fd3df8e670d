"""Game clocks: the time left in a period when a play happened ("with 10:03 to play in the third quarter").

Sports copy times a play by what the clock showed, counting down: "with 4:08 to go", "tied the
game with 6:00 minutes remaining in the third quarter", "with 10 minutes left in the fourth
quarter". That is neither a clock time of day nor a length of time the story measures: it is
the moment of one play, so it is read as its own claim, the time left in the period it names
("time left in the third quarter"; "time left" when no period is named), in seconds. A period
holds many plays, each with its own clock, so the claim is of the play its clause tells: the
verb the clock phrase hangs on ("tied the game with 6:00 minutes remaining", "With 4:08 to
play, Luck found Wayne"); two clocks of plays told by other verbs are never compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from checker.extract.anchors import clause_anchor
from checker.extract.clauses import clause
from checker.extract.lemmas import noun_like, verb_lemma
from checker.lexicon import load_quantities
from checker.normalize.quantities import number_value
from checker.records import Claim, Interval, Quantity, Sentence, claim_in

# A count of minutes or seconds in digits or in words ("four", "twenty-two"), read by number_value.
_COUNT = r"\d{1,2}|[a-z]+(?:-[a-z]+)?"
# "10:03", "6:00 minutes", "10 minutes", "two minutes and 12 seconds", "45 seconds", "1:30 left".
_READING = (rf"(?P<reading>(?P<clock>(?P<m>\d{{1,2}}):(?P<s>[0-5]\d))(?:\s+(?:minutes?|mins?))?"
            rf"|(?P<mins>{_COUNT})\s+minutes?(?:\s+and\s+(?P<secs>{_COUNT})\s+seconds?)?"
            rf"|(?P<only>{_COUNT})\s+seconds?)")
_LEFT = r"(?:left|remaining|to\s+play|to\s+go|on\s+the\s+clock)"
_PERIOD = (r"(?:\s+(?:in|of)\s+(?:the\s+)?(?P<ordinal>first|second|third|fourth|final|1st|2nd|3rd|4th)"
           r"\s+(?P<period>quarter|period|half))?")
# "with" before the reading, or "left"/"remaining" after it, makes it the clock, never a span.
_QUALIFIER = (r"(?:(?P<qualifier>(?:just\s+)?(?:over|under)|(?:more|less)\s+than|about|around|nearly|almost)\s+"
              r"|(?:just|only)\s+)?")
_CLOCK = re.compile(rf"\b(?:with|at)\s+{_QUALIFIER}{_READING}\s+{_LEFT}{_PERIOD}", re.I)
_TOLD = re.compile(rf"\b{_LEFT}", re.I)  # a cheap first look: no clock without these words
_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}


def clock_spans(text: str) -> list[tuple[int, int]]:
    """Return where a sentence writes a game clock, so that no count, span or time of day is read there."""
    return [(found.start("reading"), found.end()) for found, _ in _clocks(text)]


def clock_claims(sentence: Sentence, published: date | None = None) -> Iterator[Claim]:
    """Yield one claim per game clock a sentence gives."""
    text = sentence.text
    for found, seconds in _clocks(text):
        low, high, said = _spread(seconds, found)
        period = ""
        if found["period"]:
            ordinal = found["ordinal"].lower()
            period = f" in the {_ORDINALS.get(ordinal, ordinal)} {found['period'].lower()}"
        start = found.start("reading")
        play = _play(text, found.start(), found.end())
        thing = "time left" + period + (f" ({play})" if play else "")
        shown = f"{said} left{period}"
        yield claim_in(sentence, sentence.start + start, sentence.start + found.end(), "number", "clock",
                       text=text[start:found.end()], predicate="", thing=thing, topic=thing,
                       value=Quantity(Interval(low, high), "duration", "s", text[start:found.end()], shown),
                       anchor=clause_anchor(text, start, published))


def _clocks(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Yield each game clock of a sentence with the seconds left it reads (a count no number is, none)."""
    if not _TOLD.search(text):
        return  # most sentences tell no time left
    for found in _CLOCK.finditer(text):
        seconds = _seconds(found)
        if seconds is not None:
            yield found, seconds


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# A verb of being or having tells no play ("the score was 13-13 with 4:08 left").
_LIGHT = frozenset("be have do get make take come go".split())


def _play(text: str, start: int, end: int) -> str:
    """Return the lemma of the verb that tells the play a clock phrase times: the nearest
    inflected verb before it in its clause, else (a phrase opening the sentence) the first after."""
    low, _ = clause(text, start, end)
    words = _WORD.findall(text, low, start)
    # "threw the winning touchdown": a participle before a noun describes it, it tells no play.
    before = [word for index, word in enumerate(words)
              if not (word.lower().endswith("ing") and index + 1 < len(words) and noun_like(words[index + 1]))]
    after = _WORD.findall(text, end, len(text))[:8] if low == 0 and len(words) <= 1 else []  # "With 4:08 to play, Luck found Wayne"
    lemma = next((lemma for word in [*reversed(before), *after] if (lemma := verb_lemma(word))), "")
    return "" if lemma in _LIGHT else lemma


def _seconds(found: re.Match[str]) -> int | None:
    """Return the seconds left a clock reading gives, or None when its count is no number."""
    if found["clock"]:
        return int(found["m"]) * 60 + int(found["s"])
    if found["mins"]:
        minutes, seconds = _count(found["mins"]), _count(found["secs"]) if found["secs"] else 0
        return None if minutes is None or seconds is None else minutes * 60 + seconds
    return _count(found["only"])


def _spread(seconds: int, found: re.Match[str]) -> tuple[int, int, str]:
    """Return the seconds a clock reading stands for and how to show it: to the second it is exact;
    in whole minutes it is rounded ("four minutes left" at 4:08, or at 3:50), and "just over",
    "under" or "about" say which way."""
    if found["clock"] or found["only"]:
        return seconds, seconds, f"{seconds // 60}:{seconds % 60:02d}"
    said = f"{seconds // 60} minutes" if not found["secs"] else f"{seconds // 60}:{seconds % 60:02d}"
    qualifier = " ".join((found["qualifier"] or "").lower().split())
    if qualifier.endswith("over") or qualifier == "more than":
        return seconds, seconds + 59, f"over {said}"
    if qualifier.endswith("under") or qualifier == "less than":
        return max(0, seconds - 59), seconds, f"under {said}"
    if qualifier:
        return max(0, seconds - 60), seconds + 60, f"about {said}"
    return max(0, seconds - 30), seconds + 59, said


def _count(word: str) -> int | None:
    """Read a count of minutes or seconds ("10", "four"), or None when it is no whole number."""
    value = number_value(word, load_quantities())
    return int(value) if value is not None and value == int(value) and 0 <= value < 100 else None
