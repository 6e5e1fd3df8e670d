"""Check synth (or generated) batches on the local engine and on a 2-worker LocalCluster; print time, peak memory
per process, findings."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import SHARED, build, checker_cmd  # noqa: E402
from bench_memory import status_mb  # noqa: E402

ENGINES = {"local": [], "dask": ["--engine", "dask"]}
SAMPLE = 0.05  # seconds between two looks at /proc


def tree(pid: int) -> list[int]:
    """Return a process and its descendants, started from any of its threads (a LocalCluster's
    nannies start the workers from the client's event-loop thread)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            tasks = [p.name for p in Path(f"/proc/{current}/task").iterdir()]
        except OSError:
            continue
        for task in tasks:
            try:
                queue.extend(int(c) for c in Path(f"/proc/{current}/task/{task}/children").read_text().split())
            except OSError:
                continue
    return found


def measured(folder: Path, engine: str, work: Path) -> dict:
    """Check the folder once, in a fresh process, sampling each process's resident size; return the figures."""
    config = work / "bench.cfg"
    # Two processes either way (extraction workers, or cluster workers); no memory bound, so that
    # the largest batch is measured, not refused.
    config.write_text("[checker]\nworkers = 2\nmax_memory_mb = 0\n")
    out_path = work / f"{engine}.json"
    command = [*checker_cmd(), "check", str(folder), "--format", "json", "--fail-on", "never", "--quiet",
               "--config", str(config), *ENGINES[engine]]
    start = time.perf_counter()
    with open(out_path, "w") as out, open(work / "err.txt", "w+") as err:
        proc = subprocess.Popen(command, stdout=out, stderr=err)
        peaks: dict[int, float] = {}
        while proc.poll() is None:
            for pid in tree(proc.pid):
                peaks[pid] = max(peaks.get(pid, 0.0), status_mb(pid, "VmRSS"))
            time.sleep(SAMPLE)
        seconds = time.perf_counter() - start
        err.seek(0)
        problem = err.read().strip()
    text = out_path.read_text()
    report = json.loads(text) if proc.returncode == 0 else {}
    client = peaks.pop(proc.pid, 0.0)
    # Processes that never grew past a few MB are helpers (multiprocessing's resource tracker).
    workers = sorted((mb for mb in peaks.values() if mb > 30), reverse=True)
    return {"rc": proc.returncode, "error": problem.splitlines()[-1] if problem else "", "seconds": seconds,
            "client": client, "workers": workers, "findings": len(report.get("findings", [])),
            "agreed": len(report.get("agreed", [])), "text": text}


def main() -> None:
    """Write each synth batch, check it on both engines, print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000], help="articles per batch")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", choices=("synth", "generated"), default="synth",
                    help="synth (../shared/tools/synth.py, the default) or generated (gen_stories.py: small stories)")
    args = ap.parse_args()
    if args.corpus == "synth" and not SHARED.is_dir():
        sys.exit(f"{SHARED} (the shared seeds and dev corpus, which synth.py reads) is absent")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_dask_") as base:
        for n in args.sizes:
            folder = Path(base) / f"n{n}"
            folder.mkdir()
            build(args.corpus, n, args.seed, folder)
            mb = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6
            runs = {engine: measured(folder, engine, Path(base)) for engine in ENGINES}
            same = runs["local"]["text"] == runs["dask"]["text"]
            for engine, r in runs.items():
                others = ", ".join(f"{w:.0f}" for w in r["workers"]) or "-"
                rows.append([engine, f"{n:,}", f"{mb:.1f}", f"{r['seconds']:.1f}" if r["rc"] == 0 else f"exit {r['rc']}",
                             f"{r['client']:.0f}", others, f"{r['findings']:,}", f"{r['agreed']:,}",
                             "yes" if same else "NO"])
                if r["rc"] != 0:
                    print(f"{engine} N={n}: {r['error']}", file=sys.stderr)
            print(f"N={n}: reports {'identical' if same else 'DIFFER'}", file=sys.stderr)
    print(tabulate(rows, headers=["engine", "articles", "MB", "seconds", "client RSS MB", "worker RSS MB",
                                  "findings", "agreed", "same report"]))


if __name__ == "__main__":
    main()
