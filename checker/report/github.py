"""GitHub Actions workflow commands: one annotation per finding, then a summary notice."""

from __future__ import annotations

from checker.records import Article, Claim, Discrepancy, Report
from checker.report.evidence import articles_by_id, summary_line

COMMANDS = {"high": "error", "medium": "warning", "low": "notice"}
_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = _DATA_ESCAPES + ((":", "%3A"), (",", "%2C"))


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it."""
    for raw, escaped in _DATA_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def escape_property(text: str) -> str:
    """Escape a command property value (file, title)."""
    for raw, escaped in _PROPERTY_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def render(report: Report) -> str:
    """Render each finding as an annotation on side A's line, then a summary notice."""
    articles = articles_by_id(report.articles)
    lines = [annotation(d, articles, d.id in report.suppressed) for d in report.discrepancies]
    lines.append("::notice::" + escape_data(_summary(report)))
    return "\n".join(lines) + "\n"


def annotation(d: Discrepancy, articles: dict[str, Article], suppressed: bool = False) -> str:
    """Return the workflow command for one finding; a suppressed one is a plain notice."""
    a = articles[d.a.article_id]
    props = [("file", a.path)] + ([("line", str(d.a.line))] if d.a.line >= 1 else [])
    props.append(("title", f"{d.rule} {d.name}: {d.topic}"))
    message = f"{d.explanation} — B: {_where(d.b, articles[d.b.article_id])}"
    if suppressed:
        message = "suppressed by baseline: " + message
    command = "notice" if suppressed else COMMANDS.get(d.severity, "warning")
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{command} {joined}::{escape_data(message)}"


def _where(claim: Claim, article: Article) -> str:
    place = f"{article.path}:{claim.line}" if claim.line >= 1 else article.path
    return f"{article.source or article.id} {place}"


def _summary(report: Report) -> str:
    suppressed = sum(d.id in report.suppressed for d in report.discrepancies)
    stale = len(report.stale)
    return (f"{summary_line(report)}; {suppressed} suppressed by baseline; "
            f"{stale} stale baseline entr{'y' if stale == 1 else 'ies'}")
