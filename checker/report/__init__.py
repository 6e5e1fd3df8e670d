"""Reporters: each renders a finished Report as text, picked by name."""

from __future__ import annotations

from collections.abc import Callable

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
