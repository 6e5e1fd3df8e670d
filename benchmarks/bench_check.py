"""Benchmark `checker check` on N synthetic news articles (see benchmarks/README.md)."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SYL = "ka lo mi ra ve to sun dal bek ori an zu pel gor ith mar nes qua fen tir".split()
ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
EVENTS = ["flood", "earthquake", "wildfire", "storm", "landslide", "factory fire", "train crash"]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
OUTLETS = [f"The {w} {k}" for w in ("Daily", "Evening", "Northern", "Coastal", "Valley") for k in ("Herald", "Post", "Courier", "Tribune")]


def name(rng: random.Random, parts: int = 2) -> str:
    """Return an invented capitalized word made of random syllables."""
    return "".join(rng.choice(SYL) for _ in range(parts)).capitalize()


def spell(n: int) -> str:
    """Return n < 100 in words, else with thousands separators."""
    if n >= 100:
        return f"{n:,}"
    return ONES[n] if n < 20 else TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])


def num(rng: random.Random, n: int) -> str:
    """Phrase a count with a random style and a qualifier that stays true."""
    style = rng.randrange(5)
    if style == 0:
        return spell(n) if n < 100 else f"{n:,}"
    if style == 1:
        return f"at least {n:,}"
    if style == 2:
        return f"about {n:,}"
    if style == 3 and n > 10:
        return f"more than {n - rng.randint(1, max(1, n // 10)):,}"
    return f"nearly {n + rng.randint(1, max(1, n // 10)):,}" if n > 10 else str(n)


def facts(rng: random.Random) -> dict:
    """Invent the checkable facts of one story."""
    return {"place": name(rng), "town": name(rng, 3), "person": f"{name(rng)} {name(rng, 3)}",
            "event": rng.choice(EVENTS), "dead": rng.randint(3, 240), "hurt": rng.randint(5, 900),
            "evac": rng.randint(200, 40000), "houses": rng.randint(20, 5000), "curfew": rng.choice((7, 14, 21, 30, 45)),
            "km": rng.randint(3, 80), "aid": rng.choice((1.5, 2, 3.5, 7.25, 12, 40)), "pct": rng.randint(5, 95),
            "year": rng.randint(1950, 2020)}


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
    d = f["curfew"]
    curfew = rng.choice([f"The governor declared a {d}-day curfew.", f"A curfew of {spell(d)} days was imposed on {p}."]
                        + ([f"A {d // 7}-week curfew was announced."] if d % 7 == 0 else []))
    km = f["km"]
    dist = rng.choice([f"The worst damage was {km} kilometers from {f['town']}.", f"The epicenter lay about {km} km from {f['town']}.",
                       f"The worst-hit village is roughly {round(km * 0.621)} miles from {f['town']}."])
    aid = rng.choice([f"The government pledged ${f['aid']} million in emergency aid.", f"Donors promised {f['aid']} million dollars for reconstruction."])
    pct = rng.choice([f"About {f['pct']}% of the harvest was lost.", f"Power was cut to {f['pct']} percent of homes."])
    return [killed, hurt, evac, houses, curfew, dist, aid, pct]


def filler(rng: random.Random, f: dict) -> str:
    """Return a sentence with no checkable fact of the story (dates, ages, years, quotes)."""
    day, when, other = rng.choice(DAYS), f"{rng.choice(MONTHS)} {rng.randint(1, 28)}", name(rng)
    return rng.choice([
        f"Rescue teams worked through the night on {day} to reach the {other} valley.",
        f"\"We lost everything,\" said a {rng.randint(19, 88)}-year-old farmer from {f['town']}.",
        f"\"The response has been too slow,\" {f['person']} told reporters on {when}.",
        f"It was the worst {f['event']} to hit {f['place']} since {f['year']}, residents said.",
        f"Schools in {f['town']} remained closed on {day} and roads were blocked by debris.",
        f"Aid groups warned that clean water was running short in several camps near {other}.",
        f"{f['person']}, who has led the regional council since {f['year']}, visited the area on {day}.",
        f"Forecasters said more rain was expected in {f['place']} later in the week.",
        f"Volunteers handed out blankets and food at a stadium in {other} on {day}.",
        f"The national weather service had issued a warning on {when}, two days before the {f['event']}.",
        f"\"We will rebuild {f['town']},\" {f['person']} said at a briefing on {day}.",
        f"A {rng.randint(19, 88)}-year-old teacher described the moment the {f['event']} hit as terrifying.",
        f"Engineers from {other} were inspecting bridges and the main road to {f['town']}.",
        f"Opposition politicians in {f['place']} called for an inquiry into the preparations.",
        f"The region was last hit by a disaster of this kind in {rng.randint(1950, 2020)}.",
        f"Footage shared online showed residents wading through debris in central {f['town']}.",
        f"The army sent helicopters and boats on {day} to reach villages cut off near {other}.",
        f"Officials in {f['place']} said the full cost would not be known for weeks.",
        f"Churches and mosques in {f['town']} opened their doors to families with nowhere to go.",
        f"Insurers said claims were expected to rise sharply after {when}.",
        f"\"Nobody told us to leave,\" said {name(rng)} {name(rng, 3)}, {rng.randint(19, 88)}, a shopkeeper."])


def article(rng: random.Random, f: dict, dead: int, outlet: str, day: date) -> str:
    """Return one article file's text with front matter."""
    sents = fact_sentences(rng, f, dead) + [filler(rng, f) for _ in range(rng.randint(14, 40))]
    head, rest = sents[0], sents[1:]
    rng.shuffle(rest)
    sents = [head] + rest
    paras, i = [], 0
    while i < len(sents):
        k = rng.randint(2, 5)
        paras.append(" ".join(sents[i:i + k]))
        i += k
    title = f"{f['event'].capitalize()} in {f['place']} kills {dead}"
    return f"---\nsource: {outlet}\npublished: {day.isoformat()}\ntitle: {title}\n---\n" + "\n\n".join(paras) + "\n"


def generate(n: int, seed: int, folder: Path) -> tuple[int, int]:
    """Write n articles into folder; return (total bytes, stories with a planted disagreement)."""
    rng, written, total, planted, story = random.Random(seed), 0, 0, 0, 0
    while written < n:
        f, size = facts(rng), min(rng.randint(3, 8), n - written)
        odd = rng.randrange(size) if size > 1 and rng.random() < 0.2 else -1
        planted += odd >= 0
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
        for j in range(size):
            dead = f["dead"] * 2 + 7 if j == odd else f["dead"]
            text = article(rng, f, dead, rng.choice(OUTLETS), start + timedelta(days=rng.randrange(3)))
            path = folder / f"s{story:05d}_a{j}.txt"
            path.write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
        written, story = written + size, story + 1
    return total, planted


def checker_cmd() -> list[str]:
    """Return the command that runs the checker: the script next to python, else -m."""
    exe = Path(sys.executable).with_name("checker")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "checker"]


def measure_child(folder: str) -> None:
    """(In a fresh process) run the checker once and print time, peak RSS and counts as JSON."""
    import resource
    t0 = time.perf_counter()
    done = subprocess.run(checker_cmd() + ["check", folder, "--format", "json", "--fail-on", "never"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    report = json.loads(done.stdout) if done.returncode == 0 else {}
    print(json.dumps({"seconds": seconds, "rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                      "claims": report.get("claims", -1), "discrepancies": len(report.get("discrepancies", [])),
                      "rc": done.returncode, "stderr": done.stderr[-500:]}))


def measure(folder: Path) -> dict:
    """Measure one checker run in its own intermediate process, so ru_maxrss is for that run only."""
    out = subprocess.run([sys.executable, __file__, "--child", str(folder)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def in_process(folder: Path) -> None:
    """Time the engine's stages in this process, with tracemalloc peaks."""
    import tracemalloc
    from checker.config import load_settings
    from checker.engine import extract_claims, find_discrepancies
    from checker.loader import load_paths
    settings = load_settings({"fail_on": "never"})
    tracemalloc.start()
    stages, result = [], None
    for label, step in (("load", lambda _: load_paths([str(folder)], max_bytes=int(settings.max_file_mb * 1e6))),
                        ("extract", lambda loaded: (loaded, extract_claims(loaded.articles, settings))),
                        ("match+compare", lambda lc: find_discrepancies(lc[1], lc[0].articles, settings))):
        tracemalloc.reset_peak()
        t0 = time.perf_counter()
        result = step(result)
        stages.append((label, time.perf_counter() - t0, tracemalloc.get_traced_memory()[1] / 1e6))
        if label == "extract":
            claims = len(result[1])
    tracemalloc.stop()
    for label, secs, peak in stages:
        print(f"  {label:<14} {secs:8.2f} s   tracemalloc peak {peak:8.1f} MB")
    print(f"  {'total':<14} {sum(s for _, s, _ in stages):8.2f} s   claims {claims}, discrepancies {len(result)}")


def main() -> None:
    """Parse options, generate corpora, measure and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="write the articles here (kept) instead of a temp folder")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--in-process", action="store_true", help="time load / extract / match+compare in this process")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return measure_child(args.child)
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
            runs = [measure(folder) for _ in range(args.repeat)]
            best = min(runs, key=lambda r: r["seconds"])
            if best["rc"] != 0:
                print(f"checker exited {best['rc']}: {best['stderr']}", file=sys.stderr)
            rows.append((n, size / 1e6, best["seconds"], max(r["rss_kib"] for r in runs) / 1024, best["claims"], best["discrepancies"]))
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    if not rows:
        return
    print(f"{'N':>6} {'MB':>7} {'seconds':>8} {'art/s':>8} {'MB/s':>6} {'peakRSS MB':>10} {'claims':>8} {'discrep.':>8}")
    for n, mb, secs, rss, claims, disc in rows:
        print(f"{n:>6} {mb:>7.2f} {secs:>8.2f} {n / secs:>8.1f} {mb / secs:>6.2f} {rss:>10.1f} {claims:>8} {disc:>8}")
    if len(rows) > 1:
        (n0, _, s0, *_), (n1, _, s1, *_) = rows[0], rows[-1]
        ratio, allowed = s1 / s0, 2.5 * (n1 / n0) / 2
        verdict = "within" if ratio <= allowed else "NOT within"
        print(f"scaling: {n1}/{n0} took {ratio:.2f}x the time ({verdict} {allowed:.2f}x for {n1 / n0:.1f}x the articles)")


if __name__ == "__main__":
    main()
