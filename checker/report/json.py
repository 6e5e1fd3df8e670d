"""The JSON report, version 2: the machine-readable contract of DESIGN.md, plus baseline state."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from checker.records import Article, Finding, Report
from checker.report.evidence import article_of, articles_by_id, claim_fields
from checker.report.sanitize import clean_report, json_pieces

VERSION = 2


def finding_fields(finding: Finding, articles: Mapping[str, Article], suppressed: bool) -> dict[str, object]:
    """Return the JSON object of one fact, its variants and their claims."""
    return {
        "id": finding.id,
        "rule": finding.rule,
        "kind": finding.kind,
        "verdict": finding.verdict,
        "severity": finding.severity,
        "topic": finding.topic,
        "explanation": finding.explanation,
        "suppressed": suppressed,
        "variants": [
            {"value": v.value, "claims": [claim_fields(c, article_of(c.article_id, articles)) for c in v.claims]}
            for v in finding.variants
        ],
    }


def render(report: Report) -> str:
    """Render the report as JSON with sorted keys."""
    return "".join(pieces(report))


def pieces(report: Report) -> Iterator[str]:
    """Yield the JSON report in pieces, as render() would write it whole: a batch of 10,000
    articles gives a report of some 150 million characters, which a file takes piece by piece."""
    report = clean_report(report)
    articles = articles_by_id(report.articles)
    # A reopened finding gained a value since it was accepted, so the baseline no longer covers it.
    covered = report.suppressed - report.reopened
    document = {
        "version": VERSION,
        "articles": len(report.articles),
        "claims": len(report.claims),
        "facts": report.facts,
        "findings": [finding_fields(f, articles, f.id in covered) for f in report.findings],
        "agreed": [finding_fields(f, articles, False) for f in report.agreed],
        "stale": list(report.stale),
    }
    yield from json_pieces(document)
