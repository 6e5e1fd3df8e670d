"""The Markdown report: fit for a pull-request comment or a file an editor opens."""

from __future__ import annotations

import re
from collections.abc import Mapping

from checker.records import Article, Claim, Finding, Report
from checker.report.evidence import (article_of, articles_by_id, baseline_note, quote_of, source_of,
                                     sources_count, stale_text, state, summary_line, variant_label)

# Characters that would end a table cell, open a tag or start emphasis, a link or code in article text.
_ESCAPES = {c: "\\" + c for c in "\\`*[]<|"}


def _text(text: str) -> str:
    """Escape article text for Markdown and keep it on one line."""
    return "".join(_ESCAPES.get(c, c) for c in re.sub(r"\s+", " ", text))


def _code(text: str) -> str:
    """Quote a path as inline code, with a fence longer than any backtick run inside it."""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _quote(claim: Claim) -> str:
    """Quote a claim's sentence with the claim's own words in bold."""
    before, words, after = quote_of(claim)
    return _text(before) + (f"**{_text(words)}**" if words else "") + _text(after)


def _severity(report: Report, finding: Finding) -> str:
    baseline = state(report, finding)
    return f"{finding.severity} ({baseline})" if baseline else finding.severity


def _stale(report: Report) -> list[str]:
    """Return the paragraph listing baseline ids that match nothing now (none when empty)."""
    return [stale_text(report), ""] if report.stale else []


def _table(report: Report) -> list[str]:
    lines = ["| severity | verdict | rule | topic | variants |", "|---|---|---|---|---|"]
    for f in report.findings:
        variants = " / ".join(_text(variant_label(v)) for v in f.variants)
        lines.append(f"| {_severity(report, f)} | {f.verdict} | {f.rule} | {_text(f.topic)} | {variants} |")
    return lines + [""]


def _section(report: Report, finding: Finding, articles: Mapping[str, Article]) -> list[str]:
    lines = [f"## {_severity(report, finding)} {finding.verdict}: {_text(finding.topic)} "
             f"({finding.rule} {finding.name}, `{finding.id}`)", "", _text(finding.explanation), ""]
    for variant in finding.variants:
        lines.append(f"- **{_text(variant.value)}** — {sources_count(variant)}")
        for claim in variant.claims:
            article = article_of(claim.article_id, articles)
            date = article.published.isoformat() if article.published else "undated"
            lines.append(f"  - {_text(source_of(article))}, {date}, {_code(article.path)} line {claim.line}: "
                         f"{_quote(claim)}")
    return lines + [""]


def render(report: Report) -> str:
    """Render a summary, a findings table, stale baseline ids and the evidence of each finding."""
    lines = ["# Fact consistency report", "", summary_line(report) + baseline_note(report) + ".", ""]
    if not report.findings:
        return "\n".join(lines + ["No disputed facts found.", ""] + _stale(report))
    articles = articles_by_id(report.articles)
    lines += _table(report) + _stale(report)
    for finding in report.findings:
        lines += _section(report, finding, articles)
    return "\n".join(lines)
