"""Clock times: reading, zone and spread."""

import pytest

from checker.extract.times import find_times

CASES = [
    ("The quake struck inland at 0737 GMT.", "0737 GMT", 7 * 60 + 37, "utc", False),
    ("It took place at 7:37 AM local time.", "7:37 AM local time", 7 * 60 + 37, "local", False),
    ("at 07:37 a.m. UTC (3:37 a.m. EDT)", "07:37 a.m. UTC", 7 * 60 + 37, "utc", False),
    ("the attack came at 3.45pm on Tuesday", "3.45pm", 15 * 60 + 45, "local", False),
    ("hit the school at about 3pm on Tuesday", "3pm", 15 * 60, "local", True),
    ("registered the quake at 17:06 hours local time", "17:06 hours local time", 17 * 60 + 6, "local", False),
    ("around 10 a.m. Monday", "10 a.m.", 10 * 60, "local", True),
    ("at 12 a.m. yesterday", "12 a.m.", 0, "local", False),
    ("at 12:30 p.m.", "12:30 p.m.", 12 * 60 + 30, "local", False),
]


@pytest.mark.parametrize(("sentence", "text", "minutes", "zone", "about"), CASES)
def test_times(sentence, text, minutes, zone, about):
    (time,) = find_times(sentence)[:1]
    assert (time.text, time.minutes, time.zone, time.about) == (text, minutes, zone, about)
    assert sentence[time.start:time.end] == time.text


@pytest.mark.parametrize("sentence", ["a 5.6 magnitude quake", "killed 12 people", "in 2013", "3.1% growth"])
def test_no_times(sentence):
    assert find_times(sentence) == []
