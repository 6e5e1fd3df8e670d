"""Reported speech without quotation marks: tables of article text -> (statement, speaker, kind)."""

from __future__ import annotations

import pytest

from checker.clean import clean, load_boilerplate
from checker.extract.paraphrase import find_paraphrases
from checker.extract.people_claims import people_claims
from checker.records import Article
from checker.sentences import split_sentences

BOILERPLATE = load_boilerplate()


def sentences_of(text: str):
    article = Article(id="t", path="t.txt", text=text + "\n")
    return article, split_sentences(article, clean(article, BOILERPLATE), BOILERPLATE.abbreviations)


def triples(text: str):
    """Return the article's paraphrases, checking their spans on the way."""
    article, sentences = sentences_of(text)
    found = find_paraphrases(sentences, article.text)
    for quote in found:
        assert article.text[quote.start : quote.end] == quote.text
        assert quote.paraphrase
    return [(q.text, q.speaker, q.speaker_kind) for q in found]


CASES = [
    # "<statement>, <speaker> said."
    ("Deputies chased him for 30 miles before he finally pulled over, Genesee County Sheriff Robert Pickell said.",
     [("Deputies chased him for 30 miles before he finally pulled over", "Robert Pickell", "person")]),
    ("A man was arrested after a high-speed chase on the interstate, the police said.",
     [("A man was arrested after a high-speed chase on the interstate", "the police", "organization")]),
    ("The shotgun was loaded with buckshot that held nine pellets, police said on Tuesday.",
     [("The shotgun was loaded with buckshot that held nine pellets", "police", "organization")]),
    ("Injured people had been brought from several villages in two trucks, Ema Suryani told AFP.",
     [("Injured people had been brought from several villages in two trucks", "Ema Suryani", "person")]),
    # an agency's report is its statement
    ("The quake destroyed walls of several houses in the village of Dargahan, ISNA reported.",
     [("The quake destroyed walls of several houses in the village of Dargahan", "ISNA", "organization")]),
    # "<statement>, said <speaker>."
    ("The school was clearly marked with a UN flag, said John Ging, the head of UNRWA in Gaza.",
     [("The school was clearly marked with a UN flag", "John Ging", "person")]),
    ("Many houses in the village were damaged by the quake, said a local official.",
     [("Many houses in the village were damaged by the quake", "a local official", "anonymous")]),
    # "<speaker> said (that) <statement>."
    ("Troy Police Chief Charles Craft said that the gunman had been fired four days earlier.",
     [("the gunman had been fired four days earlier", "Charles Craft", "person")]),
    ("Sheriff Robert Pickell said on Monday that the suspect had surrendered without a struggle.",
     [("the suspect had surrendered without a struggle", "Robert Pickell", "person")]),
    ("Police said the shotgun was bought at a store the day after the firing.",
     [("the shotgun was bought at a store the day after the firing", "Police", "organization")]),
    ("Ema Suryani told AFP that injured people had been brought in two trucks.",
     [("injured people had been brought in two trucks", "Ema Suryani", "person")]),
    # "<statement>, according to <speaker>." and "According to <speaker>, <statement>."
    ("The epicenter was 55 kilometers west of the town of Bireun, according to the US Geological Survey.",
     [("The epicenter was 55 kilometers west of the town of Bireun", "US Geological Survey", "organization")]),
    ("According to the US Geological Survey, the quake hit at a depth of 10 kilometers.",
     [("the quake hit at a depth of 10 kilometers", "US Geological Survey", "organization")]),
    # Speakers resolve through the article: surname -> full name, pronoun -> last person named.
    ("Lt. Gerry Scherlinck leads the inquiry. The man was armed with a long gun and fled north, Scherlinck said.",
     [("The man was armed with a long gun and fled north", "Gerry Scherlinck", "person")]),
]

NON_CASES = [
    # a pronoun speaker without quotation marks: too weak a guess to compare
    ("Sutopo Purwo Nugroho visited Takengon on Tuesday. "
     "Five people had so far been confirmed dead in the quake, he said."),
    "The gunman fled north on the interstate toward Flint, he said.",
    # quoted: quotes.py reads it, whole or across sentences
    "“We chased him for 30 miles before he finally pulled over,” Pickell said.",
    "“It started at ten. Police said the gunman walked in with a shotgun and opened fire. We ran,” Adgate said.",
    "The families requested 'total privacy' and the hospital would not release any details, Wolfe said.",
    "He was arrested, police said.",  # too short to identify a statement
    "Why did the gunman return to the office where he once worked, police said?",  # a question
    "Gunman kills one at suburban Detroit office, police say",  # a headline
    "The building was evacuated after police said a gunman was inside the office.",  # not the sentence's speaker
    "The chase lasted fifteen minutes across the county, Pickell said, adding that nobody was hurt.",
    "Mr Gunness denied that militants were inside the school compound at the time.",  # not a neutral verb
    "The ministry said in a statement the talks would resume next week in Cairo.",  # where does it start?
    "Anthony LaCalamita said nothing after officers surrounded him on the highway, Pickell said, describing him.",
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_paraphrase(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize("text", NON_CASES, ids=[t[:40] for t in NON_CASES])
def test_not_a_paraphrase(text):
    assert triples(text) == []


def test_paraphrases_become_attribution_claims_and_unknown_speakers_do_not():
    article, sentences = sentences_of(
        "Deputies chased him for 30 miles before he pulled over, Sheriff Robert Pickell said. "
        "The gunman fled north on the interstate toward Flint, he was told."
    )
    claims = [c for c in people_claims(sentences, article.text) if c.kind == "attribution"]
    assert [(c.text, c.value.name, c.value.kind) for c in claims] == [
        ("Deputies chased him for 30 miles before he pulled over", "Robert Pickell", "person")]


def test_organization_speakers_are_spelled_one_way():
    article, sentences = sentences_of(
        "The epicenter was 55 kilometers west of the town of Bireun, according to the U.S. Geological Survey.")
    (claim,) = [c for c in people_claims(sentences, article.text) if c.kind == "attribution"]
    assert (claim.value.name, claim.value.display) == ("US Geological Survey", "U.S. Geological Survey")
