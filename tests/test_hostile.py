"""Hostile files among good articles: each gives one warning line naming the file (or is read
correctly) and the good articles are still checked and reported."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOOD = {
    "alpha": "Police said 12 people were killed in the crash on the coastal highway.",
    "beta": "Police said nine people were killed in the crash on the coastal highway.",
    "gamma": "Police said 12 people were killed in the crash on the coastal highway on Monday.",
}
KILLED = "Police said 12 people were killed in the crash on the coastal highway."


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    """Run in an empty working folder, so no setup.cfg leaks in."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)


def batch(folder: Path) -> Path:
    """Write the three good articles (12 killed, nine killed, 12 killed) into a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, body in GOOD.items():
        (folder / f"{stem}.txt").write_text(f"---\nsource: {stem.title()}\npublished: 2024-01-10\n---\n{body}\n")
    return folder


def fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "pipe.txt")
    return []


def fifo_table(folder: Path) -> list[str]:
    os.mkfifo(folder / "rows.csv")
    return []


def dev_zero(folder: Path) -> list[str]:
    os.symlink("/dev/zero", folder / "zero.txt")
    return []


def fifo_baseline(folder: Path) -> list[str]:
    os.mkfifo(folder.parent / "baseline.csv")
    return ["--baseline", str(folder.parent / "baseline.csv")]


# The 10 MB lines are measured in the note; here a line of a megabyte or less, which a
# reading that is quadratic in the line would take minutes over (test_hostile_text.py reads
# 10 MB stage by stage).
def full_stops(folder: Path) -> list[str]:
    (folder / "stops.txt").write_text("." * 1_000_000)
    return []


def figures_without_a_stop(folder: Path) -> list[str]:
    figures = (f"the mayor said {i} people died in the fire on Monday and {i + 1} were hurt" for i in range(150))
    (folder / "figures.txt").write_text(" ".join(figures))
    return []


def he_said_200kb(folder: Path) -> list[str]:
    (folder / "said.txt").write_text('"He said, ' * 20_000)
    return []


def tabbed_stops(folder: Path) -> list[str]:
    (folder / "tabs.txt").write_text("a.\tB" * 50_000)
    return []


def manifest_cell(folder: Path) -> list[str]:
    (folder / "manifest.csv").write_text("id,source,title\nalpha,Alpha," + "x" * 200_000 + "\n")
    return []


def table_cell(folder: Path) -> list[str]:
    text = "The council met again and talked for hours about the road. " * 3_500
    (folder / "table.csv").write_text(f"id,source,text\ndelta,Delta,{text} {KILLED}\n")
    return []


def jsonl_nested(folder: Path) -> list[str]:
    (folder / "rows.jsonl").write_text(json.dumps({"id": "delta", "text": KILLED}) + "\n" + "[" * 100_000 + "\n")
    return []


def jsonl_long_number(folder: Path) -> list[str]:
    (folder / "rows.jsonl").write_text(json.dumps({"id": "delta", "text": KILLED}) + "\n"
                                       + '{"id": "epsilon", "n": ' + "9" * 5_000 + ', "text": "x"}\n')
    return []


def deep_folders(folder: Path) -> list[str]:
    path = folder
    for _ in range(1_100):
        path = path / "d"
        path.mkdir()
    (path / "delta.txt").write_text(KILLED + "\n")
    return []


def non_utf8_name(folder: Path) -> list[str]:
    try:
        with open(os.fsencode(folder) + b"/caf\xe9.txt", "w") as handle:
            handle.write(KILLED + "\n")
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    return ["--out", str(folder.parent / "out")]


# (case, build, warning expected on stderr or None, articles checked): 3 good ones, and the
# hostile file itself where it holds an article that can be read.
CASES = [
    ("fifo-named-txt", fifo, "pipe.txt: skipped: not a regular file (a FIFO)", 3),
    ("fifo-named-csv", fifo_table, "rows.csv: skipped: not a regular file (a FIFO)", 3),
    ("dev-zero-link-named-txt", dev_zero, "zero.txt: skipped: not a regular file (a character device)", 3),
    ("fifo-as-baseline", fifo_baseline, "baseline.csv: not a regular file (a FIFO); checked without a baseline", 3),
    ("1-mb-line-of-full-stops", full_stops, "stops.txt: 1 sentence over 1000 characters (no full stop) read in pieces", 4),
    ("10-kb-of-figures-without-a-full-stop", figures_without_a_stop, "figures.txt: 1 sentence over 1000 characters", 4),
    ("200-kb-of-he-said", he_said_200kb, None, 4),
    ("stops-and-tabs-on-one-line", tabbed_stops, None, 4),
    ("manifest-cell-over-128-kb", manifest_cell, None, 3),
    ("table-cell-over-128-kb", table_cell, None, 4),
    ("jsonl-line-nested-100000-deep", jsonl_nested, "rows.jsonl: line 2: nested too deeply to read; row skipped", 4),
    ("jsonl-number-of-5000-digits", jsonl_long_number, "rows.jsonl: line 2: not readable (Exceeds the limit", 4),
    ("folders-1100-deep", deep_folders, None, 4),
    ("file-name-not-utf-8", non_utf8_name, "caf\\xe9.txt: file name is not UTF-8", 4),
]


BLOCKING = {fifo, fifo_table, dev_zero, fifo_baseline}  # read as they were once, these would hang the test run


def run_check(folder: Path, *extra: str, child: bool = False) -> tuple[int, str, str]:
    """Check the folder, in a child process that a timeout can stop when `child`; return the
    exit status, stdout and stderr."""
    args = ["check", str(folder), "--format", "json", "--fail-on", "never", *extra]
    if not child:
        result = CliRunner().invoke(main, args)
        return result.exit_code, result.stdout, result.stderr
    done = subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, timeout=300, cwd=ROOT)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8", "backslashreplace")


@pytest.mark.parametrize(("build", "warning", "articles"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_hostile_file_beside_three_good_articles(tmp_path, build, warning, articles):
    folder = batch(tmp_path / "batch")
    extra = build(folder)
    try:
        status, out, err = run_check(folder, *extra, child=build in BLOCKING)
    finally:
        _remove_deep(folder)
    assert status == 0, err
    assert "Traceback" not in err
    report = json.loads(out)
    assert report["articles"] == articles
    cited = {claim["article"] for finding in report["findings"] for v in finding["variants"] for claim in v["claims"]}
    assert {"alpha", "beta", "gamma"} <= cited  # the good articles are checked: 12 against nine
    if warning:
        lines = [line for line in err.splitlines() if warning in line]
        assert len(lines) == 1, err
        assert lines[0].startswith("checker: warning: ")


def _remove_deep(folder: Path) -> None:
    """Remove a folder chain too deep for shutil.rmtree's recursion, deepest first."""
    path = folder / "d"
    if not path.is_dir():
        return
    depth = 0
    while (path / "d").is_dir():
        path, depth = path / "d", depth + 1
    for child in path.iterdir():
        child.unlink()
    for _ in range(depth + 1):
        path.rmdir()
        path = path.parent


def test_non_utf8_file_name_reaches_every_report_escaped(tmp_path):
    folder = batch(tmp_path / "batch")
    extra = non_utf8_name(folder)
    status, _, err = run_check(folder, *extra)
    assert status == 0, err
    for name in ("report.md", "report.json", "report.html", "discrepancies.csv", "report.sarif"):
        text = (tmp_path / "out" / name).read_bytes().decode("utf-8")  # written, and valid UTF-8
        assert "caf\\xe9" in text or "caf\\\\xe9" in text, name


# --- silent losses: each is now read correctly or named ------------------------------------

def utf32_file(folder: Path) -> None:
    (folder / "delta.txt").write_bytes((KILLED + "\n").encode("utf-32"))


def body_column(folder: Path) -> None:
    (folder / "table.csv").write_text(f"id,source,body\ndelta,Delta,{KILLED}\n")


def one_nul_byte(folder: Path) -> None:
    (folder / "delta.txt").write_bytes(KILLED.replace("people", "peo\0ple").encode() + b"\n")


LOSSES = [
    ("utf-32-with-its-mark", utf32_file, None),
    ("table-text-column-called-body", body_column, None),
    ("one-nul-byte", one_nul_byte, "delta.txt: 1 NUL byte dropped"),
]


@pytest.mark.parametrize(("build", "warning"), [case[1:] for case in LOSSES], ids=[case[0] for case in LOSSES])
def test_article_once_lost_is_read(tmp_path, build, warning):
    folder = batch(tmp_path / "batch")
    build(folder)
    result = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    delta = [c for f in report["findings"] for v in f["variants"] for c in v["claims"] if c["article"] == "delta"]
    assert [c["value"] for c in delta] == ["12"]  # its figure joins the others' fact
    assert ("checker: warning: " in result.stderr) == bool(warning), result.stderr
    if warning:
        assert warning in result.stderr


def test_duplicate_manifest_ids_are_named(tmp_path):
    folder = batch(tmp_path / "batch")
    manifest = folder / "manifest.csv"
    manifest.write_text("id,source\nalpha,First Outlet\nalpha,Second Outlet\n")
    result = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0
    assert f"checker: warning: {manifest}: id 'alpha' listed in rows 1, 2; row 2 used" in result.stderr.splitlines()


def test_unterminated_quote_is_named(tmp_path):
    folder = batch(tmp_path / "batch")
    article = folder / "delta.txt"
    article.write_text('Mayor John Smith said "the toll is very high today. Police said 30 people were hurt.\n')
    result = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0
    expected = (f"checker: warning: {article}: 1 quotation mark never closed (line 1); "
                "each such quote is read to the end of its paragraph")
    assert expected in result.stderr.splitlines()


def test_reports_written_inside_the_checked_folder_are_not_read_back(tmp_path):
    folder = batch(tmp_path / "batch")
    first = CliRunner().invoke(main, ["check", str(folder), "--out", str(folder / "out"), "--fail-on", "never"])
    assert first.exit_code == 0
    again = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--fail-on", "never"])
    assert again.exit_code == 0
    assert json.loads(again.stdout)["articles"] == 3
    note = (f"checker: warning: {folder / 'out'}{os.sep}: report.html, report.md passed over: "
            "the checker's own reports (written with --out), not articles")
    assert note in again.stderr.splitlines()


def test_utf16_mark_is_still_utf16_and_utf32_is_not_taken_for_it():
    from checker.files import decode

    assert decode("Police said".encode("utf-16")) == ("Police said", None)
    assert decode("Police said".encode("utf-32")) == ("Police said", None)
    assert codecs.BOM_UTF32_LE.startswith(codecs.BOM_UTF16_LE)  # why the order of the marks matters
