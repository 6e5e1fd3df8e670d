"""Typed records that flow through the pipeline; no I/O here."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date


def stable_id(*parts: object, length: int = 12) -> str:
    """Return a short hex digest of the parts, stable across runs and machines."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its body text and whatever metadata came with it."""

    id: str
    path: str
    text: str
    source: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None
    # Lines of the file that precede `text` (front matter), so claim lines match the file.
    line_offset: int = 0


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, with its character span in `Article.text`."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Interval:
    """A numeric interval; infinite bounds use math.inf."""

    lo: float
    hi: float
    lo_closed: bool = True
    hi_closed: bool = True

    @classmethod
    def point(cls, value: float) -> Interval:
        """Return the degenerate interval holding only `value`."""
        return cls(value, value)

    def disjoint(self, other: Interval) -> bool:
        """Tell whether no value lies in both intervals."""
        return _before(self, other) or _before(other, self)

    def scaled(self, factor: float) -> Interval:
        """Return the interval with both bounds multiplied by a positive factor."""
        return Interval(self.lo * factor, self.hi * factor, self.lo_closed, self.hi_closed)

    def gap(self, other: Interval) -> float:
        """Return the relative gap between two disjoint intervals (0 when they overlap)."""
        if not self.disjoint(other):
            return 0.0
        low, high = (self, other) if self.hi <= other.lo else (other, self)
        top = max(abs(high.lo), abs(low.hi))
        return (high.lo - low.hi) / top if top else math.inf


def _before(a: Interval, b: Interval) -> bool:
    if a.hi < b.lo:
        return True
    return a.hi == b.lo and not (a.hi_closed and b.lo_closed)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A normalized number: an interval in the base unit of its dimension."""

    interval: Interval
    dimension: str  # count, percent, duration, length, speed, area, mass, magnitude, money:USD ...
    unit: str  # base unit of the dimension (s, m, m/s, m2, kg, %, USD) or "" for counts
    text: str  # the words the value was read from, e.g. "over 20,000"
    display: str  # the value for people, e.g. "> 20,000", "60 days"
    qualifier: str = ""  # how the figure was written: about, above, atleast, vague, range, ... ("" exact)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: the value of an attribution claim."""

    name: str  # resolved at its fullest: "Gideon Saar", "a senior U.S. official"
    kind: str  # person | anonymous | organization | unknown
    display: str
    # False when the quote's own sentence does not name the speaker: a pronoun ("he said") or a
    # quote carried over from an earlier one, resolved by the checker, not stated by the article.
    named: bool = True


@dataclass(frozen=True, slots=True)
class Role:
    """A person and a title given to them: the value of a role claim."""

    person: str  # the person's name, resolved within the article ("Biden" -> "Joe Biden")
    title: str  # as written: "Israeli Foreign Minister"
    display: str


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement found in an article."""

    id: str
    article_id: str
    sentence: Sentence
    start: int
    end: int
    kind: str  # number | date | attribution | role
    text: str
    predicate: str  # canonical predicate such as killed, released; "" when none is known
    thing: str  # normalized counted thing or subject, e.g. "hostage"
    topic: str  # words saying what the claim is about, e.g. "killed hostage"
    value: Quantity | Speaker | Role
    actors: tuple[str, ...] = field(default_factory=tuple)
    cumulative: bool = False
    anchor: str = ""  # year(s) the sentence speaks of; "" for the story's own time
    aside: bool = False  # an addition ("another four people") or a side incident ("in a separate attack")
    as_of: date | None = None  # the day the figure speaks for ("by Thursday the toll stood at 35")
    scope: str = ""  # where the count holds, as written after it ("in the province", "across Asia")

    @property
    def line(self) -> int:
        """Return the 1-based line of the claim in its article file."""
        return self.sentence.line

    @property
    def place(self) -> tuple[str, int]:
        """Return where the claim stands: its article and offset (claims sort by it)."""
        return self.article_id, self.start


def claim_in(sentence: Sentence, start: int, end: int, kind: str, *salt: str, **fields) -> Claim:
    """Build a claim at an article span inside a sentence, with its stable id."""
    return Claim(id=stable_id(sentence.article_id, start, end, *salt), article_id=sentence.article_id,
                 sentence=sentence, start=start, end=end, kind=kind, **fields)


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Two claims about the same fact that disagree."""

    id: str
    rule: str
    name: str
    kind: str
    verdict: str  # conflict | update
    severity: str  # high | medium | low
    topic: str
    a: Claim
    b: Claim
    explanation: str


@dataclass(frozen=True, slots=True)
class Variant:
    """One side of a fact: mutually compatible statements of it, with their claims."""

    value: str  # the normalized value people read, e.g. "> 50", "12 Mar 2025", "Gideon Saar"
    claims: tuple[Claim, ...]  # every claim of this side, repeats in one article included

    @property
    def articles(self) -> tuple[str, ...]:
        """Return the ids of the articles that state this side, in claim order, once each."""
        return tuple(dict.fromkeys(c.article_id for c in self.claims))


@dataclass(frozen=True, slots=True)
class Finding:
    """One fact of a story as the articles state it: disputed (two or more variants) or agreed."""

    id: str
    rule: str
    name: str
    kind: str
    verdict: str  # conflict | update | agreed
    severity: str  # high | medium | low ("" when agreed)
    topic: str
    variants: tuple[Variant, ...]  # the most widely stated first
    explanation: str
    story: str = ""  # the id of the story the fact belongs to

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Return every claim of the fact, variant by variant."""
        return tuple(c for v in self.variants for c in v.claims)

    @property
    def values(self) -> tuple[str, ...]:
        """Return the variants' values, in variant order."""
        return tuple(v.value for v in self.variants)


@dataclass(frozen=True, slots=True)
class Review:
    """An editor's status and note on a finding, carried from a reviewed CSV into the next."""

    status: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a reporter needs: the batch, its claims, its disputed and agreed facts."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]  # disputed facts, most severe first
    agreed: tuple[Finding, ...] = ()  # facts stated by two or more articles that all agree
    warnings: tuple[str, ...] = ()
    suppressed: frozenset[str] = frozenset()  # ids of findings the baseline accepts with these values
    stale: tuple[str, ...] = ()  # baseline ids that no longer match any finding
    reopened: frozenset[str] = frozenset()  # accepted findings that gained a value since: open again
    reviews: tuple[tuple[str, Review], ...] = ()  # (finding id, its review from the baseline), by id

    @property
    def facts(self) -> int:
        """Return how many facts two or more articles state (disputed and agreed)."""
        return len(self.findings) + len(self.agreed)
