"""The terminal table: what a person reads first."""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from checker.records import Report
from checker.report.evidence import articles_by_id, summary_line


def render(report: Report) -> str:
    """Render findings as a plain-text table, stale baseline ids, then a summary line."""
    stale = _stale_line(report)
    if not report.discrepancies:
        return f"No discrepancies found.\n{stale}{_summary(report)}\n"
    articles = articles_by_id(report.articles)
    rows = []
    for d in report.discrepancies:
        sides = []
        for claim in (d.a, d.b):
            article = articles[claim.article_id]
            sides.append(_wrap(f"{article.source or article.id}:{claim.line}  {claim.value.display}  “{claim.text}”"))
        severity = f"{d.severity}\nsuppressed" if d.id in report.suppressed else d.severity
        rows.append([severity, d.rule, _wrap(d.topic, 24), *sides, d.id])
    headers = ["severity", "rule", "topic", "article A", "article B", "id"]
    return tabulate(rows, headers=headers, tablefmt="simple") + f"\n\n{stale}{_summary(report)}\n"


def _summary(report: Report) -> str:
    suppressed = sum(d.id in report.suppressed for d in report.discrepancies)
    return summary_line(report) + (f"; {suppressed} suppressed by baseline" if suppressed else "")


def _stale_line(report: Report) -> str:
    """Return the line listing baseline ids that match nothing now ("" when none)."""
    return f"Stale baseline entries (no longer match): {', '.join(report.stale)}\n" if report.stale else ""


def _wrap(text: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text
