"""GitHub Actions workflow commands: one annotation per disputed fact, then a summary notice."""

from __future__ import annotations

from collections.abc import Mapping

from checker.records import Article, Claim, Finding, Report
from checker.report.evidence import article_of, articles_by_id, source_of, state, summary_line

COMMANDS = {"high": "error", "medium": "warning", "low": "notice"}
PREFIXES = {"suppressed": "suppressed by baseline: ", "reopened": "reopened (a new value since the baseline): "}
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
    """Render each finding as one annotation, then a summary notice."""
    articles = articles_by_id(report.articles)
    lines = [annotation(f, articles, state(report, f)) for f in report.findings]
    lines.append("::notice::" + escape_data(_summary(report)))
    return "\n".join(lines) + "\n"


def annotation(finding: Finding, articles: Mapping[str, Article], baseline: str = "") -> str:
    """Return the workflow command for one finding; a suppressed one is a plain notice."""
    # The last variant is the least stated side: the line an editor is most likely to correct.
    claim = finding.variants[-1].claims[0]
    props = [("file", article_of(claim.article_id, articles).path)]
    props += [("line", str(claim.line))] if claim.line >= 1 else []
    props.append(("title", f"{finding.rule} {finding.name}: {finding.topic}"))
    sides = " / ".join(f"{v.value}: " + "; ".join(_where(c, articles) for c in v.claims) for v in finding.variants)
    message = PREFIXES.get(baseline, "") + f"{finding.explanation} — {sides}"
    command = "notice" if baseline == "suppressed" else COMMANDS.get(finding.severity, "warning")
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{command} {joined}::{escape_data(message)}"


def _where(claim: Claim, articles: Mapping[str, Article]) -> str:
    article = article_of(claim.article_id, articles)
    place = f"{article.path}:{claim.line}" if claim.line >= 1 else article.path
    return f"{source_of(article)} {place}"


def _summary(report: Report) -> str:
    counts = {name: sum(state(report, f) == name for f in report.findings) for name in PREFIXES}
    stale = len(report.stale)
    return (f"{summary_line(report)}; {counts['suppressed']} suppressed by baseline; {counts['reopened']} reopened; "
            f"{stale} stale baseline entr{'y' if stale == 1 else 'ies'}")
