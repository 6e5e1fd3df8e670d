"""Earlier versions of stored articles: kept when a new version replaces one, put back on revert.

A version is kept whole: its row, claims and story terms, and the facts that cited it, as they
stood before the new version was checked in. Reverting puts them back in place of the current
version (whose claims and facts go, as `store forget` removes them).
"""

from __future__ import annotations

import json
import sqlite3

from checker.errors import InputError
from checker.store_edit import add_terms, delete_article, delete_facts, facts_of_article, insert_claims
from checker.store_rows import claim_from_json

ARTICLE_COLUMNS = ("id", "path", "source", "published", "title", "url", "text_hash", "text", "line_offset",
                   "batch", "story", "key", "version")
FACT_COLUMNS = ("id", "rule", "kind", "verdict", "severity", "topic", "story", "values_json", "claims_json",
                "explanation", "first_batch", "last_batch")


def keep_version(db: sqlite3.Connection, article_id: str, batch: int) -> None:
    """Keep the stored version of an article, about to be replaced by the given batch."""
    row = db.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)).fetchone()
    claims = [r[0] for r in db.execute("SELECT json FROM claims WHERE article_id = ? ORDER BY id", (article_id,))]
    terms = [r[0] for r in db.execute("SELECT term FROM article_terms WHERE article_id = ? ORDER BY term",
                                      (article_id,))]
    facts, links = [], {}
    for fact_id in sorted(facts_of_article(db, article_id)):
        facts.append(dict(db.execute(f"SELECT {', '.join(FACT_COLUMNS)} FROM facts WHERE id = ?",
                                     (fact_id,)).fetchone()))
        links[fact_id] = [r[0] for r in db.execute(
            "SELECT claim_id FROM fact_claims WHERE fact_id = ? ORDER BY claim_id", (fact_id,))]
    snapshot = {"article": dict(row), "claims": claims, "terms": terms, "facts": facts, "links": links}
    db.execute("INSERT INTO article_versions (article_id, version, path, source, published, batch, replaced_batch, "
               "claims, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (article_id, row["version"], row["path"], row["source"], row["published"], row["batch"], batch,
                len(claims), json.dumps(snapshot, ensure_ascii=False, sort_keys=True)))


def revert(db: sqlite3.Connection, article_id: str, path: str) -> tuple[int, int]:
    """Put the latest earlier version of an article back in place of the current one; return (version, claims)."""
    kept = db.execute("SELECT version, snapshot FROM article_versions WHERE article_id = ? "
                      "ORDER BY version DESC LIMIT 1", (article_id,)).fetchone()
    if kept is None:
        raise InputError(f"store {path}: no earlier version of article {article_id!r}")
    snapshot = json.loads(kept["snapshot"])
    delete_facts(db, facts_of_article(db, article_id))
    delete_article(db, article_id)
    article = snapshot["article"]
    db.execute(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
               [article[c] for c in ARTICLE_COLUMNS])
    add_terms(db, article_id, snapshot["terms"])
    insert_claims(db, [claim_from_json(text) for text in snapshot["claims"]])
    for fact in snapshot["facts"]:
        _restore_fact(db, fact, snapshot["links"][fact["id"]])
    db.execute("DELETE FROM article_versions WHERE article_id = ? AND version = ?", (article_id, kept["version"]))
    return kept["version"], len(snapshot["claims"])


def _restore_fact(db: sqlite3.Connection, fact: dict, claim_ids: list[str]) -> None:
    """Put back a kept fact unless its id is taken or one of its claims has gone since."""
    if db.execute("SELECT 1 FROM facts WHERE id = ?", (fact["id"],)).fetchone():
        return
    marks = ",".join("?" * len(claim_ids))
    if db.execute(f"SELECT COUNT(*) FROM claims WHERE id IN ({marks})", claim_ids).fetchone()[0] < len(claim_ids):
        return  # a fact that lost a claim is gathered anew when a later batch meets its articles
    db.execute(f"INSERT INTO facts ({', '.join(FACT_COLUMNS)}) VALUES ({', '.join('?' * len(FACT_COLUMNS))})",
               [fact[c] for c in FACT_COLUMNS])
    db.executemany("INSERT OR IGNORE INTO fact_claims (claim_id, fact_id) VALUES (?, ?)",
                   [(c, fact["id"]) for c in claim_ids])


def forget_versions(db: sqlite3.Connection, article_id: str) -> int:
    """Delete the kept versions of an article; return how many there were."""
    return db.execute("DELETE FROM article_versions WHERE article_id = ?", (article_id,)).rowcount


def kept_versions(db: sqlite3.Connection) -> list[tuple]:
    """Return (id, version, source, published, path, batch, replaced in batch, claims) per kept version."""
    return [tuple(r) for r in db.execute(
        "SELECT article_id, version, source, published, path, batch, replaced_batch, claims "
        "FROM article_versions ORDER BY article_id, version")]
