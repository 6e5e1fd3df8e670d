"""Property fuzzing: generated batches load, extract, gather and report without raising, and read back.

The default run tries a fixed, modest set of examples; `--hypothesis-profile=long` (or the
environment variable HYPOTHESIS_PROFILE=long) tries 10,000 fresh ones per test (tests/conftest.py).
"""

from __future__ import annotations

import csv as csvlib
import io
import json as jsonlib
import math
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from checker.config import Settings
from checker.engine import run
from checker.extract.numbers import parse_quantity
from checker.lexicon import load_quantities
from checker.normalize.date_grammar import scan
from checker.normalize.dates import parse_date_phrase
from checker.records import Quantity, Report
from checker.report import REPORTERS, github
from test_sarif import valid  # the SARIF log against the official schema

# Numbers as news writes them, and as nobody does (a hundred nines, five thousand digits).
DIGITS = st.one_of(
    st.integers(0, 10**7).map(str),
    st.integers(1000, 10**9).map("{:,}".format),
    st.floats(0, 1e4, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.integers(16, 400).map(lambda n: "9" * n),
    st.sampled_from(["5" * 5000, "1" + "0" * 308, "1" + "0" * 309, "9007199254740993", "0", "00", "1/2",
                     "2 1/2", "3½", "1,000,000,000,000,000,000"]),
)
SPELLED = st.sampled_from([
    "one", "six", "twelve", "twenty-one", "a dozen", "two dozen", "a hundred", "tens of thousands",
    "hundreds", "several", "a few", "dozens", "one million", "a trillion trillion", "nine hundred ninety-nine",
])
QUALIFIERS = st.sampled_from(["", "about ", "roughly ", "more than ", "over ", "at least ", "nearly ",
                              "almost ", "some ", "up to ", "fewer than ", "between "])
UNITS = st.sampled_from(["", " million", " billion", " trillion", " percent", "%", " km", " miles", " days",
                         "-day", " weeks", " years", " kg", " tonnes", " mph", " square kilometres", " magnitude"])
THINGS = st.sampled_from(["people died", "people were killed", "people were injured", "hostages were released",
                          "rockets were fired", "homes were destroyed", "were arrested", "in damages",
                          "soldiers", "of the vote"])


@st.composite
def figures(draw) -> str:
    """Return a phrase stating a figure: qualifier, number (or range), unit, counted thing."""
    number = draw(st.one_of(DIGITS, SPELLED))
    qualifier = draw(QUALIFIERS)
    if qualifier == "between ":
        number = f"{number} and {draw(st.one_of(DIGITS, SPELLED))}"
    elif draw(st.integers(0, 3)) == 0:
        number = f"{number}-{draw(DIGITS)}"
    money = "$" if draw(st.integers(0, 5)) == 0 else ""
    return f"{qualifier}{money}{number}{draw(UNITS)} {draw(THINGS)}"


RELATIVE = st.sampled_from([
    "yesterday", "today", "tomorrow", "last night", "last year", "next year", "this year", "last month",
    "next month", "next week", "last week", "next Monday", "last Friday", "this Sunday", "Friday", "on Wednesday",
    "late November", "early January", "mid-December", "in November", "last March", "next December",
    "6 months ago", "two days ago", "years ago", "decades ago", "a few weeks ago", "in the past week",
    "in recent years", "the next few days", "within the week", "earlier this month", "later this year",
    "over the weekend", "next weekend", "last summer", "next winter", "this winter", "the end of the year",
    "the past 24 hours", "over the last three months", "in the coming weeks", "April 19 last year",
    "December 31", "January 1", "February 29", "late last week", "the beginning of next month",
])
PARTS = st.sampled_from(["", "", "early ", "late ", "mid-", "the end of ", "the beginning of ", "late on "])
RELATIONS = st.sampled_from(["", "last ", "next ", "this ", "this past ", "this coming ", "the "])
PERIODS = st.sampled_from(["week", "month", "year", "weekend", "summer", "winter", "spring", "November",
                           "January", "Monday", "Sunday", "Friday night", "decade"])
COUNTED = st.sampled_from(["hours", "days", "weeks", "months", "years", "decades"])


@st.composite
def composed_dates(draw) -> str:
    """Return a date phrase built from parts: "late last week", "999 decades ago", "the next 12 months"."""
    count = draw(st.one_of(st.integers(0, 999).map(str), st.sampled_from(["a", "a few", "several", "two"])))
    unit = draw(COUNTED)
    return draw(st.sampled_from([
        f"{draw(PARTS)}{draw(RELATIONS)}{draw(PERIODS)}", f"{count} {unit} ago",
        f"in the past {count} {unit}", f"the next {count} {unit}", f"over the last {count} {unit}",
        f"within the {unit.rstrip('s')}", f"earlier this {unit.rstrip('s')}", f"later this {unit.rstrip('s')}",
    ]))


ABSOLUTE = st.sampled_from([
    "March 8, 2025", "8 March 2025", "2025-03-08", "in 2024", "the 1990s", "late 2024", "summer 2024",
    "the winter of 2099", "December 2099", "in 1800", "Mar. 8-10", "February 30", "the early '80s",
])
SPEAKERS = st.sampled_from(["Ali Rezaei", "Gideon Saar", "a senior U.S. official", "he", "the ministry",
                            "President Joe Biden", "Saar", "Dr. Jane Roe"])
QUOTES = st.sampled_from(["We need help now", "The death toll will rise", "Nobody was hurt",
                          "It was the worst fire in 12 years", "We will rebuild by next month. It will take time"])
TITLES = st.sampled_from([
    "President Joe Biden", "President-elect Donald Trump", "Israeli Foreign Minister Gideon Saar",
    "Finance Minister Bezalel Smotrich", "John Ging, the head of UNRWA in Gaza", "US President Donald Trump",
    "\" President", "' President", "\" President Joe Biden", "“President", "( Minister", "Prime Minister",
    "Qadura Fares, who heads the Commission of Detainees", "Mehdi iran-Nejad of the Red Crescent",
])
# What else a sentence of news holds: clock times, ages, as-of days, background years, records, zeros.
ASIDES = st.sampled_from([
    "at 7:37 a.m.", "at about 3pm on Tuesday", "at 0737 GMT (3:37 a.m. EDT)", "It took place at 7:37",
    "a 38-year-old man", "aged 38", "by Thursday the toll stood at 35", "as of Monday", "the 2004 tsunami",
    "In 2004, 230,000 people died", "one week after", "the highest since 1990", "Indianapolis (10-5)",
    "their record rose to 9-5", "no one was killed", "there were no dead or wounded", "another four people",
    "in a separate attack", "Published 12/03/2025", "Updated: 2025-03-10", "last season", "a year ago",
    "the death toll more than doubled", "three of the four soldiers", "(five of them children)",
])
NOISE = st.text(st.sampled_from("aZ09 .,;:'\"“”‘’-–—()$%/\n\t\u00a0é"), max_size=30)


@st.composite
def sentences(draw) -> str:
    """Return one generated sentence mixing a title, a figure, a date, a quote and noise."""
    parts = []
    if draw(st.integers(0, 2)) == 0:
        parts.append(draw(TITLES))
    if draw(st.booleans()):
        parts.append(draw(figures()) if draw(st.booleans()) else f"said {draw(figures())}")
    if draw(st.booleans()):
        parts.append(draw(st.one_of(RELATIVE, ABSOLUTE, composed_dates())))
    if draw(st.integers(0, 3)) == 0:
        parts.append(f"“{draw(QUOTES)},” {draw(SPEAKERS)} said")
    if draw(st.integers(0, 2)) == 0:
        parts.append(draw(ASIDES))
    if draw(st.integers(0, 4)) == 0:
        parts.append(draw(NOISE))
    if not parts:
        parts.append(draw(figures()))
    return " ".join(draw(st.permutations(parts))) + draw(st.sampled_from([".", ".", "!", "", "?\""]))


# Publication dates from year 1 to 9999, the calendar's edges most often, and some that are no dates.
EDGES = [date(1, 1, 1), date(1, 1, 2), date(1, 1, 7), date(1, 2, 28), date(1, 12, 31), date(2, 1, 1),
         date(9998, 12, 31), date(9999, 1, 1), date(9999, 12, 1), date(9999, 12, 25), date(9999, 12, 31)]
DAYS = st.one_of(st.sampled_from(EDGES), st.dates())
PUBLISHED = st.one_of(DAYS.map(date.isoformat),
                      st.sampled_from(["", "2025-03-10", "2025-02-29", "not a date", "10000-01-01", "0000-01-01",
                                       "2025-03-10T23:59:59+14:00"]))
SOURCES = st.sampled_from(["Reuters", "AP", "BBC", "", "Le Monde", "'quoted'"])
HEADLINES = st.sampled_from(["Quake hits Qeshm", "", 'A "quoted" title', "Five hurt: 12 dead"])


@st.composite
def bodies(draw) -> str:
    """Return an article's text: generated sentences in lines and paragraphs."""
    lines = [" ".join(draw(st.lists(sentences(), min_size=1, max_size=3))) for _ in range(draw(st.integers(1, 5)))]
    return draw(st.sampled_from(["\n", "\n\n"])).join(lines)


@st.composite
def metadata(draw) -> dict[str, str]:
    """Return an article's metadata: a publication date (or none), maybe a source and a title."""
    meta = {"published": draw(PUBLISHED)} if draw(st.integers(0, 4)) else {}
    if draw(st.booleans()):
        meta["source"] = draw(SOURCES)
    if draw(st.booleans()):
        meta["title"] = draw(HEADLINES)
    return meta


def front_matter(meta: dict[str, str], body: str) -> str:
    """Return a text file: the metadata as a front-matter block, then the body."""
    if not meta:
        return body
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in meta.items()) + "---\n" + body


def table(rows: list[tuple[dict[str, str], str]], jsonl: bool) -> str:
    """Return an article table (JSONL or CSV) holding one row per article."""
    records = [{"id": f"row{i}", **meta, "text": body} for i, (meta, body) in enumerate(rows)]
    if jsonl:
        return "".join(jsonlib.dumps(record) + "\n" for record in records)
    out = io.StringIO()
    writer = csvlib.DictWriter(out, ["id", "published", "source", "title", "text"])
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


@st.composite
def batches(draw) -> dict[str, bytes]:
    """Return the files of a batch (name -> bytes): text files with front matter or a manifest, or one
    article table. Articles of a batch share sentences, so that there are facts to gather and dispute."""
    shared = " ".join(draw(st.lists(sentences(), max_size=3)))
    rows = [(draw(metadata()), f"{draw(bodies())} {shared}") for _ in range(draw(st.integers(1, 4)))]
    layout = draw(st.sampled_from(["front matter", "front matter", "manifest", "jsonl", "csv"]))
    if layout in ("jsonl", "csv"):
        return {f"articles.{layout}": table(rows, layout == "jsonl").encode("utf-8")}
    files: dict[str, str] = {}
    for index, (meta, body) in enumerate(rows):
        name = f"article{index}{draw(st.sampled_from(['.txt', '.md']))}"
        files[name] = front_matter(meta, body) if layout == "front matter" else body
    if layout == "manifest":
        listed = [{"id": name.split(".")[0], **meta} for name, (meta, _) in zip(files, rows)]
        out = io.StringIO()
        writer = csvlib.DictWriter(out, ["id", "published", "source", "title"])
        writer.writeheader()
        writer.writerows(listed)
        files["manifest.csv"] = out.getvalue()
    newline = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "", "\ufeff"]))
    return {name: (bom + text.replace("\n", newline)).encode("utf-8") for name, text in files.items()}


def checked(files: dict[str, bytes]) -> Report:
    """Write the files into a fresh folder and check it as one batch."""
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            Path(folder, name).write_bytes(data)
        return run([folder], Settings())


def assert_claims_inside(report: Report) -> None:
    """Every claim lies in its sentence, and every sentence is the slice of its article it says."""
    texts = {article.id: article.text for article in report.articles}
    for claim in report.claims:
        sentence, text = claim.sentence, texts[claim.article_id]
        assert text[sentence.start:sentence.end] == sentence.text, claim
        # A quotation opens in its claim's sentence and may run on over the next ones (extract/quotes.py).
        end = len(text) if claim.kind == "attribution" else sentence.end
        assert sentence.start <= claim.start <= claim.end <= end, claim
        assert text[claim.start:claim.end] == claim.text, claim


def assert_ordered(report: Report) -> None:
    """Every interval runs from low to high; a date is a span of days the calendar holds, or unresolved."""
    for claim in report.claims:
        if isinstance(claim.value, Quantity):
            assert_interval(claim.value)


def assert_interval(value: Quantity) -> None:
    """A quantity's interval is ordered and holds numbers; a date's holds days or nothing known."""
    lo, hi = value.interval.lo, value.interval.hi
    assert lo <= hi, value  # also false when either bound is NaN
    if value.dimension == "date" and (lo, hi) != (-math.inf, math.inf):
        assert date.fromordinal(int(lo)) <= date.fromordinal(int(hi)), value


def assert_parses(report: Report) -> None:
    """Every reporter renders, and the machine formats read back."""
    out = {name: render(report) for name, render in REPORTERS.items()}
    document = jsonlib.loads(out["json"])
    assert (len(document["findings"]), len(document["agreed"])) == (len(report.findings), len(report.agreed))
    assert len(valid(out["sarif"])["runs"][0]["results"]) == len(report.findings)
    assert out["csv"].startswith("\ufeff")
    rows = list(csvlib.reader(io.StringIO(out["csv"][1:], newline="")))
    assert rows and all(len(row) == len(rows[0]) for row in rows)
    assert len(rows) == len(report.findings) + 1
    # One line per annotated finding and the summary, and one per finding over the step's limits.
    shown, rest = github.ranked(report)
    lines = out["github"].splitlines()
    annotations = [line for line in lines if line.startswith(("::error", "::warning", "::notice"))]
    assert len(annotations) == len(shown) + 1
    assert len(lines) == len(annotations) + (len(rest) + 2 if rest else 0)


@given(batches())
def test_a_generated_batch_is_checked_and_reported(files):
    report = checked(files)
    assert report.articles
    assert_claims_inside(report)
    assert_ordered(report)
    assert_parses(report)


# Phrases that name no day: February 29 with no leap year next to the reference, "the next 0 days".
NO_DAY = ("February 29", "February 30", "the next 0 ")


@given(st.one_of(RELATIVE, ABSOLUTE, composed_dates()), DAYS, st.booleans())
def test_a_date_phrase_resolves_or_says_why_not(phrase, published, future):
    value = parse_date_phrase(f"It happened {phrase}.", published, future)
    if value is None:  # no date in the words, or a day or span that is no day at all
        assert not scan(f"It happened {phrase}.") or phrase.startswith(NO_DAY)
    elif value.first is None:
        assert value.last is None and value.relative and value.reason
    else:
        assert value.first <= value.last and not value.reason


QUANTITIES = load_quantities(Settings().rules)


@given(figures())
def test_a_figure_is_an_ordered_interval_or_no_claim(phrase):
    quantity = parse_quantity(phrase, QUANTITIES)
    if quantity is not None:
        assert_interval(quantity)
        assert "nan" not in quantity.display.lower()


# The crash reproducers (tests/test_fuzz_*.py hold one table per family) as whole batches of two articles.
# (published, text, the claims' kinds and values)
REPRODUCERS = [
    ("0001-01-01", "The fire started yesterday.", [("date", "unresolved: yesterday (“yesterday”)")]),
    ("9999-12-31", "The summit will be held next month.", [("date", "unresolved: next month (“next month”)")]),
    ("2025-03-10", "Roughly " + "9" * 100 + " people died.", []),
    ("2025-03-10", '" President Joe Biden said 12 people died.',
     [("role", "Joe Biden “President”"), ("number", "12")]),
]


@pytest.mark.parametrize("published, text, claims", REPRODUCERS, ids=lambda v: v[:30] if isinstance(v, str) else None)
def test_a_reproducer_batch_is_checked(tmp_path, published, text, claims):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"---\npublished: {published}\n---\n{text}\n", encoding="utf-8")
    report = run([str(tmp_path)], Settings())
    assert_parses(report)
    found = [(c.kind, c.value.display) for c in report.claims if c.article_id == "a"]
    assert sorted(found) == sorted(claims)
    dates = [c.value.interval for c in report.claims if c.kind == "date"]
    assert all((i.lo, i.hi) == (-math.inf, math.inf) for i in dates)  # unresolved: never compared
