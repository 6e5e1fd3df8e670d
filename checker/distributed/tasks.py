"""What the workers run: loading, extraction, story keys, the shuffle's split and the judging.

Plain functions over records (no Dask here), so that a worker needs only the package."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from checker.config import Settings
from checker.engine import People, judge_stories
from checker.extraction import checked_claims
from checker.gather.people import people_named
from checker.gather.stories import read_articles
from checker.loader import read_entries
from checker.records import Article, Claim, Finding

Ordered = tuple[tuple[int, ...], Claim]  # a claim with its place in the batch's claim order


@dataclass(slots=True)
class Part:
    """One partition of a batch on a worker: its articles, their claims and extraction's notes."""

    articles: list[Article]
    claims: list[Ordered]
    notes: list[str]
    failure: BaseException | None = None  # the first article that could not be read, for runs that stop on it


@dataclass(frozen=True, slots=True)
class Keys:
    """What the client needs of an article to form the stories: no text, its words counted."""

    id: str
    published: object
    digest: str  # copies of one wire story share it, as they share their text
    words: Counter[str]
    names: set[str]
    people: set[str]


def load_part(entries: list[tuple[str, str]], max_bytes: int) -> tuple[list[Article], list[str]]:
    """Read a partition's files into articles (ids unique only once the client has seen them all)."""
    return read_entries(entries, max_bytes)


def named_in(loaded: tuple[list[Article], list[str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """Return a loaded partition's (id, path) pairs and its loading notes."""
    articles, notes = loaded
    return [(a.id, a.path) for a in articles], notes


def extract_part(loaded: tuple[list[Article], list[str]] | list[Article], ids: list[str] | None, rules: Path,
                 start: int) -> Part:
    """Extract every article's claims, under the ids the client chose; `start` is the partition's
    first article's place in the batch, which orders its claims."""
    articles = loaded[0] if isinstance(loaded, tuple) else loaded
    if ids is not None:
        articles = [a if a.id == new else replace(a, id=new) for a, new in zip(articles, ids)]
    part = Part(articles, [], [])
    for index, article in enumerate(articles, start):
        found, notes, failure = checked_claims(article, rules)
        part.claims.extend(((index, j), claim) for j, claim in enumerate(found))
        part.notes.extend(notes)
        if failure is not None and part.failure is None:
            # Not every exception can be pickled: the client gets the note, as from a local worker.
            part.failure = RuntimeError(notes[-1])
    return part


def given_part(articles: list[Article], claims: list[Ordered]) -> Part:
    """Return a partition of articles already extracted (the claim store's batch and history)."""
    return Part(articles, claims, [])


def story_keys(part: Part) -> list[Keys]:
    """Return the keys that stories are formed from, one per article of the partition."""
    read = read_articles(part.articles)
    people = people_named([claim for _, claim in part.claims])
    return [Keys(a.id, a.published, _digest(a.text), *read[a.id], people.get(a.id, set())) for a in part.articles]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def light(part: Part) -> tuple[list[Article], list[Claim], list[str], BaseException | None]:
    """Return what the report needs of a partition: its articles without their text, its claims, its notes."""
    return [replace(a, text="") for a in part.articles], [c for _, c in part.claims], part.notes, part.failure


def split(part: Part, bucket_of: dict[str, int], buckets: int) -> tuple[list[tuple[Article | None, list[Ordered]]], ...]:
    """Split a partition's claims (with their articles) by the story partition each goes to."""
    pieces: list[dict[str, list[Ordered]]] = [{} for _ in range(buckets)]
    for ordered in part.claims:
        article = ordered[1].article_id
        pieces[bucket_of[article]].setdefault(article, []).append(ordered)
    by_id = {a.id: a for a in part.articles}
    return tuple([(by_id.get(key), claims) for key, claims in piece.items()] for piece in pieces)


def judge_part(settings: Settings, stories: dict[str, str], named: dict[str, frozenset[str]], people: People,
               *pieces: list[tuple[Article | None, list[Ordered]]]) -> tuple[list[Finding], list[Finding]]:
    """Gather and judge the stories of one story partition from its pieces of every extraction partition."""
    articles: dict[str, Article] = {}
    claims: list[Ordered] = []
    for piece in pieces:
        for article, ordered in piece:
            if article is not None:
                articles[article.id] = article
            claims.extend(ordered)
    claims.sort(key=lambda ordered: ordered[0])
    return judge_stories([c for _, c in claims], list(articles.values()), stories, named, settings, people)
