"""Matching: what meets what, across articles and stories."""

from checker.config import Settings
from checker.engine import extract_claims, find_discrepancies
from checker.records import Article


def _findings(*texts: str, published=None):
    articles = [Article(id=f"a{i}", path=f"a{i}.txt", text=text, published=published) for i, text in enumerate(texts)]
    settings = Settings()
    return find_discrepancies(extract_claims(articles, settings), articles, settings)


FIRE = ("Fire swept through the Harlan mill in Millbrook on Monday. Twelve workers were killed "
        "in the Harlan fire, Millbrook officials said.")
FLOOD = ("The Ashby river burst its banks in Carrowmore on Monday. Nine workers were killed "
         "in the Ashby flood, Carrowmore officials said.")


def test_same_story_conflict_is_found():
    assert len(_findings(FIRE, FIRE.replace("Twelve", "Nine"))) == 1


def test_unrelated_stories_never_meet():
    # Same counted thing and predicate, different figures: but no shared names, so no finding.
    assert _findings(FIRE, FLOOD) == []


def test_background_year_is_another_event():
    now = "A quake struck Aceh on Tuesday. At least 24 people were killed in Aceh, Aceh officials said."
    then = "A quake struck Aceh on Tuesday. In 2004 a tsunami killed 230,000 people in Aceh."
    assert _findings(now, then) == []


def test_addition_is_not_a_total():
    a = "The quake struck Aceh. Five people were killed in Aceh."
    b = "The quake struck Aceh. Another four people died in Aceh hospitals."
    assert _findings(a, b) == []


def test_different_scope_is_another_count():
    a = "A tsunami hit Aceh. The tsunami killed 170,000 people in the province, Aceh officials said."
    b = "A tsunami hit Aceh. The tsunami killed 230,000 people across Asia, Aceh officials said."
    assert _findings(a, b) == []


def test_repeated_figure_gives_one_finding_per_article_pair():
    a = "Police in Troy said 12 workers were killed. Troy police repeated that 12 workers were killed."
    b = "Police in Troy said nine workers were killed."
    assert len(_findings(a, b)) == 1


def test_ids_do_not_change_when_articles_join():
    a, b = FIRE, FIRE.replace("Twelve", "Nine")
    first = {f.id for f in _findings(a, b)}
    grown = {f.id for f in _findings(a, b, FLOOD)}
    assert first and first <= grown
