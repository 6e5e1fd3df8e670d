"""Titles after a stray quotation mark, names spaced wide (crash families the fuzzing found)."""

from __future__ import annotations

import pytest

from checker.extract.roles import find_roles

# A quotation mark standing alone before a title raised `IndexError: string index out of range`,
# and a name spaced wider than its cleaned form `ValueError: substring not found` (extract/roles.py).
# (sentence, [(person, title, mention as written)])
STRAY_MARKS = [
    ('" President Joe Biden said 12 people died.', [("Joe Biden", "President", "President Joe Biden")]),
    ("' President Joe Biden said", [("Joe Biden", "President", "President Joe Biden")]),
    ("( President Joe Biden said", [("Joe Biden", "President", "President Joe Biden")]),
    ("“President Joe Biden said", [("Joe Biden", "President", "President Joe Biden")]),
    ("' President", []),
    ('" President', []),
    ("said  John  Ging, the head of UNRWA in Gaza.",
     [("John Ging", "head of UNRWA in Gaza", "John  Ging, the head of UNRWA in Gaza")]),
    ("Qadura  Fares, who heads the Commission of Detainees, said",
     [("Qadura Fares", "head of the Commission of Detainees", "Qadura  Fares, who heads the Commission of Detainees")]),
]


@pytest.mark.parametrize("sentence, expected", STRAY_MARKS)
def test_a_stray_mark_or_wide_space_around_a_title(sentence, expected):
    assert [(m.person, m.title, sentence[m.start:m.end]) for m in find_roles(sentence)] == expected
