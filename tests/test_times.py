"""Clock times: reading, zone and spread; which of them time the story's main incident."""

from datetime import date

import pytest

from checker.extract.events import load_incident
from checker.extract.times import INCIDENT_THING, find_times, time_claims
from checker.lexicon import load_events, load_predicates
from checker.records import Sentence

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


# The story's main incident: times whose clause says only that the incident happened share
# one topic; times of other events, statements, bounds and plans keep their own.
EPICENTER = "The epicenter of the quake was roughly 55 kilometers from the town of Bireuen."
INCIDENT = [
    ("The quake struck inland at 0737 GMT, the survey said.", ""),
    ("It took place at 7:37 AM local time.", EPICENTER),
    ("It took place at 7:37 AM local time.", ""),
    ("The epicenter of the quake was 55 kilometers from Bireuen, and took place at 7:37 AM local time.", ""),
    ("Three shells hit Fakhura, a girls school in the Jabalya camp, at about 3pm on Tuesday (12am yesterday).", ""),
    ("Witnesses told a local station there were sounds of gunfire around 10:30 a.m.", ""),
    ("Witnesses told police that when the shooter walked into the office around 10 a.m. Monday, he looked calm.", ""),
    ("When the Israeli attack came on the school at 3.45pm on Tuesday, 350 people were inside.", ""),
    ("The fire broke out at 2:40 a.m. in the dyeing hall.", ""),
    ("A strong 5.6-magnitude earthquake jolted Qeshm island at 17:06 pm (1336 GMT) on Sunday.", ""),
    # The verb is the incident, or delivers what the incident is, whoever the subject is.
    ("The Sudan Armed Forces attacked a refugee camp in South Sudan at 2:53 p.m. local time today.", ""),
    ("Sudan Armed Forces planes dropped four bombs at 3:20 p.m. in the region Thursday.", ""),
    ("Militants fired rockets at the town at 6 a.m.", ""),
]
OTHER = [
    ("It began at 9 a.m.", "The summit opened in Geneva on Monday."),
    ("Police arrested the gunman at 2 p.m. on Monday.", ""),
    ("The gunman was arrested at 2 p.m.", ""),
    ("The survey said at 9pm that the quake had killed five.", ""),
    ("The quake struck Aceh on Tuesday, the survey said at 9pm.", ""),
    ("A second blast hit the market at 9:40 a.m.", ""),
    ("The aftershock struck at 9:10 AM.", ""),
    ("Firefighters had the blaze under control by 9 a.m.", ""),
    ("The attack ended at 5 p.m.", ""),
    ("The town will hold a vigil for the victims of the fire at 7 p.m.", ""),
    ("The victims of the attack were taken to hospital at 1 p.m.", ""),
    ("The funeral took place at 11 a.m.", ""),
    ("Firefighters arrived at 3:05 a.m.", ""),
    ("Police dropped the charges at 4 p.m.", ""),
    ("A second plane dropped two bombs at 4 p.m.", ""),
]


def _claims(text, previous="", published=None, incident=None):
    sentence = Sentence("a", 0, 0, len(text), text, 1)
    return list(time_claims(sentence, [], load_events(), load_predicates(), published=published,
                            previous=previous, incident=incident))


@pytest.mark.parametrize(("sentence", "previous"), INCIDENT)
def test_times_of_the_main_incident(sentence, previous):
    (claim,) = _claims(sentence, previous)  # a bracketed conversion is no second claim
    assert (claim.predicate, claim.thing) == ("occur", INCIDENT_THING), claim.topic


@pytest.mark.parametrize(("sentence", "previous"), OTHER)
def test_times_of_other_events(sentence, previous):
    assert all(c.thing != INCIDENT_THING for c in _claims(sentence, previous))


@pytest.mark.parametrize(("text", "low", "high"), [
    ("at 3 p.m.", 14 * 60 + 45, 15 * 60 + 15),  # to the hour: rounded, a quarter either way
    ("at 3:20 p.m.", 15 * 60 + 20, 15 * 60 + 20),  # to the minute: exact
    ("at about 3:20 p.m.", 15 * 60 + 10, 15 * 60 + 30),
    ("at about 3 p.m.", 14 * 60 + 45, 15 * 60 + 15),  # the wider of the two spreads, not their sum
])
def test_the_spread_of_a_time(text, low, high):
    (claim,) = _claims(f"The blast hit the market {text}")
    assert (claim.value.interval.lo, claim.value.interval.hi) == (low, high)


def test_a_time_in_brackets_after_another_is_a_conversion():
    claims = _claims("A magnitude-6.1 earthquake struck Aceh at 07:37 a.m. UTC (3:37 a.m. EDT), killing one.")
    assert [c.text for c in claims] == ["07:37 a.m. UTC"]


def test_an_undated_time_belongs_to_the_publication_day():
    (claim,) = _claims("It took place at 7:37 AM local time.", published=date(2013, 7, 2))
    assert claim.anchor == "2013-07-02"
    (claim,) = _claims("It took place at 7:37 AM local time.")
    assert claim.anchor == ""


def test_rules_without_an_incident_table_read_no_main_incident(tmp_path):
    (tmp_path / "events.toml").write_text('statement = ["said"]\n[events]\nstrike = ["struck"]\n', encoding="utf-8")
    (claim,) = _claims("The quake struck inland at 0737 GMT.", incident=load_incident(tmp_path))
    assert claim.thing == "earthquake"
