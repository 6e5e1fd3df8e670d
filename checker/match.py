"""Blocking and rapidfuzz scoring: which claims speak of the same fact."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

import numpy as np
from rapidfuzz import fuzz, process

from checker.judge.figures import about, lower_bound
from checker.records import Claim
from checker.extract.topic import singularize
from checker.stories import same_story


def block_key(claim: Claim) -> tuple[str, ...] | None:
    """Return the block a claim is compared within, or None when it says too little."""
    if not claim.thing or claim.aside:
        return None  # a number with no counted thing, an addition or a side incident is no fact alone
    if claim.kind == "number" and claim.thing == "person" and not claim.predicate:
        return None  # "nine others", "750,000 people": people with nothing done to them are no fact
    # A sentence anchored in another year tells of another event ("In 2004 a tsunami killed ...").
    return claim.kind, claim.value.dimension, claim.predicate, claim.thing, claim.anchor


def candidate_pairs(claims: Iterable[Claim], threshold: float, same_article: bool = False,
                    stories: Mapping[str, frozenset[str]] | None = None) -> Iterator[tuple[Claim, Claim, float]]:
    """Yield pairs of claims in one block and one story whose values differ and whose topics match."""
    blocks: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        key = block_key(claim)
        if key is not None:
            blocks[key].append(claim)
    stories = stories or {}
    for key in sorted(blocks):
        members = blocks[key]
        if len(members) > 1:
            yield from _story_pairs(members, threshold, same_article, stories)


def _story_pairs(members: list[Claim], threshold: float, same_article: bool,
                 stories: Mapping[str, frozenset[str]]) -> Iterator[tuple[Claim, Claim, float]]:
    """Compare claims only among articles that share names, so unrelated stories never meet."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in members:
        for term in stories.get(claim.article_id) or ("",):
            groups[term].append(claim)
    if "" in groups:  # an article naming nobody may belong to any story
        for term, group in groups.items():
            if term:
                group.extend(groups[""])
    seen: set[tuple[str, str]] = set()
    for term in sorted(groups):
        group = groups[term]
        if len(group) < 2 or (not same_article and len({c.article_id for c in group}) < 2):
            continue  # nothing to compare: numpy's set-up would cost more than the answer
        for a, b, score in _block_pairs(group, threshold, same_article):
            pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
            if pair in seen or not same_story(stories.get(a.article_id, frozenset()), stories.get(b.article_id, frozenset())):
                continue
            seen.add(pair)
            yield a, b, score


def _block_pairs(members: list[Claim], threshold: float, same_article: bool) -> Iterator[tuple[Claim, Claim, float]]:
    """Score every pair of a block in C (rapidfuzz cdist), keep disjoint, similar ones."""
    lo = np.array([c.value.interval.lo for c in members])
    hi = np.array([c.value.interval.hi for c in members])
    lo_closed = np.array([c.value.interval.lo_closed for c in members])
    hi_closed = np.array([c.value.interval.hi_closed for c in members])
    # a before b: a.hi < b.lo, or they touch at a bound one of them leaves out
    before = (hi[:, None] < lo[None, :]) | ((hi[:, None] == lo[None, :]) & ~(hi_closed[:, None] & lo_closed[None, :]))
    disjoint = before | before.T
    # Two lower bounds of one growing toll ("more than 640", "above 680") overlap, yet the
    # comparison reports them as an update: let them through too.
    growing = np.array([c.cumulative and lower_bound(c) for c in members])
    cumulative = np.array([c.cumulative for c in members])
    # ("at least 5", a day later 24): the lower figure is a bound, the other any higher figure
    disjoint |= cumulative[:, None] & cumulative[None, :] & (
        (growing[:, None] & (lo[:, None] < lo[None, :])) | (growing[None, :] & (lo[None, :] < lo[:, None])))
    # "more than 15,000" and "some 14,000" overlap only thanks to "about": let them through too.
    rough = np.array([about(c) for c in members])
    if rough.any():
        middle = (lo + hi) / 2
        core_lo, core_hi = np.where(rough, middle, lo), np.where(rough, middle, hi)
        apart = (core_hi[:, None] < core_lo[None, :]) | (core_hi[None, :] < core_lo[:, None])
        disjoint |= apart & (rough[:, None] | rough[None, :])
    articles = np.array([c.article_id for c in members])
    if not same_article:
        disjoint &= articles[:, None] != articles[None, :]
    disjoint = np.triu(disjoint, k=1)
    if not disjoint.any():
        return
    topics = [topic_key(c) for c in members]
    scores = process.cdist(topics, topics,
                           scorer=fuzz.token_set_ratio, score_cutoff=threshold, workers=1)
    for i, j in zip(*np.nonzero(disjoint & (scores >= threshold))):
        a, b = members[i], members[j]
        if actors_agree(a, b, threshold):
            yield a, b, float(scores[i, j])


def topic_key(claim: Claim) -> str:
    """Return the words a claim's topic is scored on, each in its singular form ("tanks
    shells" meets "tank shell"); a date's event is scored on its canonical verb and subject."""
    if claim.kind == "date":
        return f"{claim.predicate} {claim.thing}"
    words = claim.topic.lower().split()
    verb = claim.predicate.replace("_", " ").split()
    if verb and words[:len(verb)] == verb:
        words = words[len(verb):]
    # The head noun gives way to its canonical thing: "killed others" meets "killed people".
    modifiers = [singularize(word) for word in words[:-1]]
    return " ".join([*verb, *modifiers, claim.thing or (singularize(words[-1]) if words else "")])


def actors_agree(a: Claim, b: Claim, threshold: float) -> bool:
    """Tell whether two claims' actors could be the same (unknown actors always can)."""
    if a.actors and b.actors and not any(fuzz.token_set_ratio(x, y) >= threshold for x in a.actors for y in b.actors):
        return False
    # "170,000 people in the province" and "230,000 people across Asia" count different things.
    if not (a.scope and b.scope):
        return True
    return bool(set(a.scope.split()) & set(b.scope.split())) or fuzz.token_set_ratio(a.scope, b.scope) >= threshold
