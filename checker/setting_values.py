"""Parse and validate one setting's value, from INI text, a TOML value or a flag."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from checker.rules import SEVERITIES

Parser = Callable[[Any, Path], Any]  # (raw value, folder relative paths start from) -> value
_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def shown(raw: Any) -> str:
    """Show a raw value in a message as it was written."""
    return repr(raw) if isinstance(raw, str) else str(raw)


def _text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError("expected text")
    return raw.strip()


def choice(options: tuple[str, ...]) -> Parser:
    """Parse one of the options, in any case."""
    def parse(raw: Any, base: Path) -> str:
        value = _text(raw).lower()
        if value not in options:
            raise ValueError(f"not one of {', '.join(options)}")
        return value
    return parse


def text(raw: Any, base: Path) -> str:
    """Parse a line of text."""
    return _text(raw)


def boolean(raw: Any, base: Path) -> bool:
    """Parse true/false, yes/no, on/off or 1/0."""
    if isinstance(raw, bool):
        return raw
    value = _text(raw).lower()
    if value not in _TRUE + _FALSE:
        raise ValueError("not true or false")
    return value in _TRUE


def number(kind: type, low: float, high: float | None = None) -> Parser:
    """Parse an int or float within bounds."""
    def parse(raw: Any, base: Path) -> Any:
        if isinstance(raw, bool):  # TOML's true is no number, though Python says it is
            raise ValueError("not a number")
        try:
            value = kind(raw.strip() if isinstance(raw, str) else raw)
        except (TypeError, ValueError):
            raise ValueError("not a whole number" if kind is int else "not a number") from None
        if value < low or (high is not None and value > high):
            raise ValueError(f"must be {low} or more" if high is None else f"must be between {low} and {high}")
        return value
    return parse


def path(raw: Any, base: Path) -> Path:
    """Parse a path; a relative one starts from `base`."""
    given = Path(raw if isinstance(raw, Path) else _text(raw)).expanduser()
    return given if given.is_absolute() else base / given


def _items(raw: Any, separators: str) -> list[str]:
    """Split a list setting: text ("NUM, DAT001" on one line or several), a TOML list, or a flag's values."""
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list | tuple) or not all(isinstance(item, str) for item in raw):
        raise ValueError("expected a list of check ids")
    return [part.strip() for item in raw for part in re.split(separators, item) if part.strip()]


def _code(text: str) -> str:
    code = text.strip().upper()
    if not _CODE.fullmatch(code):
        raise ValueError(f"{text.strip()!r} is not a check id or prefix")
    return code


def codes(raw: Any, base: Path) -> tuple[str, ...]:
    """Parse check ids or prefixes (upper-cased, each once)."""
    return tuple(dict.fromkeys(_code(item) for item in _items(raw, r"[\s,]+")))


def levels(raw: Any, base: Path) -> tuple[tuple[str, str], ...]:
    """Parse severity overrides: "NUM002=low, ROL=medium" (or one a line), a list of such, or a TOML table."""
    pairs = raw.items() if isinstance(raw, Mapping) else (_pair(item) for item in _items(raw, r"[,\n]+"))
    found: dict[str, str] = {}
    for code, level in pairs:
        if not isinstance(code, str) or not isinstance(level, str) or level.strip().lower() not in SEVERITIES:
            raise ValueError(f"{f'{code}={level}'!r}: {_LEVEL_FORM}")
        found[_code(code)] = level.strip().lower()
    return tuple(found.items())


_LEVEL_FORM = f"expected CHECK=LEVEL, LEVEL one of {', '.join(SEVERITIES)}"


def _pair(item: str) -> tuple[str, str]:
    code, equals, level = item.partition("=")
    if not equals:
        raise ValueError(f"{item!r}: {_LEVEL_FORM}")
    return code, level
