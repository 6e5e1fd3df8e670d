"""The editors' CSV: one row per disputed fact, every variant and claim in the row, safe for spreadsheets."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping

from checker.records import Article, Claim, Finding, Report, Review
from checker.report.evidence import article_of, articles_by_id, source_of, variant_label, variant_sources
from checker.report.sanitize import clean, clean_report, defuse, line_pieces
from checker.spreadsheet import protect

COLUMNS = (
    "id", "rule", "kind", "verdict", "severity", "topic",
    "values", "sources", "evidence", "explanation", "status", "note",
)
NO_REVIEW = Review("")
# What a spreadsheet skips before it reads a formula: spaces, quotes, ";" and invisible characters.
_LEAD = re.compile(r"""[\s;"'`\u2018\u2019\u201c\u201d\u00ab\u00bb\u200b-\u200d\u2060\ufeff]*""")


def _formula_at(text: str, start: int) -> int | None:
    """Return where a formula sign stands after the lead from `start`, if one does."""
    at = _LEAD.match(text, start).end()
    # NFKC folds the full-width and small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) to the signs they stand for.
    return at if at < len(text) and unicodedata.normalize("NFKC", text[at]) in "=+-@" else None


def neutralize(cell: object) -> str:
    """Strip control characters, then keep a spreadsheet from running the cell as a formula or turning it
    into a number, date or time (a quote before it, which the baseline strips)."""
    text = clean("" if cell is None else str(cell), lines=True)
    guarded = protect(text)
    if guarded != text or text.startswith("'"):
        return guarded
    # A spreadsheet in a locale with a decimal comma splits cells at ";" too: a sign after one
    # gets its quote right before it, put there once however often the cell goes round.
    semicolons = [i for i, char in enumerate(text) if char == ";"] if ";" in text else []
    for semicolon in reversed(semicolons):
        at = _formula_at(text, semicolon + 1)
        if at is not None and text[at - 1] != "'":
            text = text[:at] + "'" + text[at:]
    return "'" + text if _formula_at(text, 0) is not None else text


def text_id(finding_id: str) -> str:
    """Keep an id a spreadsheet would read as a number (000123456789, 12e345678901) as text."""
    # Hex ids hold no separator, yet all digits, digits around an "e", or "dec"/"feb" and digits
    # can read as a number or a date: protect() quotes those.
    return protect(finding_id)


def _evidence_line(value: str, claim: Claim, article: Article) -> str:
    place = f"{article.path}:{claim.line}" if claim.line >= 1 else article.path
    published = article.published.isoformat() if article.published else "undated"
    sentence = " ".join(claim.sentence.text.split())  # one claim, one line in the cell
    return " | ".join((value, source_of(article), place, published, article.url or "", sentence))


def row(finding: Finding, articles: Mapping[str, Article], review: Review = NO_REVIEW) -> list[str]:
    """Return the cells of one finding, with its carried review, before neutralizing."""
    values = "\n".join(variant_label(v) for v in finding.variants)
    sources = "\n".join(f"{v.value}: {', '.join(variant_sources(v, articles))}" for v in finding.variants)
    evidence = "\n".join(_evidence_line(v.value, c, article_of(c.article_id, articles))
                         for v in finding.variants for c in v.claims)
    return [text_id(finding.id), finding.rule, finding.kind, finding.verdict, finding.severity, finding.topic,
            values, sources, evidence, finding.explanation, review.status, review.note]


def render(report: Report) -> str:
    """Render the disputed facts as UTF-8 CSV text starting with a byte-order mark."""
    return "".join(pieces(report))


def pieces(report: Report) -> Iterator[str]:
    """Yield the CSV in pieces of whole lines, as render() would write it whole."""
    yield "\ufeff"
    yield from line_pieces(_rows(clean_report(report)), defuse)


def _rows(report: Report) -> Iterator[str]:
    """Yield the header, then each finding's row, as CSV text."""
    articles = articles_by_id(report.articles)
    reviews = dict(report.reviews)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for finding in report.findings:
        writer.writerow([neutralize(cell) for cell in row(finding, articles, reviews.get(finding.id, NO_REVIEW))])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()
