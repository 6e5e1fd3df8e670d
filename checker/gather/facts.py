"""Number and date claims of a story into facts: each claim joins the fact it matches best."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from checker.match import actors_agree, block_key, topic_key
from checker.records import Claim

# A claim is compared with the facts stated in its own wording and with this many of the most
# widely stated other facts of its block, each through at most MAX_WORDINGS of their wordings:
# the cost of a claim stays bounded however large its story's block grows.
MAX_CANDIDATES = 32
MAX_WORDINGS = 64


@dataclass(slots=True, eq=False)  # facts are told apart by identity
class Gathered:
    """A fact being gathered: its claims, per article, and the wordings it was stated in."""

    key: tuple
    story: str
    claims: list[Claim] = field(default_factory=list)
    by_article: dict[str, list[Claim]] = field(default_factory=dict)
    wordings: dict[str, Claim] = field(default_factory=dict)  # topic key -> its first claim

    def add(self, claim: Claim, wording: str) -> None:
        """Take a claim into the fact."""
        self.claims.append(claim)
        self.by_article.setdefault(claim.article_id, []).append(claim)
        if len(self.wordings) < MAX_WORDINGS:
            self.wordings.setdefault(wording, claim)

    @property
    def founder(self) -> Claim:
        """Return the claim the fact was founded on."""
        return self.claims[0]


Compatible = Callable[[Claim, Claim], bool]


def gather_measured(claims: Iterable[Claim], stories: Mapping[str, str], threshold: float,
                    compatible: Compatible, same_article: bool = False) -> list[Gathered]:
    """Gather a batch's number and date claims into facts, story by story and block by block."""
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        key = block_key(claim)
        if key is not None:
            blocks[(stories[claim.article_id], *key)].append(claim)
    facts: list[Gathered] = []
    for key in sorted(blocks):
        facts += _gather_block(key, blocks[key], threshold, compatible, same_article)
    return facts


def _gather_block(key: tuple, members: list[Claim], threshold: float, compatible: Compatible,
                  same_article: bool) -> list[Gathered]:
    """Gather one block: the most widely stated wordings found facts first, so a claim that
    could join several joins the one it matches best, not the first it meets."""
    wording = {c.id: _wording(c) for c in members}
    spread: dict[str, set[str]] = defaultdict(set)
    for claim in members:
        spread[wording[claim.id]].add(claim.article_id)
    ordered = sorted(members, key=lambda c: (-len(spread[wording[c.id]]), wording[c.id], c.article_id, c.start))
    facts: list[Gathered] = []
    worded: dict[str, list[Gathered]] = defaultdict(list)  # wording -> the facts stated in it
    similarity: dict[tuple[str, str], tuple[int, float, float]] = {}
    for claim in ordered:
        mine = wording[claim.id]
        best, best_score = None, None
        for fact in dict.fromkeys([*worded[mine], *facts[:MAX_CANDIDATES]]):
            score = _match(claim, mine, fact, threshold, similarity)
            if score is None or not _fits(claim, fact, compatible, same_article):
                continue
            # Worded alike, a figure joins the fact whose figure it is nearest to: "more than 600"
            # dead since the war began is the running toll, not the school's 40.
            score = (*score, -_distance(claim, fact.founder))
            if best_score is None or score > best_score:
                best, best_score = fact, score
        if best is None:
            best = Gathered(key=key, story=key[0])
            facts.append(best)
        if mine not in best.wordings:
            worded[mine].append(best)
        best.add(claim, mine)
    return facts


def _distance(a: Claim, b: Claim) -> float:
    """Return how far apart two figures are, as orders of magnitude."""
    return abs(math.log1p(_middle(a)) - math.log1p(_middle(b)))


def _middle(claim: Claim) -> float:
    interval = claim.value.interval
    return abs(interval.lo if math.isinf(interval.hi) else (interval.lo + interval.hi) / 2)


def _wording(claim: Claim) -> str:
    """Return what a claim's fact is, as words: topic, scope and actors."""
    return " | ".join((topic_key(claim), claim.scope, " ".join(sorted(claim.actors))))


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
    return (int(ta == tb), fuzz.token_sort_ratio(ta, tb), fuzz.token_set_ratio(ta, tb))


def _fits(claim: Claim, fact: Gathered, compatible: Compatible, same_article: bool) -> bool:
    """Tell whether a claim may join a fact its article already states: only as a repeat of
    that statement (one article reporting two figures reports two facts)."""
    own = fact.by_article.get(claim.article_id)
    if not own or same_article:
        return True
    return all(compatible(claim, other) for other in own)
