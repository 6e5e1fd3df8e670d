"""Scoring a Report's findings and gathering against a fact inventory, and reading inventories."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import astuple, fields
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.evaluate_facts import FactScore, evaluate_facts, render_facts, summary_line
from checker.fact_inventory import Statement, read_facts
from checker.records import Article, Claim, Finding, Interval, Quantity, Report, Sentence, Variant, stable_id

from conftest import SHARED

SCORE_FACTS = SHARED / "tools" / "score_facts.py"
ARTICLES = tuple(Article(id=i, path=f"{i}.txt", text="") for i in "ABCD")


def claim(article_id: str, sentence: str, text: str, value: float = 5, kind: str = "number") -> Claim:
    """Build a claim on a one-sentence article."""
    start = max(sentence.find(text), 0)
    quantity = Quantity(Interval.point(value), "count", "", str(value), f"{value:g}")
    return Claim(id=stable_id(article_id, sentence, text, value, kind), article_id=article_id,
                 sentence=Sentence(article_id, 0, 0, len(sentence), sentence, 1), start=start,
                 end=start + len(text), kind=kind, text=text, predicate="", thing="", topic="", value=quantity)


def fact(*sides: Claim | tuple[Claim, ...], verdict: str = "conflict") -> Finding:
    """Build a fact whose variants hold the given claims (a claim or a tuple of claims each)."""
    groups = [side if isinstance(side, tuple) else (side,) for side in sides]
    return Finding(id=stable_id(*(c.id for g in groups for c in g)), rule="r", name="test.rule",
                   kind=groups[0][0].kind, verdict=verdict, severity="" if verdict == "agreed" else "high",
                   topic="t", variants=tuple(Variant(g[0].value.display, g) for g in groups), explanation="")


def said(cluster, key, kind, doc, quote, value, variant) -> Statement:
    """Build a labelled statement."""
    return Statement(cluster, key, kind, f"topic {key}", doc, quote, value, variant, "no", "")


STATEMENTS = [
    said("c", "F1", "number", "A", "the blast killed five people", "5", "a"),
    said("c", "F1", "number", "B", "Five people died", "5", "a"),
    said("c", "F1", "number", "C", "seven people were killed", "7", "b"),
    said("c", "F2", "number", "A", "injured 20 others", "20", "a"),
    said("c", "F2", "number", "B", "30 were injured", "30", "b"),
    said("c", "F3", "date", "A", "on Sunday", "2024-03-10", "a"),
    said("c", "F3", "date", "C", "on Sunday", "2024-03-10", "a"),
    said("c", "F4", "attribution", "A", "the mayor said", "mayor", "a"),
    said("c", "F4", "attribution", "D", "the governor said", "governor", "b"),
]
K_A = claim("A", "The blast killed five people.", "killed five people")
K_B = claim("B", "Five people died.", "Five people died")
K_C = claim("C", "Seven people were killed.", "Seven people were killed", 7)
K_C6 = claim("C", "Seven people were killed.", "Seven people were killed", 6)  # words right, figure not
I_A = claim("A", "It injured 20 others.", "injured 20 others", 20)
I_B = claim("B", "30 were injured.", "30 were injured", 30)
D_A = claim("A", "It happened on Sunday.", "on Sunday", kind="date")
D_C = claim("C", "On Sunday, it happened.", "On Sunday", kind="date")
S_A = claim("A", '"We will rebuild," the mayor said.', "the mayor said", kind="attribution")
S_D = claim("D", '"We will rebuild," the governor said.', "the governor said", kind="attribution")
X_B = claim("B", "Nine buses were burned.", "Nine buses", 9)  # no labelled statement
W_A = claim("A", "The blast killed five people.", "five", kind="date")  # a date's words in a number's quote
CLAIMS = (K_A, K_B, K_C, I_A, I_B, D_A, D_C, S_A, S_D, X_B, W_A)


def report(findings=(), agreed=()) -> Report:
    """Build a report over articles A to D holding every test claim."""
    return Report(ARTICLES, CLAIMS, tuple(findings), tuple(agreed))


def score(result, kind: str = "all") -> FactScore:
    """Return the score row of one kind."""
    return next(s for s in result.scores if s.kind == kind)


# --- findings: right, wrong, unmatched, split ----------------------------------------------

MIXED = [fact((K_A, K_B), K_C), fact(I_A, I_B), fact(S_A, S_D), fact(K_A, X_B)]
# (found, separated, right, wrong, unmatched, several) over 3 disputed facts and 4 cross pairs
SCORING_CASES = [
    pytest.param([fact((K_A, K_B), K_C)], (1, 2, 1, 0, 0, 0), id="right"),
    pytest.param([fact(K_A, K_B)], (0, 0, 0, 1, 0, 0), id="wrong-one-labelled-variant"),
    pytest.param([fact(K_A, I_B)], (0, 0, 0, 1, 0, 0), id="wrong-two-facts"),
    pytest.param([fact(K_A, X_B)], (0, 0, 0, 0, 1, 0), id="unmatched-one-side-labelled"),
    pytest.param([fact(K_A, K_C6)], (0, 0, 0, 0, 1, 0), id="unmatched-other-figure"),
    pytest.param([fact(K_A, K_C), fact(K_B, K_C)], (1, 2, 2, 0, 0, 1), id="fact-split-across-two-findings"),
    pytest.param([fact(K_A, K_B, K_C)], (1, 2, 1, 0, 0, 0), id="right-with-a-needless-variant"),
    pytest.param(MIXED, (3, 4, 3, 0, 1, 1), id="mixed"),
    pytest.param([], (0, 0, 0, 0, 0, 0), id="no-findings"),
]


@pytest.mark.parametrize(("findings", "expected"), SCORING_CASES)
def test_scoring(findings, expected):
    overall = score(evaluate_facts(report(findings), STATEMENTS))
    assert (overall.disputed, overall.pairs, overall.findings) == (3, 4, len(findings))
    assert (overall.found, overall.separated, overall.right, overall.wrong, overall.unmatched,
            overall.several) == expected


def test_ratios_and_kinds():
    result = evaluate_facts(report(MIXED), STATEMENTS)
    assert [s.kind for s in result.scores] == ["attribution", "date", "number", "all"]
    overall = score(result)
    assert (overall.recall, overall.pair_recall, overall.precision) == (1.0, 1.0, 0.75)
    number = score(result, "number")
    assert (number.disputed, number.found, number.pairs, number.findings, number.right, number.unmatched) == (
        2, 2, 3, 3, 2, 1)
    date = score(result, "date")  # nothing disputed, nothing flagged
    assert (date.disputed, date.findings, date.recall, date.precision) == (0, 0, 1.0, 1.0)


def test_no_finding_on_a_disputed_inventory_has_precision_zero():
    overall = score(evaluate_facts(report(), STATEMENTS))
    assert (overall.recall, overall.pair_recall, overall.precision) == (0.0, 0.0, 0.0)
    undisputed = [s for s in STATEMENTS if s.fact == "F3"]
    assert score(evaluate_facts(report(), undisputed)).precision == 1.0


def test_missed_facts_and_wrong_findings():
    wrong = fact(K_A, I_B)
    result = evaluate_facts(report([fact(I_A, I_B), wrong]), STATEMENTS)
    assert [(m[0].fact, len(m)) for m in result.missed] == [("F1", 3), ("F4", 2)]
    assert [f for f, _judged in result.wrong] == [wrong]
    text = render_facts(result)
    assert summary_line(result.scores[-1]) in text
    assert "missed disputed facts (2):" in text and "  c F1 [number] topic F1: A=5(a); B=5(a); C=7(b)" in text
    assert "wrong findings (1):" in text and "  [number] conflict high r t: 5 (A) [F1/a] vs 30 (B) [F2/b]" in text
    quiet = render_facts(result, verbose=False)
    assert "disputed-fact recall" not in quiet and "missed" not in quiet and quiet.splitlines()[0].startswith("kind")


# --- gathering ---------------------------------------------------------------------------

# Labelled together (one fact, either variant): F1 A-B, A-C, B-C; F2 A-B; F3 A-C; F4 A-D.
# W_A stands for an F1 statement but is a date: not counted.
GATHERING_CASES = [
    pytest.param([fact((K_A, K_B), K_C)], [fact((D_A, D_C), verdict="agreed")], (4, 6, 4), id="right-and-agreed"),
    pytest.param([fact((K_A, K_B), K_C)], [], (3, 6, 3), id="agreed-fact-missing"),
    pytest.param([fact((K_A, K_B), K_C), fact(I_A, K_B)], [], (4, 6, 3), id="claims-of-two-facts-together"),
    pytest.param([fact(K_A, X_B)], [fact((W_A, K_B), verdict="agreed")], (0, 6, 0), id="unlabelled-claims-ignored"),
    pytest.param([fact(K_A, K_C), fact(K_B, K_C)], [], (2, 6, 2), id="split-fact-loses-a-pair"),
]


@pytest.mark.parametrize(("findings", "agreed", "expected"), GATHERING_CASES)
def test_gathering(findings, agreed, expected):
    overall = score(evaluate_facts(report(findings, agreed), STATEMENTS))
    assert (overall.gathered, overall.together, overall.both) == expected
    gathered, together, both = expected
    assert overall.gathering_precision == (both / gathered if gathered else None)
    assert overall.gathering_recall == both / together


def test_gathering_per_kind():
    result = evaluate_facts(report([fact((K_A, K_B), K_C)], [fact((D_A, D_C), verdict="agreed")]), STATEMENTS)
    assert astuple(score(result, "date"))[-3:] == (1, 1, 1)
    assert astuple(score(result, "number"))[-3:] == (3, 4, 3)
    attribution = score(result, "attribution")  # the two speakers of F4 were never gathered
    assert astuple(attribution)[-3:] == (0, 1, 0)
    assert (attribution.gathering_precision, attribution.gathering_recall) == (None, 0.0)


# --- the batch and the inventory ---------------------------------------------------------

def test_clusters_outside_the_batch_are_skipped():
    other = [said("z", "F1", "number", "Z1", "x", "1", "a"), said("z", "F1", "number", "Z2", "y", "2", "b")]
    result = evaluate_facts(report([fact((K_A, K_B), K_C)]), STATEMENTS + other)
    assert result.skipped == 2 and score(result).disputed == 3
    assert "2 labelled statement(s) skipped" in render_facts(result)
    with pytest.raises(InputError, match="names no article of the batch"):
        evaluate_facts(report(), other)


# --- the same figures as score_facts.py --------------------------------------------------

def as_json(findings: list[Finding]) -> dict:
    """Write findings as a JSON v2 report, by hand, in the shape of the contract."""
    def claim_fields(c: Claim) -> dict:
        return {"article": c.article_id, "path": f"{c.article_id}.txt", "line": c.line, "source": c.article_id,
                "published": None, "url": None, "sentence": c.sentence.text, "text": c.text,
                "value": c.value.display}

    return {"version": 2, "articles": len(ARTICLES), "claims": len(CLAIMS), "facts": len(findings), "stale": [],
            "agreed": [], "findings": [
                {"id": f.id, "rule": f.rule, "kind": f.kind, "verdict": f.verdict, "severity": f.severity,
                 "topic": f.topic, "explanation": f.explanation, "suppressed": False,
                 "variants": [{"value": v.value, "claims": [claim_fields(c) for c in v.claims]} for v in f.variants]}
                for f in findings]}


def write_facts(path: Path, statements: list[Statement]) -> Path:
    """Write statements as an inventory CSV."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f.name for f in fields(Statement)])
        writer.writerows(astuple(s) for s in statements)
    return path


AGREEMENT_CASES = [pytest.param(findings, id=case.id) for case in SCORING_CASES for findings in [case.values[0]]]


@pytest.mark.parametrize("findings", AGREEMENT_CASES)
def test_the_figures_agree_with_score_facts(tmp_path, findings):
    if not SCORE_FACTS.is_file():
        pytest.skip(f"{SCORE_FACTS} is absent")
    facts = write_facts(tmp_path / "facts.csv", STATEMENTS)
    report_json = tmp_path / "report.json"
    report_json.write_text(json.dumps(as_json(findings), sort_keys=True, ensure_ascii=False, indent=2), "utf-8")
    result = evaluate_facts(report(findings), read_facts(facts))
    for s in result.scores:
        kind = [] if s.kind == "all" else ["--kind", s.kind]
        run = subprocess.run([sys.executable, str(SCORE_FACTS), "--facts", str(facts), "--json", str(report_json),
                              *kind], capture_output=True, text=True, check=True)
        assert run.stdout.strip().splitlines()[-1] == summary_line(s), s.kind


# --- reading inventories -----------------------------------------------------------------

HEADER = "cluster,fact,kind,topic,doc,quote,value,variant,evolving,note\n"


def write(tmp_path: Path, text: str) -> Path:
    """Write an inventory file with a byte-order mark."""
    path = tmp_path / "facts.csv"
    path.write_text("\ufeff" + text, encoding="utf-8")
    return path


def test_read_facts(tmp_path):
    path = write(tmp_path, HEADER + 'c,F1,number,killed,A,"killed five, people",5,a,no,a note\n\n')
    assert read_facts(path) == [Statement("c", "F1", "number", "killed", "A", "killed five, people", "5", "a",
                                          "no", "a note")]


BAD_FILES = [
    pytest.param(HEADER.replace(",variant", ",side") + "c,F1,number,t,A,q,5,a,no,\n", "without column(s) variant",
                 id="missing-column"),
    pytest.param(HEADER + "c,F1,number,t,A,q,5,a,no,\nc,F1,number,t,A,one, two,5,a,no,\n",
                 ":3: 11 fields where the header has 10", id="unquoted-comma"),
    pytest.param(HEADER + "c,F1,number,t,A,,5,a,no,\n", ":2: empty quote", id="empty-quote"),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_read_facts_errors(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(InputError, match=re.escape(message)) as err:
        read_facts(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_read_facts_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.csv: cannot read fact inventory"):
        read_facts(tmp_path / "nope.csv")


def test_the_dev_inventory_reads_whole():
    path = SHARED / "corpus" / "dev" / "facts.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    statements = read_facts(path)
    assert len(statements) == 1006
    assert Counter(s.kind for s in statements) == {"number": 613, "date": 173, "attribution": 123, "role": 97}
    assert {s.cluster for s in statements} == {"8_ecbplus", "29_ecbplus", "30_ecb", "32_ecb", "41_ecbplus"}
