"""An editor's review in the CSV: which statuses accept a finding, and how a review moves on.

A status accepts its finding only when it says so; a blank status never does, and one the
checker does not know keeps the finding open (with a warning), so a typo cannot hide a
problem.
"""

from __future__ import annotations

import re
from pathlib import Path

from checker.errors import InputError
from checker.records import Review
from checker.spreadsheet import read_rows, unprotect

# Written as an editor would; compared without case, spaces or punctuation ("False-Alarm").
ACCEPTING = ("accepted", "accept", "false alarm", "false positive", "not an issue", "ok", "won't fix",
             "ignore", "ignored")
OPEN = ("", "open", "new", "todo", "to do", "unreviewed", "pending", "reopened", "confirmed", "error",
        "fix", "to fix", "needs fix", "fixed", "in progress")
UNREVIEWED_NOTE = "accepted without review (--accept-unreviewed)"


def _key(status: str) -> str:
    return re.sub(r"[\W_]+", "", status.lower())


_ACCEPTS = {_key(s): True for s in ACCEPTING} | {_key(s): False for s in OPEN}


def accepts(status: str) -> bool | None:
    """Tell whether a status accepts its finding: True, False, or None for a status not known."""
    key = _key(status)
    return None if status.strip() and not key else _ACCEPTS.get(key)  # "?" is no blank


def unknown_status_warning(path: Path, status: str, ids: list[str]) -> str:
    """Say that rows with a status the checker does not know stay open."""
    return (f"baseline {path}: status {status!r} is not known, so {len(ids)} finding(s) stay open "
            f"({', '.join(ids)}); statuses that accept: {', '.join(ACCEPTING)}")


def reopened(review: Review | None, values: frozenset[str]) -> Review:
    """Return the review of an accepted finding that gained a value: open again, saying what was accepted."""
    before = f"was {review.status if review and review.status else 'accepted'} with {' / '.join(sorted(values))}"
    return Review("reopened", before + (f"; {review.note}" if review and review.note else ""))


def guard_review(target: Path, baseline: Path | None) -> None:
    """Refuse to overwrite a reviewed CSV that is not this run's baseline: its review would be lost."""
    if not target.is_file() or (baseline is not None and baseline.is_file() and target.samefile(baseline)):
        return
    try:
        rows = read_rows(target)
    except InputError:
        return  # not a review: no id column, or not a CSV at all
    reviewed = [row for row in rows if unprotect(row.get("status")) or unprotect(row.get("note"))]
    if reviewed:
        raise InputError(f"{target} holds a review ({len(reviewed)} row(s) with a status or note); "
                         "pass it as --baseline to carry the review into the new CSV, or --out another folder")
