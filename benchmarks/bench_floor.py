"""What any check of this design costs at least, next to the bare regex scan (see README.md)."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from dataclasses import fields
from pathlib import Path

from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import CORPORA, SHARED, build, scan_seconds  # noqa: E402

# The least a sentence splitter does: one pass for a full stop, a question or an exclamation
# mark (and any closing quote or bracket) before a space or the end.
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?:\s+|$)")
GOAL = 2.2  # the bound set for the whole check: within this many scans
STEPS = ("files", "sentences", "claims", "JSON report")


def fastest(work, rounds: int = 3) -> float:
    """Return the fastest of `rounds` timings of work()."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def floors(folder: Path) -> dict:
    """Run the check on folder (untimed), then time the least of each step it cannot do without."""
    from checker.config import Settings
    from checker.engine import find_facts
    from checker.extraction import extract_claims
    from checker.loader import load_paths
    from checker.records import Claim, Report, Sentence
    from checker.report import json as json_report

    settings = Settings()
    loaded = load_paths([str(folder)], max_bytes=int(settings.max_file_mb * 1_000_000))
    warnings: list[str] = []
    claims = extract_claims(loaded.articles, settings, None, warnings)
    disputed, agreed = find_facts(claims, loaded.articles, settings)
    document = json.loads(json_report.render(Report(loaded.articles, tuple(claims), tuple(disputed), tuple(agreed),
                                                    tuple(warnings))))
    texts = [(a.id, a.text) for a in loaded.articles]
    names = [f.name for f in fields(Claim)]
    values = [tuple(getattr(c, name) for name in names) for c in claims]

    def sentences() -> None:
        for key, text in texts:
            start = 0
            for i, end in enumerate(SENTENCE_END.finditer(text)):
                Sentence(key, i, start, end.end(), text[start:end.end()], 0)
                start = end.end()

    files = sorted(folder.glob("*.txt"))
    steps = {
        "scan": scan_seconds([text for _, text in texts]),
        # Each article's file read and decoded: no front matter, no manifest.
        "files": fastest(lambda: [path.read_text(encoding="utf-8") for path in files]),
        # Each sentence found and kept as the Sentence record the design passes on (STYLE.md: frozen, slotted).
        "sentences": fastest(sentences),
        # Each claim the check found, built once as its Claim record: no reading, no id, no copy.
        "claims": fastest(lambda: [Claim(*v) for v in values]),
        # The JSON report's text as the standard library's C encoder writes it (no indentation, no file).
        "JSON report": fastest(lambda: json.dumps(document, ensure_ascii=False, sort_keys=True)),
    }
    return {"steps": steps, "mb": sum(len(t.encode("utf-8")) for _, t in texts) / 1e6, "claims": len(claims),
            "json_mb": len(json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")) / 1e6}


def main() -> None:
    """Write each corpus, measure its floors and print one row per corpus."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", nargs="+", choices=CORPORA, default=list(CORPORA))
    ap.add_argument("--size", type=int, default=2000, help="articles per corpus (default 2000)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rows = []
    base = Path(tempfile.mkdtemp(prefix="bench_floor_"))
    try:
        for corpus in [c for c in CORPORA if c in args.corpus]:
            if corpus != "generated" and not SHARED.is_dir():
                print(f"{corpus}: skipped, {SHARED} (the shared seeds and dev corpus) is absent", file=sys.stderr)
                continue
            folder = base / corpus
            folder.mkdir(parents=True)
            build(corpus, args.size, args.seed, folder)
            print(f"{corpus}: {args.size} articles written; checking, then timing the floors", file=sys.stderr)
            r = floors(folder)
            s = r["steps"]
            least = sum(s.values())
            rows.append([corpus, f"{args.size:,}", f"{r['mb']:.1f}", f"{r['claims']:,}", f"{r['json_mb']:.1f}",
                         f"{s['scan']:.3f}", *(f"{s[k]:.3f} (x{s[k] / s['scan']:.2f})" for k in STEPS),
                         f"{least:.3f} (x{least / s['scan']:.2f})", f"{GOAL * s['scan']:.3f}"])
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(tabulate(rows, ["corpus", "articles", "MB", "claims", "JSON MB", "scan s", *(f"{k} s (x scan)" for k in STEPS),
                          "sum s (x scan)", f"x{GOAL} budget s"],
                   tablefmt="github", disable_numparse=True, colalign=("left",) + ("right",) * (8 + len(STEPS))))


if __name__ == "__main__":
    main()
