"""Load and validate the checks in rules/checks/*.toml."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.errors import RulesError
from checker.lexicon import RULES_DIR, read_toml

KINDS = ("interval", "date", "clock", "speaker", "title", "office", "age")
SEVERITIES = ("high", "medium", "low")
MESSAGE_FIELDS = ("a_source", "b_source", "a_date", "b_date", "a_value", "b_value", "a_text", "b_text", "topic", "note")


@dataclass(frozen=True, slots=True)
class Example:
    """Two sentences from two articles, and whether the check flags them (`checker rule ID` shows it)."""

    flagged: bool
    a: str
    b: str
    a_published: str = ""  # ISO dates, when the example needs them
    b_published: str = ""
    severity: str = ""  # the severity of the finding, for a flagged example that states it
    verdict: str = ""
    why: str = ""  # what the example shows, in a sentence


@dataclass(frozen=True, slots=True)
class Check:
    """One check: which claims it compares, how, and how severe its findings are."""

    id: str
    name: str
    kind: str
    description: str
    message: str
    note: str  # what a plain conflict means, e.g. "the figures do not overlap"
    claim: str
    dimensions: tuple[str, ...]
    predicates: tuple[str, ...]
    severity: dict[str, float]
    limits: dict[str, float]  # kind-specific limits, e.g. max_gap_days for dates
    examples: tuple[Example, ...] = ()

    def applies(self, claim_kind: str, dimension: str, predicate: str) -> bool:
        """Tell whether this check compares claims of that kind, dimension and predicate."""
        return (
            claim_kind == self.claim
            and any(fnmatch.fnmatchcase(dimension, d) for d in self.dimensions)
            and any(fnmatch.fnmatchcase(predicate or "-", p) for p in self.predicates)
        )

    @property
    def specificity(self) -> int:
        """Rank checks so that the most specific one applying to a pair wins."""
        return 2 * ("*" not in self.predicates) + all("*" not in d for d in self.dimensions)


@lru_cache(maxsize=8)
def load_checks(rules_dir: Path = RULES_DIR) -> tuple[Check, ...]:
    """Load every check file, most specific first, then by id."""
    folder = rules_dir / "checks"
    if not folder.is_dir():
        raise RulesError(f"{folder}: no checks folder in the rules directory")
    checks = [_check(path) for path in sorted(folder.glob("*.toml"))]
    if not checks:
        raise RulesError(f"{folder}: no check files (*.toml)")
    return tuple(sorted(checks, key=lambda c: (-c.specificity, c.id)))


def _check(path: Path) -> Check:
    data = read_toml(path)
    try:
        applies = data["applies"]
        check = Check(
            id=path.stem,
            name=str(data["name"]),
            kind=str(data["kind"]),
            description=" ".join(str(data["description"]).split()),
            message=str(data["message"]),
            note=str(data.get("note", "the values do not agree")),
            claim=str(applies["claim"]),
            dimensions=tuple(applies.get("dimensions", ["*"])),
            predicates=tuple(applies.get("predicates", ["*"])),
            severity={k: float(v) for k, v in data.get("severity", {}).items()},
            limits={k: float(v) for k, v in data.get("limits", {}).items()},
            examples=tuple(_example(entry) for entry in data.get("examples", [])),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise RulesError(f"{path}: missing or malformed entry ({err})") from err
    try:
        check.message.format(**dict.fromkeys(MESSAGE_FIELDS, ""))
    except (KeyError, IndexError, ValueError) as err:
        raise RulesError(f"{path}: message template uses an unknown field ({err}); known: {', '.join(MESSAGE_FIELDS)}") from err
    if check.kind not in KINDS:
        raise RulesError(f"{path}: unknown comparison kind {check.kind!r} (known: {', '.join(KINDS)})")
    return check


def _example(entry: dict) -> Example:
    # A misspelt key would silently drop what the example shows, so unknown keys are refused.
    unknown = set(entry) - set(Example.__slots__)
    if unknown:
        raise KeyError(f"examples: unknown key {sorted(unknown)[0]!r}")
    example = Example(**{key: value if key == "flagged" else str(value) for key, value in entry.items()})
    if not isinstance(example.flagged, bool):
        raise TypeError("examples: flagged must be true or false")
    return example


def check_for(checks: tuple[Check, ...], claim_kind: str, dimension: str, predicate: str) -> Check | None:
    """Return the most specific check applying to claims of that kind, dimension and predicate."""
    for check in checks:
        if check.applies(claim_kind, dimension, predicate):
            return check
    return None


def severity_of(check: Check, gap: float) -> str:
    """Grade a relative gap by the check's thresholds."""
    if gap >= check.severity.get("high", 0.25):
        return "high"
    if gap >= check.severity.get("medium", 0.10):
        return "medium"
    return "low"
