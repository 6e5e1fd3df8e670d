"""Accepted findings: a reviewed CSV or an earlier JSON report, so that CI fails on new problems only."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

from checker.errors import InputError
from checker.records import Report

# Statuses that mean "not reviewed yet": such rows do not accept their finding.
OPEN_STATUSES = frozenset({"", "open", "new", "todo", "to do", "unreviewed", "pending"})


def load_baseline(path: str | Path) -> frozenset[str]:
    """Return the finding ids a baseline file accepts, or raise InputError naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read baseline ({getattr(err, 'strerror', None) or err})") from err
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return _from_json(text, path)
    return _from_csv(text, path)


def _from_json(text: str, path: Path) -> frozenset[str]:
    try:
        findings = json.loads(text)["discrepancies"]
        return frozenset(str(finding["id"]) for finding in findings)
    except (ValueError, KeyError, TypeError) as err:
        raise InputError(f"{path}: not a checker JSON report ({err})") from err


def _from_csv(text: str, path: Path) -> frozenset[str]:
    rows = list(csv.DictReader(text.splitlines()))
    if not rows and "id" not in text.split("\n", 1)[0]:
        raise InputError(f"{path}: a baseline CSV needs an id column")
    if rows and "id" not in rows[0]:
        raise InputError(f"{path}: a baseline CSV needs an id column")
    reviewed = [row for row in rows if _status(row) not in OPEN_STATUSES]
    # An editor who filled some statuses accepted those rows; a CSV with none is accepted whole.
    accepted = reviewed if any(_status(row) for row in rows) else rows
    return frozenset(_cell(row.get("id")) for row in accepted if _cell(row.get("id")))


def _status(row: dict) -> str:
    return _cell(row.get("status")).lower()


def _cell(value: str | None) -> str:
    """Undo the spreadsheet guard ("'=..." was written for "=...") and trim."""
    value = (value or "").strip()
    return value[1:] if value.startswith("'") else value


def apply_baseline(report: Report, accepted: frozenset[str]) -> Report:
    """Mark the report's findings that the baseline accepts, and list its stale entries."""
    ids = {d.id for d in report.discrepancies}
    return replace(report, suppressed=frozenset(accepted & ids), stale=tuple(sorted(accepted - ids)))
