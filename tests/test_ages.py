"""Ages of named people: sentences -> (person, age), the ones left out, and no count read twice."""

import pytest

from checker.extract.ages import find_ages, group_ages
from checker.extract.numbers import number_claims
from checker.extraction import article_claims
from checker.lexicon import RULES_DIR, load_predicates, load_quantities
from checker.records import Article, Sentence

# sentence -> [(person as written, age)]; "" is a definite description the article resolves
AGES = [
    ("Police said they had located Anthony LaCalamita, 38, of Troy on Interstate 75.", [("Anthony LaCalamita", 38)]),
    ("Anthony LaCalamita III, 38, said nothing after officers surrounded him.", [("Anthony LaCalamita III", 38)]),
    ("Mr. LaCalamita, 38, who was still listed on the firm's Web site, had been dismissed.", [("LaCalamita", 38)]),
    ("The suspect, 38-year-old Anthony LaCalamita, was arrested.", [("Anthony LaCalamita", 38)]),
    ("He was convicted in the slaying of 63-year-old Madeline Kafoury and assault.", [("Madeline Kafoury", 63)]),
    ("LaCalamita is charged in the death of Kafoury, 63, and the shootings of Riva, 47, and Steinberg, 48.",
     [("Kafoury", 63), ("Riva", 47), ("Steinberg", 48)]),
    ("The newspaper identified them as Paul Riva, 47, of Sterling Heights and Alan Steinberg, 48, of Bruce Township.",
     [("Paul Riva", 47), ("Alan Steinberg", 48)]),
    ("The gunman is Anthony LaCalamita III, a 38-year-old Troy resident who was fired.", [("Anthony LaCalamita III", 38)]),
    ("\"Houses fell,\" said Bensu Elianita, a 22 year-old resident in Bukit Sama village.", [("Bensu Elianita", 22)]),
    ("A 22-year-old resident, Bensu Elianita, said houses fell.", [("Bensu Elianita", 22)]),
    ("Madeline Kafoury, the 63-year-old receptionist, died at the scene.", [("Madeline Kafoury", 63)]),
    ("Abed Sultan, 20, a student, and his cousins, Rawhi and Hussein Sultan, labourers aged 22, died.", [("Abed Sultan", 20)]),
    ("Police Chief John Smith, 50, spoke to reporters.", [("John Smith", 50)]),
    ("The victim, Jane Doe (63), died in hospital.", [("Jane Doe", 63)]),
    ("Paul Riva aged 47 was wounded.", [("Paul Riva", 47)]),
    ("John Smith Jr., 40, said he heard shots.", [("John Smith Jr.", 40)]),
    ("Prosecutor Rob Novy said the 39-year-old Troy man was furious.", [("", 39)]),
    ("Police said the 38-year-old male fled north.", [("", 38)]),
]

NOT_AGES = [
    "Police said the person killed was a 63-year-old woman from Warren but would not name her.",
    "A 63-year-old woman and two men, ages 47 and 48, were shot, the police said.",
    "He was described by police as a 5 foot, 8 inch 38-year-old male weighing 180 pounds.",
    "In Warren, a 63-year-old woman was killed.",
    "Warren, a 63-year-old woman was killed on Monday.",
    "Umm Ibrahim said she had lost an 8-year-old daughter and two sons, 11 and 14.",
    "The 100-year-old building collapsed in the quake.",
    "A 25-year-old New York man was hurt.",
    "On Monday, 38 people died.",
    "In Detroit, 38 were hurt.",
    "The quake struck on March 5, 2007, killing 12.",
    "His 38-year-old son was not at home.",
]


@pytest.mark.parametrize(("sentence", "expected"), AGES)
def test_age_of_a_named_person(sentence, expected):
    assert [(m.person, m.age) for m in find_ages(sentence)] == expected


@pytest.mark.parametrize("sentence", NOT_AGES)
def test_no_age_without_a_name(sentence):
    assert find_ages(sentence) == []


def _ages(text: str) -> list[tuple[str, int]]:
    claims = article_claims(Article(id="a", path="a.txt", text=text), RULES_DIR)
    return [(c.thing, int(c.value.interval.lo)) for c in claims if c.predicate == "age"]


RESOLVED = [
    # a surname alone takes the article's full name
    ("The suspect was identified as Anthony LaCalamita. Mr. LaCalamita, 38, had been dismissed.",
     [("Anthony LaCalamita", 38)]),
    # "the 39-year-old man": the person named most before it, not the speaker in its own sentence
    ("Anthony LaCalamita III was found guilty of killing Madeline Kafoury. Defense attorney Jerome Fenton blamed "
     "LaCalamita's illness. Prosecutor Rob Novy said the 39-year-old Troy man was furious.",
     [("Anthony LaCalamita", 39)]),
    # two people named equally often: nobody can tell which one is meant
    ("Paul Riva and Alan Steinberg were wounded. Police said the 39-year-old man fled.", []),
    # only the speaker of its own sentence is named: he is not the man described
    ("Prosecutor Rob Novy said the 39-year-old man was furious.", []),
]


@pytest.mark.parametrize(("text", "expected"), RESOLVED)
def test_age_resolved_within_the_article(text, expected):
    assert _ages(text) == expected


@pytest.mark.parametrize("sentence", [s for s, ages in AGES if all(person for person, _ in ages)])
def test_an_age_is_no_other_number(sentence):
    """The figures an age claim reads are never also read as counts or durations."""
    ages = {m.age for m in find_ages(sentence)}
    claim = Sentence("a", 0, 0, len(sentence), sentence, 1)
    numbers = number_claims(claim, load_quantities(RULES_DIR), load_predicates(RULES_DIR), None)
    assert not [c.text for c in numbers if c.value.interval.lo in ages]


# Ages listed for an unnamed group: each is one member's age, none a count.
GROUPS = [
    ("Police found the bodies of two women -- 68 and 48-years-old -- inside the apartment.",
     [(68, "women"), (48, "women")]),
    ("The names of the women killed, who were 61 and 48 years old, have not been released.",
     [(61, "women"), (48, "women")]),
    ("Three men, 19, 22 and 25 years old, were charged.", [(19, "men"), (22, "men"), (25, "men")]),
    ("The flood hit 61 and 48 villages.", []),  # no "years old"
    ("Between 61 and 48 years old is no one here.", []),  # no group named
]


@pytest.mark.parametrize(("sentence", "expected"), GROUPS)
def test_ages_listed_for_a_group(sentence, expected):
    assert [(m.age, group) for m, group in group_ages(sentence)] == expected
    if expected:
        article = Article(id="a", path="a.txt", text=sentence)
        claims = article_claims(article, RULES_DIR)
        listed = {str(age) for age, _ in expected}
        assert all(c.value.dimension == "age" for c in claims if c.text in listed)
        assert sorted(c.text for c in claims if c.thing == f"the {expected[0][1]}") == sorted(listed)
