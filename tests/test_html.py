"""Saved HTML pages as articles: main text, page metadata, furniture left out, loading."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.html import SKIP_REASON, NoArticleText, read_html
from checker.loader import load_paths

PAGES = Path(__file__).resolve().parent / "data" / "html"
COURIER = PAGES / "courier-factory-fire.html"  # og: and article: meta tags, nav, ads, comments
WIRE = PAGES / "coastal-wire-toll.html"  # JSON-LD NewsArticle only
BULLETIN = PAGES / "community-bulletin.html"  # no date or site metadata at all

# A page whose article is rendered by a script: nothing but furniture is saved.
SHELL = """<!DOCTYPE html>
<html><head><title>Live: factory fire | The Harbour Courier</title>
<meta property="og:site_name" content="The Harbour Courier">
<script>var headline = "At least 40 people were killed in the factory fire tonight";</script></head>
<body>
<div id="cookie-notice"><p>We use cookies to improve your experience. By continuing you agree
to our use of 14 partner cookies and similar technologies.</p><button>Accept all</button></div>
<header><nav class="main-nav"><ul><li><a href="/news">News</a></li>
<li><a href="/subscribe">Subscribe from $1 a week</a></li></ul></nav></header>
<main><div class="app-root" data-page="article"></div></main>
<footer class="site-footer"><p>&copy; 2025 The Harbour Courier. All rights reserved.</p></footer>
</body></html>
"""
STORY = "Police said 12 people were hurt.\nThe mayor spoke on Monday.\n"


def page(path: Path):
    """Return the page read from a fixture file."""
    return read_html(path.read_text(encoding="utf-8"), str(path))


def copy(folder: Path, *pages: Path) -> Path:
    """Copy fixture pages into a folder; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in pages:
        shutil.copy(path, folder / path.name)
    return folder


# --- read_html ----------------------------------------------------------------------------

METADATA_CASES = [
    pytest.param(
        COURIER,
        ("At least 12 killed in Kestrel Bay textile factory fire", date(2025, 3, 12),
         "The Harbour Courier",
         "https://www.harbourcourier.example/news/2025/03/12/kestrel-bay-factory-fire"),
        id="meta-tags",
    ),
    pytest.param(
        WIRE,
        ("Kestrel Bay factory fire: nine dead as inquiry opens", date(2025, 3, 13),
         "Coastal Wire", None),
        id="json-ld",
    ),
    # The body says "on 11 March 2025": a date in the story is not the page's date.
    pytest.param(BULLETIN, ("Vigil held for factory workers", None, None, None), id="none"),
]


@pytest.mark.parametrize(("path", "expected"), METADATA_CASES)
def test_title_date_site_and_url(path, expected):
    got = page(path)
    assert (got.title, got.published, got.source, got.url) == expected


BODY_CASES = [
    pytest.param(COURIER, [
        "At least 12 workers were killed and 30 others injured when a fire tore through the "
        "Marlow Textiles factory in the Kestrel Bay industrial zone on Tuesday night, the "
        "regional fire service said.",
        "Eight of the injured were in critical condition at Kestrel Bay General Hospital on "
        "Wednesday morning, a hospital spokeswoman said.",
        "The factory, which employs about 400 people, makes shirts for retailers in Europe and "
        "North America. It will remain closed for at least two weeks.",
    ], 7, id="meta-tags"),
    pytest.param(WIRE, [
        "Nine workers were killed in a fire at a textile factory in Kestrel Bay on Tuesday "
        "night, the fire service said on Wednesday, lowering an earlier estimate after "
        "rescuers finished searching the upper floors.",
        "About 30 people were treated in hospital for burns and smoke inhalation. Most had "
        "been working a late shift on the second floor, where the fire began.",
    ], 5, id="json-ld"),
    pytest.param(BULLETIN, [
        "Candles were lit for each of the victims, and a minute's silence was held at 7 p.m. "
        "Organisers said about 600 people attended.",
    ], 4, id="none"),
]


@pytest.mark.parametrize(("path", "paragraphs", "count"), BODY_CASES)
def test_body_paragraphs_are_lines_of_the_text(path, paragraphs, count):
    lines = page(path).text.split("\n")
    for paragraph in paragraphs:
        assert paragraph in lines
    # The headline is the title, not the first line of the body.
    assert len(lines) == count


FURNITURE_CASES = [
    (COURIER, "Subscribe from $1 a week"),  # nav menu
    (COURIER, "Opinion"),  # nav menu
    (COURIER, "Home › Region"),  # breadcrumbs
    (COURIER, "Advertisement"),  # ad block
    (COURIER, "Summer sale"),  # ad block
    (COURIER, "free articles left"),  # script
    (COURIER, "Factory fire kills 40"),  # script
    (COURIER, "dataLayer"),  # script
    (COURIER, "We use cookies"),  # cookie banner
    (COURIER, "Accept all"),  # cookie banner
    (COURIER, "My cousin works there"),  # comment
    (COURIER, "40 people died"),  # comment
    (COURIER, "Third fire in 5 years"),  # comment
    (COURIER, "kb_resident"),  # comment author
    (COURIER, "Port strike"),  # related links
    (COURIER, "Share this article"),  # share tools
    (COURIER, "All rights reserved"),  # footer
    (COURIER, "Priya Natarajan"),  # byline
    (WIRE, "Morning Wire newsletter"),  # promo box inside the article
    (WIRE, "Markets slide 3%"),  # sidebar
    (WIRE, "Careers"),  # footer
    (WIRE, "Tags:"),  # tag list
    (BULLETIN, "Events"),  # menu
    (BULLETIN, "run by volunteers"),  # footer
]


@pytest.mark.parametrize(("path", "furniture"), FURNITURE_CASES,
                         ids=[f"{p.stem}-{text}" for p, text in FURNITURE_CASES])
def test_page_furniture_is_left_out(path, furniture):
    assert furniture not in page(path).text


def test_page_without_main_text_raises():
    with pytest.raises(NoArticleText) as caught:
        read_html(SHELL, "live.html")
    assert (str(caught.value), caught.value.path) == (SKIP_REASON, "live.html")


def test_bare_fragment_is_read():
    got = read_html("<p>Police said twelve people were hurt in the crash last night.</p>", "f.html")
    assert got.text == "Police said twelve people were hurt in the crash last night."


def test_extraction_is_deterministic():
    assert len({page(COURIER) for _ in range(3)}) == 1


# --- loading ------------------------------------------------------------------------------

def test_undated_page_loads_undated(tmp_path):
    result = load_paths([copy(tmp_path, BULLETIN) / BULLETIN.name])
    (article,) = result.articles
    assert (article.id, article.source, article.published, article.title) == (
        "community-bulletin", None, None, "Vigil held for factory workers")
    assert article.text == page(BULLETIN).text
    # Lines refer to the extracted text, not to the file.
    assert article.line_offset == 0
    assert result.warnings == ()


def test_manifest_overrides_the_page_and_the_page_fills_the_rest(tmp_path):
    folder = copy(tmp_path, COURIER, WIRE)
    (folder / "manifest.csv").write_text(
        "id,source,published,title,url\n"
        "courier-factory-fire,Harbour Courier (print),2025-03-11,,\n",
        encoding="utf-8",
    )
    result = load_paths([folder])
    got = {a.id: (a.source, a.published, a.title, a.url) for a in result.articles}
    assert got == {
        "courier-factory-fire": (
            "Harbour Courier (print)", date(2025, 3, 11),
            "At least 12 killed in Kestrel Bay textile factory fire",
            "https://www.harbourcourier.example/news/2025/03/12/kestrel-bay-factory-fire"),
        "coastal-wire-toll": (
            "Coastal Wire", date(2025, 3, 13),
            "Kestrel Bay factory fire: nine dead as inquiry opens", None),
    }
    assert result.warnings == ()


def test_manifest_given_as_path_loads_the_pages_it_lists(tmp_path):
    folder = copy(tmp_path, COURIER, WIRE)
    manifest = folder / "manifest.csv"
    manifest.write_text("id,source\ncoastal-wire-toll,Wire desk\n", encoding="utf-8")
    result = load_paths([manifest])
    assert [(a.id, a.source) for a in result.articles] == [("coastal-wire-toll", "Wire desk")]


def test_page_without_main_text_is_skipped_with_warning_and_the_rest_loads(tmp_path):
    folder = copy(tmp_path, COURIER)
    shell = folder / "live.html"
    shell.write_text(SHELL, encoding="utf-8")
    result = load_paths([folder])
    assert [a.id for a in result.articles] == ["courier-factory-fire"]
    assert result.warnings == (f"{shell}: skipped: {SKIP_REASON}",)


def test_folder_of_pages_and_text_files(tmp_path):
    folder = copy(tmp_path, COURIER, WIRE)
    shutil.copy(BULLETIN, folder / "bulletin.HTM")
    (folder / "radio.txt").write_text("---\nsource: Bay Radio\n---\n" + STORY, encoding="utf-8")
    (folder / "notes.xml").write_text("<p>not an article</p>", encoding="utf-8")
    result = load_paths([folder])
    got = [(a.id, a.source, a.published, a.line_offset) for a in result.articles]
    assert got == [
        ("bulletin", None, None, 0),
        ("coastal-wire-toll", "Coastal Wire", date(2025, 3, 13), 0),
        ("courier-factory-fire", "The Harbour Courier", date(2025, 3, 12), 0),
        ("radio", "Bay Radio", None, 3),
    ]
    assert result.articles[3].text == STORY
    assert result.warnings == ()


def test_cp1252_page_is_decoded_with_warning(tmp_path):
    html = COURIER.read_text(encoding="utf-8").replace("Okafor told", "Okafor, in a café, told")
    path = tmp_path / "old.htm"
    path.write_bytes(html.replace("›", ">").replace("©", "(c)").encode("cp1252"))
    result = load_paths([path])
    assert "Okafor, in a café, told reporters" in result.articles[0].text
    assert result.warnings == (f"{path}: not UTF-8, read as cp1252",)


def test_utf8_bom_page_loads(tmp_path):
    path = tmp_path / "bom.html"
    path.write_bytes(b"\xef\xbb\xbf" + WIRE.read_bytes())
    (article,) = load_paths([path]).articles
    assert (article.source, article.text) == ("Coastal Wire", page(WIRE).text)


# --- end to end ---------------------------------------------------------------------------

RADIO = """---
source: Bay Radio
published: 2025-03-12
---
At least nine workers were killed in the fire at the Marlow Textiles factory in Kestrel Bay, rescuers said on Wednesday.
Fire chief Daniel Okafor said the search of the upper floors would continue through the day.
"""


def test_check_two_pages_and_a_text_file_that_disagree_on_the_toll(tmp_path, monkeypatch):
    folder = copy(tmp_path / "story", COURIER, WIRE)
    (folder / "bay-radio.txt").write_text(RADIO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # no setup.cfg from elsewhere
    result = CliRunner().invoke(main, ["check", str(folder), "--format", "json"])
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["articles"] == 3
    # Bay Radio's "at least nine" and the Courier's "at least 12" the same day, and the Wire's
    # later, lower "Nine": one fact, whose falling figure makes it a conflict.
    (finding,) = report["findings"]
    sides = {c["article"]: c for v in finding["variants"] for c in v["claims"]}
    assert {key: (side["source"], side["published"], side["text"], side["line"])
            for key, side in sides.items() if key != "bay-radio"} == {
        "courier-factory-fire": ("The Harbour Courier", "2025-03-12", "At least 12", 1),
        "coastal-wire-toll": ("Coastal Wire", "2025-03-13", "Nine", 1),
    }
    assert (finding["kind"], finding["verdict"]) == ("number", "conflict")
