"""Which stored claims may meet a new batch: read through the store's inverted indexes."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence

from checker.gather.keys import block_key
from checker.records import Claim
from checker.store_rows import claim_from_json

SHARED_TERMS = 2  # one shared word ("police", a city) does not make two articles one story
# A word more stored articles use than one story's coverage fills names no story ("farmer",
# "may"); a fixed number, not a share of the store, so its postings never grow with the store.
COMMON_POSTINGS = 250

_TEMP = {"new_ids": "id TEXT PRIMARY KEY",
         "new_terms": "article_id TEXT, term TEXT, PRIMARY KEY (term, article_id)",
         "new_keys": "kind, dimension, thing, anchor, PRIMARY KEY (kind, dimension, thing, anchor)",
         "related": "id TEXT PRIMARY KEY",
         "picked": "id TEXT PRIMARY KEY"}


def read_history(db: sqlite3.Connection, claims: Sequence[Claim],
                 terms: Mapping[str, Sequence[str]]) -> tuple[set[str], list[Claim]]:
    """Return the stored articles related to the new batch and the stored claims that may meet it."""
    # Related: not in the new batch, sharing SHARED_TERMS terms with some new article, terms
    # common in the store left out.
    _fill_temp(db, claims, terms)
    db.execute("DELETE FROM temp.new_terms WHERE term IN (SELECT c.term FROM temp.new_terms n "
               "CROSS JOIN term_counts c ON c.term = n.term WHERE c.articles > ?)", (COMMON_POSTINGS,))
    # Driven by the new batch's terms (CROSS JOIN fixes the order), so the rows read grow
    # with the related articles only, never with the whole store.
    db.execute(
        "INSERT INTO temp.related SELECT DISTINCT id FROM (SELECT t.article_id AS id "
        "FROM temp.new_terms n CROSS JOIN article_terms t ON t.term = n.term "
        "WHERE t.article_id NOT IN (SELECT id FROM temp.new_ids) "
        f"GROUP BY n.article_id, t.article_id HAVING COUNT(*) >= {SHARED_TERMS})")
    # Their claims in one of the new claims' blocks, every quote and role and every age (those
    # gather by person, not by block) ...
    db.execute(
        "INSERT INTO temp.picked SELECT c.id FROM temp.related r CROSS JOIN claims c ON c.article_id = r.id "
        "WHERE c.kind IN ('attribution', 'role') OR c.dimension = 'age' "
        "OR EXISTS (SELECT 1 FROM temp.new_keys k WHERE k.kind = c.kind AND k.dimension = c.dimension "
        "AND k.thing = c.thing AND k.anchor = c.anchor)")
    # ... and the other claims of the stored facts they are in, so that a stored fact is gathered
    # again whole and its update by id drops none of them.
    db.execute(
        "INSERT OR IGNORE INTO temp.picked SELECT other.claim_id FROM temp.picked p "
        "CROSS JOIN fact_claims f ON f.claim_id = p.id CROSS JOIN fact_claims other ON other.fact_id = f.fact_id")
    rows = db.execute(
        "SELECT c.json FROM temp.picked p CROSS JOIN claims c ON c.id = p.id "
        "WHERE c.article_id NOT IN (SELECT id FROM temp.new_ids)").fetchall()
    found = sorted((claim_from_json(r[0]) for r in rows), key=lambda c: (c.article_id, c.start, c.id))
    return {r[0] for r in db.execute("SELECT id FROM temp.related")}, found


def _fill_temp(db: sqlite3.Connection, claims: Sequence[Claim], terms: Mapping[str, Sequence[str]]) -> None:
    """Fill the connection's temporary tables with the new batch's ids, terms and block keys."""
    for table, columns in _TEMP.items():
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})")
        db.execute(f"DELETE FROM temp.{table}")
    db.executemany("INSERT INTO temp.new_ids VALUES (?)", ((i,) for i in terms))
    db.executemany("INSERT OR IGNORE INTO temp.new_terms VALUES (?, ?)",
                   ((key, t) for key, ts in terms.items() for t in ts))
    keys = {k for c in claims if c.kind in ("number", "date") and (k := block_key(c)) is not None}
    db.executemany("INSERT INTO temp.new_keys VALUES (?, ?, ?, ?)", keys)
