"""The HTML report: golden file, self-containment, cards, baseline state, and escaping of hostile text.

Most tests render hand-built Reports (tests/test_reporters.py); the golden file and the hostile
fixture batch are checked from the repository root with the real engine. After an intended
change to extraction, gathering or the template, rewrite the golden file with
`UPDATE_GOLDEN=1 pytest tests/test_html_report.py` and review its diff before committing.
"""

from __future__ import annotations

import csv as csvlib
import difflib
import io
import os
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from checker.config import Settings
from checker.engine import run
from checker.records import Finding, Report, Variant
from checker.report import csv
from checker.report.html import render, split_quote
from test_reporters import AGREED, BASELINED, EMPTY, HURT, QUOTE, REPORT, TOLL, make_article, number

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "report.html"
BATCH = ["tests/dated/quake_frontmatter", "tests/people/port_talks", "seeds"]
XSS = ["tests/data/xss"]
STALE_ID = "abc123"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Page(HTMLParser):
    """Parse a page into its tags, text, and inline style and script bodies."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.code: dict[str, list[str]] = {"style": [], "script": []}
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        inside = self._open[-1] if self._open else ""
        (self.code[inside] if inside in self.code else self.text).append(data)

    def with_class(self, name: str) -> list[dict[str, str]]:
        """Return the attributes of every tag carrying a class."""
        return [attrs for _, attrs in self.tags if name in attrs.get("class", "").split()]


def batch(paths: list[str]) -> Report:
    """Return the report of a batch checked from the repository root."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return run(paths, Settings())


@pytest.fixture(scope="module")
def report() -> Report:
    return batch(BATCH)


@pytest.fixture(scope="module")
def hostile_batch() -> Report:
    return batch(XSS)


def text_between(html: str, start: str, end: str) -> str:
    """Return the text after `start` up to `end`."""
    return html.split(start, 1)[1].split(end, 1)[0]


def card_of(html: str, finding_id: str) -> str:
    """Return the markup of one finding's card."""
    return text_between(html, f'id="{finding_id}"', "</article>")


# A hand-built fact whose every field carries markup or a formula.
_BUGLE, _B = make_article("bugle", ["<script>alert(1)</script> Twelve workers were killed.",
                                    '=HYPERLINK("http://x") Forty were hurt.'],
                          source="Daily <b>Bugle</b> & Co", published=date(2024, 5, 2))
_LEDGER, _L = make_article("ledger", ['Nine workers were killed. <img src=x onerror=alert(1)>',
                                      '" onmouseover="alert(1) Twenty were hurt.'],
                           source="Harlan <b>Ledger</b> & Sons")
HOSTILE = Report((_BUGLE, _LEDGER), (), (
    Finding("f00000000001", "NUM001", "numbers.<i>casualties</i>", "number", "conflict", "high",
            "killed <b>workers</b>", (Variant("12 <b>", (number(_B[0], "Twelve", 12),)),
                                      Variant("9", (number(_L[0], "Nine", 9),))),
            'Bugle says 12; "Ledger" says <9> & more.'),
    Finding("f00000000002", "NUM001", "numbers.casualties", "number", "conflict", "medium", "hurt",
            (Variant("40", (number(_B[1], "Forty", 40),)), Variant("20", (number(_L[1], "Twenty", 20),))),
            "=SUM(A1)"),
))


# --- golden file -------------------------------------------------------------------------------

def test_golden(report: Report) -> None:
    html = render(report)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(html.encode("utf-8"))
        return
    assert GOLDEN.is_file(), "tests/golden/report.html is missing; create it with UPDATE_GOLDEN=1 pytest tests/test_html_report.py"
    expected = GOLDEN.read_bytes().decode("utf-8")
    diff = "".join(list(difflib.unified_diff(expected.splitlines(True), html.splitlines(True), "golden", "rendered"))[:60])
    assert html == expected, (
        "tests/golden/report.html differs; if the change is intended, regenerate it with "
        f"UPDATE_GOLDEN=1 pytest tests/test_html_report.py and review the diff:\n{diff}"
    )


def test_batch_is_worth_a_golden_file(report: Report) -> None:
    assert {f.severity for f in report.findings} == {"high", "medium", "low"}
    assert {f.kind for f in report.findings} == {"number", "date", "attribution", "role"}
    assert any(len(v.articles) > 1 for f in report.findings for v in f.variants)


# --- self-contained, no external references ----------------------------------------------------

def assert_self_contained(html: str) -> None:
    page = Page(html)
    assert not {tag for tag, _ in page.tags} & {"link", "img", "iframe", "object", "embed", "base", "svg"}
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        assert all("//" not in value for value in attrs.values()), (tag, attrs)
        assert attrs.get("href", "#").startswith("#"), (tag, attrs)
    code = "".join(page.code["style"] + page.code["script"])
    for needle in ("http", "//", "url(", "@import", "fetch(", "XMLHttpRequest"):
        assert needle not in code
    # Whatever http(s) remains is article text that the page shows as text.
    assert html.count("http") == "".join(page.text).count("http")


@pytest.mark.parametrize("built", [REPORT, BASELINED, EMPTY, HOSTILE], ids=["report", "baseline", "empty", "hostile"])
def test_no_external_references(built: Report) -> None:
    assert_self_contained(render(built))


@pytest.mark.parametrize("paths", [BATCH, XSS], ids=["batch", "xss"])
def test_no_external_references_in_real_batches(paths: list[str]) -> None:
    assert_self_contained(render(batch(paths)))


# --- content -----------------------------------------------------------------------------------

def test_one_card_per_finding() -> None:
    html = render(REPORT)
    cards = Page(html).with_class("finding")
    assert [(c["id"], c["data-verdict"], c["data-kind"], c["data-severity"], c["data-suppressed"]) for c in cards] == [
        (HURT.id, "conflict", "number", "high", "false"), (QUOTE.id, "conflict", "attribution", "medium", "false"),
        (TOLL.id, "update", "number", "low", "false")]
    assert text_between(html, 'id="finding-count">', "<") == "3"


def test_a_column_per_variant_with_its_claims() -> None:
    html = render(REPORT)
    card = card_of(html, HURT.id)
    assert f"<code>{HURT.rule}</code> {HURT.name}" in card and "conflict" in card
    assert escape(HURT.explanation) in card
    columns = card.split('<section class="variant"')[1:]
    assert len(columns) == 2
    assert '<span class="value">5</span> <span class="count">2 sources</span>' in columns[0]
    assert '<span class="value">2</span> <span class="count">2 sources</span>' in columns[1]
    assert columns[0].count('<li class="claim">') == 3 and columns[1].count('<li class="claim">') == 3
    assert ["Reuters", "AP", "AP"] == [text_between(li, '<strong class="source">', "<")
                                       for li in columns[0].split('<li class="claim">')[1:]]
    assert "batch/ap.txt:6<" in columns[0] and 'datetime="2025-03-10"' in columns[0]
    assert "The quake hurt <mark>five</mark> people and killed 12." in columns[0]
    assert '<span class="date">undated</span>' in columns[1]  # BBC has no date
    # One highlight per claim, on the claim's own occurrence of its words.
    assert html.count("<mark>") == sum(len(f.claims) for f in REPORT.findings)
    assert "Of 10 villages, <mark>10</mark> people died." in card_of(html, TOLL.id)


def test_summary_counts() -> None:
    html = render(REPORT)
    for name, value in (("article", 4), ("claim", 12), ("fact", 4), ("disputed", 3), ("agreed", 1)):
        assert text_between(html, f'id="{name}-count">', "<") == str(value), name
    for chip in ("high: 1", "medium: 1", "low: 1", "conflict: 2", "update: 1", "number: 2", "attribution: 1"):
        assert f"{chip}<" in html, chip
    chart = {text_between(row, 'class="name" title="', '"'): text_between(row, 'class="n">', "<")
             for row in html.split('<div class="chart-row">')[1:]}
    assert chart == {"Reuters": "3", "BBC &lt;World&gt;": "2", "local_news": "2", "AP": "1"}


def test_agreed_facts_are_listed() -> None:
    agreed = text_between(render(REPORT), 'id="agreed"', "</section>")
    assert f"{AGREED.topic}: <span class=\"value\">12</span>" in agreed and "(2 sources: AP, BBC &lt;World&gt;)" in agreed
    assert 'id="agreed"' not in render(replace(REPORT, agreed=()))


def test_filters_cover_severity_verdict_kind_and_baseline() -> None:
    page = Page(render(BASELINED))
    boxes = [(a["name"], a["value"]) for t, a in page.tags if t == "input"]
    assert boxes == [("severity", "high"), ("severity", "medium"), ("severity", "low"), ("verdict", "conflict"),
                     ("verdict", "update"), ("kind", "number"), ("kind", "attribution"), ("suppressed", "true")]
    script = "".join(page.code["script"])
    assert all(f'off["{name}:" + c.{name}]' in script for name in ("severity", "verdict", "kind", "suppressed"))


def test_suppressed_and_reopened_findings_and_stale_ids() -> None:
    html = render(replace(BASELINED, stale=(STALE_ID,)))
    cards = Page(html).with_class("finding")
    assert [("suppressed" in c["class"].split(), c["data-suppressed"]) for c in cards] == [
        (True, "true"), (False, "false"), (False, "false")]
    assert "suppressed (baseline)" in card_of(html, HURT.id) and html.count("suppressed (baseline)") == 1
    assert "reopened: a new value since the baseline" in card_of(html, QUOTE.id)
    assert text_between(html, 'id="suppressed-count">', "<") == "1"
    assert text_between(html, 'id="reopened-count">', "<") == "1"
    assert text_between(html, 'id="stale-count">', "<") == "1"
    assert f"<code>{STALE_ID}</code>" in text_between(html, 'id="stale"', "</section>")
    assert 'id="stale"' not in render(REPORT) and 'id="reopened-count"' not in render(REPORT)


def test_empty_report() -> None:
    html = render(Report((), (), (), stale=("0123456789ab",)))
    assert "No disputed facts found." in html and "<code>0123456789ab</code>" in html
    assert text_between(html, 'id="finding-count">', "<") == "0"
    assert not Page(html).with_class("finding") and 'id="filters"' not in html


@pytest.mark.parametrize(("sentence", "words", "at", "pieces"), [
    ("Nine were killed.", "Nine", 0, ("", "Nine", " were killed.")),
    ("It was 12, not 12.", "12", 15, ("It was 12, not ", "12", ".")),
    ("It was 12, not 12.", "12", -1, ("It was ", "12", ", not 12.")),
    ("It was 12, not 12.", "12", 3, ("It was ", "12", ", not 12.")),
    ("Nothing here.", "twelve", 0, ("Nothing here.", "", "")),
    ("Nothing here.", "", 0, ("Nothing here.", "", "")),
])
def test_split_quote(sentence: str, words: str, at: int, pieces: tuple[str, str, str]) -> None:
    assert split_quote(sentence, words, at) == pieces


# --- hostile text ------------------------------------------------------------------------------

def assert_escaped(html: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(" in html
    assert "&#34; onmouseover=&#34;alert(1)" in html
    assert "Daily &lt;b&gt;Bugle&lt;/b&gt; &amp; Co" in html
    for raw in ("<script>alert", "<img", "<b>", '" onmouseover="', "onmouseover=\"alert"):
        assert raw not in html
    assert html.count("onerror=") == html.count("&lt;img src=x onerror=")


def assert_runs_only_its_own_script(html: str) -> None:
    page = Page(html)
    assert [tag for tag, _ in page.tags].count("script") == 1
    assert not {"img", "b", "i"} & {tag for tag, _ in page.tags}
    assert all(not name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert "alert" not in "".join(page.code["script"])
    # The browser shows the markup as text.
    shown = "".join(page.text)
    assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown


def test_hostile_text_is_escaped() -> None:
    html = render(HOSTILE)
    assert_escaped(html)
    assert_runs_only_its_own_script(html)
    # Fields the engine writes are escaped too: rule name, topic, variant value, explanation.
    for text in ("numbers.&lt;i&gt;casualties&lt;/i&gt;", "killed &lt;b&gt;workers&lt;/b&gt;", "12 &lt;b&gt;",
                 "Bugle says 12; &#34;Ledger&#34; says &lt;9&gt; &amp; more."):
        assert text in html, text


def test_xss_fixture_finds_a_conflict(hostile_batch: Report) -> None:
    sides = {(frozenset(a for v in f.variants for a in v.articles), f.verdict) for f in hostile_batch.findings}
    assert (frozenset({"bugle", "ledger"}), "conflict") in sides
    assert all("<b>" in a.source and "&" in a.source for a in hostile_batch.articles)


def test_xss_batch_is_escaped(hostile_batch: Report) -> None:
    html = render(hostile_batch)
    assert "http://x" in html
    assert_escaped(html)
    assert_runs_only_its_own_script(html)


def test_xss_csv_cells_are_not_formulas(hostile_batch: Report) -> None:
    for built in (HOSTILE, hostile_batch):
        text = csv.render(built)
        assert text.startswith("\ufeff")
        rows = list(csvlib.reader(io.StringIO(text[1:], newline="")))
        cells = [cell for row in rows for cell in row]
        assert len(rows) == len(built.findings) + 1
        assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    explanations = [row["explanation"] for row in csvlib.DictReader(io.StringIO(csv.render(HOSTILE)[1:], newline=""))]
    assert explanations[1] == "'=SUM(A1)"
