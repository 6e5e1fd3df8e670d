"""The claim store's tables and how a store of an older schema is brought up to date.

`MIGRATIONS` maps a schema version to the steps (SQL, or a function of the connection)
that bring a store from the version before it to that one; `PRAGMA user_version` records
the version a store is at. A new schema version adds an entry here and never edits an
earlier one.

Version 2 keeps facts, not pairs: the `findings` table of claim pairs (a_claim, b_claim) is
dropped, since a pair cannot be turned into a fact with all its variants; the facts come back
as later batches meet those articles. Story terms become the heaviest words of each article's
story vector, recomputed from the stored texts batch by batch.

Version 3 tells articles apart by key (URL, else source and path) rather than by file name:
every stored article gets its key and version 1, and earlier versions of an article are kept
in `article_versions` when a new version replaces it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from checker.errors import InputError
from checker.store_identity import article_key
from checker.store_rows import top_terms


def _story_vector_terms(db: sqlite3.Connection) -> None:
    """Recompute every stored article's story terms, each batch's texts read together as when checked."""
    # Version 1 held an article's most frequent proper names: a new batch's terms are other words.
    db.execute("DELETE FROM article_terms")
    for (batch,) in db.execute("SELECT DISTINCT batch FROM articles ORDER BY batch").fetchall():
        rows = db.execute("SELECT id, title, text FROM articles WHERE batch = ?", (batch,)).fetchall()
        terms = top_terms({r[0]: f"{r[1] or ''}\n{r[2]}" for r in rows})
        db.executemany("INSERT OR IGNORE INTO article_terms (term, article_id) VALUES (?, ?)",
                       [(t, key) for key, ts in terms.items() for t in ts])
        db.executemany("UPDATE articles SET story = ? WHERE id = ?", [(" ".join(ts), key) for key, ts in terms.items()])
    db.execute("INSERT INTO term_counts SELECT term, COUNT(*) FROM article_terms GROUP BY term")


def _article_keys(db: sqlite3.Connection) -> None:
    """Give every stored article its key, as a batch checked now would."""
    rows = db.execute("SELECT id, url, source, path FROM articles").fetchall()
    db.executemany("UPDATE articles SET key = ? WHERE id = ?",
                   [(article_key(r[1], r[2], r[3], r[0]), r[0]) for r in rows])


Step = str | Callable[[sqlite3.Connection], None]

MIGRATIONS: dict[int, tuple[Step, ...]] = {
    1: (
        """CREATE TABLE batches (
               id INTEGER PRIMARY KEY,
               created TEXT NOT NULL,
               articles INTEGER NOT NULL)""",
        """CREATE TABLE articles (
               id TEXT PRIMARY KEY,
               path TEXT NOT NULL,
               source TEXT,
               published TEXT,
               title TEXT,
               url TEXT,
               text_hash TEXT NOT NULL,
               text TEXT NOT NULL,
               line_offset INTEGER NOT NULL,
               batch INTEGER NOT NULL REFERENCES batches(id),
               story TEXT NOT NULL)""",
        # One row per story term of an article; an article naming nobody has the term ''.
        """CREATE TABLE article_terms (
               term TEXT NOT NULL,
               article_id TEXT NOT NULL,
               PRIMARY KEY (term, article_id)) WITHOUT ROWID""",
        "CREATE INDEX article_terms_article ON article_terms(article_id)",
        """CREATE TABLE claims (
               id TEXT PRIMARY KEY,
               article_id TEXT NOT NULL,
               kind TEXT NOT NULL,
               dimension TEXT NOT NULL,
               predicate TEXT NOT NULL,
               thing TEXT NOT NULL,
               anchor TEXT NOT NULL,
               lo REAL,
               hi REAL,
               lo_closed INTEGER,
               hi_closed INTEGER,
               json TEXT NOT NULL)""",
        "CREATE INDEX claims_block ON claims(kind, dimension, predicate, thing, anchor)",
        "CREATE INDEX claims_article ON claims(article_id)",
        """CREATE TABLE findings (
               id TEXT PRIMARY KEY,
               batch INTEGER NOT NULL,
               rule TEXT NOT NULL,
               severity TEXT NOT NULL,
               verdict TEXT NOT NULL,
               a_claim TEXT NOT NULL,
               b_claim TEXT NOT NULL,
               explanation TEXT NOT NULL)""",
        "CREATE INDEX findings_a ON findings(a_claim)",
        "CREATE INDEX findings_b ON findings(b_claim)",
    ),
    2: (
        "DROP TABLE findings",
        # One row per fact: its variants' values and the claim ids of each variant, in order.
        """CREATE TABLE facts (
               id TEXT PRIMARY KEY,
               rule TEXT NOT NULL,
               kind TEXT NOT NULL,
               verdict TEXT NOT NULL,
               severity TEXT NOT NULL,
               topic TEXT NOT NULL,
               story TEXT NOT NULL,
               values_json TEXT NOT NULL,
               claims_json TEXT NOT NULL,
               explanation TEXT NOT NULL,
               first_batch INTEGER NOT NULL,
               last_batch INTEGER NOT NULL)""",
        "CREATE INDEX facts_last_batch ON facts(last_batch)",
        # claims_json inverted, so the facts of a claim are found without reading every fact.
        """CREATE TABLE fact_claims (
               claim_id TEXT NOT NULL,
               fact_id TEXT NOT NULL,
               PRIMARY KEY (claim_id, fact_id)) WITHOUT ROWID""",
        "CREATE INDEX fact_claims_fact ON fact_claims(fact_id)",
        # How many stored articles have each term: a word too many of them use names no story, and
        # the history leaves its postings unread.
        """CREATE TABLE term_counts (
               term TEXT PRIMARY KEY,
               articles INTEGER NOT NULL) WITHOUT ROWID""",
        _story_vector_terms,
    ),
    3: (
        "ALTER TABLE articles ADD COLUMN key TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
        _article_keys,
        "CREATE INDEX articles_key ON articles(key)",
        "CREATE INDEX articles_hash ON articles(text_hash)",
        # One row per earlier version of an article: what lists it, and a JSON snapshot of its row,
        # claims, story terms and the facts that cited it, from which it is put back.
        """CREATE TABLE article_versions (
               article_id TEXT NOT NULL,
               version INTEGER NOT NULL,
               path TEXT NOT NULL,
               source TEXT,
               published TEXT,
               batch INTEGER NOT NULL,
               replaced_batch INTEGER NOT NULL,
               claims INTEGER NOT NULL,
               snapshot TEXT NOT NULL,
               PRIMARY KEY (article_id, version))""",
    ),
}
SCHEMA_VERSION = max(MIGRATIONS)


def schema_version(db: sqlite3.Connection) -> int:
    """Return the store's `PRAGMA user_version`."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def refuse_newer(db: sqlite3.Connection, path: str) -> int:
    """Raise InputError for a store written by a newer checker; return its version."""
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise InputError(f"store {path} was written by a newer checker (schema {version}); "
                         f"this one reads up to {SCHEMA_VERSION}")
    return version


def migrate(db: sqlite3.Connection, path: str) -> None:
    """Bring the store up to SCHEMA_VERSION in one transaction (no-op when it is current)."""
    if refuse_newer(db, path) == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = refuse_newer(db, path)  # another process may have migrated meanwhile
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for sql in MIGRATIONS[step]:
                if callable(sql):
                    sql(db)
                else:
                    db.execute(sql)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
