"""Accepted findings: a reviewed CSV or an earlier JSON report, so that CI fails on new problems only.

A baseline accepts a finding with the values it had: when the finding gains a value since
(a new outlet gives a third figure), it is reopened.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import replace
from pathlib import Path

from checker.errors import InputError
from checker.records import Report

# Statuses that mean "not reviewed yet": such rows do not accept their finding.
OPEN_STATUSES = frozenset({"", "open", "new", "todo", "to do", "unreviewed", "pending"})
# A CSV `values` line: "5 (2 sources)".
_VALUE_LINE = re.compile(r"^(?P<value>.*?) \(\d+ sources?\)$")

Accepted = dict[str, frozenset[str] | None]  # finding id -> the values accepted (None: any)


def load_baseline(path: str | Path) -> Accepted:
    """Return the findings a baseline file accepts, with their values, or raise InputError naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read baseline ({getattr(err, 'strerror', None) or err})") from err
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return _from_json(text, path)
    return _from_csv(text, path)


def _from_json(text: str, path: Path) -> Accepted:
    try:
        document = json.loads(text)
        if document.get("version") != 2:
            raise ValueError(f"report version {document.get('version')}; this checker reads version 2")
        return {str(f["id"]): frozenset(main_value(str(v["value"])) for v in f["variants"]) for f in document["findings"]}
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise InputError(f"{path}: not a checker JSON report ({err})") from err


def _from_csv(text: str, path: Path) -> Accepted:
    rows = list(csv.DictReader(text.splitlines()))
    header = rows[0] if rows else dict.fromkeys(next(csv.reader(text.splitlines()[:1]), []))
    if "id" not in header:
        raise InputError(f"{path}: a baseline CSV needs an id column")
    reviewed = [row for row in rows if _status(row) not in OPEN_STATUSES]
    # An editor who filled some statuses accepted those rows; a CSV with none is accepted whole.
    accepted = reviewed if any(_status(row) for row in rows) else rows
    return {_cell(row.get("id")): _values(row) for row in accepted if _cell(row.get("id"))}


def _values(row: dict) -> frozenset[str] | None:
    """Read the values a CSV row had; None when the row does not say (any value is accepted)."""
    lines = [_cell(line) for line in (row.get("values") or "").splitlines() if line.strip()]
    found = [m.group("value") for line in lines if (m := _VALUE_LINE.match(line))]
    return frozenset(main_value(v) for v in found) if found else None


def main_value(value: str) -> str:
    """Return a variant's own value without the compatible ones it also holds ("43 (also > 40)" -> "43")."""
    return value.split(" (also ", 1)[0]


def _status(row: dict) -> str:
    return _cell(row.get("status")).lower()


def _cell(value: str | None) -> str:
    """Undo the spreadsheet guard ("'=..." was written for "=...") and trim."""
    value = (value or "").strip()
    return value[1:] if value.startswith("'") else value


def apply_baseline(report: Report, accepted: Accepted) -> Report:
    """Mark the findings the baseline accepts with their values, reopen those that gained a
    value, and list the baseline's stale entries."""
    suppressed, reopened = set(), set()
    for finding in report.findings:
        if finding.id not in accepted:
            continue
        values = accepted[finding.id]
        if values is None or {main_value(v) for v in finding.values} <= values:
            suppressed.add(finding.id)
        else:
            reopened.add(finding.id)
    ids = {f.id for f in report.findings}
    return replace(report, suppressed=frozenset(suppressed), reopened=frozenset(reopened),
                   stale=tuple(sorted(set(accepted) - ids)))
