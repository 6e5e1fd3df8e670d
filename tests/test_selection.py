"""Choosing what a check reports: --select/--ignore, --severity, --min-severity, --verdict, and
the same in settings files; what is not reported never fails the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import invoke


ROOT = Path(__file__).resolve().parent.parent
FIRE = ROOT / "tests" / "stories" / "factory_fire"  # NUM002 high; NUM001 medium twice; NUM005 medium
ALL_FIRE = [("NUM002", "high"), ("NUM001", "medium"), ("NUM001", "medium"), ("NUM005", "medium")]


pytestmark = pytest.mark.usefixtures("workdir")


@pytest.fixture
def quake(tmp_path) -> Path:
    """Two articles a day apart: a later, higher toll (NUM001, a low update) and two sums (NUM005, a high conflict)."""
    folder = tmp_path / "quake"
    folder.mkdir()
    for stem, source, day, toll, sum_ in (("a", "Alpha News", "2025-03-10", 12, "4.2"),
                                          ("b", "Beta Times", "2025-03-11", 19, "2.4")):
        (folder / f"{stem}.txt").write_text(
            f"---\nsource: {source}\npublished: {day}\n---\nThe Velmora earthquake killed {toll} people.\n"
            f"Donors pledged ${sum_} billion in aid to Velmora.\n", encoding="utf-8")
    return folder



def found(result) -> list[tuple[str, str]]:
    return [(f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"]]


def one_line_error(result, *words: str) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("checker: error: "), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    for word in words:
        assert word in lines[0]
    return lines[0]


@pytest.mark.parametrize("flags, expected", [
    ([], ALL_FIRE),
    (["--select", "NUM001"], [("NUM001", "medium"), ("NUM001", "medium")]),
    (["--select", "NUM001,NUM005"], [("NUM001", "medium"), ("NUM001", "medium"), ("NUM005", "medium")]),
    (["--select", "NUM001", "--select", "NUM005"], [("NUM001", "medium"), ("NUM001", "medium"), ("NUM005", "medium")]),
    (["--select", "num"], ALL_FIRE),  # ids are read in any case
    (["--select", "DAT"], []),
    (["--ignore", "NUM001"], [("NUM002", "high"), ("NUM005", "medium")]),
    (["--ignore", "NUM"], []),
    # The most specific prefix wins: NUM selects the group, NUM001 takes one check out of it ...
    (["--select", "NUM", "--ignore", "NUM001"], [("NUM002", "high"), ("NUM005", "medium")]),
    # ... and a longer select puts one back into an ignored group.
    (["--ignore", "NUM", "--select", "NUM002"], [("NUM002", "high")]),
    (["--select", "NUM001", "--ignore", "NUM001"], []),  # a tie: ignore wins
    (["--severity", "NUM002=low"], [("NUM001", "medium"), ("NUM001", "medium"), ("NUM005", "medium"), ("NUM002", "low")]),
    (["--severity", "NUM=low", "--severity", "NUM005=high"],  # the most specific override wins
     [("NUM005", "high"), ("NUM001", "low"), ("NUM001", "low"), ("NUM002", "low")]),
    (["--min-severity", "high"], [("NUM002", "high")]),
    (["--min-severity", "medium"], ALL_FIRE),
    (["--severity", "NUM005=high", "--min-severity", "high"], [("NUM002", "high"), ("NUM005", "high")]),
], ids=lambda value: " ".join(value) if isinstance(value, list) and all(isinstance(v, str) for v in value) else None)
def test_flags_choose_the_findings(flags, expected):
    result = invoke("check", FIRE, "--format", "json", "--fail-on", "never", *flags)
    assert result.exit_code == 0, result.stderr
    assert found(result) == expected


@pytest.mark.parametrize("verdict, expected", [
    (None, [("NUM005", "conflict"), ("NUM001", "update")]),
    ("all", [("NUM005", "conflict"), ("NUM001", "update")]),
    ("conflict", [("NUM005", "conflict")]),
    ("update", [("NUM001", "update")]),
])
def test_verdict_shows_conflicts_updates_or_both(quake, verdict, expected):
    flags = ["--verdict", verdict] if verdict else []
    result = invoke("check", quake, "--format", "json", "--fail-on", "never", *flags)
    assert [(f["rule"], f["verdict"]) for f in json.loads(result.stdout)["findings"]] == expected


# What is not reported does not fail: --fail-on counts the findings the report shows, at the
# severity it shows them with.
@pytest.mark.parametrize("flags, status", [
    ([], 1),
    (["--ignore", "NUM002"], 0),  # the only high finding is of an ignored check
    (["--select", "NUM001,NUM005"], 0),
    (["--ignore", "NUM002", "--fail-on", "medium"], 1),
    (["--severity", "NUM002=medium"], 0),
    (["--severity", "NUM001=high"], 1),
    (["--min-severity", "high", "--fail-on", "medium"], 1),  # the high one is shown and fails
    (["--min-severity", "high", "--fail-on", "medium", "--ignore", "NUM002"], 0),  # the mediums are hidden
    (["--fail-on", "low", "--min-severity", "high", "--severity", "NUM002=medium"], 0),
])
def test_only_reported_findings_fail(flags, status):
    assert invoke("check", FIRE, *flags).exit_code == status


def test_updates_hidden_by_verdict_do_not_fail(quake):
    assert invoke("check", quake, "--fail-on", "low", "--ignore", "NUM005").exit_code == 1
    assert invoke("check", quake, "--fail-on", "low", "--ignore", "NUM005", "--verdict", "conflict").exit_code == 0


def test_stderr_says_how_many_findings_were_left_out():
    result = invoke("check", FIRE, "--ignore", "NUM001", "--min-severity", "high")
    assert "checker: 3 findings not shown (2 of checks not selected, 1 below high)" in result.stderr
    assert "NUM001" not in result.stdout and "NUM005" not in result.stdout
    quiet = invoke("check", FIRE, "--ignore", "NUM001", "--quiet")
    assert quiet.stderr == ""


def test_selection_applies_to_every_report_written(tmp_path):
    out = tmp_path / "reports"
    invoke("check", FIRE, "--out", out, "--select", "NUM001", "--severity", "NUM001=low")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {(f["rule"], f["severity"]) for f in report["findings"]} == {("NUM001", "low")}
    assert all(f["rule"] == "NUM001" for f in report["agreed"])
    assert "NUM002" not in (out / "discrepancies.csv").read_text(encoding="utf-8-sig")
    assert "NUM002" not in (out / "report.md").read_text(encoding="utf-8")


def test_ignored_finding_accepted_by_a_baseline_is_not_stale(tmp_path):
    out = tmp_path / "reports"
    invoke("check", FIRE, "--out", out)
    # A JSON report lists findings nobody reviewed: --accept-unreviewed takes them all as accepted.
    result = invoke("check", FIRE, "--baseline", out / "report.json", "--accept-unreviewed", "--ignore", "NUM002",
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["stale"] == []
    assert [f["rule"] for f in report["findings"]] == ["NUM001", "NUM001", "NUM005"]
    assert all(f["suppressed"] for f in report["findings"])
    assert "3 finding(s) suppressed" in result.stderr


def test_store_keeps_every_fact_whatever_is_selected(tmp_path):
    store = tmp_path / "claims.db"
    first = invoke("check", FIRE, "--store", store, "--select", "NUM002", "--format", "json")
    assert found(first) == [("NUM002", "high")]
    # Checking the same batch again with every check reports what the store holds, with the same ids.
    again = invoke("check", FIRE, "--store", store, "--format", "json", "--fail-on", "never")
    assert found(again) == ALL_FIRE
    ids = {f["id"] for f in json.loads(invoke("check", FIRE, "--format", "json").stdout)["findings"]}
    assert {f["id"] for f in json.loads(again.stdout)["findings"]} == ids


@pytest.mark.parametrize("flags, words", [
    (["--select", "XYZ"], ["--select", "'XYZ'", "NUM001"]),
    (["--ignore", "NUM9"], ["--ignore", "'NUM9'"]),
    (["--select", "NUM001,ROL7"], ["--select", "'ROL7'"]),
    (["--severity", "NUM002"], ["--severity", "CHECK=LEVEL"]),
    (["--severity", "NUM002=severe"], ["--severity", "NUM002=severe"]),
    (["--severity", "XYZ=low"], ["--severity", "'XYZ'"]),
    (["--select", "NUM-1"], ["--select", "'NUM-1'"]),
])
def test_unknown_or_malformed_ids_exit_2(flags, words):
    one_line_error(invoke("check", FIRE, *flags), *words)


@pytest.mark.parametrize("name, text", [
    ("setup.cfg", "[checker]\nselect = NUM001, NUM005\nignore = NUM005\nseverity =\n    NUM001 = low\n"
                  "min_severity = low\nverdict = conflict\n"),
    ("pyproject.toml", '[tool.checker]\nselect = ["NUM001", "NUM005"]\nignore = ["NUM005"]\n'
                       'severity = {NUM001 = "low"}\nmin-severity = "low"\nverdict = "conflict"\n'),
])
def test_selection_from_a_settings_file(workdir, name, text):
    (workdir / name).write_text(text, encoding="utf-8")
    result = invoke("check", FIRE, "--format", "json", "--fail-on", "never")
    assert found(result) == [("NUM001", "low"), ("NUM001", "low")]
    # Flags win over the file: a flag's list replaces the file's, severity overrides add up.
    flagged = invoke("check", FIRE, "--format", "json", "--fail-on", "never", "--select", "NUM", "--severity", "NUM002=low")
    assert found(flagged) == [("NUM001", "low"), ("NUM001", "low"), ("NUM002", "low")]  # the file still ignores NUM005


@pytest.mark.parametrize("text, words", [
    ("[checker]\nselect = NUM001, XYZ\n", ["setup.cfg [checker]: select", "'XYZ'"]),
    ("[checker]\nseverity = NUM002:low\n", ["setup.cfg [checker]: severity = 'NUM002:low'", "CHECK=LEVEL"]),
    ("[checker]\nmin_severity = critical\n", ["setup.cfg [checker]: min_severity = 'critical'", "high, medium, low"]),
    ("[checker]\nverdict = both\n", ["setup.cfg [checker]: verdict = 'both'", "conflict"]),
])
def test_bad_selection_in_a_settings_file_exits_2(workdir, text, words):
    (workdir / "setup.cfg").write_text(text, encoding="utf-8")
    one_line_error(invoke("check", FIRE), str(workdir), *words)
