"""Sentence splitting: tables of text -> expected sentences, spans and line numbers."""

from __future__ import annotations

import pytest

from checker.clean import load_boilerplate
from checker.records import Article
from checker.sentences import split_sentences

ABBREVIATIONS = load_boilerplate().abbreviations


def line_segments(text: str) -> list[tuple[int, int]]:
    """Return one segment per line (blank lines included; they yield nothing)."""
    segments, pos = [], 0
    for line in text.split("\n"):
        segments.append((pos, pos + len(line)))
        pos += len(line) + 1
    return segments


def split(text: str, line_offset: int = 0):
    article = Article(id="a", path="a.txt", text=text, line_offset=line_offset)
    return split_sentences(article, line_segments(text), ABBREVIATIONS)


CASES = [
    ("Hamas said it is ready. Israel disagreed.", ["Hamas said it is ready.", "Israel disagreed."]),
    (
        "The proposal was made months ago by U.S. President Joe Biden. Talks resumed.",
        ["The proposal was made months ago by U.S. President Joe Biden.", "Talks resumed."],
    ),
    (
        "The U.N. Security Council met on Monday. It adjourned.",
        ["The U.N. Security Council met on Monday.", "It adjourned."],
    ),
    (
        "Mr. LaCalamita was fired. He had worked there for years.",
        ["Mr. LaCalamita was fired.", "He had worked there for years."],
    ),
    (
        "Troy police Lt. Gerry Scherlinck said the gun was loaded.",
        ["Troy police Lt. Gerry Scherlinck said the gun was loaded."],
    ),
    (
        "Genesee County Sheriff Robert J. Pickell said he pulled over.",
        ["Genesee County Sheriff Robert J. Pickell said he pulled over."],
    ),
    (
        "The books of J.R.R. Tolkien sold 150 million copies.",
        ["The books of J.R.R. Tolkien sold 150 million copies."],
    ),
    (
        "A 5.6 magnitude earthquake hit the island. Five people were hurt.",
        ["A 5.6 magnitude earthquake hit the island.", "Five people were hurt."],
    ),
    ("The quake struck at 3.45pm local time.", ["The quake struck at 3.45pm local time."]),
    ("He arrived at 10 a.m. Monday and left.", ["He arrived at 10 a.m. Monday and left."]),
    (
        "The shooting began at 10 a.m. The police said three people were shot.",
        ["The shooting began at 10 a.m.", "The police said three people were shot."],
    ),
    (
        "The weapons were made in the U.S. He said so himself.",
        ["The weapons were made in the U.S.", "He said so himself."],
    ),
    ("Talks stalled... Then they resumed.", ["Talks stalled...", "Then they resumed."]),
    ("Talks stalled… and then resumed.", ["Talks stalled… and then resumed."]),
    (
        "Both Hamas officials and…",
        ["Both Hamas officials and…"],
    ),
    (
        "“We are working tirelessly,” Blinken said. “Hostages remain a top priority.”",
        ["“We are working tirelessly,” Blinken said.", "“Hostages remain a top priority.”"],
    ),
    (
        '"Israel wants a hostage deal," Saar emphasized. "Israel is working with friends."',
        ['"Israel wants a hostage deal," Saar emphasized.', '"Israel is working with friends."'],
    ),
    (
        "“Everything will be reduced to dust.” Officials denied it.",
        ["“Everything will be reduced to dust.”", "Officials denied it."],
    ),
    (
        "Q: How many casualties have there been?\n\nA: Over 20,000 people, officials said.",
        ["Q: How many casualties have there been?", "A: Over 20,000 people, officials said."],
    ),
    (
        "Is a deal close? Officials think so! Talks resume Monday.",
        ["Is a deal close?", "Officials think so!", "Talks resume Monday."],
    ),
    ('"Why?" he asked. Nobody answered.', ['"Why?" he asked.', "Nobody answered."]),
    (
        "Dr. Smith and Gen. Halevi met at St. Mary's hospital.",
        ["Dr. Smith and Gen. Halevi met at St. Mary's hospital."],
    ),
    (
        "Gordon Advisors Inc. The firm declined to comment.",
        ["Gordon Advisors Inc.", "The firm declined to comment."],
    ),
    (
        "Prices rose 3.2 percent in Jan. 2024, the data showed.",
        ["Prices rose 3.2 percent in Jan. 2024, the data showed."],
    ),
    ("He was ranked No. 1 in the world.", ["He was ranked No. 1 in the world."]),
    ("The vote was 52-48. 15 abstained.", ["The vote was 52-48.", "15 abstained."]),
    (
        "Israel freed prisoners (about 240 in all). Hamas freed hostages.",
        ["Israel freed prisoners (about 240 in all).", "Hamas freed hostages."],
    ),
    (
        "(The figures were disputed.) Officials declined to comment.",
        ["(The figures were disputed.)", "Officials declined to comment."],
    ),
    (
        "Weapons, e.g. rockets and mortars, were found. Smith et al. agreed.",
        ["Weapons, e.g. rockets and mortars, were found.", "Smith et al. agreed."],
    ),
    ("He said: “It’s over.” Then he left.", ["He said: “It’s over.”", "Then he left."]),
    ("It ended.\tThe talks resumed.", ["It ended.", "The talks resumed."]),
    (
        "Police\u00a0Lt.\u00a0Gerry Scherlinck said so. He left.",
        ["Police\u00a0Lt.\u00a0Gerry Scherlinck said so.", "He left."],
    ),
    ("  Leading and trailing space.   ", ["Leading and trailing space."]),
    ("", []),
    ("   \n\t\n", []),
    (
        "A sentence never crosses a line\nThe next line is another segment.",
        ["A sentence never crosses a line", "The next line is another segment."],
    ),
    ("Humanitarian Crisis in Gaza", ["Humanitarian Crisis in Gaza"]),
    ("1. Israel will withdraw 300 meters.", ["1. Israel will withdraw 300 meters."]),
    ("Troops left in 2023. 15 returned.", ["Troops left in 2023.", "15 returned."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split(text, expected):
    sentences = split(text)
    assert [s.text for s in sentences] == expected
    for i, s in enumerate(sentences):
        assert s.index == i
        assert s.article_id == "a"
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()


def test_line_numbers_count_from_the_file_with_line_offset():
    text = "Headline\n\nFirst one. Second one.\n  Third one.  \n"
    article = Article(id="x", path="x.txt", text=text, line_offset=3)
    sentences = split_sentences(article, line_segments(text), ABBREVIATIONS)
    assert [(s.text, s.line) for s in sentences] == [
        ("Headline", 4),
        ("First one.", 6),
        ("Second one.", 6),
        ("Third one.", 7),
    ]
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_only_the_given_segments_are_split():
    text = "Advertisement\nKept one. Kept two.\nSkipped line."
    article = Article(id="x", path="x.txt", text=text)
    start = text.index("Kept")
    sentences = split_sentences(article, [(start, text.index("\nSkipped"))], ABBREVIATIONS)
    got = [(s.text, s.line, s.index) for s in sentences]
    assert got == [("Kept one.", 2, 0), ("Kept two.", 2, 1)]


def test_abbreviations_may_be_given_with_or_without_the_dot():
    text = "Talks with Foo Bros. The end."
    article = Article(id="x", path="x.txt", text=text)
    for abbreviations in (frozenset({"Bros"}), frozenset({"Bros."})):
        sentences = split_sentences(article, [(0, len(text))], abbreviations)
        assert [s.text for s in sentences] == ["Talks with Foo Bros.", "The end."]
    text2 = "Talks with Foo Bros. Holdings went well."
    article2 = Article(id="x", path="x.txt", text=text2)
    sentences = split_sentences(article2, [(0, len(text2))], frozenset({"Bros"}))
    assert [s.text for s in sentences] == [text2]
