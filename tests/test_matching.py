"""Gathering: what meets what, across articles and stories."""

from checker.config import Settings
from checker.engine import extract_claims, find_facts
from checker.records import Article


def _facts(*texts: str, published=None, one_story=False):
    articles = [Article(id=f"a{i}", path=f"a{i}.txt", text=text, published=published) for i, text in enumerate(texts)]
    settings = Settings()
    return find_facts(extract_claims(articles, settings), articles, settings, one_story)


def _findings(*texts: str, published=None, one_story=False):
    return _facts(*texts, published=published, one_story=one_story)[0]


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


def test_repeated_figure_gives_one_finding_per_fact():
    a = "Police in Troy said 12 workers were killed. Troy police repeated that 12 workers were killed."
    b = "Police in Troy said nine workers were killed."
    (finding,) = _findings(a, b)
    assert finding.values == ("12", "9")
    assert [len(v.claims) for v in finding.variants] == [2, 1]  # the repeat folds into its article's statement
    assert [v.articles for v in finding.variants] == [("a0",), ("a1",)]


def test_outlets_repeating_one_side_give_one_finding():
    told = "Police in Troy said {} workers were killed at the Troy plant on Monday."
    findings = _findings(*[told.format(n) for n in ("12", "12", "12", "nine", "nine")])
    assert len(findings) == 1
    assert [(v.value, len(v.articles)) for v in findings[0].variants] == [("12", 3), ("9", 2)]


def test_agreeing_articles_make_an_agreed_fact():
    told = "Police in Troy said {} workers were killed at the Troy plant on Monday."
    disputed, agreed = _facts(told.format("12"), told.format("twelve"))
    assert disputed == []
    numbers = [f for f in agreed if f.kind == "number"]
    assert [(f.verdict, f.values, len(f.variants[0].articles)) for f in numbers] == [("agreed", ("12",), 2)]


def test_a_claim_joins_the_fact_it_matches_best():
    # "four killed by friendly fire" has its twin in another article: that is its fact, not a
    # rival figure of "five soldiers died".
    a = "Five soldiers were killed in Gaza on Monday, the army said. Four soldiers were killed by friendly fire."
    b = "Five soldiers were killed in Gaza on Monday. Four soldiers were killed by friendly fire, the army said."
    c = "The army said five soldiers were killed in Gaza on Monday."
    disputed, agreed = _facts(a, b, c, one_story=True)
    assert disputed == []
    assert sorted(f.values for f in agreed if f.kind == "number") == [("4",), ("5",)]


def test_one_article_stating_two_figures_states_two_facts():
    a = "Five people were killed in the Troy blast. Later the toll rose: seven people were killed in Troy."
    b = "Five people were killed in the Troy blast on Monday."
    assert _findings(a, b, one_story=True) == []


def test_one_story_option_groups_everything():
    # Three short quake reports sharing no proper name are still one story.
    reports = ["A strong earthquake shook the island on Sunday, injuring five villagers.",
               "Five villagers were injured when a strong earthquake hit the island.",
               "The earthquake injured two villagers on the island, officials said."]
    assert len(_findings(*reports)) == 1
    assert len(_findings(*reports, one_story=True)) == 1


def test_ids_do_not_change_when_articles_join():
    a, b = FIRE, FIRE.replace("Twelve", "Nine")
    first = {f.id for f in _findings(a, b)}
    grown = {f.id for f in _findings(a, b, FLOOD)}
    assert first and first <= grown


def test_an_article_stands_in_one_variant_by_its_most_precise_figure():
    a = "Hundreds of people fled the Troy floods, and 400 people fled on Monday alone, Troy officials said."
    b = "Officials in Troy said 350 people fled the Troy floods."
    (finding,) = _findings(a.replace(", and 400 people fled on Monday alone", ". 400 people fled the Troy floods"), b)
    assert sorted((v.value, v.articles, len(v.claims)) for v in finding.variants) == [
        ("350", ("a1",), 1), ("400", ("a0",), 2)]  # "hundreds" rides along with its article's 400
