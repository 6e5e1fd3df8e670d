"""Accepted findings: a reviewed CSV or an earlier JSON report, so that CI fails on new problems only.

A baseline accepts only what someone accepted: a CSV row whose status accepts it (see
checker.review), a JSON finding the report marks suppressed; `accept_unreviewed` also
accepts the CSV rows with no status and every finding a JSON report lists. It accepts a
finding with the values it had: when the finding gains a value since (a new outlet gives
a third figure), it is reopened. A finding is recognised by its id, or, when its id moved
(an article dated as early as its first joined the fact), by a statement it had: the same
check at the same file and line. The CSV's statuses and notes go with the finding it
recognises into the next CSV.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker.errors import InputError
from checker.records import Finding, Report, Review
from checker.review import UNREVIEWED_NOTE, accepts, reopened, unknown_status_warning
from checker.spreadsheet import decode, read_rows, unprotect

# The place in a CSV evidence line "value | source | path:line | date | url | sentence"; the
# date after it anchors it, so a source or sentence holding " | " does not shift it.
_PLACE = re.compile(r" \| (?P<path>[^|\n]+?):(?P<line>\d+) \| (?:undated|\d{4}-\d{2}-\d{2}) \| ")
# A CSV `values` line: "5 (2 sources)".
_VALUE_LINE = re.compile(r"^(?P<value>.*?) \(\d+ sources?\)$")


@dataclass(frozen=True, slots=True)
class Accepted:
    """What a baseline accepts: finding ids with their values, reviews, and where their statements were."""

    values: dict[str, frozenset[str] | None] = field(default_factory=dict)  # accepted id -> values (None: any)
    places: dict[tuple[str, str, int], str] = field(default_factory=dict)  # (rule, path, line) -> id
    reviews: dict[str, Review] = field(default_factory=dict)  # id -> status and note, as written
    warnings: tuple[str, ...] = ()


def load_baseline(path: str | Path, accept_unreviewed: bool = False) -> Accepted:
    """Return the findings a baseline file accepts, with their values, or raise InputError naming the file."""
    path = Path(path)
    try:
        text = decode(path.read_bytes())
    except OSError as err:
        raise InputError(f"{path}: cannot read baseline ({err.strerror or err})") from err
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return _from_json(text, path, accept_unreviewed)
    rows = read_rows(path)
    return _from_csv(rows, path, accept_unreviewed)


def _from_json(text: str, path: Path, accept_unreviewed: bool) -> Accepted:
    try:
        document = json.loads(text)
        if document.get("version") != 2:
            raise ValueError(f"report version {document.get('version')}; this checker reads version 2")
        findings = [f for f in document["findings"] if accept_unreviewed or f.get("suppressed") is True]
        values = {str(f["id"]): frozenset(main_value(str(v["value"])) for v in f["variants"]) for f in findings}
        places = {(str(f.get("rule", "")), str(c["path"]), int(c["line"])): str(f["id"])
                  for f in findings for v in f["variants"] for c in v.get("claims", ())}
        listed = len(document["findings"])
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise InputError(f"{path}: not a checker JSON report ({err})") from err
    warnings = () if values or not listed else (
        f"baseline {path}: none of its {listed} finding(s) is marked suppressed, so none is accepted; "
        "pass --accept-unreviewed to accept every finding it lists",)
    return Accepted(values, places, warnings=warnings)


def _from_csv(rows: list[dict[str, str]], path: Path, accept_unreviewed: bool) -> Accepted:
    values, places, reviews, unknown = {}, {}, {}, defaultdict(list)
    for row in rows:
        finding_id, status, note = (unprotect(row.get(k)) for k in ("id", "status", "note"))
        if not finding_id:
            continue
        verdict = accepts(status)
        if verdict is None:
            unknown[status].append(finding_id)
        if not status and accept_unreviewed:
            verdict, status, note = True, "accepted", note or UNREVIEWED_NOTE
        if status or note:
            reviews[finding_id] = Review(status, note)
        if verdict:
            values[finding_id] = _values(row)
        if verdict or status or note:
            places.update({(unprotect(row.get("rule")), p, n): finding_id for p, n in _places(row)})
    warnings = [unknown_status_warning(path, status, ids) for status, ids in unknown.items()]
    if rows and not any(unprotect(row.get("status")) for row in rows) and not accept_unreviewed:
        warnings.append(f"baseline {path}: no row has a status, so none is accepted; set a status that "
                        "accepts (accepted, false alarm, ...) or pass --accept-unreviewed")
    return Accepted(values, places, reviews, tuple(warnings))


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


def _held(value: str, values: frozenset[str]) -> bool:
    """Tell whether a baseline's values hold a value, also as a Windows-1252 save wrote it:
    Excel's "CSV" turns what that code page lacks into "?" ("≥ 40" into "? 40")."""
    return value in values or value.encode("cp1252", errors="replace").decode("cp1252") in values


def apply_baseline(report: Report, accepted: Accepted) -> Report:
    """Mark the findings the baseline accepts with their values, reopen those that gained a
    value, carry the reviews over, and list the baseline's stale entries."""
    suppressed, reopen, reviews = set(), set(), {}
    paths = {article.id: article.path for article in report.articles}
    known = set(accepted.values) | set(accepted.reviews)
    matched = {f.id for f in report.findings if f.id in known}  # kept for their own finding
    for finding in report.findings:
        entry = finding.id if finding.id in known else _moved(finding, paths, accepted, matched)
        if entry is None:
            continue
        matched.add(entry)
        review = accepted.reviews.get(entry)
        if entry in accepted.values:
            values = accepted.values[entry]
            if values is None or all(_held(main_value(v), values) for v in finding.values):
                suppressed.add(finding.id)
            else:
                reopen.add(finding.id)
                review = reopened(review, values)
        if review is not None:
            reviews[finding.id] = review
    return replace(report, suppressed=frozenset(suppressed), reopened=frozenset(reopen),
                   stale=tuple(sorted(set(accepted.values) - matched)), reviews=tuple(sorted(reviews.items())))


def _moved(finding: Finding, paths: dict[str, str], accepted: Accepted, matched: set[str]) -> str | None:
    """Return the baseline entry of a finding whose id moved, found by one of its statements."""
    for claim in finding.claims:
        entry = accepted.places.get((finding.rule, paths.get(claim.article_id, ""), claim.line))
        if entry is not None and entry not in matched:
            return entry
    return None
