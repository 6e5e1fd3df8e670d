"""Quotes and titles through the CLI: misattributed quotes, pronoun, surname-only and
anonymous speakers, people who share a surname, wrong titles; and the seeds' labels."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from conftest import claims_of, split_pairs
from checker.config import Settings
from checker.engine import run
from checker.evaluate import evaluate, read_gold
from conftest import SHARED

HERE = Path(__file__).resolve().parent
STORY = HERE / "people" / "port_talks"
SEEDS = HERE.parent / "seeds"


def _report(folder: Path) -> dict:
    result = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_port_talks_findings_are_exactly_the_planted_ones():
    expected = tomllib.loads((STORY / "expected.toml").read_text(encoding="utf-8"))["finding"]
    want = {frozenset({(f["a"], f["a_text"]), (f["b"], f["b_text"])}): (f["rule"], f["severity"]) for f in expected}
    got = {frozenset({(a["article"], a["text"]), (b["article"], b["text"])}): (d["rule"], d["severity"])
           for d in _report(STORY)["findings"] for a, b in split_pairs(d)}
    assert got == want


def test_misattribution_names_both_speakers():
    findings = [d for d in _report(STORY)["findings"] if d["rule"] == "ATT001" and d["severity"] == "high"]
    assert findings
    for finding in findings:
        assert {v["value"] for v in finding["variants"]} == {"Tomas Reyes", "Helena Voss"}


def test_people_sharing_a_surname_stay_apart():
    roles = [d for d in _report(STORY)["findings"] if d["kind"] == "role"]
    assert all("Maria Okafor" not in c["value"] for d in roles for c in claims_of(d))


def test_seeds_flag_both_labelled_role_conflicts_and_nothing_else():
    gold = SHARED / "seeds-gold.csv"
    if not gold.is_file():
        pytest.skip(f"no seeds gold at {gold}")
    report = run([str(SEEDS)], Settings())
    result = evaluate(report, read_gold(gold), exhaustive=True)
    role = next(s for s in result.scores if s.kind == "role")
    assert (role.tp, role.fp, role.fn) == (2, 0, 0)
    assert [d.rule for d in report.findings if d.kind in ("attribution", "role")] == ["ROL002", "ROL001"]
