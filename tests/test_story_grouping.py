"""Stories: which articles of a batch tell one story, from the words and people they share."""

import pytest

from checker.gather.stories import group_stories, words
from checker.records import Article

CRASH = "Police in Velmora said {} people were killed in the crash on the Dornick highway. The mayor of Velmora visited."
FERRY = "Police in Karsholm said 40 people were injured when a ferry hit the Brannock pier. The harbour of Karsholm closed."


def _articles(*texts: str, published=None) -> list[Article]:
    return [Article(id=f"a{i}", path=f"a{i}.txt", text=text, published=published[i] if published else None)
            for i, text in enumerate(texts)]


def _stories(*texts: str, **kwargs) -> list[set[str]]:
    grouped: dict[str, set[str]] = {}
    for article, story in group_stories(_articles(*texts), **kwargs).items():
        grouped.setdefault(story, set()).add(article)
    return sorted(grouped.values(), key=min)


@pytest.mark.parametrize(("text", "names"), [
    ("Police in Velmora said the road was closed.", {"velmora"}),  # a sentence's first word is no name
    ("“We are ready,” Quinn said.", {"quinn"}),  # after a closing quote inside a sentence it is
    ("“We are ready.” The talks went on in Doha.", {"doha"}),  # after a quote that ended a sentence not
    ("The quake struck on Monday in March near Aceh.", {"aceh"}),  # days and months name nothing
    ("Joe Biden met aides. Biden spoke.", {"biden", "joe biden"}),  # a run of capitals is one name too
    ("The Bank said the bank was shut.", set()),  # a word also written in lower case is no name
])
def test_names_an_article_gives(text, names):
    assert words(text)[1] == names


def test_stories_that_share_no_place_stay_apart():
    assert _stories(CRASH.format(12), CRASH.format("nine"), FERRY) == [{"a0", "a1"}, {"a2"}]


def test_short_reports_naming_nothing_are_one_story():
    reports = ["A strong earthquake shook the island on Sunday, injuring five villagers.",
               "Five villagers were injured when a strong earthquake hit the island.",
               "The earthquake injured two villagers on the island, officials said."]
    assert _stories(*reports) == [{"a0", "a1", "a2"}]


def test_one_story_option_groups_everything():
    assert _stories(CRASH.format(12), FERRY, one_story=True) == [{"a0", "a1"}]


def test_articles_a_season_apart_are_two_stories():
    from datetime import date

    articles = _articles(CRASH.format(12), CRASH.format(19), published=[date(2024, 1, 1), date(2024, 6, 1)])
    assert len(set(group_stories(articles).values())) == 2


def test_articles_naming_different_people_are_two_stories():
    told = "Israeli strikes hit Gaza on Tuesday as ceasefire talks in Cairo stalled. {} and {} met. Gaza was quiet."
    first, second = told.format("Tzipi Livni", "Ehud Barak"), told.format("Antony Blinken", "Yoav Gallant")
    people = {"a0": {"livni", "barak"}, "a1": {"livni", "barak"}, "a2": {"blinken", "gallant"}}
    stories = group_stories(_articles(first, first.replace("Tuesday", "Wednesday"), second), people=people)
    assert stories["a0"] == stories["a1"] != stories["a2"]


def test_verbatim_copies_join_their_story_whatever_their_number():
    texts = [CRASH.format(12), CRASH.format(12) + " Roads stayed shut near Dornick."] * 40 + [FERRY] * 3
    stories = _stories(*texts)
    assert [len(s) for s in stories] == [80, 3]
