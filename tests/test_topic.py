"""What a number is about: predicate and counted thing, read from real news phrasing."""

from __future__ import annotations

import pytest

from checker.extract.numbers import number_claims
from checker.lexicon import RULES_DIR, load_predicates, load_quantities
from checker.records import Sentence

# (sentence, the number as written, predicate, counted thing)
TABLE = [
    ("The quake on Qeshm injured five people.", "five", "injured", "person"),
    ("Two villagers were slightly injured by the quake.", "Two", "injured", "person"),
    # a people named by a capitalized plural counts people
    ("Mr Ging said about 350 Palestinians were inside, using the school as a shelter.", "about 350",
     "evacuated", "person"),
    ("More than 640 Palestinians were killed in Gaza.", "More than 640", "killed", "person"),
    ("The Palestinian death toll rose above 680.", "above 680", "killed", "person"),
    ("Five Britons were among the passengers.", "Five", "", "person"),
    # an estimate gives its figure to its object; taking to the streets is attending a protest
    ("Police put the march, to mark a 24-hour nationwide strike, at roughly 30,000 people.", "roughly 30,000",
     "attended", "person"),
    ("Police said as many as 20,000 people took to the streets of Athens.", "as many as 20,000", "attended", "person"),
    ("Officials estimated the rally at about 5,000.", "about 5,000", "attended", "person"),
    # attending is done by people
    ("The march was attended by an approximate 200,000.", "an approximate 200,000", "attended", "person"),
    # a lower-case plural keeps its own thing
    ("Three tank shells exploded outside the school.", "Three", "", "shell"),
    ("A mosque collapsed, bringing the confirmed death toll from the disaster to 11.", "11", "killed", "person"),
    ("The civilian death toll rose to 40.", "40", "killed", "civilian"),
    # a magnitude before a toll lends it no counted thing
    ("A 6.1 magnitude earthquake hit Aceh province leaving 24 dead and over 200 injured.", "24", "killed", "person"),
    # how badly people were hurt makes a fact of its own
    ("Some 30 people were killed and 55 others injured, five of them critically.", "55", "injured", "person"),
    ("Some 30 people were killed and 55 others injured, five of them critically.", "five", "injured_critical",
     "person"),
    ("The UN confirmed 30 dead and 55 wounded, 15 critically.", "15", "injured_critical", "person"),
    ("There are around 30 people seriously injured, some with head injuries.", "around 30", "injured_serious",
     "person"),
    ("The attack left 50 people with serious injuries, 10 of whom remain critical.", "10", "injured_critical",
     "person"),
    ("Two villagers were slightly injured by the quake.", "Two", "injured", "person"),
    # a participle ends the noun phrase: "schools run by the agency" counts schools
    ("More than two dozen schools run by the agency are serving as shelters.", "More than two dozen", "evacuated",
     "school"),
    # bodies are the dead, even after a capitalized word
    ("The director told the Guardian 41 bodies had been brought in so far.", "41", "killed", "person"),
    # a day or a month dates the count: it is not what is counted
    ("A fire killed at least three people Wednesday in the capital.", "at least three", "killed", "person"),
    ("The storm left 40 homeowners January without power.", "40", "", "homeowner"),
]


@pytest.fixture(scope="module")
def lexicons():
    return load_quantities(RULES_DIR), load_predicates(RULES_DIR)


@pytest.mark.parametrize(("sentence", "written", "predicate", "thing"), TABLE)
def test_topic_of_number(lexicons, sentence, written, predicate, thing):
    claims = list(number_claims(Sentence("a", 0, 0, len(sentence), sentence, 1), *lexicons))
    found = {c.text: (c.predicate, c.thing) for c in claims}
    assert found.get(written) == (predicate, thing), found


@pytest.mark.parametrize(("sentence", "kept"), [
    ("The quake struck at a depth of just 10 kilometres (6.2 miles) in the district.", ["10 kilometres"]),
    ("The epicentre was 55 kilometers (34 miles) west of the town.", ["55 kilometers"]),
    ("Houses collapsed some 320 kilometres (about 200 miles) from the capital.", ["some 320 kilometres"]),
    # not a conversion: another dimension, or words between
    ("The storm killed 12 people (and injured 40) in the region.", ["12", "40"]),
    ("The road is 10 km long, and the bridge (2 km) opened in May.", ["10 km", "2 km"]),
])
def test_a_conversion_in_brackets_is_one_claim(lexicons, sentence, kept):
    claims = list(number_claims(Sentence("a", 0, 0, len(sentence), sentence, 1), *lexicons))
    assert [c.text for c in claims] == kept


def test_a_part_of_a_count_is_an_aside_unless_its_degree_names_it(lexicons):
    sentence = "Three of the four Israeli soldiers killed by friendly fire died when a tank shell hit."
    (three, four) = number_claims(Sentence("a", 0, 0, len(sentence), sentence, 1), *lexicons)
    assert (three.text, three.aside) == ("Three", True)
    assert four.aside is False
    named = "55 others injured, five of them critically."
    claims = {c.text: c for c in number_claims(Sentence("a", 0, 0, len(named), named, 1), *lexicons)}
    assert claims["five"].aside is False



# (sentence, the number as written, counted thing, scope)
THINGS = [
    # A noun phrase ends where the next number begins.
    ("The three bank workers-two women and a man-were killed.", "three", "worker", ""),
    # What a counted unit is of tells the thing: two charges are two facts.
    ("He faces two counts of murder and one count of kidnapping.", "two", "count of murder", ""),
    ("He faces two counts of murder and one count of kidnapping.", "one", "count of kidnapping", ""),
    # A figure listed with only its place measures what the list's first figure measures, there.
    ("As much as 55 percent of voice traffic in Saudi Arabia, 52 percent in Egypt and 82 percent in India was "
     "out of service.", "82 percent", "traffic", "india"),
    # A numeral opening a clause counts the noun counted before it; "other" leaves the noun as it is.
    ("Five bombs were dropped, of which four exploded.", "four", "bomb", ""),
    ("Four bombs were dropped - two landed inside the camp.", "two", "bomb", ""),
    ("Three other bombs exploded outside the camp.", "Three", "bomb", ""),
    ("Allen had three catches, bringing his season total to 43.", "43", "", ""),
    # a noun and an -ing word before a noun are one modifier; after a plural the -ing is a verb
    ("Luck found Wayne, capping the 73-yard game winning drive.", "73-yard", "drive", ""),
    ("Five people living nearby fled.", "Five", "person", ""),
    ("Three children playing football were hurt.", "Three", "child", ""),
        # "a 200-student schoolhouse" counts students
    ("One bomb hit a 200-student schoolhouse.", "200", "student", ""),
    # A share that a verb of change measures is the subject's: "Greek stocks plunged 5.4 per cent".
    ("Greek stocks plunged 5.4 per cent on Wednesday.", "5.4 per cent", "stock", ""),
    ("Greek stocks closed down 3.9 percent.", "3.9 percent", "stock", ""),
    # A place after "to" or "with" limits the figure.
    ("Sixty-five per cent of traffic to India was down.", "Sixty-five per cent", "traffic", "india"),
    # "in X, where N ...": the count of that place, an addition to the story's total though it be
    ("Violence broke out in the northern city of Thessaloniki, where another 20,000 people marched.", "20,000",
     "person", "thessaloniki"),
    ("Clashes broke out in Salonika where approximately 50,000 people marched.", "approximately 50,000",
     "person", "salonika"),
]


@pytest.mark.parametrize("sentence, figure, thing, scope", THINGS)
def test_thing_and_scope(lexicons, sentence, figure, thing, scope):
    claims = {c.text: c for c in number_claims(Sentence("a", 0, 0, len(sentence), sentence, 1), *lexicons)}
    assert (claims[figure].thing, claims[figure].scope) == (thing, scope)


# (sentence, the number as written, whether it is no figure of the story's facts)
ASIDES = [
    ("If there was just one cable down we could have used the other two.", "one", True),
    ("In Athens 100,000 marched, and another 20,000 joined them later.", "20,000", True),
    ("Violence broke out in Thessaloniki, where another 20,000 people marched.", "20,000", False),
    ("The storm could kill 100 people.", "100", True),
    ("We've lost three out of four lines.", "four", True),
    ("He connected on 1 of 13 passes.", "13", True),
    ("A warehouse holds enough supplies for 15,000 refugees.", "15,000", True),
    ("The shelter has room for 300 people.", "300", True),
    # a side incident tells of its clause, or of the sentence it opens
    ("In a separate attack, gunmen killed five people.", "five", True),
    ("One bomb hit a 200-student schoolhouse, another bomb hit the market.", "200", False),
    # a known total and a plain count are figures of their own
    ("Three of the four soldiers died.", "four", False),
    ("Three cables were cut, and traffic could be rerouted.", "Three", False),
    ("More than 15,000 refugees live in the camp.", "More than 15,000", False),
    # a figure opening a bracket after a count breaks that count down
    ("The fire led to the death of three workers (one a pregnant woman).", "one", True),
    ("The fire led to the death of three workers (one a pregnant woman).", "three", False),
    ("The quake killed 12 people (five of them children).", "five", True),
    # the mark a class of events meets is no figure of this one
    ("It was the first time in NFL history a team rushed for over 350 yards and lost.", "over 350 yards", True),
    ("It was the first time since 1998 that a quake killed more than 100 people there.", "more than 100", True),
    ("For the first time, the Chiefs rushed for over 350 yards.", "over 350 yards", False),
]


@pytest.mark.parametrize("sentence, figure, aside", ASIDES)
def test_figures_that_state_no_fact(lexicons, sentence, figure, aside):
    claims = {c.text: c for c in number_claims(Sentence("a", 0, 0, len(sentence), sentence, 1), *lexicons)}
    assert claims[figure].aside is aside
