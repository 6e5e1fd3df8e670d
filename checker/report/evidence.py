"""One side of a finding as plain values, shared by the reporters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from checker.records import Article, Claim, Report


def side(claim: Claim, article: Article) -> dict[str, object]:
    """Return the fields that describe one claim of a finding (the JSON `a`/`b`)."""
    return {
        "article": article.id,
        "path": article.path,
        "line": claim.line,
        "source": article.source or article.id,
        "published": article.published.isoformat() if article.published else None,
        "sentence": claim.sentence.text,
        "text": claim.text,
        "value": claim.value.display,
    }


def articles_by_id(articles: Iterable[Article]) -> dict[str, Article]:
    """Index articles by id."""
    return {article.id: article for article in articles}


def severity_counts(report: Report) -> Counter[str]:
    """Count findings by severity."""
    return Counter(d.severity for d in report.discrepancies)


def summary_line(report: Report) -> str:
    """Say in one line how much was checked and found."""
    counts = severity_counts(report)
    found = len(report.discrepancies)
    detail = ", ".join(f"{counts[s]} {s}" for s in ("high", "medium", "low") if counts[s])
    return (
        f"{len(report.articles)} articles, {len(report.claims)} claims, "
        f"{found} discrepanc{'y' if found == 1 else 'ies'}" + (f" ({detail})" if detail else "")
    )
