"""The claim store: an SQLite file holding the articles, claims and facts of earlier batches.

Only the standard `sqlite3`. WAL mode lets reports read while a batch writes; every write is
one `BEGIN IMMEDIATE` ... `COMMIT`, so a killed run leaves the store as it was before or
after, never half. A batch reads what it is compared with inside its write transaction
(`writing`), so batches checked at once are compared as if checked one after the other; a
batch waits up to WRITE_WAIT_MS for another's write. A store is quick-checked and refused
untouched when damaged, newer or read-only (store_open.py). Test hook: with
`CHECKER_STORE_PAUSE=SECONDS` in the environment the store writes "checker: store: pausing
before commit" to stderr and sleeps that long just before each COMMIT of a write (a batch,
forget, revert), so a test can kill the process inside the transaction.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

from checker.errors import InputError
from checker.records import Article, Claim, Finding
from checker.store_edit import (changed_facts, chunks, delete_article, delete_facts, facts_of_article,
                                insert_article, insert_claims, superseded, upsert_facts)
from checker.store_history import read_history
from checker.store_identity import Placed, place
from checker.store_open import check_file, read_only
from checker.store_rows import article_from_row, claim_from_json, claim_to_json, text_hash
from checker.store_schema import SCHEMA_VERSION, migrate, refuse_newer, schema_version
from checker.store_versions import forget_versions, keep_version, kept_versions, revert

__all__ = ["History", "SaveResult", "Store", "claim_from_json", "claim_to_json", "text_hash"]

BUSY_TIMEOUT_MS = 30_000
# A batch gathers its facts while it holds the write lock: a writer waits for up to three others' gathering.
WRITE_WAIT_MS = 600_000
PAUSE_ENV = "CHECKER_STORE_PAUSE"


@dataclass(frozen=True, slots=True)
class History:
    """Stored claims that may meet a new batch, and the stored articles of its stories."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What a save wrote: the batch id (None when nothing was new), the articles and the facts."""

    batch: int | None
    added: int
    changed: tuple[str, ...]
    facts: int


class Store:
    """An open claim store. Use as a context manager, or call close(); `write=False` only reads."""

    def __init__(self, path: str | os.PathLike, write: bool = True) -> None:
        self.path = os.fsdecode(path)
        can_write = check_file(self.path, write)  # before anything is written to it
        try:
            if can_write:
                self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            else:
                self.db = read_only(self.path, BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as err:
            raise InputError(f"store {self.path}: cannot open: {err}") from None
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if can_write:
                self._prepare()
            elif schema_version(self.db) != SCHEMA_VERSION:
                raise InputError(f"store {self.path} is read-only and of schema {schema_version(self.db)}; "
                                 f"this checker reads it once it can bring it to {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as err:
            self.db.close()
            raise InputError(f"store {self.path}: not a usable SQLite store: {err}") from None
        except BaseException:
            self.db.close()
            raise

    def _prepare(self) -> None:
        refuse_newer(self.db, self.path)
        if self.db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        migrate(self.db, self.path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """Hold the write lock for a block (what it reads is then current): COMMIT, or ROLLBACK on any error."""
        db = self.db
        db.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_MS}")
        try:
            db.execute("BEGIN IMMEDIATE")
        finally:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            yield self
            _pause_before_commit()
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------ reading

    def place(self, articles: Sequence[Article], replace: bool = False) -> list[Placed]:
        """Return where each article of a batch goes: its store id, and whether it is new, the same or a version."""
        return place(self.db, articles, replace)

    def history(self, claims: Sequence[Claim], terms: Mapping[str, Sequence[str]]) -> History:
        """Return the stored articles related to the new batch and their claims that may meet it."""
        related, found = read_history(self.db, claims, terms)
        return History(self.articles(related | {c.article_id for c in found}), tuple(found))

    def articles(self, ids: Iterable[str]) -> tuple[Article, ...]:
        """Return the stored articles with these ids, sorted by id."""
        out: list[Article] = []
        for chunk, marks in chunks(sorted(set(ids))):
            out += [article_from_row(r) for r in self.db.execute(
                f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY id", chunk)]
        return tuple(out)

    def all_claims(self) -> tuple[tuple[Article, ...], tuple[Claim, ...]]:
        """Return every stored article and claim (for `extract --store`), read through pandas."""
        import pandas as pd

        frame = pd.read_sql_query("SELECT c.json FROM claims c ORDER BY c.article_id, c.id", self.db)
        claims = sorted((claim_from_json(text) for text in frame["json"]), key=lambda c: (c.article_id, c.start, c.id))
        return self.articles({c.article_id for c in claims}), tuple(claims)

    # ------------------------------------------------------------ writing

    def save(self, articles: Sequence[Article], claims: Sequence[Claim], facts: Sequence[Finding],
             terms: Mapping[str, Sequence[str]], placed: Sequence[Placed] | None = None) -> SaveResult:
        """Add a checked batch (new articles and versions, their claims and terms, its facts) in one transaction."""
        # `placed` (from `place`) says where each article goes, under the ids its claims carry;
        # inside `writing` the save joins that transaction, else it makes one of its own.
        if not self.db.in_transaction:
            with self.writing():
                return self.save(articles, claims, facts, terms, placed)
        if placed is None:
            placed = self.place(articles)
        if any(p.id != a.id for a, p in zip(articles, placed)):
            raise ValueError("the articles must carry the ids the store places them under")
        db = self.db
        fresh = [(a, p) for a, p in zip(articles, placed) if p.state != "same"]
        batch = self._new_batch(len(fresh)) if fresh else None
        for _, p in fresh:
            if p.state in ("version", "replace"):  # old claims go, and the facts citing them: gathered anew
                if p.state == "version":
                    keep_version(db, p.id, batch)
                delete_facts(db, facts_of_article(db, p.id))
                delete_article(db, p.id)
        # Facts are upserted by id, and only when they differ: a rerun of a batch writes nothing.
        written, gone = changed_facts(db, facts), superseded(db, facts)
        if batch is None and not written and not gone:
            return SaveResult(None, 0, (), 0)
        if batch is None:
            batch = self._new_batch(0)
        for a, p in fresh:
            insert_article(db, a, batch, terms.get(a.id, ()), p.key, p.version)
        ids = {a.id for a, _ in fresh}
        insert_claims(db, [c for c in claims if c.article_id in ids])
        delete_facts(db, gone)
        upsert_facts(db, written, batch)
        changed = tuple(sorted(p.id for _, p in fresh if p.state != "new"))
        return SaveResult(batch, len(fresh), changed, len(written))

    def _new_batch(self, articles: int) -> int:
        return self.db.execute("INSERT INTO batches (created, articles) VALUES (?, ?)",
                               (datetime.now(timezone.utc).isoformat(timespec="seconds"), articles)).lastrowid

    def forget(self, article_id: str) -> tuple[int, int]:
        """Remove an article, its kept versions, claims and the facts citing them; return (claims, versions)."""
        # The facts go whole rather than rewritten: the next batch meeting their other articles gathers them anew.
        with self.writing():
            self._require(article_id)
            count = self.db.execute("SELECT COUNT(*) FROM claims WHERE article_id = ?", (article_id,)).fetchone()[0]
            delete_facts(self.db, facts_of_article(self.db, article_id))
            delete_article(self.db, article_id)
            return count, forget_versions(self.db, article_id)

    def revert(self, article_id: str) -> tuple[int, int]:
        """Put an article's latest earlier version back in place of the current one; return (version, claims)."""
        with self.writing():
            self._require(article_id)
            return revert(self.db, article_id, self.path)

    def _require(self, article_id: str) -> None:
        if self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
            raise InputError(f"store {self.path}: no article {article_id!r}")

    # ------------------------------------------------------------ summaries

    def counts(self) -> dict[str, int]:
        """Return the numbers of batches, articles, claims and facts, and of kept earlier versions."""
        return {table: self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("batches", "articles", "claims", "facts", "article_versions")}

    def batches(self) -> list[tuple]:
        """Return (batch, created, articles checked in, articles held, claims, facts last written) per batch."""
        return [tuple(r) for r in self.db.execute(
            "SELECT b.id, b.created, b.articles, "
            "(SELECT COUNT(*) FROM articles a WHERE a.batch = b.id), "
            "(SELECT COUNT(*) FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.batch = b.id), "
            "(SELECT COUNT(*) FROM facts f WHERE f.last_batch = b.id) "
            "FROM batches b ORDER BY b.id")]

    def article_list(self) -> list[tuple]:
        """Return (id, version, state, source, published, path, batch, claims) per stored article and version."""
        current = [(r[0], r[1], "current", *r[2:]) for r in self.db.execute(
            "SELECT a.id, a.version, a.source, a.published, a.path, a.batch, "
            "(SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) FROM articles a")]
        earlier = [(i, v, f"earlier (replaced in batch {replaced})", source, published, path, batch, claims)
                   for i, v, source, published, path, batch, replaced, claims in kept_versions(self.db)]
        return sorted(current + earlier, key=lambda row: (row[0], -row[1]))


def _pause_before_commit() -> None:
    pause = os.environ.get(PAUSE_ENV)
    if pause:
        print("checker: store: pausing before commit", file=sys.stderr, flush=True)
        time.sleep(float(pause))
