"""Benchmark the fact-level check on generated stories, synthetic copy and repeated real copy (see README.md)."""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_stories import generate  # noqa: E402,F401  (bench_store.py uses bench_check.generate too)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # ../shared beside the repository
CORPORA = ("generated", "synth", "archive")
GROWTH = 2.2  # allowed time (and findings) ratio when the batch doubles


def checker_cmd() -> list[str]:
    """Return the command that runs the checker: the script next to python, else -m."""
    exe = Path(sys.executable).with_name("checker")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "checker"]


def synth(n: int, seed: int, folder: Path) -> str:
    """Write n articles with ../shared/tools/synth.py (real sentences, one outlet's figures changed)."""
    subprocess.run([sys.executable, str(SHARED / "tools" / "synth.py"), str(SHARED / "seeds"), str(SHARED / "corpus" / "dev"),
                    "--out", str(folder), "-n", str(n), "--seed", str(seed)], check=True, capture_output=True)
    return "stories of 5 outlets, the fifth with changed figures"


def archive(n: int, folder: Path) -> str:
    """Copy the dev clusters and the seeds into folder, repeated under renamed ids (r{k}_) up to n articles."""
    dev, rows = SHARED / "corpus" / "dev", {}
    for manifest in sorted(dev.glob("*/manifest.csv")):
        with open(manifest, encoding="utf-8-sig", newline="") as handle:
            rows.update({row["id"]: row for row in csv.DictReader(handle)})
    files = sorted(dev.glob("*/*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    listed = []
    for i in range(n):
        source, stem = files[i % len(files)], f"r{i // len(files)}_{files[i % len(files)].stem}"
        shutil.copyfile(source, folder / f"{stem}.txt")
        if source.stem in rows:
            listed.append({**rows[source.stem], "id": stem})
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(dict.fromkeys(k for row in rows.values() for k in row)))
        writer.writeheader()
        writer.writerows(listed)
    return f"{len(files)} real articles repeated, copies: {-(-n // len(files))}, manifest rows: {len(listed)}"


def build(corpus: str, n: int, seed: int, folder: Path) -> str:
    """Write corpus's n articles into folder; return what was written, for stderr."""
    if corpus == "generated":
        return f"stories with a planted disagreement: {generate(n, seed, folder)[1]}"
    return synth(n, seed, folder) if corpus == "synth" else archive(n, folder)


# A bare scan for qualified numbers ("about 30", "at least 12 people", "4.5 percent"): the floor
# any extraction of figures pays, measured on the same texts in the same process.
SCAN = re.compile(r"\b(?:(?:about|around|nearly|almost|some|over|under|up\s+to|at\s+least|more\s+than|less\s+than)\s+)?"
                  r"\d[\d,.]*(?:\s*(?:%|percent|million|billion|thousand|hundred))?(?:\s+[a-z]+)?", re.I)


def scan_seconds(texts: list[str], rounds: int = 3) -> float:
    """Return the fastest of `rounds` bare regex scans for qualified numbers over the texts."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for text in texts:
            for _ in SCAN.finditer(text):
                pass
        best = min(best, time.perf_counter() - t0)
    return best


def _cpu() -> float:
    """Return the CPU seconds of this process and of its reaped children (extraction workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def child(folder: str) -> None:
    """(In the fresh process) run the engine's stages on folder; print its figures as JSON."""
    from checker.config import Settings
    from checker.engine import find_facts
    from checker.extraction import extract_claims
    from checker.loader import load_paths
    settings = Settings()
    stages, cpu0 = {}, _cpu()
    t0 = t = time.perf_counter()
    loaded = load_paths([folder], max_bytes=int(settings.max_file_mb * 1_000_000))  # the stages of engine.run
    stages["load"], t = time.perf_counter() - t, time.perf_counter()
    warnings = list(loaded.warnings)
    claims = extract_claims(loaded.articles, settings, None, warnings)
    stages["extract"], t = time.perf_counter() - t, time.perf_counter()
    disputed, agreed = find_facts(claims, loaded.articles, settings)
    stages["facts"], t = time.perf_counter() - t, time.perf_counter()
    # The reports `--out` writes, written as it writes them: a check's end is its reports.
    from checker.output import OUT_FILES, write_all
    from checker.records import Report
    from checker.report import rendered
    done = Report(loaded.articles, tuple(claims), tuple(disputed), tuple(agreed), tuple(warnings))
    with tempfile.TemporaryDirectory() as out:
        written = write_all(Path(out), {name: rendered(kind, done) for name, kind in OUT_FILES.items()})
        report_bytes = sum(path.stat().st_size for path in written)
    stages["report"] = time.perf_counter() - t
    seconds, cpu = time.perf_counter() - t0, _cpu() - cpu0
    texts = [a.text for a in loaded.articles]
    # Every corpus names its files "<story or copy>_...": a fact whose claims span two prefixes joins two stories.
    across = lambda facts: sum(len({c.article_id.split("_")[0] for c in f.claims}) > 1 for f in facts)  # noqa: E731
    print(json.dumps({"seconds": seconds, "cpu": cpu, "stages": stages, "scan": scan_seconds(texts),
                      "text_mb": sum(len(t.encode("utf-8")) for t in texts) / 1e6, "report_mb": report_bytes / 1e6,
                      "articles": len(loaded.articles), "claims": len(claims),
                      "facts": len(disputed) + len(agreed), "findings": len(disputed), "agreed": len(agreed),
                      "findings_across": across(disputed), "agreed_across": across(agreed),
                      "stories": len({f.story for f in disputed + agreed}),
                      "prefixes": len({a.id.split("_")[0] for a in loaded.articles}), "warnings": len(warnings)}))


def measure(folder: Path, max_gb: float, timeout: float) -> dict:
    """Run the check once in a fresh process; take its peak RSS from wait4, as /usr/bin/time does."""
    cap = int(max_gb * 2**30)
    limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (cap, cap))  # noqa: E731  (keeps the machine alive)
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen([sys.executable, __file__, "--child", str(folder)], stdout=out, preexec_fn=limit)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # the child's rusage, its reaped extraction workers included
        timer.cancel()
        proc.returncode = rc = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        out.seek(0)
        result = json.loads(out.read()) if rc == 0 else {}
    why = "timeout" if rc == -signal.SIGKILL else f"exit {rc}"
    return {**result, "rc": rc, "why": why, "rss_mb": usage.ru_maxrss / 1024}


def in_process(folder: Path) -> list[tuple[str, float, float]]:
    """Time load, extract and find_facts in this process, then rerun each under tracemalloc for its peak."""
    import tracemalloc
    from checker.config import Settings
    from checker.engine import find_facts
    from checker.extraction import extract_claims
    from checker.loader import load_paths
    settings = Settings()
    steps = (("load", lambda _: load_paths([str(folder)], max_bytes=int(settings.max_file_mb * 1e6))),
             ("extract", lambda loaded: (loaded, extract_claims(loaded.articles, settings))),
             ("find_facts", lambda lc: (lc, find_facts(lc[1], lc[0].articles, settings))))
    data, stages = None, []
    for label, step in steps:
        t0 = time.perf_counter()
        out = step(data)
        seconds = time.perf_counter() - t0
        del out
        tracemalloc.start()
        data = step(data)  # traced rerun: tracemalloc slows allocation-heavy code, so it is not timed
        stages.append((label, seconds, tracemalloc.get_traced_memory()[1] / 1e6))
        tracemalloc.stop()
    return stages


def row(corpus: str, n: int, mb: float, r: dict) -> list[str]:
    """Format one measured run as a table row."""
    if r["rc"] != 0:
        return [corpus, f"{n:,}", f"{mb:.2f}", f"FAILED ({r['why']})", *[""] * 8, f"{r['rss_mb']:.0f}", "", ""]
    s, text = r["seconds"], r["text_mb"]
    stage = lambda name: f"{text / r['stages'][name]:.2f}"  # noqa: E731
    return [corpus, f"{n:,}", f"{mb:.2f}", f"{s:.2f}", f"{n / s:.1f}", f"{text / s:.2f}", f"{text / r['cpu']:.2f}",
            stage("load"), stage("extract"), stage("facts"), stage("report"), f"{text / r['scan']:.1f} (x{s / r['scan']:.0f})",
            f"{r['rss_mb']:.0f}", f"{r['findings']:,}", f"{r['agreed']:,}"]


def growth(runs: list[tuple[str, int, dict]]) -> list[list[str]]:
    """Return, per corpus, the time and findings ratios between consecutive finished sizes."""
    lines = []
    for corpus in CORPORA:
        done = [(n, r) for c, n, r in runs if c == corpus and r["rc"] == 0]
        for (n1, a), (n2, b) in zip(done, done[1:]):
            allowed = GROWTH * (n2 / n1) / 2  # 2.2x for twice the articles, pro rata otherwise
            flag = lambda x: "OK" if x <= allowed else f"OVER {allowed:.2f}"  # noqa: E731
            t = b["seconds"] / a["seconds"]
            f = b["findings"] / a["findings"] if a["findings"] else None
            lines.append([corpus, f"{n1:,} -> {n2:,}", f"{t:.2f}", flag(t),
                          "n/a" if f is None else f"{f:.2f}", "" if f is None else flag(f)])
    return lines


def report(corpus: str, n: int, r: dict) -> None:
    """Tell stderr how the run went: failures, articles not loaded, facts that join two stories."""
    if r["rc"] != 0:
        print(f"{corpus} N={n}: checker failed ({r['why']})" + ("" if r["why"] == "timeout" else "; its traceback is above"),
              file=sys.stderr)
        return
    unit = "copies" if corpus == "archive" else "stories"
    print(f"{corpus} N={n}: {r['seconds']:.2f} s, {r['articles']} articles loaded, {r['warnings']} warnings; "
          f"{r['findings_across']} of {r['findings']} findings and {r['agreed_across']} of {r['agreed']} agreed facts "
          f"span two or more {unit}; the facts fall in {r['stories']} stories of the engine ({r['prefixes']} {unit} written)",
          file=sys.stderr)


def main() -> None:
    """Parse options, write each corpus at each size, measure and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", nargs="+", choices=CORPORA, default=list(CORPORA), help="corpora to run (default: all)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000], help="article counts, run in ascending order")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is shown")
    ap.add_argument("--keep", type=Path, help="write the articles here (kept) instead of a temp folder")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--in-process", action="store_true", help="time load / extract / find_facts in this process")
    ap.add_argument("--max-gb", type=float, default=8.0, help="address-space cap of the checker run (default 8)")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds before a checker run is stopped")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.child)
    base = Path(tempfile.mkdtemp(prefix="bench_check_")) if args.keep is None else args.keep
    runs, rows, stages = [], [], []
    try:
        for corpus in [c for c in CORPORA if c in args.corpus]:
            if corpus != "generated" and not SHARED.is_dir():
                print(f"{corpus}: skipped, {SHARED} (the shared seeds and dev corpus) is absent", file=sys.stderr)
                continue
            for n in sorted(args.sizes):
                folder = base / corpus / f"n{n}"
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                note = build(corpus, n, args.seed, folder)
                mb = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6
                print(f"{corpus}: {n} articles, {mb:.2f} MB, {note}, in {folder}", file=sys.stderr)
                if args.in_process:
                    stages += [[corpus, f"{n:,}", label, f"{s:.2f}", f"{peak:.1f}"] for label, s, peak in in_process(folder)]
                    continue
                tries = [measure(folder, args.max_gb, args.timeout) for _ in range(args.repeat)]
                best = min(tries, key=lambda r: (r["rc"] != 0, r.get("seconds", 0.0)))
                best["rss_mb"] = max(r["rss_mb"] for r in tries)
                report(corpus, n, best)
                runs.append((corpus, n, best))
                rows.append(row(corpus, n, mb, best))
                if args.keep is None:
                    shutil.rmtree(folder, ignore_errors=True)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    if stages:
        print(tabulate(stages, ["corpus", "articles", "stage", "seconds", "tracemalloc peak MB"], tablefmt="github",
                       disable_numparse=True, colalign=("left", "right", "left", "right", "right")))
    if rows:
        print(tabulate(rows, ["corpus", "articles", "MB", "seconds", "articles/s", "MB/s", "MB/s per CPU-s",
                              "load MB/s", "extract MB/s", "facts MB/s", "report MB/s", "scan MB/s (x slower)", "peak RSS MB",
                              "findings", "agreed"], tablefmt="github", disable_numparse=True,
                       colalign=("left",) + ("right",) * 14))
    if lines := growth(runs):
        print()
        print(tabulate(lines, ["corpus", "articles", "time ratio", "time", "findings ratio", "findings"],
                       tablefmt="github", disable_numparse=True, colalign=("left", "right", "right", "left", "right", "left")))


if __name__ == "__main__":
    main()
