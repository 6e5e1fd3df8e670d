"""Scoring a Report's findings against labelled pairs, and reading gold files."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.evaluate import (GoldPair, KindScore, evaluate, joined, matches, normalize, read_gold, render_eval,
                              snippet)
from checker.records import Article, Claim, Finding, Interval, Quantity, Report, Sentence, Variant, stable_id

from conftest import SHARED
HEADER = "split,cluster,kind,topic,doc_a,quote_a,value_a,doc_b,quote_b,value_b,verdict,note\n"


def claim(article_id: str, sentence: str, text: str | None = None, value: float = 5, kind: str = "number") -> Claim:
    """Build a claim on a one-sentence article; its text defaults to the whole sentence."""
    text = text or sentence
    start = max(sentence.find(text), 0)
    quantity = Quantity(Interval.point(value), "count", "", str(value), f"{value:g}")
    return Claim(id=stable_id(article_id, sentence, text), article_id=article_id,
                 sentence=Sentence(article_id, 0, 0, len(sentence), sentence, 1),
                 start=start, end=start + len(text), kind=kind, text=text, predicate="", thing="",
                 topic="", value=quantity)


def fact(*sides: Claim | tuple[Claim, ...], verdict: str = "conflict") -> Finding:
    """Build a finding whose variants hold the given claims (a claim or a tuple of claims each)."""
    groups = [side if isinstance(side, tuple) else (side,) for side in sides]
    variants = tuple(Variant(g[0].value.display, g) for g in groups)
    return Finding(id=stable_id(*(c.id for g in groups for c in g)), rule="r", name="test.rule", kind=groups[0][0].kind,
                   verdict=verdict, severity="high" if verdict != "agreed" else "", topic="", variants=variants,
                   explanation="")


def flag(a: Claim, b: Claim, verdict: str = "conflict") -> Finding:
    """Build a finding of two variants, one claim each."""
    return fact(a, b, verdict=verdict)


def row(doc_a: str, quote_a: str, doc_b: str, quote_b: str, verdict: str = "conflict",
        kind: str = "number") -> GoldPair:
    """Build a gold row."""
    return GoldPair("dev", "c", kind, "t", doc_a, quote_a, "x", doc_b, quote_b, "y", verdict, "")


def report(*flags: Finding, ids: tuple[str, ...] = ("A", "B", "C")) -> Report:
    """Build a report over articles with the given ids."""
    articles = tuple(Article(id=i, path=f"{i}.txt", text="") for i in ids)
    return Report(articles, (), tuple(flags))


def score(result, kind: str) -> KindScore:
    """Return the score row of one kind."""
    return next(s for s in result.scores if s.kind == kind)


INJURED_A = claim("A", "The quake injured five people, officials said.", "injured five people")
INJURED_B = claim("B", "Two people were injured in the quake.", "Two people were injured", value=2)
KILLED_A = claim("A", "At least 12 people were killed.", value=12)
KILLED_B = claim("B", "Ten people died, police said.", value=10)
HOMES_A = claim("A", "Some 300 homes were damaged.", value=300)
HOMES_B = claim("B", "More than 300 houses were damaged.", value=300)
DAY_A = claim("A", "The quake struck on Sunday.", kind="date")
DAY_B = claim("B", "The quake struck on Monday.", kind="date")


# --- counts ------------------------------------------------------------------------------

def test_counts_per_kind_and_all():
    gold = [
        row("A", "injured five people", "B", "Two people were injured"),  # found
        row("A", "At least 12 people were killed", "B", "Ten people died"),  # missed
        row("A", "Some 300 homes were damaged", "B", "More than 300 houses", "consistent"),  # flagged: false
        row("A", "struck on Sunday", "B", "struck on Monday", "update", kind="date"),  # found
    ]
    flags = [flag(INJURED_A, INJURED_B), flag(HOMES_A, HOMES_B), flag(DAY_A, DAY_B, "update"),
             flag(KILLED_A, HOMES_B)]  # the last one is unlabelled
    result = evaluate(report(*flags), gold)
    assert [s.kind for s in result.scores] == ["date", "number", "all"]
    assert score(result, "number") == KindScore("number", 1, 1, 1, 2, 1, 1, 0.5, 0.5)
    assert score(result, "date") == KindScore("date", 1, 0, 0, 1, 0, 0, 1.0, 1.0)
    assert score(result, "all") == KindScore("all", 2, 1, 1, 3, 1, 1, 2 / 3, 2 / 3)
    assert result.missed == (gold[1],)
    assert result.found == ((flags[0], gold[0]), (flags[2], gold[3]))
    assert result.false == ((flags[1], gold[2]), (flags[3], None))


def test_unlabelled_flags_count_against_precision_only_when_exhaustive():
    gold = [row("A", "injured five people", "B", "Two people were injured")]
    flags = [flag(INJURED_A, INJURED_B), flag(KILLED_A, KILLED_B), flag(HOMES_A, HOMES_B)]
    loose, strict = evaluate(report(*flags), gold), evaluate(report(*flags), gold, exhaustive=True)
    assert (score(loose, "all").fp, score(loose, "all").precision) == (0, 1.0)
    assert (score(strict, "all").fp, score(strict, "all").precision) == (2, 1 / 3)
    assert score(loose, "all").unlabelled_flags == score(strict, "all").unlabelled_flags == 2
    assert "2 unlabelled flag(s), not counted" in render_eval(loose)
    assert "not counted" not in render_eval(strict)


def test_flag_on_consistent_label_is_false():
    gold = [row("A", "Some 300 homes", "B", "More than 300 houses were damaged", "consistent")]
    result = evaluate(report(flag(HOMES_A, HOMES_B)), gold)
    assert score(result, "all") == KindScore("all", 0, 1, 0, 0, 1, 0, 0.0, None)
    assert result.false == ((flag(HOMES_A, HOMES_B), gold[0]),)


def test_positive_label_wins_over_consistent_and_counts_once():
    same_quotes = ("A", "injured five people", "B", "Two people were injured")
    gold = [row(*same_quotes, "consistent"), row(*same_quotes, "conflict"), row(*same_quotes, "update")]
    result = evaluate(report(flag(INJURED_A, INJURED_B)), gold)
    assert score(result, "all") == KindScore("all", 1, 0, 0, 2, 0, 0, 1.0, 1.0)
    assert result.false == ()
    assert len(result.found) == 2


def test_nothing_to_score_gives_none():
    result = evaluate(report(), [row("A", "x", "B", "y", "consistent")])
    assert score(result, "all") == KindScore("all", 0, 0, 0, 0, 0, 0, None, None)
    assert "n/a" in render_eval(result)


def test_rows_naming_absent_articles_are_skipped():
    gold = [row("A", "injured five people", "B", "Two people were injured"),
            row("A", "injured five people", "Z", "four people hurt"),
            row("Y", "a", "Z", "b", "consistent", kind="role")]
    result = evaluate(report(flag(INJURED_A, INJURED_B)), gold)
    assert result.skipped == 2
    assert result.missed == ()
    assert [s.kind for s in result.scores] == ["number", "all"]
    assert score(result, "all").recall == 1.0
    assert "2 gold row(s) skipped" in render_eval(result)


def test_other_verdict_still_found_and_noted():
    gold = [row("A", "struck on Sunday", "B", "struck on Monday", "update", kind="date")]
    result = evaluate(report(flag(DAY_A, DAY_B, "conflict")), gold)
    assert score(result, "date").recall == 1.0
    assert "1 found with the other verdict" in render_eval(result)
    assert "other verdict" not in render_eval(evaluate(report(flag(DAY_A, DAY_B, "update")), gold))


# --- matching ----------------------------------------------------------------------------

SENTENCE = "Officials said the quake \u201cinjured five people\u201d in Qeshm\u2019s  villages on Sunday."
MATCH_CASES = [
    pytest.param("injured five people", True, id="quote-shorter-than-sentence"),
    pytest.param('"injured five people" in qeshm\'s villages', True, id="curly-vs-straight-quotes"),
    pytest.param("INJURED   five\npeople", True, id="case-and-whitespace"),
    pytest.param("According to ISNA, officials said the quake \u201cinjured five people\u201d in Qeshm\u2019s villages "
                 "on Sunday, and more.", True, id="quote-longer-than-sentence"),
    pytest.param("killed thirty soldiers", False, id="other-words"),
]


@pytest.mark.parametrize(("quote", "expected"), MATCH_CASES)
def test_partial_quote_matching(quote, expected):
    a = claim("A", SENTENCE, "five people")
    assert matches(flag(a, INJURED_B), row("A", quote, "B", "Two people were injured")) is expected


ORDER_CASES = [
    pytest.param(row("A", "injured five people", "B", "Two people were injured"), True, id="same-order"),
    pytest.param(row("B", "Two people were injured", "A", "injured five people"), True, id="swapped-order"),
    pytest.param(row("A", "Two people were injured", "B", "injured five people"), False, id="quotes-on-wrong-docs"),
    pytest.param(row("A", "injured five people", "C", "Two people were injured"), False, id="other-article"),
    pytest.param(row("A", "injured five people", "B", "Two people were injured", kind="date"), False,
                 id="other-kind"),
]


@pytest.mark.parametrize(("gold", "expected"), ORDER_CASES)
def test_either_order_matching(gold, expected):
    assert matches(flag(INJURED_A, INJURED_B), gold) is expected
    assert matches(flag(INJURED_B, INJURED_A), gold) is expected


def test_claim_text_matches_when_sentence_does_not():
    a = claim("A", "A very long sentence about many other things, where the quote ended.", "we will rebuild",
              kind="attribution")
    b = claim("B", '"We will rebuild," she said.', "We will rebuild", kind="attribution")
    assert matches(flag(a, b), row("A", "we will rebuild", "B", "We will rebuild", kind="attribution"))


def test_same_article_row():
    first, second = claim("A", "A 60-day ceasefire proposal."), claim("A", "The two-month timeout.")
    gold = row("A", "a 60-day ceasefire proposal", "A", "the two-month timeout", "consistent")
    assert matches(flag(first, second), gold)
    assert matches(flag(second, first), gold)
    assert not matches(flag(first, claim("B", "The two-month timeout.")), gold)


def test_threshold_is_respected():
    gold = row("A", "injured six people", "B", "Two people were injured")
    assert matches(flag(INJURED_A, INJURED_B), gold, threshold=80)
    assert not matches(flag(INJURED_A, INJURED_B), gold, threshold=99)


# --- rendering ---------------------------------------------------------------------------

def test_render_lists_missed_and_false_on_one_line_each():
    gold = [row("A", "At least 12\npeople were killed", "B", "Ten people died"),
            row("A", "Some 300 homes", "B", "More than 300 houses", "consistent")]
    result = evaluate(report(flag(HOMES_A, HOMES_B), flag(INJURED_A, INJURED_B)), gold)
    text = render_eval(result)
    for word in ("kind", "labelled", "found", "missed", "false", "precision", "recall", "number", "all"):
        assert word in text
    assert '  [number] A "At least 12 people were killed" (x) vs B "Ten people died" (y): labelled conflict' in text
    assert ('  [number] A "Some 300 homes were damaged." (300) vs B "More than 300 houses were damaged." (300): '
            "flagged conflict high, labelled consistent (t)") in text
    assert ('  [number] 5 (A: "The quake injured five people, officials said.") vs 2 (B: "Two people were injured '
            'in the quake."): flagged conflict high, unlabelled') in text
    assert "false (flagged labelled consistent) (1):" in text and "unlabelled (1):" in text
    short = render_eval(result, verbose=False)
    assert "missed (" not in short and "false (" not in short and "unlabelled (" not in short


SNIPPET_CASES = [
    pytest.param("Ten people\ndied.", "Ten", "Ten people died.", id="short-sentence-whole"),
    pytest.param("x" * 100 + " five people hurt " + "y" * 100, "five", "\u2026" + "x" * 37 + " five people hurt "
                 + "y" * 25 + "\u2026", id="window-around-claim"),
    pytest.param("five people hurt " + "y" * 100, "five", "five people hurt " + "y" * 63 + "\u2026", id="at-start"),
]


@pytest.mark.parametrize(("sentence", "text", "expected"), SNIPPET_CASES)
def test_snippet(sentence, text, expected):
    assert snippet(claim("A", sentence, text)) == expected


def test_normalize():
    assert normalize("  \u201cQeshm\u2019s\u201d\n QUAKE \u2018x\u2019 ") == '"qeshm\'s" quake \'x\''


# --- reading gold files ------------------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    """Write a gold file with a byte-order mark."""
    path = tmp_path / "gold.csv"
    path.write_text("\ufeff" + text, encoding="utf-8")
    return path


def test_read_gold(tmp_path):
    path = write(tmp_path, HEADER + 'dev,c,number,t,A,"five, people",5,B,two,2,conflict,a note\n\n')
    assert read_gold(path) == [GoldPair("dev", "c", "number", "t", "A", "five, people", "5", "B", "two", "2",
                                        "conflict", "a note")]


def test_read_gold_optional_columns_may_be_absent(tmp_path):
    path = write(tmp_path, "kind,doc_a,quote_a,doc_b,quote_b,verdict\nrole,A,x,B,y,consistent\n")
    assert read_gold(path) == [GoldPair(kind="role", doc_a="A", quote_a="x", doc_b="B", quote_b="y",
                                        verdict="consistent")]


BAD_FILES = [
    pytest.param(HEADER.replace(",verdict", ",label") + "dev,c,number,t,A,x,1,B,y,2,conflict,\n",
                 "without column(s) verdict", id="missing-column"),
    pytest.param(HEADER + "dev,c,number,t,A,x,1,B,y,2,wrong,\n", ":2: unknown verdict 'wrong'", id="bad-verdict"),
    pytest.param(HEADER + "dev,c,number,t,A,x,1,B,y,2,conflict,\ndev,c,number,t,A,one, two,1,B,y,2,conflict,\n",
                 ":3: 13 fields where the header has 12", id="unquoted-comma"),
    pytest.param(HEADER + "dev,c,number,t,A,,1,B,y,2,conflict,\n", ":2: empty quote_a", id="empty-quote"),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_read_gold_errors(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(InputError, match=re.escape(message)) as err:
        read_gold(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_read_gold_mends_split_thousands(tmp_path):
    path = write(tmp_path, HEADER + "dev,c,number,t,A,over 20,000 people,>20000,B,y,2,conflict,\n")
    (row,) = read_gold(path)
    assert (row.quote_a, row.value_a, row.verdict) == ("over 20,000 people", ">20000", "conflict")


def test_read_gold_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.csv: cannot read gold labels"):
        read_gold(tmp_path / "nope.csv")


# --- the real gold files -----------------------------------------------------------------

REAL_FILES = [
    pytest.param(SHARED / "corpus" / "dev" / "gold.csv", 80,
                 {"number": 46, "attribution": 14, "role": 12, "date": 8}, id="dev"),
    # seeds-gold.csv has two quotes with an unquoted thousands separator ("over 20,000"):
    # read_gold mends those, so the file reads whole.
    pytest.param(SHARED / "seeds-gold.csv", 17, {"role": 8, "number": 7, "attribution": 2}, id="seeds"),
]


@pytest.mark.parametrize(("path", "count", "kinds"), REAL_FILES)
def test_real_gold_files(path, count, kinds):
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    rows = read_gold(path)
    assert len(rows) == count
    assert Counter(r.kind for r in rows) == kinds
    assert all(r.verdict in ("conflict", "update", "consistent") for r in rows)


def test_a_figure_must_lie_inside_the_quoted_words():
    sentence = "The quake killed at least seven people and injured 40, officials said."
    killed = claim("A", sentence, "at least seven", value=7)
    injured = claim("A", sentence, "40", value=40)
    other = claim("B", "That quake killed at least six people.", "at least six", value=6)
    gold = row("A", "killed at least seven people", "B", "killed at least six people")
    assert matches(flag(killed, other), gold)
    assert not matches(flag(injured, other), gold)  # same sentence, another figure


def test_a_speaker_is_a_fact_of_the_whole_sentence():
    quote_a = claim("A", '"We will rebuild," Mayor Ana Ruiz said.', "We will rebuild", kind="attribution")
    quote_b = claim("B", '"We will rebuild," the governor said.', "We will rebuild", kind="attribution")
    gold = row("A", "Mayor Ana Ruiz said", "B", "the governor said", kind="attribution")
    assert matches(flag(quote_a, quote_b), gold)


def test_render_lists_found_rows_with_verdict_and_severity():
    gold = [row("A", "injured five people", "B", "Two people were injured", verdict="update")]
    text = render_eval(evaluate(report(flag(INJURED_A, INJURED_B)), gold))
    assert "found (1):" in text
    assert "[number] A (5) vs B (2): conflict (labelled update), high, r: t" in text


def test_a_short_figure_does_not_hit_a_longer_quote_by_its_prefix():
    total = claim("A", "Strikes killed more than 50 people on Monday.", "more than 50", value=50)
    other = claim("B", "The toll rose above 680.", "above 680", value=680)
    gold = row("A", "more than 640 Palestinians killed since the assault began", "B", "above 680")
    assert not matches(flag(total, other), gold)


# --- findings are facts: sides in different variants ------------------------------------

INJURED_C = claim("C", "Five people were hurt, the mayor said.", "Five people were hurt")
FIVE_TWO = row("A", "injured five people", "B", "Two people were injured")
FACT_CASES = [
    pytest.param(fact((INJURED_A, INJURED_C), INJURED_B), FIVE_TWO, True, id="sides-in-two-variants"),
    pytest.param(fact(INJURED_B, (INJURED_A, INJURED_C)), FIVE_TWO, True, id="either-variant-order"),
    pytest.param(fact((INJURED_A, INJURED_C), INJURED_B), row("A", "injured five people", "C", "Five people were hurt"),
                 False, id="sides-in-one-variant"),
    pytest.param(fact(INJURED_A, INJURED_B, INJURED_C), row("C", "Five people were hurt", "A", "injured five people"),
                 True, id="third-variant"),
]


@pytest.mark.parametrize(("finding", "gold", "expected"), FACT_CASES)
def test_a_pair_is_found_when_a_finding_splits_it(finding, gold, expected):
    assert matches(finding, gold) is expected


def test_one_finding_finds_several_rows_and_counts_once():
    gold = [row("A", "injured five people", "B", "Two people were injured"),
            row("C", "Five people were hurt", "B", "Two people were injured"),
            row("A", "injured five people", "C", "Five people were hurt", "consistent")]
    finding = fact((INJURED_A, INJURED_C), INJURED_B)
    result = evaluate(report(finding), gold)
    assert score(result, "all") == KindScore("all", 1, 0, 0, 2, 0, 0, 1.0, 1.0)
    assert result.found == ((finding, gold[0]), (finding, gold[1]))
    assert result.split == () and result.false == ()


def test_a_consistent_pair_split_inside_a_right_finding_is_noted():
    gold = [row("A", "injured five people", "B", "Two people were injured"),
            row("A", "injured five people", "C", "Five people were hurt", "consistent")]
    finding = fact(INJURED_A, INJURED_B, INJURED_C)
    result = evaluate(report(finding), gold)
    assert score(result, "all").precision == 1.0 and result.false == ()
    assert result.split == ((finding, gold[1]),)
    text = render_eval(result)
    assert "1 labelled consistent pair(s) split inside findings that also found a labelled pair" in text
    assert "consistent pairs split inside findings that found a labelled pair (1):" in text


def test_agreed_facts_are_not_flags():
    gold = [row("A", "Some 300 homes", "B", "More than 300 houses", "consistent")]
    agreed = fact((HOMES_A, HOMES_B), verdict="agreed")
    articles = tuple(Article(id=i, path=f"{i}.txt", text="") for i in "AB")
    result = evaluate(Report(articles, (), (), (agreed,)), gold)
    assert score(result, "all") == KindScore("all", 0, 0, 0, 0, 0, 0, None, None)


def test_joined_keeps_every_batch():
    first = Report((Article("A", "A.txt", ""),), (HOMES_A,), (flag(HOMES_A, HOMES_B),), (), ("w1",))
    second = Report((Article("B", "B.txt", ""),), (HOMES_B,), (), (fact((DAY_A, DAY_B), verdict="agreed"),), ("w2",))
    both = joined([first, second])
    assert [a.id for a in both.articles] == ["A", "B"]
    assert both.claims == (HOMES_A, HOMES_B) and both.warnings == ("w1", "w2")
    assert both.findings == first.findings and both.agreed == second.agreed
