"""The Markdown report: fit for a pull-request comment or a file an editor opens."""

from __future__ import annotations

from checker.records import Discrepancy, Report
from checker.report.evidence import articles_by_id, summary_line


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _quote(sentence: str, words: str) -> str:
    """Quote a sentence with the claim's own words in bold."""
    at = sentence.find(words)
    if at < 0 or not words:
        return _cell(sentence)
    return _cell(sentence[:at]) + "**" + _cell(words) + "**" + _cell(sentence[at + len(words):])


def _severity(report: Report, d: Discrepancy) -> str:
    return f"{d.severity} (suppressed)" if d.id in report.suppressed else d.severity


def _stale(report: Report) -> list[str]:
    """Return the paragraph listing baseline ids that match nothing now (none when empty)."""
    return [f"Stale baseline entries (no longer match): {', '.join(report.stale)}", ""] if report.stale else []


def _summary(report: Report) -> str:
    suppressed = sum(d.id in report.suppressed for d in report.discrepancies)
    return summary_line(report) + (f"; {suppressed} suppressed by baseline" if suppressed else "")


def render(report: Report) -> str:
    """Render a summary, a findings table, stale baseline ids and the evidence of each finding."""
    lines = ["# Fact consistency report", "", _summary(report) + ".", ""]
    if not report.discrepancies:
        return "\n".join(lines + ["No discrepancies found.", ""] + _stale(report))
    articles = articles_by_id(report.articles)
    lines += ["| severity | rule | topic | A | B |", "|---|---|---|---|---|"]
    for d in report.discrepancies:
        a, b = articles[d.a.article_id], articles[d.b.article_id]
        lines.append(
            f"| {_severity(report, d)} | {d.rule} | {_cell(d.topic)} | {_cell(a.source or a.id)}: "
            f"{_cell(d.a.value.display)} | {_cell(b.source or b.id)}: {_cell(d.b.value.display)} |"
        )
    lines.append("")
    lines += _stale(report)
    for d in report.discrepancies:
        lines += [f"## {_severity(report, d)}: {d.topic} ({d.rule} {d.name}, `{d.id}`)", "", d.explanation, ""]
        for label, claim in (("A", d.a), ("B", d.b)):
            article = articles[claim.article_id]
            date = f", {article.published.isoformat()}" if article.published else ""
            lines.append(f"- **{label}** {article.source or article.id}{date} (`{article.path}`, line {claim.line}): "
                         f"{_quote(claim.sentence.text, claim.text)}")
        lines.append("")
    return "\n".join(lines)
