"""Baselines: accepted findings stop failing CI, new ones fail it again, stale ones are reported."""

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
    assert len(document["discrepancies"]) == len(rows)  # shown, not hidden
    assert f"{len(rows)} finding(s) suppressed" in second.stderr

    # A new article brings a new, strong conflict (a later, lower toll): CI fails again.
    (batch / "late_wire.txt").write_text(
        "---\nsource: Late Wire\npublished: 2024-03-15\n---\n"
        "Millbrook officials said 31 workers were injured in the fire at the Harlan Textile Mills plant.\n",
        encoding="utf-8")
    third = _check(batch, "--baseline", reviewed)
    assert third.exit_code == 1


def test_only_rows_with_a_status_are_accepted(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("\ufeffid,status,note\naaa111,accepted,\nbbb222,,\nccc333,open,\n", encoding="utf-8")
    assert load_baseline(path) == {"aaa111"}


def test_a_csv_without_statuses_is_accepted_whole(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("id,status\naaa111,\nbbb222,\n", encoding="utf-8")
    assert load_baseline(path) == {"aaa111", "bbb222"}


def test_a_json_report_is_a_baseline_and_stale_entries_are_reported(tmp_path):
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"version": 1, "discrepancies": [{"id": "0123456789ab"}]}), encoding="utf-8")
    result = _check(STORY, "--baseline", report, "--format", "json")
    assert "1 stale entry" in result.stderr
    assert result.exit_code == 1  # nothing of this batch was accepted


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("b.csv", "finding,status\nx,accepted\n", "needs an id column"),
        ("b.json", "{\"version\": 1}", "not a checker JSON report"),
    ],
)
def test_bad_baseline_is_refused(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_baseline(path)
    result = _check(STORY, "--baseline", path)
    assert result.exit_code == 2 and message in result.stderr
