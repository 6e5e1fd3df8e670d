"""A gathered fact into a Finding: its variants, verdict, severity and explanation."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from checker.judge.numbers import figure_date, source_name
from checker.judge.variants import Judge, Value, disagreements, judged_once, split, statements
from checker.records import Article, Claim, Finding, Variant, stable_id
from checker.rules import Check

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2, "": 3}


def judge_fact(claims: Sequence[Claim], check: Check, articles: Mapping[str, Article], judge: Judge,
               value_of: Value, story: str, same_article: bool = False) -> Finding | None:
    """Return the fact as a finding (disputed or agreed), or None when fewer than two articles state it."""
    judge = judged_once(judge)
    kept = list(claims) if same_article else statements(claims, judge)
    if len({c.article_id for c in kept}) < 2:
        return None
    day_of: Callable[[Claim], date | None] = lambda c: figure_date(c, articles)
    parts = split(kept, judge, value_of, day_of, per_article=not same_article)
    founder = min(kept, key=lambda c: (articles[c.article_id].published or date.max, c.place))
    variants = tuple(Variant(_value(groups, value_of), tuple(_ordered(c for g in groups for c in g)))
                     for groups in parts)
    base = dict(id=stable_id(check.id, founder.id), rule=check.id, name=check.name, kind=founder.kind,
                topic=founder.topic, variants=variants, story=story)
    found = disagreements(parts, judge) if len(parts) > 1 else []
    if not found:
        if len(parts) > 1:  # values the check cannot weigh against each other (two events, say)
            return None
        return Finding(verdict="agreed", severity="", explanation=_agreed(variants[0], articles), **base)
    strongest = min(found, key=lambda d: (d.verdict != "conflict", SEVERITY_RANK[d.severity]))
    verdict = "conflict" if strongest.verdict == "conflict" else "update"
    explanation = f"{_values(variants, articles)}. Most serious: {strongest.explanation}"
    return Finding(verdict=verdict, severity=strongest.severity, explanation=explanation, **base)


def _ordered(claims) -> list[Claim]:
    return sorted(claims, key=lambda c: c.place)


def _value(groups: Sequence[Sequence[Claim]], value_of: Value) -> str:
    """Name a variant by its most widely stated value, with the others it holds in brackets."""
    values = list(dict.fromkeys(value_of(g[0]) for g in groups))
    return values[0] if len(values) == 1 else f"{values[0]} (also {', '.join(values[1:])})"


def _sources(variant: Variant, articles: Mapping[str, Article]) -> str:
    names = list(dict.fromkeys(source_name(articles[a]) for a in variant.articles))
    return ", ".join(names)


def _values(variants: Sequence[Variant], articles: Mapping[str, Article]) -> str:
    return "; ".join(f"{v.value}: {_sources(v, articles)}" for v in variants)


def _agreed(variant: Variant, articles: Mapping[str, Article]) -> str:
    return f"{len(variant.articles)} articles agree on {variant.value} ({_sources(variant, articles)})"


def order(finding: Finding) -> tuple:
    """Sort findings most severe first, then by check and where the fact was first stated."""
    first = min(c.place for c in finding.claims)
    return (SEVERITY_RANK[finding.severity], finding.rule, *first, finding.id)

