"""Date phrase -> day interval: the table the date normalizer and finder must honour."""

from datetime import date

import pytest

from checker.extract.date_mentions import find_date_mentions
from checker.extract.dates import date_claims, nominal_event
from checker.extract.events import load_incident
from checker.lexicon import load_events, load_predicates
from checker.records import Sentence
from checker.normalize.dates import parse_date_phrase

D = date.fromisoformat
WED = "2025-07-02"  # a Wednesday: "on Wednesday" is the reference day itself
THU = "2025-07-03"  # a Thursday
# Plausible publication dates for the seed articles (they carry none).
S000, S001, S002, S004 = "2024-10-01", "2023-12-27", "2024-08-20", "2025-01-13"  # S004 is a Monday

# Every date phrase in seeds/ (the rows marked "seed" below):
#   000: "made months ago", "in recent weeks", "reports last month"
#   001: "In late November", "the November truce"
#   002: "in recent days", "The next few days"
#   003: "on Wednesday", "next week"
#   004: "In the past week" (twice: lead and body), "on Saturday", "within the week"
# Left out as no date: "recently", "soon", "in weeks" ("than we've been in weeks"), "Just a
# day after" (relative to an event), and the durations "for months", "60-day", "two-month".

# phrase, reference, first, last, granularity
TABLE = [
    # --- seeds ---
    ("a proposal made months ago by", S000, "2023-10-01", "2024-08-01", "vague"),
    ("facing in recent weeks", S000, "2024-07-16", "2024-10-01", "vague"),
    ("with reports last month that", S000, "2024-09-01", "2024-09-30", "month"),
    ("In late November, a weeklong cease-fire", S001, "2023-11-16", "2023-11-30", "part"),
    ("brokering the November truce", S001, "2023-11-01", "2023-11-30", "month"),
    ("exchanged heavy fire in recent days", S002, "2024-08-06", "2024-08-20", "vague"),
    ("The next few days will be crucial", S002, "2024-08-21", "2024-08-25", "vague"),
    ("Hamas said on Wednesday", WED, "2025-07-02", "2025-07-02", "day"),
    ("Hamas said on Wednesday", THU, "2025-07-02", "2025-07-02", "day"),
    ("Netanyahu next week", WED, "2025-07-07", "2025-07-13", "week"),
    ("In the past week alone", S004, "2025-01-06", "2025-01-13", "vague"),
    ("met with Netanyahu on Saturday", S004, "2025-01-11", "2025-01-11", "day"),
    ("finalized within the week", S004, "2025-01-06", "2025-01-13", "vague"),
    # --- absolute days ---
    ("March 8, 2025", None, "2025-03-08", "2025-03-08", "day"),
    ("8 March 2025", None, "2025-03-08", "2025-03-08", "day"),
    ("2025-03-08", None, "2025-03-08", "2025-03-08", "day"),
    ("Saturday, March 8, 2025", None, "2025-03-08", "2025-03-08", "day"),
    ("the 8th of March, 2025", None, "2025-03-08", "2025-03-08", "day"),
    ("on Mar. 8, 2025", None, "2025-03-08", "2025-03-08", "day"),
    ("Sept. 11, 2001", None, "2001-09-11", "2001-09-11", "day"),
    ("Nov. 24-30, 2024", None, "2024-11-24", "2024-11-30", "day"),
    ("April 19 last year", "2008-01-10", "2007-04-19", "2007-04-19", "day"),
    # --- days without a year: the nearest year, ties to the past ---
    ("March 8", WED, "2025-03-08", "2025-03-08", "day"),
    ("March 8th", "2025-12-20", "2026-03-08", "2026-03-08", "day"),
    ("Mar. 8", "2023-09-07", "2023-03-08", "2023-03-08", "day"),  # 183 days either way
    ("on December 27", "2009-01-05", "2008-12-27", "2008-12-27", "day"),
    ("on 27 December", "2009-01-05", "2008-12-27", "2008-12-27", "day"),
    ("March 8", None, None, None, "day"),
    # --- months, years, decades ---
    ("March 2025", None, "2025-03-01", "2025-03-31", "month"),
    ("in March 2025", None, "2025-03-01", "2025-03-31", "month"),
    ("Dec. 2023", None, "2023-12-01", "2023-12-31", "month"),
    ("in March", "2024-09-15", "2024-03-01", "2024-03-31", "month"),  # six months either way
    ("in March", "2024-10-15", "2025-03-01", "2025-03-31", "month"),
    ("In April last year", "2013-07-03", "2012-04-01", "2012-04-30", "month"),
    ("last November", "2024-11-20", "2023-11-01", "2023-11-30", "month"),
    ("the November truce", None, None, None, "month"),
    ("in 2024", None, "2024-01-01", "2024-12-31", "year"),
    ("since 2024", None, "2024-01-01", "2024-12-31", "year"),
    ("the 2024 election", None, "2024-01-01", "2024-12-31", "year"),
    ("2024's election", None, "2024-01-01", "2024-12-31", "year"),
    ("the 1990s", None, "1990-01-01", "1999-12-31", "decade"),
    ("the '80s", None, "1980-01-01", "1989-12-31", "decade"),
    # --- parts and seasons ---
    ("early November 2024", None, "2024-11-01", "2024-11-15", "part"),
    ("mid-November 2024", None, "2024-11-08", "2024-11-23", "part"),
    ("late November 2024", None, "2024-11-16", "2024-11-30", "part"),
    ("the end of November 2024", None, "2024-11-16", "2024-11-30", "part"),
    ("the beginning of November 2024", None, "2024-11-01", "2024-11-15", "part"),
    ("late February 2023", None, "2023-02-16", "2023-02-28", "part"),
    ("mid-November", "2024-01-05", "2023-11-08", "2023-11-23", "part"),
    ("early 2024", None, "2024-01-01", "2024-04-30", "part"),
    ("mid-2024", None, "2024-05-01", "2024-08-31", "part"),
    ("in late 2024", None, "2024-09-01", "2024-12-31", "part"),
    ("the early 1990s", None, "1990-01-01", "1993-12-31", "part"),
    ("late last month", S000, "2024-09-16", "2024-09-30", "part"),
    ("early next week", WED, "2025-07-07", "2025-07-09", "part"),
    ("by the end of the year", "2024-05-05", "2024-09-01", "2024-12-31", "part"),
    ("In late November", None, None, None, "part"),
    ("summer 2024", None, "2024-06-01", "2024-08-31", "season"),
    ("winter 2024", None, "2024-12-01", "2025-02-28", "season"),
    ("the fall of 2023", None, "2023-09-01", "2023-11-30", "season"),
    ("last summer", S004, "2024-06-01", "2024-08-31", "season"),
    ("this winter", S004, "2024-12-01", "2025-02-28", "season"),
    # --- days relative to the reference ---
    ("today", WED, WED, WED, "day"),
    ("yesterday", WED, "2025-07-01", "2025-07-01", "day"),
    ("tomorrow", WED, THU, THU, "day"),
    ("last night", WED, "2025-07-01", "2025-07-01", "day"),
    ("yesterday afternoon", WED, "2025-07-01", "2025-07-01", "day"),
    ("Wednesday's quake", THU, WED, WED, "day"),
    ("Tuesday", WED, "2025-07-01", "2025-07-01", "day"),
    ("on Thursday", WED, "2025-06-26", "2025-06-26", "day"),
    ("last Wednesday", WED, "2025-06-25", "2025-06-25", "day"),
    ("last Wednesday", THU, WED, WED, "day"),
    ("next Wednesday", WED, "2025-07-09", "2025-07-09", "day"),
    ("next Thursday", WED, THU, THU, "day"),
    ("this Friday", WED, "2025-07-04", "2025-07-04", "day"),
    ("Wednesday night", WED, WED, WED, "day"),
    ("late on Tuesday", WED, "2025-07-01", "2025-07-01", "day"),
    ("early Tuesday", THU, "2025-07-01", "2025-07-01", "day"),
    ("on Tuesday morning", THU, "2025-07-01", "2025-07-01", "day"),
    ("on Wednesday", None, None, None, "day"),
    # --- weeks, months, years relative to the reference ---
    ("this week", WED, "2025-06-30", "2025-07-06", "week"),
    ("last week", WED, "2025-06-23", "2025-06-29", "week"),
    ("next week", None, None, None, "week"),
    ("this month", WED, "2025-07-01", "2025-07-31", "month"),
    ("next month", WED, "2025-08-01", "2025-08-31", "month"),
    ("last month", S004, "2024-12-01", "2024-12-31", "month"),
    ("this year", WED, "2025-01-01", "2025-12-31", "year"),
    ("last year", WED, "2024-01-01", "2024-12-31", "year"),
    ("next year", WED, "2026-01-01", "2026-12-31", "year"),
    ("over the weekend", WED, "2025-06-28", "2025-06-29", "week"),
    ("this weekend", WED, "2025-07-05", "2025-07-06", "week"),
    # --- ago ---
    ("two days ago", S000, "2024-09-29", "2024-09-29", "day"),
    ("3 weeks ago", S000, "2024-09-10", "2024-09-10", "week"),
    ("a month ago", "2024-03-31", "2024-02-29", "2024-02-29", "month"),
    ("two years ago", S000, "2022-10-01", "2022-10-01", "year"),
    ("days ago", S000, "2024-09-18", "2024-09-29", "vague"),
    ("weeks ago", S000, "2024-07-16", "2024-09-17", "vague"),
    ("years ago", S000, "2014-10-01", "2022-10-01", "vague"),
    ("a few days ago", S000, "2024-09-26", "2024-09-29", "vague"),
    ("months ago", None, None, None, "vague"),
    # --- spans that touch the reference ---
    ("earlier this week", WED, "2025-06-30", WED, "vague"),
    ("later this month", WED, WED, "2025-07-31", "vague"),
    ("earlier this year", WED, "2025-01-01", WED, "vague"),
    ("over the past two weeks", WED, "2025-06-18", WED, "vague"),
    ("in the last 24 hours", WED, "2025-07-01", WED, "vague"),
    ("in recent months", WED, "2024-07-02", WED, "vague"),
    ("in the coming weeks", WED, THU, "2025-08-06", "vague"),
]

# Phrases that hold no date at all.
NOT_DATES = [
    "Hamas may seek concessions",
    "they will march on the capital",
    "the march was peaceful",
    "March organizers said",
    "Theresa May said",
    "we sat in the sun",
    "reached over 90% of children",
    "Hamas fired 2024 rockets",
    "the 2000 hostages",
    "in 2000 homes",
    "a 38-year-old man",
    "at 3.45pm",
    "at 0737 GMT",
    "the second phase",
    "the next steps",
    "Just a day after Israeli forces raided",
    "the last day of the talks",
    "for many more months",
    "children under the age of 10",
    "he told the Sunday Times",
    "the Super Tuesday primaries",
]


@pytest.mark.parametrize(("phrase", "reference", "first", "last", "granularity"), TABLE)
def test_phrase_table(phrase, reference, first, last, granularity):
    value = parse_date_phrase(phrase, D(reference) if reference else None)
    assert value is not None
    assert (value.first, value.last, value.granularity) == (
        D(first) if first else None, D(last) if last else None, granularity)


def test_table_is_large_enough():
    assert len(TABLE) >= 70


@pytest.mark.parametrize("phrase", NOT_DATES)
def test_not_a_date(phrase):
    assert parse_date_phrase(phrase, D(WED)) is None
    assert find_date_mentions(phrase, D(WED)) == []


@pytest.mark.parametrize(("phrase", "relative", "display"), [
    ("March 8, 2025", False, "2025-03-08"),
    ("in March 2025", False, "2025-03"),
    ("in 2024", False, "2024"),
    ("late November 2024", False, "2024-11-16..2024-11-30"),
    ("March 8", True, "2025-03-08"),
    ("on Wednesday", True, "2025-07-02"),
])
def test_relative_flag_and_display(phrase, relative, display):
    value = parse_date_phrase(phrase, D(WED))
    assert (value.relative, value.display) == (relative, display)


def test_unresolved_display():
    value = parse_date_phrase("next week", None)
    assert value.display == "unresolved: next week"
    assert value.relative


def test_future_reading_of_a_bare_weekday():
    assert parse_date_phrase("on Wednesday", D(THU), future=True).first == D("2025-07-09")
    assert parse_date_phrase("on Wednesday", D(WED), future=True).first == D(WED)


def test_impossible_day_is_no_date():
    assert parse_date_phrase("February 30, 2024", None) is None


SEED_SENTENCES = [
    ("Hamas has expressed readiness to implement an immediate ceasefire with Israel, based on a "
     "proposal made months ago by U.S. President Joe Biden.", ["months ago"]),
    ("As these diplomatic discussions unfold, Israel views Hamas’ move as a response to the immense "
     "military pressure it has been facing in recent weeks.", ["in recent weeks"]),
    ("The situation remains highly charged, with reports last month that six hostages were killed "
     "during Israeli bombardments in a Gaza tunnel.", ["last month"]),
    ("In late November, a weeklong cease-fire provided a glimmer of hope when Hamas released over "
     "100 hostages taken during an attack on Israel.", ["In late November"]),
    ("The Qatari government, which played a crucial role in brokering the November truce, has been a "
     "key intermediary in backchannel negotiations.", ["November"]),
    ("Both sides have exchanged heavy fire in recent days, with casualties mounting and the "
     "humanitarian situation deteriorating.", ["in recent days"]),
    ("The next few days will be crucial in determining whether a truce can be achieved or if the "
     "conflict will continue to escalate.", ["The next few days"]),
    ("Hamas said on Wednesday that it is considering a new short-range truce offer from foreign "
     "mediators.", ["on Wednesday"]),
    ("Trump is scheduled to sit down with Israeli Prime Minister Benjamin Netanyahu next week.",
     ["next week"]),
    ("In the past week alone, at least 15 Israeli soldiers have been reported killed in northern "
     "Gaza, according to the Israeli military.", ["In the past week"]),
    ("President-elect Donald Trump’s incoming Middle East envoy, Steve Witkoff, met with Israeli "
     "Prime Minister Benjamin Netanyahu on Saturday.", ["on Saturday"]),
    ("He stated that both sides are \"inching closer to a potential deal,\" suggesting it could be "
     "finalized within the week.", ["within the week"]),
    ("Trump announced the two-month timeout after Israel accepted a 60-day ceasefire proposal.", []),
    ("Just a day after Israeli forces raided a weapons site in Syria, Israeli airstrikes reportedly hit "
     "targets on a highway near Damascus.", []),
]


@pytest.mark.parametrize(("sentence", "texts"), SEED_SENTENCES)
def test_seed_sentence_spans(sentence, texts):
    mentions = find_date_mentions(sentence, D(WED))
    assert [m.text for m in mentions] == texts
    assert all(sentence[m.start:m.end] == m.text for m in mentions)


def _dates(sentence, reference):
    return [(m.text, m.value.first, m.value.last) for m in find_date_mentions(sentence, D(reference))]


def test_several_mentions_left_to_right():
    sentence = "On Tuesday, March 8, 2025, and again last week, talks resumed (6 January) in 2024's round."
    mentions = find_date_mentions(sentence, D(WED))
    assert [m.text for m in mentions] == ["On Tuesday, March 8, 2025", "last week", "6 January", "in 2024"]
    assert all(sentence[m.start:m.end] == m.text for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


@pytest.mark.parametrize(("sentence", "text", "day"), [
    ("Trump will meet Netanyahu on Monday.", "on Monday", "2025-07-07"),
    ("On Monday, Trump will meet Netanyahu.", "On Monday", "2025-07-07"),
    ("The vote is expected to take place Friday.", "Friday", "2025-07-04"),
    ("Trump met Netanyahu on Monday.", "on Monday", "2025-06-30"),
    ("Hamas said on Wednesday that it will consider the offer.", "on Wednesday", WED),
    ("Smith could not be reached for comment on Tuesday.", "on Tuesday", "2025-07-01"),
    ("The border was closed due to the storm on Monday.", "on Monday", "2025-06-30"),
    ("The verdict is due on Monday.", "on Monday", "2025-07-07"),
    ("Netanyahu on Monday will meet Trump.", "on Monday", "2025-07-07"),
    ("Talks resumed on Monday and will continue.", "on Monday", "2025-06-30"),
])
def test_future_or_past_weekday(sentence, text, day):
    assert _dates(sentence, THU) == [(text, D(day), D(day))]


def test_future_reading_of_within_the_week():
    sentence = "Both sides are inching closer, suggesting it could be finalized within the week."
    assert _dates(sentence, S004) == [("within the week", D("2025-01-13"), D("2025-01-20"))]


def test_scheduled_next_week():
    sentence = "Trump is scheduled to sit down with Israeli Prime Minister Benjamin Netanyahu next week."
    assert _dates(sentence, WED) == [("next week", D("2025-07-07"), D("2025-07-13"))]


def test_unresolved_without_reference():
    sentence = "Hamas said on Wednesday that talks resumed last month, after the March 8, 2025 deal."
    mentions = find_date_mentions(sentence, None)
    assert [(m.text, m.value.first, m.value.display) for m in mentions] == [
        ("on Wednesday", None, "unresolved: on Wednesday"),
        ("last month", None, "unresolved: last month"),
        ("March 8, 2025", D("2025-03-08"), "2025-03-08"),
    ]


def test_clock_times_and_traps_in_a_sentence():
    sentence = ("The shell hit the school at 3.45pm on Tuesday, killing 40 of the 2000 people sheltering "
                "there; we may march at 0737 GMT, said Theresa May.")
    assert [m.text for m in find_date_mentions(sentence, D(WED))] == ["on Tuesday"]


# What a date is the date of: (sentence, the claim's text, predicate, thing); None: no claim.
EVENTS = [
    ("Since fighting between the SAF and the Sudanese Peoples' Liberation Army-North, or SPLA-N, "
     "began in July, thousands have fled.", "in July", "begin", "fighting"),
    # Going on since a date: it began then.
    ("It is a state where rebels have been fighting Sudan's army since June.", "June", "begin", "fighting"),
    ("Protesters had been marching since Monday.", "Monday", "begin", "marching"),
    ("The earthquake struck the island on March 9.", "on March 9", "strike", "earthquake"),
    # A date modifying an incident noun dates it; with no place of its own it is the story's.
    ("The Wednesday bombings in Upper Nile state sparked condemnation.", "Wednesday", "occur", "bombing"),
    ("He would not retaliate for the reported bombing of Guffa in Upper Nile state on Tuesday.",
     "on Tuesday", "occur", "bombing"),
    ("Tuesday's deadly attack left five dead.", "Tuesday", "occur", "main incident"),
    ("One victim died in the Monday morning attack.", "Monday morning", "occur", "main incident"),
]
NO_EVENT = [
    "It is the worst flood since 1998.",  # a bound, nothing going on
    "Thousands of civilians have been uprooted since June.",  # a state, not an activity
    "Officials said on Monday that the quake killed five.",  # a statement's day
]


def _date_claims(text):
    sentence = Sentence("a", 0, 0, len(text), text, 1)
    incident = load_incident()
    return list(date_claims(sentence, find_date_mentions(text, date(2011, 11, 10)), load_events(), load_predicates(),
                            incident.nouns, incident.other))


@pytest.mark.parametrize(("sentence", "text", "predicate", "thing"), EVENTS)
def test_what_a_date_dates(sentence, text, predicate, thing):
    assert [(c.text, c.predicate, c.thing) for c in _date_claims(sentence)] == [(text, predicate, thing)]


@pytest.mark.parametrize("sentence", NO_EVENT)
def test_dates_of_no_event(sentence):
    assert _date_claims(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Relatives recalled an earlier attack on Monday.",  # another incident
    "The attack was planned on Monday.",  # a verb between the incident and the date
    "On Monday the president spoke.",  # no incident
])
def test_no_incident_dated_without_a_verb(sentence):
    incident = load_incident()
    (mention,) = find_date_mentions(sentence, date(2011, 11, 10))
    assert nominal_event(sentence, mention, load_events(), incident.nouns, incident.other) is None
