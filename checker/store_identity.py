"""Which stored article a new one is: the same, a new version of it, or another article.

An article is known by its key: its URL where it has one, else its source and path (and its
row id in an article table). The text hash (text and metadata) then tells a new version of
a known article from the article itself; an article whose hash the store holds under another
key is that stored article, moved. A different article never takes a stored article's id:
it gets the next free one ("story-2").
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checker.records import Article
from checker.store_rows import text_hash

CHUNK = 500  # values per IN (...) list, well under SQLite's limit on bound parameters
TABLE_SUFFIXES = (".csv", ".jsonl")


@dataclass(frozen=True, slots=True)
class Placed:
    """Where one article of a batch goes: its store id, key, state and version, and a note for the report."""

    id: str
    key: str
    state: str  # "new" | "same" | "version" (the earlier one kept) | "replace" (the earlier one overwritten)
    version: int
    note: str | None = None


def article_key(url: str | None, source: str | None, path: str, article_id: str) -> str:
    """Return what identifies an article across batches: its URL, else its source and path."""
    if url and url.strip():
        return "url\x1f" + url.strip()
    path = os.path.normpath(path)
    if os.path.isabs(path) and not os.path.relpath(path).startswith(".."):
        path = os.path.relpath(path)  # as given from the working folder, however it was written
    row = article_id if path.lower().endswith(TABLE_SUFFIXES) else ""  # one table holds many articles
    return "\x1f".join(("path", source or "", path, row))


def key_of(article: Article) -> str:
    """Return an article's key."""
    return article_key(article.url, article.source, article.path, article.id)


def place(db: sqlite3.Connection, articles: Sequence[Article], replace: bool = False) -> list[Placed]:
    """Return where each article of the batch goes in the store, in batch order."""
    keys = [key_of(a) for a in articles]
    hashes = [text_hash(a) for a in articles]
    by_key = {r["key"]: r for r in _rows(db, "key", keys)}
    placed: list[Placed | None] = [None] * len(articles)
    taken: set[str] = set()
    changed = "replace" if replace else "version"
    for i, (a, key, digest) in enumerate(zip(articles, keys, hashes)):  # known keys first: they keep their ids
        row = by_key.get(key)
        if row is not None and row["id"] not in taken:
            same = row["text_hash"] == digest
            placed[i] = Placed(row["id"], key, "same" if same else changed, row["version"] + (not same),
                               _moved(a, row["id"]))
            taken.add(row["id"])
    by_hash: dict[str, list[sqlite3.Row]] = {}
    for r in _rows(db, "text_hash", [h for p, h in zip(placed, hashes) if p is None]):
        by_hash.setdefault(r["text_hash"], []).append(r)
    for i, (a, key, digest) in enumerate(zip(articles, keys, hashes)):
        if placed[i] is None:
            row = next((r for r in by_hash.get(digest, ()) if r["id"] not in taken), None)
            if row is not None:  # the same text and metadata under another path: the stored article, moved
                placed[i] = Placed(row["id"], key, "same", row["version"], _moved(a, row["id"]))
                taken.add(row["id"])
    for i, (a, key) in enumerate(zip(articles, keys)):
        if placed[i] is None:
            placed[i] = _new(db, a, key, taken)
            taken.add(placed[i].id)
    return placed


def _new(db: sqlite3.Connection, article: Article, key: str, taken: set[str]) -> Placed:
    """Place an article the store does not hold, under its own id or the next free one."""
    base, count, new_id = article.id, 1, article.id
    while new_id in taken or _path_of(db, new_id) is not None:
        count += 1
        new_id = f"{base}-{count}"
    if new_id == base:
        return Placed(base, key, "new", 1)
    other = _path_of(db, base)
    holder = f"another article ({other})" if other is not None else "another article of this batch"
    return Placed(new_id, key, "new", 1, f"store: {article.path}: id '{base}' is taken by {holder}; "
                                         f"stored as '{new_id}'")


def _moved(article: Article, stored: str) -> str | None:
    """Return the note for an article the store holds under another id, else None."""
    if stored == article.id:
        return None
    return f"store: {article.path} is the stored article '{stored}'"


def _rows(db: sqlite3.Connection, column: str, values: Iterable[str]) -> list[sqlite3.Row]:
    values = sorted(set(values))
    rows: list[sqlite3.Row] = []
    for i in range(0, len(values), CHUNK):
        chunk = values[i:i + CHUNK]
        rows += db.execute(f"SELECT id, key, text_hash, version FROM articles WHERE {column} IN "
                           f"({','.join('?' * len(chunk))}) ORDER BY id", chunk).fetchall()
    return rows


def _path_of(db: sqlite3.Connection, article_id: str) -> str | None:
    row = db.execute("SELECT path FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row else None
