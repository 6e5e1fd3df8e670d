"""The editors' CSV: one row per disputed fact, every variant and claim in the row, safe for spreadsheets."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping

from checker.records import Article, Claim, Finding, Report
from checker.report.evidence import article_of, articles_by_id, source_of, variant_label, variant_sources

COLUMNS = (
    "id", "rule", "kind", "verdict", "severity", "topic",
    "values", "sources", "evidence", "explanation", "status", "note",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet would read as a number and reformat: 000123456789 or 12e34567.
_NUMBER_LIKE = re.compile(r"\d+(\.\d*)?([eE][+-]?\d+)?")


def neutralize(cell: object) -> str:
    """Keep a spreadsheet from running a cell as a formula (prefix it with a quote)."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def text_id(finding_id: str) -> str:
    """Keep an id a spreadsheet would read as a number as text (the baseline strips the quote)."""
    return "'" + finding_id if _NUMBER_LIKE.fullmatch(finding_id) else finding_id


def _evidence_line(value: str, claim: Claim, article: Article) -> str:
    place = f"{article.path}:{claim.line}" if claim.line >= 1 else article.path
    published = article.published.isoformat() if article.published else "undated"
    sentence = " ".join(claim.sentence.text.split())  # one claim, one line in the cell
    return " | ".join((value, source_of(article), place, published, article.url or "", sentence))


def row(finding: Finding, articles: Mapping[str, Article]) -> list[str]:
    """Return the cells of one finding, before neutralizing."""
    values = "\n".join(variant_label(v) for v in finding.variants)
    sources = "\n".join(f"{v.value}: {', '.join(variant_sources(v, articles))}" for v in finding.variants)
    evidence = "\n".join(_evidence_line(v.value, c, article_of(c.article_id, articles))
                         for v in finding.variants for c in v.claims)
    return [text_id(finding.id), finding.rule, finding.kind, finding.verdict, finding.severity, finding.topic,
            values, sources, evidence, finding.explanation, "", ""]


def render(report: Report) -> str:
    """Render the disputed facts as UTF-8 CSV text starting with a byte-order mark."""
    articles = articles_by_id(report.articles)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for finding in report.findings:
        writer.writerow([neutralize(cell) for cell in row(finding, articles)])
    return "\ufeff" + out.getvalue()
