"""The HTML report: golden file, self-containment, cards, baseline state, and escaping of hostile text.

The batch is checked from the repository root with relative paths. After an intended change
to extraction, matching or the template, rewrite the golden file with
`UPDATE_GOLDEN=1 pytest tests/test_html_report.py` and review its diff before committing.
"""

from __future__ import annotations

import csv as csvlib
import difflib
import io
import os
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from checker.config import Settings
from checker.engine import run
from checker.records import Report
from checker.report import csv
from checker.report.html import render, split_quote

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "report.html"
BATCH = ["tests/dated/quake_frontmatter", "seeds"]
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
def hostile() -> Report:
    return batch(XSS)


def text_between(html: str, start: str, end: str) -> str:
    """Return the text after `start` up to `end`."""
    return html.split(start, 1)[1].split(end, 1)[0]


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
    assert {d.severity for d in report.discrepancies} == {"high", "medium", "low"}
    assert {d.kind for d in report.discrepancies} >= {"number", "date", "role"}


# --- self-contained, no external references ----------------------------------------------------

@pytest.mark.parametrize("paths", [BATCH, XSS], ids=["batch", "xss"])
def test_no_external_references(paths: list[str]) -> None:
    html = render(batch(paths))
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


def test_xss_batch_has_a_url_in_article_text(hostile: Report) -> None:
    assert "http://x" in render(hostile)


# --- content -----------------------------------------------------------------------------------

def test_one_card_per_finding(report: Report) -> None:
    html = render(report)
    cards = Page(html).with_class("finding")
    assert len(cards) == len(report.discrepancies) > 0
    assert [(c["id"], c["data-kind"], c["data-severity"]) for c in cards] == [
        (d.id, d.kind, d.severity) for d in report.discrepancies]
    assert text_between(html, 'id="finding-count">', "<") == str(len(report.discrepancies))


def test_cards_show_the_evidence(report: Report) -> None:
    html = render(report)
    for d in report.discrepancies:
        card = text_between(html, f'id="{d.id}"', "</article>")
        assert f"<code>{d.rule}</code>" in card and d.verdict in card and escape(d.topic) in card
        for claim in (d.a, d.b):
            assert f"<mark>{escape(claim.text)}</mark>" in card
            assert f":{claim.line}<" in card
    assert html.count("<mark>") == 2 * len(report.discrepancies)


def test_summary_counts(report: Report) -> None:
    html = render(report)
    for severity in ("high", "medium", "low"):
        n = sum(d.severity == severity for d in report.discrepancies)
        assert f"{severity}: {n}<" in html
    assert f'<dd>{len(report.articles)}</dd>' in html and f'<dd>{len(report.claims)}</dd>' in html
    assert 'class="chart-row"' in html


def test_undated_article_says_so(report: Report) -> None:
    undated = {a.id for a in report.articles if a.published is None}
    assert any(c.article_id in undated for d in report.discrepancies for c in (d.a, d.b))
    assert '<span class="date">undated</span>' in render(report)


def test_suppressed_finding_is_dimmed_and_stale_ids_listed(report: Report) -> None:
    first = report.discrepancies[0].id
    html = render(replace(report, suppressed=frozenset({first}), stale=(STALE_ID,)))
    cards = Page(html).with_class("finding")
    assert [("suppressed" in c["class"].split(), c["data-suppressed"]) for c in cards] == [
        (c["id"] == first, "true" if c["id"] == first else "false") for c in cards]
    assert "suppressed (baseline)" in text_between(html, f'id="{first}"', "</article>")
    assert html.count("suppressed (baseline)") == 1
    assert text_between(html, 'id="suppressed-count">', "<") == "1"
    assert text_between(html, 'id="stale-count">', "<") == "1"
    assert f"<code>{STALE_ID}</code>" in text_between(html, 'id="stale"', "</section>")
    assert 'id="stale"' not in render(report)


def test_empty_report() -> None:
    html = render(Report((), (), (), stale=("0123456789ab",)))
    assert "No discrepancies found." in html and "<code>0123456789ab</code>" in html
    assert text_between(html, 'id="finding-count">', "<") == "0"
    assert not Page(html).with_class("finding")


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


# --- hostile article text ----------------------------------------------------------------------

def test_xss_fixture_finds_a_conflict(hostile: Report) -> None:
    pairs = {(d.a.article_id, d.b.article_id, d.verdict) for d in hostile.discrepancies}
    assert ("bugle", "ledger", "conflict") in pairs
    sources = {a.source for a in hostile.articles}
    assert all("<b>" in s and "&" in s for s in sources)


def test_xss_text_is_escaped(hostile: Report) -> None:
    html = render(hostile)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(" in html
    assert "&#34; onmouseover=&#34;alert(1)" in html
    assert "Daily &lt;b&gt;Bugle&lt;/b&gt; &amp; Co" in html
    for raw in ("<script>alert", "<img", "<b>", '" onmouseover="', "onmouseover=\"alert"):
        assert raw not in html
    assert html.count("onerror=") == html.count("&lt;img src=x onerror=")


def test_xss_page_runs_only_its_own_script(hostile: Report) -> None:
    page = Page(render(hostile))
    assert [tag for tag, _ in page.tags].count("script") == 1
    assert not {"img", "b", "i"} & {tag for tag, _ in page.tags}
    assert all(not name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert "alert" not in "".join(page.code["script"])
    # The browser shows the markup as text.
    shown = "".join(page.text)
    assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown


def test_xss_csv_cells_are_not_formulas(hostile: Report) -> None:
    text = csv.render(hostile)
    assert text.startswith("\ufeff")
    rows = list(csvlib.reader(io.StringIO(text[1:], newline="")))
    cells = [cell for row in rows for cell in row]
    assert len(rows) == len(hostile.discrepancies) + 1
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)
