"""A fact's statements into variants: sets of values that can all be true at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from checker.records import Claim, Discrepancy

Judge = Callable[[Claim, Claim], Discrepancy | None]  # a pair's disagreement, or None
Value = Callable[[Claim], str]


def judged_once(judge: Judge) -> Judge:
    """Return the judge taking its pair in reading order and answering each pair once (splitting
    a fact and weighing its variants ask about the same pairs)."""
    seen: dict[tuple[str, str], Discrepancy | None] = {}

    def once(a: Claim, b: Claim) -> Discrepancy | None:
        a, b = sorted((a, b), key=lambda c: c.place)
        key = (a.id, b.id)
        if key not in seen:
            seen[key] = judge(a, b)
        return seen[key]

    return once


def statements(claims: Sequence[Claim], judge: Judge) -> list[Claim]:
    """Keep, per article, the claims that agree with its first one: an article states a fact
    once, and a second, different figure of it in that article is no rival statement."""
    first: dict[str, Claim] = {}
    kept = []
    for claim in sorted(claims, key=lambda c: c.place):
        lead = first.setdefault(claim.article_id, claim)
        if lead is claim or judge(lead, claim) is None:
            kept.append(claim)
    return kept


def split(claims: Sequence[Claim], judge: Judge, value_of: Value, day_of: Callable[[Claim], date | None],
          per_article: bool = True) -> list[list[list[Claim]]]:
    """Split claims into variants (each a list of value groups), the most widely stated first.

    An article's statement is its most precise claim ("400" rather than "hundreds"); with
    `per_article` its other claims ride along in that claim's group, so an article stands in
    one variant. Claims with one value (and, for a moving figure, one day) form a group; a
    group joins the first variant every group of which it agrees with, else it starts one.
    """
    ordered_claims = sorted(claims, key=lambda c: c.place)
    leads: dict[str, Claim] = {}
    for claim in ordered_claims:
        lead = leads.get(claim.article_id)
        if lead is None or (per_article and _width(claim) < _width(lead)):
            leads[claim.article_id] = claim
    heads = set(map(id, leads.values())) if per_article else set(map(id, ordered_claims))
    groups: dict[tuple, list[Claim]] = {}
    home_of: dict[str, list[Claim]] = {}
    for claim in ordered_claims:
        if id(claim) in heads:
            group = groups.setdefault((value_of(claim), day_of(claim) if claim.cumulative else None), [])
            group.append(claim)
            home_of.setdefault(claim.article_id, group)
    for claim in ordered_claims:
        if id(claim) not in heads:
            home_of[claim.article_id].append(claim)
    ordered = sorted(groups.items(), key=lambda item: (-_spread(item[1]), item[0][0], str(item[0][1])))
    variants: list[list[list[Claim]]] = []
    for _, group in ordered:
        home = next((v for v in variants if all(judge(group[0], other[0]) is None for other in v)), None)
        if home is None:
            variants.append([group])
        else:
            home.append(group)
    return sorted(variants, key=lambda v: -sum(_spread(g) for g in v))


def _width(claim: Claim) -> float:
    """Return how wide a claim's value is (a person or a title counts as exact)."""
    interval = getattr(claim.value, "interval", None)
    return interval.hi - interval.lo if interval is not None else 0.0


def _spread(group: Sequence[Claim]) -> int:
    return len({c.article_id for c in group})


def disagreements(variants: Sequence[Sequence[Sequence[Claim]]], judge: Judge) -> list[Discrepancy]:
    """Return the judged disagreements between the groups of different variants."""
    found = []
    for i, left in enumerate(variants):
        for right in variants[i + 1:]:
            for g in left:
                for h in right:
                    if g[0].article_id == h[0].article_id:
                        continue  # an article against itself is a reported disagreement
                    d = judge(g[0], h[0])
                    if d is not None:
                        found.append(d)
    return found
