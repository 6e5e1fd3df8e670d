"""Check a batch against itself and against every earlier batch kept in a claim store."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence

from checker.config import Settings
from checker.engine import find_discrepancies
from checker.errors import InputError
from checker.extraction import Progress, extract_claims
from checker.loader import load_paths
from checker.records import Report
from checker.store import Store
from checker.stories import story_terms


def check_with_store(paths: Sequence[str], settings: Settings, store_path: str | os.PathLike,
                     progress: Progress | None = None) -> Report:
    """Load and extract the batch, compare it with itself and the stored history, report,
    then add the batch (articles, claims and the findings reported) to the store in one transaction.

    Only findings with at least one side in the new batch are reported. Checking the same batch
    again reports the same finding ids and adds nothing. A known article whose text changed
    replaces its earlier version; the report's warnings say so.
    """
    try:
        return _check(paths, settings, store_path, progress)
    except sqlite3.Error as err:  # locked past the busy timeout, disk full, a damaged file
        raise InputError(f"store {os.fsdecode(store_path)}: {err}") from None


def _check(paths: Sequence[str], settings: Settings, store_path: str | os.PathLike,
           progress: Progress | None) -> Report:
    with Store(store_path) as store:  # open (and refuse a bad store) before the slow work
        loaded = load_paths(paths, max_bytes=int(settings.max_file_mb * 1_000_000))
        claims = extract_claims(loaded.articles, settings, progress)
        stories = {article.id: story_terms(article) for article in loaded.articles}
        new_ids = {article.id for article in loaded.articles}
        past = store.history(claims, new_ids, stories)
        findings = find_discrepancies(list(claims) + list(past.claims), loaded.articles + past.articles, settings)
        kept = [d for d in findings if d.a.article_id in new_ids or d.b.article_id in new_ids]
        cited = {c.article_id for d in kept for c in (d.a, d.b)}
        articles = loaded.articles + tuple(a for a in past.articles if a.id in cited)
        saved = store.save(loaded.articles, claims, kept, stories)
    warnings = loaded.warnings + tuple(
        f"store: article {article_id} changed; its earlier version was replaced" for article_id in saved.changed)
    return Report(articles, tuple(claims), tuple(kept), warnings)
