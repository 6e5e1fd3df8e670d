"""Number and date claims of a story into facts: each claim joins the fact it matches best."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from checker.gather.frames import SLOTS, Frame, event_days, frame_fits, frame_of, told_apart
from checker.gather.keys import actors_agree, block_key, topic_key
from checker.records import Claim

# A claim is compared with the facts stated in its own wording and with this many of the most
# widely stated other facts of its block, each through at most MAX_WORDINGS of their wordings:
# the cost of a claim stays bounded however large its story's block grows.
MAX_CANDIDATES = 32
MAX_WORDINGS = 64
# A claim that fits several facts equally joins the one more outlets state before the one nearest
# its figure: the story's own toll, not a side attack's (an evaluation may turn this off).
PREFER_STATED = True


@dataclass(slots=True, eq=False)  # facts are told apart by identity
class Gathered:
    """A fact being gathered: its claims, per article, and the wordings it was stated in."""

    key: tuple
    story: str
    claims: list[Claim] = field(default_factory=list)
    by_article: dict[str, list[Claim]] = field(default_factory=dict)
    wordings: dict[str, Claim] = field(default_factory=dict)  # topic key -> its first claim
    names: set[str] = field(default_factory=set)  # every name its claims' clauses state
    verbs: set[str] = field(default_factory=set)  # ... and every verb
    span: bool = False  # its founder totals over a stretch of time
    place: tuple[str, str] = ("", "")  # the first place its claims state
    days: set[tuple[str, str, str]] = field(default_factory=set)  # the days (and events) its sentences date
    predicate: str = ""  # the first predicate its claims state

    def add(self, claim: Claim, wording: str, frame: Frame) -> None:
        """Take a claim into the fact."""
        if not self.claims:
            self.span = frame.span
        if frame.place[0] and not self.place[0]:
            self.place = frame.place
        self.predicate = self.predicate or claim.predicate
        self.claims.append(claim)
        self.names |= frame.names
        if frame.day[0]:
            self.days.add(frame.day)
        if frame.verb:
            self.verbs.add(frame.verb)
        self.by_article.setdefault(claim.article_id, []).append(claim)
        if len(self.wordings) < MAX_WORDINGS:
            self.wordings.setdefault(wording, claim)

    def remove(self, article_id: str) -> list[Claim]:
        """Take an article's claims out of the fact and return them."""
        gone = self.by_article.pop(article_id, [])
        self.claims = [c for c in self.claims if c.article_id != article_id]
        return gone

    @property
    def founder(self) -> Claim:
        """Return the claim the fact was founded on."""
        return self.claims[0]


Compatible = Callable[[Claim, Claim], bool]


def gather_measured(claims: Iterable[Claim], stories: Mapping[str, str], threshold: float,
                    compatible: Compatible, same_article: bool = False,
                    named: Mapping[str, frozenset[str]] | None = None,
                    texts: Mapping[str, str] | None = None,
                    places: Mapping[str, str] | None = None) -> list[Gathered]:
    """Gather a batch's number and date claims into facts, story by story and block by block;
    `named` gives the words each article's story writes only as names and `texts` the articles'
    texts, where a pronoun finds whom it means (see frames.frame_of); `places` the other
    names of places (rules/places.toml), so that "Salonika" and "Thessaloniki" are one name."""
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    claims = list(claims)
    days = event_days(claims)
    for claim in claims:
        key = block_key(claim)
        if key is not None:
            blocks[(stories[claim.article_id], *key)].append(claim)
    facts: list[Gathered] = []
    for key in sorted(blocks):
        frames = {c.id: _dated(_placed(frame_of(c, (named or {}).get(c.article_id, frozenset()),
                                                (texts or {}).get(c.article_id, "")), places), c, days)
                  for c in blocks[key]}
        facts += _gather_block(key, blocks[key], threshold, compatible, same_article, frames)
    return facts


def _placed(frame: Frame, places: Mapping[str, str] | None) -> Frame:
    """Write the names of a frame's places by one name each."""
    if not places or not any(name in places for name in frame.names):
        return frame
    return replace(frame, names=frozenset(places.get(name, name) for name in frame.names))


def _dated(frame: Frame, claim: Claim, days: Mapping[tuple[str, int], tuple[str, str, str]]) -> Frame:
    """Give a number's frame the day its sentence dates its event to."""
    day = days.get((claim.article_id, claim.sentence.index)) if claim.kind == "number" else None
    return replace(frame, day=day) if day else frame


def _gather_block(key: tuple, members: list[Claim], threshold: float, compatible: Compatible,
                  same_article: bool, frames: Mapping[str, Frame]) -> list[Gathered]:
    """Gather one block: the most widely stated wordings found facts first, so a claim that
    could join several joins the one it matches best, not the first it meets."""
    wording = {c.id: _wording(c) for c in members}
    spread: dict[str, set[str]] = defaultdict(set)
    for claim in members:
        spread[wording[claim.id]].add(claim.article_id)
    ordered = sorted(members, key=lambda c: (-len(spread[wording[c.id]]), wording[c.id], c.place))
    verbs = told_apart(members, lambda c: frames[c.id].verb, within=lambda c: c.thing)
    block = _Block(key, threshold, compatible, same_article, frames, verbs)
    block.many = _many(members, frames)
    for claim in ordered:
        block.place(claim, wording[claim.id])
    return block.facts


class _Block:
    """The facts of one block as they are gathered."""

    def __init__(self, key: tuple, threshold: float, compatible: Compatible, same_article: bool,
                 frames: Mapping[str, Frame], apart: frozenset[frozenset[str]]) -> None:
        self.key, self.threshold, self.compatible, self.same_article = key, threshold, compatible, same_article
        self.frames, self.apart = frames, apart
        self.many: set[str] = set()  # things the story has several of (see _many)
        self.facts: list[Gathered] = []
        self.worded: dict[str, list[Gathered]] = defaultdict(list)  # wording -> the facts stated in it
        self.similarity: dict[tuple[str, str], tuple[int, float, float]] = {}

    def place(self, claim: Claim, mine: str, displace: bool = True) -> None:
        """Put a claim into the fact it matches best, or found a fact with it. A figure nearer
        to a fact than the figure its article already gave there takes that place, and the
        other figure is placed anew ("about 40" and "some 14,000" sheltering: the 14,000 is the
        figure the other outlets' 15,000 speaks of)."""
        best, best_score, rival = None, None, None
        for fact in dict.fromkeys([*self.worded[mine], *self.facts[:MAX_CANDIDATES]]):
            if not self._slots_fit(claim, fact):
                continue
            score = _match(claim, mine, fact, self.threshold, self.similarity)
            # Frames must agree where both state a slot: "Charles ... 86-yard run" is not
            # "Butler ... 32-yard touchdown", "bombs dropped" are not "bombs that landed".
            frame = self.frames[claim.id]
            if score is None or not frame_fits(frame, fact.names, fact.verbs, self.apart, fact.span, fact.place,
                                               fact.days):
                continue
            if frame.attributive and claim.thing in self.many and not frame.names & fact.names:
                continue  # "an 86-yard run" of a game with many runs is the one its runner names
            # Worded alike, a figure joins the fact whose figure it is nearest to: "more than 600"
            # dead since the war began is the running toll, not the school's 40.
            # An article states a fact once: a figure it repeats folds into that statement.
            repeat = any(c.value.display == claim.value.display for c in fact.by_article.get(claim.article_id, ()))
            stated = len(fact.by_article) if PREFER_STATED else 0
            score = (repeat, *score, stated, -_distance(claim, fact.founder))
            if not _fits(claim, fact, self.compatible, self.same_article):
                if displace and (rival is None or score > rival[1]) and self._nearer(claim, fact):
                    rival = (fact, score)
                continue
            if best_score is None or score > best_score:
                best, best_score = fact, score
        if rival is not None and (best_score is None or rival[1] > best_score):
            fact = rival[0]
            for other in fact.remove(claim.article_id):
                self.place(other, _wording(other), displace=False)
            best = fact
        if best is None:
            best = Gathered(key=self.key, story=self.key[0])
            self.facts.append(best)
        if mine not in best.wordings:
            self.worded[mine].append(best)
        best.add(claim, mine, self.frames[claim.id])

    def _slots_fit(self, claim: Claim, fact: Gathered) -> bool:
        """Tell whether a claim's predicate may be its fact's: the same, or one unstated."""
        if claim.predicate and fact.predicate and claim.predicate != fact.predicate:
            return False
        # A verb the lexicon does not tie to the fact's predicate ("homes were flooded" against
        # "homes were destroyed", "workers were on the night shift" against "workers laid off")
        # tells another fact; a figure with no verb of its own may be the fact's.
        if fact.predicate and not claim.predicate and self.frames[claim.id].verb:
            return False
        if claim.predicate and not fact.predicate and fact.verbs:
            return False
        return True

    @staticmethod
    def _nearer(claim: Claim, fact: Gathered) -> bool:
        """Tell whether a claim is nearer to a fact's figure than its article's claims there (never the founder's)."""
        own = fact.by_article[claim.article_id]
        return fact.founder not in own and all(_distance(claim, fact.founder) < _distance(o, fact.founder) for o in own)


def _many(members: Iterable[Claim], frames: Mapping[str, Frame]) -> set[str]:
    """Return the things of a block that come in several: one article gives two of them two
    measures ("an 86-yard run", "a 14-yard run"); a story's one truce is "a 45-day truce"."""
    if "attributive" not in SLOTS:
        return set()
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for claim in members:
        if frames[claim.id].attributive:
            seen[(claim.article_id, claim.thing)].add(claim.value.display)
    return {thing for (_, thing), values in seen.items() if len(values) > 1}


def _distance(a: Claim, b: Claim) -> float:
    """Return how far apart two figures are, as orders of magnitude."""
    return abs(math.log1p(_middle(a)) - math.log1p(_middle(b)))


def _middle(claim: Claim) -> float:
    interval = claim.value.interval
    return abs(interval.lo if math.isinf(interval.hi) else (interval.lo + interval.hi) / 2)


def _wording(claim: Claim) -> str:
    """Return what a claim's fact is, as words: topic, scope, actors and kinds."""
    # The kinds are part of the wording, so that the similarity of two wordings is one answer.
    return " | ".join((topic_key(claim), claim.scope, " ".join(sorted(claim.actors)), " ".join(sorted(_kinds(claim)))))


def _match(claim: Claim, mine: str, fact: Gathered, threshold: float,
           cache: dict[tuple[str, str], tuple[int, float, float]]) -> tuple[int, float, float] | None:
    """Score how well a claim's wording matches a fact's best wording: exact first, then the
    closer whole wording, then the shared words; None below the threshold."""
    best = None
    for theirs, example in fact.wordings.items():
        pair = (mine, theirs)
        if pair not in cache:
            cache[pair] = _similarity(claim, example, threshold)
        score = cache[pair]
        if score[2] >= threshold and (best is None or score > best):
            best = score
    return best


def _similarity(a: Claim, b: Claim, threshold: float) -> tuple[int, float, float]:
    ta, tb = topic_key(a), topic_key(b)
    if not actors_agree(a, b, threshold):  # also: "in the province" is not "across Asia"
        return (0, 0.0, -1.0)
    if _kinds(a) != _kinds(b):  # "voice traffic" is a kind of traffic, not all of it
        return (0, 0.0, -1.0)
    return (int(ta == tb), fuzz.token_sort_ratio(ta, tb), fuzz.token_set_ratio(ta, tb))


def _kinds(claim: Claim) -> frozenset[str]:
    """Return the nouns that make a counted thing a kind of it ("voice" in "voice traffic",
    "tank" in "tank shells"); adjectives and names only describe it ("undersea cables",
    "Israeli tank shells")."""
    if claim.kind != "number" or not claim.topic:
        return frozenset()
    from checker.extract.lemmas import modifier_noun
    from checker.extract.topic import singularize

    words = claim.topic.lower().split()
    verb = claim.predicate.replace("_", " ").split()
    if verb and words[:len(verb)] == verb:
        words = words[len(verb):]
    kinds = set()
    for word in words[:-1]:
        if not re.search(rf"\b{re.escape(word)}\b", claim.sentence.text):
            continue  # written capitalized: a name ("Internet cables", "Israeli tank shells")
        if modifier_noun(word):
            kinds.add(singularize(word))
    return frozenset(kinds)


def _fits(claim: Claim, fact: Gathered, compatible: Compatible, same_article: bool) -> bool:
    """Tell whether a claim may join a fact its article already states: only as a repeat of
    that statement (one article reporting two figures reports two facts)."""
    own = fact.by_article.get(claim.article_id)
    if not own or same_article:
        return True
    return all(compatible(claim, other) for other in own)
