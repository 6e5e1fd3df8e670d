"""Extraction workers end with the run that started them, even when it is killed with kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.extraction import PARALLEL_FROM

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ("Police in Velmora said {n} people were killed in the crash on the Dornick highway.",
             "The mayor of Velmora said {m} families had been moved to the school on Tuesday.",
             "Officials in Dornick said the road would stay closed for {d} days.")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")


def _stat(pid: int) -> tuple[str, str] | None:
    """Return (state, start time) of a process, None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()  # the name may hold spaces and brackets
    return fields[0], fields[19]


def _children(parent: int) -> dict[int, str]:
    """Return pid -> start time of the living children of a process."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                text = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = text[text.rindex(")") + 2:].split()
            if int(fields[1]) == parent and fields[0] not in "ZX":
                found[int(entry)] = fields[19]
    return found


def _alive(pid: int, start: str) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[1] == start and stat[0] not in "ZX"  # a zombie waits only to be reaped


def _wait(condition, limit: float = 120.0) -> bool:
    """Poll until the condition holds or the limit passes; return whether it held."""
    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.02)
    return True


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: extraction runs in the process itself")
def test_kill_9_during_a_large_stored_run_leaves_no_worker(tmp_path):
    folder = tmp_path / "large"
    folder.mkdir()
    for i in range(PARALLEL_FROM + 40):
        body = " ".join(s.format(n=i + 3, m=i + 10, d=i % 9 + 2) for s in SENTENCES)
        (folder / f"a{i:03d}.txt").write_text(f"---\nsource: Outlet {i}\npublished: 2024-01-10\n---\n{body}\n")
    (tmp_path / "setup.cfg").write_text("[checker]\nworkers = 2\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "checker", "check", str(folder), "--store", str(tmp_path / "c.db")],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: dict[int, str] = {}
    try:
        seen = _wait(lambda: len(workers.update(_children(proc.pid)) or workers) >= 2 or proc.poll() is not None)
        assert seen and proc.poll() is None, "the run ended before its workers were seen"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _wait(lambda: not any(_alive(pid, start) for pid, start in workers.items()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid, start in workers.items():  # only what this test started, by pid
            if _alive(pid, start):
                os.kill(pid, signal.SIGKILL)
