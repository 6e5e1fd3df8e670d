"""Text no newsroom writes, read stage by stage in time that grows with its length: inputs a
reading quadratic in the line would take minutes or days over, and the cuts that keep every
word of an over-long sentence."""

from __future__ import annotations

import random
import re

from checker.clean import clean, load_boilerplate
from checker.extract.clauses import clause
from checker.extract.quotes import find_quotes
from checker.records import Article
from checker.sentences import MAX_SENTENCE, split_counted, split_sentences

BOILERPLATE = load_boilerplate()


def sentences_of(text: str):
    article = Article(id="a", path="a.txt", text=text)
    return split_sentences(article, clean(article, BOILERPLATE), BOILERPLATE.abbreviations)


def test_ten_megabytes_of_full_stops_are_one_sentence_read_in_pieces():
    text = "." * 10_000_000
    article = Article(id="a", path="a.txt", text=text)
    sentences, cut = split_counted(article, [(0, len(text))], BOILERPLATE.abbreviations)
    assert cut == 1
    assert all(len(s.text) == MAX_SENTENCE for s in sentences)
    assert "".join(s.text for s in sentences) == text


def test_a_line_without_a_full_stop_is_cut_between_words_and_keeps_them_all():
    words = [f"word{i}" for i in range(5_000)]
    text = " ".join(words)
    article = Article(id="a", path="a.txt", text=text)
    sentences, cut = split_counted(article, [(0, len(text))], BOILERPLATE.abbreviations)
    assert cut == 1
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert [w for s in sentences for w in s.text.split()] == words
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_a_sentence_as_long_as_the_bound_is_not_cut():
    text = ("x" * (MAX_SENTENCE - 1)) + "."
    article = Article(id="a", path="a.txt", text=text)
    assert split_counted(article, [(0, len(text))], BOILERPLATE.abbreviations) == (
        split_sentences(article, [(0, len(text))], BOILERPLATE.abbreviations), 0)


def test_a_megabyte_of_stops_between_tabs_splits_at_every_stop():
    # Each stop's word is read back to a space; with only tabs between them, once per word.
    text = "a.\tB" * 250_000
    article = Article(id="a", path="a.txt", text=text)
    sentences = split_sentences(article, [(0, len(text))], BOILERPLATE.abbreviations)
    assert len(sentences) == 250_001
    assert {s.text for s in sentences} == {"a.", "Ba.", "B"}


def test_fifty_thousand_teaser_lines_are_weighed_against_sorted_lines():
    lines = [f"the same long teaser line begins here {i} and goes on ..." for i in range(50_000)]
    lines += ["Police said the bridge will stay closed ...", "Police said the bridge will stay closed for a week."]
    text = "\n".join(lines) + "\n"
    kept = [text[start:end] for start, end in clean(Article(id="a", path="a.txt", text=text), BOILERPLATE)]
    assert len(kept) == 50_001  # none of the numbered lines begins another; the cut-short teaser goes
    assert "Police said the bridge will stay closed ..." not in kept


def test_two_hundred_kilobytes_of_he_said_give_one_quote_per_pair_of_marks():
    text = '"He said, ' * 20_000
    quotes = find_quotes(sentences_of(text), text)
    assert len(quotes) == 10_000
    assert {(q.text, q.speaker_kind) for q in quotes} == {("He said", "unknown")}


def test_single_quotes_among_thousands_of_double_ones_are_told_apart():
    count = 5_000
    text = " ".join(f"‘one two three{i}’ “four five six” said Smith," for i in range(count))
    sentences = sentences_of(text)
    quotes = find_quotes(sentences, text)
    # A cut between the pieces of this endless sentence may split a quote; none is misread.
    assert len(quotes) >= 2 * count - len(sentences)
    assert all(re.fullmatch(r"one two three\d+|four five six", q.text) for q in quotes)
    assert all(q.speaker == "Smith" for q in quotes)


def reference_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause as one scan from the start of the sentence finds it (its definition)."""
    from checker.extract.clauses import _BOUNDARY, _MODIFIER_AFTER, _shares_subject

    low, high = 0, len(text)
    for found in _BOUNDARY.finditer(text):
        if found.group().lower() in ("and", "but") and _shares_subject(text, found.end()):
            continue
        if found.group() == "," and _MODIFIER_AFTER.match(text, found.end()):
            continue
        if found.end() <= start:
            low = found.end()
        elif found.start() >= end:
            high = found.start()
            break
    return low, high


def test_clauses_found_by_bisection_are_the_clauses_a_scan_finds():
    words = ["and", "but", "rushed", "said", ",", ", 13-yard", ";", " - ", "while", "(", ")", "he", "killed",
             "12", "people", "and killed", "Charles", "—", "who", "after"]
    rng = random.Random(14)
    for _ in range(1_000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 20)))
        start, end = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
        if rng.random() < 0.2:
            start, end = end, start  # no span at all
        assert clause(text, start, end) == reference_clause(text, start, end), (text, start, end)
