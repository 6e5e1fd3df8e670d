"""JSON text exactly as json.dumps(indent=2, sort_keys=True, ensure_ascii=False) writes it, in pieces."""

from __future__ import annotations

from collections.abc import Iterator
from json.encoder import encode_basestring

INDENT = "  "
TOP = 4  # containers this shallow are walked item by item, so a piece can end between items
_NEWLINES = ["\n" + INDENT * level for level in range(64)]


def pieces(document: object, piece: int) -> Iterator[str]:
    """Yield the document's JSON text in pieces of about `piece` characters or more, each cut between two items."""
    # The standard library's indenting encoder is a tree of generators, one step per token;
    # here a value below the top levels is one string, built by plain recursion.
    out: list[str] = []
    for _ in _top(document, 0, out, [0], piece):
        yield "".join(out)
        out.clear()
    yield "".join(out)


def _top(value: object, level: int, out: list[str], size: list[int], piece: int) -> Iterator[None]:
    """Add a shallow value's text to out (size[0]: its characters), pausing whenever out holds a piece."""
    if level >= TOP or not isinstance(value, (dict, list, tuple)) or not value:
        text = _text(value, level)
        out.append(text)
        size[0] += len(text)
        return
    inner, outer = _newline(level + 1), _newline(level)
    pairs = _sorted_items(value) if isinstance(value, dict) else None
    out.append("{" if pairs is not None else "[")
    for i, item in enumerate(pairs if pairs is not None else value):
        if pairs is not None:
            key, item = item
            out.append(("," if i else "") + inner + encode_basestring(key) + ": ")
        else:
            out.append(("," if i else "") + inner)
        yield from _top(item, level + 1, out, size, piece)
        if size[0] >= piece:
            size[0] = 0
            yield
    out.append(outer + ("}" if pairs is not None else "]"))


def _text(value: object, level: int) -> str:
    """Return the JSON text of a value at this depth."""
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = _newline(level + 1)
        deeper = level + 1
        return "{" + inner + ("," + inner).join([
            encode_basestring(key) + ": " + (encode_basestring(item) if type(item) is str else _text(item, deeper))
            for key, item in _sorted_items(value)]) + _newline(level) + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = _newline(level + 1)
        deeper = level + 1
        return "[" + inner + ("," + inner).join([
            encode_basestring(item) if type(item) is str else _text(item, deeper) for item in value]) \
            + _newline(level) + "]"
    return scalar(value)


def scalar(value: object) -> str:
    """Return the JSON text of a number, a boolean or null, as the standard library spells it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _sorted_items(mapping: dict) -> list[tuple[str, object]]:
    """Return a mapping's items by key, each key spelled as JSON writes an object's keys."""
    items = sorted(mapping.items())
    if all(type(key) is str for key, _ in items):
        return items
    return [(_key(key), item) for key, item in items]


def _key(key: object) -> str:
    """Spell a non-string key as the standard library does (a number, a boolean or null)."""
    if isinstance(key, str):
        return key
    if isinstance(key, (int, float)) or key is None:
        return scalar(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _newline(level: int) -> str:
    """Return a line break and the indentation of this depth."""
    return _NEWLINES[level] if level < len(_NEWLINES) else "\n" + INDENT * level
