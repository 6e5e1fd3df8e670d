"""Pairs of quote and role claims that speak of the same statement, person or office."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from difflib import SequenceMatcher
from itertools import combinations

from rapidfuzz import fuzz

from checker.extract.people import cluster_people, name_key
from checker.records import Claim, Quantity, Role, Speaker
from checker.stories import same_story

_PUNCT = re.compile(r"[^\w\s']+")
LONG_RUN = 6  # words in a row that two quotes must share to be one statement
SAME_QUOTE = 85  # rapidfuzz ratio of two whole quotes that are one statement


def quote_words(text: str) -> list[str]:
    """Return a quote's words, lower-case, without punctuation or curly quotes."""
    return _PUNCT.sub(" ", text.replace("’", "'").replace("‘", "'").lower()).split()


def same_statement(a: str, b: str) -> bool:
    """Tell whether two quotes are one statement: nearly the same words, or a long shared run."""
    wa, wb = quote_words(a), quote_words(b)
    if min(len(wa), len(wb)) >= 4 and fuzz.ratio(" ".join(wa), " ".join(wb)) >= SAME_QUOTE:
        return True
    match = SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb))
    return match.size >= min(LONG_RUN, len(wa), len(wb)) and match.size >= 3


def quote_pairs(claims: Sequence[Claim], stories: Mapping[str, frozenset[str]],
                same_article: bool = False) -> Iterator[tuple[Claim, Claim]]:
    """Yield pairs of attribution claims of one story that quote the same statement."""
    quotes = [c for c in claims if c.kind == "attribution" and isinstance(c.value, Speaker)]
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for index, claim in enumerate(quotes):
        # Two quotes of one statement share a run of words and their articles share names:
        # bucket by (word 4-gram, story name) so only such quotes ever meet.
        for key in _shingles(claim.text):
            for term in stories.get(claim.article_id) or ("",):
                buckets[(key, term)].append(index)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i, j in combinations(members, 2):
            if (i, j) in seen:
                continue
            seen.add((i, j))
            a, b = quotes[i], quotes[j]
            if (a.article_id == b.article_id and not same_article) or _same_voice(a, b) or not _story(a, b, stories):
                continue
            if same_statement(a.text, b.text):
                yield a, b


def _same_voice(a: Claim, b: Claim) -> bool:
    """Tell whether two quotes cannot disagree on their speaker: one name, or two anonymous."""
    return a.value.name == b.value.name or a.value.kind == b.value.kind == "anonymous"


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = quote_words(text)
    if len(words) < 4:
        return {tuple(words)}
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def people_of(claims: Sequence[Claim]) -> dict[str, str]:
    """Map every person named in role and quote claims to one canonical name per person."""
    names = [c.value.person for c in claims if isinstance(c.value, Role)]
    names += [c.value.name for c in claims if isinstance(c.value, Speaker) and c.value.kind == "person"]
    return cluster_people(names)


def role_pairs(claims: Sequence[Claim], people: Mapping[str, str], stories: Mapping[str, frozenset[str]],
               same_article: bool = False) -> Iterator[tuple[str, Claim, Claim]]:
    """Yield ("title", a, b) for one person's two titles and ("office", a, b) for one office's two holders."""
    roles = [c for c in claims if c.kind == "role" and isinstance(c.value, Role)]
    if not roles:
        return
    from checker.normalize.titles import normalize_title, single_holder  # the taxonomy loads on first use
    by_person: dict[str, list[Claim]] = defaultdict(list)
    by_office: dict[str, list[Claim]] = defaultdict(list)
    for claim in roles:
        by_person[people.get(claim.value.person, claim.value.person)].append(claim)
        office = single_holder(normalize_title(claim.value.title))
        if office:
            by_office[office].append(claim)
    for kind, groups in (("title", by_person), ("office", by_office)):
        for key in sorted(groups):
            for a, b in combinations(groups[key], 2):
                if (a.article_id != b.article_id or same_article) and _story(a, b, stories):
                    if kind == "title" or people.get(a.value.person) != people.get(b.value.person):
                        yield kind, a, b


def age_pairs(claims: Sequence[Claim], stories: Mapping[str, frozenset[str]],
              same_article: bool = False) -> Iterator[tuple[Claim, Claim]]:
    """Yield pairs of age claims of one person (named alike across the batch) in one story."""
    ages = [c for c in claims if c.kind == "number" and isinstance(c.value, Quantity) and c.value.dimension == "age"]
    if not ages:
        return
    # Ages join the batch's other names, so "Kafoury" alone finds the one Madeline Kafoury.
    people = cluster_people(list(people_of(claims)) + [c.thing for c in ages])
    by_person: dict[str, list[Claim]] = defaultdict(list)
    for claim in ages:
        person = people.get(claim.thing, claim.thing)
        if len(name_key(person).split()) > 1:  # a surname no full name claims could be anyone's
            by_person[name_key(person)].append(claim)
    for key in sorted(by_person):
        for a, b in combinations(by_person[key], 2):
            if (a.article_id != b.article_id or same_article) and _story(a, b, stories):
                yield a, b


def _story(a: Claim, b: Claim, stories: Mapping[str, frozenset[str]]) -> bool:
    return same_story(stories.get(a.article_id, frozenset()), stories.get(b.article_id, frozenset()))
