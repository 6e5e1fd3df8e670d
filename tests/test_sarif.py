"""SARIF 2.1.0: valid against the official schema; rules, levels, locations and fingerprints for code scanning."""

from __future__ import annotations

import json as jsonlib
import shutil
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema.validators import validator_for

from checker.cli import main
from checker.records import Report
from checker.report import sarif
from checker.rules import load_checks
from conftest import SHARED
from test_reporters import BASELINED, EMPTY, HURT, LOCAL, QUOTE, REPORT, TOLL

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = SHARED / "sarif" / "sarif-schema-2.1.0.json"
FIRE = ROOT / "tests" / "stories" / "factory_fire"


@cache
def validator():
    """Return a validator of the official SARIF 2.1.0 schema (draft-04), itself checked first."""
    schema = jsonlib.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def valid(text: str) -> dict:
    """Parse a SARIF log, failing with every schema error found in it."""
    log = jsonlib.loads(text)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(log)]
    assert errors == []
    return log


def run_of(report: Report) -> dict:
    return valid(sarif.render(report))["runs"][0]


@pytest.mark.parametrize("name", ["report.sarif", "report.baseline.sarif"])
def test_the_golden_logs_are_valid(name):
    log = valid((ROOT / "tests" / "golden" / name).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


@pytest.mark.parametrize("report", [REPORT, BASELINED, EMPTY], ids=["findings", "baseline", "empty"])
def test_hand_built_reports_are_valid(report):
    run = run_of(report)
    assert len(run["results"]) == len(report.findings)


def test_a_report_that_breaks_the_schema_is_caught():
    log = jsonlib.loads(sarif.render(REPORT))
    log["runs"][0]["results"][0]["level"] = "high"  # a severity is no SARIF level
    assert list(validator().iter_errors(log))


def test_rules_are_the_checks_of_the_findings_with_their_descriptions():
    run = run_of(REPORT)
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["ATT001", "NUM001"]
    described = {c.id: c.description for c in load_checks()}
    for rule in rules:
        assert rule["fullDescription"]["text"] == described[rule["id"]] == rule["help"]["text"]
    assert {r["id"]: r["name"] for r in rules} == {"ATT001": "attributions.speaker", "NUM001": "numbers.casualties"}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_a_custom_check_reusing_a_bundled_id_borrows_no_description():
    custom = replace(HURT, name="numbers.local_tolls")
    rule = run_of(Report(REPORT.articles, (), (custom,)))["tool"]["driver"]["rules"][0]
    assert rule["id"] == "NUM001" and rule["name"] == "numbers.local_tolls" and "fullDescription" not in rule


def test_levels_follow_severity():
    assert [r["level"] for r in run_of(REPORT)["results"]] == ["error", "warning", "note"]  # high, medium, low


def test_result_names_its_finding_and_stands_at_the_least_stated_side():
    result = run_of(REPORT)["results"][0]
    assert result["ruleId"] == "NUM001" and result["partialFingerprints"] == {"findingId/v1": HURT.id}
    assert result["message"]["text"] == f"{HURT.explanation} (finding {HURT.id})"
    location = result["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "batch/bbc.txt"}, "region": {"startLine": 1}}
    assert result["properties"]["values"] == ["5", "2"] and result["properties"]["verdict"] == "conflict"


def test_every_other_claim_is_a_related_location():
    related = run_of(REPORT)["results"][0]["relatedLocations"]
    places = [(r["physicalLocation"]["artifactLocation"]["uri"], r["physicalLocation"]["region"]["startLine"])
              for r in related]
    assert places == [("batch/reuters.txt", 2), ("batch/ap.txt", 5), ("batch/ap.txt", 6), ("batch/bbc.txt", 2),
                      ("batch/local_news.txt", 1)]
    assert [r["id"] for r in related] == [1, 2, 3, 4, 5]
    assert related[0]["message"]["text"] == "Reuters: 5 (“Five”)"


def test_baseline_state_is_a_suppression_or_a_property():
    results = {r["partialFingerprints"]["findingId/v1"]: r for r in run_of(BASELINED)["results"]}
    assert results[HURT.id]["suppressions"] == [{"kind": "external", "status": "accepted",
                                                 "justification": "accepted in the baseline"}]
    # A reopened finding gained a value since it was accepted: open, so not suppressed.
    assert "suppressions" not in results[QUOTE.id] and results[QUOTE.id]["properties"]["baseline"] == "reopened"
    assert "suppressions" not in results[TOLL.id] and "baseline" not in results[TOLL.id]["properties"]


@pytest.mark.parametrize(("path", "uri"), [
    ("batch/local_news.txt", "batch/local_news.txt"),
    ("news wire/a:b, #1.txt", "news%20wire/a%3Ab%2C%20%231.txt"),  # a colon would read as a URI scheme
    ("{cwd}/inside/a.txt", "inside/a.txt"),
    ("/elsewhere/a b.txt", "file:///elsewhere/a%20b.txt"),
])
def test_artifact_uris_are_relative_where_they_can_be(path, uri, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert sarif.artifact_uri(path.format(cwd=tmp_path)) == uri


def test_a_claim_without_a_line_has_no_region():
    claim = TOLL.variants[-1].claims[0]
    flat = replace(TOLL, variants=(TOLL.variants[0], replace(TOLL.variants[-1], claims=(
        replace(claim, sentence=replace(claim.sentence, line=0)),))))
    result = run_of(Report(REPORT.articles, (), (flat,)))["results"][0]
    assert result["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": LOCAL.path}}


def test_warnings_are_tool_notifications():
    run = run_of(replace(REPORT, warnings=("a.txt: skipped: empty",)))
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": [
        {"level": "warning", "message": {"text": "a.txt: skipped: empty"}}]}]


def test_output_is_deterministic_and_ends_with_a_newline():
    text = sarif.render(REPORT)
    assert text == sarif.render(REPORT) and text.endswith("}\n") and text.startswith('{\n  "$schema": ')


# --- through the command line ------------------------------------------------------------------

def test_format_sarif_and_out_write_the_same_valid_log(tmp_path, monkeypatch):
    shutil.copytree(FIRE, tmp_path / "fire")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "fire", "--format", "sarif", "--out", "reports"])
    assert result.exit_code == 1, result.stderr  # the story holds a high finding
    log = valid(result.stdout)
    assert (tmp_path / "reports" / "report.sarif").read_text(encoding="utf-8") == result.stdout
    results = log["runs"][0]["results"]
    findings = jsonlib.loads((tmp_path / "reports" / "report.json").read_text(encoding="utf-8"))["findings"]
    assert [r["partialFingerprints"]["findingId/v1"] for r in results] == [f["id"] for f in findings]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris and all(u.startswith("fire/") and (tmp_path / u).is_file() for u in uris)


def test_absolute_paths_in_the_working_folder_become_relative(tmp_path, monkeypatch):
    shutil.copytree(FIRE, tmp_path / "fire")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "fire"), "--format", "sarif"])
    results = valid(result.stdout)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris and all(u.startswith("fire/") for u in uris)
