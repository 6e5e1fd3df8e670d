"""Direct quotes and their speakers: tables of article text -> (quote, speaker, kind)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.clean import clean, load_boilerplate
from checker.extract.quotes import find_quotes
from checker.loader import load_paths
from checker.records import Article
from checker.sentences import split_sentences
from conftest import SHARED

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DEV = SHARED / "corpus" / "dev"
BOILERPLATE = load_boilerplate()


def quotes_of(article: Article):
    """Return the article's quotes, checking spans and the text-less call on the way."""
    sentences = split_sentences(article, clean(article, BOILERPLATE), BOILERPLATE.abbreviations)
    found = find_quotes(sentences, article.text)
    for quote in found:
        assert article.text[quote.start : quote.end] == quote.text
        sentence = sentences[quote.sentence_index]
        assert sentence.start <= quote.start < sentence.end
        assert not quote.paraphrase
    # Rebuilt from the sentences alone, the spans agree when sentences are space-separated.
    assert [(q.start, q.end, q.speaker) for q in find_quotes(sentences)] == [(q.start, q.end, q.speaker) for q in found]
    return found


def triples(article: Article):
    return [(q.text, q.speaker, q.speaker_kind) for q in quotes_of(article)]


def article(text: str) -> Article:
    return Article(id="t", path="t.txt", text=text)


def load(path: Path) -> Article:
    return load_paths([path]).articles[0]


# Every quote in the five seeds, in order.
SEED_QUOTES = {
    "000_023b3080a9bdff93": [("terror targets", "Israel", "organization")],
    "001_7b3e867becc97f63": [],
    "002_ef535aa6210ec6b1": [
        ("We are working tirelessly to achieve a ceasefire that ensures the safety and security of all civilians",
         "Antony Blinken", "person"),
        ("The release of hostages remains a top priority.", "Antony Blinken", "person"),
        ("We are closer to a potential truce than we’ve been in weeks, but significant hurdles remain",
         "a senior U.S. official", "anonymous"),
        ("Netanyahu wants an even bigger war, not peace", "a Hamas spokesperson", "anonymous"),
        ("We will not agree to any truce that compromises our right to defend our people",
         "an Israeli government official", "anonymous"),
    ],
    "003_185e050c5a66e2f5": [
        ("bridge gaps", "Hamas", "organization"),
        ("there will be no Hamas", "Benjamin Netanyahu", "person"),
        ("We’ll destroy Gaza City and the central camps like we did with Rafah", "a top Israeli official", "anonymous"),
        ("Everything will be reduced to dust.", "a top Israeli official", "anonymous"),
    ],
    "004_9a07cf7cf3b6c353": [
        ("catastrophe", "Bezalel Smotrich", "person"),
        ("inching closer to a potential deal", "Jake Sullivan", "person"),
        ("progress was made.", "Gideon Saar", "person"),
        ("there has been significant progress made.", "Jon Finer", "person"),
        ("fundamentally, we believe there is progress being made. There is a deal on the table that Hamas should accept.",
         "Jon Finer", "person"),
        ("red lines", "A group of ten members from Netanyahu's Likud party", "anonymous"),
        ("Israel wants a hostage deal", "Gideon Saar", "person"),
        ("Israel is working with our American friends in order to achieve a hostage deal, and soon we will know "
         "whether the other side wants the same thing.", "Gideon Saar", "person"),
    ],
}
SEED_CASES = [
    pytest.param(stem, n, expected, id=f"{stem[:3]}-{n}")
    for stem, quotes in SEED_QUOTES.items()
    for n, expected in enumerate(quotes)
]


@pytest.mark.parametrize("stem", sorted(SEED_QUOTES))
def test_seed_finds_exactly_its_quotes(stem):
    assert triples(load(SEEDS / f"{stem}.txt")) == SEED_QUOTES[stem]


@pytest.mark.parametrize("stem, n, expected", SEED_CASES)
def test_seed_quote(stem, n, expected):
    assert triples(load(SEEDS / f"{stem}.txt"))[n] == expected


def test_seed_speaker_words():
    words = {q.text: q.speaker_text for q in quotes_of(load(SEEDS / "004_9a07cf7cf3b6c353.txt"))}
    assert words["Israel wants a hostage deal"] == "Saar"
    assert words["inching closer to a potential deal"] == "He"
    assert words["catastrophe"] == "Israeli Finance Minister Bezalel Smotrich"
    assert words["red lines"] == "They"
    assert words["Israel is working with our American friends in order to achieve a hostage deal, and soon we "
                 "will know whether the other side wants the same thing."] == ""


# Short texts -> every quote they hold, as (text, speaker, kind).
CASES = [
    pytest.param(
        'Genesee County Undersheriff James Gage said he pulled over.\n'
        '"He probably realized if he didn\'t, he was going to be shot," Gage said.',
        [("He probably realized if he didn't, he was going to be shot", "James Gage", "person")],
        id="title-stripped-surname-resolved",
    ),
    pytest.param(
        '"I\'m not positive all three of the people were targeted," Troy Police Chief Charles Craft said.',
        [("I'm not positive all three of the people were targeted", "Charles Craft", "person")],
        id="police-chief-title",
    ),
    pytest.param(
        '“So far only the collapse of walls of houses has been reported,” Qeshm Governor Mehdi Irannejad told ISNA news agency.',
        [("So far only the collapse of walls of houses has been reported", "Mehdi Irannejad", "person")],
        id="governor-told-agency",
    ),
    pytest.param(
        '"A child died when a wall collapsed," Ema Suryani, a doctor at a health clinic in Lampahan city, '
        'Bener Meriah district, told AFP.',
        [("A child died when a wall collapsed", "Ema Suryani", "person")],
        id="apposition-told-afp",
    ),
    pytest.param(
        '"I see many houses were damaged," said Bensu Elianita, a 22-year-old resident.',
        [("I see many houses were damaged", "Bensu Elianita", "person")],
        id="said-name-apposition",
    ),
    pytest.param(
        "UNRWA spokesman Christopher Gunness said the schools were marked.\n"
        "“We are 99.9 per cent sure that there were no militants,” Mr Gunness said.",
        [("We are 99.9 per cent sure that there were no militants", "Christopher Gunness", "person")],
        id="mr-surname",
    ),
    pytest.param(
        "Police said they had located Anthony LaCalamita, 38, of Troy.\n"
        '"I did not mean it," Mr. LaCalamita told the court.',
        [("I did not mean it", "Anthony LaCalamita", "person")],
        id="mr-dot-surname",
    ),
    pytest.param(
        "Genesee County Sheriff Robert J. Pickell said the chase was short.\n"
        'The suspect surrendered "peacefully and without incident," Pickell said.',
        [("peacefully and without incident", "Robert J. Pickell", "person")],
        id="initial-kept",
    ),
    pytest.param(
        "“There's nowhere safe in Gaza,” said John Ging, the head of UNRWA in Gaza, after the first school was hit.\n"
        "“Everyone here is terrorized and traumatized.”",
        [("There's nowhere safe in Gaza", "John Ging", "person"),
         ("Everyone here is terrorized and traumatized.", "John Ging", "person")],
        id="next-sentence-continues",
    ),
    pytest.param(
        "Secretary of State Antony Blinken spoke in Doha.\n"
        '"We are working hard," Blinken said. "Nothing is agreed until everything is agreed.\n'
        '"The hostages must come home."',
        [("We are working hard", "Antony Blinken", "person"),
         ("Nothing is agreed until everything is agreed.", "Antony Blinken", "person"),
         ("The hostages must come home.", "Antony Blinken", "person")],
        id="multi-paragraph",
    ),
    pytest.param(
        '"It\'s tough.\nI want to get out," Bill Adgate said by telephone.',
        [("It's tough.\nI want to get out", "Bill Adgate", "person")],
        id="line-broken-inside-quote",
    ),
    pytest.param(
        "Mohammad Awad, hospitalized with shrapnel wounds, said he had come to the school.\n"
        "“I saw bodies flying and people torn to pieces,” he said.",
        [("I saw bodies flying and people torn to pieces", "Mohammad Awad", "person")],
        id="pronoun-after-apposition",
    ),
    pytest.param(
        "The Palestinian president, Mahmoud Abbas, delivered a plea, which he described as a “catastrophe” for his people.",
        [("catastrophe", "Mahmoud Abbas", "person")],
        id="pronoun-same-sentence-one-word",
    ),
    pytest.param(
        "Israeli Foreign Minister Tzipi Livni told reporters she was unfamiliar with the incident but "
        "“unfortunately, Hamas militants are hiding among civilians.”",
        [("unfortunately, Hamas militants are hiding among civilians.", "Tzipi Livni", "person")],
        id="told-reporters-quote",
    ),
    pytest.param(
        'Hamas said on Wednesday it is ready. The group called the plan "a recipe for surrender."',
        [("a recipe for surrender.", "Hamas", "organization")],
        id="the-group-called",
    ),
    pytest.param(
        'The minister described it as "catastrophic" and left.',
        [("catastrophic", "The minister", "anonymous")],
        id="described-as-one-word",
    ),
    pytest.param(
        "Officials said the talks would resume.\nThe truce was called a “fragile pause” by many.",
        [],
        id="scare-quote-without-speaker-skipped",
    ),
    pytest.param(
        'Indonesia sits on the Pacific "Ring of Fire" where plates collide.',
        [],
        id="title-case-name-skipped",
    ),
    pytest.param(
        '"We are not there yet," according to a senior U.S. official involved in the talks.',
        [("We are not there yet", "a senior U.S. official", "anonymous")],
        id="according-to",
    ),
    pytest.param(
        "Sources told Reuters: “The deal is done and will be signed tomorrow.”",
        [("The deal is done and will be signed tomorrow.", "Sources", "anonymous")],
        id="sources-colon",
    ),
    pytest.param(
        '"The strike hit the school directly," a witness told AP.',
        [("The strike hit the school directly", "a witness", "anonymous")],
        id="a-witness",
    ),
    pytest.param(
        '"Neither side is close to a deal," three diplomats said.',
        [("Neither side is close to a deal", "three diplomats", "anonymous")],
        id="three-diplomats",
    ),
    pytest.param(
        'Hamas said: "We will study the proposal carefully."',
        [("We will study the proposal carefully.", "Hamas", "organization")],
        id="org-said-colon",
    ),
    pytest.param(
        '"Two people were hurt in the village," ISNA reported.',
        [("Two people were hurt in the village", "ISNA", "organization")],
        id="agency-reported",
    ),
    pytest.param(
        '"Aid must reach every family now," the UN says.',
        [("Aid must reach every family now", "UN", "organization")],
        id="the-un-says",
    ),
    pytest.param(
        '"The school was used to fire mortars," the Israeli army said.',
        [("The school was used to fire mortars", "the Israeli army", "organization")],
        id="lowercase-org-noun",
    ),
    pytest.param(
        "Prime Minister Benjamin Netanyahu spoke on Sunday. He stated that Israel would "
        '"never accept a deal that leaves Hamas in power."',
        [("never accept a deal that leaves Hamas in power.", "Benjamin Netanyahu", "person")],
        id="he-stated-that",
    ),
    pytest.param(
        'US National Security Adviser Jake Sullivan warned that "time is running out for a deal."',
        [("time is running out for a deal.", "Jake Sullivan", "person")],
        id="warned-that",
    ),
    pytest.param(
        'Israeli Foreign Minister Gideon Saar asserted that "progress was made."',
        [("progress was made.", "Gideon Saar", "person")],
        id="asserted-that",
    ),
    pytest.param(
        "Hamas leaders met in Doha. They insisted: “There will be no deal without a full withdrawal.”",
        [("There will be no deal without a full withdrawal.", "Hamas leaders", "anonymous")],
        id="they-insisted",
    ),
    pytest.param(
        "The bombing drew condemnation, with the EU calling it “completely unacceptable.”",
        [("completely unacceptable.", "EU", "organization")],
        id="with-x-calling",
    ),
    pytest.param(
        "“I was just so scared,” Jean Larson said. “I just kept thinking, ‘This can’t be happening.’”",
        [("I was just so scared", "Jean Larson", "person"),
         ("I just kept thinking, ‘This can’t be happening.’", "Jean Larson", "person")],
        id="nested-single-quote",
    ),
    pytest.param(
        "He wrote that the talks were ‘on the brink of collapse’ and Hamas’ leaders agreed.",
        [("on the brink of collapse", "He", "unknown")],
        id="single-quotes-unresolved-pronoun",
    ),
    pytest.param(
        "The families requested \"total privacy,\" and the hospital would not comment, Beaumont Hospital "
        "spokeswoman Ilene Wolfe said.",
        [],
        id="short-quote-other-clause-skipped",
    ),
    pytest.param(
        "“What can we do?\nWhere should we go?”",
        [("What can we do?\nWhere should we go?", "", "unknown")],
        id="no-speaker",
    ),
    pytest.param(
        "Kafoury's son, Charlie, said she was kind.\n\"She wasn't just a receptionist,\" Charlie said.",
        [("She wasn't just a receptionist", "Charlie", "person")],
        id="single-name-by-apposition",
    ),
    pytest.param(
        '"There is a suspicion that there might have been a third official," said Troy police Lt. Gerry Scherlinck.',
        [("There is a suspicion that there might have been a third official", "Gerry Scherlinck", "person")],
        id="lowercase-police-lieutenant",
    ),
    pytest.param(
        "“It doesn’t appear it was random,” the Troy police chief, Charles Craft, said.",
        [("It doesn’t appear it was random", "Charles Craft", "person")],
        id="title-then-name-apposition",
    ),
    pytest.param(
        "“Two people from Zinbi village were hurt,” Qeshm governor Mehdi Irannejad was quoted as saying.",
        [("Two people from Zinbi village were hurt", "Mehdi Irannejad", "person")],
        id="quoted-as-saying",
    ),
    pytest.param(
        "One man was killed in a landslide, said disaster agency official Fauzi.\n"
        '"His body was found under a pile of earth," he said.',
        [("His body was found under a pile of earth", "Fauzi", "person")],
        id="one-name-after-lowercase-title",
    ),
    pytest.param(
        '"We face a very delicate situation," said military spokesman Brigadier General Avi Benayahu.',
        [("We face a very delicate situation", "Avi Benayahu", "person")],
        id="stacked-titles",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_quotes(text, expected):
    assert triples(article(text)) == expected


# The dev articles' quoting styles: path -> some of their (text, speaker, kind).
DEV_CASES = [
    pytest.param("18_ecbplus/18_2ecbplus.txt", [
        ("He probably realized if he didn't, he was going to be shot", "James Gage", "person"),
        ("I'm not positive all three of the people were targeted, but there appeared to be some purpose",
         "Charles Craft", "person"),
        ("It's tough.\nI want to get out", "Bill Adgate", "person"),
    ], id="18_2"),
    pytest.param("18_ecbplus/18_11ecbplus.txt", [
        ("He probably realised if he didn't, he was going to be shot", "James Gage", "person"),
        ("subdued.\nVery, very, very subdued", "Robert J Pickell", "person"),
    ], id="18_11"),
    pytest.param("41_ecb/41_7ecb.txt", [
        ("There's nowhere safe in Gaza", "John Ging", "person"),
        ("Everyone here is terrorized and traumatized.", "John Ging", "person"),
        ("I saw bodies flying and people torn to pieces", "Mohammad Awad", "person"),
        ("We escaped death in our house, but it pursued us to the school", "Umm Ibrahim", "person"),
        ("What can we do?\nWhere should we go?", "Umm Ibrahim", "person"),
    ], id="41_7"),
    pytest.param("37_ecbplus/37_5ecbplus.txt", [
        ("We have received around 50 people with injuries suffered when the walls of their houses collapsed",
         "Ema Suryani", "person"),
        ("The injuries vary from open wounds to broken bones.", "Ema Suryani", "person"),
    ], id="37_5"),
    pytest.param("41_ecb/41_9ecb.txt", [
        ("We are 99.9 per cent sure that there were no militants or militant activities in the school and the "
         "school compound.", "Christopher Gunness", "person"),
    ], id="41_9"),
]


@pytest.mark.parametrize("path, expected", DEV_CASES)
def test_dev_quotes(path, expected):
    if not (DEV / path).is_file():
        pytest.skip(f"no dev corpus at {DEV}")
    found = triples(load(DEV / path))
    for item in expected:
        assert item in found
