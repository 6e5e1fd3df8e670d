"""Settings files: found from the working folder upward (pyproject.toml [tool.checker] or setup.cfg
[checker], the first holding its section wins, the search stops at a repository's top), or named
by --config; `checker config` says where each value came from; bad values are one-line errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIRE = ROOT / "tests" / "stories" / "factory_fire"
CFG = "[checker]\nfail_on = {}\n"
TOML = '[tool.checker]\nfail_on = "{}"\n'


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """Return a repository top holding a project folder with a subfolder, the working folder."""
    top = tmp_path / "repo"
    work = top / "project" / "sub"
    work.mkdir(parents=True)
    (top / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")  # as in a worktree
    monkeypatch.chdir(work)
    return top


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def config_rows(result) -> dict[str, tuple[str, str]]:
    """Return `checker config`'s rows: setting -> (value, from)."""
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("setting ")) + 2
    rows = [re.split(r"\s{2,}", line.strip()) for line in lines[start:] if line]
    return {cells[0]: (cells[1], cells[2]) for cells in rows}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("files, winner", [
    ({}, None),
    ({"project/sub/setup.cfg": CFG.format("low")}, "project/sub/setup.cfg"),
    ({"project/setup.cfg": CFG.format("low")}, "project/setup.cfg"),
    ({"setup.cfg": CFG.format("low")}, "setup.cfg"),  # the repository's top is searched
    ({"project/pyproject.toml": TOML.format("low")}, "project/pyproject.toml"),
    # The nearest folder wins, and within a folder pyproject.toml before setup.cfg.
    ({"project/sub/setup.cfg": CFG.format("low"), "project/pyproject.toml": TOML.format("medium")},
     "project/sub/setup.cfg"),
    ({"project/setup.cfg": CFG.format("low"), "project/pyproject.toml": TOML.format("medium")},
     "project/pyproject.toml"),
    # A file without the section is passed over, so a project's packaging setup.cfg does not hide it.
    ({"project/sub/setup.cfg": "[metadata]\nname = x\n", "project/pyproject.toml": "[tool.black]\nline-length = 99\n",
      "setup.cfg": CFG.format("low")}, "setup.cfg"),
], ids=["none", "here", "parent", "top", "pyproject", "nearest", "pyproject-first", "section-needed"])
def test_first_settings_file_upward_wins(tree, files, winner):
    for name, text in files.items():
        write(tree / name, text)
    rows = config_rows(invoke("config"))
    if winner is None:
        assert rows["fail_on"] == ("high", "default")
        return
    section = "tool.checker" if winner.endswith(".toml") else "checker"
    expected = "medium" if "medium" in files[winner] else "low"
    assert rows["fail_on"] == (expected, f"{tree / winner} [{section}]")


def test_search_stops_at_the_repository_top(tree):
    write(tree.parent / "setup.cfg", CFG.format("low"))  # above .git: another project's
    result = invoke("config")
    assert config_rows(result)["fail_on"] == ("high", "default")
    assert f"searched {tree / 'project' / 'sub'} up to {tree}" in result.stdout


def test_config_names_the_file_and_each_source(tree):
    write(tree / "project" / "setup.cfg", "[checker]\nfail_on = low\nselect = NUM\n")
    result = invoke("config", "--fail-on", "medium", "--severity", "NUM002=low")
    rows = config_rows(result)
    label = f"{tree / 'project' / 'setup.cfg'} [checker]"
    assert result.stdout.splitlines()[0] == f"settings file: {label}"
    assert rows["fail_on"] == ("medium", "--fail-on")
    assert rows["select"] == ("NUM", label)
    assert rows["severity"] == ("NUM002=low", "--severity")
    assert rows["format"] == ("table", "default")


def test_config_option_replaces_the_search(tree, tmp_path):
    write(tree / "project" / "sub" / "setup.cfg", CFG.format("low"))
    other = write(tmp_path / "elsewhere" / "ci.toml", '[tool.checker]\nfail_on = "medium"\nformat = "json"\n')
    rows = config_rows(invoke("config", "--config", other))
    assert rows["fail_on"] == ("medium", f"{other} [tool.checker]")
    ini = write(tmp_path / "elsewhere" / "ci.ini", "[checker]\nfail_on = never\n")
    assert config_rows(invoke("config", "--config", ini))["fail_on"] == ("never", f"{ini} [checker]")
    # check, extract, rules, rule and eval read it too
    assert invoke("check", FIRE, "--config", other).stdout.lstrip().startswith("{")
    assert invoke("check", FIRE, "--config", ini).exit_code == 0  # fail_on never
    assert invoke("extract", FIRE, "--config", ini).exit_code == 0
    assert invoke("rules", "--config", ini).exit_code == 0


def test_paths_in_a_file_are_relative_to_it(tree, rules_copy, tmp_path):
    write(tree / "setup.cfg", f"[checker]\nrules = {Path('..') / rules_copy.relative_to(tmp_path)}\n")
    assert config_rows(invoke("config"))["rules"][0] == str(tree / ".." / "rules")
    assert invoke("rules").exit_code == 0


def test_typed_toml_values(tree):
    write(tree / "pyproject.toml", "[tool.checker]\nmax_file_mb = 5\nsame-article = true\nworkers = 2\n"
                                   "match_threshold = 75.5\n")
    rows = config_rows(invoke("config"))
    assert rows["max_file_mb"][0] == "5.0"
    assert rows["same_article"][0] == "True"
    assert rows["workers"][0] == "2"
    assert rows["match_threshold"][0] == "75.5"


def test_inline_comments_in_setup_cfg(tree):
    write(tree / "setup.cfg", "[checker]\nworkers = 0            ; 0 = one per core\nfail_on = low  # CI\n")
    rows = config_rows(invoke("config"))
    assert rows["workers"][0] == "0" and rows["fail_on"][0] == "low"


@pytest.mark.parametrize("name, text, words", [
    ("setup.cfg", "[checker]\nfail_on = sometimes\n", ["fail_on = 'sometimes'", "high, medium, low, never"]),
    ("setup.cfg", "[checker]\ncolour = red\n", ["unknown setting 'colour'"]),
    ("setup.cfg", "[checker]\nmax_file_mb = big\n", ["max_file_mb = 'big'", "not a number"]),
    ("setup.cfg", "[checker]\nworkers = -1\n", ["workers = '-1'", "0 or more"]),
    ("setup.cfg", "[checker]\nworkers = 1.5\n", ["workers = '1.5'", "whole number"]),
    ("setup.cfg", "[checker]\nsame_article = maybe\n", ["same_article = 'maybe'", "true or false"]),
    ("setup.cfg", "[checker]\nmatch_threshold = 120\n", ["match_threshold = '120'", "between 0 and 100"]),
    ("setup.cfg", "[checker\nfail_on = low\n", ["cannot read settings"]),
    ("pyproject.toml", '[tool.checker]\nfail_on = 3\n', ["fail_on = 3", "expected text"]),
    ("pyproject.toml", '[tool.checker]\nworkers = true\n', ["workers = True", "not a number"]),
    ("pyproject.toml", '[tool.checker]\nselect = "NUM", "DAT"\n', ["not valid TOML"]),
    ("pyproject.toml", '[tool.checker]\nselect = [1]\n', ["select = [1]", "list of check ids"]),
    ("pyproject.toml", '[tool]\nchecker = "on"\n', ["[tool.checker] is not a table"]),
], ids=lambda value: value if isinstance(value, str) and "\n" not in value and len(value) < 20 else None)
def test_bad_settings_file_is_a_one_line_error(tree, name, text, words):
    path = write(tree / "project" / name, text)
    for command in (["config"], ["check", FIRE], ["extract", FIRE], ["rules"]):
        result = invoke(*command)
        assert result.exit_code == 2, (command, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"checker: error: {path}"), result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""
        for word in words:
            assert word in lines[0]


@pytest.mark.parametrize("make, words", [
    (lambda tmp: tmp / "missing.cfg", ["missing.cfg", "not found"]),
    (lambda tmp: write(tmp / "plain.cfg", "[metadata]\nname = x\n"), ["plain.cfg", "no [checker] section"]),
    (lambda tmp: write(tmp / "plain.toml", "[tool.black]\n"), ["plain.toml", "no [tool.checker] section"]),
])
def test_bad_config_option_is_a_one_line_error(tree, tmp_path, make, words):
    result = invoke("check", FIRE, "--config", make(tmp_path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("checker: error: ")
    for word in words:
        assert word in lines[0]
