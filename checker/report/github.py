"""GitHub Actions workflow commands: an annotation per disputed fact, within a step's limits, then a summary."""

from __future__ import annotations

from collections.abc import Mapping

from checker.records import Article, Claim, Finding, Report
from checker.report.evidence import article_of, articles_by_id, source_of, state, summary_line
from checker.report.sanitize import clean_report, defuse

COMMANDS = {"high": "error", "medium": "warning", "low": "notice"}
# GitHub shows 10 error, 10 warning and 10 notice annotations per step and drops the rest; one
# notice is kept for the summary, so that it is always shown.
LIMITS = {"error": 10, "warning": 10, "notice": 9}
_ORDER = {"error": 0, "warning": 1, "notice": 2}
PREFIXES = {"suppressed": "suppressed by baseline: ", "reopened": "reopened (a new value since the baseline): "}
_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = _DATA_ESCAPES + ((":", "%3A"), (",", "%2C"))


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it."""
    # Escaped, a message holds no line start. The runner tries a legacy "##[command]" only on a
    # line its "::" parser refuses, which ours never are; it is broken all the same, so that no
    # line depends on that order.
    text = defuse(text, line_starts=False)
    for raw, escaped in _DATA_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def escape_property(text: str) -> str:
    """Escape a command property value (file, title)."""
    text = defuse(text, line_starts=False)
    for raw, escaped in _PROPERTY_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def render(report: Report) -> str:
    """Render the most severe findings as annotations, list the rest in the log, then a summary notice."""
    report = clean_report(report)
    articles = articles_by_id(report.articles)
    shown, rest = ranked(report)
    lines = [annotation(f, articles, state(report, f)) for f in shown]
    if rest:
        # Not annotations: the log still holds every finding, in a group folded by default.
        lines.append(f"::group::{len(rest)} more finding(s), not annotated")
        lines += [plain(f, articles, state(report, f)) for f in rest]
        lines.append("::endgroup::")
    lines.append("::notice::" + escape_data(_summary(report, len(rest))))
    return "\n".join(lines) + "\n"


def command(finding: Finding, baseline: str = "") -> str:
    """Return the annotation a finding gets: by severity; a suppressed one is a notice."""
    return "notice" if baseline == "suppressed" else COMMANDS.get(finding.severity, "warning")


def ranked(report: Report) -> tuple[list[Finding], list[Finding]]:
    """Split the findings into those annotated, most severe first, and those over a step's limits."""
    # Open findings before suppressed ones; otherwise the report's order (most severe first) holds.
    def rank(finding: Finding) -> tuple[int, bool]:
        baseline = state(report, finding)
        return _ORDER[command(finding, baseline)], baseline == "suppressed"

    order = sorted(report.findings, key=rank)
    shown: list[Finding] = []
    rest: list[Finding] = []
    used = dict.fromkeys(LIMITS, 0)
    for finding in order:
        kind = command(finding, state(report, finding))
        fits = used[kind] < LIMITS[kind]
        used[kind] += fits
        (shown if fits else rest).append(finding)
    return shown, rest


def primary_claim(finding: Finding) -> Claim:
    """Return the claim a finding is shown at: the first of its least stated variant."""
    # The last variant is the least stated side: the line an editor is most likely to correct.
    return finding.variants[-1].claims[0]


def annotation(finding: Finding, articles: Mapping[str, Article], baseline: str = "") -> str:
    """Return the workflow command for one finding, its id in the title; a suppressed one is a notice."""
    claim = primary_claim(finding)
    props = [("file", article_of(claim.article_id, articles).path)]
    props += [("line", str(claim.line))] if claim.line >= 1 else []
    props.append(("title", f"{finding.rule} {finding.name}: {finding.topic} (finding {finding.id})"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{command(finding, baseline)} {joined}::{escape_data(_message(finding, articles, baseline))}"


def plain(finding: Finding, articles: Mapping[str, Article], baseline: str = "") -> str:
    """Return a finding as one plain log line (it starts with a word, so it is no workflow command)."""
    text = f"{finding.severity} {finding.rule} {finding.id} {finding.topic}: {_message(finding, articles, baseline)}"
    # A line that is no "::" command is read for a legacy "##[command]" anywhere in it.
    return defuse(" ".join(text.split()))


def _message(finding: Finding, articles: Mapping[str, Article], baseline: str) -> str:
    sides = " / ".join(f"{v.value}: " + "; ".join(_where(c, articles) for c in v.claims) for v in finding.variants)
    return PREFIXES.get(baseline, "") + f"{finding.explanation} — {sides}"


def _where(claim: Claim, articles: Mapping[str, Article]) -> str:
    article = article_of(claim.article_id, articles)
    place = f"{article.path}:{claim.line}" if claim.line >= 1 else article.path
    return f"{source_of(article)} {place}"


def _summary(report: Report, hidden: int = 0) -> str:
    counts = {name: sum(state(report, f) == name for f in report.findings) for name in PREFIXES}
    stale = len(report.stale)
    over = (f"; {hidden} more finding(s) not annotated (GitHub shows 10 errors, 10 warnings and 10 notices a step): "
            "they are listed in the log above, and --out writes every finding to report.json and report.sarif"
            if hidden else "")
    return (f"{summary_line(report)}; {counts['suppressed']} suppressed by baseline; {counts['reopened']} reopened; "
            f"{stale} stale baseline entr{'y' if stale == 1 else 'ies'}{over}")
