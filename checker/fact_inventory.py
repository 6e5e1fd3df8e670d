"""Fact inventories: read them, and tell which labelled statements a claim stands for (as score_facts.py)."""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from rapidfuzz import fuzz

from checker.errors import InputError
from checker.records import Claim

REQUIRED = ("cluster", "fact", "kind", "doc", "quote", "value", "variant")
NONEMPTY = ("cluster", "fact", "kind", "doc", "quote", "variant")
# Kind names other tools write, read as score_facts.py reads them.
KIND = {"quote": "attribution", "quotes": "attribution", "numbers": "number", "dates": "date",
        "roles": "role", "title": "role", "speaker": "attribution", "age": "number"}
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?(?:e\d+)?")


@dataclass(frozen=True, slots=True)
class Statement:
    """One article's statement of a labelled fact: a row of the inventory."""

    cluster: str = ""
    fact: str = ""
    kind: str = ""
    topic: str = ""
    doc: str = ""
    quote: str = ""
    value: str = ""
    variant: str = ""
    evolving: str = ""
    note: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """Return the labelled fact the statement belongs to."""
        return self.cluster, self.fact


def read_facts(path: str | Path) -> list[Statement]:
    """Read a fact inventory CSV into Statements, or raise InputError naming the file."""
    header, rows = read_label_rows(path, REQUIRED, "fact inventory")
    return [_statement(header, cells, f"{path}:{n}") for n, cells in rows]


def read_label_rows(path: str | Path, required: Sequence[str], what: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Read a labels CSV: its header and its non-empty rows with their line numbers, or raise
    InputError naming the file and what it lacks."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise InputError(f"{path}: cannot read {what} ({getattr(err, 'strerror', None) or err})") from err
    header = [name.strip() for name in rows[0]] if rows else []
    missing = [name for name in required if name not in header]
    if missing:
        raise InputError(f"{path}: {what} without column(s) {', '.join(missing)}")
    return header, [(n, cells) for n, cells in enumerate(rows[1:], 2) if any(cells)]


def _statement(header: list[str], cells: list[str], where: str) -> Statement:
    if len(cells) != len(header):
        raise InputError(f"{where}: {len(cells)} fields where the header has {len(header)}")
    row = dict(zip(header, cells))
    values = {f.name: (row.get(f.name) or "").strip() for f in fields(Statement)}
    empty = [name for name in NONEMPTY if not values[name]]
    if empty:
        raise InputError(f"{where}: empty {', '.join(empty)}")
    return Statement(**values)


def norm(text: str | None) -> str:
    """Lower-case, straighten quotes and keep only letters, digits and % $ . ' (as score_facts)."""
    text = (text or "").lower().replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"[^a-z0-9%$.']+", " ", text).strip()


def first_number(text: str | None) -> float | None:
    """Return the first figure written in the text, or None."""
    found = _NUM.search(str(text or "").lower().replace("\u2009", ""))
    try:
        return float(found.group().replace(",", "")) if found else None
    except ValueError:
        return None


def article_of(article_id: str) -> str:
    """Return the article id as score_facts reads it (no folder, no file extension)."""
    return re.sub(r"\.(txt|md|html?)$", "", str(article_id).rsplit("/", 1)[-1])


def kind_of(kind: str) -> str:
    """Return a finding's kind in the inventory's names."""
    kind = str(kind or "").lower()
    return KIND.get(kind, kind)


@dataclass(frozen=True, slots=True)
class Said:
    """What scoring reads of a claim: its article, its own words and its value."""

    article: str
    text: str
    value: str


def said(claim: Claim) -> Said:
    """Return the scoring view of a claim (the JSON report's article, text and value)."""
    return Said(claim.article_id, claim.text, claim.value.display)


class Inventory:
    """Labelled statements indexed for scoring, with the facts, disputed facts and cross pairs."""

    def __init__(self, statements: Sequence[Statement]) -> None:
        self.statements = tuple(statements)
        self.facts: dict[tuple[str, str], list[int]] = {}
        self.by_doc: dict[str, list[int]] = {}
        for n, s in enumerate(self.statements):
            self.facts.setdefault(s.key, []).append(n)
            self.by_doc.setdefault(s.doc, []).append(n)
        st = self.statements
        self.disputed = {k for k, v in self.facts.items() if len({st[x].variant for x in v}) > 1}
        self.cross = {frozenset((x, y)) for k in self.disputed for x, y in itertools.combinations(self.facts[k], 2)
                      if st[x].variant != st[y].variant and st[x].doc != st[y].doc}
        self._quotes = [norm(s.quote) for s in st]
        self._numbers = [first_number(s.value) for s in st]
        self._cache: dict[Said, tuple[int, ...]] = {}

    def of_kind(self, kind: str) -> Inventory:
        """Return the inventory of one kind's statements."""
        return Inventory([s for s in self.statements if s.kind == kind])

    def labels(self, claim: Said) -> tuple[int, ...]:
        """Return the statements the claim stands for."""
        if claim not in self._cache:
            mine = self.by_doc.get(article_of(claim.article), ())
            self._cache[claim] = tuple(n for n in mine if self._stands(claim, n))
        return self._cache[claim]

    def _stands(self, claim: Said, n: int) -> bool:
        # Same article (checked by the caller), its words inside the quote or the quote
        # inside them and, for numbers, the same figure within 1%.
        quote, words = self._quotes[n], norm(claim.text)
        if not (quote and words) or not (words in quote or quote in words or fuzz.partial_ratio(words, quote) >= 95):
            return False
        if self.statements[n].kind == "number":
            x, y = first_number(claim.value), self._numbers[n]
            if x is not None and y is not None and abs(x - y) > 0.01 * max(abs(x), abs(y), 1e-9):
                return False
        return True


@dataclass(frozen=True, slots=True)
class Judged:
    """What the labels say of one finding: right, wrong or unmatched, and the facts it touches."""

    verdict: str  # right | wrong | unmatched
    labels: tuple[tuple[int, ...], ...]  # per variant, the statements its claims stand for
    split_facts: frozenset[tuple[str, str]]
    split_pairs: frozenset[frozenset[int]]


def judge(inventory: Inventory, groups: Sequence[Sequence[Said]]) -> Judged:
    """Judge one finding given as its variants' claims."""
    st = inventory.statements
    labels = tuple(tuple(dict.fromkeys(n for c in g for n in inventory.labels(c))) for g in groups)
    facts, pairs = set(), set()
    for gi, gj in itertools.combinations(labels, 2):
        for x, y in itertools.product(gi, gj):
            if x != y and st[x].doc != st[y].doc and st[x].key == st[y].key and st[x].variant != st[y].variant:
                facts.add(st[x].key)
                pairs.add(frozenset((x, y)))
    verdict = "right" if facts else "wrong" if sum(1 for g in labels if g) >= 2 else "unmatched"
    return Judged(verdict, labels, frozenset(facts), frozenset(pairs))
