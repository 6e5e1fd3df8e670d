"""The terminal table: what a person reads first, one row per disputed fact, fitted to the terminal."""

from __future__ import annotations

import shutil
import textwrap

import click
from tabulate import tabulate

from checker.records import Finding, Report
from checker.report.evidence import baseline_note, stale_text, state, summary_line
from checker.report.sanitize import clean_report, defuse

HEADERS = ("severity", "verdict", "rule", "topic", "variants", "id")
GAP = 2  # tabulate's "simple" format puts two spaces between columns
MIN_TOPIC, MAX_TOPIC, MIN_VARIANTS = 8, 30, 12
WHOLE_PIECE = 40  # a variant up to this long is worth keeping on one line: stack the findings first
INDENT = "  "  # a stacked finding's topic and variants, under its first line
# How a colour terminal shows a level or state; the words stay, so nothing is told by colour alone.
STYLES = {"high": {"fg": "red", "bold": True}, "medium": {"fg": "yellow"}, "low": {"fg": "cyan"},
          "update": {"fg": "blue"}, "suppressed": {"dim": True}, "reopened": {"fg": "magenta"}}


def render(report: Report, width: int | None = None, color: bool = False) -> str:
    """Render findings as a plain-text table no wider than the terminal, stale ids, then a summary;
    below the width six columns need, each finding is a block of lines instead."""
    report = clean_report(report)
    return defuse(_render(report, width or shutil.get_terminal_size((100, 24)).columns, color))


def _render(report: Report, width: int, color: bool) -> str:
    tail = [line for text in (stale_text(report), summary_line(report) + baseline_note(report))
            for line in _wrap(text, width) if text]
    if not report.findings:
        return "\n".join(["No disputed facts found.", *tail]) + "\n"
    fixed = [[_severity(report, f, color), _paint(f.verdict, color), f.rule, f.id] for f in report.findings]
    variants = [[_variant(v) for v in f.variants] for f in report.findings]
    longest = max(len(piece) + 2 for pieces in variants for piece in pieces)  # with its " /"
    widths = _widths(fixed, [f.topic for f in report.findings], [" / ".join(pieces) for pieces in variants], width,
                     min(longest, WHOLE_PIECE))
    if widths is None:
        return "\n\n".join(_block(report, f, pieces, width, color) for f, pieces in zip(report.findings, variants)) \
            + "\n\n" + "\n".join(tail) + "\n"
    topic_width, variants_width = widths
    rows = [[sev, verdict, rule, "\n".join(_wrap(f.topic, topic_width)), "\n".join(_pack(pieces, variants_width)), fid]
            for (sev, verdict, rule, fid), f, pieces in zip(fixed, report.findings, variants)]
    table = tabulate(rows, headers=HEADERS, tablefmt="simple", disable_numparse=True)
    return table + "\n\n" + "\n".join(tail) + "\n"


def _paint(word: str, color: bool) -> str:
    # Each line of a cell is styled on its own, so padding and the next line stay plain.
    return click.style(word, **STYLES[word]) if color and word in STYLES else word


def _severity(report: Report, finding: Finding, color: bool = False) -> str:
    baseline = state(report, finding)
    severity = _paint(finding.severity, color)
    return f"{severity}\n{_paint(baseline, color)}" if baseline else severity


def _block(report: Report, finding: Finding, pieces: list[str], width: int, color: bool) -> str:
    """Lay out one finding for a narrow terminal: its levels, check and id, then topic and variants."""
    baseline = state(report, finding)
    head = [_paint(finding.severity, color), *([f"({_paint(baseline, color)})"] if baseline else []),
            _paint(finding.verdict, color), finding.rule, finding.id]
    inner = max(width - len(INDENT), 1)
    body = [*_wrap(finding.topic, inner), *_pack(pieces, inner)]
    return "\n".join([" ".join(head), *(INDENT + line for line in body)])


def _variant(variant) -> str:
    return f"{variant.value} ({len(variant.articles)})"


def _widths(fixed: list[list[str]], topics: list[str], variants: list[str], width: int,
            piece: int) -> tuple[int, int] | None:
    """Share what the fixed columns leave of the width between the topic and the variants;
    None when a narrow topic column and a variant column that breaks no variant (of up to
    `piece` characters) do not fit."""
    used = sum(_column_width(HEADERS[i], col) for i, col in zip((0, 1, 2, 5), zip(*fixed)))
    room = width - used - GAP * (len(HEADERS) - 1)
    if room < MIN_TOPIC + max(MIN_VARIANTS, piece):
        return None
    want_topic = max([len("topic") + 2] + [len(t) for t in topics])
    want_variants = max([len("variants") + 2] + [len(v) for v in variants])
    if want_topic + want_variants <= room:
        return want_topic, want_variants
    # The variants are what an editor compares, so they get the larger share.
    topic = max(MIN_TOPIC, min(MAX_TOPIC, want_topic, room // 3, room - piece))
    variants = max(MIN_VARIANTS, room - topic)
    if want_variants < variants:  # hand back what the variants do not use
        topic, variants = max(MIN_TOPIC, min(want_topic, room - want_variants)), want_variants
    return topic, variants


def _column_width(header: str, cells: tuple[str, ...]) -> int:
    # tabulate pads a header by two, so a column is never narrower than that; colour takes no room.
    return max([len(header) + 2] + [len(click.unstyle(line)) for cell in cells for line in cell.split("\n")])


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
