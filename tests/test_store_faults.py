"""A damaged, read-only or full store: exit 2 with one line, and the store file left as it was."""

from __future__ import annotations

import ctypes
import os
import random
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
CRASH = "Police in Velmora said {n} people were killed in the crash on the Dornick highway. Report {i}."
PAGE = 4096  # SQLite's default page size


def write_batch(folder: Path, stem: str, count: int, toll: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"{stem}{i}.txt").write_text(
            f"---\nsource: Outlet {stem}{i}\npublished: 2024-01-10\n---\n{CRASH.format(n=toll + i, i=i)}\n",
            encoding="utf-8")
    return folder


@pytest.fixture()
def store(tmp_path, monkeypatch) -> Path:
    """A store holding one batch, and a second batch (folder `two`) waiting to be checked."""
    monkeypatch.chdir(tmp_path)
    write_batch(tmp_path / "one", "a", 12, 10)
    write_batch(tmp_path / "two", "b", 12, 30)
    assert invoke("check", "one", "--store", "claims.db", "--fail-on", "never").exit_code == 0
    return tmp_path / "claims.db"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def content(db: Path) -> list[str]:
    """Return the store's rows, read without writing (the file as it is)."""
    con = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


COMMANDS = (("check", "two", "--store", "claims.db"), ("store", "stats", "--store", "claims.db"),
            ("store", "list", "--store", "claims.db"), ("store", "forget", "a1", "--store", "claims.db"),
            ("store", "revert", "a1", "--store", "claims.db"), ("extract", "--store", "claims.db"))


def _truncate(data: bytes) -> bytes:
    return data[:len(data) // 2]


def _garbage_header(data: bytes) -> bytes:
    return random.Random(1).randbytes(100) + data[100:]


def _garbage_pages(data: bytes) -> bytes:
    return data[:2 * PAGE] + random.Random(2).randbytes(2 * PAGE) + data[4 * PAGE:]


@pytest.mark.parametrize("damage", [_truncate, _garbage_header, _garbage_pages])
def test_a_damaged_store_is_refused_by_every_command_and_never_written(store, damage):
    data = store.read_bytes()
    assert len(data) >= 6 * PAGE
    store.write_bytes(damage(data))
    damaged = store.read_bytes()
    for command in COMMANDS:
        result = invoke(*command)
        assert result.exit_code == 2, (command, result.output)
        line = one_line(result)
        assert line.startswith("checker: error: store claims.db is not a usable SQLite store (")
        assert line.endswith("; it was left as it was")
        assert store.read_bytes() == damaged


def _without_root_writes() -> None:
    """Let root be held to file modes, as every other user is (the subprocess runs as root otherwise)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, out of the bounding set before exec
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run(*args: str, preexec=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, env=env,
                          preexec_fn=preexec)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="drops root's capabilities through prctl")
def test_a_read_only_store_is_refused_for_writing_and_still_read(store):
    store.chmod(0o444)
    data, rows = store.read_bytes(), content(store)
    preexec = _without_root_writes if os.geteuid() == 0 else None
    for command in (COMMANDS[0], COMMANDS[3], COMMANDS[4]):
        result = _run(*command, preexec=preexec)
        assert result.returncode == 2, result.stderr
        assert one_line(result) == "checker: error: store claims.db is read-only; nothing was written to it"
    for command in (COMMANDS[1], COMMANDS[2], COMMANDS[5]):
        result = _run(*command, preexec=preexec)
        assert result.returncode == 0 and result.stdout and not result.stderr, result.stderr
    assert store.read_bytes() == data and content(store) == rows


def test_a_full_disk_fails_the_batch_and_leaves_the_store(store, monkeypatch):
    data, rows = store.read_bytes(), content(store)
    connect = sqlite3.connect

    def full(*args, **kwargs):  # SQLite's own "database or disk is full", at the size the store has now
        db = connect(*args, **kwargs)
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
        return db

    monkeypatch.setattr(sqlite3, "connect", full)
    result = invoke(*COMMANDS[0])
    monkeypatch.setattr(sqlite3, "connect", connect)
    assert result.exit_code == 2, result.output
    assert one_line(result) == ("checker: error: store claims.db: database or disk is full; "
                                "the batch was not added")
    assert store.read_bytes() == data and content(store) == rows


@pytest.mark.parametrize("limit", [8 * 1024, 40 * 1024, 70 * 1024])
def test_failing_writes_fail_the_batch_and_leave_the_store(store, limit):
    # A file size limit makes the kernel refuse writes past it, as a full disk does: the WAL
    # index, the log or the store itself cannot grow.
    data, rows = store.read_bytes(), content(store)
    result = _run(*COMMANDS[0], preexec=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert result.returncode == 2, result.stderr
    line = one_line(result)
    assert line.startswith("checker: error: store claims.db: ") and "disk I/O error" in line
    assert line.endswith(("the batch was not added", "it was left as it was"))
    assert store.read_bytes() == data and content(store) == rows
    assert invoke(*COMMANDS[0], "--fail-on", "never").exit_code == 0  # with room again, the batch goes in
    assert len(content(store)) > len(rows)


def test_a_store_in_a_missing_folder_is_an_input_error(store):
    result = invoke("check", "two", "--store", "nowhere/claims.db")
    assert result.exit_code == 2
    folder = store.parent / "nowhere"
    assert one_line(result) == f"checker: error: store nowhere/claims.db: folder {folder} does not exist"
