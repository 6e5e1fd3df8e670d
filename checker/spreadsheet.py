"""CSV cells and files as spreadsheets read and write them: the cell guard, and reading an edited CSV back."""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from checker.errors import InputError

# A cell starting with one of these runs as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# What a spreadsheet turns into a number, date or time and then writes back changed:
# 007, 3.50, 1e5, 1/2, 3-4, 10:30, 10 am, 2008-01-30, 30.01.2008, 12 Mar 2025, Mar-12, 12dec.
_CONVERTED = re.compile(rf"""(?ix)
    [($€£]?\s*\d[\d\s.,:/-]*(e[+-]?\d+)?\s*(%|[ap]\.?m\.?)?\)?
  | (\d{{1,2}}[\s./-]*)?{_MONTH}([\s,./-]*\d{{1,4}})+
  | \d{{1,2}}[\s./-]*{_MONTH}
""")
# Whole numbers a spreadsheet shows and saves unchanged (from 12 digits it writes 1.23457E+11).
_PLAIN_NUMBER = re.compile(r"0|[1-9]\d{0,10}")
# Delimiters a spreadsheet saves CSV with: comma, semicolon (locales with a decimal comma), tab.
DELIMITERS = (",", ";", "\t")


def protect(cell: object) -> str:
    """Keep a spreadsheet from running a cell as a formula or converting it (prefix a quote)."""
    text = "" if cell is None else str(cell)
    if text.startswith(_FORMULA_START):
        return "'" + text
    single = text.strip()
    # A cell of several lines is always text to a spreadsheet.
    if "\n" not in text and _CONVERTED.fullmatch(single) and not _PLAIN_NUMBER.fullmatch(single):
        return "'" + text
    return text


def unprotect(cell: str | None) -> str:
    """Undo protect() and trim: "'=..." was written for "=...", "'3-4" for "3-4"."""
    text = (cell or "").strip()
    return text[1:].strip() if text.startswith("'") else text


def decode(data: bytes) -> str:
    """Decode a spreadsheet's CSV: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Excel's "CSV" on Windows; five undefined bytes become U+FFFD rather than an error.
        return data.decode("cp1252", errors="replace")


def read_rows(path: Path, key: str = "id") -> list[dict[str, str]]:
    """Read the rows of a CSV a spreadsheet may have saved, header names trimmed and lower-cased.
    The delimiter is the one that makes `key` a header name; raise InputError when none does."""
    try:
        text = decode(path.read_bytes())
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from err
    first, _, rest = text.partition("\n")
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        delimiters, text = (first.strip()[4],), rest  # Excel's own "sep=;" first line
    else:
        delimiters = DELIMITERS
    try:
        for delimiter in delimiters:
            # Cells hold several lines (one per variant): read the text whole, not line by line.
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            header = [unprotect(name).lower() for name in next(reader, [])]
            if key in header:
                return [dict(zip(header, cells)) for cells in reader if any(c.strip() for c in cells)]
    except csv.Error as err:
        raise InputError(f"{path}: not a readable CSV ({err})") from err
    raise InputError(f"{path}: a baseline CSV needs an {key} column")
