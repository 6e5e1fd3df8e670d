"""Output hygiene: no terminal escape, control character or CI log command from article text reaches an output."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass, replace
from datetime import date
from functools import cache

from checker.records import Report
from checker.report import json_text

# ECMA-48 escapes, 7- and 8-bit: CSI (colour, cursor, clear screen), the string commands OSC
# (title, clipboard, hyperlink), DCS, SOS, PM and APC up to their terminator, two-character escapes.
# A string's payload stops at the next introducer, so that a run of unterminated ones stays linear;
# an unterminated introducer goes alone and what followed it stays as plain text.
_ESCAPE = re.compile(r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])(?:[^\x07\x1b\x90\x98\x9c-\x9f]*(?:\x07|\x1b\\|\x9c))?
  | \x1b[ -/]*[0-~]
""", re.VERBOSE)
# What str.splitlines() breaks at: each a line break to a terminal, a log reader or an editor.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Bidirectional embeddings, overrides and isolates reorder what a reader sees ("Trojan Source").
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_DROPPED = {c: None for c in [*range(0x20), *range(0x7f, 0xa0), *map(ord, _BIDI)]}
_KEEP_LINES = {**_DROPPED, ord("\t"): " ", **dict.fromkeys(map(ord, _BREAKS), "\n")}
_ONE_LINE = {**_DROPPED, ord("\t"): " ", **dict.fromkeys(map(ord, _BREAKS), " ")}
_DIRTY = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}\u2028\u2029]")
_DIRTY_LINES = re.compile(f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{_BIDI}\u2028\u2029]")  # a newline may stay
# Fields whose line breaks are content: article and sentence text, explanations, an editor's note.
MULTILINE = frozenset({"text", "explanation", "note"})
# CI runners read a command at a line start ("::warning::" on GitHub, after any spaces) and, in
# the legacy forms, anywhere in a line ("##[error]", Azure's "##vso[", TeamCity's "##teamcity[").
_LINE_COMMAND = re.compile(r"^([^\S\n]*:)(?=:)", re.MULTILINE)
_LEGACY_COMMAND = re.compile(r"(##(?:vso|teamcity)?)\[", re.IGNORECASE)
_BREAK = "\u200b"  # zero-width space: invisible, and no whitespace to a runner trimming a line


def clean(text: str, lines: bool = False) -> str:
    """Drop escapes and control characters; tabs and line breaks become spaces (with `lines`, breaks newlines)."""
    if not (_DIRTY_LINES if lines else _DIRTY).search(text):
        return text  # the common case: nothing to strip, nothing copied
    text = _ESCAPE.sub("", text).replace("\r\n", "\n")
    return text.translate(_KEEP_LINES if lines else _ONE_LINE)


def defuse(text: str, line_starts: bool = True) -> str:
    """Break the workflow commands a CI log would read in text, visibly unchanged (`line_starts`: the "::" ones too)."""
    if line_starts:
        text = _LINE_COMMAND.sub(lambda m: m[1] + _BREAK, text)
    return _LEGACY_COMMAND.sub(lambda m: m[1] + _BREAK + "[", text)


def one_line(text: object) -> str:
    """Make a message safe for a terminal or CI log: one clean line that starts no command."""
    return defuse(clean(str(text)))


def json_safe(text: str) -> str:
    """Spell "[" after "##" as a JSON escape in serialized JSON, so that a log reads no legacy command."""
    # "##" only occurs inside JSON strings, where the escape decodes to the very same "[";
    # and a JSON line starts with a bracket, a brace or a quote, never with "::".
    return _LEGACY_COMMAND.sub(lambda m: m[1] + "\\u005b", text)


PIECE = 1 << 19  # characters to a piece of a JSON document, at least


def json_pieces(document: object) -> Iterator[str]:
    """Yield a document as json.dumps(indent=2, sort_keys=True, ensure_ascii=False) writes it,
    made json_safe, then a newline: in pieces, since a batch of 10,000 articles gives a text
    of some 150 million characters."""
    # "##" occurs only inside a JSON string, which is never cut: each piece is made safe alone.
    for text in json_text.pieces(document, PIECE):
        yield json_safe(text)
    yield "\n"


def line_pieces(chunks: Iterable[str], safe: Callable[[str], str]) -> Iterator[str]:
    """Yield the chunks of a text joined into pieces of whole lines, each cut after the last line
    break of the chunk that brings it to PIECE characters and made safe alone: what safe() breaks
    lies within one line."""
    held: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        cut = chunk.rfind("\n") + 1 if size >= PIECE else 0
        if cut:
            held.append(chunk[:cut])
            yield safe("".join(held))
            held, size = [chunk[cut:]], len(chunk) - cut
        else:
            held.append(chunk)
    if size:
        yield safe("".join(held))


def html_safe(text: str) -> str:
    """Spell a workflow command's opening characters as HTML entities: the page shows the same text."""
    text = _LINE_COMMAND.sub(lambda m: m[1][:-1] + "&#58;", text)
    return _LEGACY_COMMAND.sub(lambda m: m[1] + "&#91;", text)


def clean_report(report: Report) -> Report:
    """Return the report with every text field cleaned; records with nothing to clean are kept as they are."""
    # Every format of one run cleans the same report: walk it once.
    if _last[0] is not report:
        _last[:] = [report, _walk(report, {}, False)]
    return _last[1]


_last: list = [None, None]
_PLAIN = frozenset({int, float, bool, type(None), date})


def _walk(value: object, seen: dict[int, object], lines: bool) -> object:
    kind = type(value)
    if kind is str:
        return clean(value, lines)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is frozenset:
        items = [item if type(item) in _PLAIN else _walk(item, seen, lines) for item in value]
        same = all(new is old for new, old in zip(items, value))
        return value if same else kind(items)
    if not is_dataclass(value) or isinstance(value, type):
        return value
    if id(value) in seen:  # a claim is cited by the report and by its fact: clean it once, share it
        return seen[id(value)]
    changes = {}
    for name in _field_names(kind):
        old = getattr(value, name)
        # Numbers, dates and the like hold nothing to clean: no call for them (a report holds millions).
        if type(old) in _PLAIN:
            continue
        new = clean(old, name in MULTILINE) if type(old) is str else _walk(old, seen, name in MULTILINE)
        if new is not old:
            changes[name] = new
    seen[id(value)] = cleaned = replace(value, **changes) if changes else value
    return cleaned


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))
