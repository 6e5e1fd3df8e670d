"""Explain one check for `checker rule ID`: what it compares, how it grades, its examples."""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Sequence

from checker.config import Settings
from checker.errors import InputError
from checker.rules import Check, Example
from checker.selection import selected

WIDTH = 88


def find_check(checks: Sequence[Check], wanted: str) -> Check:
    """Return the check with this id (any case) or dotted name, or raise InputError suggesting close ones."""
    for check in checks:
        if wanted.upper() == check.id or wanted.lower() == check.name:
            return check
    close = (difflib.get_close_matches(wanted.upper(), [c.id for c in checks], 2)
             + difflib.get_close_matches(wanted.lower(), [c.name for c in checks], 2))
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise InputError(f"no check {wanted!r} (checks: {', '.join(sorted(c.id for c in checks))}){hint}")


def explain(check: Check, settings: Settings) -> str:
    """Return the plain-text page of one check."""
    lines = [f"{check.id}  {check.name}", "", *_fill(check.description), ""]
    lines += _fill(f"Compares: {check.claim} claims; dimensions {', '.join(check.dimensions)}; predicates "
                   f"{', '.join(check.predicates)} (comparison kind: {check.kind})", hanging="  ")
    lines += _fill(f"Severity: {_grading(check)}", hanging="  ")
    overrides = [f"{code}={level}" for code, level in settings.severity if check.id.startswith(code)]
    if overrides:
        lines.append(f"  set by the settings: {max(overrides, key=len)}")  # the most specific wins
    if not selected(check.id, settings):
        lines.append("  not reported with the current select/ignore settings")
    lines += [f"Message: {check.message}", f"Defined in: {settings.rules / 'checks' / (check.id + '.toml')}"]
    for flagged, title in ((True, "Flagged"), (False, "Not flagged")):
        examples = [_example(e) for e in check.examples if e.flagged is flagged]
        if examples:
            lines += ["", f"{title}:", *[line for i, block in enumerate(examples) for line in ([""] if i else []) + block]]
    return "\n".join(lines) + "\n"


def _grading(check: Check) -> str:
    thresholds = ", ".join(f"{level} from {value:g}" for level, value in check.severity.items())
    # What the figure graded is depends on the kind; the check file's comments say it for the others.
    graded = "the relative gap between the figures" if check.kind == "interval" else "the score its file describes"
    return f"{thresholds}, else low (of {graded})" if thresholds else "as the comparison kind grades it"


def _example(example: Example) -> list[str]:
    lines = []
    for side in ("a", "b"):
        day = getattr(example, f"{side}_published")
        lines += _fill(f"{side}: {getattr(example, side)}" + (f" (published {day})" if day else ""),
                       indent="  ", hanging="     ")
    outcome = " ".join(part for part in (example.severity, example.verdict) if part)
    if outcome:
        lines.append(f"  -> {outcome}")
    if example.why:
        lines += _fill(example.why, indent="  ")
    return lines


def _fill(text: str, indent: str = "", hanging: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=hanging or indent) or [""]
