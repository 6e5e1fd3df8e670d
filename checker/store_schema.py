"""The claim store's tables and how a store of an older schema is brought up to date.

`MIGRATIONS` maps a schema version to the SQL steps that bring a store from the version
before it to that one; `PRAGMA user_version` records the version a store is at. A new
schema version adds an entry here and never edits an earlier one.
"""

from __future__ import annotations

import sqlite3

from checker.errors import InputError

MIGRATIONS: dict[int, tuple[str, ...]] = {
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
                db.execute(sql)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
