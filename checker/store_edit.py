"""Row edits of the claim store shared by saving, forgetting and reverting: callers hold the transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from checker.records import Article, Claim, Finding
from checker.store_rows import article_row, claim_row, fact_content, fact_row

CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound parameters


def chunks(ids: Iterable[str]) -> Iterator[tuple[list[str], str]]:
    """Yield the ids in chunks, each with its "?,?,..." placeholder list."""
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i:i + CHUNK]
        yield chunk, ",".join("?" * len(chunk))


def insert_article(db: sqlite3.Connection, article: Article, batch: int, terms: Sequence[str],
                   key: str, version: int) -> None:
    """Insert one article row with its story terms (and their counts)."""
    db.execute("INSERT INTO articles (id, path, source, published, title, url, text_hash, text, line_offset, "
               "batch, story, key, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (*article_row(article, batch, terms), key, version))
    add_terms(db, article.id, terms)


def add_terms(db: sqlite3.Connection, article_id: str, terms: Iterable[str]) -> None:
    """Index an article under its story terms and count it in each term's postings."""
    pairs = [(t, article_id) for t in dict.fromkeys(terms)]
    db.executemany("INSERT INTO article_terms (term, article_id) VALUES (?, ?)", pairs)
    db.executemany("INSERT INTO term_counts (term, articles) VALUES (?, 1) "
                   "ON CONFLICT (term) DO UPDATE SET articles = articles + 1", [(t,) for t, _ in pairs])


def insert_claims(db: sqlite3.Connection, claims: Iterable[Claim]) -> None:
    """Insert claim rows (a claim already stored is left as it is)."""
    db.executemany(
        "INSERT OR IGNORE INTO claims (id, article_id, kind, dimension, predicate, thing, anchor, "
        "lo, hi, lo_closed, hi_closed, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [claim_row(c) for c in claims])


def upsert_facts(db: sqlite3.Connection, facts: Sequence[Finding], batch: int) -> None:
    """Write the facts by id: a stored one keeps its first batch and takes this one as its last."""
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


def fact_contents(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[str, str, str, str]]:
    """Return id -> (verdict, severity, values, claims) of the stored facts among these ids."""
    found = {}
    for chunk, marks in chunks(ids):
        for r in db.execute("SELECT id, verdict, severity, values_json, claims_json FROM facts "
                            f"WHERE id IN ({marks})", chunk):
            found[r["id"]] = (r["verdict"], r["severity"], r["values_json"], r["claims_json"])
    return found


def changed_facts(db: sqlite3.Connection, facts: Sequence[Finding]) -> list[Finding]:
    """Return the facts that the store does not hold as they are."""
    stored = fact_contents(db, (f.id for f in facts))
    return [f for f in facts if stored.get(f.id) != fact_content(f)]


def superseded(db: sqlite3.Connection, facts: Sequence[Finding]) -> set[str]:
    """Return the stored facts, under ids not among these, that share a claim with one of the same check."""
    # A claim is in one fact of a check; an article published earlier than the founder founds it anew.
    rule_of = {c.id: f.rule for f in facts for c in f.claims}
    ids = {f.id for f in facts}
    found = set()
    for chunk, marks in chunks(rule_of):
        for r in db.execute("SELECT l.claim_id, f.id, f.rule FROM fact_claims l "
                            f"JOIN facts f ON f.id = l.fact_id WHERE l.claim_id IN ({marks})", chunk):
            if r["id"] not in ids and r["rule"] == rule_of[r["claim_id"]]:
                found.add(r["id"])
    return found


def facts_of_article(db: sqlite3.Connection, article_id: str) -> set[str]:
    """Return the ids of the stored facts citing a claim of the article."""
    return {r[0] for r in db.execute(
        "SELECT DISTINCT l.fact_id FROM claims c JOIN fact_claims l ON l.claim_id = c.id WHERE c.article_id = ?",
        (article_id,))}


def delete_facts(db: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Delete facts and their claim links."""
    rows = [(i,) for i in ids]
    db.executemany("DELETE FROM facts WHERE id = ?", rows)
    db.executemany("DELETE FROM fact_claims WHERE fact_id = ?", rows)


def delete_article(db: sqlite3.Connection, article_id: str) -> None:
    """Delete the current version of an article: its row, claims, terms and their counts."""
    db.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
    own = "SELECT term FROM article_terms WHERE article_id = ?"
    db.execute(f"UPDATE term_counts SET articles = articles - 1 WHERE term IN ({own})", (article_id,))
    db.execute(f"DELETE FROM term_counts WHERE term IN ({own}) AND articles <= 0", (article_id,))
    db.execute("DELETE FROM article_terms WHERE article_id = ?", (article_id,))
    db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

