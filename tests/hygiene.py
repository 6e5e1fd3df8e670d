"""Hostile payloads and what each output format must make of them, shared by the hygiene tests."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from html.parser import HTMLParser

# name -> text, as an article, a file name, a manifest or a table may carry it.
FORMULAS = {
    "minus word": "-row",
    "equals word": "=cmd",
    "equals": "=1+1",
    "plus": "+1+1",
    "minus": "-1+1",
    "at": "@SUM(A1)",
    "hyperlink formula": '=HYPERLINK("http://evil/x","open")',
    "after spaces": "   =1+1",
    "after a double quote": '"=1+1',
    "after an apostrophe": "'=1+1",
    "after a semicolon": ";=1+1",
    "after a tab": "\t=1+1",
    "after CR": "\r=1+1",
    "after LF": "\n=1+1",
    "full-width equals": "＝1+1",
    "full-width plus": "＋1+1",
    "full-width minus": "－1+1",
    "full-width at": "＠SUM(A1)",
    "small equals": "﹦1+1",
    "inside after a semicolon": "Reuters;=1+1",
    "ANSI before equals": "\x1b[0m=1+1",
}
ESCAPES = {
    "CSI colour": "\x1b[31mred\x1b[0m",
    "clear screen": "\x1b[2J\x1b[H",
    "OSC 52 clipboard": "\x1b]52;c;ZXZpbA==\x07",
    "OSC title": "\x1b]0;pwned\x1b\\",
    "OSC 8 hyperlink": "\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\",
    "unterminated OSC": "\x1b]0;no end",
    "8-bit CSI": "\x9b2J",
    "C0 and DEL": "a\x00b\x07c\x08d\x7f",
    "bidi override": "\u202eevil\u202c",
}
COMMANDS = {
    "newline warning": "\n::warning::forged",
    "CRLF add-mask": "\r\n::add-mask::secret",
    "stop-commands": "\n::stop-commands::token",
    "indented error": "\n   ::error file=a.txt::forged",
    "line separator": "\u2028::warning::forged",
    "next line": "\x85::warning::forged",
    "legacy command": "##[error]forged",
    "Azure command": "##vso[task.setvariable variable=x]1",
}
MARKUP = {
    "script": "<script>alert(1)</script>",
    "img onerror": "<img src=x onerror=alert(1)>",
    "mention": "@team",
    "team mention": "@org/team",
    "issue reference": "owner/repo#12",
    "remote image": "![x](http://evil/x.png)",
    "javascript link": "[x](javascript:alert(1))",
    "javascript url": "javascript:alert(1)",
    "entity": "&#64;team &lt;b&gt;",
    "autolink": "<http://evil/>",
    "attribute break": '" onmouseover="alert(1)',
}
PAYLOADS = {**FORMULAS, **ESCAPES, **COMMANDS, **MARKUP}

_SIGNS = "=+-@"
# What a spreadsheet skips before it reads a formula.
_LEAD = " \t\r\n\"'`;\u00a0\u200b\u200c\u200d\u2060\ufeff\u2018\u2019\u201c\u201d"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # where a runner (.NET ReadLine) splits the log
_LEGACY = re.compile(r"##(?:vso|teamcity)?\[", re.IGNORECASE)
_SGR = re.compile(r"\x1b\[[0-9;]*m")
# Category Cc is U+0000-U+001F and U+007F-U+009F; then the bidi embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def controls(text: str) -> list[str]:
    """Return the control characters (Unicode category Cc) and bidi controls in text, line feeds aside."""
    return _CONTROL.findall(text)


def command_lines(text: str) -> list[str]:
    """Return the lines a GitHub runner reads as a "::" command (after its leading spaces)."""
    return [line for line in _LINE_BREAK.split(text) if line.lstrip().startswith("::")]


def legacy_commands(text: str) -> list[str]:
    """Return the legacy "##[command]" openers a runner reads anywhere in a line."""
    return _LEGACY.findall(text)


def sgr_count(text: str) -> int:
    """Count the colour sequences in text."""
    return len(_SGR.findall(text))


def live(cell: str) -> bool:
    """Tell whether a spreadsheet could run a cell as a formula: a sign at its start without the
    leading quote, or a sign after a ";" without a quote right before it (a number is a number)."""
    if _number(cell):
        return False
    if not cell.startswith("'") and _sign(cell.lstrip(_LEAD)[:1]):
        return True
    for part in cell.split(";")[1:]:
        rest = part.lstrip(_LEAD)
        if _sign(rest[:1]) and not part[:len(part) - len(rest)].endswith("'"):
            return True
    return False


def _number(cell: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(\.\d+)?(e[-+]?\d+)?", cell))


def _sign(char: str) -> bool:
    return bool(char) and unicodedata.normalize("NFKC", char) in _SIGNS


def csv_cells(text: str) -> list[list[str]]:
    """Parse CSV text (a byte-order mark aside) into rows of cells, each row the header's width."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert all(len(row) == len(rows[0]) for row in rows), "a row of another width"
    return rows


def markdown_markup(text: str) -> list[str]:
    """Return what GitHub would read as markup in Markdown text: tags, entities, links, images,
    mentions and issue references (code spans and backslash escapes are text)."""
    text = re.sub(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", "", text)  # code spans show their text as it is
    text = re.sub(r"\\[!-/:-@\[-`{-~]", "", text)  # an escaped character is itself
    found = re.findall(r"<|&|\[|(?<![A-Za-z0-9_])@[A-Za-z0-9]|#\d|(?<![A-Za-z0-9_])GH-\d", text, re.IGNORECASE)
    return found


class _Structure(HTMLParser):
    """Collect an HTML page's elements with their attribute names, and its attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[str, ...]]] = []
        self.values: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.elements.append((tag, tuple(sorted(name for name, _ in attrs))))
        self.values += [(name, value or "") for name, value in attrs]


def html_structure(text: str) -> _Structure:
    """Parse an HTML page into its elements and attribute values."""
    parser = _Structure()
    parser.feed(text)
    parser.close()
    return parser


def json_strings(document: object) -> list[str]:
    """Return every string of a parsed JSON document, keys included."""
    if isinstance(document, str):
        return [document]
    if isinstance(document, dict):
        return [s for k, v in document.items() for s in (k, *json_strings(v))]
    if isinstance(document, list):
        return [s for item in document for s in json_strings(item)]
    return []


def json_controls(text: str) -> list[str]:
    """Return the control characters in a JSON text and in the strings it decodes to."""
    return controls(text) + [c for s in json_strings(json.loads(text)) for c in controls(s)]
