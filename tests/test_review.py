"""An editor's review survives the next run: statuses and notes carry over, only an accepting
status accepts, and a reviewed CSV is never overwritten without its review."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.baseline import load_baseline
from checker.cli import main
from checker.review import accepts

STORY = Path(__file__).resolve().parent / "stories" / "factory_fire"
ECHO = ("---\nsource: Echo Wire\npublished: 2024-03-14\n---\n"
        "Nine workers died in the fire at the Harlan Textile Mills plant in Millbrook, officials said.\n")
LATE = ("---\nsource: Late Wire\npublished: 2024-03-15\n---\n"
        "Millbrook officials said 31 workers were injured in the fire at the Harlan Textile Mills plant.\n")


def _check(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def _by_topic(path: Path) -> dict[str, dict]:
    return {row["topic"]: row for row in _rows(path)}


def _review(path: Path, reviews: dict[str, tuple[str, str]]) -> None:
    """Set status and note of the rows with these topics, as an editor would in a spreadsheet."""
    rows = _rows(path)
    for row in rows:
        row["status"], row["note"] = reviews.get(row["topic"], (row["status"], row["note"]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")


def _reviews(path: Path) -> dict[str, tuple[str, str]]:
    return {topic: (row["status"], row["note"]) for topic, row in _by_topic(path).items()}


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "batch"
    shutil.copytree(STORY, folder)
    (folder / "expected.toml").unlink()
    return folder


REVIEW = {
    "killed workers": ("accepted", "12 confirmed with the police"),
    "injured workers": ("False alarm", "28 counts hospitalised workers only"),
    "damaged damage": ("fix", "ask the reporter"),
}


def test_review_survives_a_run_into_the_same_folder_and_high_still_fails(batch, tmp_path):
    out = tmp_path / "out"
    assert _check(batch, "--out", out).exit_code == 1
    csv_path = out / "discrepancies.csv"
    assert _by_topic(csv_path)["laid off workers"]["severity"] == "high"
    _review(csv_path, REVIEW)

    for _ in range(2):  # and again: the carried review reads back the same
        again = _check(batch, "--baseline", csv_path, "--out", out)
        assert again.exit_code == 1, again.output  # the unreviewed high finding still fails
        assert "2 finding(s) suppressed, 0 reopened" in again.stderr
        assert _reviews(csv_path) == {**REVIEW, "laid off workers": ("", "")}
        assert sorted(p.name for p in out.iterdir()) == [
            "discrepancies.csv", "report.html", "report.json", "report.md", "report.sarif"]  # no temp file left

    document = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {f["topic"]: f["suppressed"] for f in document["findings"]} == {
        "killed workers": True, "injured workers": True, "damaged damage": False, "laid off workers": False}
    assert _check(batch, "--baseline", csv_path, "--fail-on", "medium").exit_code == 1  # "fix" stays open

    _review(csv_path, {"laid off workers": ("accepted", "two plants"), "damaged damage": ("won't fix", "")})
    assert _check(batch, "--baseline", csv_path, "--out", out, "--fail-on", "low").exit_code == 0
    assert _reviews(csv_path)["laid off workers"] == ("accepted", "two plants")


def test_review_follows_a_finding_whose_id_moved_and_a_new_value_reopens_it(batch, tmp_path):
    out = tmp_path / "out"
    _check(batch, "--out", out)
    csv_path = out / "discrepancies.csv"
    _review(csv_path, REVIEW)
    before = _by_topic(csv_path)

    (batch / "echo_wire.txt").write_text(ECHO, encoding="utf-8")  # moves the killed count's id
    moved = _check(batch, "--baseline", csv_path, "--out", out)
    assert "2 finding(s) suppressed" in moved.stderr and "0 stale entries" in moved.stderr
    after = _by_topic(csv_path)
    assert after["killed workers"]["id"] != before["killed workers"]["id"]
    assert _reviews(csv_path) == {**REVIEW, "laid off workers": ("", "")}

    (batch / "late_wire.txt").write_text(LATE, encoding="utf-8")  # a third injured count
    late = _check(batch, "--baseline", csv_path, "--out", out, "--fail-on", "low")
    assert late.exit_code == 1 and "1 reopened by a new value" in late.stderr
    assert _reviews(csv_path)["injured workers"] == (
        "reopened", "was False alarm with 28 / 43; 28 counts hospitalised workers only")
    # Reopened is an open status: the next run fails on it too, until someone accepts it again.
    assert _check(batch, "--baseline", csv_path, "--fail-on", "low").exit_code == 1


def test_a_reviewed_csv_is_not_overwritten_by_a_run_without_it(batch, tmp_path):
    out = tmp_path / "out"
    _check(batch, "--out", out)
    csv_path = out / "discrepancies.csv"
    _review(csv_path, REVIEW)
    reviewed = csv_path.read_bytes()
    other = tmp_path / "other.csv"
    other.write_text("id,status\naaaaaaaaaaaa,accepted\n", encoding="utf-8")
    for extra in ([], ["--baseline", other], ["--baseline", out / "report.json"]):
        result = _check(batch, "--out", out, *extra)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"checker: error: {csv_path} holds a review (3 row(s) with a status or note)")
        assert len(result.stderr.splitlines()) == 1 and csv_path.read_bytes() == reviewed


def test_a_csv_nobody_reviewed_accepts_nothing_unless_asked(batch, tmp_path):
    out = tmp_path / "out"
    _check(batch, "--out", out)
    csv_path = out / "discrepancies.csv"
    blank = _check(batch, "--baseline", csv_path, "--out", out)
    assert blank.exit_code == 1
    assert "0 finding(s) suppressed" in blank.stderr and "no row has a status, so none is accepted" in blank.stderr

    adopted = _check(batch, "--baseline", csv_path, "--accept-unreviewed", "--out", out)
    assert adopted.exit_code == 0 and "4 finding(s) suppressed" in adopted.stderr
    # The acceptance is written down, so the flag is needed once, and it says it was no review.
    assert set(_reviews(csv_path).values()) == {("accepted", "accepted without review (--accept-unreviewed)")}
    assert _check(batch, "--baseline", csv_path).exit_code == 0


def test_a_json_report_accepts_what_it_marks_suppressed(batch, tmp_path):
    out = tmp_path / "out"
    _check(batch, "--out", out)
    _review(out / "discrepancies.csv", REVIEW)
    _check(batch, "--baseline", out / "discrepancies.csv", "--out", out)
    report = out / "report.json"
    assert "2 finding(s) suppressed" in _check(batch, "--baseline", report).stderr

    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text(_check(batch, "--format", "json").stdout, encoding="utf-8")
    plain = _check(batch, "--baseline", snapshot)
    assert plain.exit_code == 1 and "none of its 4 finding(s) is marked suppressed" in plain.stderr
    assert _check(batch, "--baseline", snapshot, "--accept-unreviewed").exit_code == 0


def test_an_unknown_status_keeps_its_finding_open_with_a_warning(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("id,status,note\naaaaaaaaaaa1,acepted,typo\naaaaaaaaaaa2,Accepted,\n", encoding="utf-8")
    baseline = load_baseline(path)
    assert baseline.values == {"aaaaaaaaaaa2": None}
    assert baseline.warnings == (f"baseline {path}: status 'acepted' is not known, so 1 finding(s) stay open "
                                 "(aaaaaaaaaaa1); statuses that accept: accepted, accept, false alarm, "
                                 "false positive, not an issue, ok, won't fix, ignore, ignored",)


def test_accept_unreviewed_needs_a_baseline(batch):
    result = _check(batch, "--accept-unreviewed")
    assert result.exit_code == 2
    assert result.stderr == "checker: error: --accept-unreviewed needs --baseline FILE\n"


@pytest.mark.parametrize(("status", "verdict"), [
    ("accepted", True), ("Accepted", True), (" ACCEPT ", True), ("false alarm", True), ("False-Alarm", True),
    ("false_positive", True), ("not an issue", True), ("OK", True), ("won't fix", True), ("wont fix", True),
    ("won’t fix", True), ("ignore", True), ("ignored", True),
    ("", False), ("  ", False), ("open", False), ("New", False), ("todo", False), ("to do", False),
    ("reopened", False), ("confirmed", False), ("error", False), ("fix", False), ("fixed", False),
    ("pending", False), ("unreviewed", False),
    ("acepted", None), ("yes", None), ("?", None),
])
def test_which_statuses_accept(status, verdict):
    assert accepts(status) is verdict
