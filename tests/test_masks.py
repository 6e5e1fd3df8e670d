"""The first looks of checker/extract/masks.py never leave out a pattern a sentence holds."""

import re

import pytest

from checker.extract import masks

# One text per alternative of the masked patterns, each in a sentence around it.
TEXTS = [
    "The vote on 2024-03-05 was close.", "Filed on 3/5/2024 by the clerk.", "It opened on 3/5 at dawn.",
    "It happened on March 5, 2024 in town.", "Sept. 11 was a Tuesday.", "On the 5th of June 2001 it rained.",
    "He left in May 2019.", "Doors open at 7.30 pm sharp.", "The blast came at 10:03:15 GMT.",
    "At 9 a.m. they met.", "Polls close at 8PM.", "By 0600 hours the road was clear.",
    "It rang at 5 o'clock.", "He is 68 and 48-years-old.", "A 7 year old boy.", "The 12-year-old won.",
    "She died aged 93.", "Children ages 5 to 12.", "A man in his mid-40s.", "An eight-year-old daughter.",
    "It ended 12 days ago.", "Fifteen games later he left.", "They won 3/4 of the seats.", "He wore No. 23.",
    "Nos. 4 and 5 stayed.", "The number 9 bus.", "Ranked #1 in the state.", "Her 21st birthday.",
    "He lives at 10 Downing Street now.", "A fire at 221 Baker St. today.", "Route 9 Rd. closed.",
    "Flight 370 vanished in 2014.", "Some 40 people were hurt.", "No date here at all.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_first_looks_pass_where_the_pattern_matches(text):
    for pattern, needed in masks._NEEDS:
        if pattern.search(text):
            assert all(look.search(text) for look in needed), (pattern.pattern[:40], text)


@pytest.mark.parametrize("text", TEXTS)
def test_spans_are_those_of_a_pass_over_every_pattern(text):
    every = re.compile("|".join(masks._scoped(pattern) for pattern, _ in masks._NEEDS))
    expected = sorted([m.span() for m in every.finditer(text)] + [m.span("n") for m in masks._NAME_AGE.finditer(text)]
                      + masks.record_spans(text) + masks.clock_spans(text))
    assert masks.masked_spans(text) == expected
