"""Frames: the names and the event verb a number's clause states, and how they keep facts apart."""

from datetime import date

import pytest

from checker.config import Settings
from checker.engine import find_facts
from checker.extraction import article_claims
from checker.gather.frames import event_days, event_verb, frame_of, told_apart
from checker.lexicon import RULES_DIR
from checker.records import Article


def _claim(sentence: str, figure: str, named: frozenset[str] = frozenset()):
    article = Article(id="a", path="a.txt", text=sentence)
    found = [c for c in article_claims(article, RULES_DIR) if c.kind == "number" and c.text == figure]
    assert found, f"no number claim {figure!r} in {sentence!r}"
    return frame_of(found[0], named)


NAMES = [
    # The people and places of the number's own clause; a clause ends at "while", commas and "and".
    ("Jamaal Charles rushed for 226 yards while Peyton Hillis added 101.", "226 yards", {"jamaal", "charles"}),
    ("Corner back Darius Butler intercepted Brady Quinn for a 32 yard defensive touchdown.", "32 yard",
     {"darius", "butler", "brady", "quinn"}),
    # Speakers tell of the fact; they are not who or where it is about.
    ("Local official Miabek Lang said 12 bombs had fallen.", "12", set()),
    ("Twelve bombs fell on the camp, according to Jonathan Hutson.", "Twelve", set()),
    # A name modifying a noun says what kind of thing ("Israeli tank shells", "the Yida camp").
    ("Two Israeli tank shells struck the building.", "Two", set()),
    # ... but a possessive name is whose it is: "Brady Quinn's day" is Quinn's.
    ("Brady Quinn's day ended with 198 yards passing.", "198 yards", {"brady", "quinn"}),
    ("On Sunday, Jamaal Charles' big day included an 86-yard run.", "86-yard", {"jamaal", "charles"}),
    # A capital opening a sentence says nothing, unless the article writes the word only as a name.
    ("Police found 12 bombs in the car.", "12", set()),
    ("Acronyms such as the UN counted 40 tents.", "40", set()),
]


@pytest.mark.parametrize("sentence, figure, names", NAMES)
def test_names_of_a_clause(sentence, figure, names):
    assert set(_claim(sentence, figure).names) == names


def test_a_name_opening_a_sentence_counts_when_the_article_writes_it_only_as_a_name():
    sentence = "Wayne had five catches in the game."
    assert _claim(sentence, "five").names == frozenset()
    possessive = "Charles' big day included an 86-yard touchdown run."
    assert _claim(possessive, "86-yard").names == frozenset()
    assert _claim(possessive, "86-yard", frozenset({"charle"})).names == {"charles"}
    assert _claim(sentence, "five", frozenset({"wayne"})).names == {"wayne"}


VERBS = [
    ("Four bombs were dropped on the camp.", "Four", "drop"),
    ("At least four bombs were reportedly dropped.", "At least four", "drop"),
    ("An Antonov bomber dropped four bombs on the area.", "four", "drop"),
    ("Three other bombs exploded outside the camp.", "Three", "explode"),
    ("Jamaal Charles rushed for 226 yards.", "226 yards", "rush"),
    # a participle right after the noun opens a phrase describing it; the clause's verb follows
    ("Some 500 people living near the dam were moved to a school.", "Some 500", "move"),
    ("A six-month Egypt-brokered truce was reached in June.", "six-month", "reach"),
    ("The four cables running across the sea carry most traffic.", "four", "run"),  # no auxiliary: its own verb
    ("Four bombs landed near the camp and were defused.", "Four", "land"),  # a coordinated verb is not the phrase's end
    ("The Chiefs racked up a total of 507 yards on offense.", "507 yards", "rack"),
    # Light verbs carry no event of their own.
    ("Wayne had five catches.", "five", ""),
    # A predicate of the lexicon ties the figure to the event already: no verb slot.
    ("Twelve people were killed in the blast.", "Twelve", ""),
]


@pytest.mark.parametrize("sentence, figure, verb", VERBS)
def test_event_verb(sentence, figure, verb):
    assert _claim(sentence, figure).verb == verb


def test_event_verb_is_empty_without_a_verb_beside_the_figure():
    text = "The camp contained 300 tents."
    start = text.index("300")
    assert event_verb(text, start, start + 3, 0, len(text)) == "contain"
    # A bare form that is as often a noun ("holds", "runs") is not taken for a verb.
    text = "The camp holds 300 tents."
    assert event_verb(text, start - 1, start + 2, 0, len(text)) == ""
    text = "A school of 300 pupils."
    start = text.index("300")
    assert event_verb(text, start, start + 3, 0, len(text)) == ""


def _facts(*texts: str, published: date | None = None):
    articles = [Article(id=f"a{i}", path=f"a{i}.txt", text=t, published=published) for i, t in enumerate(texts)]
    claims = [c for a in articles for c in article_claims(a, RULES_DIR)]
    return find_facts(claims, articles, Settings(), one_story=True)


def test_different_people_in_the_clause_make_different_facts():
    disputed, _ = _facts("Jamaal Charles broke off an 86-yard touchdown run.",
                         "Luck hit Reggie Wayne for a seven-yard touchdown.")
    assert disputed == []


def test_the_same_person_keeps_one_fact():
    disputed, _ = _facts("Jamaal Charles broke off an 86-yard touchdown run.",
                         "Jamaal Charles broke off an 84-yard touchdown run.")
    assert [sorted(f.values) for f in disputed] == [["76.81 m", "78.64 m"]]


def test_verbs_an_article_tells_apart_make_different_facts():
    # The first article gives one figure for "dropped" and another for "exploded": two facts.
    disputed, _ = _facts("Five bombs were dropped, and four bombs exploded near the camp.",
                         "Four bombs were dropped on the camp.")
    assert [sorted(f.values) for f in disputed] == [["4", "5"]]


def test_verbs_no_article_tells_apart_may_tell_one_fact():
    disputed, _ = _facts("Two tank shells struck the school.", "Three tank shells exploded at the school.")
    assert [sorted(f.values) for f in disputed] == [["2", "3"]]


SPANS = [
    ("More than 600 Palestinians have been killed in the 12 days of the offensive.", "More than 600", True),
    ("The toll rose to 640 since the assault began.", "640", True),
    ("After 13 days of bombardment, which has claimed more than 660 lives, talks began.", "more than 660", True),
    ("Police made 120 arrests over four nights.", "120", True),
    ("Forces bombed the area in recent days, killing at least seven people.", "at least seven", True),
    # "so far" counts one incident's dead up to now; a span in another clause is that clause's.
    ("The hospital said 41 bodies had been brought in so far.", "41", False),
    ("At least 43 people were killed in the school, pushing the toll above 680 since the war began.",
     "At least 43", False),
]


@pytest.mark.parametrize("sentence, figure, span", SPANS)
def test_span(sentence, figure, span):
    assert _claim(sentence, figure).span is span


def test_a_running_total_is_no_statement_of_the_incident():
    disputed, agreed = _facts("Forty people were killed in the school.",
                              "More than 600 people have been killed since the war began.")
    assert disputed == [] and agreed == []


def test_a_figure_joins_the_fact_more_outlets_state():
    # The first article tells of two attacks; the third outlet's 12 is the story's attack, which
    # two outlets put at none, not the side attack of 7 nearer to it in size.
    disputed, _ = _facts("No one was killed in the camp. In Guffa on Tuesday, 7 people were killed.",
                         "No one was killed in the camp.", "12 people were killed in the camp.")
    assert [sorted(f.values) for f in disputed] == [["0", "12"]]


PLACES = [
    ("Two bombs landed inside the camp itself.", "Two", ("at", "camp")),
    ("Three other bombs exploded outside the camp.", "Three", ("outside", "camp")),
    ("One bomb landed on a market near the school.", "One", ("at", "market")),
    ("Two bombs fell near the Yida airstrip.", "Two", ("near", "airstrip")),
    # a time is no place; neither is a pronoun
    ("The river reached a 3-meter crest on Tuesday night.", "3-meter", ("", "")),
    ("Three or four bombs fell outside it.", "Three", ("outside", "")),
    ("One bomb landed just 5 feet away from a boy.", "5 feet", ("from", "boy")),
    ("The camp lies 10 miles south of the border.", "10 miles", ("from", "border")),
]


@pytest.mark.parametrize("sentence, figure, place", PLACES)
def test_place(sentence, figure, place):
    assert _claim(sentence, figure).place == place


def test_inside_and_outside_one_place_are_two_facts():
    disputed, _ = _facts("Two bombs landed inside the camp.", "Three bombs landed outside the camp.")
    assert disputed == []
    disputed, _ = _facts("Two bombs landed inside the camp.", "Three bombs landed in the camp.")
    assert [sorted(f.values) for f in disputed] == [["2", "3"]]
    # two words for two sides of one place say nothing against each other
    disputed, _ = _facts("Two shells exploded outside the school grounds.", "Three shells landed at the perimeter.")
    assert [sorted(f.values) for f in disputed] == [["2", "3"]]


def test_told_apart_pairs_only_verbs_one_article_gives_different_figures():
    class C:  # the few fields told_apart reads
        def __init__(self, id, article, display):
            self.id, self.article_id = id, article
            self.value = type("V", (), {"display": display})()

    frames = {"1": _Frame("drop"), "2": _Frame("explode"), "3": _Frame("strike"), "4": _Frame("explode")}
    claims = [C("1", "a", "5"), C("2", "a", "4"), C("3", "b", "2"), C("4", "b", "2")]
    assert told_apart(claims, lambda c: frames[c.id].verb) == {frozenset({"drop", "explode"})}


class _Frame:
    def __init__(self, verb):
        self.verb, self.names = verb, frozenset()


def test_a_figure_with_no_verb_of_its_own_may_state_a_predicate_fact():
    # "More than two dozen schools" has no verb; "11 UN schools and shelters" shelter people.
    disputed, _ = _facts("More than two dozen schools run by the agency are serving as shelters.",
                         "At least 5,000 are staying in 11 schools and shelters.")
    assert [sorted(f.values) for f in disputed] == [["11", "> 24"]]


def test_a_state_or_another_verb_is_not_the_predicate_fact():
    disputed, _ = _facts("Nearly 100 workers were on the night shift. The mill said 300 workers will be laid off.",
                         "The mill said 450 workers will be laid off.")
    assert [sorted(f.values) for f in disputed] == [["300", "450"]]
    disputed, _ = _facts("Some 420 homes were flooded.", "Officials said 64 homes were destroyed.")
    assert disputed == []


def test_a_part_named_by_another_noun_is_not_the_toll():
    disputed, _ = _facts("At least 40 people were killed. Ten children were killed in the school.",
                         "Ten children were killed.", "Forty people were killed.")
    assert disputed == []


ATTRIBUTIVE = [
    ("86-yard", " touchdown run", True),
    ("32 yard", " defensive touchdown", True),  # the unit singular after a number other than one
    ("45-day", " ceasefire", True),
    ("226 yards", " while Hillis", False),
    ("10 km", " from the town", False),
    ("one mile", " long", False),
]


@pytest.mark.parametrize("figure, after, expected", ATTRIBUTIVE)
def test_attributive_measure(figure, after, expected):
    from checker.gather.frames import attributive_measure

    assert attributive_measure(figure, after) is expected


def test_one_of_many_measured_things_is_the_one_its_name_tells():
    # The first article gives two runs two lengths: runs come in several, so a run is only the
    # same run when the same runner is named.
    disputed, _ = _facts("Jamaal Charles broke off an 86-yard run. Later Luck had a 14-yard run.",
                         "Reggie Wayne had a 20-yard run.")
    assert disputed == []
    # A story's one truce is the truce, whoever is named.
    disputed, _ = _facts("Hamas agreed to a 45-day ceasefire.", "Israel agreed to a 30-day ceasefire.")
    assert [sorted(f.values) for f in disputed] == [["30 days", "45 days"]]


def test_and_before_a_verb_keeps_the_subject_in_the_clause():
    sentence = "Charles turned in an 86-yard touchdown run and rushed for a total of 226 yards."
    assert "charles" in _claim(sentence, "226 yards", frozenset({"charles"})).names
    sentence = "Charles rushed for 226 yards and Hillis rushed for 101 yards."
    assert _claim(sentence, "101 yards").names == {"hillis"}


def test_a_name_written_mid_sentence_in_any_article_of_the_story_counts_when_it_opens_one():
    # "Charles" opens the sentence in the first article; the second writes "Jamaal Charles".
    disputed, _ = _facts("Charles rushed for a total of 226 yards.", "The Chiefs racked up a total of 507 yards.",
                         "In the game Jamaal Charles carried the ball.")
    assert disputed == []


def test_a_noun_that_makes_a_kind_of_the_thing_keeps_it_apart():
    # "voice traffic" is a kind of traffic; "undersea" and "Internet" only describe the cables.
    disputed, _ = _facts("Some 65 percent of traffic to India was down.", "About 82 percent of voice traffic to India was down.")
    assert disputed == []
    disputed, _ = _facts("Three cables were cut.", "Two Internet cables were cut.")
    assert [sorted(f.values) for f in disputed] == [["2", "3"]]


def test_he_stands_for_the_last_subject_named_before():
    text = ("Andrew Luck was poor for a stretch of the game. But after that he got hot. "
            "He ended the day with 6 carries for 21 yards.")
    article = Article(id="a", path="a.txt", text=text)
    claim = next(c for c in article_claims(article, RULES_DIR) if c.text == "6")
    assert frame_of(claim, frozenset(), text).names == {"luck"}
    # without the article's text the pronoun names no one
    assert frame_of(claim).names == frozenset()


def test_a_pronoun_subject_keeps_two_players_stats_apart():
    disputed, _ = _facts("Jamaal Charles had 226 yards on 22 carries.",
                         "Andrew Luck was poor for a stretch. He ended the day 17/35 and the touchdown with 6 carries.")
    assert disputed == []


def test_a_comma_between_two_modifiers_of_one_noun_is_no_clause_boundary():
    from checker.extract.clauses import clause

    text = "The Colts embarked on a 13-play, 73-yard drive."
    low, high = clause(text, text.index("73"), text.index("73") + 7)
    assert text[low:high].startswith("The Colts")
    text = "Police killed 12, wounded 20 and arrested 5."
    assert clause(text, text.index("20"), text.index("20") + 2)[0] == text.index(",") + 1


def _dated_facts(*texts: str):
    return _facts(*texts, published=date(2011, 11, 11))


def test_figures_of_events_dated_to_different_days_are_different_facts():
    disputed, _ = _dated_facts("He said 12 people were killed in Thursday's bombing.",
                               "He condemned the bombing of Guffa on Tuesday, which he said killed seven.")
    assert disputed == []
    disputed, _ = _dated_facts("He said 12 people were killed in Thursday's bombing.",
                               "He said the bombing on Thursday killed seven.")
    assert [sorted(f.values) for f in disputed] == [["12", "7"]]
    # "Yesterday" read on two publication days: two days, one quake.
    one = Article(id="a0", path="a0.txt", text="The quake struck Velmora yesterday, killing 5 people.",
                  published=date(2025, 3, 10))
    two = Article(id="a1", path="a1.txt", text="The quake struck Velmora yesterday, killing 7 people.",
                  published=date(2025, 3, 11))
    claims = [c for a in (one, two) for c in article_claims(a, RULES_DIR)]
    disputed, _ = find_facts(claims, [one, two], Settings(), one_story=True)
    assert ["5", "7"] in [sorted(f.values) for f in disputed]


@pytest.mark.parametrize(("sentence", "days"), [
    ("He said 12 people were killed in Thursday's bombing.", {date(2011, 11, 10).toordinal()}),
    ("The quake struck on Monday and an aftershock struck on Tuesday.", set()),  # two days: none
    ("About 40 people were killed.", set()),
])
def test_the_day_a_sentence_dates_its_event_to(sentence, days):
    article = Article(id="a", path="a.txt", text=sentence, published=date(2011, 11, 11))
    found = event_days(article_claims(article, RULES_DIR))
    assert {int(day) for day, _, _ in found.values()} == days


def test_two_names_of_one_place_are_one_place():
    disputed, _ = _facts("Violence broke out in Thessaloniki, where another 20,000 people marched.",
                         "Clashes broke out in Salonika where approximately 50,000 people marched.")
    assert [sorted(f.values) for f in disputed] == [["20,000", "≈ 50,000"]]


def test_places_table_reads_names_to_places(rules_copy):
    from checker.lexicon import load_places

    assert load_places()["salonika"] == "thessaloniki" and load_places()["bombay"] == "mumbai"
    (rules_copy / "places.toml").unlink()
    assert load_places(rules_copy) == {}
