"""Time anchors keep background events apart from the story's own."""

from __future__ import annotations

import re
from datetime import date

import pytest

from checker.extract.anchors import background, clause_anchor

PUBLISHED = date(2013, 7, 2)

# (sentence, the number's words, expected anchor)
TABLE = [
    ("In 2004, a magnitude-9.1 earthquake off Aceh triggered a tsunami that killed 230,000 people.", "230,000", "2004"),
    ("The 2004 tsunami killed 230,000 people.", "230,000", "2004"),
    ("A tsunami killed 230,000 people in 13 countries around the Indian Ocean in 2004.", "230,000", "2004"),
    ("In February, a gunman killed five people at a shopping mall.", "five", "month 2"),
    ("Last year, a 6.4-magnitude quake rocked the west coast of Sumatra.", "6.4", "2012"),
    ("That temblor killed at least six people, injured almost 50 and caused heavy damage in September.",
     "six", "month 9"),
    # a year naming another event at the end of a long modifier is not the number's time
    ("A quake flattened buildings on Tuesday, killing at least five people and injuring dozens in a "
     "region devastated by the quake-triggered tsunami of 2004.", "five", ""),
    ("A 6.1-magnitude earthquake hit Aceh on Tuesday, sparking panic in a region devastated by the tsunami "
     "of 2004.", "6.1", ""),
    ("Rescuers pulled 30 survivors from the rubble.", "30", ""),
    # a season is a sports year: "last season" is another time frame
    ("The franchise won two games last season.", "two", "2012"),
    # a clause dated from another event tells of that other time; the main clause does not
    ("It was his second big game and came one week after he managed 10 yards on nine carries.", "nine",
     "one week after"),
    ("Two days after the quake, rescuers pulled 30 survivors from the rubble.", "30", ""),
    # a day more than a story's span before the article is another event's; a recent day is not
    ("On April 20, a 6.4-magnitude earthquake jolted Maluku, but caused no casualties.", "6.4", "month 4"),
    ("On June 30, a 6.4-magnitude earthquake jolted Maluku.", "6.4", ""),
]


@pytest.mark.parametrize(("sentence", "number", "anchor"), TABLE)
def test_clause_anchor(sentence, number, anchor):
    start = re.search(rf"\b{re.escape(number)}\b", sentence).start()
    assert clause_anchor(sentence, start, PUBLISHED) == anchor


def test_a_background_paragraph_lends_its_time_to_a_sentence_within_it():
    sentences = [
        "A 6.1-magnitude quake struck Aceh on Tuesday.",
        "In April last year an 8.6-magnitude quake struck off Banda Aceh.",
        "Five people died and seven were injured in the quake and aftershocks.",
        "In September 2009 a quake near Padang killed more than 1000 people.",
        "Rescuers searched the rubble through the night.",
    ]
    assert background(sentences, PUBLISHED) == {2: "2012"}


def test_one_anchored_neighbour_is_not_a_background_paragraph():
    sentences = ["In 2004 a tsunami struck.", "Five people died in the quake.", "Rescuers searched."]
    assert background(sentences, PUBLISHED) == {}
