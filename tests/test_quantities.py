"""Phrase -> normalized interval and unit dimension: the table the normalizer must honour."""

import math

import pytest

from checker.extract.numbers import parse_quantity
from checker.lexicon import load_quantities

INF = math.inf
DAY = 86400.0
MILE = 1609.344

# phrase, dimension, low, high  (dimension None: the phrase holds no count claim)
TABLE = [
    # --- every number phrase in seeds/ ---
    ("six hostages were killed", "count", 6, 6),
    ("launching over 100 rockets from Lebanon", "count", 100, 1000),
    ("the deaths of six workers", "count", 6, 6),
    ("reached over 90% of children", "percent", 90, 900),
    ("children under the age of 10", None, None, None),
    ("the evacuation of nearly 100 people", "count", 90, 100),
    ("a weeklong cease-fire", "duration", 7 * DAY, 7 * DAY),
    ("Hamas released over 100 hostages", "count", 100, 1000),
    ("Israel released approximately 240 Palestinian prisoners", "count", 216, 264),
    ("over 20,000 Palestinians losing their lives", "count", 20000, 200000),
    ("over 20,000 Palestinians have lost their lives", "count", 20000, 200000),
    ("three diplomats in the region", "count", 3, 3),
    ("has claimed thousands of lives", "count", 2000, INF),
    ("a 60-day ceasefire proposal", "duration", 59.5 * DAY, 60.5 * DAY),
    ("the two-month timeout", "duration", 45 * DAY, 75 * DAY),
    ("at least 15 Israeli soldiers", "count", 15, INF),
    ("as many as 20,000 people", "count", 0, 20000),  # an upper bound, as "as much as" is
    ("a withdrawal of 300-500 meters", "length", 300, 500),
    ("a more extensive withdrawal of 2,000 meters", "length", 1950, 2050),
    ("A group of ten members", "count", 10, 10),
    ("three critical red lines", "count", 3, 3),
    ("a proposal made months ago", None, None, None),
    ("But fifteen games later the Colts had won", None, None, None),  # a place in a sequence
    # a score modifying one thing is no range; a range of a count or a measure is
    ("the Chiefs ended with a 2-13 season", None, None, None),
    ("the match ended in a 13-13 tie", None, None, None),
    ("3-4 bombs fell outside the camp", "count", 3, 4),
    ("a 300-500 meter withdrawal", "length", 300, 500),
    # --- a whole number and its fraction are one figure, written exact ---
    ("He was sentenced to 2 1/2 years", "duration", 912.5 * DAY, 912.5 * DAY),
    ("a 2-1/2 year sentence", "duration", 912.5 * DAY, 912.5 * DAY),
    ("a 2½-mile chase", "length", 2.5 * MILE, 2.5 * MILE),
    # --- digits, separators, decimals ---
    ("240 prisoners", "count", 240, 240),
    ("20,000 people", "count", 20000, 20000),
    ("20,001 people", "count", 20001, 20001),
    ("1,234,567 voters", "count", 1234567, 1234567),
    ("2.5 children per family", "count", 2.45, 2.55),
    ("2000 tents", "count", 2000, 2000),
    # --- scales ---
    ("1.2 million people", "count", 1.15e6, 1.25e6),
    ("4 million residents", "count", 3.5e6, 4.5e6),
    ("$4.2 billion in aid", "money:USD", 4.15e9, 4.25e9),
    ("4.2 billion dollars", "money:USD", 4.15e9, 4.25e9),
    ("a $5m fine", "money:USD", 4.5e6, 5.5e6),
    ("€300 million", "money:EUR", 299.5e6, 300.5e6),
    ("£2.4bn", "money:GBP", 2.35e9, 2.45e9),
    ("$3.5 million", "money:USD", 3.45e6, 3.55e6),
    ("500 euros", "money:EUR", 499.5, 500.5),
    # --- percentages ---
    ("3.1%", "percent", 3.05, 3.15),
    ("3.1 percent", "percent", 3.05, 3.15),
    ("12 per cent", "percent", 11.5, 12.5),
    ("8 to 10 percent", "percent", 8, 10),
    ("99.9 per cent sure", "percent", 99.85, 99.95),
    # --- spelled numbers ---
    ("zero casualties", "count", 0, 0),
    ("six workers", "count", 6, 6),
    ("twenty-one soldiers", "count", 21, 21),
    ("ninety-nine balloons", "count", 99, 99),
    ("two hundred and forty prisoners", "count", 240, 240),
    ("three thousand troops", "count", 3000, 3000),
    ("a dozen people", "count", 12, 12),
    ("half a dozen eggs", "count", 6, 6),
    ("more than two dozen schools", "count", 24, 240),
    ("dozens of people", "count", 24, INF),
    ("hundreds of civilians", "count", 200, INF),
    ("thousands of residents", "count", 2000, INF),
    ("tens of thousands of people", "count", 20000, INF),
    ("hundreds of thousands of refugees", "count", 200000, INF),
    ("millions of dollars", "count", 2e6, INF),
    ("several hundred protesters", "count", 300, 1000),
    ("killing at least one person", "count", 1, INF),
    ("one of the victims", None, None, None),
    # --- ranges ---
    ("300-500 meters", "length", 300, 500),
    ("between 5 and 7 people", "count", 5, 7),
    ("8 to 10 percent", "percent", 8, 10),
    ("40–50 people", "count", 40, 50),
    # --- qualifiers ---
    ("over 100 hostages", "count", 100, 1000),
    ("more than 40 people", "count", 40, 400),
    ("at least 43 people", "count", 43, INF),
    ("nearly 100 people", "count", 90, 100),
    ("almost 50 injured", "count", 45, 50),
    ("about 350 Palestinians", "count", 315, 385),
    ("around 100 people", "count", 90, 110),
    ("roughly 2,000 homes", "count", 1800, 2200),
    ("approximately 240 prisoners", "count", 216, 264),
    ("some 30 people", "count", 27, 33),
    ("up to 120 mph", "speed", 0, 120 * 0.44704),
    ("fewer than 10 people", "count", 0, 10),
    ("no more than 5 boats", "count", 0, 5),
    ("within 20 miles of Tel Aviv", "length", 0, 20 * MILE),
    # --- durations ---
    ("a 60-day truce", "duration", 59.5 * DAY, 60.5 * DAY),
    ("two months", "duration", 45 * DAY, 75 * DAY),
    ("48 hours", "duration", 47.5 * 3600, 48.5 * 3600),
    ("for around 15 seconds", "duration", 13.5, 16.5),
    ("for around one minute", "duration", 30, 90),
    ("a three-year term", "duration", 2.5 * 365 * DAY, 3.5 * 365 * DAY),
    ("a 12-hour curfew", "duration", 11.5 * 3600, 12.5 * 3600),
    # --- distances, areas, speeds, masses ---
    ("a depth of 10 kilometers", "length", 9500, 10500),
    ("a depth of just six miles", "length", 5.5 * MILE, 6.5 * MILE),
    ("55 kilometers (34 miles) west", "length", 54500, 55500),
    ("431 kilometres off Banda Aceh", "length", 430500, 431500),
    ("about 15 miles north of Detroit", "length", 13.5 * MILE, 16.5 * MILE),
    ("chased him for 48km", "length", 47500, 48500),
    ("The 170,000-square-foot building", "area", 169500 * 0.09290304, 170500 * 0.09290304),
    ("The 15,800-square-metre building", "area", 15795, 15805),
    ("reached speeds of 120 mph", "speed", 119.5 * 0.44704, 120.5 * 0.44704),
    ("at speeds up to 193km/h", "speed", 0, 193 / 3.6),
    ("5 tonnes of aid", "mass", 4500, 5500),
    # --- earthquake magnitudes ---
    ("magnitude 6.4", "magnitude", 6.35, 6.45),
    ("a 6.4-magnitude quake", "magnitude", 6.35, 6.45),
    ("a magnitude-5.9 quake", "magnitude", 5.85, 5.95),
    ("A 5.6 magnitude earthquake", "magnitude", 5.55, 5.65),
    ("measuring 5.6 on the Richter scale", "magnitude", 5.55, 5.65),
    ("a magnitude of 5.6 on the Richter scale", "magnitude", 5.55, 5.65),
    # --- not count claims: years, ages, times, ordinals, names, dates, addresses ---
    ("in 2012, triggering alerts", None, None, None),
    ("the 2004 tsunami", None, None, None),
    ("a 38-year-old man", None, None, None),
    ("Riva, 47, of Sterling Heights", None, None, None),
    ("aged 63", None, None, None),
    ("at 3.45pm on Tuesday", None, None, None),
    ("around 10 a.m. Monday", None, None, None),
    ("at 17:06 hours local time", None, None, None),
    ("The quake struck inland at 0737 GMT", None, None, None),
    ("the 21st attack", None, None, None),
    ("an F-16 jet", None, None, None),
    ("COVID-19 cases", None, None, None),
    ("the passengers of the missing Flight 370", None, None, None),
    ("his next court hearing April 19", None, None, None),
    ("on 8 March 2025", None, None, None),
    ("on 2025-03-08", None, None, None),
    ("at 10 Downing Street", None, None, None),
    ("the assault began 12 days ago", None, None, None),
    ("in his 40s", None, None, None),
]


@pytest.fixture(scope="module")
def lex():
    return load_quantities()


def test_table_is_large_enough():
    assert len(TABLE) >= 80


@pytest.mark.parametrize(("phrase", "dimension", "low", "high"), TABLE, ids=[row[0] for row in TABLE])
def test_phrase_normalizes_to_interval(lex, phrase, dimension, low, high):
    quantity = parse_quantity(phrase, lex)
    if dimension is None:
        assert quantity is None, f"{phrase!r} is no count claim, got {quantity}"
        return
    assert quantity is not None, f"no quantity found in {phrase!r}"
    assert quantity.dimension == dimension
    assert quantity.interval.lo == pytest.approx(low, rel=1e-6)
    assert quantity.interval.hi == pytest.approx(high, rel=1e-6)


@pytest.mark.parametrize(("modified", "plain"), [
    ("They walked 30 more miles", "They walked 30 miles"),
    ("a season with 4,183 passing yards", "a season with 4,183 yards"),
    ("5 additional inches of rain", "5 inches of rain"),
    ("40 fewer kilometres of track", "40 kilometres of track"),
    ("killing 5 sleeping people", "killing 5 people"),  # no unit after the word: a count
])
def test_a_word_between_a_figure_and_its_unit_leaves_the_unit_its_own(lex, modified, plain):
    got, want = parse_quantity(modified, lex), parse_quantity(plain, lex)
    assert (got.dimension, got.interval) == (want.dimension, want.interval)


def test_a_fraction_is_not_read_as_a_date(lex):
    assert parse_quantity("sentenced to 2 1/2 years", lex).text == "2 1/2 years"
    assert parse_quantity("on 12/05 at noon", lex) is None


@pytest.mark.parametrize(
    ("first", "second", "disjoint"),
    [
        ("20,000 people", "20,001 people", True),
        ("60-day truce", "two-month truce", False),
        ("10 kilometers", "six miles", False),
        ("55 kilometers", "34 miles", False),
        ("120 mph", "193km/h", False),
        ("170,000-square-foot", "15,800-square-metre", False),
        ("over 100 mph", "up to 120 mph", False),
        ("nearly 100 people", "over 100 people", True),
        ("over 20,000 people", "thousands of people", False),
        ("magnitude 5.6", "magnitude-5.2", True),
        ("around 15 seconds", "around one minute", True),
        ("5.6 on the Richter scale", "A 5.6 magnitude", False),
        ("more than 40 people", "43 people", False),
        ("about 350 people", "about 1000 people", True),
    ],
)
def test_pairs_overlap_as_expected(lex, first, second, disjoint):
    a, b = parse_quantity(first, lex), parse_quantity(second, lex)
    assert a.dimension == b.dimension
    assert a.interval.disjoint(b.interval) is disjoint


@pytest.mark.parametrize(
    ("phrase", "display"),
    [
        ("over 20,000 people", "> 20,000"),
        ("a 60-day truce", "60 days"),
        ("the two-month timeout", "60 days"),
        ("300-500 meters", "300–500 m"),
        ("$4.2 billion", "USD 4,200,000,000"),
        ("3.1%", "3.1%"),
        ("at least 15", "≥ 15"),
        ("nearly 100 people", "< 100"),
        ("about 350 people", "≈ 350"),
        # whole years and their quarters read as years
        ("sentenced to 2 years", "2 years"),
        ("a 2-1/2 year sentence", "2.5 years"),
        ("a 400-day voyage", "400 days"),
    ],
)
def test_display_value(lex, phrase, display):
    assert parse_quantity(phrase, lex).display == display
