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
# Names CMS and scraper exports give the article text; `text` wins when a table has several.
TEXT_COLUMNS = ("text", "body", "content", "article_text", "article_body", "full_text", "fulltext")
# Python's csv refuses cells over 128 KB; a table's text cell is an article and may be longer.
# The file itself is bounded by max_file_mb before any cell is read.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


def has_text_column(path: str) -> bool:
    """Tell whether the header of a CSV file has a text column (`text` or a synonym)."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            header = next(csv.reader([handle.readline(65536)]), [])
    except (OSError, csv.Error):
        return True  # let the loader read it and report why it cannot
    return text_column(name.strip().lower() for name in header) is not None


def text_column(names) -> str | None:
    """Return the column holding the article text among a table's column names, or None."""
    present = set(names)
    return next((name for name in TEXT_COLUMNS if name in present), None)


def article_name(path: str) -> bool:
    """Tell whether a file's name is one an article or article table in a folder may have."""
    name = os.path.basename(path).lower()
    return name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + (".jsonl", ".csv")) and name != MANIFEST


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
        rows = [(number, _with_text(row, text_column(row))) for number, row in rows]
        has_text = not rows or any("text" in row for _, row in rows)
        return (rows if has_text else None), [f"{path}: {problem}" for problem in problems]
    keys, records = _csv_records(text)
    column = text_column(keys)
    return ([(number, _with_text(row, column)) for number, row in enumerate(records, start=1)]
            if column else None), []


def _with_text(row: Row, column: str | None) -> Row:
    """Return the row with its text under `text`, whatever the table called it."""
    if column is None or column == "text":
        return row
    return {**row, "text": row.get(column, "")}


def manifest_entries(path: str, text: str) -> tuple[dict[str, Row], list[str]]:
    """Return manifest rows keyed by id, and problems."""
    keys, records = _csv_records(text)
    if "id" not in keys:
        return {}, [f"{path}: no 'id' column; manifest ignored"]
    entries: dict[str, Row] = {}
    rows: dict[str, list[int]] = {}
    for number, row in enumerate(records, start=1):
        key = row.get("id", "").strip()
        if key:
            entries[key] = row  # the last row wins, as a later edit would
            rows.setdefault(key, []).append(number)
    problems = [f"{path}: id '{key}' listed in rows {', '.join(map(str, numbers))}; row {numbers[-1]} used"
                for key, numbers in rows.items() if len(numbers) > 1]
    return entries, problems


def listed_files(path: str, entries: dict[str, Row]) -> tuple[list[str], list[str]]:
    """Return the .txt, .md and .html files beside a manifest that it lists, and problems."""
    folder = os.path.dirname(path)
    names = sorted(os.listdir(folder or "."))
    suffixes = TEXT_SUFFIXES + HTML_SUFFIXES
    files = [os.path.join(folder, name) for name in names if name.lower().endswith(suffixes)]
    files = [file for file in files if Path(file).stem in entries]
    missing = sorted(set(entries) - {Path(file).stem for file in files})
    return files, [f"{path}: no .txt or .md file for id '{name}'" for name in missing]


class TableError(ValueError):
    """A table that cannot be parsed at all; the message says where."""


def _csv_records(text: str) -> tuple[list[str], list[Row]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        keys = [name.strip().lower() for name in reader.fieldnames or []]
        reader.fieldnames = keys
        return keys, [_strings(record) for record in reader]
    except csv.Error as err:
        raise TableError(f"not a readable CSV table (line {reader.line_num}: {err})") from err


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
        except RecursionError:
            problems.append(f"line {number}: nested too deeply to read; row skipped")
            continue
        except ValueError as exc:  # a number of thousands of digits, past Python's conversion limit
            problems.append(f"line {number}: not readable ({exc}); row skipped")
            continue
        if not isinstance(record, dict):
            problems.append(f"line {number}: not a JSON object; row skipped")
            continue
        try:
            rows.append((number, _strings(record)))
        except (ValueError, RecursionError) as exc:  # a field too long or too deep to write as text
            problems.append(f"line {number}: not readable ({exc}); row skipped")
    return rows, problems


def _strings(record: dict) -> Row:
    # DictReader puts surplus cells under a None key and fills short rows with None.
    return {
        _text(str(key)).strip().lower(): _text(value if isinstance(value, str) else str(value))
        for key, value in record.items()
        if key is not None and value is not None
    }


def _text(value: str) -> str:
    """Return a JSON string without lone surrogates ("\\ud800"), which no output can write."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
    return value
