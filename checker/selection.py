"""Which findings a run reports: checks chosen by id or prefix, severities set, levels and verdicts shown.

Applied to the judged report, not to the checks before judging: dropping a check before
would let a less specific one take its facts (NUM001's tolls would come back as NUM002).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from checker.config import Settings
from checker.judge.findings import order
from checker.records import Finding, Report
from checker.rules import SEVERITIES

RANK = {level: rank for rank, level in enumerate(reversed(SEVERITIES), 1)}  # low 1, medium 2, high 3


def _longest(rule: str, codes) -> int:
    """Return the length of the longest code that starts `rule` (-1 when none does)."""
    return max((len(code) for code in codes if rule.startswith(code)), default=-1)


def selected(rule: str, settings: Settings) -> bool:
    """Tell whether a check is reported: the most specific matching prefix decides, an ignore on a tie."""
    chosen = _longest(rule, settings.select) if settings.select else 0  # no select: every check
    return chosen >= 0 and chosen > _longest(rule, settings.ignore)


def level(finding: Finding, settings: Settings) -> str:
    """Return a disputed finding's severity after the most specific override for its check."""
    best = max(((len(code), lvl) for code, lvl in settings.severity if finding.rule.startswith(code)), default=None)
    return best[1] if best else finding.severity


def choose(report: Report, settings: Settings) -> tuple[Report, Counter[str]]:
    """Return the report of what the settings show, and how many disputed findings each filter hid."""
    hidden: Counter[str] = Counter()
    kept = []
    for finding in report.findings:
        finding = replace(finding, severity=level(finding, settings))
        reason = _hidden_by(finding, settings)
        if reason:
            hidden[reason] += 1
        else:
            kept.append(finding)
    ids = {f.id for f in kept}
    agreed = tuple(f for f in report.agreed if selected(f.rule, settings))
    # Baseline states follow the findings shown; stale entries stay (they matched nothing at all).
    return replace(report, findings=tuple(sorted(kept, key=order)), agreed=agreed,
                   suppressed=report.suppressed & ids, reopened=report.reopened & ids), hidden


def _hidden_by(finding: Finding, settings: Settings) -> str:
    if not selected(finding.rule, settings):
        return "select"
    if settings.verdict != "all" and finding.verdict != settings.verdict:
        return "verdict"
    if RANK[finding.severity] < RANK[settings.min_severity]:
        return "min_severity"
    return ""


def hidden_note(hidden: Counter[str], settings: Settings) -> str:
    """Say how many findings the selection left out, and why ("" when none)."""
    why = {"select": "of checks not selected", "verdict": f"not {settings.verdict}s",
           "min_severity": f"below {settings.min_severity}"}
    parts = [f"{hidden[key]} {text}" for key, text in why.items() if hidden[key]]
    total = sum(hidden.values())
    return f"{total} finding{'s' if total != 1 else ''} not shown ({', '.join(parts)})" if parts else ""
