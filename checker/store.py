"""The claim store: an SQLite file holding the articles, claims and findings of earlier batches.

Only the standard `sqlite3`. WAL mode and a 30 s busy timeout let two CI jobs write at once;
every write is one `BEGIN IMMEDIATE` ... `COMMIT`, so a killed run leaves the store as it was
before or after, never half. Test hook: with `CHECKER_STORE_PAUSE=SECONDS` in the environment
the store writes "checker: store: pausing before commit" to stderr and sleeps that long just
before the COMMIT of a batch, so a test can kill the process inside the transaction.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone

from checker.errors import InputError
from checker.match import block_key
from checker.records import Article, Claim, Discrepancy, Interval, Quantity, Role, Sentence, Speaker
from checker.store_schema import migrate, refuse_newer

BUSY_TIMEOUT_MS = 30_000
PAUSE_ENV = "CHECKER_STORE_PAUSE"


# ---------------------------------------------------------------- (de)serialization

def _value_to_dict(value: Quantity | Speaker | Role) -> dict:
    if isinstance(value, Quantity):
        i = value.interval
        return {"type": "quantity", "lo": i.lo, "hi": i.hi, "lo_closed": i.lo_closed, "hi_closed": i.hi_closed,
                "dimension": value.dimension, "unit": value.unit, "text": value.text, "display": value.display,
                "qualifier": value.qualifier}
    if isinstance(value, Speaker):
        return {"type": "speaker", "name": value.name, "kind": value.kind, "display": value.display}
    if isinstance(value, Role):
        return {"type": "role", "person": value.person, "title": value.title, "display": value.display}
    raise TypeError(f"unknown claim value: {value!r}")


def _value_from_dict(d: dict) -> Quantity | Speaker | Role:
    kind = d["type"]
    if kind == "quantity":
        interval = Interval(float(d["lo"]), float(d["hi"]), d["lo_closed"], d["hi_closed"])
        return Quantity(interval, d["dimension"], d["unit"], d["text"], d["display"], d.get("qualifier", ""))
    if kind == "speaker":
        return Speaker(d["name"], d["kind"], d["display"])
    return Role(d["person"], d["title"], d["display"])


def claim_to_json(claim: Claim) -> str:
    """Serialize every field of a claim, its sentence and value included (inf as Infinity)."""
    s = claim.sentence
    return json.dumps({
        "id": claim.id, "article_id": claim.article_id,
        "sentence": {"article_id": s.article_id, "index": s.index, "start": s.start, "end": s.end,
                     "text": s.text, "line": s.line},
        "start": claim.start, "end": claim.end, "kind": claim.kind, "text": claim.text,
        "predicate": claim.predicate, "thing": claim.thing, "topic": claim.topic,
        "value": _value_to_dict(claim.value), "actors": list(claim.actors), "cumulative": claim.cumulative,
        "anchor": claim.anchor, "aside": claim.aside, "as_of": claim.as_of.isoformat() if claim.as_of else None,
        "scope": claim.scope,
    }, ensure_ascii=False, allow_nan=True)


def claim_from_json(text: str) -> Claim:
    """Rebuild a claim written by claim_to_json, equal to the original."""
    d = json.loads(text)
    return Claim(
        id=d["id"], article_id=d["article_id"], sentence=Sentence(**d["sentence"]),
        start=d["start"], end=d["end"], kind=d["kind"], text=d["text"], predicate=d["predicate"],
        thing=d["thing"], topic=d["topic"], value=_value_from_dict(d["value"]), actors=tuple(d["actors"]),
        cumulative=d["cumulative"], anchor=d["anchor"], aside=d["aside"],
        as_of=date.fromisoformat(d["as_of"]) if d["as_of"] else None, scope=d["scope"],
    )


def text_hash(article: Article) -> str:
    """Return the digest that tells whether an article changed (text and metadata)."""
    parts = (article.text, article.source, article.published, article.title, article.url, article.line_offset)
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def _bound(x: float) -> float | None:
    return None if math.isinf(x) else x  # ±inf is NULL in the lo/hi columns; the JSON keeps it exactly


def _article_row_to_article(row: sqlite3.Row) -> Article:
    return Article(id=row["id"], path=row["path"], text=row["text"], source=row["source"],
                   published=date.fromisoformat(row["published"]) if row["published"] else None,
                   title=row["title"], url=row["url"], line_offset=row["line_offset"])


# ---------------------------------------------------------------- the store

@dataclass(frozen=True, slots=True)
class History:
    """Stored claims that may meet a new batch, and their articles."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What a save wrote: the batch id (None when nothing was new) and the changed articles."""

    batch: int | None
    added: int
    changed: tuple[str, ...]
    findings: int


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

    def _present(self, table: str, ids: Iterable[str]) -> set[str]:
        """Return which of the ids are in the table's id column."""
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk))
        return found

    def known_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """Return id -> text_hash of the given articles that the store holds."""
        ids = list(ids)
        found: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT id, text_hash FROM articles WHERE id IN ({marks})", chunk):
                found[row["id"]] = row["text_hash"]
        return found

    def history(self, claims: Sequence[Claim], new_ids: Iterable[str],
                stories: dict[str, frozenset[str]]) -> History:
        """Return the stored claims (not of the new articles) that may meet the new batch's claims.

        Number and date claims: those with one of the new claims' block keys, from articles that
        share a story term with a new article or name nobody (all of the block when a new article
        names nobody, as in memory). Quote and role claims: those of articles that share a story
        term with a new article or name nobody.
        """
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS new_ids (id TEXT PRIMARY KEY)")
        db.execute("CREATE TEMP TABLE IF NOT EXISTS new_terms (term TEXT PRIMARY KEY)")
        db.execute("CREATE TEMP TABLE IF NOT EXISTS new_keys (kind, dimension, predicate, thing, anchor, "
                   "PRIMARY KEY (kind, dimension, predicate, thing, anchor))")
        for table in ("new_ids", "new_terms", "new_keys"):
            db.execute(f"DELETE FROM temp.{table}")
        db.executemany("INSERT OR IGNORE INTO temp.new_ids VALUES (?)", ((i,) for i in new_ids))
        terms = {t for ts in stories.values() for t in ts} | {""}
        db.executemany("INSERT OR IGNORE INTO temp.new_terms VALUES (?)", ((t,) for t in terms))
        keys = {k for c in claims if c.kind in ("number", "date") and (k := block_key(c)) is not None}
        db.executemany("INSERT OR IGNORE INTO temp.new_keys VALUES (?, ?, ?, ?, ?)", keys)
        anyone = any(not ts for ts in stories.values())
        # Driven by the new batch's story terms, so the rows read grow with the related articles only.
        rows = db.execute(
            "SELECT c.json FROM temp.new_terms n CROSS JOIN article_terms t ON t.term = n.term "
            "CROSS JOIN claims c ON c.article_id = t.article_id "
            "WHERE c.article_id NOT IN (SELECT id FROM temp.new_ids) AND (c.kind IN ('attribution', 'role') "
            "OR EXISTS (SELECT 1 FROM temp.new_keys k WHERE k.kind = c.kind AND k.dimension = c.dimension "
            "AND k.predicate = c.predicate AND k.thing = c.thing AND k.anchor = c.anchor))").fetchall()
        if anyone:  # a new article naming nobody may meet any story: the whole of its blocks, by index
            rows += db.execute(
                "SELECT c.json FROM temp.new_keys k CROSS JOIN claims c ON c.kind = k.kind "
                "AND c.dimension = k.dimension AND c.predicate = k.predicate AND c.thing = k.thing "
                "AND c.anchor = k.anchor WHERE c.article_id NOT IN (SELECT id FROM temp.new_ids)").fetchall()
        found = {c.id: c for c in (claim_from_json(r["json"]) for r in rows)}
        history = sorted(found.values(), key=lambda c: (c.article_id, c.start, c.id))
        return History(self.articles({c.article_id for c in history}), tuple(history))

    def articles(self, ids: Iterable[str]) -> tuple[Article, ...]:
        """Return the stored articles with these ids, sorted by id."""
        ids = sorted(set(ids))
        out: list[Article] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            out += [_article_row_to_article(r) for r in self.db.execute(
                f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY id", chunk)]
        return tuple(out)

    def all_claims(self) -> tuple[tuple[Article, ...], tuple[Claim, ...]]:
        """Return every stored article and claim (for `extract --store`), read through pandas."""
        import pandas as pd

        frame = pd.read_sql_query("SELECT c.json FROM claims c ORDER BY c.article_id, c.id", self.db)
        claims = sorted((claim_from_json(text) for text in frame["json"]), key=lambda c: (c.article_id, c.start, c.id))
        return self.articles({c.article_id for c in claims}), tuple(claims)

    # ------------------------------------------------------------ writing

    def save(self, articles: Sequence[Article], claims: Sequence[Claim], findings: Sequence[Discrepancy],
             stories: dict[str, frozenset[str]]) -> SaveResult:
        """Add a checked batch in one transaction: new or changed articles with their claims, and findings.

        Articles known with the same text hash are left alone; a known article whose text changed
        loses its old claims and the findings that cite them. Nothing new -> no batch row.
        """
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            known = self.known_hashes(a.id for a in articles)
            fresh = [a for a in articles if known.get(a.id) != text_hash(a)]
            changed = tuple(sorted(a.id for a in fresh if a.id in known))
            fresh_ids = {a.id for a in fresh}
            for article_id in changed:
                self._delete_article(article_id)
            existing = self._present("findings", (d.id for d in findings))
            new_findings = [d for d in findings if d.id not in existing]
            if not fresh and not new_findings:
                db.execute("ROLLBACK")
                return SaveResult(None, 0, (), 0)
            batch = db.execute("INSERT INTO batches (created, articles) VALUES (?, ?)",
                               (datetime.now(timezone.utc).isoformat(timespec="seconds"), len(fresh))).lastrowid
            db.executemany(
                "INSERT INTO articles (id, path, source, published, title, url, text_hash, text, line_offset, batch, story) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(a.id, a.path, a.source, a.published.isoformat() if a.published else None, a.title, a.url,
                  text_hash(a), a.text, a.line_offset, batch, " ".join(sorted(stories.get(a.id, ()))))
                 for a in fresh])
            db.executemany("INSERT OR IGNORE INTO article_terms (term, article_id) VALUES (?, ?)",
                           [(t, a.id) for a in fresh for t in (sorted(stories.get(a.id, ())) or [""])])
            db.executemany(
                "INSERT OR IGNORE INTO claims (id, article_id, kind, dimension, predicate, thing, anchor, "
                "lo, hi, lo_closed, hi_closed, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_claim_row(c) for c in claims if c.article_id in fresh_ids])
            db.executemany(
                "INSERT OR IGNORE INTO findings (id, batch, rule, severity, verdict, a_claim, b_claim, explanation) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(d.id, batch, d.rule, d.severity, d.verdict, d.a.id, d.b.id, d.explanation) for d in new_findings])
            _pause_before_commit()
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return SaveResult(batch, len(fresh), changed, len(new_findings))

    def _delete_article(self, article_id: str) -> None:
        db = self.db
        claim_ids = "SELECT id FROM claims WHERE article_id = ?"
        db.execute(f"DELETE FROM findings WHERE a_claim IN ({claim_ids}) OR b_claim IN ({claim_ids})",
                   (article_id, article_id))
        db.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM article_terms WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def forget(self, article_id: str) -> int:
        """Remove one article, its claims and the findings that cite them; return its claim count."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                raise InputError(f"store {self.path}: no article {article_id!r}")
            count = db.execute("SELECT COUNT(*) FROM claims WHERE article_id = ?", (article_id,)).fetchone()[0]
            self._delete_article(article_id)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return count

    # ------------------------------------------------------------ summaries

    def counts(self) -> dict[str, int]:
        """Return the numbers of batches, articles, claims and findings."""
        return {table: self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("batches", "articles", "claims", "findings")}

    def batches(self) -> list[tuple]:
        """Return (batch, created, articles checked in, articles now held, claims, findings) per batch."""
        return [tuple(r) for r in self.db.execute(
            "SELECT b.id, b.created, b.articles, "
            "(SELECT COUNT(*) FROM articles a WHERE a.batch = b.id), "
            "(SELECT COUNT(*) FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.batch = b.id), "
            "(SELECT COUNT(*) FROM findings f WHERE f.batch = b.id) "
            "FROM batches b ORDER BY b.id")]

    def article_list(self) -> list[tuple]:
        """Return (id, source, published, batch, claims) per stored article."""
        return [tuple(r) for r in self.db.execute(
            "SELECT a.id, a.source, a.published, a.batch, "
            "(SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) FROM articles a ORDER BY a.id")]


def _claim_row(c: Claim) -> tuple:
    value = c.value
    measured = isinstance(value, Quantity)
    i = value.interval if measured else None
    return (c.id, c.article_id, c.kind, value.dimension if measured else c.kind, c.predicate, c.thing, c.anchor,
            _bound(i.lo) if i else None, _bound(i.hi) if i else None,
            int(i.lo_closed) if i else None, int(i.hi_closed) if i else None, claim_to_json(c))


def _pause_before_commit() -> None:
    pause = os.environ.get(PAUSE_ENV)
    if pause:
        print("checker: store: pausing before commit", file=sys.stderr, flush=True)
        time.sleep(float(pause))
