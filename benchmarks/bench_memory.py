"""Run the synth batch under several memory bounds; print each run's exit status, message and peak memory."""

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
from bench_check import SHARED, checker_cmd, synth  # noqa: E402


def tree(pid: int) -> list[int]:
    """Return a process and its descendants (the extraction workers)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        queue.extend(int(child) for child in children)
    return found


def status_mb(pid: int, field: str) -> float:
    """Return one /proc/PID/status figure in MB, 0 when the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measured_run(folder: Path, bound: int, work: Path, reports: bool = False) -> dict:
    """Check the folder with max_memory_mb = bound (with `reports`, writing the five reports too);
    sample the data and resident size of the run's processes."""
    config = work / f"bound{bound}.cfg"
    config.write_text(f"[checker]\nmax_memory_mb = {bound}\n")
    start = time.perf_counter()
    # Written to files, not pipes: a report larger than a pipe's buffer would block the run.
    out_file, err_file = open(work / "out.json", "w+"), open(work / "err.txt", "w+")
    written = ["--out", str(work / "reports")] if reports else []
    child = subprocess.Popen([*checker_cmd(), "check", str(folder), "--config", str(config), "--format", "json",
                              "--fail-on", "never", *written], cwd=work, stdout=out_file, stderr=err_file, text=True)
    peak_data = peak_rss = peak_main = 0.0
    while child.poll() is None:
        pids = tree(child.pid)
        main_data = status_mb(child.pid, "VmData")
        peak_main = max(peak_main, main_data)
        peak_data = max(peak_data, max(status_mb(pid, "VmData") for pid in pids))
        peak_rss = max(peak_rss, sum(status_mb(pid, "VmRSS") for pid in pids))
        time.sleep(0.02)
    child.wait()
    out, err = (work / "out.json").read_text(), (work / "err.txt").read_text()
    out_file.close()
    err_file.close()
    seconds = time.perf_counter() - start
    findings = len(json.loads(out)["findings"]) if child.returncode in (0, 1) and out else "-"
    message = next((line for line in err.splitlines() if line.startswith("checker: error")), "")
    return {"max_memory_mb": bound or "none", "exit": child.returncode, "s": round(seconds, 1),
            "peak data, main (MB)": round(peak_main), "peak data, any process (MB)": round(peak_data),
            "peak RSS, all processes (MB)": round(peak_rss), "findings": findings, "error": message[:90]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--bounds", type=int, nargs="+", default=[0, 1024, 300],
                        help="max_memory_mb values to run (0: no bound)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", action="store_true", help="also write the five reports (checker check --out)")
    args = parser.parse_args()
    if not (SHARED / "tools" / "synth.py").exists():
        sys.exit(f"skipped: {SHARED / 'tools' / 'synth.py'} is not there")
    with tempfile.TemporaryDirectory() as temp:
        folder, work = Path(temp) / "batch", Path(temp) / "work"
        folder.mkdir()
        work.mkdir()
        synth(args.articles, args.seed, folder)
        size = sum(path.stat().st_size for path in folder.iterdir()) / 1e6
        print(f"synth batch: {args.articles} articles, {size:.1f} MB", file=sys.stderr)
        rows = [measured_run(folder, bound, work, args.out) for bound in args.bounds]
    print(tabulate(rows, headers="keys", tablefmt="github"))


if __name__ == "__main__":
    main()
