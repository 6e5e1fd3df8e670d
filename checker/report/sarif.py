"""SARIF 2.1.0: the findings as static-analysis results, for code scanning (github/codeql-action/upload-sarif)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import quote

from checker import __version__
from checker.errors import RulesError
from checker.records import Article, Claim, Finding, Report
from checker.report.evidence import article_of, articles_by_id, source_of, state
from checker.report.github import primary_claim
from checker.report.sanitize import clean_report, json_pieces
from checker.rules import Check, load_checks

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"high": "error", "medium": "warning", "low": "note"}
ACCEPTED = {"kind": "external", "status": "accepted", "justification": "accepted in the baseline"}
FINGERPRINT = "findingId/v1"  # SARIF asks for a versioned name: the id's recipe may change one day


def artifact_uri(path: str) -> str:
    """Return a file's path as a URI: relative to the working folder where it lies inside it."""
    # Code scanning resolves a relative URI against the checkout, which is where CI runs the check.
    where = Path(path)
    if where.is_absolute():
        try:
            where = where.relative_to(Path.cwd())
        except ValueError:
            return where.as_uri()
    return quote(where.as_posix())


def _location(claim: Claim, articles: Mapping[str, Article], message: str = "") -> dict[str, object] | None:
    path = article_of(claim.article_id, articles).path
    if not path:
        return None
    physical: dict[str, object] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if claim.line >= 1:
        physical["region"] = {"startLine": claim.line}
    return {"physicalLocation": physical, **({"message": {"text": message}} if message else {})}


def _says(claim: Claim, value: str, articles: Mapping[str, Article]) -> str:
    return f"{source_of(article_of(claim.article_id, articles))}: {value} (“{claim.text}”)"


def _related(finding: Finding, primary: Claim, articles: Mapping[str, Article]) -> list[dict[str, object]]:
    """Return every other claim of the fact as a related location, saying whose value it is."""
    related = []
    for variant in finding.variants:
        for claim in variant.claims:
            if claim is primary:
                continue
            location = _location(claim, articles, _says(claim, variant.value, articles))
            if location:
                related.append({"id": len(related) + 1, **location})
    return related


def result(report: Report, finding: Finding, index: int, articles: Mapping[str, Article]) -> dict[str, object]:
    """Return the SARIF result of one disputed fact."""
    primary = primary_claim(finding)
    location = _location(primary, articles, _says(primary, finding.variants[-1].value, articles))
    entry: dict[str, object] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": f"{finding.explanation} (finding {finding.id})"},
        "locations": [location] if location else [],
        "relatedLocations": _related(finding, primary, articles),
        "partialFingerprints": {FINGERPRINT: finding.id},
        "properties": {"findingId": finding.id, "kind": finding.kind, "verdict": finding.verdict,
                       "severity": finding.severity, "topic": finding.topic, "values": list(finding.values)},
    }
    baseline = state(report, finding)
    if baseline == "suppressed":
        entry["suppressions"] = [dict(ACCEPTED)]
    elif baseline:
        entry["properties"]["baseline"] = baseline  # reopened: accepted once, a new value since
    return entry


def _checks() -> dict[str, Check]:
    """Return the bundled checks by id, whose descriptions document the rules."""
    try:
        return {check.id: check for check in load_checks()}
    except RulesError:
        return {}


def rule(finding: Finding, checks: Mapping[str, Check]) -> dict[str, object]:
    """Return the SARIF rule of a finding's check, documented by its description where it is known."""
    check = checks.get(finding.rule)
    entry: dict[str, object] = {"id": finding.rule, "name": finding.name,
                                "shortDescription": {"text": finding.name}, "properties": {"kind": finding.kind}}
    # A check from another rules folder may reuse a bundled id; its name tells them apart.
    if check and check.name == finding.name:
        entry["fullDescription"] = {"text": check.description}
        entry["help"] = {"text": check.description}
    return entry


def render(report: Report) -> str:
    """Render the disputed facts as a SARIF 2.1.0 log with one run."""
    return "".join(pieces(report))


def pieces(report: Report) -> Iterator[str]:
    """Yield the SARIF log in pieces, as render() would write it whole (see sanitize.json_pieces)."""
    report = clean_report(report)
    articles = articles_by_id(report.articles)
    by_rule = {f.rule: f for f in sorted(report.findings, key=lambda f: f.rule)}  # one finding per check
    index = {rule_id: i for i, rule_id in enumerate(by_rule)}
    checks = _checks() if by_rule else {}
    run = {
        "tool": {"driver": {"name": "checker", "version": __version__, "semanticVersion": __version__,
                            "rules": [rule(f, checks) for f in by_rule.values()]}},
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": [
            {"level": "warning", "message": {"text": warning}} for warning in report.warnings]}],
        "results": [result(report, f, index[f.rule], articles) for f in report.findings],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    yield from json_pieces(document)
