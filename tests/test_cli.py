"""The command line through click's CliRunner: exit codes, bad input, outputs, settings."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CSV_COLUMNS = [
    "id", "rule", "kind", "verdict", "severity", "topic",
    "values", "sources", "evidence", "explanation", "status", "note",
]
BOM = b"\xef\xbb\xbf"

TOLL_12 = "Police said 12 people were killed in the crash on the coastal highway."
TOLL_9 = "Police said nine people were killed in the crash on the coastal highway."
TOLL_100 = "The ministry said 100 people were killed in the earthquake."
TOLL_98 = "The ministry said 98 people were killed in the earthquake."
QUIET = "The mayor visited the scene and spoke to the families of the victims."


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    """Run every test in an empty working folder, so no setup.cfg leaks in."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def write_article(folder: Path, stem: str, body: str, source: str | None = None,
                  published: str = "2024-01-10") -> Path:
    """Write an article with front matter; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.txt"
    front = f"---\nsource: {source or stem.title()}\npublished: {published}\ntitle: {stem}\n---\n"
    path.write_text(front + body + "\n", encoding="utf-8")
    return path


def pair(folder: Path, first: str, second: str) -> Path:
    """Write two articles into a folder, the second a day later; return the folder (a later,
    lower toll is the strong evidence a `high` finding needs)."""
    write_article(folder, "alpha", first, "Alpha News")
    write_article(folder, "beta", second, "Beta Times", published="2024-01-11")
    return folder


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def report_of(result) -> dict:
    return json.loads(result.stdout)


# -- exit codes -------------------------------------------------------------------------

def test_no_finding_exits_0(tmp_path):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_12)
    result = invoke("check", folder, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert report_of(result)["findings"] == []


def test_high_finding_exits_1_by_default(tmp_path):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    result = invoke("check", folder)
    assert result.exit_code == 1, result.stderr
    assert "NUM001" in result.stdout
    findings = report_of(invoke("check", folder, "--format", "json"))["findings"]
    assert [f["severity"] for f in findings] == ["high"]


@pytest.mark.parametrize("fail_on, status", [("high", 1), ("medium", 1), ("low", 1), ("never", 0)])
def test_fail_on_with_a_high_finding(tmp_path, fail_on, status):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    assert invoke("check", folder, "--fail-on", fail_on).exit_code == status


@pytest.mark.parametrize("fail_on, status", [(None, 0), ("high", 0), ("medium", 0), ("low", 1), ("never", 0)])
def test_fail_on_with_a_low_finding(tmp_path, fail_on, status):
    folder = pair(tmp_path / "story", TOLL_100, TOLL_98)
    flags = ["--fail-on", fail_on] if fail_on else []
    result = invoke("check", folder, "--format", "json", *flags)
    assert result.exit_code == status, result.stderr
    findings = report_of(result)["findings"]
    assert [(f["rule"], f["severity"]) for f in findings] == [("NUM001", "low")]


def assert_one_line_error(result, *words: str) -> None:
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]
    assert result.stdout == ""


def test_missing_path_exits_2_with_one_line(tmp_path):
    missing = tmp_path / "no-such-folder"
    assert_one_line_error(invoke("check", missing), str(missing))


def test_missing_path_among_good_ones_exits_2(tmp_path):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    missing = tmp_path / "gone.txt"
    assert_one_line_error(invoke("check", folder, missing, "--format", "json"), str(missing))


@pytest.mark.parametrize("contents", [{}, {"empty.txt": b""}, {"blank.txt": b"   \n\n"}, {"data.bin.txt": b"\0\1\2" * 100}])
def test_folder_without_readable_article_exits_2(tmp_path, contents):
    folder = tmp_path / "nothing"
    folder.mkdir()
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    assert_one_line_error(invoke("check", folder), "no readable article", str(folder))


def test_bad_format_value_exits_2(tmp_path):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    result = invoke("check", folder, "--format", "xml")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert "--format" in result.stderr and "xml" in result.stderr
    assert result.stdout == ""


def test_bad_fail_on_value_exits_2(tmp_path):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    result = invoke("check", folder, "--fail-on", "critical")
    assert result.exit_code == 2
    assert "--fail-on" in result.stderr


# -- bad input beside good articles -----------------------------------------------------

def _binary() -> bytes:
    return b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 40


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"\n   \n\t\n", "empty"),
    ("front-only.txt", b"---\nsource: Gamma\n---\n", "empty"),
    ("image.txt", _binary(), "binary"),
])
@pytest.mark.parametrize("bodies, status", [((TOLL_12, QUIET), 0), ((TOLL_12, TOLL_9), 1)])
def test_bad_file_beside_good_articles_is_skipped_with_warning(tmp_path, name, data, reason, bodies, status):
    folder = pair(tmp_path / "story", *bodies)
    alone = invoke("check", folder, "--format", "json")
    assert alone.exit_code == status
    bad = folder / name
    bad.write_bytes(data)
    result = invoke("check", folder, "--format", "json")
    assert result.exit_code == status, result.stderr
    assert result.stdout == alone.stdout
    warnings = [line for line in result.stderr.splitlines() if str(bad) in line]
    assert len(warnings) == 1, result.stderr
    assert "warning" in warnings[0] and "skipped" in warnings[0] and reason in warnings[0]
    assert "Traceback" not in result.stderr


def test_cp1252_file_is_read_and_checked_with_a_warning(tmp_path):
    folder = tmp_path / "story"
    write_article(folder, "alpha", "Police said 12 people were killed at the café on Harbour Road.", "Alpha News")
    legacy = folder / "legacy.txt"
    body = ("---\nsource: Beta Times\npublished: 2024-01-11\n---\n"
            "Police said nine people were killed at the café on Harbour Road.\n"
            "The owner’s brother said the café had been open for a year.\n")
    legacy.write_bytes(body.encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        legacy.read_bytes().decode("utf-8")
    result = invoke("check", folder, "--format", "json")
    assert result.exit_code == 1, result.stderr
    findings = report_of(result)["findings"]
    assert len(findings) == 1
    finding = findings[0]
    assert finding["rule"] == "NUM001"
    sides = {c["article"]: c for v in finding["variants"] for c in v["claims"]}
    assert sides["legacy"]["text"] == "nine"
    assert sides["legacy"]["source"] == "Beta Times"
    assert sides["legacy"]["line"] == 5
    assert "café" in sides["legacy"]["sentence"]
    warnings = [line for line in result.stderr.splitlines() if str(legacy) in line]
    assert len(warnings) == 1 and "cp1252" in warnings[0], result.stderr


def test_fifty_megabyte_file_is_skipped_and_the_rest_checked(tmp_path):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    huge = folder / "huge.txt"
    line = b"Police said 40 people were killed in the crash on the coastal highway.\n"
    with open(huge, "wb") as out:
        out.write(line * (50_000_000 // len(line) + 1))
    assert huge.stat().st_size > 50_000_000
    result = invoke("check", folder, "--format", "json")
    assert result.exit_code == 1, result.stderr
    report = report_of(result)
    assert report["articles"] == 2
    assert [sorted(c["article"] for v in f["variants"] for c in v["claims"]) for f in report["findings"]] == [["alpha", "beta"]]
    warnings = [line for line in result.stderr.splitlines() if str(huge) in line]
    assert len(warnings) == 1, result.stderr
    assert "skipped" in warnings[0] and "MB" in warnings[0]


# -- outputs ----------------------------------------------------------------------------

def test_out_writes_every_report(tmp_path):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    out = tmp_path / "reports"
    result = invoke("check", folder, "--out", out, "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["discrepancies.csv", "report.html", "report.json", "report.md",
                                                      "report.sarif"]
    assert (out / "report.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")
    assert str(out / "report.json") in result.stderr

    as_json = (out / "report.json").read_text(encoding="utf-8")
    assert as_json == result.stdout
    assert as_json == invoke("check", folder, "--format", "json").stdout

    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert markdown.startswith("# ") and "NUM001" in markdown

    raw = (out / "discrepancies.csv").read_bytes()
    assert raw.startswith(BOM)
    rows = list(csv.reader(io.StringIO(raw[len(BOM):].decode("utf-8"), newline="")))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 2
    row = dict(zip(CSV_COLUMNS, rows[1]))
    finding = json.loads(as_json)["findings"][0]
    assert row["id"] == finding["id"]
    assert row["rule"] == "NUM001"
    assert row["values"].splitlines() == ["12 (1 source)", "9 (1 source)"]
    assert row["sources"].splitlines() == ["12: Alpha News", "9: Beta Times"]
    evidence = row["evidence"].splitlines()
    assert len(evidence) == 2 and "alpha.txt:6" in evidence[0] and "beta.txt:6" in evidence[1]
    assert row["status"] == "" and row["note"] == ""


def test_out_with_no_findings_writes_header_only_csv(tmp_path):
    folder = pair(tmp_path / "story", TOLL_12, QUIET)
    out = tmp_path / "reports"
    result = invoke("check", folder, "--out", out)
    assert result.exit_code == 0, result.stderr
    raw = (out / "discrepancies.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(raw[len(BOM):].decode("utf-8"), newline="")))
    assert rows == [CSV_COLUMNS]
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["findings"] == []


def test_csv_format_on_stdout_matches_the_out_file(tmp_path):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    out = tmp_path / "reports"
    invoke("check", folder, "--out", out)
    result = invoke("check", folder, "--format", "csv")
    assert result.exit_code == 1
    assert result.stdout_bytes.startswith(BOM)
    assert result.stdout_bytes == (out / "discrepancies.csv").read_bytes()


@pytest.mark.parametrize("fmt, name", [("json", "report.json"), ("sarif", "report.sarif")])
def test_json_and_sarif_reach_stdout_in_pieces_never_whole(tmp_path, monkeypatch, fmt, name):
    from checker.report import REPORTERS, sanitize

    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    out = tmp_path / "reports"
    invoke("check", folder, "--out", out)
    # A batch of 10,000 articles gives a JSON report of about 100 MB: built whole as one
    # string on top of its pieces, it passed the default memory bound.
    monkeypatch.setattr(sanitize, "PIECE", 7)
    monkeypatch.setitem(REPORTERS, fmt, lambda report: pytest.fail("the report was built whole"))
    result = invoke("check", folder, "--format", fmt)
    assert result.exit_code == 1, result.stderr
    assert result.stdout_bytes == (out / name).read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_extract_prints_one_row_per_claim(tmp_path, fmt):
    folder = pair(tmp_path / "story", TOLL_12 + " Rescuers pulled 30 survivors from the wreck.", TOLL_9)
    result = invoke("extract", folder, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
    else:
        rows = json.loads(result.stdout)
    assert {"id", "article", "kind", "text", "value"} <= set(rows[0])
    got = sorted((r["article"], r["kind"], r["text"], str(r["value"])) for r in rows)
    assert got == [  # "Police said ...": reported speech is an attribution claim too
        ("alpha", "attribution", "12 people were killed in the crash on the coastal highway", "Police"),
        ("alpha", "number", "12", "12"),
        ("alpha", "number", "30", "30"),
        ("beta", "attribution", "nine people were killed in the crash on the coastal highway", "Police"),
        ("beta", "number", "nine", "9"),
    ]
    assert len({r["id"] for r in rows}) == len(rows)
    check = report_of(invoke("check", folder, "--format", "json"))
    assert check["claims"] == len(rows)


def test_extract_default_format_is_csv(tmp_path):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    result = invoke("extract", folder)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("id,article,")


def test_extract_missing_path_exits_2(tmp_path):
    assert_one_line_error(invoke("extract", tmp_path / "missing"), "missing")


def test_python_dash_m_help():
    done = subprocess.run([sys.executable, "-m", "checker", "--help"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    for command in ("check", "extract", "config"):
        assert command in done.stdout


# -- settings ---------------------------------------------------------------------------

def settings_table(result) -> dict[str, str]:
    """Return `checker config`'s values by setting (its columns: setting, value, from)."""
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("setting ")) + 2
    return {cells[0]: cells[1] for cells in (re.split(r"\s{2,}", line.strip()) for line in lines[start:] if line)}


def test_config_prints_the_defaults():
    result = invoke("config")
    assert result.exit_code == 0, result.stderr
    table = settings_table(result)
    assert table["fail_on"] == "high"
    assert table["format"] == "table"
    assert table["max_file_mb"] == "20.0"
    assert Path(table["rules"]) == ROOT / "rules"


def test_setup_cfg_changes_the_setting_and_a_flag_overrides_it(tmp_path, workdir):
    folder = pair(tmp_path / "story", TOLL_100, TOLL_98)  # one low finding
    assert invoke("check", folder).exit_code == 0
    (workdir / "setup.cfg").write_text("[metadata]\nname = x\n\n[checker]\nfail_on = low\n", encoding="utf-8")
    assert settings_table(invoke("config"))["fail_on"] == "low"
    assert invoke("check", folder).exit_code == 1
    assert invoke("check", folder, "--fail-on", "high").exit_code == 0
    assert invoke("check", folder, "--fail-on", "never").exit_code == 0


def test_setup_cfg_format_setting_applies(tmp_path, workdir):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    (workdir / "setup.cfg").write_text("[checker]\nformat = json\n", encoding="utf-8")
    result = invoke("check", folder)
    assert report_of(result)["version"] == 2
    assert invoke("check", folder, "--format", "markdown").stdout.startswith("# ")


def test_setup_cfg_in_another_folder_is_ignored(tmp_path, workdir):
    folder = pair(tmp_path / "story", TOLL_100, TOLL_98)
    (folder / "setup.cfg").write_text("[checker]\nfail_on = low\n", encoding="utf-8")
    assert invoke("check", folder).exit_code == 0


@pytest.mark.parametrize("content, words", [
    ("[checker]\nfail_on = sometimes\n", ["sometimes"]),
    ("[checker]\ncolour = red\n", ["colour"]),
    ("[checker]\nmax_file_mb = big\n", ["max_file_mb"]),
])
def test_bad_setup_cfg_exits_2(tmp_path, workdir, content, words):
    folder = pair(tmp_path / "story", TOLL_12, TOLL_9)
    (workdir / "setup.cfg").write_text(content, encoding="utf-8")
    assert_one_line_error(invoke("check", folder), *words)
    assert_one_line_error(invoke("config"), *words)


# -- the seeds --------------------------------------------------------------------------

def test_seeds_have_no_number_findings():
    result = invoke("check", SEEDS, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    report = report_of(result)
    assert report["articles"] == len(list(SEEDS.glob("*.txt")))
    assert [d for d in report["findings"] if d["kind"] == "number"] == []


def test_one_story_compares_articles_that_share_no_name(tmp_path):
    folder = tmp_path / "story"
    write_article(folder, "alpha", "Officials in Harlan said twelve workers were killed at the mill.", "Alpha News")
    write_article(folder, "beta", "Nine workers were killed at the Millbrook plant, Ashby officials said.", "Beta Times",
                  published="2024-01-11")
    apart = report_of(invoke("check", folder, "--format", "json", "--fail-on", "never"))
    together = report_of(invoke("check", folder, "--format", "json", "--fail-on", "never", "--one-story"))
    assert [f for f in apart["findings"] if f["kind"] == "number"] == []
    assert [[v["value"] for v in f["variants"]] for f in together["findings"] if f["kind"] == "number"] == [["12", "9"]]
