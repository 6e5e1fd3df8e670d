"""Inside GitHub Actions the Markdown report is appended to the job's step summary."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from checker.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIRE = ROOT / "tests" / "stories" / "factory_fire"


def _check(tmp_path: Path, monkeypatch, summary: str | None, *flags: str):
    shutil.copytree(FIRE, tmp_path / "fire", dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    if summary is not None:
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", summary)
    return CliRunner().invoke(main, ["check", "fire", *flags])


def test_the_markdown_report_is_appended_to_the_step_summary(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("## An earlier step\n", encoding="utf-8")
    result = _check(tmp_path, monkeypatch, str(summary), "--format", "github")
    assert result.exit_code == 1, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## An earlier step\n# Fact consistency report\n")
    assert text.count("\n## ") == len([line for line in result.stdout.splitlines() if "(finding " in line]) == 4
    assert "| high | conflict | NUM002 |" in text
    _check(tmp_path, monkeypatch, str(summary), "--format", "github")
    assert summary.read_text(encoding="utf-8").count("# Fact consistency report") == 2  # appended, not replaced


def test_a_clean_batch_says_so_in_the_summary(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    shutil.copy(FIRE / "metro_herald.txt", tmp_path / "one.txt")
    result = CliRunner().invoke(main, ["check", "one.txt", "--format", "github"])
    assert result.exit_code == 0, result.stderr
    assert "No disputed facts found." in summary.read_text(encoding="utf-8")


def test_no_summary_is_written_outside_github_actions(tmp_path, monkeypatch):
    result = _check(tmp_path, monkeypatch, None)
    assert result.exit_code == 1 and sorted(p.name for p in tmp_path.iterdir()) == ["fire"]


def test_a_summary_that_cannot_be_written_warns_and_the_check_still_counts(tmp_path, monkeypatch):
    result = _check(tmp_path, monkeypatch, str(tmp_path), "--format", "json")  # a folder, not a file
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # exit status, no crash
    assert f"checker: warning: GITHUB_STEP_SUMMARY {tmp_path}: cannot append the step summary (" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout.startswith("{")
