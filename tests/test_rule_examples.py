"""Every check's examples in rules/checks/<ID>.toml (what `checker rule ID` shows) hold."""

from datetime import date

import pytest

from checker.config import Settings
from checker.engine import extract_claims, find_facts
from checker.records import Article
from checker.errors import RulesError
from checker.rules import load_checks

CHECKS = load_checks()
EXAMPLES = [pytest.param(check.id, example, id=f"{check.id}-{number}")
            for check in CHECKS for number, example in enumerate(check.examples, 1)]


def _findings(example):
    articles = [Article(id=side, path=f"{side}.txt", text=getattr(example, side) + "\n",
                        published=date.fromisoformat(day) if (day := getattr(example, f"{side}_published")) else None)
                for side in ("a", "b")]
    settings = Settings()
    # An example is one story by construction: its two sentences are what is compared.
    return find_facts(extract_claims(articles, settings), articles, settings, one_story=True)[0]


@pytest.mark.parametrize("check", CHECKS, ids=[c.id for c in CHECKS])
def test_every_check_shows_a_flagged_and_a_passing_example(check):
    assert any(e.flagged for e in check.examples), f"{check.id}: no flagged example"
    assert any(not e.flagged for e in check.examples), f"{check.id}: no example that passes"
    assert all(e.why for e in check.examples), f"{check.id}: an example without `why`"


@pytest.mark.parametrize(("check_id", "example"), EXAMPLES)
def test_example_holds(check_id, example):
    findings = _findings(example)
    if not example.flagged:
        assert findings == [], f"flagged: {[f.explanation for f in findings]}"
        return
    assert [f.rule for f in findings] == [check_id], f"expected one {check_id} finding, got {findings}"
    for key in ("severity", "verdict"):
        if getattr(example, key):
            assert getattr(findings[0], key) == getattr(example, key)


@pytest.mark.parametrize(("entry", "message"), [
    ('flagged = true\na = "x"\nb = "y"\nseverty = "high"\n', "unknown key 'severty'"),
    ('flagged = "yes"\na = "x"\nb = "y"\n', "flagged must be true or false"),
    ('flagged = true\na = "x"\n', "missing or malformed"),
], ids=["misspelt", "flagged", "no-b"])
def test_bad_example_is_refused(rules_copy, entry, message):
    path = rules_copy / "checks" / "NUM002.toml"
    path.write_text(path.read_text(encoding="utf-8") + f"\n[[examples]]\n{entry}", encoding="utf-8")
    with pytest.raises(RulesError, match=message):
        load_checks(rules_copy)
