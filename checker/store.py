"""The claim store: an SQLite file holding the articles, claims and facts of earlier batches.

Only the standard `sqlite3`. WAL mode and a 30 s busy timeout let two CI jobs write at once;
every write is one `BEGIN IMMEDIATE` ... `COMMIT`, so a killed run leaves the store as it was
before or after, never half. Test hook: with `CHECKER_STORE_PAUSE=SECONDS` in the environment
the store writes "checker: store: pausing before commit" to stderr and sleeps that long just
before the COMMIT of a batch, so a test can kill the process inside the transaction.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from checker.errors import InputError
from checker.records import Article, Claim, Finding
from checker.store_rows import (article_from_row, article_row, claim_from_json, claim_row, claim_to_json,
                                fact_content, fact_row, text_hash)
from checker.store_history import read_history
from checker.store_schema import migrate, refuse_newer

__all__ = ["History", "SaveResult", "Store", "claim_from_json", "claim_to_json", "text_hash"]

BUSY_TIMEOUT_MS = 30_000
PAUSE_ENV = "CHECKER_STORE_PAUSE"
CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound parameters


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


def _chunks(ids: Iterable[str]) -> Iterator[tuple[list[str], str]]:
    """Yield the ids in chunks, each with its "?,?,..." placeholder list."""
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        yield chunk, ",".join("?" * len(chunk))


class Store:
    """An open claim store. Use as a context manager, or call close()."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = os.fsdecode(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as err:
            raise InputError(f"store {self.path}: cannot open: {err}") from None
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            refuse_newer(self.db, self.path)  # before anything is written to it
            if self.db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            migrate(self.db, self.path)
        except sqlite3.DatabaseError as err:
            self.db.close()
            raise InputError(f"store {self.path}: not a usable SQLite store: {err}") from None
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ reading

    def known_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """Return id -> text_hash of the given articles that the store holds."""
        found: dict[str, str] = {}
        for chunk, marks in _chunks(ids):
            for row in self.db.execute(f"SELECT id, text_hash FROM articles WHERE id IN ({marks})", chunk):
                found[row["id"]] = row["text_hash"]
        return found

    def history(self, claims: Sequence[Claim], terms: Mapping[str, Sequence[str]]) -> History:
        """Return the stored articles related to the new batch and their claims that may meet it."""
        related, found = read_history(self.db, claims, terms)
        return History(self.articles(related | {c.article_id for c in found}), tuple(found))

    def articles(self, ids: Iterable[str]) -> tuple[Article, ...]:
        """Return the stored articles with these ids, sorted by id."""
        out: list[Article] = []
        for chunk, marks in _chunks(sorted(set(ids))):
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
             terms: Mapping[str, Sequence[str]]) -> SaveResult:
        """Add a checked batch (new or changed articles, their claims and terms, its facts) in one transaction."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            known = self.known_hashes(a.id for a in articles)
            fresh = [a for a in articles if known.get(a.id) != text_hash(a)]
            changed = tuple(sorted(a.id for a in fresh if a.id in known))
            for article_id in changed:  # its old claims go, and the facts citing them: they are gathered anew
                self._delete_facts(self._facts_of_article(article_id))
                self._delete_article(article_id)
            # Facts are upserted by id, and only when they differ: a rerun of a batch writes nothing.
            stored = self._fact_contents(f.id for f in facts)
            written = [f for f in facts if stored.get(f.id) != fact_content(f)]
            superseded = self._superseded(facts)
            if not fresh and not written and not superseded:
                db.execute("ROLLBACK")
                return SaveResult(None, 0, (), 0)
            batch = db.execute("INSERT INTO batches (created, articles) VALUES (?, ?)",
                               (datetime.now(timezone.utc).isoformat(timespec="seconds"), len(fresh))).lastrowid
            self._insert_articles(fresh, claims, terms, batch)
            self._delete_facts(superseded)
            self._upsert_facts(written, batch)
            _pause_before_commit()
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return SaveResult(batch, len(fresh), changed, len(written))

    def _insert_articles(self, fresh: Sequence[Article], claims: Sequence[Claim],
                         terms: Mapping[str, Sequence[str]], batch: int) -> None:
        db = self.db
        ids = {a.id for a in fresh}
        db.executemany(
            "INSERT INTO articles (id, path, source, published, title, url, text_hash, text, line_offset, "
            "batch, story) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article_row(a, batch, terms.get(a.id, ())) for a in fresh])
        pairs = [(t, a.id) for a in fresh for t in dict.fromkeys(terms.get(a.id, ()))]
        db.executemany("INSERT INTO article_terms (term, article_id) VALUES (?, ?)", pairs)
        db.executemany("INSERT INTO term_counts (term, articles) VALUES (?, 1) "
                       "ON CONFLICT (term) DO UPDATE SET articles = articles + 1", [(t,) for t, _ in pairs])
        db.executemany(
            "INSERT OR IGNORE INTO claims (id, article_id, kind, dimension, predicate, thing, anchor, "
            "lo, hi, lo_closed, hi_closed, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [claim_row(c) for c in claims if c.article_id in ids])

    def _upsert_facts(self, facts: Sequence[Finding], batch: int) -> None:
        """Write the facts by id: a stored one keeps its first batch and takes this one as its last."""
        db = self.db
        db.executemany(
            "INSERT INTO facts (id, rule, kind, verdict, severity, topic, story, values_json, claims_json, "
            "explanation, first_batch, last_batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, kind = excluded.kind, verdict = excluded.verdict, "
            "severity = excluded.severity, topic = excluded.topic, story = excluded.story, "
            "values_json = excluded.values_json, claims_json = excluded.claims_json, "
            "explanation = excluded.explanation, last_batch = excluded.last_batch",
            [fact_row(f, batch) for f in facts])
        db.executemany("DELETE FROM fact_claims WHERE fact_id = ?", [(f.id,) for f in facts])
        db.executemany("INSERT OR IGNORE INTO fact_claims (claim_id, fact_id) VALUES (?, ?)",
                       [(c.id, f.id) for f in facts for c in f.claims])

    def _fact_contents(self, ids: Iterable[str]) -> dict[str, tuple[str, str, str, str]]:
        found = {}
        for chunk, marks in _chunks(ids):
            for r in self.db.execute("SELECT id, verdict, severity, values_json, claims_json FROM facts "
                                     f"WHERE id IN ({marks})", chunk):
                found[r["id"]] = (r["verdict"], r["severity"], r["values_json"], r["claims_json"])
        return found

    def _superseded(self, facts: Sequence[Finding]) -> set[str]:
        """Return the stored facts, under ids not among these, that share a claim with one of the same check."""
        # A claim is in one fact of a check; an article published earlier than the founder founds it anew.
        rule_of = {c.id: f.rule for f in facts for c in f.claims}
        ids = {f.id for f in facts}
        found = set()
        for chunk, marks in _chunks(rule_of):
            for r in self.db.execute("SELECT l.claim_id, f.id, f.rule FROM fact_claims l "
                                     f"JOIN facts f ON f.id = l.fact_id WHERE l.claim_id IN ({marks})", chunk):
                if r["id"] not in ids and r["rule"] == rule_of[r["claim_id"]]:
                    found.add(r["id"])
        return found

    def _facts_of_article(self, article_id: str) -> set[str]:
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT l.fact_id FROM claims c JOIN fact_claims l ON l.claim_id = c.id WHERE c.article_id = ?",
            (article_id,))}

    def _delete_facts(self, ids: Iterable[str]) -> None:
        rows = [(i,) for i in ids]
        self.db.executemany("DELETE FROM facts WHERE id = ?", rows)
        self.db.executemany("DELETE FROM fact_claims WHERE fact_id = ?", rows)

    def _delete_article(self, article_id: str) -> None:
        db = self.db
        db.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        own = "SELECT term FROM article_terms WHERE article_id = ?"
        db.execute(f"UPDATE term_counts SET articles = articles - 1 WHERE term IN ({own})", (article_id,))
        db.execute(f"DELETE FROM term_counts WHERE term IN ({own}) AND articles <= 0", (article_id,))
        db.execute("DELETE FROM article_terms WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def forget(self, article_id: str) -> int:
        """Remove one article, its claims and the facts that cite them; return its claim count."""
        # The facts go whole rather than rewritten: the next batch meeting their other articles gathers them anew.
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                raise InputError(f"store {self.path}: no article {article_id!r}")
            count = db.execute("SELECT COUNT(*) FROM claims WHERE article_id = ?", (article_id,)).fetchone()[0]
            self._delete_facts(self._facts_of_article(article_id))
            self._delete_article(article_id)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return count

    # ------------------------------------------------------------ summaries

    def counts(self) -> dict[str, int]:
        """Return the numbers of batches, articles, claims and facts."""
        return {table: self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("batches", "articles", "claims", "facts")}

    def batches(self) -> list[tuple]:
        """Return (batch, created, articles checked in, articles held, claims, facts last written) per batch."""
        return [tuple(r) for r in self.db.execute(
            "SELECT b.id, b.created, b.articles, "
            "(SELECT COUNT(*) FROM articles a WHERE a.batch = b.id), "
            "(SELECT COUNT(*) FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.batch = b.id), "
            "(SELECT COUNT(*) FROM facts f WHERE f.last_batch = b.id) "
            "FROM batches b ORDER BY b.id")]

    def article_list(self) -> list[tuple]:
        """Return (id, source, published, batch, claims) per stored article."""
        return [tuple(r) for r in self.db.execute(
            "SELECT a.id, a.source, a.published, a.batch, "
            "(SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) FROM articles a ORDER BY a.id")]


def _pause_before_commit() -> None:
    pause = os.environ.get(PAUSE_ENV)
    if pause:
        print("checker: store: pausing before commit", file=sys.stderr, flush=True)
        time.sleep(float(pause))
