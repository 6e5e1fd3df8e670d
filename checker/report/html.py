"""The HTML report: one self-contained page an editor opens offline, escaped by Jinja2."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from checker.records import Claim, Discrepancy, Report
from checker.report.evidence import articles_by_id, severity_counts, side

SEVERITIES = ("high", "medium", "low")
KINDS = ("number", "date", "attribution", "role")

# Autoescape everything: article text is untrusted markup and must never run in the page.
_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def split_quote(sentence: str, words: str, at: int = -1) -> tuple[str, str, str]:
    """Split a sentence into the text before the claim's words, the words, and the rest."""
    if not words:
        return sentence, "", ""
    if at < 0 or sentence[at:at + len(words)] != words:
        at = sentence.find(words)
    if at < 0:
        return sentence, "", ""
    return sentence[:at], words, sentence[at + len(words):]


def _evidence(claim: Claim, articles: dict) -> dict[str, object]:
    fields = side(claim, articles[claim.article_id])
    fields["quote"] = split_quote(claim.sentence.text, claim.text, claim.start - claim.sentence.start)
    return fields


def _card(d: Discrepancy, articles: dict, suppressed: frozenset[str]) -> dict[str, object]:
    return {"d": d, "suppressed": d.id in suppressed, "sides": (_evidence(d.a, articles), _evidence(d.b, articles))}


def _ordered(counts: Counter[str], first: tuple[str, ...]) -> list[tuple[str, int]]:
    """List counts in a fixed order of known keys, then any others alphabetically."""
    keys = [k for k in first if counts[k]] + sorted(k for k in counts if k not in first)
    return [(k, counts[k]) for k in keys]


def _sources(report: Report, articles: dict) -> list[dict[str, object]]:
    """Count findings per source, split by severity, with bar widths in percent of the longest."""
    per: dict[str, Counter[str]] = {}
    for d in report.discrepancies:
        names = {articles[c.article_id].source or c.article_id for c in (d.a, d.b)}
        for name in names:
            per.setdefault(name, Counter())[d.severity] += 1
    top = max((sum(c.values()) for c in per.values()), default=1)
    rows = sorted(per.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    return [{"name": name, "total": sum(c.values()),
             "bars": [(s, c[s], round(100 * c[s] / top, 1)) for s in SEVERITIES if c[s]]} for name, c in rows]


def render(report: Report) -> str:
    """Render the report as one HTML page with inline CSS and a small filtering script."""
    articles = articles_by_id(report.articles)
    cards = [_card(d, articles, report.suppressed) for d in report.discrepancies]
    return _ENV.get_template("report.html.j2").render(
        report=report,
        cards=cards,
        severities=_ordered(severity_counts(report), SEVERITIES),
        kinds=_ordered(Counter(d.kind for d in report.discrepancies), KINDS),
        sources=_sources(report, articles),
        suppressed_count=sum(1 for c in cards if c["suppressed"]),
    )
