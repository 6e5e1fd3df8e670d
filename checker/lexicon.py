"""Load the editor-readable lexicons in rules/ into compiled, frozen form."""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from checker.errors import RulesError

def _rules_dir() -> Path:
    """Find the bundled rules: beside the package in a checkout, else where pip put them."""
    beside = Path(__file__).resolve().parent.parent / "rules"
    installed = Path(sys.prefix) / "share" / "checker" / "rules"
    return beside if beside.is_dir() or not installed.is_dir() else installed


RULES_DIR = _rules_dir()


@dataclass(frozen=True, slots=True)
class Unit:
    """A written unit form and what it means."""

    dimension: str
    factor: float
    precision: str


@dataclass(frozen=True, slots=True, eq=False)
class QuantityLexicon:
    """Qualifiers, scales, units and special number words."""

    qualifiers: dict[str, str]  # phrase -> qualifier kind
    bounds: dict[str, float]
    vague: dict[str, float]
    fixed: dict[str, float]
    scales: dict[str, float]
    units: dict[str, Unit]  # lower-case written form -> unit
    unit_words: dict[str, Unit]  # words that are a quantity on their own ("weeklong")
    precision: dict[str, str]  # dimension -> precision policy
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]


@dataclass(frozen=True, slots=True)
class Predicate:
    """A canonical predicate and the pattern that finds it."""

    name: str
    pattern: re.Pattern[str]
    cumulative: bool
    thing: str  # what a bare number with this predicate counts, "" when nothing is implied


@dataclass(frozen=True, slots=True, eq=False)
class PredicateLexicon:
    """Predicates and synonyms of counted things."""

    predicates: tuple[Predicate, ...]
    things: dict[str, str]  # written noun (lower-case) -> canonical thing
    implied: dict[str, Predicate]  # noun that carries its predicate ("bodies") -> predicate
    degrees: dict[str, str] = field(default_factory=dict)  # "critically" -> "critical"
    together: dict[str, tuple[Predicate, ...]] = field(default_factory=dict)  # "casualties" -> killed, injured


def read_toml(path: Path) -> dict:
    """Read a TOML file, turning any failure into a RulesError naming the file."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as err:
        raise RulesError(f"{path}: cannot read rules file ({err.strerror or err})") from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise RulesError(f"{path}: not valid TOML ({err})") from err


def compile_pattern(text: str, where: str) -> re.Pattern[str]:
    """Compile a whole-word, case-insensitive pattern or raise a RulesError."""
    try:
        return re.compile(rf"(?<![\w-])(?:{text})(?![\w-])", re.IGNORECASE)
    except re.error as err:
        raise RulesError(f"{where}: bad pattern {text!r} ({err})") from err


@lru_cache(maxsize=8)
def load_quantities(rules_dir: Path = RULES_DIR) -> QuantityLexicon:
    """Load rules/quantities.toml."""
    path = rules_dir / "quantities.toml"
    data = read_toml(path)
    try:
        return _quantity_lexicon(data)
    except (KeyError, TypeError, ValueError) as err:
        raise RulesError(f"{path}: missing or malformed entry ({err})") from err


def _quantity_lexicon(data: dict) -> QuantityLexicon:
    qualifiers = {phrase: kind for kind, phrases in data["qualifiers"].items() for phrase in phrases}
    units: dict[str, Unit] = {}
    unit_words: dict[str, Unit] = {}
    precision = {}
    for dim, spec in data["dimensions"].items():
        precision[dim] = spec["precision"]
        for form, factor in spec.get("units", {}).items():
            units[form.lower()] = Unit(dim, float(factor), spec["precision"])
        for form, factor in spec.get("words", {}).items():
            unit_words[form.lower()] = Unit(dim, float(factor), spec["precision"])
    money = data["money"]
    precision["money"] = money["precision"]
    return QuantityLexicon(
        qualifiers=qualifiers,
        bounds={k: float(v) for k, v in data["bounds"].items()},
        vague={k: float(v) for k, v in data["vague"].items()},
        fixed={k: float(v) for k, v in data["fixed"].items()},
        scales={k: float(v) for k, v in data["scales"].items()},
        units=units,
        unit_words=unit_words,
        precision=precision,
        currency_symbols=dict(money["symbols"]),
        currency_words={k.lower(): v for k, v in money["words"].items()},
    )


@lru_cache(maxsize=8)
def load_predicates(rules_dir: Path = RULES_DIR) -> PredicateLexicon:
    """Load rules/predicates.toml."""
    path = rules_dir / "predicates.toml"
    data = read_toml(path)
    try:
        predicates = tuple(
            Predicate(name, compile_pattern("|".join(spec["patterns"]), f"{path} [{name}]"),
                      bool(spec.get("cumulative", False)), str(spec.get("thing", "")))
            for name, spec in data["predicates"].items()
        )
        things = {word.lower(): canon for canon, words in data.get("things", {}).items() for word in words}
        by_name = {p.name: p for p in predicates}
        implied = {noun.lower(): by_name[name] for noun, name in data.get("implied", {}).items()}
        degrees = {word.lower(): name for name, words in data.get("degrees", {}).items() for word in words}
        together = {noun.lower(): tuple(by_name[name] for name in names)
                    for noun, names in data.get("together", {}).items()}
    except (KeyError, TypeError) as err:
        raise RulesError(f"{path}: missing or malformed entry ({err})") from err
    return PredicateLexicon(predicates, things, implied, degrees, together)


@dataclass(frozen=True, slots=True, eq=False)
class EventLexicon:
    """Verbs of saying, and event verbs with their canonical names."""

    statement: frozenset[str]
    verbs: dict[str, str]  # written verb (lower-case, may be two words) -> canonical event
    figures: frozenset[str] = frozenset()  # subjects that are figures ("the toll rose on Tuesday")


@lru_cache(maxsize=8)
def load_events(rules_dir: Path = RULES_DIR) -> EventLexicon:
    """Load rules/events.toml."""
    path = rules_dir / "events.toml"
    data = read_toml(path)
    try:
        statement = frozenset(word.lower() for word in data["statement"])
        verbs = {word.lower(): name for name, words in data["events"].items() for word in words}
        figures = frozenset(word.lower() for word in data.get("figures", []))
    except (KeyError, TypeError, AttributeError) as err:
        raise RulesError(f"{path}: missing or malformed entry ({err})") from err
    return EventLexicon(statement, verbs, figures)


@lru_cache(maxsize=8)
def load_places(rules_dir: Path = RULES_DIR) -> dict[str, str]:
    """Load rules/places.toml: other names of a place, lower-case, to the place's own (absent: none)."""
    path = rules_dir / "places.toml"
    if not path.is_file():
        return {}
    table = read_toml(path).get("aliases", {})
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise RulesError(f"{path}: [aliases] must map names to place names")
    return {name.lower(): place.lower() for name, place in table.items()}


def same_places(words: str, places: dict[str, str]) -> str:
    """Write each place name of some lower-case words as the place's own name ("salonika" -> "thessaloniki")."""
    return " ".join(places.get(word, word) for word in words.split())
