"""Cleaning: which lines of an article are page furniture, repeats or teasers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.clean import Boilerplate, clean, load_boilerplate
from checker.errors import RulesError
from checker.records import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BOILERPLATE = load_boilerplate()

# Seed stem -> the non-blank lines (1-based number, stripped text) that clean() drops.
DROPPED = {
    "000_023b3080a9bdff93": {},
    "001_7b3e867becc97f63": {},
    "002_ef535aa6210ec6b1": {},
    "003_185e050c5a66e2f5": {
        1: "The Daily Guardian",
        2: "• Home/",
        3: "• Middle East/",
        4: "• Hamas Seeks War’s End As Ceasefire Talks Resurface Amid US Pressure On Israel",
        10: "Advertisement · Scroll to continue",
        11: "Advertisement · Scroll to continue",
        12: "Hamas Seeks War’s End As Ceasefire Talks Resurface Amid US Pressure On Israel",
    },
    "004_9a07cf7cf3b6c353": {
        3: "Negotiations for a ceasefire between Israel and Hamas are intensifying in Doha, Qatar,"
        " as both sides seek to establish an agreement amidst escalating violence. In the past"
        " week alone, at least 15 Israeli soldiers have been reported killed in northern Gaza,"
        " according to the Israeli military. As the situation remains precarious, both Hamas"
        " officials and…",
        5: "Liam Avatar",
        7: "By",
        9: "Ceasefire Talks Advance as Tensions Mount in Gaza Conflict",
        33: "Liam Avatar",
    },
}


def article(text: str, title: str | None = None) -> Article:
    return Article(id="t", path="t.txt", text=text, title=title)


def kept_lines(art: Article, boilerplate: Boilerplate = BOILERPLATE) -> list[str]:
    return [art.text[s:e] for s, e in clean(art, boilerplate)]


def seed(stem: str) -> Article:
    p = SEEDS / f"{stem}.txt"
    return Article(id=stem, path=str(p), text=p.read_text(encoding="utf-8"))


def test_every_seed_has_an_expectation():
    assert sorted(p.stem for p in SEEDS.glob("*.txt")) == sorted(DROPPED)


@pytest.mark.parametrize("stem", sorted(DROPPED))
def test_seed_drops_exactly_the_furniture(stem):
    art = seed(stem)
    segments = clean(art, BOILERPLATE)
    kept = {art.text.count("\n", 0, s) + 1 for s, _ in segments}
    lines = art.text.split("\n")
    dropped = {n: line.strip() for n, line in enumerate(lines, 1) if line.strip() and n not in kept}
    assert dropped == DROPPED[stem]
    # Segments are whole stripped lines, in order, and the text is untouched.
    assert segments == sorted(segments)
    for s, e in segments:
        line = lines[art.text.count("\n", 0, s)]
        assert art.text[s:e] == line.strip()


def test_repeated_paragraph_of_seed_004_is_kept_once():
    art = seed("004_9a07cf7cf3b6c353")
    lead = "Negotiations for a ceasefire between Israel and Hamas are intensifying"
    assert art.text.count(lead) == 2
    kept = [line for line in kept_lines(art) if line.startswith(lead)]
    assert len(kept) == 1
    assert kept[0].endswith("could potentially reshape the conflict’s landscape.")
    assert kept_lines(art).count("Ceasefire Talks Advance as Tensions Mount in Gaza Conflict") == 1


FURNITURE = [
    "Advertisement",
    "ADVERTISEMENT",
    "Advertisement · Scroll to continue",
    "Scroll to continue",
    "Story continues below advertisement",
    "By",
    "By Robert J. Pickell",
    "By Jane Doe and John Smith",
    "Liam Avatar",
    "• Home/",
    "Middle East/",
    "Home › World › Middle East",
    "» World",
    "Share this article",
    "Read more: Gaza death toll rises",
    "Click here to subscribe",
    "Sign up for our daily newsletter",
    "(Sources pending)",
    "The Daily Guardian",
    "The New York Times",
    "Published April 11, 2007",
    "Updated: July 2, 2013 15:01 IST",
    "July 03, 2013 6:22AM",
    "on Apr 12 2007",
    "AFP, Tuesday 2 Jul 2013",
    "Copyright 2024 Reuters. All rights reserved.",
    "(Reporting by Jane Doe; Editing by John Smith)",
]

NOT_FURNITURE = [
    "Humanitarian Crisis in Gaza",
    "Update: A Temporary Truce and Hope for Progress",
    "Conclusion",
    "FAQ",
    "Q: How many casualties have there been?",
    "By Sunday, 15 soldiers had been killed, the army said.",
    "By the numbers",
    "• 15 people were killed in the strike.",
    "Published figures show 40 people died.",
    "July 3, 2013 was the deadliest day.",
    "On July 2, 2013 the quake struck.",
    "Jerusalem/Gaza City – Efforts to broker a truce have stalled.",
    "The advertisement ran in 40 newspapers.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_line_is_dropped(line):
    kept = kept_lines(article(f"Body text.\n  {line}  \nMore text."))
    assert kept == ["Body text.", "More text."]


@pytest.mark.parametrize("line", NOT_FURNITURE)
def test_story_line_is_kept(line):
    kept = kept_lines(article(f"Body text.\n{line}\nMore text."))
    assert kept == ["Body text.", line, "More text."]


def test_repeated_lead_is_kept_once_ignoring_case_and_spacing():
    text = "Headline Here\nThe lead paragraph, 15 killed.\n\nThe  lead paragraph, 15 KILLED.\nMore."
    assert kept_lines(article(text)) == ["Headline Here", "The lead paragraph, 15 killed.", "More."]


def test_title_line_is_dropped_only_when_title_is_given():
    text = "Ceasefire Talks Advance\nBody text."
    assert kept_lines(article(text, title="Ceasefire  talks advance")) == ["Body text."]
    assert kept_lines(article(text)) == ["Ceasefire Talks Advance", "Body text."]


def test_teaser_is_dropped_before_or_after_its_full_paragraph():
    full = "Negotiations for a ceasefire are intensifying in Doha, with 15 soldiers killed."
    for teaser in ("Negotiations for a ceasefire are in…", "Negotiations for a ceasefire ..."):
        assert kept_lines(article(f"{teaser}\n{full}")) == [full]
        assert kept_lines(article(f"{full}\n{teaser}")) == [full]


def test_short_or_unmatched_ellipsis_lines_are_kept():
    text = "Wait for it…\nWait for it, they said.\nThe talks stalled and…\nSomething else."
    assert kept_lines(article(text)) == text.split("\n")


def test_segments_are_stripped_offsets_into_the_untouched_text():
    text = "  Body one.\r\n\n\tBody two.  "
    art = article(text)
    assert clean(art, BOILERPLATE) == [(2, 11), (15, 24)]
    assert kept_lines(art) == ["Body one.", "Body two."]


def test_custom_pattern_file(tmp_path):
    rules = tmp_path / "boilerplate.toml"
    rules.write_text("# custom\nline_patterns = ['promo:.*', 'ADVERT']\nabbreviations = ['Xyz.']\n")
    boilerplate = load_boilerplate(rules)
    assert boilerplate.abbreviations == frozenset({"Xyz"})
    assert all(p.flags & re.IGNORECASE for p in boilerplate.line_patterns)
    text = "PROMO: buy now\nadvert\nAdvertisement\nStory."
    assert kept_lines(article(text), boilerplate) == ["Advertisement", "Story."]


def test_default_rules_file_loads():
    assert {"Mr", "Lt", "U.S", "a.m", "Inc"} <= BOILERPLATE.abbreviations
    assert load_boilerplate(None) == BOILERPLATE


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("line_patterns = ['(unclosed']", "(unclosed"),
        ("line_patterns = [", "not valid TOML"),
        ("line_patterns = 'Advertisement'", "line_patterns"),
        ("abbreviations = [1, 2]", "abbreviations"),
        ("line_pattern = ['Advertisement']", "unknown key"),
    ],
)
def test_bad_rules_file_raises_rules_error(tmp_path, content, message):
    rules = tmp_path / "bad.toml"
    rules.write_text(content)
    with pytest.raises(RulesError, match=re.escape(message)):
        load_boilerplate(rules)


def test_missing_rules_file_raises_rules_error(tmp_path):
    with pytest.raises(RulesError, match="cannot read"):
        load_boilerplate(tmp_path / "missing.toml")
