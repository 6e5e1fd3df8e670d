"""The editors' CSV: one row per finding, both sides in the row, safe for spreadsheets."""

from __future__ import annotations

import csv
import io

from checker.records import Report
from checker.report.evidence import articles_by_id, side

COLUMNS = (
    "id", "rule", "kind", "verdict", "severity", "topic",
    "article_a", "source_a", "text_a", "value_a", "sentence_a",
    "article_b", "source_b", "text_b", "value_b", "sentence_b",
    "explanation", "status", "note",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(cell: object) -> str:
    """Keep a spreadsheet from running a cell as a formula (prefix it with a quote)."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(report: Report) -> str:
    """Render the findings as UTF-8 CSV text starting with a byte-order mark."""
    articles = articles_by_id(report.articles)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for d in report.discrepancies:
        a, b = side(d.a, articles[d.a.article_id]), side(d.b, articles[d.b.article_id])
        row = [d.id, d.rule, d.kind, d.verdict, d.severity, d.topic]
        for s in (a, b):
            row += [s["article"], s["source"], s["text"], s["value"], s["sentence"]]
        row += [d.explanation, "", ""]
        writer.writerow([neutralize(cell) for cell in row])
    return "\ufeff" + out.getvalue()
