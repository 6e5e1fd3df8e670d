"""Win-loss records: where sports copy writes them, whose they are, and what they are limited to."""

import pytest

from checker.extract.numbers import number_claims
from checker.extract.records import record_claims
from checker.lexicon import load_predicates, load_quantities
from checker.records import Sentence

# (sentence, [(record as written, shown, counted thing, owner)])
RECORDS = [
    ("Andrew Luck calmly led Indianapolis (10-5) downfield.", [("10-5", "10–5", "record", "indianapolis")]),
    ("The Colts (10-5, 4-4 away) clinched a playoff berth.",
     [("10-5", "10–5", "record", "colts"), ("4-4", "4–4", "record away", "colts")]),
    ("The Chiefs (2-13, 1-7 home) almost got to play the Grinch.",
     [("2-13", "2–13", "record", "chiefs"), ("1-7", "1–7", "record home", "chiefs")]),
    ("But fifteen games later the Colts stand at 10-5.", [("10-5", "10–5", "record", "colts")]),
    ("By beating the Chiefs, Indianapolis’ record rose to 9-5.", [("9-5", "9–5", "record", "indianapolis")]),
    ("This gave the Colts a 9-5 season.", [("9-5", "9–5", "record", "colts")]),
    ("The Colts moved their record to 9-1 in one-possession games.",
     [("9-1", "9–1", "record in one-possession games", "colts")]),
    ("The Bears (8-7-1) host the Packers.", [("8-7-1", "8–7–1", "record", "bears")]),
    # said of the team with a copula
    ("Since then, the Colts are 8-1 in close games.", [("8-1", "8–1", "record in close games", "colts")]),
    ("Indianapolis was 9-5 after the loss.", [("9-5", "9–5", "record", "indianapolis")]),
    # not records: a score, a range, a tally after a common noun
    ("The Colts beat the Chiefs 20-13.", []),
    ("They pulled back 300-500 meters.", []),
    ("The vote (12-3) passed.", []),
    ("The final vote was 12-3.", []),
    ("The Colts were 20-13 victors.", []),
    ("The Colts were 20-13 winners at Arrowhead.", []),
]


def _sentence(text):
    return Sentence("a", 0, 0, len(text), text, 1)


@pytest.mark.parametrize(("text", "expected"), RECORDS)
def test_records(text, expected):
    found = [(c.text, c.value.display, c.thing, c.scope) for c in record_claims(_sentence(text))]
    assert found == expected


def test_records_differ_as_wholes():
    (ten_five,) = record_claims(_sentence("Indianapolis (10-5) won."))
    (nine_five,) = record_claims(_sentence("Indianapolis (9-5) won."))
    (five_ten,) = record_claims(_sentence("Indianapolis (5-10) won."))
    values = {c.value.interval.lo for c in (ten_five, nine_five, five_ten)}
    assert len(values) == 3 and all(c.value.interval.lo == c.value.interval.hi for c in (ten_five, five_ten))


def test_no_count_is_read_inside_a_record():
    text = "The Colts (10-5, 4-4 away) clinched a playoff berth."
    assert [c.text for c in number_claims(_sentence(text), load_quantities(), load_predicates())] == []
