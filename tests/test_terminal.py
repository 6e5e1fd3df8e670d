"""The terminal: a table fitted to its width, colour, --quiet and --verbose, --statistics."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from checker.terminal import use_color
from conftest import invoke

ROOT = Path(__file__).resolve().parent.parent
FIRE = ROOT / "tests" / "stories" / "factory_fire"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TOLL_12 = "Police said 12 people were killed in the crash on the coastal highway."
TOLL_9 = "Police said nine people were killed in the crash on the coastal highway."


@pytest.fixture(autouse=True)
def colour_allowed(workdir, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)


# -- width ------------------------------------------------------------------------------

@pytest.mark.parametrize("columns", [40, 60, 74, 75, 80, 100, 160])
def test_table_fits_the_terminal_width(columns):
    result = invoke("check", FIRE, env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    for value in ("300 (1)", "450 (1)", "12 (2)", "USD 2,400,000 (1)", "USD 4,200,000 (1)", "13c249aaa4d5"):
        assert value in result.stdout  # no variant is broken across lines when it can fit on one
    table = lines[0].split() == ["severity", "verdict", "rule", "topic", "variants", "id"]
    assert table == (columns >= 75)


def test_a_narrow_terminal_stacks_each_finding():
    lines = invoke("check", FIRE, env={"COLUMNS": "50"}).stdout.splitlines()
    assert lines[:3] == ["high conflict NUM002 13c249aaa4d5", "  laid off workers", "  300 (1) / 450 (1)"]
    assert lines[3] == ""


# -- colour -----------------------------------------------------------------------------

@pytest.mark.parametrize("flags, env, coloured", [
    ([], {}, False),  # CliRunner's stdout is no terminal
    (["--color"], {}, True),
    (["--color"], {"NO_COLOR": "1"}, True),  # an explicit flag wins
    (["--no-color"], {}, False),
    (["--color", "--format", "markdown"], {}, False),  # only the table is coloured
])
def test_colour_only_when_asked_or_on_a_terminal(flags, env, coloured):
    result = invoke("check", FIRE, *flags, env=env)
    assert bool(ANSI.search(result.stdout)) is coloured
    if coloured:
        assert click.style("high", fg="red", bold=True) in result.stdout
        assert ANSI.sub("", result.stdout) == invoke("check", FIRE).stdout  # the same table, painted


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("flag, no_color, stream, expected", [
    (None, "", _Terminal(), True),
    (None, "1", _Terminal(), False),
    (None, "", io.StringIO(), False),  # piped
    (True, "1", io.StringIO(), True),
    (False, "", _Terminal(), False),
])
def test_use_color(monkeypatch, flag, no_color, stream, expected):
    monkeypatch.setenv("NO_COLOR", no_color)
    assert use_color(flag, stream) is expected


# -- quiet, verbose, statistics ---------------------------------------------------------

def _story(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text(f"---\nsource: Alpha\npublished: 2024-01-10\n---\n{TOLL_12}\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"---\nsource: Beta\npublished: 2024-01-11\n---\n{TOLL_9}\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # a warning
    return folder


def test_quiet_prints_nothing_on_stderr_but_errors(tmp_path):
    folder = _story(tmp_path / "story")
    out = tmp_path / "reports"
    loud = invoke("check", folder, "--out", out, "--ignore", "ROL")
    assert "skipped" in loud.stderr and "wrote" in loud.stderr
    quiet = invoke("check", folder, "--out", out, "--ignore", "ROL", "--quiet")
    assert quiet.stderr == ""
    assert quiet.exit_code == loud.exit_code == 1
    assert quiet.stdout == loud.stdout
    error = invoke("check", tmp_path / "missing", "-q")
    assert error.exit_code == 2 and error.stderr.startswith("checker: error: ")


def test_verbose_tells_the_batch_stories_and_timings():
    result = invoke("check", FIRE, "--verbose")
    notes = result.stderr.splitlines()
    assert "checker: 3 articles (3 dated, 3 named sources)" in notes
    assert any(re.fullmatch(r"checker: 37 claims: \d+ number, .*", line) for line in notes)
    assert "checker: 1 story with facts stated by two or more articles" in notes
    assert any(re.fullmatch(r"checker: story \S+: 3 articles, 8 facts, 4 disputed", line) for line in notes)
    assert any(re.fullmatch(r"checker: read and extracted \d+\.\d\d s, grouped, gathered and judged \d+\.\d\d s, "
                            r"reported \d+\.\d\d s; \d+\.\d\d s in all", line) for line in notes), notes
    assert result.stdout == invoke("check", FIRE).stdout
    assert invoke("check", FIRE, "--verbose", "--quiet").stderr == ""  # quiet wins


def test_statistics_count_the_reported_findings_per_check_on_stderr():
    result = invoke("check", FIRE, "--statistics", "--format", "json", "--severity", "NUM005=low")
    json.loads(result.stdout)  # stdout stays the report alone
    rows = [line.split() for line in result.stderr.splitlines()]
    header = rows.index(["rule", "name", "findings", "high", "medium", "low", "updates", "suppressed"])
    assert rows[header + 2:] == [
        ["NUM001", "numbers.casualties", "2", "0", "2", "0", "0", "0"],
        ["NUM002", "numbers.counts", "1", "1", "0", "0", "0", "0"],
        ["NUM005", "numbers.money", "1", "0", "0", "1", "0", "0"],
        ["total", "4", "1", "2", "1", "0", "0"],
    ]
    selected = invoke("check", FIRE, "--statistics", "--select", "NUM002", "--quiet")
    assert [line.split()[0] for line in selected.stderr.splitlines()[2:]] == ["NUM002", "total"]
    none = invoke("check", FIRE, "--statistics", "--select", "DAT")
    assert none.stderr.splitlines()[-1] == "No findings to count."
