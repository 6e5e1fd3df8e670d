"""Baselines: accepted findings stop failing CI with the values they had; a new value or a new
finding fails it again; stale entries are reported."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.baseline import load_baseline
from checker.cli import main
from checker.errors import InputError

STORY = Path(__file__).resolve().parent / "stories" / "factory_fire"


def _check(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _write_rows(path: Path, rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")


def test_round_trip_check_csv_review_check_again(tmp_path):
    batch = tmp_path / "batch"
    shutil.copytree(STORY, batch)
    (batch / "expected.toml").unlink()
    first = _check(batch, "--out", tmp_path / "out")
    assert first.exit_code == 1
    reviewed = tmp_path / "reviewed.csv"
    rows = _rows(tmp_path / "out" / "discrepancies.csv")
    assert rows and all(row["status"] == "" and row["note"] == "" for row in rows)
    for row in rows:  # the editor accepts every finding
        row["status"], row["note"] = "accepted", "checked with the desk"
    _write_rows(reviewed, rows)

    second = _check(batch, "--baseline", reviewed, "--format", "json")
    assert second.exit_code == 0, second.output
    document = json.loads(second.stdout)
    assert len(document["findings"]) == len(rows)  # shown, not hidden
    assert all(f["suppressed"] for f in document["findings"])
    assert f"{len(rows)} finding(s) suppressed, 0 reopened" in second.stderr

    # A fourth outlet repeats one side of an accepted fact: still accepted, still one finding.
    # Its id moves (Echo Wire is the first same-day article by name); the baseline finds it by
    # the statements it had.
    (batch / "echo_wire.txt").write_text(
        "---\nsource: Echo Wire\npublished: 2024-03-14\n---\n"
        "Nine workers died in the fire at the Harlan Textile Mills plant in Millbrook, officials said.\n",
        encoding="utf-8")
    echoed = _check(batch, "--baseline", reviewed, "--format", "json")
    assert echoed.exit_code == 0, echoed.output
    assert len(json.loads(echoed.stdout)["findings"]) == len(rows)
    assert "0 stale entries" in echoed.stderr and f"{len(rows)} finding(s) suppressed" in echoed.stderr

    # A new article brings a new value to the injured count: that finding reopens, CI fails again.
    (batch / "late_wire.txt").write_text(
        "---\nsource: Late Wire\npublished: 2024-03-15\n---\n"
        "Millbrook officials said 31 workers were injured in the fire at the Harlan Textile Mills plant.\n",
        encoding="utf-8")
    third = _check(batch, "--baseline", reviewed, "--format", "json")
    assert third.exit_code == 1
    assert "1 reopened by a new value" in third.stderr
    reopened = [f for f in json.loads(third.stdout)["findings"] if not f["suppressed"]]
    assert [f["topic"] for f in reopened] == ["injured workers"]
    assert "31" in [v["value"] for v in reopened[0]["variants"]]


def test_only_rows_with_a_status_are_accepted(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("\ufeffid,status,note\naaa111,accepted,\nbbb222,,\nccc333,open,\n", encoding="utf-8")
    assert load_baseline(path).values == {"aaa111": None}


def test_csv_values_are_read_back_without_their_compatible_extras(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text('id,values,status\naaa111,"43 (also > 40) (2 sources)\n28 (1 source)",accepted\n', encoding="utf-8")
    assert load_baseline(path).values == {"aaa111": frozenset({"43", "28"})}


@pytest.mark.parametrize(("accept_unreviewed", "values"), [(False, {}), (True, {"aaa111": None, "bbb222": None})])
def test_a_csv_without_statuses_accepts_only_when_asked(tmp_path, accept_unreviewed, values):
    path = tmp_path / "b.csv"
    path.write_text("id,status\naaa111,\nbbb222,\n", encoding="utf-8")
    assert load_baseline(path, accept_unreviewed).values == values


def test_a_json_report_is_a_baseline_and_stale_entries_are_reported(tmp_path):
    report = tmp_path / "report.json"
    finding = {"id": "0123456789ab", "suppressed": True, "variants": [{"value": "3"}]}
    report.write_text(json.dumps({"version": 2, "findings": [finding]}), encoding="utf-8")
    result = _check(STORY, "--baseline", report, "--format", "json")
    assert "1 stale entry" in result.stderr
    assert result.exit_code == 1  # nothing of this batch was accepted


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("b.csv", "finding,status\nx,accepted\n", "needs an id column"),
        ("b.json", "{\"version\": 2}", "not a checker JSON report"),
        ("old.json", "{\"version\": 1, \"discrepancies\": []}", "reads version 2"),
    ],
)
def test_bad_baseline_is_refused(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_baseline(path)
    result = _check(STORY, "--baseline", path)
    assert result.exit_code == 2 and message in result.stderr
