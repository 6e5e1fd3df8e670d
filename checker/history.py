"""Check a batch against itself and against every earlier batch kept in a claim store."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Collection, Sequence

from checker.config import Settings
from checker.engine import find_facts
from checker.errors import InputError
from checker.extraction import Progress, extract_claims
from checker.loader import load_paths
from checker.records import Finding, Report
from checker.store import Store
from checker.store_rows import story_terms


def check_with_store(paths: Sequence[str], settings: Settings, store_path: str | os.PathLike,
                     progress: Progress | None = None, one_story: bool = False) -> Report:
    """Check the batch with the stored history, report the facts holding a new claim, then store the batch."""
    # A stored fact that gains a claim keeps its id and is updated; checking the same batch again
    # reports the same ids and adds nothing; a known article whose text changed replaces its
    # earlier version, and the report's warnings say so.
    try:
        return _check(paths, settings, store_path, progress, one_story)
    except sqlite3.Error as err:  # locked past the busy timeout, disk full, a damaged file
        raise InputError(f"store {os.fsdecode(store_path)}: {err}") from None


def _check(paths: Sequence[str], settings: Settings, store_path: str | os.PathLike,
           progress: Progress | None, one_story: bool) -> Report:
    with Store(store_path) as store:  # open (and refuse a bad store) before the slow work
        loaded = load_paths(paths, max_bytes=int(settings.max_file_mb * 1_000_000))
        claims = extract_claims(loaded.articles, settings, progress)
        terms = story_terms(loaded.articles)
        past = store.history(claims, terms)
        # Stored articles are grouped into stories with the new ones, as if checked in one batch.
        disputed, agreed = find_facts(list(claims) + list(past.claims), loaded.articles + past.articles,
                                      settings, one_story)
        disputed, agreed = _holding(disputed, terms), _holding(agreed, terms)
        cited = {c.article_id for f in disputed + agreed for c in f.claims}
        articles = loaded.articles + tuple(a for a in past.articles if a.id in cited)
        saved = store.save(loaded.articles, claims, disputed + agreed, terms)
    warnings = loaded.warnings + tuple(
        f"store: article {article_id} changed; its earlier version was replaced" for article_id in saved.changed)
    return Report(articles, tuple(claims), tuple(disputed), tuple(agreed), warnings)


def _holding(facts: Sequence[Finding], new_ids: Collection[str]) -> list[Finding]:
    """Return the facts with a claim of the new batch (the others are the store's, unchanged)."""
    return [f for f in facts if any(c.article_id in new_ids for c in f.claims)]
