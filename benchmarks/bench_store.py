"""Benchmark `checker check --store`: a new batch of 100 articles against a store of 5,000 then 20,000.

The articles are bench_check.py's synthetic stories. The store is filled by direct inserts
(extract the claims in process, `Store.save` them and their story terms in batches of 1,000
articles with no facts): faster than `check_with_store` and the same article, claim and term
rows. The new batch is 100 articles drawn from the first stories, so it shares stories (and
block keys) with stored articles at both sizes. Each timed run is `checker check NEW --store
COPY --format json --fail-on never` on a copy of the store, in an intermediate process whose
RUSAGE_CHILDREN peak RSS belongs to that run only.

    python benchmarks/bench_store.py                 # store sizes 5000 and 20000
    python benchmarks/bench_store.py --sizes 1000 4000
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_check  # noqa: E402  (the synthetic story generator)


def child(db: str, folder: str) -> None:
    """(In a fresh process) run the check once; print seconds, peak RSS and the disputed fact count."""
    import resource
    t0 = time.perf_counter()
    done = subprocess.run(bench_check.checker_cmd() + ["check", folder, "--store", db, "--format", "json",
                                                       "--fail-on", "never"], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    found = len(json.loads(done.stdout)["findings"]) if done.returncode == 0 else None  # JSON v2: disputed facts
    print(json.dumps({"rc": done.returncode, "seconds": seconds, "peak_mb": peak, "findings": found,
                      "err": done.stderr[-500:]}))


def measure(db: Path, folder: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(db), str(folder)], capture_output=True, text=True)
    return json.loads(out.stdout)


def fill(db: Path, files: list[Path], chunk: int = 1000) -> None:
    """Insert the articles and claims of the files into the store, chunk by chunk."""
    from checker.config import load_settings
    from checker.engine import extract_claims
    from checker.loader import load_paths
    from checker.store import Store
    from checker.store_rows import story_terms

    settings = load_settings({})
    with Store(db) as store:
        for i in range(0, len(files), chunk):
            articles = load_paths([str(f) for f in files[i:i + chunk]]).articles
            claims = extract_claims(articles, settings)
            store.save(articles, claims, [], story_terms(articles))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000], help="store sizes, ascending")
    ap.add_argument("--new", type=int, default=100, help="articles in the new batch")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus, new = tmp / "corpus", tmp / "new"
        corpus.mkdir()
        new.mkdir()
        t0 = time.perf_counter()
        bench_check.generate(max(args.sizes) + args.new, args.seed, corpus)
        files = sorted(corpus.iterdir())
        picked = set(random.Random(args.seed).sample(range(args.sizes[0] + args.new), args.new))
        for i in sorted(picked):
            shutil.move(str(files[i]), new / files[i].name)
        rest = [f for i, f in enumerate(files) if i not in picked]
        print(f"generated {len(files)} articles in {time.perf_counter() - t0:.1f} s; new batch {args.new}")
        db, filled = tmp / "store.db", 0
        print(f"{'stored':>8} {'claims':>8} {'fill s':>8} {'check s':>8} {'peak MB':>8} {'findings':>8}")
        for size in args.sizes:
            t0 = time.perf_counter()
            fill(db, rest[filled:size])
            filled, fill_s = size, time.perf_counter() - t0
            copy = tmp / "copy.db"
            for suffix in ("", "-wal", "-shm"):
                Path(str(copy) + suffix).unlink(missing_ok=True)
            import sqlite3
            con = sqlite3.connect(db)
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            claims = con.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
            con.close()
            shutil.copy(db, copy)
            m = measure(copy, new)
            if m["rc"] != 0:
                print(f"{size:>8} FAILED rc={m['rc']}: {m['err']}")
                continue
            print(f"{size:>8} {claims:>8} {fill_s:>8.1f} {m['seconds']:>8.2f} {m['peak_mb']:>8.0f} {m['findings']:>8}")
        m = measure(tmp / "empty.db", new)
        print(f"{0:>8} {0:>8} {0:>8.1f} {m['seconds']:>8.2f} {m['peak_mb']:>8.0f} {m['findings']:>8}  (empty store)")


if __name__ == "__main__":
    main()
