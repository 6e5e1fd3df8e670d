"""Find the lines of an article that carry its story, leaving page furniture out."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.errors import RulesError
from checker.lexicon import RULES_DIR, read_toml
from checker.records import Article

DEFAULT_PATH = RULES_DIR / "boilerplate.toml"
_KEYS = {"line_patterns", "abbreviations"}
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)$")
# A teaser must be this long (normalized) before it may fold into a fuller paragraph.
_MIN_TEASER = 20
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Furniture-line patterns and the sentence splitter's abbreviations."""

    line_patterns: tuple[re.Pattern, ...]
    abbreviations: frozenset[str]


def load_boilerplate(path: str | Path | None = None) -> Boilerplate:
    """Read and validate a boilerplate rules file (default: rules/boilerplate.toml)."""
    return _load_boilerplate(Path(path) if path is not None else DEFAULT_PATH)


@lru_cache(maxsize=8)
def _load_boilerplate(path: Path) -> Boilerplate:
    data = read_toml(path)
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise RulesError(f"{path}: unknown key(s) {', '.join(unknown)}; expected {sorted(_KEYS)}")
    patterns = tuple(_compile(path, p) for p in _strings(path, data, "line_patterns"))
    abbreviations = frozenset(a.strip().rstrip(".") for a in _strings(path, data, "abbreviations"))
    return Boilerplate(patterns, abbreviations - {""})


def _strings(path: Path, data: dict, key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulesError(f"{path}: `{key}` must be a list of strings")
    return value


def _compile(path: Path, pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise RulesError(f"{path}: bad regex in line_patterns {pattern!r}: {exc}") from exc


def clean(article: Article, boilerplate: Boilerplate) -> list[tuple[int, int]]:
    """Return (start, end) offsets into article.text of the lines worth reading, in order.

    Dropped: blank lines, furniture lines, the title line, a line repeating an earlier
    kept line (whitespace and case aside), and a teaser cut short with an ellipsis when
    the full paragraph is also present.
    """
    furniture = _matcher(boilerplate.line_patterns)
    title = _key(article.title) if article.title else None
    text = article.text
    lines = [(s, e, k) for s, e, k in _lines(text) if k != title and not furniture(text[s:e])]
    keys = sorted(set(k for _, _, k in lines))
    kept: list[tuple[int, int]] = []
    seen: set[str] = set()
    for start, end, key in lines:
        if key in seen or _is_teaser(key, keys):
            continue
        seen.add(key)
        kept.append((start, end))
    return kept


def _lines(text: str):
    """Yield (start, end, key) for each non-blank line, spans stripped of whitespace."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + len(line) - len(line.lstrip())
            yield start, start + len(stripped), _key(stripped)
        pos += len(line) + 1


def _key(line: str) -> str:
    return " ".join(line.split()).casefold()


def _is_teaser(key: str, keys: list[str]) -> bool:
    """Tell whether a line ending in an ellipsis is the start of a longer line (keys: the
    lines' keys, sorted and each once)."""
    cut = _ELLIPSIS.search(key)
    if cut is None:
        return False
    stem = key[: cut.start()]
    if len(stem) < _MIN_TEASER:
        return False
    # The keys starting with the stem sort together, from where the stem would go; besides the
    # stem itself and this very line, any of them is a longer line it begins.
    first = bisect_left(keys, stem)
    return any(k.startswith(stem) and k not in (stem, key) for k in keys[first:first + 3])


@lru_cache(maxsize=16)
def _matcher(patterns: tuple[re.Pattern, ...]):
    """Return a function telling whether a stripped line is furniture."""
    if not patterns:
        return lambda line: False
    flags = {p.flags for p in patterns}
    # One alternation scans a line once instead of once per pattern; it is only the same
    # test when the flags agree and no pattern refers back to a numbered group.
    if len(flags) == 1 and not any(_BACKREF.search(p.pattern) for p in patterns):
        try:
            combined = re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop())
            return lambda line: combined.fullmatch(line) is not None
        except re.error:
            pass
    return lambda line: any(p.fullmatch(line) for p in patterns)
