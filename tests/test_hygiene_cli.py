"""Output hygiene end to end: real files named by payloads, manifests and tables carrying them, every format."""

from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner
from hygiene import (PAYLOADS, command_lines, controls, csv_cells, html_structure, json_controls, legacy_commands,
                     live, markdown_markup)

from checker.cli import main

# Payloads that make a usable file name: no "/" or NUL, and more than blanks.
NAMED = {name: text for name, text in PAYLOADS.items() if not {"/", "\0"} & set(text) and text.strip()}
OUR_COMMAND = re.compile(r"::(error|warning|notice) file=[^,:\r\n]*(,line=\d+)?,title=[^,:\r\n]*::[^\r\n]*"
                         r"|::notice::[^\r\n]*|::group::[^\r\n]*|::endgroup::")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Write one story in which every payload is a file name, a manifest value, a table id, source,
    title and url, and the start of a sentence; return the folder."""
    folder = tmp_path_factory.mktemp("hostile")
    manifest = [("id", "source", "title", "url")]
    table = []
    for i, (name, text) in enumerate(PAYLOADS.items()):
        words = ("Twelve", "Nine")[i % 2]
        sentence = f"{text} {words} workers were killed in the fire at Harlan Mills."
        table.append({"id": f"{text} {i}", "source": text, "title": text, "url": text, "text": sentence})
        if name in NAMED:
            (folder / f"{text}.txt").write_text(sentence + "\n", encoding="utf-8")
            (folder / f"{text} empty.txt").write_text("", encoding="utf-8")  # a warning names it
            manifest.append((text, text, text, text))
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(manifest)
    (folder / "table.jsonl").write_text("".join(json.dumps(row) + "\n" for row in table), encoding="utf-8")
    return folder


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def checked(batch, tmp_path_factory):
    """Check the batch once: GitHub annotations on stdout, every report file in an --out folder whose
    name the notes on stderr repeat."""
    out = tmp_path_factory.mktemp("reports") / "out\n::warning::forged ##[error]x \x1b]0;title\x07"
    result = run("check", batch, "--one-story", "--format", "github", "--out", out, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    return result, out


def test_the_batch_is_read_with_every_payload(checked, batch) -> None:
    result, out = checked
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["articles"] == len(PAYLOADS) + len(NAMED) and report["findings"]
    assert len([line for line in result.stderr.splitlines() if line.startswith("checker: warning: ")]) >= len(NAMED)


def test_github_log_holds_only_its_own_commands(checked) -> None:
    result, out = checked
    findings = json.loads((out / "report.json").read_text(encoding="utf-8"))["findings"]
    for text in (result.stdout, result.stderr):
        assert not controls(text) and not legacy_commands(text)
    lines = command_lines(result.stdout)
    assert len(lines) == len(findings) + 1 and all(OUR_COMMAND.fullmatch(line) for line in lines), lines
    assert command_lines(result.stderr) == []
    assert "checker: wrote " in result.stderr  # the note naming the folder, on one line


def test_report_files_are_inert(checked) -> None:
    _, out = checked
    page = (out / "report.html").read_text(encoding="utf-8")
    for name in ("report.md", "report.html", "report.json", "report.sarif"):
        text = (out / name).read_text(encoding="utf-8")
        assert not (json_controls(text) if name.endswith(("json", "sarif")) else controls(text)), name
        assert command_lines(text) == [] and legacy_commands(text) == [], name
    assert markdown_markup((out / "report.md").read_text(encoding="utf-8")) == []
    structure = html_structure(page)
    # The template's own elements: one script, links only to its own cards, no handler.
    assert {tag for tag, _ in structure.elements} <= TEMPLATE_TAGS
    assert sum(tag == "script" for tag, _ in structure.elements) == 1
    assert not [n for _, names in structure.elements for n in names if n.startswith("on")]
    assert all(value.startswith("#") for name, value in structure.values if name in ("href", "src"))


TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "div", "header", "h1", "h2", "h3", "p", "strong",
                 "dl", "dt", "dd", "span", "section", "main", "nav", "fieldset", "legend", "label", "input", "article",
                 "code", "a", "ul", "li", "time", "blockquote", "mark", "details", "summary", "footer", "script"}


def test_csv_cells_are_inert(checked, batch) -> None:
    _, out = checked
    extracted = run("extract", batch, "--format", "csv")
    for text in ((out / "discrepancies.csv").read_text(encoding="utf-8"), extracted.stdout):
        cells = [cell for row in csv_cells(text) for cell in row]
        assert [cell for cell in cells if live(cell)] == []
        assert [cell for cell in cells if controls(cell)] == []
        assert command_lines(text) == [] and legacy_commands(text) == []
    articles = {row[1] for row in csv_cells(extracted.stdout)[1:]}
    assert {"'-row", "'=cmd", "'＝1+1"} <= articles  # the files -row.txt, =cmd.txt, ＝1+1.txt


def test_table_and_claims_json_are_inert(batch) -> None:
    shown = run("check", batch, "--one-story", "--format", "table", "--fail-on", "never")
    claims = run("extract", batch, "--format", "json")
    assert not controls(shown.stdout) and command_lines(shown.stdout) == [] and legacy_commands(shown.stdout) == []
    assert not json_controls(claims.stdout) and legacy_commands(claims.stdout) == []
    assert any(row["article"].startswith("=1+1") for row in json.loads(claims.stdout))


def test_a_reviewed_csv_still_accepts_its_findings_by_id(checked, batch) -> None:
    _, out = checked
    again = run("check", batch, "--one-story", "--format", "json", "--baseline", out / "discrepancies.csv",
                "--accept-unreviewed")
    report = json.loads(again.stdout)
    assert report["findings"] and all(f["suppressed"] for f in report["findings"]) and report["stale"] == []


def test_store_list_prints_stored_names_on_one_clean_line(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "::warning::x.txt").write_text("---\nsource: Coast \x1b[2JDaily\n---\nFive people died.\n", encoding="utf-8")
    runner = CliRunner()
    runner.invoke(main, ["check", str(batch), "--store", str(tmp_path / "db.sqlite")])
    listed = runner.invoke(main, ["store", "list", "--store", str(tmp_path / "db.sqlite")])
    assert listed.exit_code == 0, listed.output
    assert "Coast" in listed.stdout and "warning" in listed.stdout  # the article is listed, cleaned
    assert "\x1b" not in listed.stdout and not any(line.lstrip().startswith("::") for line in listed.stdout.splitlines())
