"""Accepted findings: a reviewed CSV or an earlier JSON report, so that CI fails on new problems only.

A baseline accepts a finding with the values it had: when the finding gains a value since
(a new outlet gives a third figure), it is reopened. A finding is recognised by its id, or,
when its id moved (an article dated as early as its first joined the fact), by a statement
it had: the same check at the same file and line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker.errors import InputError
from checker.records import Finding, Report
from checker.spreadsheet import decode, read_rows, unprotect

# Statuses that mean "not reviewed yet": such rows do not accept their finding.
OPEN_STATUSES = frozenset({"", "open", "new", "todo", "to do", "unreviewed", "pending"})
# The place in a CSV evidence line "value | source | path:line | date | url | sentence"; the
# date after it anchors it, so a source or sentence holding " | " does not shift it.
_PLACE = re.compile(r" \| (?P<path>[^|\n]+?):(?P<line>\d+) \| (?:undated|\d{4}-\d{2}-\d{2}) \| ")
# A CSV `values` line: "5 (2 sources)".
_VALUE_LINE = re.compile(r"^(?P<value>.*?) \(\d+ sources?\)$")



@dataclass(frozen=True, slots=True)
class Accepted:
    """What a baseline accepts: finding ids with their values, and where their statements were."""

    values: dict[str, frozenset[str] | None] = field(default_factory=dict)  # id -> values (None: any)
    places: dict[tuple[str, str, int], str] = field(default_factory=dict)  # (rule, path, line) -> id


def load_baseline(path: str | Path) -> Accepted:
    """Return the findings a baseline file accepts, with their values, or raise InputError naming the file."""
    path = Path(path)
    try:
        text = decode(path.read_bytes())
    except OSError as err:
        raise InputError(f"{path}: cannot read baseline ({err.strerror or err})") from err
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return _from_json(text, path)
    return _from_csv(read_rows(path), path)


def _from_json(text: str, path: Path) -> Accepted:
    try:
        document = json.loads(text)
        if document.get("version") != 2:
            raise ValueError(f"report version {document.get('version')}; this checker reads version 2")
        findings = document["findings"]
        values = {str(f["id"]): frozenset(main_value(str(v["value"])) for v in f["variants"]) for f in findings}
        places = {(str(f.get("rule", "")), str(c["path"]), int(c["line"])): str(f["id"])
                  for f in findings for v in f["variants"] for c in v.get("claims", ())}
        return Accepted(values, places)
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise InputError(f"{path}: not a checker JSON report ({err})") from err


def _from_csv(rows: list[dict[str, str]], path: Path) -> Accepted:
    reviewed = [row for row in rows if _status(row) not in OPEN_STATUSES]
    # An editor who filled some statuses accepted those rows; a CSV with none is accepted whole.
    accepted = reviewed if any(_status(row) for row in rows) else rows
    kept = [row for row in accepted if unprotect(row.get("id"))]
    places = {(unprotect(row.get("rule")), path, line): unprotect(row["id"]) for row in kept for path, line in _places(row)}
    return Accepted({unprotect(row["id"]): _values(row) for row in kept}, places)


def _places(row: dict) -> list[tuple[str, int]]:
    """Read the file and line of each statement in a CSV row's evidence."""
    return [(m.group("path"), int(m.group("line")))
            for line in (row.get("evidence") or "").splitlines() if (m := _PLACE.search(unprotect(line)))]


def _values(row: dict) -> frozenset[str] | None:
    """Read the values a CSV row had; None when the row does not say (any value is accepted)."""
    lines = [unprotect(line) for line in (row.get("values") or "").splitlines() if line.strip()]
    found = [m.group("value") for line in lines if (m := _VALUE_LINE.match(line))]
    return frozenset(main_value(v) for v in found) if found else None


def main_value(value: str) -> str:
    """Return a variant's own value without the compatible ones it also holds ("43 (also > 40)" -> "43")."""
    return value.split(" (also ", 1)[0]


def _status(row: dict) -> str:
    return unprotect(row.get("status")).lower()


def _held(value: str, values: frozenset[str]) -> bool:
    """Tell whether a baseline's values hold a value, also as a Windows-1252 save wrote it:
    Excel's "CSV" turns what that code page lacks into "?" ("≥ 40" into "? 40")."""
    return value in values or value.encode("cp1252", errors="replace").decode("cp1252") in values


def apply_baseline(report: Report, accepted: Accepted) -> Report:
    """Mark the findings the baseline accepts with their values, reopen those that gained a
    value, and list the baseline's stale entries."""
    suppressed, reopened = set(), set()
    paths = {article.id: article.path for article in report.articles}
    matched = {f.id for f in report.findings if f.id in accepted.values}  # kept for their own finding
    for finding in report.findings:
        entry = finding.id if finding.id in accepted.values else _moved(finding, paths, accepted, matched)
        if entry is None:
            continue
        matched.add(entry)
        values = accepted.values[entry]
        if values is None or all(_held(main_value(v), values) for v in finding.values):
            suppressed.add(finding.id)
        else:
            reopened.add(finding.id)
    return replace(report, suppressed=frozenset(suppressed), reopened=frozenset(reopened),
                   stale=tuple(sorted(set(accepted.values) - matched)))


def _moved(finding: Finding, paths: dict[str, str], accepted: Accepted, matched: set[str]) -> str | None:
    """Return the baseline entry of a finding whose id moved, found by one of its statements."""
    for claim in finding.claims:
        entry = accepted.places.get((finding.rule, paths.get(claim.article_id, ""), claim.line))
        if entry is not None and entry not in matched:
            return entry
    return None
