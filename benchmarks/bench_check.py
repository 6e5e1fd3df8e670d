"""Benchmark `checker check` on N synthetic news articles (see benchmarks/README.md)."""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SYL = ("ka lo mi ra ve to sun dal bek ori an zu pel gor ith mar nes qua fen tir bo cha dri el fa hul "
       "jin kor lam mub nor pa rus sel tam ush vik wen yar zo").split()
ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
EVENTS = ["flood", "earthquake", "wildfire", "storm", "landslide", "factory fire", "train crash"]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
OUTLETS = [f"The {w} {k}" for w in ("Daily", "Evening", "Northern", "Coastal", "Valley") for k in ("Herald", "Post", "Courier", "Tribune")]


def name(rng: random.Random, used: set[str], parts: int = 3) -> str:
    """Return an invented capitalized word of random syllables, unused by other stories."""
    while len(used) > len(SYL) ** parts // 4:  # keep the draw fast for huge corpora
        parts += 1
    while (word := "".join(rng.choice(SYL) for _ in range(parts)).capitalize()) in used:
        pass
    used.add(word)
    return word


def spell(n: int) -> str:
    """Return n < 100 in words, else with thousands separators."""
    if n >= 100:
        return f"{n:,}"
    return ONES[n] if n < 20 else TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])


def num(rng: random.Random, n: int) -> str:
    """Phrase a count with a random style and a qualifier that stays true."""
    slack = rng.randint(1, max(1, n // 10))  # "nearly n + slack" reaches down to n only when slack <= n / 10
    shifted = [f"more than {n - slack:,}", f"nearly {n + slack:,}", f"over {n - slack:,}"] if n >= 10 else []
    return rng.choice([spell(n), f"{n:,}", f"at least {n:,}", f"about {n:,}"] + shifted)


def facts(rng: random.Random, used: set[str]) -> dict:
    """Invent the names and checkable facts of one story."""
    return {"place": name(rng, used), "town": name(rng, used), "person": f"{name(rng, used, 2)} {name(rng, used)}",
            "others": [name(rng, used) for _ in range(3)],
            # A quote has one speaker in every article of the story, as in real coverage.
            "shopkeeper": f"{name(rng, used)} {name(rng, used)}ski", "age": rng.randint(19, 88),  # one age too
            "event": rng.choice(EVENTS), "dead": rng.randint(3, 240), "hurt": rng.randint(5, 900),
            "evac": rng.randint(200, 40000), "houses": rng.randint(20, 5000), "curfew": rng.choice((7, 14, 21, 30, 45)),
            "km": rng.randint(3, 80), "aid": rng.choice((1.5, 2, 3.5, 7.25, 12, 40)), "pct": rng.randint(5, 95),
            "year": rng.randint(1950, 2020), "last": rng.randint(1950, 2020),
            # Dates of side events are facts of the story too: the same in every article.
            "day": f"{rng.choice(MONTHS)} {rng.randint(1, 28)}", "warned": f"{rng.choice(MONTHS)} {rng.randint(1, 28)}"}


def fact_sentences(rng: random.Random, f: dict, dead: int) -> list[str]:
    """Return one sentence per fact, phrased at random."""
    n, p, e = lambda v: num(rng, v), f["place"], f["event"]
    killed = rng.choice([f"{n(dead).capitalize()} people were killed in the {e} in {p}.",
                         f"The {e} in {p} left {n(dead)} people dead, officials said.",
                         f"{n(dead).capitalize()} people died after the {e} struck {p}.",
                         f"Officials said {n(dead)} people lost their lives in the {e}.",
                         f"The death toll from the {e} rose to {n(dead)} on {rng.choice(DAYS)}."])
    hurt = rng.choice([f"Another {n(f['hurt'])} people were injured.", f"At least {f['hurt']} others were wounded, the health ministry said.",
                       f"Hospitals in {p} treated {n(f['hurt'])} injured people."])
    evac = rng.choice([f"{n(f['evac']).capitalize()} residents were evacuated from {f['town']}.",
                       f"Authorities evacuated {n(f['evac'])} people from low-lying districts."])
    houses = rng.choice([f"{n(f['houses']).capitalize()} houses were damaged.", f"The {e} damaged {n(f['houses'])} homes across the region."])
    d, km = f["curfew"], f["km"]
    curfew = rng.choice([f"The governor declared a {d}-day curfew.", f"A curfew of {spell(d)} days was imposed on {p}."]
                        + ([f"A {d // 7}-week curfew was announced."] if d % 7 == 0 else []))
    dist = rng.choice([f"The worst damage was {km} kilometers from {f['town']}.", f"The epicenter lay about {km} km from {f['town']}.",
                       f"The worst-hit village is roughly {round(km * 0.621)} miles from {f['town']}."])
    aid = rng.choice([f"The government pledged ${f['aid']} million in emergency aid.", f"Donors promised {f['aid']} million dollars for reconstruction."])
    pct = rng.choice([f"About {f['pct']}% of the harvest was lost.", f"Power was cut to {f['pct']} percent of homes."])
    return [killed, hurt, evac, houses, curfew, dist, aid, pct]


def filler(rng: random.Random, f: dict) -> str:
    """Return a sentence with no checkable fact of the story (dates, ages, years, quotes)."""
    day, when, other = f["day"], f["warned"], rng.choice(f["others"])
    return rng.choice([
        f"Rescue teams worked through the night on {day} to reach the {other} valley.",
        f"\"We lost everything,\" said a {rng.randint(19, 88)}-year-old farmer from {f['town']}.",
        f"\"The response has been too slow,\" {f['person']} told reporters on {when}.",
        f"It was the worst {f['event']} to hit {f['place']} since {f['year']}, residents said.",
        f"Schools in {f['town']} remained closed on {day} and roads were blocked by debris.",
        f"{f['person']}, who has led the regional council since {f['year']}, visited the area on {day}.",
        f"Forecasters said more rain was expected in {f['place']} later in the week.",
        f"The national weather service had issued a warning on {when}, two days before the {f['event']}.",
        f"\"We will rebuild {f['town']},\" {f['person']} said at a briefing on {day}.",
        f"A {rng.randint(19, 88)}-year-old teacher described the moment the {f['event']} hit as terrifying.",
        f"Opposition politicians in {f['place']} called for an inquiry into the preparations.",
        f"The region was last hit by a disaster of this kind in {f['last']}.",
        f"The army sent helicopters and boats on {day} to reach villages cut off near {other}.",
        f"Officials in {f['place']} said the full cost would not be known for weeks.",
        f"Insurers said claims were expected to rise sharply after {when}.",
        f"\"Nobody told us to leave,\" said {f['shopkeeper']}, {f['age']}, a shopkeeper."])


def article(rng: random.Random, f: dict, dead: int, outlet: str, day: date) -> str:
    """Return one article file's text with front matter."""
    sents = fact_sentences(rng, f, dead) + [filler(rng, f) for _ in range(rng.randint(14, 40))]
    sents[1:] = rng.sample(sents[1:], len(sents) - 1)  # the lead keeps the death toll
    cuts = sorted(rng.sample(range(1, len(sents)), len(sents) // 4))
    paras = [" ".join(sents[i:j]) for i, j in zip([0] + cuts, cuts + [len(sents)])]
    title = f"{f['event'].capitalize()} in {f['place']} kills {dead}"
    return f"---\nsource: {outlet}\npublished: {day.isoformat()}\ntitle: {title}\n---\n" + "\n\n".join(paras) + "\n"


def generate(n: int, seed: int, folder: Path) -> tuple[int, int]:
    """Write n articles into folder; return (total bytes, stories with a planted disagreement)."""
    rng, used, written, total, planted, story = random.Random(seed), set(), 0, 0, 0, 0
    while written < n:
        f, size = facts(rng, used), min(rng.randint(3, 8), n - written)
        odd = rng.randrange(size) if size > 1 and rng.random() < 0.2 else -1
        planted += odd >= 0
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
        for j in range(size):
            dead = f["dead"] * 2 + 7 if j == odd else f["dead"]
            text = article(rng, f, dead, rng.choice(OUTLETS), start + timedelta(days=rng.randrange(3)))
            (folder / f"s{story:05d}_a{j}.txt").write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
        written, story = written + size, story + 1
    return total, planted


def checker_cmd() -> list[str]:
    """Return the command that runs the checker: the script next to python, else -m."""
    exe = Path(sys.executable).with_name("checker")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "checker"]


def measure_child(folder: str, max_gb: float, timeout: float) -> None:
    """(In a fresh process) run the checker once; print seconds, peak RSS and counts as JSON."""
    import resource
    cap, t0, report, err = int(max_gb * 2**30), time.perf_counter(), {}, ""
    limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (cap, cap))  # noqa: E731  (keeps the machine alive)
    try:
        done = subprocess.run(checker_cmd() + ["check", folder, "--format", "json", "--fail-on", "never"],
                              capture_output=True, text=True, timeout=timeout, preexec_fn=limit)
        rc, err = done.returncode, done.stderr[-2000:]
        report = json.loads(done.stdout) if rc == 0 else {}
    except subprocess.TimeoutExpired:
        rc, err = -1, f"timed out after {timeout:.0f} s"
    seconds = time.perf_counter() - t0
    found = report.get("discrepancies", [])
    same = sum(d["a"]["article"].split("_")[0] == d["b"]["article"].split("_")[0] for d in found)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / (1024 if sys.platform == "darwin" else 1)  # KiB
    print(json.dumps({"seconds": seconds, "rss_kib": rss,
                      "claims": report.get("claims", -1), "discrepancies": len(found), "same_story": same,
                      "rc": rc, "stderr": err}))


def measure(folder: Path, max_gb: float, timeout: float) -> dict:
    """Measure one checker run in its own intermediate process, so ru_maxrss is for that run only."""
    out = subprocess.run([sys.executable, __file__, "--child", str(folder), "--max-gb", str(max_gb),
                          "--timeout", str(timeout)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def in_process(folder: Path) -> None:
    """Time load, extract and match+compare in this process, then rerun each under tracemalloc for its peak."""
    import tracemalloc
    from checker.config import load_settings
    from checker.engine import extract_claims, find_discrepancies
    from checker.loader import load_paths
    settings = load_settings({"fail_on": "never"})
    steps = (("load", lambda _: load_paths([str(folder)], max_bytes=int(settings.max_file_mb * 1e6))),
             ("extract", lambda loaded: (loaded, extract_claims(loaded.articles, settings))),
             ("match+compare", lambda lc: (lc, find_discrepancies(lc[1], lc[0].articles, settings))))
    data, total = None, 0.0
    for label, step in steps:
        t0 = time.perf_counter()
        out = step(data)
        secs = time.perf_counter() - t0
        del out
        tracemalloc.start()
        data = step(data)  # traced rerun: tracemalloc slows allocation-heavy code, so it is not timed
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        total += secs
        print(f"  {label:<14} {secs:8.2f} s   tracemalloc peak {peak:8.1f} MB", flush=True)
    (_, claims), found = data
    print(f"  {'total':<14} {total:8.2f} s   claims {len(claims)}, discrepancies {len(found)}")


def main() -> None:
    """Parse options, generate corpora, measure and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000], help="article counts, run in ascending order")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is shown")
    ap.add_argument("--keep", type=Path, help="write the articles here (kept) instead of a temp folder")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--in-process", action="store_true", help="time load / extract / match+compare in this process")
    ap.add_argument("--max-gb", type=float, default=8.0, help="address-space cap of the checker run (default 8)")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds before a checker run is stopped")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return measure_child(args.child, args.max_gb, args.timeout)
    base = Path(tempfile.mkdtemp(prefix="bench_check_")) if args.keep is None else args.keep
    rows = []
    try:
        for n in sorted(args.sizes):
            folder = base / f"n{n}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            size, planted = generate(n, args.seed, folder)
            print(f"generated {n} articles, {size / 1e6:.2f} MB, {planted} planted disagreements in {folder}", file=sys.stderr)
            if args.in_process:
                print(f"in-process stages, N={n}:")
                in_process(folder)
                continue
            runs = [measure(folder, args.max_gb, args.timeout) for _ in range(args.repeat)]
            best = min(runs, key=lambda r: (r["rc"] != 0, r["seconds"]))
            if best["rc"] != 0:
                where = [line.strip() for line in best["stderr"].splitlines() if line.strip().startswith("File ")]
                print(f"N={n}: checker failed (exit {best['rc']}): {best['stderr'].strip().splitlines()[-1:]} {where[-1:]}", file=sys.stderr)
            rows.append({**best, "n": n, "mb": size / 1e6, "planted": planted, "rss": max(r["rss_kib"] for r in runs) / 1024})
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    if rows:
        table(rows)


def table(rows: list[dict]) -> None:
    """Print one line per size and, for two or more finished sizes, the scaling line."""
    print(f"{'N':>6} {'MB':>6} {'seconds':>8} {'art/s':>7} {'MB/s':>6} {'peakRSS MB':>10} {'claims':>7} "
          f"{'discrep.':>9} {'same-story':>10} {'planted':>7}")
    for r in rows:
        why = "timeout" if r["rc"] == -1 else "MemoryError" if "MemoryError" in r["stderr"] else f"exit {r['rc']}"
        status = "" if r["rc"] == 0 else f"  FAILED ({why})"
        print(f"{r['n']:>6} {r['mb']:>6.2f} {r['seconds']:>8.2f} {r['n'] / r['seconds']:>7.1f} {r['mb'] / r['seconds']:>6.2f} "
              f"{r['rss']:>10.1f} {r['claims']:>7} {r['discrepancies']:>9} {r['same_story']:>10} {r['planted']:>7}{status}")
    done = [r for r in rows if r["rc"] == 0]
    if len(done) > 1:
        small, large = done[0], done[-1]
        ratio, grow = large["seconds"] / small["seconds"], large["n"] / small["n"]
        allowed = 2.5 * grow / 2  # 2.5x the time for 2x the articles, pro rata
        verdict = "within" if ratio <= allowed else "NOT within"
        print(f"scaling: {large['n']}/{small['n']} took {ratio:.2f}x the time ({verdict} {allowed:.2f}x for {grow:.1f}x the articles)")


if __name__ == "__main__":
    main()
