"""The terminal table: what a person reads first."""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from checker.records import Report
from checker.report.evidence import articles_by_id, summary_line


def render(report: Report) -> str:
    """Render findings as a plain-text table followed by a summary line."""
    if not report.discrepancies:
        return f"No discrepancies found.\n{summary_line(report)}\n"
    articles = articles_by_id(report.articles)
    rows = []
    for d in report.discrepancies:
        sides = []
        for claim in (d.a, d.b):
            article = articles[claim.article_id]
            sides.append(_wrap(f"{article.source or article.id}:{claim.line}  {claim.value.display}  “{claim.text}”"))
        rows.append([d.severity, d.rule, _wrap(d.topic, 24), *sides, d.id])
    headers = ["severity", "rule", "topic", "article A", "article B", "id"]
    return tabulate(rows, headers=headers, tablefmt="simple") + f"\n\n{summary_line(report)}\n"


def _wrap(text: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text
