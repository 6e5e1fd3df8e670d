"""Output hygiene on hand-built reports: each payload in each field, through every format."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache

import pytest
from hygiene import (PAYLOADS, command_lines, controls, csv_cells, html_structure, json_controls, legacy_commands,
                     live, markdown_markup, sgr_count)

from checker.baseline import apply_baseline, load_baseline
from checker.dataframes import claims_csv, claims_frame, claims_json
from checker.records import Article, Finding, Interval, Quantity, Report, Review, Sentence, Variant, claim_in
from checker.report import csv, github, html, json as json_report, markdown, sarif, table
from checker.report.evidence import articles_by_id
from checker.report import sanitize
from checker.report.sanitize import clean, defuse, html_safe, line_pieces, one_line

FIELDS = ("file name", "article id", "source", "title", "url", "topic", "sentence", "value", "explanation", "note",
          "warning", "stale id")
CLAIMS_TABLE = ("article id", "source", "topic", "sentence", "value")  # the fields `checker extract` shows
FINDING_ID = "a1b2c3d4e5f6"


def build(field: str, payload: str) -> Report:
    """Return a report of one disputed and one agreed fact whose `field` carries the payload."""
    hostile = {field: payload}
    first = hostile.get("article id", "ledger")
    topic = hostile.get("topic", "killed workers")
    articles, claims = [], []
    for article_id, words, figure in ((first, "Twelve", 12), ("bugle", "Nine", 9)):
        text = (hostile["sentence"] + " " if "sentence" in hostile else "") + f"{words} workers were killed."
        sentence = Sentence(article_id, 0, 0, len(text), text, 3)
        start = text.index(words)
        value = Quantity(Interval.point(figure), "count", "", words, hostile.get("value", str(figure)) if figure == 12
                         else str(figure))
        claims.append(claim_in(sentence, start, start + len(words), "number", text=words, predicate="killed",
                               thing="worker", topic=topic, value=value))
        path = f"batch/{hostile['file name']}.txt" if "file name" in hostile else f"batch/{article_id}.txt"
        articles.append(Article(article_id, path, text, source=hostile.get("source", article_id.title()),
                                title=hostile.get("title"), url=hostile.get("url", "https://example.org/a")))
    disputed = Finding(FINDING_ID, "NUM001", "numbers.casualties", "number", "conflict", "high", topic,
                       tuple(Variant(c.value.display, (c,)) for c in claims),
                       hostile.get("explanation", "Ledger says 12; Bugle says 9."))
    agreed = replace(disputed, id="0f0f0f0f0f0f", verdict="agreed", severity="",
                     variants=(Variant(claims[0].value.display, tuple(claims)),))
    return Report(tuple(articles), tuple(claims), (disputed,), (agreed,),
                  warnings=(f"{hostile['warning']}: skipped: empty",) if "warning" in hostile else (),
                  stale=(hostile["stale id"],) if "stale id" in hostile else (),
                  reviews=((FINDING_ID, Review("accepted", hostile.get("note", ""))),))


def _stderr(report: Report) -> str:
    """Return what the command line would say on stderr about every field of the report."""
    a = report.articles[0]
    said = [a.id, a.path, a.source, a.title or "", a.url or "", report.findings[0].topic, *report.warnings,
            *report.stale, report.claims[0].sentence.text]
    return "\n".join(one_line(f"checker: warning: {text}") for text in said)


FORMATS = {
    "table": lambda r: table.render(r, width=120),
    "table, stacked": lambda r: table.render(r, width=40),
    "table, colour": lambda r: table.render(r, width=120, color=True),
    "markdown": markdown.render,
    "json": json_report.render,
    "csv": csv.render,
    "github": github.render,
    "html": html.render,
    "sarif": sarif.render,
    "extract csv": lambda r: claims_csv(claims_frame(r.claims, articles_by_id(r.articles))),
    "extract json": lambda r: claims_json(claims_frame(r.claims, articles_by_id(r.articles))),
    "stderr": _stderr,
}


@cache
def _elements(page: str) -> list[tuple[str, tuple[str, ...]]]:
    return html_structure(page).elements


def problems(fmt: str, out: str, benign: str) -> list[str]:
    """Say what is wrong with one format's output of a hostile report (benign: the same report, harmless)."""
    found = []
    if fmt == "table, colour":
        if sgr_count(out) != sgr_count(benign):
            found.append("an escape sequence beside the table's own colours")
        out = out.replace("\x1b", "")  # the table's own colours, counted above
    if fmt in ("csv", "extract csv"):
        cells = [cell for row in csv_cells(out) for cell in row]
        found += [f"live cell {cell!r}" for cell in cells if live(cell)]
        found += [f"control in cell {cell!r}" for cell in cells if controls(cell)]
        out = out.replace("\r\n", "\n")  # the row terminator
    found += [f"control {c!r}" for c in (json_controls(out) if "json" in fmt or fmt == "sarif" else controls(out))]
    ours = len(command_lines(benign)) if fmt == "github" else 0
    if len(command_lines(out)) != ours:
        found.append(f"workflow command lines {command_lines(out)}")
    found += [f"legacy workflow command {c!r}" for c in legacy_commands(out)]
    if fmt == "markdown" and markdown_markup(out):
        found.append(f"markup {markdown_markup(out)}")
    if fmt == "html":
        page = html_structure(out)
        if page.elements != _elements(benign):
            found.append("an element or attribute from article text")
        # The page links only to its own cards and loads nothing.
        found += [f"{name}={value!r}" for name, value in page.values
                  if name in ("href", "src", "srcset", "action", "formaction", "poster") and not value.startswith("#")]
    return found


@cache
def benign(field: str, fmt: str, empty: bool) -> str:
    """Render the report with a harmless field (empty where the payload is nothing once cleaned)."""
    return FORMATS[fmt](build(field, "" if empty else "harmless"))


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_every_field_in_every_format_is_inert(payload: str) -> None:
    failures = []
    for field in FIELDS:
        report = build(field, payload)
        for fmt, render in FORMATS.items():
            if fmt.startswith("extract") and field not in CLAIMS_TABLE:
                continue  # the claims table shows no such field; pandas makes each try costly
            plain = benign(field, fmt, not clean(payload))
            failures += [f"{field} / {fmt}: {p}" for p in problems(fmt, render(report), plain)]
    assert not failures, "\n".join(failures)


def test_the_benign_report_has_its_own_commands_and_colours() -> None:
    # The comparisons above are only worth something if the benign output holds what they compare.
    plain = build("source", "harmless")
    assert len(command_lines(github.render(plain))) == 2  # one annotation, the summary notice
    assert sgr_count(table.render(plain, width=120, color=True)) > 0
    assert ("script", ()) in html_structure(html.render(plain)).elements


@pytest.mark.parametrize(("raw", "one_line_text", "kept_lines"), [
    ("plain words", "plain words", "plain words"),
    ("a\x1b[31mred\x1b[0m b", "ared b", "ared b"),
    ("\x1b[2J\x1b[Hcleared", "cleared", "cleared"),
    ("\x1b]52;c;ZXZpbA==\x07copied", "copied", "copied"),
    ("\x1b]0;title\x1b\\named", "named", "named"),
    ("\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\", "link", "link"),
    ("\x1b]0;never ended", "0;never ended", "0;never ended"),  # the introducer goes, the words stay
    ("\x9b2Jeight-bit \x9d0;t\x9cdone", "eight-bit done", "eight-bit done"),
    ("\x1bcreset \x1b(Bcharset", "reset charset", "reset charset"),
    ("one\ntwo\r\nthree\rfour", "one two three four", "one\ntwo\nthree\nfour"),
    ("tab\there\x0bvt\x0cff\x85nel\u2028ls\u2029ps", "tab here vt ff nel ls ps",
     "tab here\nvt\nff\nnel\nls\nps"),
    ("nul\x00bel\x07bs\x08del\x7f", "nulbelbsdel", "nulbelbsdel"),
    ("\u202eevil\u202c \u2066isolate\u2069", "evil isolate", "evil isolate"),
    ("dangling \x1b", "dangling ", "dangling "),
])
def test_clean_strips_escapes_and_controls(raw: str, one_line_text: str, kept_lines: str) -> None:
    assert clean(raw) == one_line_text and clean(raw, lines=True) == kept_lines


@pytest.mark.parametrize(("raw", "safe"), [
    ("\n::warning::x", "\n:\u200b:warning::x"),
    ("a\n   ::add-mask::s", "a\n   :\u200b:add-mask::s"),
    ("a::b", "a::b"),  # a runner reads "::" only at a line start
    ("x ##[error]y", "x ##\u200b[error]y"),
    ("x ##VSO[task.complete]", "x ##VSO\u200b[task.complete]"),
    ("## heading", "## heading"),
])
def test_defuse_breaks_what_a_runner_reads_as_a_command(raw: str, safe: str) -> None:
    assert defuse(raw) == safe


@pytest.mark.parametrize("chunks", [
    ["a\n", "::warning::x\n", "b ##[error]y\n"],
    ["a\n::", "warning::x\nb ##", "[error]y"],  # a command split across chunks
    ["x\r\n", "   ::add-mask::s\r\n", "##vso[task.complete]\r\n"],
    ["no line break ##", "teamcity[x] at all"],
    ["\n\n", "", "::a::\n"],
])
@pytest.mark.parametrize("piece", [1, 3, 7, 10_000])
@pytest.mark.parametrize("safe", [defuse, html_safe])
def test_line_pieces_are_safe_alone_and_whole_lines(monkeypatch, chunks: list[str], piece: int, safe) -> None:
    monkeypatch.setattr(sanitize, "PIECE", piece)
    parts = list(line_pieces(chunks, safe))
    assert "".join(parts) == safe("".join(chunks))
    assert all(part.endswith("\n") for part in parts[:-1])
    assert len(parts) <= len(chunks) + 1  # one cut at most in a chunk, then what is left


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_findings_beyond_the_annotation_limits_stay_plain_lines(payload: str) -> None:
    # Over GitHub's ten annotations of a kind, findings are listed in a folded group as plain lines.
    one = build("topic", payload)
    many = replace(one, findings=tuple(replace(one.findings[0], id=f"{n:012x}") for n in range(12)))
    out = github.render(many)
    assert "::group::" in out and not legacy_commands(out) and not controls(out)
    assert len(command_lines(out)) == 10 + 1 + 2  # ten annotations, the summary, the group's two lines


@pytest.mark.parametrize(("field", "payload", "shown"), [
    ("source", "\x1b]52;c;ZXZpbA==\x07Reuters\x1b[2J", "Reuters"),
    ("topic", "killed\nworkers\x07", "killed workers"),
    ("sentence", "\u202eSaid\u202c he", "Said he"),
])
def test_what_is_stripped_leaves_the_words(field: str, payload: str, shown: str) -> None:
    for fmt in ("markdown", "html", "csv", "json", *(("table",) if field == "topic" else ())):
        assert shown in FORMATS[fmt](build(field, payload)), fmt


def _as_read_back(payload: str) -> str:
    """Return the note a reviewed CSV gives back for a payload: cleaned and trimmed; a leading
    quote the reader takes for the protective one."""
    note = clean(payload, lines=True).strip()
    return note[1:].strip() if note.startswith("'") else note


@pytest.mark.parametrize("payload", [*PAYLOADS.values(), "line one\nline two", "it's fine; -ish"])
def test_a_note_survives_the_baseline_round_trip(tmp_path, payload: str) -> None:
    report = build("note", payload)
    written = tmp_path / "discrepancies.csv"
    written.write_text(csv.render(report), encoding="utf-8")
    again = apply_baseline(replace(report, reviews=()), load_baseline(written))
    assert FINDING_ID in again.suppressed
    note = dict(again.reviews)[FINDING_ID].note
    # What the checker put in (a quote before a sign after ";", a zero-width space in a command) aside.
    assert re.sub(r"(;[\s\"]*)'", r"\1", note).replace("\u200b", "") == _as_read_back(payload)
    written.write_text(csv.render(again), encoding="utf-8")
    assert dict(apply_baseline(replace(report, reviews=()), load_baseline(written)).reviews)[FINDING_ID].note == note


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_hostile_article_id_keeps_the_finding_id(tmp_path, payload: str) -> None:
    written = tmp_path / "discrepancies.csv"
    written.write_text(csv.render(build("article id", payload)), encoding="utf-8")
    assert FINDING_ID in load_baseline(written).values


def test_json_keeps_a_legacy_command_as_data() -> None:
    text = json_report.render(build("source", "##[error]x"))
    assert "##[" not in text
    assert json.loads(text)["findings"][0]["variants"][0]["claims"][0]["source"] == "##[error]x"
