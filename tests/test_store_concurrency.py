"""Batches written at once: each compared with every batch committed before it; kill -9 loses none.

CHECKER_LONG_TESTS=1 runs the kill -9 rounds long (32 kills instead of 4).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from click.testing import CliRunner

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
LONG = os.environ.get("CHECKER_LONG_TESTS") == "1"
STORIES = (
    "Police in Velmora said {n} people were killed in the crash on the Dornick highway on Tuesday.",
    "Officials in Karsholm said {n} passengers were injured when the ferry hit the Brannock pier.",
    "The fire in the Harlan mill destroyed {n} homes, the Harlan fire chief Ada Morrow said.",
)
WRITERS = 4


def write_batch(folder: Path, batch: int, per_story: int = 2) -> list[str]:
    """Write a batch of articles on the three stories, every outlet with its own figures; return the ids."""
    folder.mkdir(parents=True)
    ids = []
    for s, story in enumerate(STORIES):
        for i in range(per_story):
            stem = f"{folder.name}_{s}{i}"
            figure = 10 + 7 * s + (batch * per_story + i) % 5
            (folder / f"{stem}.txt").write_text(
                f"---\nsource: Outlet {stem}\npublished: 2024-01-1{batch}\n---\n{story.format(n=figure)}\n",
                encoding="utf-8")
            ids.append(stem)
    return ids


def command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "checker", "check", str(folder), "--store", str(db), "--format", "json",
            "--fail-on", "never"]


def env(**extra: str) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""), **extra)


def findings(stdout: str) -> set[tuple]:
    """Return a JSON report's findings as (id, verdict, (value, articles) per variant)."""
    return {(f["id"], f["verdict"], tuple((v["value"], tuple(sorted({c["article"] for c in v["claims"]})))
                                          for v in f["variants"])) for f in json.loads(stdout)["findings"]}


def query(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return [tuple(r) for r in con.execute(sql)]
    finally:
        con.close()


def commit_order(db: Path) -> list[str]:
    """Return the batch folders in the order their batches were committed."""
    rows = query(db, "SELECT b.id, MIN(a.path) FROM batches b JOIN articles a ON a.batch = b.id "
                     "GROUP BY b.id ORDER BY b.id")
    return [Path(path).parent.name for _, path in rows]


def cross_batch(report: set[tuple]) -> set[tuple]:
    return {f for f in report if len({a.split("_")[0] for _, arts in f[2] for a in arts}) > 1}


def test_four_writers_at_once_find_what_a_serial_run_finds(tmp_path):
    folders = [tmp_path / f"b{k}" for k in range(WRITERS)]
    for k, folder in enumerate(folders):
        write_batch(folder, k)
    together = tmp_path / "together.db"
    # The pause before each commit holds the write lock, so the four runs overlap for certain.
    procs = [subprocess.Popen(command(f, together), env=env(CHECKER_STORE_PAUSE="0.3"), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for f in folders]
    outputs = {f.name: p.communicate(timeout=600) for f, p in zip(folders, procs)}
    assert [p.returncode for p in procs] == [0] * WRITERS, [err for _, err in outputs.values()]
    order = commit_order(together)
    assert sorted(order) == [f.name for f in folders]

    alone = tmp_path / "alone.db"
    serial = {}
    for name in order:  # the same batches one after the other, in the order they were committed
        done = CliRunner().invoke(main, command(tmp_path / name, alone)[3:])
        assert done.exit_code == 0, done.output
        serial[name] = findings(done.stdout)
    at_once = {name: findings(out) for name, (out, _) in outputs.items()}
    assert at_once == serial
    assert sum(len(cross_batch(r)) for r in serial.values()) >= WRITERS  # the batches do meet
    facts = "SELECT id, verdict, values_json, claims_json FROM facts ORDER BY id"
    assert query(together, facts) == query(alone, facts)


def _check_whole(db: Path, batches: dict[str, list[str]], expected_in: set[str], expected_out: set[str]) -> set[str]:
    """Assert the store is whole and each batch wholly in or out; return the batches in."""
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    held = {i for i, in query(db, "SELECT id FROM articles")}
    inside = set()
    for name, ids in batches.items():
        present = held & set(ids)
        assert present in (set(), set(ids)), f"batch {name} is partly stored: {sorted(present)}"
        if present:
            inside.add(name)
    assert expected_in <= inside and not inside & expected_out
    orphans = ("SELECT COUNT(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)",
               "SELECT COUNT(*) FROM fact_claims WHERE fact_id NOT IN (SELECT id FROM facts)",
               "SELECT COUNT(*) FROM fact_claims WHERE claim_id NOT IN (SELECT id FROM claims)",
               "SELECT COUNT(*) FROM batches b WHERE articles != "
               "(SELECT COUNT(*) FROM articles a WHERE a.batch = b.id)")
    assert [query(db, sql)[0][0] for sql in orphans] == [0, 0, 0, 0]
    return inside


def _run_round(tmp_path: Path, db: Path, rnd: int, rng: random.Random) -> tuple[dict[str, list[str]], set, set]:
    """Start four writers, kill two with kill -9 (one inside its write transaction, one at a random moment)."""
    folders = [tmp_path / f"r{rnd}w{k}" for k in range(WRITERS)]
    batches = {f.name: write_batch(f, k) for k, f in enumerate(folders)}
    at_commit, at_random = rng.sample(range(WRITERS), 2)
    procs = []
    for k, folder in enumerate(folders):
        pause = "60" if k == at_commit else "0.05"
        procs.append(subprocess.Popen(command(folder, db), env=env(CHECKER_STORE_PAUSE=pause),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
    timer = threading.Timer(rng.uniform(0.05, 3.0), procs[at_random].send_signal, (signal.SIGKILL,))
    timer.start()
    try:
        line = procs[at_commit].stderr.readline()  # it holds the write lock from here until it is killed
        assert "pausing before commit" in line
        procs[at_commit].send_signal(signal.SIGKILL)
        codes = [p.wait(timeout=600) for p in procs]
    finally:
        timer.cancel()
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
            p.stderr.close()
    survived = {f.name for f, code in zip(folders, codes) if code in (0, 1)}
    assert survived >= {f.name for k, f in enumerate(folders) if k not in (at_commit, at_random)}
    return batches, survived, {folders[at_commit].name}


def test_kill_9_among_four_writers_leaves_each_batch_whole(tmp_path):
    rng = random.Random(14)
    db = tmp_path / "claims.db"
    rounds = 16 if LONG else 2
    every: dict[str, list[str]] = {}
    stored: set[str] = set()
    kills = 0
    for rnd in range(rounds):
        batches, survived, killed_in_commit = _run_round(tmp_path, db, rnd, rng)
        kills += 2
        every.update(batches)
        stored = _check_whole(db, every, stored | survived, killed_in_commit)  # nothing stored before is lost
    assert kills >= (30 if LONG else 4)
