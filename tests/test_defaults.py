"""Defaults a CI step relies on: which conflicts fail it, and how report files are written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

FLOOD = "{} people were killed when floodwaters swept through the Arun valley, officials said."


def _batch(folder: Path, *tolls: str) -> Path:
    folder.mkdir()
    for number, toll in enumerate(tolls):
        (folder / f"outlet{number}.txt").write_text(
            f"---\nsource: Outlet {number}\n---\n{FLOOD.format(toll)}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("tolls", "severity", "status"), [
    (("Forty", "Ninety"), "high", 1),  # more than doubled: no revision to presume
    (("Forty", "Sixty"), "medium", 0),  # may be a first report and its revision
    (("Forty", "Forty"), None, 0),
])
def test_undated_tolls_under_the_default_fail_on(tmp_path, tolls, severity, status):
    result = CliRunner().invoke(main, ["check", str(_batch(tmp_path / "batch", *tolls)), "--format", "csv"])
    assert result.exit_code == status, result.output
    rows = result.stdout.splitlines()[1:]
    assert [row.split(",")[4] for row in rows if ",NUM001," in row] == ([severity] if severity else [])


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_reports_follow_the_umask(tmp_path, umask, mode):
    batch = _batch(tmp_path / "batch", "Forty", "Ninety")
    old = os.umask(umask)
    try:
        result = CliRunner().invoke(main, ["check", str(batch), "--out", str(tmp_path / "out")])
    finally:
        os.umask(old)
    assert result.exit_code == 1, result.output
    written = sorted((tmp_path / "out").iterdir())
    assert [p.name for p in written] == ["discrepancies.csv", "report.html", "report.json", "report.md", "report.sarif"]
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in written} == dict.fromkeys(
        [p.name for p in written], mode)
