"""Reporters: each renders a finished Report as text, picked by name."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from checker.records import Report
from checker.report import csv, github, html, json, markdown, sarif, table

REPORTERS: dict[str, Callable[[Report], str]] = {
    "table": table.render,
    "markdown": markdown.render,
    "json": json.render,
    "csv": csv.render,
    "github": github.render,
    "html": html.render,
    "sarif": sarif.render,
}
# Formats written in pieces (see output.write_all), never held whole: a big batch's reports.
IN_PIECES: dict[str, Callable[[Report], Iterable[str]]] = {"json": json.pieces, "sarif": sarif.pieces,
                                                           "csv": csv.pieces, "html": html.pieces}


def rendered(kind: str, report: Report) -> Iterable[str]:
    """Return a report's text in pieces, as a file or standard output takes it (one for a small format)."""
    return IN_PIECES[kind](report) if kind in IN_PIECES else (REPORTERS[kind](report),)

