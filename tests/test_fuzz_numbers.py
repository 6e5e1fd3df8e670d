"""Numbers too large to hold are no claims (a crash family the fuzzing found)."""

from __future__ import annotations

import pytest

from checker.config import Settings
from checker.extract.mentions import find_mentions
from checker.lexicon import load_quantities

QUANTITIES = load_quantities(Settings().rules)
NINES = "9" * 30

# A number too large to hold raised `ValueError: cannot convert float NaN to integer`
# (normalize/quantities.py): infinity minus a tolerance of infinity. Past 2**53 a number is
# refused as a claim, its scale word with it; below, figures read as before. (text, mentions)
HUGE_NUMBERS = [
    ("roughly " + "9" * 100 + " people died.", []),
    ("about " + "9" * 400 + " people died.", []),
    ("5" * 5000 + " people died.", []),
    ("more than " + "9" * 400 + " people died.", []),
    (NINES + " million people died.", []),  # not "1,000,000 people" from the word after the refused digits
    ("$" + NINES + " billion in damages.", []),
    ("between 5 and " + NINES + " people died.", []),
    (NINES + " 1/2 years", []),
    ("10,000,000,000,000,000 people died.", []),
    ("1,000,000,000,000,000 people died.", [("1,000,000,000,000,000", "1,000,000,000,000,000")]),
    ("4.5 billion years", [("4.5 billion years", "4,500,000,000 years")]),
    ("about 20,000 people died.", [("about 20,000", "≈ 20,000")]),
]


@pytest.mark.parametrize("text, expected", HUGE_NUMBERS, ids=lambda v: v[:40] if isinstance(v, str) else None)
def test_a_number_too_large_to_hold_is_no_claim(text, expected):
    mentions = find_mentions(text, QUANTITIES)
    assert [(text[m.start:m.end], m.quantity.display) for m in mentions] == expected
