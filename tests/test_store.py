"""The claim store (issue #6): history across batches, idempotence, safety, schema, store commands."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.config import load_settings
from checker.engine import extract_claims
from checker.loader import load_paths
from checker.store import Store, claim_from_json, claim_to_json
from checker.store_schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent

AGREE_1 = ("Police in Velmora said 12 people were killed in the crash on the Dornick highway. "
           "The mayor of Velmora visited the scene.")
AGREE_2 = ("Twelve people were killed in the crash on the Dornick highway, police in Velmora said. "
           "Roads near Dornick stayed closed.")
CONTRA = ("Police in Velmora said 19 people were killed in the crash on the Dornick highway. "
          "Officials in Dornick called for an inquiry.")
OTHER = ("Police in Karsholm said 40 people were injured when a ferry hit the Brannock pier. "
         "The harbour of Karsholm was closed.")


def write_article(folder: Path, stem: str, body: str, published: str = "2024-01-10") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.txt"
    path.write_text(f"---\nsource: {stem.title()} News\npublished: {published}\ntitle: {stem}\n---\n{body}\n",
                    encoding="utf-8")
    return path


@pytest.fixture()
def batches(tmp_path, monkeypatch):
    """Batch one (two agreeing articles of one story), batch two (a third that contradicts them)."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    one, two = tmp_path / "one", tmp_path / "two"
    write_article(one, "alpha", AGREE_1)
    write_article(one, "beta", AGREE_2)
    write_article(two, "gamma", CONTRA, published="2024-01-09")  # a day before the lower toll: strong
    return one, two, tmp_path / "claims.db"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def counts(db: Path) -> dict[str, int]:
    with Store(db) as store:
        return store.counts()


# ------------------------------------------------------------------ round trip

@pytest.mark.parametrize("folder", ["seeds", "tests/dated/quake_frontmatter", "tests/people/port_talks"])
def test_claim_json_round_trip(folder):
    settings = load_settings({}, cwd=ROOT)
    claims = extract_claims(load_paths([str(ROOT / folder)]).articles, settings)
    assert claims
    for claim in claims:
        assert claim_from_json(claim_to_json(claim)) == claim
    kinds = {c.kind for c in claims}
    assert kinds & {"number", "date"}


def test_infinite_bounds_round_trip_and_store_null(batches, tmp_path):
    one, _, db = batches
    write_article(one, "delta", "At least 300 people were evacuated from Velmora near Dornick.")
    assert invoke("check", str(one), "--store", str(db), "--fail-on", "never").exit_code == 0
    con = sqlite3.connect(db)
    rows = con.execute("SELECT lo, hi, json FROM claims WHERE article_id = 'delta' AND kind = 'number'").fetchall()
    assert rows and any(hi is None for _, hi, _ in rows)
    for lo, hi, text in rows:
        claim = claim_from_json(text)
        assert (hi is None) == (claim.value.interval.hi == float("inf"))


# ------------------------------------------------------------------ CLI: history across batches

def sides(finding: dict) -> list[tuple[str, list[str]]]:
    """Return (value, articles) per variant of a JSON finding."""
    return [(v["value"], sorted({c["article"] for c in v["claims"]})) for v in finding["variants"]]


def stored_facts(db: Path) -> dict[str, tuple]:
    con = sqlite3.connect(db)
    try:
        return {r[0]: r[1:] for r in con.execute(
            "SELECT id, verdict, values_json, claims_json, first_batch, last_batch FROM facts")}
    finally:
        con.close()


def test_cross_batch_conflict_is_found_and_rerun_adds_nothing(batches):
    one, two, db = batches
    first = invoke("check", str(one), "--store", str(db), "--format", "json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["findings"] == []
    before = counts(db)
    assert before["articles"] == 2 and before["batches"] == 1

    second = invoke("check", str(two), "--store", str(db), "--format", "json")
    assert second.exit_code == 1, second.output
    document = json.loads(second.stdout)
    found = document["findings"]
    assert [sides(f) for f in found if f["rule"] == "NUM001"] == [[("12", ["alpha", "beta"]), ("19", ["gamma"])]]
    for f in found + document["agreed"]:
        articles = {c["article"] for v in f["variants"] for c in v["claims"]}
        assert "gamma" in articles and articles & {"alpha", "beta"}
    assert document["articles"] == 3  # gamma and the stored articles its facts cite
    after = counts(db)
    assert after["articles"] == 3 and after["batches"] == 2
    # The agreed facts of batch one were founded on alpha; gamma, published earlier, founds them now.
    assert set(stored_facts(db)) == {f["id"] for f in found + document["agreed"]}
    facts = stored_facts(db)

    again = invoke("check", str(two), "--store", str(db), "--format", "json")
    assert again.exit_code == 1
    assert [f["id"] for f in json.loads(again.stdout)["findings"]] == [f["id"] for f in found]
    assert counts(db) == after and stored_facts(db) == facts

    # batch one again: its facts with gamma come back, nothing is added
    back = invoke("check", str(one), "--store", str(db), "--format", "json")
    assert back.exit_code == 1
    assert sorted(f["id"] for f in json.loads(back.stdout)["findings"]) == sorted(f["id"] for f in found)
    assert counts(db) == after and stored_facts(db) == facts


def test_a_repeated_side_updates_the_stored_fact(batches, tmp_path):
    one, two, db = batches
    invoke("check", str(one), "--store", str(db))
    second = json.loads(invoke("check", str(two), "--store", str(db), "--format", "json").stdout)
    conflict = next(f for f in second["findings"] if f["rule"] == "NUM001")
    before = counts(db)

    three = tmp_path / "three"
    write_article(three, "delta", CONTRA.replace("Officials in Dornick called for an inquiry.",
                                                 "Drivers were told to avoid Dornick."), published="2024-01-11")
    third = invoke("check", str(three), "--store", str(db), "--format", "json")
    assert third.exit_code == 1, third.output
    findings = [f for f in json.loads(third.stdout)["findings"] if f["rule"] == "NUM001"]
    assert [f["id"] for f in findings] == [conflict["id"]]
    assert sides(findings[0]) == [("12", ["alpha", "beta"]), ("19", ["delta", "gamma"])]
    after = counts(db)
    assert after["facts"] == before["facts"] and after["batches"] == before["batches"] + 1
    verdict, values, claims, first, last = stored_facts(db)[conflict["id"]]
    assert (verdict, json.loads(values), first, last) == ("conflict", ["12", "19"], 2, 3)
    assert [len(ids) for ids in json.loads(claims)] == [2, 2]


def test_unrelated_story_does_not_meet_history(batches, tmp_path):
    one, _, db = batches
    assert invoke("check", str(one), "--store", str(db)).exit_code == 0
    other = tmp_path / "other"
    write_article(other, "ferry", OTHER)
    result = invoke("check", str(other), "--store", str(db), "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["findings"], document["agreed"], document["articles"]) == ([], [], 1)
    assert counts(db)["facts"] == 2  # batch one's agreed facts, untouched


def test_history_reads_only_articles_sharing_two_terms(batches, tmp_path):
    from checker.store_rows import story_terms

    one, two, db = batches
    invoke("check", str(one), "--store", str(db))
    settings = load_settings({})
    storm = write_article(tmp_path / "storm", "storm", "A storm brought heavy snow to the Halvard mountains "
                          "above Velmora on Sunday. Forecasters expect more snow in Halvard this week.")
    with Store(db) as store:
        for folder, related in ((storm, set()), (two, {"alpha", "beta"})):
            articles = load_paths([str(folder)]).articles
            past = store.history(extract_claims(articles, settings), story_terms(articles))
            assert {a.id for a in past.articles} == related
            assert {c.article_id for c in past.claims} == related
    assert "velmora" in story_terms(load_paths([str(storm)]).articles)["storm"]  # one shared term is not enough


def test_history_leaves_out_terms_most_stored_articles_use(tmp_path):
    from checker.records import Article
    from checker.store_history import COMMON_POSTINGS

    common = ("forecaster", "insurer")  # in every stored article: they name no story
    stored = [Article(f"s{i:03d}", f"s{i:03d}.txt", "text") for i in range(COMMON_POSTINGS + 1)]
    terms = {a.id: (*common, f"name{a.id}") for a in stored}
    terms["s000"] += ("halvard",)
    with Store(tmp_path / "terms.db") as store:
        store.save(stored, [], [], terms)
        assert store.history([], {"new": (*common, "zed")}).articles == ()
        assert [a.id for a in store.history([], {"new": (*common, "halvard", "names000")}).articles] == ["s000"]
        store.forget("s001")
        counts = dict(store.db.execute("SELECT term, articles FROM term_counts"))
        assert store.history([], {"new": (*common, "zed")}).articles != ()  # 250 articles: still read
    assert counts["forecaster"] == COMMON_POSTINGS and "names001" not in counts


def test_changed_article_replaces_old_version(batches, tmp_path):
    one, two, db = batches
    invoke("check", str(one), "--store", str(db))
    invoke("check", str(two), "--store", str(db))
    assert any(v == "conflict" for v, *_ in stored_facts(db).values())
    write_article(two, "gamma", AGREE_1.replace("The mayor", "A councillor"))  # a new version, overwritten
    result = invoke("check", str(two), "--store", str(db), "--format", "json", "--replace")
    assert result.exit_code == 0, result.output
    assert "checker: store: article gamma changed; its earlier version was replaced" in result.stderr
    assert json.loads(result.stdout)["findings"] == []
    facts = stored_facts(db)
    assert {v for v, *_ in facts.values()} == {"agreed"}  # the old gamma's conflict went with it
    assert all("19" not in values for _, values, *_ in facts.values())
    with Store(db) as store:
        text = store.articles(["gamma"])[0].text
        claims = [c for c in store.all_claims()[1] if c.article_id == "gamma" and c.kind == "number"]
    assert "councillor" in text and [c.value.display for c in claims] == ["12"]


def test_report_warnings_name_changed_articles(batches, tmp_path):
    from checker.history import check_with_store

    one, _, db = batches
    settings = load_settings({})
    check_with_store([str(one)], settings, db)
    write_article(one, "beta", AGREE_2 + " More news from Velmora.")
    report = check_with_store([str(one)], settings, db, one_story=True, replace=True)
    assert report.warnings == ("store: article beta changed; its earlier version was replaced",)
    assert report.findings == () and {f.verdict for f in report.agreed} == {"agreed"}


def test_store_stats_list_forget_and_extract(batches):
    one, two, db = batches
    invoke("check", str(one), "--store", str(db))
    invoke("check", str(two), "--store", str(db))
    stats = invoke("store", "stats", "--store", str(db))
    assert stats.exit_code == 0
    assert "articles" in stats.stdout and "facts" in stats.stdout
    assert "checked in" in stats.stdout
    with Store(db) as store:
        # facts per batch: the batch that last wrote each (batch two took over batch one's)
        assert [(b[0], b[2], b[3], b[5]) for b in store.batches()] == [(1, 2, 2, 0), (2, 1, 1, 2)]

    listed = invoke("store", "list", "--store", str(db))
    assert listed.exit_code == 0
    for stem in ("alpha", "beta", "gamma"):
        assert stem in listed.stdout

    extracted = invoke("extract", "--store", str(db))
    assert extracted.exit_code == 0
    header = extracted.stdout.splitlines()[0]
    direct = invoke("extract", str(one), str(two))
    assert header == direct.stdout.splitlines()[0]
    assert sorted(extracted.stdout.splitlines()) == sorted(direct.stdout.splitlines())
    as_json = invoke("extract", "--store", str(db), "--format", "json")
    assert {row["article"] for row in json.loads(as_json.stdout)} == {"alpha", "beta", "gamma"}

    before = counts(db)
    forgot = invoke("store", "forget", "gamma", "--store", str(db))
    assert forgot.exit_code == 0, forgot.output
    after = counts(db)
    assert after["articles"] == before["articles"] - 1
    assert after["claims"] < before["claims"] and after["facts"] == 0  # every fact cited gamma
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM fact_claims").fetchone()[0] == 0
    assert con.execute("SELECT COUNT(*) FROM article_terms WHERE article_id = 'gamma'").fetchone()[0] == 0
    con.close()
    missing = invoke("store", "forget", "gamma", "--store", str(db))
    assert missing.exit_code == 2 and "no article 'gamma'" in missing.stderr


def test_store_commands_need_an_existing_store(tmp_path):
    result = invoke("store", "stats", "--store", str(tmp_path / "nope.db"))
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert invoke("extract").exit_code == 2


# ------------------------------------------------------------------ schema

def test_newer_store_is_refused_and_left_alone(batches):
    one, _, db = batches
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    con.close()
    data = db.read_bytes()
    result = invoke("check", str(one), "--store", str(db))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"checker: error: store {db} was written by a newer checker (schema {SCHEMA_VERSION + 3}); "
        f"this one reads up to {SCHEMA_VERSION}"]
    assert db.read_bytes() == data
    assert invoke("store", "stats", "--store", str(db)).exit_code == 2


def test_not_sqlite_is_an_input_error(batches):
    one, _, db = batches
    db.write_text("id,text\n1,hello there, this is a CSV and not a database at all\n" * 20)
    result = invoke("check", str(one), "--store", str(db))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "not a usable SQLite store" in result.stderr
    assert invoke("extract", "--store", str(db)).exit_code == 2


def test_migration_from_empty_file(batches):
    one, _, db = batches
    db.write_bytes(b"")
    result = invoke("check", str(one), "--store", str(db))
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


# Version 1 as it shipped, kept here so that a test notices if anyone edits it.
V1_DDL = (
    "CREATE TABLE batches (id INTEGER PRIMARY KEY, created TEXT NOT NULL, articles INTEGER NOT NULL)",
    "CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT NOT NULL, source TEXT, published TEXT, title TEXT, "
    "url TEXT, text_hash TEXT NOT NULL, text TEXT NOT NULL, line_offset INTEGER NOT NULL, "
    "batch INTEGER NOT NULL REFERENCES batches(id), story TEXT NOT NULL)",
    "CREATE TABLE article_terms (term TEXT NOT NULL, article_id TEXT NOT NULL, "
    "PRIMARY KEY (term, article_id)) WITHOUT ROWID",
    "CREATE INDEX article_terms_article ON article_terms(article_id)",
    "CREATE TABLE claims (id TEXT PRIMARY KEY, article_id TEXT NOT NULL, kind TEXT NOT NULL, "
    "dimension TEXT NOT NULL, predicate TEXT NOT NULL, thing TEXT NOT NULL, anchor TEXT NOT NULL, lo REAL, "
    "hi REAL, lo_closed INTEGER, hi_closed INTEGER, json TEXT NOT NULL)",
    "CREATE INDEX claims_block ON claims(kind, dimension, predicate, thing, anchor)",
    "CREATE INDEX claims_article ON claims(article_id)",
    "CREATE TABLE findings (id TEXT PRIMARY KEY, batch INTEGER NOT NULL, rule TEXT NOT NULL, "
    "severity TEXT NOT NULL, verdict TEXT NOT NULL, a_claim TEXT NOT NULL, b_claim TEXT NOT NULL, "
    "explanation TEXT NOT NULL)",
    "CREATE INDEX findings_a ON findings(a_claim)",
    "CREATE INDEX findings_b ON findings(b_claim)",
)


def test_version_one_is_never_edited():
    from checker.store_schema import MIGRATIONS

    assert [" ".join(sql.split()).replace("( ", "(").replace(" )", ")") for sql in MIGRATIONS[1]] == list(V1_DDL)


def test_migration_from_a_version_one_store(batches):
    from checker.store_rows import article_row, claim_row, story_terms

    def v1_terms(article) -> set[str]:  # version 1 kept an article's capitalized words as its terms
        return {w.lower() for w in re.findall(r"\b[A-Z][a-z]+", article.text)}

    one, two, db = batches
    articles = load_paths([str(one)]).articles
    claims = extract_claims(articles, load_settings({}))
    con = sqlite3.connect(db)
    for sql in V1_DDL:
        con.execute(sql)
    con.execute("INSERT INTO batches VALUES (1, '2024-01-10T00:00:00+00:00', 2)")
    con.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [article_row(a, 1, sorted(v1_terms(a))) for a in articles])
    con.executemany("INSERT INTO article_terms VALUES (?, ?)", [(t, a.id) for a in articles for t in v1_terms(a)])
    con.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [claim_row(c) for c in claims])
    con.execute("INSERT INTO findings VALUES ('f1', 1, 'NUM001', 'high', 'conflict', ?, ?, 'a pair')",
                (claims[0].id, claims[1].id))
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()

    result = invoke("check", str(two), "--store", str(db), "--format", "json")
    assert result.exit_code == 1, result.output
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "NUM001"]
    assert [sides(f) for f in found] == [[("12", ["alpha", "beta"]), ("19", ["gamma"])]]
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "findings" not in tables and {"facts", "fact_claims"} <= tables
    terms = {}
    for term, article in con.execute("SELECT term, article_id FROM article_terms WHERE article_id != 'gamma'"):
        terms.setdefault(article, set()).add(term)
    assert terms == {key: set(ts) for key, ts in story_terms(articles).items()}  # recomputed as batch one
    counted = dict(con.execute("SELECT term, articles FROM term_counts"))
    assert counted == dict(con.execute("SELECT term, COUNT(*) FROM article_terms GROUP BY term"))
    assert con.execute("SELECT COUNT(*) FROM batches").fetchone()[0] == 2
    con.close()


# ------------------------------------------------------------------ crash and concurrency (subprocesses)

def _cmd(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "checker", "check", str(folder), "--store", str(db), "--fail-on", "never"]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def _state(db: Path) -> tuple[int, int, int]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return tuple(con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "claims", "facts"))
    finally:
        con.close()


def _big_batch(folder: Path, n: int = 30) -> Path:
    for i in range(n):
        write_article(folder, f"more{i:02d}", CONTRA.replace("19", str(20 + i)) + f" Report {i} from Velmora.")
    return folder


def test_killed_run_leaves_store_before_or_after(batches, tmp_path):
    one, _, db = batches
    assert subprocess.run(_cmd(one, db), env=_env(), capture_output=True).returncode == 0
    old = _state(db)
    new_folder = _big_batch(tmp_path / "big")
    full = tmp_path / "full.db"
    shutil.copy(db, full)
    assert subprocess.run(_cmd(new_folder, full), env=_env(), capture_output=True).returncode == 0
    new = _state(full)
    assert new != old

    # Deterministic: the hook pauses just before COMMIT, the kill lands inside the transaction.
    proc = subprocess.Popen(_cmd(new_folder, db), env=_env(CHECKER_STORE_PAUSE="30"),
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        line = proc.stderr.readline()
        assert "pausing before commit" in line
        con = sqlite3.connect(db, timeout=0.1)
        assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == old[0]  # readers see the old state
        con.close()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _state(db) == old

    # Kills at moments through the run: before, during or after the write.
    seen = set()
    for delay in (0.05, 0.15, 0.3, 0.6, 1.2, 2.0):
        proc = subprocess.Popen(_cmd(new_folder, db), env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = _state(db)
        assert state in (old, new)
        seen.add(state)
    assert subprocess.run(_cmd(new_folder, db), env=_env(), capture_output=True).returncode == 0
    assert _state(db) == new


def test_two_writers_at_once(tmp_path):
    db = tmp_path / "shared.db"
    first, second = tmp_path / "first", tmp_path / "second"
    for i in range(6):
        write_article(first, f"crash{i}", CONTRA.replace("19", str(10 + i)))
        write_article(second, f"ferry{i}", OTHER.replace("40", str(30 + i)))
    procs = [subprocess.Popen(_cmd(folder, db), env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for folder in (first, second)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for code, err in results:
        assert code in (0, 1), err
    con = sqlite3.connect(db)
    ids = {r[0] for r in con.execute("SELECT id FROM articles")}
    assert ids == {f"crash{i}" for i in range(6)} | {f"ferry{i}" for i in range(6)}
    assert con.execute("SELECT COUNT(*) FROM batches").fetchone()[0] == 2
