"""The Markdown report: fit for a pull-request comment or a file an editor opens."""

from __future__ import annotations

from checker.records import Report
from checker.report.evidence import articles_by_id, summary_line


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _quote(sentence: str, words: str) -> str:
    """Quote a sentence with the claim's own words in bold."""
    at = sentence.find(words)
    if at < 0 or not words:
        return _cell(sentence)
    return _cell(sentence[:at]) + "**" + _cell(words) + "**" + _cell(sentence[at + len(words):])


def render(report: Report) -> str:
    """Render a summary, a findings table and the evidence of each finding."""
    lines = ["# Fact consistency report", "", summary_line(report) + ".", ""]
    if not report.discrepancies:
        return "\n".join(lines + ["No discrepancies found.", ""])
    articles = articles_by_id(report.articles)
    lines += ["| severity | rule | topic | A | B |", "|---|---|---|---|---|"]
    for d in report.discrepancies:
        a, b = articles[d.a.article_id], articles[d.b.article_id]
        lines.append(
            f"| {d.severity} | {d.rule} | {_cell(d.topic)} | {_cell(a.source or a.id)}: {_cell(d.a.value.display)} "
            f"| {_cell(b.source or b.id)}: {_cell(d.b.value.display)} |"
        )
    lines.append("")
    for d in report.discrepancies:
        lines += [f"## {d.severity}: {d.topic} ({d.rule} {d.name}, `{d.id}`)", "", d.explanation, ""]
        for label, claim in (("A", d.a), ("B", d.b)):
            article = articles[claim.article_id]
            date = f", {article.published.isoformat()}" if article.published else ""
            lines.append(f"- **{label}** {article.source or article.id}{date} (`{article.path}`, line {claim.line}): "
                         f"{_quote(claim.sentence.text, claim.text)}")
        lines.append("")
    return "\n".join(lines)
