"""Claims and findings as pandas DataFrames, for export and analysis."""

from __future__ import annotations

import math

import pandas as pd

from checker.records import Article, Claim, Discrepancy, Quantity
from checker.report.csv import neutralize
from checker.report.sanitize import clean, defuse, json_safe

MULTILINE_COLUMNS = ("text", "sentence")
CLAIM_COLUMNS = (
    "id", "article", "source", "published", "line", "kind", "predicate", "thing", "topic",
    "actors", "text", "value", "dimension", "unit", "low", "high", "sentence",
)


def _bound(value: float) -> float | None:
    return None if math.isinf(value) else value


def claims_frame(claims: list[Claim] | tuple[Claim, ...], articles: dict[str, Article]) -> pd.DataFrame:
    """Return one row per claim, values in the base unit of their dimension."""
    rows = []
    for c in claims:
        article = articles[c.article_id]
        value = c.value
        measured = isinstance(value, Quantity)  # quotes and roles have no interval
        rows.append((
            c.id, c.article_id, article.source or "", article.published.isoformat() if article.published else "",
            c.line, c.kind, c.predicate, c.thing, c.topic, "; ".join(c.actors), c.text, value.display,
            value.dimension if measured else c.kind, value.unit if measured else "",
            _bound(value.interval.lo) if measured else None, _bound(value.interval.hi) if measured else None,
            c.sentence.text,
        ))
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def _texts(frame: pd.DataFrame, cell) -> pd.DataFrame:
    """Apply `cell(column, text)` to every text; numbers stay numbers (the checker wrote them)."""
    texts = [name for name in frame.columns if not pd.api.types.is_numeric_dtype(frame[name])]
    return frame.assign(**{name: [cell(name, v) if isinstance(v, str) else v for v in frame[name]] for name in texts})


def _clean(column: str, text: str) -> str:
    # A claim's words and its sentence may span lines; every other cell is one line.
    return clean(text, lines=column in MULTILINE_COLUMNS)


def claims_csv(frame: pd.DataFrame) -> str:
    """Write a claims table as CSV: every text cell cleaned and safe for a spreadsheet."""
    safe = _texts(frame, lambda column, text: neutralize(_clean(column, text)))
    return defuse(safe.to_csv(index=False, lineterminator="\n"))


def claims_json(frame: pd.DataFrame) -> str:
    """Write a claims table as JSON records, every text cleaned of control characters."""
    return json_safe(_texts(frame, _clean).to_json(orient="records", indent=2, force_ascii=False))


def findings_frame(findings: list[Discrepancy] | tuple[Discrepancy, ...]) -> pd.DataFrame:
    """Return one row per finding with both claim ids."""
    rows = [(d.id, d.rule, d.name, d.kind, d.verdict, d.severity, d.topic, d.a.id, d.b.id, d.explanation)
            for d in findings]
    columns = ["id", "rule", "name", "kind", "verdict", "severity", "topic", "claim_a", "claim_b", "explanation"]
    return pd.DataFrame(rows, columns=columns)
