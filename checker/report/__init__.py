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
# Formats a file may take in pieces (see output.write_all): the JSON documents of a big batch.
IN_PIECES: dict[str, Callable[[Report], Iterable[str]]] = {"json": json.pieces, "sarif": sarif.pieces}


def rendered(kind: str, report: Report) -> str | Iterable[str]:
    """Return a report for a file: in pieces where the format gives them, else whole."""
    return IN_PIECES[kind](report) if kind in IN_PIECES else REPORTERS[kind](report)

