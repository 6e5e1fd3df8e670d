"""What kind of figure a number is, read from its written qualifier."""

from __future__ import annotations

import pytest

from checker.extract.numbers import number_claims
from checker.judge.figures import about, firm, lower_bound
from checker.lexicon import RULES_DIR, load_predicates, load_quantities
from checker.records import Sentence

# (sentence, about, lower bound, firm)
TABLE = [
    ("Police said 40 people were killed.", False, False, True),
    ("Police said more than 640 people were killed.", False, True, True),
    ("Police said at least 24 people were killed.", False, True, True),
    ("Police said about 350 people were sheltering.", True, False, False),
    ("Police said dozens of people were killed.", False, False, False),
    ("Police said thousands of people were killed.", False, False, False),
    ("Police said nearly 100 people were killed.", False, False, True),
    ("Police said 300 to 500 people were killed.", False, False, False),
]


@pytest.mark.parametrize(("sentence", "is_about", "is_bound", "is_firm"), TABLE)
def test_figure_kind(sentence, is_about, is_bound, is_firm):
    lexicons = load_quantities(RULES_DIR), load_predicates(RULES_DIR)
    (claim,) = number_claims(Sentence("a", 0, 0, len(sentence), sentence, 1), *lexicons)
    assert (about(claim), lower_bound(claim), firm(claim)) == (is_about, is_bound, is_firm)
