"""Findings per check, for --statistics: one row per check that found something, then the total."""

from __future__ import annotations

from tabulate import tabulate

from checker.records import Finding, Report
from checker.report.evidence import SEVERITIES, state
from checker.report.sanitize import clean_report, defuse

HEADERS = ("rule", "name", "findings", *SEVERITIES, "updates", "suppressed")


def render(report: Report) -> str:
    """Count the reported findings by check, severity, verdict and baseline state."""
    report = clean_report(report)
    if not report.findings:
        return "No findings to count.\n"
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    rows = [[rule, group[0].name, *_counts(report, group)] for rule, group in sorted(by_rule.items())]
    rows.append(["total", "", *_counts(report, list(report.findings))])
    return defuse(tabulate(rows, headers=HEADERS, tablefmt="simple")) + "\n"


def _counts(report: Report, findings: list[Finding]) -> list[int]:
    return [len(findings), *(sum(f.severity == level for f in findings) for level in SEVERITIES),
            sum(f.verdict == "update" for f in findings), sum(state(report, f) == "suppressed" for f in findings)]
