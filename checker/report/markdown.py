"""The Markdown report: fit for a pull-request comment or a file an editor opens."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from checker.records import Article, Claim, Finding, Report
from checker.report.evidence import (article_of, articles_by_id, baseline_note, quote_of, source_of,
                                     sources_count, stale_text, state, summary_line, variant_label)
from checker.report.sanitize import clean_report, defuse

# Characters that would end a table cell, open a tag or an entity ("&#64;" is an "@"), or start
# emphasis, a link, an image or code in article text.
_ESCAPES = str.maketrans({c: "\\" + c for c in "\\`*[]<|&"})
_SPACES = re.compile(r"\s+")
# What GitHub turns into a notification or a cross-reference: "@user", "@org/team", "#12",
# "owner/repo#12", "GH-12". A zero-width joiner after the sign keeps the text as it reads and
# links nobody.
_MENTION = re.compile(r"(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])|#(?=\d)|(?<![A-Za-z0-9_])GH-(?=\d)", re.IGNORECASE)
_JOINER = "\u200d"
# The longest pull-request comment GitHub takes, in characters as JavaScript counts them (UTF-16 units).
COMMENT_LIMIT = 65_536
_RANK = {"high": 0, "medium": 1, "low": 2}


def _text(text: str) -> str:
    """Escape article text for Markdown and keep it on one line."""
    escaped = _SPACES.sub(" ", text).translate(_ESCAPES)
    return defuse(_MENTION.sub(lambda m: m[0] + _JOINER, escaped))


def _code(text: str) -> str:
    """Quote a path as inline code, with a fence longer than any backtick run inside it."""
    text = defuse(text)  # a code span shows its text as it is: "##[" has no escape there
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
    return [_text(stale_text(report)), ""] if report.stale else []


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


def size(text: str) -> int:
    """Return a text's length as GitHub counts it: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def _left_out(report: Report, shown: int, limit: int) -> list[str]:
    """Say how many findings the report leaves out for its size, and where they all are."""
    rest = report.findings[shown:]
    counted = Counter(f.severity for f in rest)
    counts = ", ".join(f"{counted[s]} {s}" for s in sorted(counted, key=lambda s: _RANK.get(s, len(_RANK))))
    return [f"**{len(rest)} more finding(s) not shown** ({counts}): this report is kept within the "
            f"{limit:,} characters of a pull-request comment; see report.json (or report.html, "
            "report.sarif) for every finding.", ""]


def render(report: Report, limit: int = COMMENT_LIMIT) -> str:
    """Render a summary, a findings table, stale baseline ids and each finding's evidence, within `limit`."""
    report = clean_report(report)
    lines = ["# Fact consistency report", "", summary_line(report) + baseline_note(report) + ".", ""]
    if not report.findings:
        return "\n".join(lines + ["No disputed facts found.", ""] + _stale(report))
    articles = articles_by_id(report.articles)
    rows, sections = _table(report), [_section(report, f, articles) for f in report.findings]
    full = "\n".join(lines + rows + _stale(report) + [line for s in sections for line in s])
    if size(full) <= limit:
        return full
    return _within(report, lines, rows, sections, limit)


def _within(report: Report, head: list[str], rows: list[str], sections: list[list[str]], limit: int) -> str:
    """Return the report with as many leading findings (table row and evidence) as fit in `limit`."""
    # Each line costs its length and a newline; the note is sized for the worst case, every finding left out.
    fixed = head + rows[:2] + [""] + _stale(report) + _left_out(report, 0, limit)
    budget = limit - sum(size(x) + 1 for x in fixed)
    shown = 0
    for row, section in zip(rows[2:-1], sections):
        cost = size(row) + 1 + sum(size(x) + 1 for x in section)
        if cost > budget:
            break
        budget -= cost
        shown += 1
    table = rows[:2 + shown] + [""] if shown else []
    body = [line for s in sections[:shown] for line in s]
    return "\n".join(head + table + _stale(report) + _left_out(report, shown, limit) + body)
