"""Score a Report against labelled pairs: precision and recall per claim kind."""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Sequence
from collections import Counter
from dataclasses import dataclass, fields
from pathlib import Path

from rapidfuzz import fuzz
from tabulate import tabulate

from checker.errors import InputError
from checker.fact_inventory import read_label_rows
from checker.records import Claim, Finding, Report, Variant

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
    false: tuple[tuple[Finding, GoldPair | None], ...]  # findings that find no conflict/update row
    found: tuple[tuple[Finding, GoldPair], ...]
    skipped: int = 0  # gold rows naming an article outside the batch
    exhaustive: bool = False
    split: tuple[tuple[Finding, GoldPair], ...] = ()  # every consistent row some finding splits
    threshold: float = 80.0  # how closely a claim's words must match a quote


def read_gold(path: str | Path) -> list[GoldPair]:
    """Read a gold CSV into GoldPair rows, or raise InputError naming the file."""
    header, rows = read_label_rows(path, REQUIRED, "gold labels")
    return [_pair(header, cells, f"{path}:{number}") for number, cells in rows]


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


Side = tuple[Claim, Variant]


def sides(finding: Finding, row: GoldPair, threshold: float = 80.0) -> tuple[Side, Side] | None:
    """Return the claims (with their variants) of two different variants standing for the row's sides a and b."""
    if finding.kind != row.kind:
        return None
    variants = finding.variants
    a = [next((c for c in v.claims if _side(c, row.doc_a, row.quote_a, threshold)), None) for v in variants]
    b = [next((c for c in v.claims if _side(c, row.doc_b, row.quote_b, threshold)), None) for v in variants]
    for i, j in itertools.permutations(range(len(variants)), 2):
        if a[i] is not None and b[j] is not None:
            return (a[i], variants[i]), (b[j], variants[j])
    return None


def matches(finding: Finding, row: GoldPair, threshold: float = 80.0) -> bool:
    """Tell whether a finding puts the labelled pair's two statements into different variants."""
    return sides(finding, row, threshold) is not None


def evaluate(report: Report, gold: list[GoldPair], exhaustive: bool = False, threshold: float = 80.0) -> EvalResult:
    """Score the report's findings against the gold rows whose articles are in the batch."""
    present = {article.id for article in report.articles}
    rows = [row for row in gold if {row.doc_a, row.doc_b} <= present]
    found: list[tuple[Finding, GoldPair]] = []
    false: list[tuple[Finding, GoldPair | None]] = []
    split: list[tuple[Finding, GoldPair]] = []
    for finding in report.findings:
        hits = [row for row in rows if matches(finding, row, threshold)]
        positive = [row for row in hits if row.verdict in POSITIVE]
        consistent = [row for row in hits if row.verdict not in POSITIVE]
        split.extend((finding, row) for row in consistent)
        if positive:
            found.extend((finding, row) for row in positive)
        else:
            false.append((finding, consistent[0] if consistent else None))
    hit_ids = {id(row) for _f, row in found}
    missed = [row for row in rows if row.verdict in POSITIVE and id(row) not in hit_ids]
    scores = _scores(rows, found, false, missed, exhaustive, report.findings)
    return EvalResult(scores, tuple(missed), tuple(false), tuple(found), len(gold) - len(rows), exhaustive,
                      tuple(split), threshold)


def _scores(rows, found, false, missed, exhaustive, flags) -> tuple[KindScore, ...]:
    kinds = sorted({row.kind for row in rows} | {f.kind for f in flags})
    count: Counter[tuple[str, str]] = Counter()
    count.update((row.kind, "positive") for row in rows if row.verdict in POSITIVE)
    count.update((f.kind, "tp") for f in {id(f): f for f, _row in found}.values())
    count.update((f.kind, "consistent" if row else "unlabelled") for f, row in false)
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
        lines += _section("found", [_found_line(f, row, result.threshold) for f, row in result.found])
        flags = [_flag_line(f, row, result.threshold) for f, row in result.false if row]
        lines += _section("false (flagged labelled consistent)", flags)
        inside = [_flag_line(f, row, result.threshold) for f, row in _split_in_found(result)]
        lines += _section("consistent pairs split inside findings that found a labelled pair", inside)
        lines += _section("unlabelled", [_fact_line(f) for f, row in result.false if not row])
    return "\n".join(lines).rstrip() + "\n"


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _notes(result: EvalResult) -> list[str]:
    notes = []
    if result.skipped:
        notes.append(f"{result.skipped} gold row(s) skipped: they name articles not in the batch")
    inside = len(_split_in_found(result))
    if inside:
        notes.append(f"{inside} labelled consistent pair(s) split inside findings that also found a labelled pair")
    other = other_verdict(result.found)
    if other:
        notes.append(f"{other} found with the other verdict")
    unlabelled = result.scores[-1].unlabelled_flags
    if unlabelled and not result.exhaustive:
        notes.append(f"{unlabelled} unlabelled flag(s), not counted against precision (labels not exhaustive)")
    return notes


def _split_in_found(result: EvalResult) -> list[tuple[Finding, GoldPair]]:
    right = {id(f) for f, _row in result.found}
    return [(f, row) for f, row in result.split if id(f) in right]


def other_verdict(found: Sequence[tuple[Finding, GoldPair]]) -> int:
    """Count found rows that no finding gave the labelled verdict."""
    verdicts: dict[int, tuple[GoldPair, set[str]]] = {}
    for f, row in found:
        verdicts.setdefault(id(row), (row, set()))[1].add(f.verdict)
    return sum(1 for row, seen in verdicts.values() if row.verdict not in seen)


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", f"{title} ({len(lines)}):", *(f"  {line}" for line in lines)] if lines else []


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _row_line(row: GoldPair) -> str:
    return (f"[{row.kind}] {row.doc_a} \"{_one_line(row.quote_a)}\" ({row.value_a}) vs "
            f"{row.doc_b} \"{_one_line(row.quote_b)}\" ({row.value_b}): labelled {row.verdict}")


def _found_line(f: Finding, row: GoldPair, threshold: float) -> str:
    agrees = "" if f.verdict == row.verdict else f" (labelled {row.verdict})"
    (_a, first), (_b, second) = sides(f, row, threshold)
    return (f"[{f.kind}] {row.doc_a} ({first.value}) vs {row.doc_b} ({second.value}): "
            f"{f.verdict}{agrees}, {f.severity}, {f.rule}: {_one_line(row.topic)}")


def _flag_line(f: Finding, row: GoldPair, threshold: float) -> str:
    (a, first), (b, second) = sides(f, row, threshold)
    label = f"labelled consistent ({_one_line(row.note) or row.topic})"
    return (f"[{f.kind}] {a.article_id} \"{snippet(a)}\" ({first.value}) vs "
            f"{b.article_id} \"{snippet(b)}\" ({second.value}): flagged {f.verdict} {f.severity}, {label}")


def _fact_line(f: Finding) -> str:
    told = " vs ".join(f"{v.value} ({', '.join(v.articles)}: \"{snippet(v.claims[0], 50)}\")"
                       for v in f.variants if v.claims)
    return f"[{f.kind}] {told}: flagged {f.verdict} {f.severity}, unlabelled"


def joined(reports: Sequence[Report]) -> Report:
    """Join the reports of separate batches into one, to score them together."""
    return Report(tuple(a for r in reports for a in r.articles), tuple(c for r in reports for c in r.claims),
                  tuple(f for r in reports for f in r.findings), tuple(f for r in reports for f in r.agreed),
                  tuple(w for r in reports for w in r.warnings))


def snippet(claim: Claim, width: int = 80) -> str:
    """Return the claim's sentence on one line, cut to a window around the claim."""
    text = claim.sentence.text
    if len(text) <= width:
        return _one_line(text)
    middle = (claim.start + claim.end) // 2 - claim.sentence.start
    lo = max(0, min(middle - width // 2, len(text) - width))
    cut = _one_line(text[lo:lo + width])
    return ("…" if lo else "") + cut + ("…" if lo + width < len(text) else "")
