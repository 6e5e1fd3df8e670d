"""Article identity in the claim store: a shared file name is not a shared article; versions are kept."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.store import Store
from checker.store_schema import MIGRATIONS, SCHEMA_VERSION

CRASH = "Police in Velmora said {n} people were killed in the crash on the Dornick highway. {tail}"
TAILS = ("The mayor of Velmora visited the scene.", "Roads near Dornick stayed closed.",
         "Officials in Dornick called for an inquiry.", "Drivers were told to avoid Dornick.")


def write(folder: Path, stem: str, body: str, source: str | None = None, url: str | None = None,
          published: str = "2024-01-10") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    meta = f"source: {source or stem.title() + ' News'}\npublished: {published}\n" + (f"url: {url}\n" if url else "")
    path = folder / f"{stem}.txt"
    path.write_text(f"---\n{meta}---\n{body}\n", encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def check(folder: Path, db: Path, *extra: str) -> tuple[dict, list[str]]:
    result = invoke("check", os.path.relpath(folder), "--store", str(db), "--format", "json", "--fail-on", "never",
                    *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr.splitlines()


def rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return [tuple(r) for r in con.execute(sql)]
    finally:
        con.close()


def articles(db: Path) -> dict[str, tuple]:
    """Return id -> (path, version, claims) of the current articles."""
    return {r[0]: r[1:] for r in rows(db, "SELECT a.id, a.path, a.version, (SELECT COUNT(*) FROM claims c "
                                          "WHERE c.article_id = a.id) FROM articles a")}


@pytest.fixture()
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_different_article_with_a_stored_name_is_kept_beside_it(work):
    db = work / "claims.db"
    write(work / "b1", "story", CRASH.format(n=12, tail=TAILS[0]), source="Metro Herald")
    write(work / "b1", "other", CRASH.format(n=12, tail=TAILS[1]), source="Ridgeline Post")
    check(work / "b1", db)
    before = articles(db)
    facts = rows(db, "SELECT id, claims_json FROM facts")
    assert facts

    write(work / "b2", "story", CRASH.format(n=19, tail=TAILS[2]), source="Valley Times")
    report, err = check(work / "b2", db)
    assert err == ["checker: store: b2/story.txt: id 'story' is taken by another article (b1/story.txt); "
                   "stored as 'story-2'"]
    now = articles(db)
    assert {k: now[k] for k in before} == before  # the first article and its claims are still there
    assert now["story-2"][:2] == ("b2/story.txt", 1) and now["story-2"][2] > 0
    found = [f for f in report["findings"] if f["rule"] == "NUM001"]
    assert [sorted({c["article"] for v in f["variants"] for c in v["claims"]}) for f in found] == [
        ["other", "story", "story-2"]]  # the new article is compared with the stored one of its name
    after = dict(rows(db, "SELECT id, claims_json FROM facts"))
    for fact_id, ids in facts:  # batch one's facts are all there, each with every claim it had
        assert {c for v in json.loads(ids) for c in v} <= {c for v in json.loads(after[fact_id]) for c in v}

    again, err = check(work / "b2", db)  # checked again: the same article, nothing added
    assert err == ["checker: store: b2/story.txt is the stored article 'story-2'"] and articles(db) == now
    assert [f["id"] for f in again["findings"]] == [f["id"] for f in report["findings"]]
    check(work / "b1", db)
    assert articles(db) == now


def test_colliding_names_across_many_batches_lose_no_article(work):
    db = work / "claims.db"
    stored = {}
    for b in range(5):
        for k in range(4):
            write(work / f"b{b}", f"item{k}", CRASH.format(n=10 + b + k, tail=TAILS[k]), source=f"Outlet {b}")
        report, _ = check(work / f"b{b}", db)
        stored.update({a: articles(db)[a] for a in articles(db)})
    held = articles(db)
    assert len(held) == 20 and held == stored  # every article, each with all its claims
    assert {path for path, *_ in held.values()} == {f"b{b}/item{k}.txt" for b in range(5) for k in range(4)}


def test_a_new_version_is_kept_listed_and_reverted(work):
    db = work / "claims.db"
    write(work / "day", "story", CRASH.format(n=12, tail=TAILS[0]))
    write(work / "day", "rival", CRASH.format(n=19, tail=TAILS[1]))
    first, _ = check(work / "day", db)
    assert [f["rule"] for f in first["findings"]] == ["NUM001"]
    facts_before = rows(db, "SELECT id, verdict, values_json, claims_json FROM facts ORDER BY id")
    claims_before = rows(db, "SELECT id, json FROM claims WHERE article_id = 'story' ORDER BY id")

    write(work / "day", "story", CRASH.format(n=19, tail=TAILS[0]))  # corrected: now it agrees
    second, err = check(work / "day", db)
    assert err == ["checker: store: article story changed; stored as version 2, version 1 kept "
                   "(checker store revert story puts it back)"]
    assert second["findings"] == []
    assert articles(db)["story"][1] == 2
    listed = invoke("store", "list", "--store", str(db))
    assert listed.exit_code == 0
    lines = [line.split() for line in listed.stdout.splitlines()[2:]]
    assert [(cols[0], cols[1], cols[2]) for cols in lines] == [
        ("rival", "1", "current"), ("story", "2", "current"), ("story", "1", "earlier")]

    reverted = invoke("store", "revert", "story", "--store", str(db))
    assert reverted.exit_code == 0, reverted.output
    assert "article story is back at version 1" in reverted.stderr
    assert rows(db, "SELECT id, verdict, values_json, claims_json FROM facts ORDER BY id") == facts_before
    assert rows(db, "SELECT id, json FROM claims WHERE article_id = 'story' ORDER BY id") == claims_before
    assert rows(db, "SELECT COUNT(*) FROM article_versions") == [(0,)]
    with Store(db) as store:
        assert "12 people" in store.articles(["story"])[0].text
    again = invoke("store", "revert", "story", "--store", str(db))
    assert again.exit_code == 2 and again.stderr.strip().splitlines() == [
        f"checker: error: store {db}: no earlier version of article 'story'"]

    third, err = check(work / "day", db)  # the correction checked in again: version 2 again
    assert third["findings"] == [] and articles(db)["story"][1] == 2


def test_replace_overwrites_the_earlier_version(work):
    db = work / "claims.db"
    write(work / "day", "story", CRASH.format(n=12, tail=TAILS[0]))
    check(work / "day", db)
    write(work / "day", "story", CRASH.format(n=13, tail=TAILS[0]))
    _, err = check(work / "day", db, "--replace")
    assert err == ["checker: store: article story changed; its earlier version was replaced"]
    assert rows(db, "SELECT COUNT(*) FROM article_versions") == [(0,)] and len(articles(db)) == 1
    assert invoke("check", str(work / "day"), "--replace").exit_code == 2  # only with --store


def test_url_is_the_identity_where_there_is_one(work):
    db = work / "claims.db"
    url = "https://example.org/crash"
    write(work / "monday", "crash", CRASH.format(n=12, tail=TAILS[0]), url=url)
    check(work / "monday", db)
    write(work / "tuesday", "page", CRASH.format(n=14, tail=TAILS[0]), url=url)  # the same page, saved again
    _, err = check(work / "tuesday", db)
    assert "checker: store: tuesday/page.txt is the stored article 'crash'" in err
    assert any("article crash changed; stored as version 2" in line for line in err)
    assert list(articles(db)) == ["crash"]


def test_an_unchanged_article_moved_is_the_stored_one(work):
    db = work / "claims.db"
    path = write(work / "inbox", "story", CRASH.format(n=12, tail=TAILS[0]))
    check(work / "inbox", db)
    (work / "archive").mkdir()
    path.rename(work / "archive" / "story.txt")
    _, err = check(work / "archive", db)
    assert err == [] and list(articles(db)) == ["story"]
    assert rows(db, "SELECT COUNT(*) FROM batches") == [(1,)]


def test_rows_of_one_table_are_different_articles(work):
    db = work / "claims.db"
    table = work / "feed" / "articles.csv"
    table.parent.mkdir()
    table.write_text("id,source,published,text\n"
                     f"a1,Metro Herald,2024-01-10,{CRASH.format(n=12, tail=TAILS[0])}\n"
                     f"a2,Valley Times,2024-01-10,{CRASH.format(n=19, tail=TAILS[1])}\n", encoding="utf-8")
    report, _ = check(table, db)
    assert sorted(articles(db)) == ["a1", "a2"] and report["findings"]
    _, err = check(table, db)
    assert err == [] and rows(db, "SELECT COUNT(*) FROM batches") == [(1,)]


def test_forget_removes_the_kept_versions(work):
    db = work / "claims.db"
    write(work / "day", "story", CRASH.format(n=12, tail=TAILS[0]))
    check(work / "day", db)
    write(work / "day", "story", CRASH.format(n=13, tail=TAILS[0]))
    check(work / "day", db)
    result = invoke("store", "forget", "story", "--store", str(db))
    assert result.exit_code == 0 and "forgot article story and 1 earlier version(s)" in result.stderr
    assert rows(db, "SELECT COUNT(*) FROM article_versions") == [(0,)] and articles(db) == {}


def test_a_version_two_store_is_migrated_and_keeps_its_articles(work):
    from checker.config import load_settings
    from checker.engine import extract_claims
    from checker.loader import load_paths
    from checker.store_rows import article_row, claim_row

    db = work / "claims.db"
    write(work / "b1", "story", CRASH.format(n=12, tail=TAILS[0]), url="https://example.org/a")
    write(work / "b1", "other", CRASH.format(n=12, tail=TAILS[1]))
    loaded = load_paths(["b1"]).articles
    con = sqlite3.connect(db)
    for version in (1, 2):
        for step in MIGRATIONS[version]:
            step(con) if callable(step) else con.execute(step)
    con.execute("INSERT INTO batches VALUES (1, '2024-01-10T00:00:00+00:00', 2)")
    con.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [article_row(a, 1, ("velmora", "dornick")) for a in loaded])
    con.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [claim_row(c) for c in extract_claims(loaded, load_settings({}))])
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()

    write(work / "b2", "other", CRASH.format(n=19, tail=TAILS[2]))
    _, err = check(work / "b2", db)
    assert err == ["checker: store: b2/other.txt: id 'other' is taken by another article (b1/other.txt); "
                   "stored as 'other-2'"]
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    keys = dict(rows(db, "SELECT id, key FROM articles"))
    assert keys["story"] == "url\x1fhttps://example.org/a"
    assert keys["other"] == "path\x1fOther News\x1fb1/other.txt\x1f"
    assert sorted(articles(db)) == ["other", "other-2", "story"]
    assert {v for _, v, _ in articles(db).values()} == {1}
