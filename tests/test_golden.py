"""Golden files for every text reporter, and the GitHub annotations' escaping and commands.

The fixture batch (two test stories and the seeds) is checked from the repository root with
relative paths, rendered in each format and compared byte for byte with `tests/golden/`.
After an intended change to extraction, matching or a reporter, rewrite the golden files
with `UPDATE_GOLDEN=1 pytest tests/test_golden.py` and review their diff before committing.
"""

from __future__ import annotations

import json as jsonlib
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from checker.config import Settings
from checker.engine import run
from checker.records import Report
from checker.report import csv, github, html, json, markdown, sanitize, sarif, table
from checker.report.evidence import summary_line

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
BATCH = ["tests/dated/quake_frontmatter", "tests/people/port_talks", "seeds"]
STALE_ID = "0123456789ab"
# One workflow command: ::name key=value,key=value::message, nothing unescaped that would end it early.
COMMAND = re.compile(r"::(error|warning|notice)(?: [a-z]+=[^,:\r\n]*(?:,[a-z]+=[^,:\r\n]*)*)?::[^\r\n]*")


@pytest.fixture(scope="module")
def report() -> Report:
    """Return the fixture batch's report, run from the repository root."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return run(BATCH, Settings())


@pytest.fixture(scope="module")
def baselined(report: Report) -> Report:
    """Return the report with its first finding suppressed and one stale baseline id."""
    return replace(report, suppressed=frozenset({report.findings[0].id}), stale=(STALE_ID,))


def check_golden(name: str, text: str) -> None:
    """Compare text with a golden file byte for byte, or rewrite it under UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    hint = f"tests/golden/{name} differs; if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff"
    assert path.is_file(), f"tests/golden/{name} is missing; create it with UPDATE_GOLDEN=1"
    # Decode without newline translation so the comparison stays byte for byte (BOM, CRLF).
    assert path.read_bytes().decode("utf-8") == text, hint


RENDERERS = {
    "report.txt": lambda report: table.render(report, width=100),  # not the width of whoever runs the tests
    "report.md": markdown.render,
    "report.json": json.render,
    "report.csv": csv.render,
    "report.github.txt": github.render,
    "report.sarif": sarif.render,
}


@pytest.mark.parametrize("name", RENDERERS)
def test_golden(report: Report, name: str) -> None:
    check_golden(name, RENDERERS[name](report))


@pytest.mark.parametrize("name", ["report.baseline.json", "report.baseline.github.txt", "report.baseline.sarif"])
def test_golden_with_baseline(baselined: Report, name: str) -> None:
    check_golden(name, RENDERERS[name.replace(".baseline", "")](baselined))


def test_fixture_batch_is_worth_a_golden_file(report: Report) -> None:
    assert {f.severity for f in report.findings} == {"high", "medium", "low"}
    assert {f.kind for f in report.findings} == {"number", "date", "attribution", "role"}
    assert any(len(f.variants) > 2 for f in report.findings) and report.agreed
    assert any(len(v.claims) > len(v.articles) or len(v.articles) > 1 for f in report.findings for v in f.variants)
    assert all(not Path(a.path).is_absolute() for a in report.articles)


# --- baseline state in the other reporters -----------------------------------------------------

def test_suppressed_and_stale_are_shown_by_every_reader_format(baselined: Report) -> None:
    first = baselined.findings[0].id
    stale = f"Stale baseline entries (no longer match): {STALE_ID}"
    text = table.render(baselined, width=100)
    assert stale in text and stale in markdown.render(baselined)
    assert text.splitlines()[3].startswith("suppressed ")  # under the first row's "high"
    assert "| high (suppressed) |" in markdown.render(baselined)
    found = jsonlib.loads(json.render(baselined))
    assert [f["suppressed"] for f in found["findings"]] == [f.id == first for f in baselined.findings]
    assert found["stale"] == [STALE_ID]


def test_stale_ids_are_listed_when_nothing_is_found(report: Report) -> None:
    empty = replace(report, findings=(), stale=("aaaaaaaaaaaa", "bbbbbbbbbbbb"))
    line = "Stale baseline entries (no longer match): aaaaaaaaaaaa, bbbbbbbbbbbb"
    assert line in table.render(empty) and line in markdown.render(empty)


def test_csv_columns_do_not_change_with_a_baseline(report: Report, baselined: Report) -> None:
    assert csv.render(baselined) == csv.render(report)


@pytest.mark.parametrize("width", [80, 200])
def test_table_fits_the_terminal(report: Report, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    assert max(len(line) for line in table.render(report).splitlines()) <= width


def test_every_format_has_one_entry_per_finding(report: Report) -> None:
    n = len(report.findings)
    assert len(jsonlib.loads(json.render(report))["findings"]) == n
    assert csv.render(report).count("\r\n") == n + 1
    assert len(github.render(report).splitlines()) == n + 1
    assert markdown.render(report).count("\n## ") == n


# --- GitHub annotations ------------------------------------------------------------------------

ESCAPES = [
    # (raw, as a message, as a property)
    ("plain words", "plain words", "plain words"),
    ("50% up", "50%25 up", "50%25 up"),
    ("%0A stays literal", "%250A stays literal", "%250A stays literal"),
    ("two\nlines", "two%0Alines", "two%0Alines"),
    ("crlf\r\nend", "crlf%0D%0Aend", "crlf%0D%0Aend"),
    ("NUM001 numbers.casualties: killed", "NUM001 numbers.casualties: killed", "NUM001 numbers.casualties%3A killed"),
    ("a, b", "a, b", "a%2C b"),
    ("C:\\news\\a,b.txt", "C:\\news\\a,b.txt", "C%3A\\news\\a%2Cb.txt"),
    ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
    ("“quoted” — dash", "“quoted” — dash", "“quoted” — dash"),
    ("", "", ""),
]


@pytest.mark.parametrize(("raw", "data", "prop"), ESCAPES)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop


@pytest.mark.parametrize(("severity", "command"), [("high", "error"), ("medium", "warning"), ("low", "notice")])
def test_github_command_follows_severity(report: Report, severity: str, command: str) -> None:
    f = replace(report.findings[0], severity=severity)
    first = github.render(replace(report, findings=(f,))).splitlines()[0]
    claim = f.variants[-1].claims[0]
    path = next(a.path for a in report.articles if a.id == claim.article_id)
    assert first.startswith(f"::{command} file={path},line={claim.line},title={f.rule} ")


def test_github_suppressed_finding_is_a_notice(baselined: Report) -> None:
    lines = github.render(baselined).splitlines()
    # The suppressed first finding is a notice, shown after the open findings' errors and warnings.
    assert lines[0].startswith("::error file=") and "::suppressed" not in lines[0]
    assert lines[-2].startswith("::notice file=") and "::suppressed by baseline: " in lines[-2]
    assert lines[-1] == (f"::notice::{summary_line(baselined)}; 1 suppressed by baseline; 0 reopened; "
                         "1 stale baseline entry")


def test_github_every_line_is_one_command(baselined: Report) -> None:
    text = github.render(baselined)
    assert text.endswith("\n")
    for line in text.splitlines():
        assert COMMAND.fullmatch(line), line


def test_github_finding_without_a_line_omits_it(report: Report) -> None:
    # An article from a table: the path is the table file, the line may be 0.
    f = report.findings[0]
    flat = tuple(replace(v, claims=tuple(replace(c, sentence=replace(c.sentence, line=0)) for c in v.claims))
                 for v in f.variants)
    no_line = replace(f, variants=flat, explanation="Two\nlines, 100%")
    at = f.variants[-1].claims[0].article_id
    articles = tuple(replace(a, path="batch: 1,2.csv") if a.id == at else a for a in report.articles)
    first = github.render(replace(report, articles=articles, findings=(no_line,))).splitlines()[0]
    assert first.startswith(f"::{github.COMMANDS[f.severity]} file=batch%3A 1%2C2.csv,title={f.rule} ")
    assert "::Two%0Alines, 100%25 — " in first and ":0" not in first
    assert COMMAND.fullmatch(first)


def test_the_json_documents_in_pieces_are_the_golden_files_and_a_file_takes_them(report: Report, tmp_path, monkeypatch):
    monkeypatch.setattr(sanitize, "PIECE", 7)  # many pieces, as a big batch gives
    parts = list(json.pieces(report))
    assert len(parts) > 50
    check_golden("report.json", "".join(parts))
    from checker.output import write_all
    from checker.report import rendered

    for name, kind in (("report.json", "json"), ("report.sarif", "sarif")):
        (written,) = write_all(tmp_path, {name: rendered(kind, report)})
        assert written.read_text(encoding="utf-8") == (GOLDEN / name).read_text(encoding="utf-8")


def test_a_legacy_workflow_command_is_escaped_in_every_piece(report: Report, monkeypatch):
    monkeypatch.setattr(sanitize, "PIECE", 1)  # a piece after every item
    text = "".join(json.pieces(replace(report, stale=("##[error]boom",))))
    assert "##[" not in text and "##\\u005berror]boom" in text
    assert jsonlib.loads(text)["stale"] == ["##[error]boom"]


@pytest.mark.parametrize(("module", "name"), [(csv, "report.csv"), (html, "report.html")])
def test_csv_and_html_in_pieces_of_whole_lines_are_the_golden_files(report: Report, monkeypatch, module, name):
    monkeypatch.setattr(sanitize, "PIECE", 7)  # many pieces, as a big batch gives
    parts = list(module.pieces(report))
    assert len(parts) > 5
    assert all(part.endswith("\n") for part in parts[1:-1])  # after the CSV's byte-order mark
    check_golden(name, "".join(parts))
