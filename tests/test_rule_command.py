"""`checker rule ID`: one check explained, with its examples; an unknown id is a one-line error."""

from __future__ import annotations


import pytest

from conftest import invoke



pytestmark = pytest.mark.usefixtures("workdir")



def test_rule_explains_a_check_with_its_examples():
    result = invoke("rule", "NUM001")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    flat = " ".join(text.split())  # lines wrap at 88 columns
    assert text.startswith("NUM001  numbers.casualties\n")
    assert "toll of people killed, injured or missing" in flat
    assert "predicates killed, injured, injured_*, missing" in flat
    assert "high from 0.15, medium from 0.08, else low" in flat
    flagged, passing = text.index("Flagged:"), text.index("Not flagged:")
    assert flagged < text.index("a: Twelve workers were killed in the blast.") < passing
    assert passing < text.index("b: 43 people lost their lives.")
    assert "(published 2025-03-11)" in text and "-> update" in text


@pytest.mark.parametrize("name", ["num002", "numbers.counts", "NUM002"])
def test_rule_takes_an_id_in_any_case_or_a_dotted_name(name):
    assert invoke("rule", name).stdout.startswith("NUM002  numbers.counts")


def test_rule_shows_a_severity_override_and_selection(workdir):
    (workdir / "setup.cfg").write_text("[checker]\nseverity = NUM=low\nignore = NUM002\n", encoding="utf-8")
    text = invoke("rule", "NUM002").stdout
    assert "set by the settings: NUM=low" in text
    assert "not reported with the current select/ignore settings" in text


@pytest.mark.parametrize("name, words", [("NUM010", ["'NUM010'", "NUM001"]), ("numbers.count", ["numbers.counts"]),
                                         ("XYZ", ["'XYZ'"])])
def test_unknown_rule_is_a_one_line_error(name, words):
    result = invoke("rule", name)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("checker: error: no check")
    for word in words:
        assert word in lines[0]
