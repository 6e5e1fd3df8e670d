"""Score a Report against a fact inventory: disputed-fact and pair recall, precision, gathering."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from tabulate import tabulate

from checker.errors import InputError
from checker.fact_inventory import Inventory, Judged, Statement, article_of, judge, kind_of, said
from checker.records import Claim, Finding, Report


@dataclass(frozen=True, slots=True)
class FactScore:
    """The figures of one kind (or "all"), counted as score_facts.py counts them."""

    kind: str
    disputed: int  # labelled facts with two or more variants
    found: int  # of those, split along the labelled variants by some finding
    pairs: int  # labelled cross-variant statement pairs of different articles
    separated: int  # of those, separated by some finding
    findings: int
    right: int
    wrong: int
    unmatched: int
    several: int  # labelled facts some statement of which is in more than one finding
    gathered: int  # claim pairs of different articles put in one finding or agreed fact
    together: int  # claim pairs of different articles labelled as one fact
    both: int  # pairs gathered and labelled together

    @property
    def recall(self) -> float:
        """Return disputed-fact recall (1.0 when nothing is disputed)."""
        return self.found / self.disputed if self.disputed else 1.0

    @property
    def pair_recall(self) -> float:
        """Return pair recall (1.0 when no pair is labelled)."""
        return self.separated / self.pairs if self.pairs else 1.0

    @property
    def precision(self) -> float:
        """Return right findings over all findings (no finding: 1.0 unless a fact is disputed)."""
        return self.right / self.findings if self.findings else (0.0 if self.disputed else 1.0)

    @property
    def gathering_precision(self) -> float | None:
        """Return the share of gathered claim pairs that the labels put in one fact."""
        return self.both / self.gathered if self.gathered else None

    @property
    def gathering_recall(self) -> float | None:
        """Return the share of labelled claim pairs that the checker gathered."""
        return self.both / self.together if self.together else None


@dataclass(frozen=True, slots=True)
class FactsResult:
    """Scores per kind and overall, the missed disputed facts and the wrong findings."""

    scores: tuple[FactScore, ...]
    missed: tuple[tuple[Statement, ...], ...]  # each missed fact's statements
    wrong: tuple[tuple[Finding, Judged], ...]
    statements: tuple[Statement, ...]  # the labelled statements scored (of the batch's clusters)
    skipped: int = 0  # statements of clusters with no article in the batch


def evaluate_facts(report: Report, statements: Sequence[Statement]) -> FactsResult:
    """Score the report's findings and gathering against the inventory's clusters in the batch."""
    present = {article_of(a.id) for a in report.articles}
    clusters = {s.cluster for s in statements if s.doc in present}
    if not clusters:
        raise InputError("the fact inventory names no article of the batch")
    inventory = Inventory([s for s in statements if s.cluster in clusters])
    kinds = sorted({s.kind for s in inventory.statements} | {kind_of(f.kind) for f in report.findings})
    scores = [_score(inventory.of_kind(kind), report, kind)[0] for kind in kinds]
    overall, judged = _score(inventory, report, "all")
    hit = set().union(*(j.split_facts for j in judged))
    missed = tuple(tuple(inventory.statements[n] for n in inventory.facts[key])
                   for key in sorted(inventory.disputed - hit))
    wrong = tuple((f, j) for f, j in zip(report.findings, judged) if j.verdict == "wrong")
    skipped = len(statements) - len(inventory.statements)
    return FactsResult((*scores, overall), missed, wrong, inventory.statements, skipped)


def _score(inventory: Inventory, report: Report, kind: str) -> tuple[FactScore, list[Judged]]:
    findings = [f for f in report.findings if kind in ("all", kind_of(f.kind))]
    judged = [judge(inventory, [[said(c) for c in v.claims] for v in f.variants]) for f in findings]
    facts = set().union(*(j.split_facts for j in judged))
    pairs = set().union(*(j.split_pairs for j in judged)) & inventory.cross
    seen_in: dict[tuple[str, str], set[int]] = {}
    for n, j in enumerate(judged):
        for x in itertools.chain(*j.labels):
            seen_in.setdefault(inventory.statements[x].key, set()).add(n)
    verdicts = [j.verdict for j in judged]
    several = sum(1 for where in seen_in.values() if len(where) > 1)
    gathered, together = _gathering(inventory, report, kind)
    score = FactScore(kind, len(inventory.disputed), len(facts), len(inventory.cross), len(pairs), len(findings),
                      verdicts.count("right"), verdicts.count("wrong"), verdicts.count("unmatched"), several,
                      len(gathered), len(together), len(gathered & together))
    return score, judged


def _gathering(inventory: Inventory, report: Report, kind: str) -> tuple[set, set]:
    """Return the claim pairs gathered into one fact and those labelled as one fact."""
    st = inventory.statements
    facts = [f for f in (*report.findings, *report.agreed) if kind in ("all", kind_of(f.kind))]
    claims = {_key(c): c for c in (*report.claims, *(c for f in facts for c in f.claims))}
    # A claim counts when it stands for a statement of its own kind (a date's words may lie
    # inside a labelled number's quote).
    labelled = {k: {st[n].key for n in inventory.labels(said(c)) if st[n].kind == kind_of(c.kind)}
                for k, c in claims.items()}
    labelled = {k: keys for k, keys in labelled.items() if keys}
    by_fact: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for k, keys in labelled.items():
        for key in keys:
            by_fact.setdefault(key, []).append(k)
    together = {pair for members in by_fact.values() for pair in _cross(members)}
    gathered = {pair for f in facts for pair in _cross([_key(c) for c in f.claims if _key(c) in labelled])}
    return gathered, together


def _key(claim: Claim) -> tuple[str, str]:
    return claim.article_id, claim.id


def _cross(members: Sequence[tuple[str, str]]) -> set[tuple[tuple[str, str], tuple[str, str]]]:
    """Return the pairs of members of different articles, each once."""
    return {(a, b) for a, b in itertools.combinations(sorted(set(members)), 2) if a[0] != b[0]}


HEADERS = ["kind", "disputed", "found", "recall", "pairs", "separated", "pair recall", "findings", "right",
           "wrong", "unmatched", "precision", "in several", "gathering P", "gathering R"]


def render_facts(result: FactsResult, verbose: bool = True) -> str:
    """Render the score table and, when verbose, the summary, missed facts and wrong findings."""
    table = [[s.kind, s.disputed, s.found, _ratio(s.recall), s.pairs, s.separated, _ratio(s.pair_recall),
              s.findings, s.right, s.wrong, s.unmatched, _ratio(s.precision), s.several,
              _ratio(s.gathering_precision), _ratio(s.gathering_recall)] for s in result.scores]
    lines = [tabulate(table, headers=HEADERS, tablefmt="simple", disable_numparse=True,
                      colalign=("left",) + ("right",) * (len(HEADERS) - 1))]
    if verbose:
        lines += ["", summary_line(result.scores[-1])]
        if result.skipped:
            lines.append(f"{result.skipped} labelled statement(s) skipped: their clusters are not in the batch")
        lines += _section("missed disputed facts", [_missed_line(fact) for fact in result.missed])
        lines += _section("wrong findings", [_wrong_line(f, j, result.statements) for f, j in result.wrong])
    return "\n".join(lines).rstrip() + "\n"


def summary_line(s: FactScore) -> str:
    """Return the figures on one line, worded as score_facts.py prints them."""
    return (f"disputed-fact recall {s.recall:.2f} ({s.found}/{s.disputed}), pair recall {s.pair_recall:.2f} "
            f"({s.separated}/{s.pairs}), precision {s.precision:.2f} (findings {s.findings}: {s.right} true, "
            f"{s.wrong} wrong, {s.unmatched} unmatched), facts in several findings {s.several}")


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _section(title: str, lines: list[str]) -> list[str]:
    return ["", f"{title} ({len(lines)}):", *(f"  {line}" for line in lines)] if lines else []


def _missed_line(statements: tuple[Statement, ...]) -> str:
    first = statements[0]
    told = "; ".join(f"{s.doc}={s.value}({s.variant})" for s in statements)
    return _cut(f"{first.cluster} {first.fact} [{first.kind}] {first.topic}: {told}")


def _wrong_line(finding: Finding, judged: Judged, statements: tuple[Statement, ...]) -> str:
    sides = []
    for variant, labels in zip(finding.variants, judged.labels):
        facts = ", ".join(dict.fromkeys(f"{statements[n].fact}/{statements[n].variant}" for n in labels))
        sides.append(f"{variant.value} ({', '.join(variant.articles)})" + (f" [{facts}]" if facts else ""))
    return _cut(f"[{finding.kind}] {finding.verdict} {finding.severity} {finding.rule} {finding.topic}: "
                + " vs ".join(sides))


def _cut(text: str, width: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "\u2026"
