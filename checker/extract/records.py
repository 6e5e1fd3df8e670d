"""Win-loss records written as a hyphenated pair: "Indianapolis (10-5)", "the Colts' record rose to 9-5", "the Colts are 8-1".

Sports copy gives a team's record in brackets after its name and tells how it moved ("improved
to", "stand at", "a 9-5 season"). A record is one value, wins before losses (and ties), so it
is compared whole: 10-5 and 9-5 disagree. A record followed by what it is limited to ("4-4
away", "9-1 in one-possession games") is a record of its own kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from checker.extract.anchors import clause_anchor
from checker.records import Claim, Interval, Quantity, Sentence, claim_in

_PAIR = r"(?P<w>\d{1,3})[-–](?P<l>\d{1,3})(?:[-–](?P<t>\d{1,2}))?(?![\d–-])"
# "Indianapolis (10-5)", "The Colts (10-5, 4-4 away)": the record of the name before the bracket.
_AFTER_NAME = re.compile(rf"(?<=[A-Za-z’'])\s+\(\s*{_PAIR}(?=\s*[,;)])")
# "record rose to 9-5", "stand at 10-5", "improved to 11-4", "a 9-5 season", "a record of 8-7".
_MOVED = re.compile(
    rf"\b(?:(?:record|mark)\s+(?:(?:rose|improved|fell|dropped|moved|went|climbed|slipped|slid|now\s+stands|"
    rf"stands|stood)\s+)?(?:to|at|of)|(?:stand|stands|stood|improved|improve|improves|fell|falls|dropped|"
    rf"drops|moved|moves|climbed|slipped|slid)\s+(?:to|at))\s+{_PAIR}",
    re.I)
# "the Colts are 8-1", "Indianapolis was 9-5 after the loss": a team's record said of it with a
# copula, where the clause ends or says what it is limited to ("20-13 winners" is a score).
_STATED = re.compile(rf"(?<=[A-Za-z’'])\s+(?:is|are|was|were)\s+(?:now\s+)?{_PAIR}(?=\s*(?:[,.;:)]|$)|\s+(?:in|at|on|away|home|against|since|when|after|this|overall|and|but|with)\b)")
_SEASON = re.compile(rf"\ba\s+{_PAIR}\s+(?=(?:season|record|mark|start)\b)", re.I)
# What a record is limited to: "4-4 away", "9-1 in one-possession games", "3-0 at home".
_LIMITED = re.compile(r"\s+(?P<kind>away|home|road|at\s+home|on\s+the\s+road|(?:in|against|since|when)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)",
                      re.I)
_DASHED = re.compile(r"\d[-–]\d")
_ANY = (_AFTER_NAME, _STATED, _MOVED, _SEASON)
_WORD = re.compile(r"[A-Za-z][\w’'.-]*")
# A second pair in the bracket after a name: "(10-5, 4-4 away)".
_MORE = re.compile(rf"\s*,\s*{_PAIR}")


def record_spans(text: str) -> list[tuple[int, int]]:
    """Return where a sentence writes a record, so that no count is read there."""
    return sorted(span for _, span, _ in _records(text))


def record_claims(sentence: Sentence, published: date | None = None) -> Iterator[Claim]:
    """Yield one claim per record a sentence gives."""
    text = sentence.text
    for match, (start, end), kind in _records(text):
        owner = _owner(text, match.start("w"))
        wins, losses, ties = int(match["w"]), int(match["l"]), int(match["t"] or 0)
        shown = f"{wins}–{losses}" + (f"–{ties}" if match["t"] else "")
        thing = f"record {kind}" if kind else "record"
        yield claim_in(sentence, sentence.start + start, sentence.start + end, "number", "record",
                       text=text[start:end], predicate="", thing=thing, topic=thing, scope=owner,
                       value=Quantity(Interval.point(wins * 1_000_000 + losses * 1_000 + ties), "record", "",
                                      text[start:end], shown),
                       anchor=clause_anchor(text, start, published))


def _records(text: str) -> Iterator[tuple[re.Match[str], tuple[int, int], str]]:
    """Yield each record's match, the span of its pair and what it is limited to."""
    if not _DASHED.search(text):
        return  # every record is a dashed pair of figures; most sentences hold none
    seen: set[int] = set()
    for pattern in _ANY:
        for found in pattern.finditer(text):
            if found.start("w") in seen or pattern in (_AFTER_NAME, _STATED) and not _named_before(text, found.start()):
                continue
            seen.add(found.start("w"))
            yield found, (found.start("w"), found.end("t") if found["t"] else found.end("l")), _kind(text, found.end())
            if pattern is _AFTER_NAME:
                more = _MORE.match(text, found.end())
                if more and more.start("w") not in seen:
                    seen.add(more.start("w"))
                    yield more, (more.start("w"), more.end("t") if more["t"] else more.end("l")), _kind(text, more.end())


def _owner(text: str, position: int) -> str:
    """Return the team a record is of: the name just before it ("Indianapolis (10-5)", "Indianapolis’
    record rose to 9-5", "gave the Colts a 9-5 season"), lower-case, or "" when none is near."""
    words = _WORD.findall(text, max(0, position - 45), position)
    for word in reversed(words[-5:]):
        if word[0].isupper():
            return word.rstrip("’'.").removesuffix("’s").removesuffix("'s").lower()
    return ""


def _named_before(text: str, position: int) -> bool:
    """Tell whether a capitalized name ends right before a position ("Indianapolis (10-5)", not "the vote (12-3)")."""
    words = _WORD.findall(text, 0, position)
    return bool(words) and words[-1][0].isupper()


def _kind(text: str, end: int) -> str:
    """Return what a record is limited to, written right after it, lower-case ("" for none)."""
    limited = _LIMITED.match(text, end)
    return " ".join(limited["kind"].lower().split()) if limited else ""
