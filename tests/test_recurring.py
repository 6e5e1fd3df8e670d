"""Readings kept by sentence text give what a fresh reading gives, and each caller its own list."""

from datetime import date

import pytest

from checker.extract import speakers as sp
from checker.extract.ages import find_ages
from checker.extract.date_mentions import find_date_mentions
from checker.extract.masks import masked_spans
from checker.extract.mentions import find_mentions
from checker.extract.recurring import by_text
from checker.extract.times import find_times
from checker.lexicon import load_quantities

LEX = load_quantities()
READS = [  # each reading with a sentence it finds something in
    ("mentions", lambda s: find_mentions(s, LEX), "Police said 12 people were killed and about 40 homes destroyed."),
    ("masks", masked_spans, "It happened at 3 p.m. on Tuesday, March 5, 2019."),
    ("ages", find_ages, "John Smith, 45, was among the 300 evacuated."),
    ("times", find_times, "The road reopened by 10:30 a.m."),
    ("dates", lambda s: find_date_mentions(s, date(2024, 3, 6)), "The quake struck on Tuesday, March 5."),
]


@pytest.mark.parametrize(("name", "read", "sentence"), READS, ids=[r[0] for r in READS])
def test_a_sentence_read_again_gives_the_same_readings(name, read, sentence):
    first = read(sentence)
    assert first, f"{name} finds nothing in {sentence!r}: the test would prove nothing"
    kept = list(first)
    first.clear()  # a caller's own list: changing it changes no later reading
    assert read(sentence) == kept


def test_by_text_reads_each_distinct_text_once():
    calls = []

    @by_text
    def words(text: str) -> list[str]:
        calls.append(text)
        return text.split()

    assert words("a b") == ["a", "b"] and words("a b") == ["a", "b"] and words("c") == ["c"]
    assert calls == ["a b", "c"]


@pytest.mark.parametrize("sentence", [
    '"We have received around 50," said Dr. Maria Lopez, the clinic\'s director.',
    "Israeli Foreign Minister Gideon Saar told reporters the talks had failed.",
    "He said the bridge would reopen, according to Mayor John Carter.",
])
@pytest.mark.parametrize("offset", [0, 1234])
def test_a_sentence_read_once_says_the_same_wherever_it_stands(sentence, offset):
    parsed = sp.parse(sentence, offset)
    reading = sp.read(sentence)
    assert reading.attributions_at(offset) == sp.attributions(parsed) != []
    assert reading.people_at(offset) == sp.people(parsed) != []
    assert reading.subject == sp.subject(parsed)
