"""Tell article tables from other files; parse CSV and JSONL tables and manifests into rows."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

Row = dict[str, str]
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
MANIFEST = "manifest.csv"


def has_text_column(path: str) -> bool:
    """Tell whether the header of a CSV file has a `text` column."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            header = next(csv.reader([handle.readline(65536)]), [])
    except OSError:
        return True  # let the loader read it and report why it cannot
    return "text" in {name.strip().lower() for name in header}


def folder_kind(path: str) -> str | None:
    """Return "text", "html" or "table" for a file found in a folder, None to pass it by."""
    name = os.path.basename(path).lower()
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(".jsonl"):
        return "table"
    if name.endswith(".csv") and name != MANIFEST and has_text_column(path):
        return "table"
    return None


def explicit_kind(path: str) -> str:
    """Return "table", "html" or "text" for a file named explicitly; other files are text."""
    name = path.lower()
    if name.endswith((".csv", ".jsonl")):
        return "table"
    return "html" if name.endswith(HTML_SUFFIXES) else "text"


def table_rows(path: str, text: str) -> tuple[list[tuple[str, str, Row]], list[str]]:
    """Return (id, location, row) for each row of an article table that has text, and problems."""
    numbered, problems = _numbered_rows(path, text)
    if numbered is None:
        return [], problems + [f"{path}: skipped: no 'text' column"]
    rows = []
    for number, row in numbered:
        where = f"{path}: row {number}"
        if not row.get("text", "").strip():
            problems.append(f"{where}: skipped: empty text")
            continue
        rows.append((row.get("id", "").strip() or f"{Path(path).stem}-{number}", where, row))
    return rows, problems


def _numbered_rows(path: str, text: str) -> tuple[list[tuple[int, Row]] | None, list[str]]:
    if path.lower().endswith(".jsonl"):
        rows, problems = _jsonl_rows(text)
        has_text = not rows or any("text" in row for _, row in rows)
        return (rows if has_text else None), [f"{path}: {problem}" for problem in problems]
    keys, records = _csv_records(text)
    return (list(enumerate(records, start=1)) if "text" in keys else None), []


def manifest_entries(path: str, text: str) -> tuple[dict[str, Row], list[str]]:
    """Return manifest rows keyed by id, and problems."""
    keys, records = _csv_records(text)
    if "id" not in keys:
        return {}, [f"{path}: no 'id' column; manifest ignored"]
    return {row["id"].strip(): row for row in records if row.get("id", "").strip()}, []


def listed_files(path: str, entries: dict[str, Row]) -> tuple[list[str], list[str]]:
    """Return the .txt, .md and .html files beside a manifest that it lists, and problems."""
    folder = os.path.dirname(path)
    names = sorted(os.listdir(folder or "."))
    suffixes = TEXT_SUFFIXES + HTML_SUFFIXES
    files = [os.path.join(folder, name) for name in names if name.lower().endswith(suffixes)]
    files = [file for file in files if Path(file).stem in entries]
    missing = sorted(set(entries) - {Path(file).stem for file in files})
    return files, [f"{path}: no .txt or .md file for id '{name}'" for name in missing]


def _csv_records(text: str) -> tuple[list[str], list[Row]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    keys = [name.strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = keys
    return keys, [_strings(record) for record in reader]


def _jsonl_rows(text: str) -> tuple[list[tuple[int, Row]], list[str]]:
    rows: list[tuple[int, Row]] = []
    problems: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not valid JSON ({exc.msg}); row skipped")
            continue
        if not isinstance(record, dict):
            problems.append(f"line {number}: not a JSON object; row skipped")
            continue
        rows.append((number, _strings(record)))
    return rows, problems


def _strings(record: dict) -> Row:
    # DictReader puts surplus cells under a None key and fills short rows with None.
    return {
        str(key).strip().lower(): value if isinstance(value, str) else str(value)
        for key, value in record.items()
        if key is not None and value is not None
    }
