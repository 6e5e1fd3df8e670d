"""The HTML report: one self-contained page an editor opens offline, escaped by Jinja2."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from checker.records import Article, Finding, Report, Variant
from checker.report.evidence import (SEVERITIES, article_of, articles_by_id, claim_fields, quote_of,
                                     severity_counts, sources_count, split_quote, state, variant_sources)
from checker.report.sanitize import clean_report, html_safe, line_pieces

__all__ = ["pieces", "render", "split_quote"]

VERDICTS = ("conflict", "update")
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


def _variant(variant: Variant, articles: Mapping[str, Article]) -> dict[str, object]:
    claims = []
    for claim in variant.claims:
        fields = claim_fields(claim, article_of(claim.article_id, articles))
        fields["quote"] = quote_of(claim)
        claims.append(fields)
    return {"value": variant.value, "count": sources_count(variant), "claims": claims}


def _card(report: Report, finding: Finding, articles: Mapping[str, Article]) -> dict[str, object]:
    return {"f": finding, "state": state(report, finding),
            "variants": [_variant(v, articles) for v in finding.variants]}


def _agreed(finding: Finding, articles: Mapping[str, Article]) -> dict[str, object]:
    variant = finding.variants[0]
    return {"f": finding, "value": variant.value, "count": sources_count(variant),
            "sources": ", ".join(variant_sources(variant, articles))}


def _ordered(counts: Counter[str], first: tuple[str, ...]) -> list[tuple[str, int]]:
    """List counts in a fixed order of known keys, then any others alphabetically."""
    keys = [k for k in first if counts[k]] + sorted(k for k in counts if k not in first)
    return [(k, counts[k]) for k in keys]


def _sources(report: Report, articles: Mapping[str, Article]) -> list[dict[str, object]]:
    """Count findings per source, split by severity, with bar widths in percent of the longest."""
    per: dict[str, Counter[str]] = {}
    for finding in report.findings:
        names = {name for v in finding.variants for name in variant_sources(v, articles)}
        for name in names:
            per.setdefault(name, Counter())[finding.severity] += 1
    top = max((sum(c.values()) for c in per.values()), default=1)
    rows = sorted(per.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    return [{"name": name, "total": sum(c.values()),
             "bars": [(s, c[s], round(100 * c[s] / top, 1)) for s in SEVERITIES if c[s]]} for name, c in rows]


def render(report: Report) -> str:
    """Render the report as one HTML page with inline CSS and a small filtering script."""
    return "".join(pieces(report))


def pieces(report: Report) -> Iterator[str]:
    """Yield the page in pieces of whole lines, as render() would write it whole."""
    report = clean_report(report)
    articles = articles_by_id(report.articles)
    cards = [_card(report, f, articles) for f in report.findings]
    yield from line_pieces(_ENV.get_template("report.html.j2").generate(
        report=report,
        cards=cards,
        agreed=[_agreed(f, articles) for f in report.agreed],
        severities=_ordered(severity_counts(report), SEVERITIES),
        verdicts=_ordered(Counter(f.verdict for f in report.findings), VERDICTS),
        kinds=_ordered(Counter(f.kind for f in report.findings), KINDS),
        sources=_sources(report, articles),
        suppressed_count=sum(c["state"] == "suppressed" for c in cards),
        reopened_count=sum(c["state"] == "reopened" for c in cards),
    ), html_safe)
