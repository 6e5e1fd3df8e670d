"""Check a batch against itself and against every earlier batch kept in a claim store."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import replace as renamed

from checker import engine as local_engine
from checker.config import Settings
from checker.errors import InputError
from checker.extraction import Progress
from checker.loader import load_paths
from checker.records import Article, Claim, Finding, Report
from checker.store import Store
from checker.store_identity import Placed
from checker.store_rows import story_terms


def check_with_store(paths: Sequence[str], settings: Settings, store_path: str | os.PathLike,
                     progress: Progress | None = None, one_story: bool = False, replace: bool = False,
                     engine=local_engine) -> Report:
    """Check the batch with the stored history, report the facts holding a new claim, then store the batch
    (`engine` extracts and finds the facts: checker.engine, or one with its extract_claims and find_facts)."""
    # A stored fact that gains a claim keeps its id and is updated; checking the same batch again
    # reports the same ids and adds nothing; a new version of a known article is stored in its
    # place with the earlier one kept (overwritten with `replace`), and the warnings say so.
    try:
        return _check(paths, settings, store_path, progress, one_story, replace, engine)
    except sqlite3.Error as err:  # locked past the wait, disk full, damaged under way: rolled back
        raise InputError(f"store {os.fsdecode(store_path)}: {err}; the batch was not added") from None


def _check(paths: Sequence[str], settings: Settings, store_path: str | os.PathLike,
           progress: Progress | None, one_story: bool, replace: bool, engine) -> Report:
    with Store(store_path) as store:  # open (and refuse a bad store) before the slow work
        loaded = load_paths(paths, max_bytes=int(settings.max_file_mb * 1_000_000))
        placed = store.place(loaded.articles, replace)  # claim ids hold the article id: name them first
        articles = _named(loaded.articles, placed)
        claims = engine.extract_claims(articles, settings, progress)
        # Under the write lock everything read is current: a batch that committed since this one
        # started is read as history like any earlier batch.
        with store.writing():
            now = store.place(loaded.articles, replace)
            if [p.id for p in now] != [p.id for p in placed]:  # another batch took an id meanwhile
                articles, claims = _renamed(articles, claims, _named(loaded.articles, now), settings, engine)
            terms = story_terms(articles)
            past = store.history(claims, terms)
            # Stored articles are grouped into stories with the new ones, as if checked in one batch.
            disputed, agreed = engine.find_facts(list(claims) + list(past.claims), articles + past.articles,
                                          settings, one_story)
            disputed, agreed = _holding(disputed, terms), _holding(agreed, terms)
            store.save(articles, claims, disputed + agreed, terms, now)
    cited = {c.article_id for f in disputed + agreed for c in f.claims}
    shown = articles + tuple(a for a in past.articles if a.id in cited)
    return Report(shown, tuple(claims), tuple(disputed), tuple(agreed), loaded.warnings + _notes(now))


def _named(articles: Sequence[Article], placed: Sequence[Placed]) -> tuple[Article, ...]:
    """Return the articles under the ids the store gives them."""
    return tuple(a if a.id == p.id else renamed(a, id=p.id) for a, p in zip(articles, placed))


def _renamed(before: Sequence[Article], claims: Sequence[Claim], after: Sequence[Article],
             settings: Settings, engine=local_engine) -> tuple[tuple[Article, ...], list[Claim]]:
    """Return the renamed articles and the batch's claims, those of the renamed articles extracted anew."""
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article_id, []).append(claim)
    moved = [new for old, new in zip(before, after) if old.id != new.id]
    fresh: dict[str, list[Claim]] = {}
    for claim in engine.extract_claims(moved, settings):
        fresh.setdefault(claim.article_id, []).append(claim)
    ordered = [c for old, new in zip(before, after)
               for c in (fresh.get(new.id, []) if old.id != new.id else by_article.get(old.id, []))]
    return tuple(after), ordered


def _notes(placed: Sequence[Placed]) -> tuple[str, ...]:
    """Return the report's warnings about how the batch's articles met the store."""
    notes = []
    for p in placed:
        if p.note:
            notes.append(p.note)
        if p.state == "version":
            notes.append(f"store: article {p.id} changed; stored as version {p.version}, version {p.version - 1} "
                         f"kept (checker store revert {p.id} puts it back)")
        elif p.state == "replace":
            notes.append(f"store: article {p.id} changed; its earlier version was replaced")
    return tuple(notes)


def _holding(facts: Sequence[Finding], new_ids: Collection[str]) -> list[Finding]:
    """Return the facts with a claim of the new batch (the others are the store's, unchanged)."""
    return [f for f in facts if any(c.article_id in new_ids for c in f.claims)]
