"""Every check has pass/fail cases in tests/checks/<ID>.toml, and they hold."""

import tomllib
from datetime import date
from pathlib import Path

import pytest

from checker.config import Settings
from checker.engine import extract_claims, find_facts
from checker.records import Article
from checker.rules import load_checks

CASES = Path(__file__).parent / "checks"
CHECKS = load_checks()


def _cases():
    for check in CHECKS:
        path = CASES / f"{check.id}.toml"
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        for verdict in ("fail", "pass"):
            for number, case in enumerate(data.get(verdict, []), 1):
                yield pytest.param(check.id, verdict, case, id=f"{check.id}-{verdict}-{number}")


def _day(case, side):
    """Return a case side's publication date (`a_published = "2025-03-10"`), if any."""
    value = case.get(f"{side}_published")
    return date.fromisoformat(value) if value else None


def _findings(case):
    if case.get("same_article"):
        articles = [Article(id="one", path="one.txt", text=f"{case['a']}\n{case['b']}\n")]
    else:
        articles = [Article(id=side, path=f"{side}.txt", text=case[side] + "\n", published=_day(case, side))
                    for side in ("a", "b")]
    settings = Settings()
    # Each case is one story by construction: its two sentences are what is compared.
    return find_facts(extract_claims(articles, settings), articles, settings, one_story=True)[0]


@pytest.mark.parametrize("check", CHECKS, ids=[c.id for c in CHECKS])
def test_every_check_has_pass_and_fail_cases(check):
    path = CASES / f"{check.id}.toml"
    assert path.exists(), f"{check.id} ({check.name}) has no case file {path}"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data.get("fail"), f"{path}: no [[fail]] case"
    assert data.get("pass"), f"{path}: no [[pass]] case"


def test_no_case_file_without_a_check():
    ids = {c.id for c in CHECKS}
    assert {p.stem for p in CASES.glob("*.toml")} <= ids


@pytest.mark.parametrize(("check_id", "verdict", "case"), list(_cases()))
def test_case(check_id, verdict, case):
    findings = _findings(case)
    if verdict == "pass":
        assert findings == [], f"flagged: {[f.explanation for f in findings]}"
        return
    assert [f.rule for f in findings] == [check_id], f"expected one {check_id} finding, got {findings}"
    for key in ("severity", "verdict"):
        if key in case:
            assert getattr(findings[0], key) == case[key]
