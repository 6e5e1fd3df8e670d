"""Comparison kinds: turn a candidate pair into a Discrepancy, or nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from checker.records import Article, Claim, Discrepancy, stable_id
from checker.rules import Check, severity_of


def compare_interval(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> Discrepancy | None:
    """Flag two number claims whose intervals are disjoint; grade by the relative gap."""
    first, second = a.value.interval, b.value.interval
    if not first.disjoint(second):
        return None
    severity = severity_of(check, first.gap(second))
    return Discrepancy(
        id=finding_id(a, b),
        rule=check.id,
        name=check.name,
        kind=a.kind,
        verdict="conflict",
        severity=severity,
        topic=a.topic,
        a=a,
        b=b,
        explanation=explain(check, a, b, articles),
    )


COMPARATORS: dict[str, Callable[[Check, Claim, Claim, Mapping[str, Article]], Discrepancy | None]] = {
    "interval": compare_interval,
}


def finding_id(a: Claim, b: Claim) -> str:
    """Return an id that depends only on the two claims, in either order."""
    return stable_id(*sorted((a.id, b.id)))


def source_name(article: Article) -> str:
    """Name an article the way an editor would: its outlet, else its file name."""
    return article.source or article.id


def explain(check: Check, a: Claim, b: Claim, articles: Mapping[str, Article]) -> str:
    """Fill the check's message template with both sides of a finding."""
    fields = {
        "a_source": source_name(articles[a.article_id]),
        "b_source": source_name(articles[b.article_id]),
        "a_value": a.value.display,
        "b_value": b.value.display,
        "a_text": a.text,
        "b_text": b.text,
        "topic": a.topic,
    }
    return check.message.format(**fields)  # fields validated when the rules were loaded
