"""Counts of none: the sentences that say nobody was killed, hurt or arrested, and those that do not."""

import pytest

from checker.extract.zeros import zero_claims
from checker.lexicon import load_predicates
from checker.records import Sentence

PLEX = load_predicates()

CASES = [
    ("Enough Project sources indicated that no one was killed or injured in the attack.", {"killed", "injured"}),
    ("Fortunately there were no casualties in the camp.", {"killed", "injured"}),
    ("There have been no casualties or fatalities confirmed as a result of this bombing.", {"killed", "injured"}),
    ("The group confirmed there were no dead or wounded.", {"killed", "injured"}),
    ("Nobody was seriously hurt, police said.", {"injured"}),
    ("No one has been arrested.", {"arrested"}),
    ("There were no immediate deaths.", {"killed"}),
    # An absence of reports is no report of absence; "no longer" and "no sign" count nothing.
    ("There were no immediate reports of any casualties.", set()),
    ("The hospital no longer treats the wounded.", set()),
    ("No one knew how many people were killed.", set()),
    ("There was no sign of the missing fishermen.", set()),
]


@pytest.mark.parametrize("text, predicates", CASES)
def test_counts_of_none(text, predicates):
    claims = list(zero_claims(Sentence("a", 0, 0, len(text), text, 1), PLEX))
    assert {c.predicate for c in claims} == predicates
    assert all(c.value.interval.lo == c.value.interval.hi == 0 and c.value.display == "0" for c in claims)
    assert all(c.thing == "person" and c.kind == "number" for c in claims)


def test_a_count_of_none_conflicts_with_a_toll(tmp_path):
    from click.testing import CliRunner

    from checker.cli import main

    (tmp_path / "a.txt").write_text("---\nsource: A\npublished: 2024-05-01\n---\n"
                                    "Shells hit the Velmora camp on Monday. No one was killed, officials said.\n")
    (tmp_path / "b.txt").write_text("---\nsource: B\npublished: 2024-05-01\n---\n"
                                    "Shells hit the Velmora camp on Monday. Twelve people were killed, officials said.\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "csv", "--fail-on", "medium"])
    assert result.exit_code == 1, result.output
    assert "0 (1 source)" in result.output and "12 (1 source)" in result.output
    # Same day, so the toll may have moved within it: one step below high, never "a part and a whole".
    assert ",NUM001,number,conflict,medium," in result.output and "tenfold" not in result.output
