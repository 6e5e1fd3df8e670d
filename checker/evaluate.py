"""Score a Report against labelled pairs: precision and recall per claim kind."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, fields
from pathlib import Path

from rapidfuzz import fuzz
from tabulate import tabulate

from checker.errors import InputError
from checker.records import Claim, Discrepancy, Report

REQUIRED = ("kind", "doc_a", "quote_a", "doc_b", "quote_b", "verdict")
VERDICTS = ("conflict", "update", "consistent")
POSITIVE = ("conflict", "update")
_QUOTES = str.maketrans("\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", "'''''" + '"' * 7)


@dataclass(frozen=True, slots=True)
class GoldPair:
    """One labelled pair of statements: a row of the gold CSV."""

    split: str = ""
    cluster: str = ""
    kind: str = ""
    topic: str = ""
    doc_a: str = ""
    quote_a: str = ""
    value_a: str = ""
    doc_b: str = ""
    quote_b: str = ""
    value_b: str = ""
    verdict: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class KindScore:
    """Counts and scores of one claim kind (or "all"); tp and fp count flags, fn rows."""

    kind: str
    tp: int
    fp: int
    fn: int
    labelled_positive: int
    labelled_consistent_flagged: int
    unlabelled_flags: int
    precision: float | None
    recall: float | None


@dataclass(frozen=True, slots=True)
class EvalResult:
    """Scores per kind plus the findings behind them."""

    scores: tuple[KindScore, ...]
    missed: tuple[GoldPair, ...]
    false: tuple[tuple[Discrepancy, GoldPair | None], ...]
    found: tuple[tuple[Discrepancy, GoldPair], ...]
    skipped: int = 0  # gold rows naming an article outside the batch
    exhaustive: bool = False


def read_gold(path: str | Path) -> list[GoldPair]:
    """Read a gold CSV into GoldPair rows, or raise InputError naming the file."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise InputError(f"{path}: cannot read gold labels ({getattr(err, 'strerror', None) or err})") from err
    header = [name.strip() for name in rows[0]] if rows else []
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise InputError(f"{path}: gold labels lack column(s) {', '.join(missing)}")
    return [_pair(header, cells, f"{path}:{number}") for number, cells in enumerate(rows[1:], 2) if any(cells)]


_SPLIT_THOUSANDS = re.compile(r"^\d{3}(?!\d)")


def _rejoin(cells: list[str], width: int) -> list[str]:
    """Mend cells split at an unquoted thousands separator ("over 20" | "000 people")."""
    cells = list(cells)
    index = 0
    while len(cells) > width and index < len(cells) - 1:
        if cells[index][-1:].isdigit() and _SPLIT_THOUSANDS.match(cells[index + 1]):
            cells[index:index + 2] = [cells[index] + "," + cells[index + 1]]
        else:
            index += 1
    return cells


def _pair(header: list[str], cells: list[str], where: str) -> GoldPair:
    if len(cells) > len(header):
        cells = _rejoin(cells, len(header))
    if len(cells) > len(header):
        raise InputError(f"{where}: {len(cells)} fields where the header has {len(header)} (unquoted comma?)")
    row = dict(zip(header, cells))
    values = {f.name: (row.get(f.name) or "").strip() for f in fields(GoldPair)}
    empty = [name for name in REQUIRED if not values[name]]
    if empty:
        raise InputError(f"{where}: empty {', '.join(empty)}")
    if values["verdict"] not in VERDICTS:
        raise InputError(f"{where}: unknown verdict {values['verdict']!r} (allowed: {', '.join(VERDICTS)})")
    return GoldPair(**values)


SPAN_KINDS = frozenset({"number", "date"})


def normalize(text: str) -> str:
    """Lower-case, straighten curly quotes and collapse whitespace."""
    return " ".join(text.translate(_QUOTES).lower().split())


def _side(claim: Claim, doc: str, quote: str, threshold: float) -> bool:
    if claim.article_id != doc:
        return False
    wanted = normalize(quote)
    if claim.kind not in SPAN_KINDS:  # who said it, who holds a title: a fact of the whole sentence
        return any(fuzz.partial_ratio(wanted, normalize(text)) >= threshold for text in (claim.sentence.text, claim.text))
    # A figure or a time must lie inside the quoted words: "killing at least seven people"
    # is not hit by another number of the same sentence.
    text = claim.sentence.text.translate(_QUOTES).lower()
    where = fuzz.partial_ratio_alignment(wanted, text)
    if where is None or where.score < threshold:
        return False
    start, end = claim.start - claim.sentence.start, claim.end - claim.sentence.start
    return start < where.dest_end and end > where.dest_start


def matches(d: Discrepancy, row: GoldPair, threshold: float = 80.0) -> bool:
    """Tell whether a flagged pair hits a labelled pair, in either order."""
    if d.kind != row.kind:
        return False
    straight = _side(d.a, row.doc_a, row.quote_a, threshold) and _side(d.b, row.doc_b, row.quote_b, threshold)
    return straight or (_side(d.a, row.doc_b, row.quote_b, threshold) and _side(d.b, row.doc_a, row.quote_a, threshold))


def evaluate(report: Report, gold: list[GoldPair], exhaustive: bool = False, threshold: float = 80.0) -> EvalResult:
    """Score the report's flags against the gold rows whose articles are in the batch."""
    present = {article.id for article in report.articles}
    rows = [row for row in gold if {row.doc_a, row.doc_b} <= present]
    found: list[tuple[Discrepancy, GoldPair]] = []
    false: list[tuple[Discrepancy, GoldPair | None]] = []
    for d in report.discrepancies:
        hits = [row for row in rows if matches(d, row, threshold)]
        positive = [row for row in hits if row.verdict in POSITIVE]
        if positive:
            found.extend((d, row) for row in positive)
        else:
            false.append((d, hits[0] if hits else None))
    hit_ids = {id(row) for _d, row in found}
    missed = [row for row in rows if row.verdict in POSITIVE and id(row) not in hit_ids]
    scores = _scores(rows, found, false, missed, exhaustive, report.discrepancies)
    return EvalResult(scores, tuple(missed), tuple(false), tuple(found), len(gold) - len(rows), exhaustive)


def _scores(rows, found, false, missed, exhaustive, flags) -> tuple[KindScore, ...]:
    kinds = sorted({row.kind for row in rows} | {d.kind for d in flags})
    count: Counter[tuple[str, str]] = Counter()
    count.update((row.kind, "positive") for row in rows if row.verdict in POSITIVE)
    count.update((d.kind, "tp") for d in {id(d): d for d, _row in found}.values())
    count.update((d.kind, "consistent" if row else "unlabelled") for d, row in false)
    count.update((row.kind, "fn") for row in missed)
    names = ("tp", "fn", "positive", "consistent", "unlabelled")
    per_kind = [_make(kind, *(count[kind, name] for name in names), exhaustive) for kind in kinds]
    return (*per_kind, _make("all", *(sum(count[k, name] for k in kinds) for name in names), exhaustive))


def _make(kind, tp, fn, positives, consistent, unlabelled, exhaustive) -> KindScore:
    fp = consistent + (unlabelled if exhaustive else 0)
    precision = tp / (tp + fp) if tp + fp else None
    recall = (positives - fn) / positives if positives else None
    return KindScore(kind, tp, fp, fn, positives, consistent, unlabelled, precision, recall)


def render_eval(result: EvalResult, verbose: bool = True) -> str:
    """Render the score table, notes and (when verbose) the missed and false findings."""
    headers = ["kind", "labelled", "found", "missed", "false", "precision", "recall"]
    table = [[s.kind, s.labelled_positive, s.labelled_positive - s.fn, s.fn, s.fp, _ratio(s.precision),
              _ratio(s.recall)] for s in result.scores]
    lines = [tabulate(table, headers=headers, tablefmt="simple",
                       disable_numparse=True, colalign=("left",) + ("right",) * 6), "", *_notes(result)]
    if verbose:
        lines += _section("missed", [_row_line(row) for row in result.missed])
        lines += _section("found", [_found_line(d, row) for d, row in result.found])
        lines += _section("false (flagged labelled consistent)", [_flag_line(d, row) for d, row in result.false if row])
        lines += _section("unlabelled", [_flag_line(d, row) for d, row in result.false if not row])
    return "\n".join(lines).rstrip() + "\n"


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _notes(result: EvalResult) -> list[str]:
    notes = []
    if result.skipped:
        notes.append(f"{result.skipped} gold row(s) skipped: they name articles not in the batch")
    other = other_verdict(result.found)
    if other:
        notes.append(f"{other} found with the other verdict")
    unlabelled = result.scores[-1].unlabelled_flags
    if unlabelled and not result.exhaustive:
        notes.append(f"{unlabelled} unlabelled flag(s), not counted against precision (labels not exhaustive)")
    return notes


def other_verdict(found: tuple[tuple[Discrepancy, GoldPair], ...]) -> int:
    """Count found rows that no flag gave the labelled verdict."""
    verdicts: dict[int, tuple[GoldPair, set[str]]] = {}
    for d, row in found:
        verdicts.setdefault(id(row), (row, set()))[1].add(d.verdict)
    return sum(1 for row, seen in verdicts.values() if row.verdict not in seen)


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", f"{title} ({len(lines)}):", *(f"  {line}" for line in lines)] if lines else []


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _row_line(row: GoldPair) -> str:
    return (f"[{row.kind}] {row.doc_a} \"{_one_line(row.quote_a)}\" ({row.value_a}) vs "
            f"{row.doc_b} \"{_one_line(row.quote_b)}\" ({row.value_b}): labelled {row.verdict}")


def _found_line(d: Discrepancy, row: GoldPair) -> str:
    agrees = "" if d.verdict == row.verdict else f" (labelled {row.verdict})"
    return (f"[{d.kind}] {d.a.article_id} ({d.a.value.display}) vs {d.b.article_id} ({d.b.value.display}): "
            f"{d.verdict}{agrees}, {d.severity}, {d.rule}: {_one_line(row.topic)}")


def _flag_line(d: Discrepancy, row: GoldPair | None) -> str:
    label = f"labelled consistent ({_one_line(row.note) or row.topic})" if row else "unlabelled"
    return (f"[{d.kind}] {d.a.article_id} \"{snippet(d.a)}\" ({d.a.value.display}) vs "
            f"{d.b.article_id} \"{snippet(d.b)}\" ({d.b.value.display}): flagged {d.verdict} {d.severity}, {label}")


def snippet(claim: Claim, width: int = 80) -> str:
    """Return the claim's sentence on one line, cut to a window around the claim."""
    text = claim.sentence.text
    if len(text) <= width:
        return _one_line(text)
    middle = (claim.start + claim.end) // 2 - claim.sentence.start
    lo = max(0, min(middle - width // 2, len(text) - width))
    cut = _one_line(text[lo:lo + width])
    return ("…" if lo else "") + cut + ("…" if lo + width < len(text) else "")
