"""Quote, role and age claims of a story into facts: one statement, one person's title, one
office's holder, one person's age."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from checker.extract.people import cluster_people, name_key, surname
from checker.match_people import people_of, quote_words, same_statement
from checker.records import Claim, Quantity, Role, Speaker

# A run of four words that this many quotes share is a stock phrase, not one statement.
COMMON_SHINGLE = 50


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

    tried: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > COMMON_SHINGLE:
            continue
        for at, one in enumerate(members):
            for other in members[:at]:
                if root(one) == root(other) or (other, one) in tried:
                    continue
                tried.add((other, one))
                if same_statement(quotes[one].text, quotes[other].text):
                    parent[max(root(one), root(other))] = min(root(one), root(other))
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


def gather_roles(claims: Sequence[Claim], stories: Mapping[str, str]) -> tuple[list[tuple[str, list[Claim]]], list[tuple[str, list[Claim]]]]:
    """Gather role claims into one person's titles and one single-holder office's holders, per story."""
    roles = [c for c in claims if c.kind == "role" and isinstance(c.value, Role)]
    if not roles:
        return [], []
    from checker.normalize.titles import normalize_title, single_holder  # the taxonomy loads on first use

    people = people_of(claims)
    titles: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    offices: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in roles:
        story = stories[claim.article_id]
        titles[(story, people.get(claim.value.person, claim.value.person))].append(claim)
        office = single_holder(normalize_title(claim.value.title))
        if office:
            offices[(story, office)].append(replace(claim, topic=f"holder of {claim.value.title}"))
    return _listed(titles), _listed(offices)


def gather_ages(claims: Sequence[Claim], stories: Mapping[str, str]) -> list[tuple[str, list[Claim]]]:
    """Gather the ages given to one person (named alike across the batch), per story."""
    ages = [c for c in claims if c.kind == "number" and isinstance(c.value, Quantity) and c.value.dimension == "age"]
    if not ages:
        return []
    # Ages join the batch's other names, so "Kafoury" alone finds the one Madeline Kafoury.
    people = cluster_people(list(people_of(claims)) + [c.thing for c in ages])
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


def _listed(groups: Mapping[tuple[str, str], list[Claim]]) -> list[tuple[str, list[Claim]]]:
    return [(key[0], groups[key]) for key in sorted(groups)]
