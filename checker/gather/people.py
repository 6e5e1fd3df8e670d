"""Quote, role and age claims of a story into facts: one statement, one person's title, one
office's holder, one person's age."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from checker.extract.people import cluster_people, name_key, surname
from checker.records import Claim, Quantity, Role, Speaker

_PUNCT = re.compile(r"[^\w\s']+")
LONG_RUN = 6  # words in a row that two quotes must share to be one statement
SAME_QUOTE = 85  # rapidfuzz ratio of two whole quotes that are one statement
# A run of four words that this many different statements share is a stock phrase: it joins nothing more.
STOCK_PHRASE = 16


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


def people_of(claims: Sequence[Claim]) -> dict[str, str]:
    """Map every person named in role and quote claims to one canonical name per person."""
    names = [c.value.person for c in claims if isinstance(c.value, Role)]
    names += [c.value.name for c in claims if isinstance(c.value, Speaker) and c.value.kind == "person"]
    return cluster_people(names)


def gather_quotes(claims: Sequence[Claim], stories: Mapping[str, str]) -> list[tuple[str, list[Claim]]]:
    """Gather quotes of one statement (nearly the same words, or a long shared run) per story."""
    quotes = [c for c in claims if c.kind == "attribution" and isinstance(c.value, Speaker)]
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for index, claim in enumerate(quotes):
        for shingle in _shingles(claim.text):
            buckets[(stories[claim.article_id], shingle)].append(index)
    parent = list(range(len(quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in buckets.values():
        heads: list[int] = []  # one quote of each statement met in this bucket so far
        for one in members:
            mine = root(one)
            if any(root(head) == mine for head in heads):
                continue
            for head in heads:
                if same_statement(quotes[one].text, quotes[head].text):
                    parent[max(mine, root(head))] = min(mine, root(head))
                    break
            else:
                heads.append(one)
                if len(heads) > STOCK_PHRASE:
                    break
    groups: dict[int, list[Claim]] = defaultdict(list)
    for index, claim in enumerate(quotes):
        groups[root(index)].append(claim)
    return [(stories[g[0].article_id], g) for g in groups.values()]


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = quote_words(text)
    if len(words) < 4:
        return {tuple(words)}
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def gather_roles(claims: Sequence[Claim], stories: Mapping[str, str], people: Mapping[str, str] | None = None,
                 ) -> tuple[list[tuple[str, list[Claim]]], list[tuple[str, list[Claim]]]]:
    """Gather role claims into one person's titles and one single-holder office's holders, per story
    (`people`: the batch's people_of, when the claims are only some stories' of it)."""
    roles = [c for c in claims if c.kind == "role" and isinstance(c.value, Role)]
    if not roles:
        return [], []
    from checker.normalize.titles import normalize_title, single_holder  # the taxonomy loads on first use

    people = people_of(claims) if people is None else people
    titles: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    offices: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in roles:
        story = stories[claim.article_id]
        titles[(story, people.get(claim.value.person, claim.value.person))].append(claim)
        office = single_holder(normalize_title(claim.value.title))
        if office:
            offices[(story, office)].append(replace(claim, topic=f"holder of {claim.value.title}"))
    return _listed(titles), _listed(offices)


def gather_ages(claims: Sequence[Claim], stories: Mapping[str, str], people: Mapping[str, str] | None = None,
                ) -> list[tuple[str, list[Claim]]]:
    """Gather the ages given to one person (named alike across the batch), per story (`people`: the
    batch's aged_people, when the claims are only some stories' of it)."""
    ages = _ages(claims)
    if not ages:
        return []
    people = aged_people(claims) if people is None else people
    by_person: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in ages:
        person = name_key(people.get(claim.thing, claim.thing))
        if len(person.split()) > 1:  # a surname no full name claims could be anyone's
            by_person[(stories[claim.article_id], person)].append(claim)
    return _listed(by_person)


def people_named(claims: Sequence[Claim]) -> dict[str, set[str]]:
    """Map each article to the surnames of the people its role and quote claims name in full."""
    named: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        value = claim.value
        if isinstance(value, Role):
            name = value.person
        elif isinstance(value, Speaker) and value.kind == "person":
            name = value.name
        else:
            continue
        key = name_key(name)
        if len(key.split()) > 1:  # a surname alone may be anyone's
            named[claim.article_id].add(surname(key))
    return named


def _ages(claims: Sequence[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind == "number" and isinstance(c.value, Quantity) and c.value.dimension == "age"]


def aged_people(claims: Sequence[Claim]) -> dict[str, str]:
    """Map the people named in role, quote and age claims to one canonical name per person."""
    # Ages join the batch's other names, so "Kafoury" alone finds the one Madeline Kafoury.
    return cluster_people(list(people_of(claims)) + [c.thing for c in _ages(claims)])


def _listed(groups: Mapping[tuple[str, str], list[Claim]]) -> list[tuple[str, list[Claim]]]:
    return [(key[0], groups[key]) for key in sorted(groups)]
