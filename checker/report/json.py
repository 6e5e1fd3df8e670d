"""The JSON report: the machine-readable contract of DESIGN.md, plus baseline state."""

from __future__ import annotations

import json

from checker.records import Report
from checker.report.evidence import articles_by_id, side


def render(report: Report) -> str:
    """Render the report as JSON with sorted keys."""
    articles = articles_by_id(report.articles)
    document = {
        "version": 1,
        "articles": len(report.articles),
        "claims": len(report.claims),
        "discrepancies": [
            {
                "id": d.id,
                "rule": d.rule,
                "kind": d.kind,
                "verdict": d.verdict,
                "severity": d.severity,
                "topic": d.topic,
                "explanation": d.explanation,
                "suppressed": d.id in report.suppressed,
                "a": side(d.a, articles[d.a.article_id]),
                "b": side(d.b, articles[d.b.article_id]),
            }
            for d in report.discrepancies
        ],
        "stale": list(report.stale),
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
