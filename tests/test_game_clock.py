"""Game clocks: the time left when a play happened, read as the play's own claim and compared only with the same play."""

import pytest

from checker.config import Settings
from checker.engine import run
from checker.extract.game_clock import clock_claims
from checker.extract.numbers import number_claims
from checker.extract.times import find_times
from checker.lexicon import load_predicates, load_quantities
from checker.records import Sentence

# (sentence, [(as written, shown, counted thing, low, high)]): seconds left in the period.
CLOCKS = [
    ("Kicker Ryan Succop tied the game at 13-13 with a 47-yd field goal with 10:03 to play in the third quarter.",
     [("10:03 to play in the third quarter", "10:03 left in the third quarter", "time left in the third quarter (tie)",
       603, 603)]),
    ("The Chiefs came out and tied the game with 6:00 minutes remaining in the third quarter.",
     [("6:00 minutes remaining in the third quarter", "6:00 left in the third quarter",
       "time left in the third quarter (tie)", 360, 360)]),
    # Opening the sentence, the clock times the play its main clause tells.
    ("With 4:08 to play in the 4th quarter, Luck found Wayne for a seven-yard touchdown pass.",
     [("4:08 to play in the 4th quarter", "4:08 left in the fourth quarter", "time left in the fourth quarter (find)",
       248, 248)]),
    # Whole minutes are a rounded reading; "just over" and "under" say which way.
    ("Indianapolis scored with four minutes left.", [("four minutes left", "4 minutes left", "time left (score)", 210, 299)]),
    ("Luck threw the winning touchdown with just over 4 minutes remaining.",
     [("4 minutes remaining", "over 4 minutes left", "time left (throw)", 240, 299)]),
    ("The Bulls rallied with under two minutes to go in the first half.",
     [("two minutes to go in the first half", "under 2 minutes left in the first half",
       "time left in the first half (rally)", 61, 120)]),
    ("Smith scored with 45 seconds left in the second period.",
     [("45 seconds left in the second period", "0:45 left in the second period", "time left in the second period (score)",
       45, 45)]),
    # A verb of being tells no play: the clock is left without one.
    ("The key play came with 10 minutes left in the fourth quarter.",
     [("10 minutes left in the fourth quarter", "10 minutes left in the fourth quarter", "time left in the fourth quarter",
       570, 659)]),
    # Spelled counts are read as any spelled number is; a word that is no number gives no clock.
    ("Smith scored with twenty-two seconds left.", [("twenty-two seconds left", "0:22 left", "time left (score)", 22, 22)]),
    ("The Bulls rallied with many minutes left.", []),
    # Not game clocks: a time of day, a length of time, time still to serve.
    ("The quake struck at 10:03 local time.", []),
    ("The talks lasted 45 minutes.", []),
    ("He has two years left on his contract.", []),
]


def _sentence(text):
    return Sentence("a", 0, 0, len(text), text, 1)


@pytest.mark.parametrize(("text", "expected"), CLOCKS)
def test_game_clocks(text, expected):
    found = [(c.text, c.value.display, c.thing, c.value.interval.lo, c.value.interval.hi)
             for c in clock_claims(_sentence(text))]
    assert found == expected


def test_a_game_clock_is_no_time_of_day_and_no_length_of_time():
    text = "Smith scored with 10 minutes left, and the Bulls tied it with 4:08 to go."
    assert find_times(text) == []
    assert [c.text for c in number_claims(_sentence(text), load_quantities(), load_predicates())] == []


def _article(folder, name, body):
    (folder / f"{name}.txt").write_text(f"---\nsource: {name}\npublished: 2012-12-23\n---\n{body}\n")


def test_one_play_timed_apart_is_a_finding_and_two_plays_are_not(tmp_path):
    _article(tmp_path, "a", "The Colts beat the Chiefs 20-13 at Arrowhead. "
                            "Succop tied the game with a field goal with 10:03 to play in the third quarter. "
                            "Luck found Wayne with 4:08 to play in the fourth quarter.")
    _article(tmp_path, "b", "The Colts beat the Chiefs 20-13 at Arrowhead. "
                            "The Chiefs tied the game with 6:00 minutes remaining in the third quarter. "
                            "The Chiefs fumbled with 9:30 left in the fourth quarter.")
    report = run([str(tmp_path)], Settings(workers=1))
    clocks = [f for f in report.findings if f.kind == "number" and "time left" in f.topic]
    assert [sorted(f.values) for f in clocks] == [["10:03 left in the third quarter",
                                                                      "6:00 left in the third quarter"]]
