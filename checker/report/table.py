"""The terminal table: what a person reads first, one row per disputed fact, fitted to the terminal."""

from __future__ import annotations

import shutil
import textwrap

from tabulate import tabulate

from checker.records import Finding, Report
from checker.report.evidence import baseline_note, stale_text, state, summary_line

HEADERS = ("severity", "verdict", "rule", "topic", "variants", "id")
GAP = 2  # tabulate's "simple" format puts two spaces between columns
MIN_TOPIC, MAX_TOPIC, MIN_VARIANTS = 8, 30, 12


def render(report: Report, width: int | None = None) -> str:
    """Render findings as a plain-text table no wider than the terminal, stale ids, then a summary."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    tail = [line for text in (stale_text(report), summary_line(report) + baseline_note(report))
            for line in _wrap(text, width) if text]
    if not report.findings:
        return "\n".join(["No disputed facts found.", *tail]) + "\n"
    fixed = [[_severity(report, f), f.verdict, f.rule, f.id] for f in report.findings]
    variants = [[_variant(v) for v in f.variants] for f in report.findings]
    topic_width, variants_width = _widths(fixed, [f.topic for f in report.findings],
                                          [" / ".join(pieces) for pieces in variants], width)
    rows = [[sev, verdict, rule, "\n".join(_wrap(f.topic, topic_width)), "\n".join(_pack(pieces, variants_width)), fid]
            for (sev, verdict, rule, fid), f, pieces in zip(fixed, report.findings, variants)]
    table = tabulate(rows, headers=HEADERS, tablefmt="simple", disable_numparse=True)
    return table + "\n\n" + "\n".join(tail) + "\n"


def _severity(report: Report, finding: Finding) -> str:
    baseline = state(report, finding)
    return f"{finding.severity}\n{baseline}" if baseline else finding.severity


def _variant(variant) -> str:
    return f"{variant.value} ({len(variant.articles)})"


def _widths(fixed: list[list[str]], topics: list[str], variants: list[str], width: int) -> tuple[int, int]:
    """Share what the fixed columns leave of the width between the topic and the variants."""
    used = sum(_column_width(HEADERS[i], col) for i, col in zip((0, 1, 2, 5), zip(*fixed)))
    room = width - used - GAP * (len(HEADERS) - 1)
    want_topic = max([len("topic") + 2] + [len(t) for t in topics])
    want_variants = max([len("variants") + 2] + [len(v) for v in variants])
    if want_topic + want_variants <= room:
        return want_topic, want_variants
    # The variants are what an editor compares, so they get the larger share.
    topic = max(MIN_TOPIC, min(MAX_TOPIC, want_topic, room // 3))
    variants = max(MIN_VARIANTS, room - topic)
    if want_variants < variants:  # hand back what the variants do not use
        topic, variants = max(MIN_TOPIC, min(want_topic, room - want_variants)), want_variants
    # Below the minimums the table cannot fit; it stays readable rather than collapsing.
    return topic, variants


def _column_width(header: str, cells: tuple[str, ...]) -> int:
    # tabulate pads a header by two, so a column is never narrower than that.
    return max([len(header) + 2] + [len(line) for cell in cells for line in cell.split("\n")])


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(width, 1)) or [text]


def _pack(pieces: list[str], width: int) -> list[str]:
    """Lay out "a / b / c" in lines of at most `width`, breaking inside a piece only when it is too long."""
    lines: list[str] = []
    for i, piece in enumerate(pieces):
        piece += " /" if i < len(pieces) - 1 else ""
        if lines and len(lines[-1]) + 1 + len(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines += _wrap(piece, width)
    return lines
